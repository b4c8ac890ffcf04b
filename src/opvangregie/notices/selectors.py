"""Which notices are due, and for whom, worded per addressee.

Each notice is (kind, key, recipient, line). The key names the event by ids only; the line is
written for that recipient, through the same selectors as the pages, so a confidential name
only appears for someone who may see it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opvangregie.accounts.models import Role, User
from opvangregie.capacity.selectors import last_updates
from opvangregie.meetings.models import Proposal
from opvangregie.notices.models import Kind, MailOptOut, SentNotice
from opvangregie.pipeline import selectors as pipeline_selectors
from opvangregie.pipeline.models import Release
from opvangregie.regions.models import Municipality
from opvangregie.reports.overview import DEFAULT_STALE_AFTER_DAYS

# The digest runs daily: a proposal whose deadline falls before the next run plus a margin.
DEADLINE_WARNING = timedelta(hours=30)
# Older events are not mailed when the digest first runs (or after a long pause).
LOOKBACK = timedelta(days=7)


@dataclass(frozen=True)
class Notice:
    kind: str
    key: str
    recipient: User
    line: str


def _local(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y H:i")


def region_coordinators(region) -> list[User]:
    return list(User.objects.filter(role=Role.COORDINATOR, is_active=True,
                                    safety_region=region).order_by("pk"))


def region_users(region) -> list[User]:
    """Everyone who works in the region: its coordinators and board, and the officers of its
    municipalities (administrators are not mailed about every region)."""
    return list(User.objects.filter(is_active=True).filter(
        Q(role__in=[Role.COORDINATOR, Role.BOARD], safety_region=region)
        | Q(role=Role.OFFICER, municipalities__safety_region=region)
    ).distinct().order_by("pk"))


def deadline_notices(now: datetime) -> list[Notice]:
    proposals = Proposal.objects.filter(
        answer="", is_illustrative=False,
        submitted_at__gt=now - timedelta(hours=72),
        submitted_at__lte=now - timedelta(hours=72) + DEADLINE_WARNING,
    ).select_related("safety_region")
    notices = []
    for proposal in proposals:
        line = _("Het voorstel aan het Rijk '%(title)s' heeft nog geen antwoord; de termijn "
                 "van 72 uur verloopt op %(when)s.") % {
            "title": proposal.title, "when": _local(proposal.deadline)}
        notices += [Notice(Kind.DEADLINE, f"proposal:{proposal.pk}", user, line)
                    for user in region_coordinators(proposal.safety_region)]
    return notices


def embargo_notices(now: datetime) -> list[Notice]:
    releases = Release.objects.filter(
        embargo_until__lte=now, embargo_until__gt=now - LOOKBACK
    ).select_related("candidate__municipality", "candidate__safety_region")
    notices = []
    for release in releases:
        candidate = release.candidate
        for user in region_users(candidate.safety_region):
            view = pipeline_selectors.to_view(user, candidate, [], now=now)
            line = _("Het embargo op %(label)s is op %(when)s afgelopen; de vrijgegeven "
                     "gegevens zijn nu voor alle gebruikers zichtbaar.") % {
                "label": view.label, "when": _local(release.embargo_until)}
            notices.append(Notice(Kind.EMBARGO, f"release:{release.pk}", user, line))
    return notices


def stale_notices(now: datetime, *, stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
                  ) -> list[Notice]:
    """Municipalities whose last registration or confirmation just passed the staleness
    limit (one notice per stale period: a new update starts a new period)."""
    limit = now - timedelta(days=stale_after_days)
    municipalities = {m.pk: m for m in Municipality.objects.select_related("safety_region")}
    notices = []
    for municipality_id, last in last_updates(list(municipalities), as_of=now).items():
        if not limit - LOOKBACK < last <= limit:
            continue
        municipality = municipalities[municipality_id]
        recipients = set(region_coordinators(municipality.safety_region))
        recipients |= set(municipality.officers.filter(is_active=True))
        line = _("De cijfers van %(m)s zijn sinds %(when)s niet bijgewerkt of bevestigd.") % {
            "m": municipality.name, "when": _local(last)}
        notices += [Notice(Kind.STALE, f"municipality:{municipality_id}:{last:%Y%m%d%H%M%S}",
                           user, line) for user in sorted(recipients, key=lambda u: u.pk)]
    return notices


def unsent(notices: list[Notice]) -> list[Notice]:
    """Those not sent before, to users with an address who did not opt out of the kind."""
    if not notices:
        return []
    user_ids = {n.recipient.pk for n in notices}
    sent = set(SentNotice.objects.filter(recipient_id__in=user_ids).values_list(
        "kind", "key", "recipient_id"))
    opted_out = set(MailOptOut.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "kind"))
    return [n for n in notices if n.recipient.email
            and (n.kind, n.key, n.recipient.pk) not in sent
            and (n.recipient.pk, n.kind) not in opted_out]


def enabled_kinds(user) -> set[str]:
    off = set(MailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return {kind for kind in Kind.values if kind not in off}

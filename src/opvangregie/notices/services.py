"""Sending mail and recording what was sent. One mail per addressee (never a shared To or Cc
list: addressees may not learn who else was told), in Dutch, each line worded for them."""

import logging
from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy, ngettext

from opvangregie.audit.services import audit_record
from opvangregie.notices import selectors
from opvangregie.notices.models import Kind, MailOptOut, SentNotice
from opvangregie.notices.selectors import Notice

logger = logging.getLogger(__name__)

FOOTER = gettext_lazy(
    "Dit bericht komt van Opvangregie: %(url)s\n"
    "Welke berichten u per e-mail krijgt, stelt u in op %(url)s/account/e-mail/"
)


def _body(lines: list[str]) -> str:
    footer = FOOTER % {"url": settings.SITE_URL}
    return "\n\n".join([*(f"- {line}" for line in lines), footer]) + "\n"


def _send(notices: list[Notice], *, subject_for) -> int:
    """Mail each recipient their notices in one message and record them; returns mails sent.

    A failing mail server leaves that recipient's notices unrecorded, so the next run tries
    again; the others are recorded as they go."""
    by_user = defaultdict(list)
    for notice in notices:
        by_user[notice.recipient].append(notice)
    mails = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user, own in sorted(by_user.items(), key=lambda item: item[0].pk):
            try:
                send_mail(subject_for(own), _body([n.line for n in own]),
                          settings.DEFAULT_FROM_EMAIL, [user.email])
            except OSError:
                logger.exception("Mail aan gebruiker %s kon niet worden verstuurd", user.pk)
                continue
            SentNotice.objects.bulk_create(
                [SentNotice(kind=n.kind, key=n.key, recipient=user) for n in own],
                ignore_conflicts=True,
            )
            mails += 1
    return mails


def emergency_mail_send(*, request_id: int) -> int:
    """Mail the addressees of the emergency button at once (called after the request is
    saved). The mail says what the in-app notification says: region, places, group, hours."""
    from opvangregie.operations.models import EmergencyRequest

    request = EmergencyRequest.objects.select_related("safety_region").get(pk=request_id)
    key = f"emergency:{request.pk}"
    with translation.override(settings.LANGUAGE_CODE):
        notices = [Notice(Kind.EMERGENCY, key, n.recipient, n.text) for n in
                   request.notifications.select_related("recipient").order_by("pk")]
        subject = ngettext("Noodknop %(region)s: %(n)s plek nodig",
                           "Noodknop %(region)s: %(n)s plekken nodig", request.places_needed) % {
            "region": request.safety_region.name, "n": request.places_needed}
    return _send(selectors.unsent(notices), subject_for=lambda own: subject)


def digest_send(*, now: datetime | None = None) -> int:
    """The daily digest: every due notice not sent before, one mail per addressee."""
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        due = (selectors.deadline_notices(now) + selectors.embargo_notices(now)
               + selectors.stale_notices(now))

        def subject_for(own):
            return ngettext("Opvangregie: %(n)s bericht", "Opvangregie: %(n)s berichten",
                            len(own)) % {"n": len(own)}

        return _send(selectors.unsent(due), subject_for=subject_for)


@transaction.atomic
def mail_preferences_set(*, user, enabled: set[str]) -> None:
    unknown = set(enabled) - set(Kind.values)
    if unknown:
        raise ValueError(f"unknown kinds: {sorted(unknown)}")
    before = sorted(selectors.enabled_kinds(user))
    MailOptOut.objects.filter(user=user, kind__in=enabled).delete()
    for kind in set(Kind.values) - set(enabled):
        opt_out = MailOptOut(user=user, kind=kind)
        if not MailOptOut.objects.filter(user=user, kind=kind).exists():
            opt_out.full_clean()
            opt_out.save()
    audit_record(actor=user, action="update", instance=user,
                 before={"e-mail": before}, after={"e-mail": sorted(enabled)})

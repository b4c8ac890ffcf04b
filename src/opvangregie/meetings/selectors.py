"""Reads for meetings, decisions, proposals and location reports, scoped to the user.

Everyone sees the meetings, decisions and proposals of their own region(s)
(`regions.selectors.safety_regions_for_user`); coordinators of the region (and administrators)
change them. Location reports follow the location: visible with the location
(`capacity.selectors.locations_for_user`), written by whoever may change the location (its
municipality's officers, the region's coordinators).

Every "as of" read takes what was recorded up to the end of that day (Europe/Amsterdam), so
the status deck of a past meeting is the same after later changes.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from opvangregie.accounts.models import Role
from opvangregie.capacity.models import Location, LocationType
from opvangregie.capacity.selectors import end_of_day, locations_for_user
from opvangregie.core.cache import NO_REGION, cached_for_user
from opvangregie.meetings.models import (
    Action,
    AgendaItem,
    Decision,
    DecisionStatus,
    DecisionUpdate,
    LocationReport,
    Meeting,
    Proposal,
)
from opvangregie.regions.selectors import safety_regions_for_user

CLOSED_DECISION_STATUSES = (DecisionStatus.DONE, DecisionStatus.DROPPED)


def _regions(user, region=None):
    regions = safety_regions_for_user(user)
    return regions.filter(pk=region.pk) if region is not None else regions


def may_manage(user, region) -> bool:
    """Coordinators of the region and administrators record meetings, decisions, proposals."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.role == Role.ADMINISTRATOR or (
        user.role == Role.COORDINATOR and user.safety_region_id == region.pk
    )


def managed_regions(user):
    regions = safety_regions_for_user(user).order_by("code")
    return [r for r in regions if may_manage(user, r)]


# --- meetings ---------------------------------------------------------------------------------


def meetings_for_user(user, *, region=None) -> QuerySet[Meeting]:
    return Meeting.objects.filter(safety_region__in=_regions(user, region)).select_related(
        "safety_region"
    )


def meeting_for_user(user, pk: int) -> Meeting:
    meeting = meetings_for_user(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def next_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(safety_region_id=meeting.safety_region_id, date__gt=meeting.date)
        .order_by("date", "pk")
        .first()
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(safety_region_id=meeting.safety_region_id, date__lt=meeting.date)
        .order_by("-date", "-pk")
        .first()
    )


@dataclass(frozen=True)
class DueItem:
    kind: str  # "action" or "decision"
    text: str
    owner: str
    due_date: date | None
    meeting: Meeting
    obj: object


def due_before_next_meeting(meeting: Meeting) -> tuple[Meeting | None, list[DueItem]]:
    """Open actions and open decisions of this and earlier meetings of the region that are due
    on or before the next meeting (or, without a next meeting, that have a due date)."""
    following = next_meeting(meeting)
    actions = Action.objects.filter(_open_actions_due(meeting)).select_related("meeting")
    decisions = Decision.objects.filter(_open_decisions_due(meeting)).select_related("meeting")
    if following is not None:
        actions = actions.filter(due_date__lte=following.date)
        decisions = decisions.filter(due_date__lte=following.date)
    return following, _due_items(meeting, following, actions, decisions)


def _open_actions_due(meeting: Meeting) -> Q:
    return Q(meeting__safety_region_id=meeting.safety_region_id, meeting__date__lte=meeting.date,
             done_at__isnull=True, due_date__isnull=False)


def _open_decisions_due(meeting: Meeting) -> Q:
    return Q(meeting__safety_region_id=meeting.safety_region_id, meeting__date__lte=meeting.date,
             due_date__isnull=False) & ~Q(status__in=CLOSED_DECISION_STATUSES)


def _due_items(meeting: Meeting, following: Meeting | None, actions, decisions
               ) -> list[DueItem]:
    """The rule of `due_before_next_meeting` on actions and decisions read with their meeting
    (the region's already): open, with a due date, by the next meeting, of this meeting or an
    earlier one."""
    def due(item) -> bool:
        return (item.due_date is not None and item.meeting.date <= meeting.date
                and (following is None or item.due_date <= following.date))

    items = [DueItem("action", a.text, a.owner, a.due_date, a.meeting, a) for a in actions
             if a.done_at is None and due(a)]
    items += [DueItem("decision", d.text, d.owner, d.due_date, d.meeting, d) for d in decisions
              if d.status not in CLOSED_DECISION_STATUSES and due(d)]
    items.sort(key=lambda item: (item.due_date, item.kind, item.obj.pk))
    return items


@dataclass(frozen=True)
class MeetingContents:
    items: list[AgendaItem]
    decisions: list[Decision]
    actions: list[Action]
    following: Meeting | None
    due: list[DueItem]  # as `due_before_next_meeting`


def meeting_contents(meeting: Meeting) -> MeetingContents:
    """What the meeting's page shows, in four queries: its agenda items (prefetched onto the
    meeting, for the forms' choices too), the next meeting, and its own decisions and actions
    read together with the region's open ones that have a due date (one query each, where
    reading them apart took two)."""
    prefetch_related_objects([meeting], "agenda_items")
    following = next_meeting(meeting)
    decisions = list(Decision.objects.filter(Q(meeting=meeting) | _open_decisions_due(meeting))
                     .select_related("meeting"))
    actions = list(Action.objects.filter(Q(meeting=meeting) | _open_actions_due(meeting))
                   .select_related("meeting"))
    return MeetingContents(
        items=list(meeting.agenda_items.all()),
        decisions=[d for d in decisions if d.meeting_id == meeting.pk],
        actions=[a for a in actions if a.meeting_id == meeting.pk],
        following=following,
        due=_due_items(meeting, following, actions, decisions),
    )


def decision_for_user(user, pk: int) -> Decision:
    decision = Decision.objects.filter(
        pk=pk, meeting__safety_region__in=_regions(user)
    ).select_related("meeting__safety_region").first()
    if decision is None:
        raise Http404
    return decision


def action_for_user(user, pk: int) -> Action:
    action = Action.objects.filter(
        pk=pk, meeting__safety_region__in=_regions(user)
    ).select_related("meeting__safety_region").first()
    if action is None:
        raise Http404
    return action


# --- decisions as of a date -------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionAsOf:
    decision: Decision
    status: str
    status_label: str

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_DECISION_STATUSES


def status_as_of(decision: Decision, known_at: datetime) -> str:
    """The status a decision had at `known_at`: its last update by then.

    `decision_create` records the first status as an update, so every decision has one.
    """
    updates = sorted(decision.updates.all(), key=lambda u: (u.changed_at, u.pk))
    before = [u for u in updates if u.changed_at <= known_at]
    return before[-1].status if before else decision.status


def decisions_as_of(user, *, region, as_of: date) -> list[DecisionAsOf]:
    """Decisions of the region's meetings on or before `as_of`, recorded by then."""
    known_at = end_of_day(as_of)
    decisions = (
        Decision.objects.filter(
            meeting__safety_region__in=_regions(user, region), meeting__date__lte=as_of,
            decided_on__lte=as_of, created_at__lte=known_at,
        )
        .select_related("meeting")
        .prefetch_related("updates")
        .order_by("-meeting__date", "horizon", "pk")
    )
    labels = dict(DecisionStatus.choices)
    result = []
    for decision in decisions:
        status = status_as_of(decision, known_at)
        result.append(DecisionAsOf(decision, status, str(labels[status])))
    return result


# --- proposals --------------------------------------------------------------------------------


def proposals_for_user(user, *, region=None) -> QuerySet[Proposal]:
    return Proposal.objects.filter(safety_region__in=_regions(user, region)).select_related(
        "safety_region", "meeting"
    )


def proposal_for_user(user, pk: int) -> Proposal:
    proposal = proposals_for_user(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


@dataclass(frozen=True)
class ProposalState:
    """A proposal as it stood at a moment: answered by then or not, overdue or not."""

    proposal: Proposal
    at: datetime

    @property
    def deadline(self) -> datetime:
        return self.proposal.deadline

    @property
    def answered(self) -> bool:
        answered_at = self.proposal.answered_at
        return bool(self.proposal.answer) and answered_at is not None and answered_at <= self.at

    @property
    def answer_label(self) -> str:
        return self.proposal.get_answer_display() if self.answered else ""

    @property
    def overdue(self) -> bool:
        """Not answered by the moment, and the 72 hours have passed."""
        return not self.answered and self.at > self.deadline

    @property
    def answered_late(self) -> bool:
        return self.answered and self.proposal.answered_at > self.deadline

    @property
    def hours_left(self) -> int:
        return int((self.deadline - self.at).total_seconds() // 3600)


def proposal_states(user, *, region=None, now: datetime | None = None) -> list[ProposalState]:
    now = now or timezone.now()
    return [ProposalState(p, now) for p in proposals_for_user(user, region=region)]


def overdue_proposals_for_user(user, region, *, now: datetime | None = None
                               ) -> list[ProposalState]:
    """Unanswered proposals of the region whose 72 hours have passed, oldest deadline first.

    For the dashboard block `meetings/_overdue_proposals.html`.
    """
    now = now or timezone.now()
    # The unanswered proposals are kept per reader under the revision of the figures (meetings
    # are tracked, core.cache; they read no region's weekly figures); which of them are overdue
    # depends on the moment, so that is worked out per call.
    unanswered = cached_for_user(
        user, "unanswered-proposals", (region.pk,),
        lambda: list(proposals_for_user(user, region=region).filter(answer="")
                     .order_by("submitted_at", "pk")),
        region_id=NO_REGION,
    )
    return [state for state in (ProposalState(p, now) for p in unanswered
                                if p.submitted_at < now) if state.overdue]


def proposals_as_of(user, *, region, as_of: date) -> list[ProposalState]:
    """Proposals submitted and recorded by the end of `as_of`, with their state at that moment."""
    known_at = end_of_day(as_of)
    proposals = proposals_for_user(user, region=region).filter(
        submitted_at__lte=known_at, created_at__lte=known_at
    ).order_by("-submitted_at", "-pk")
    return [ProposalState(p, known_at) for p in proposals]


# --- location reports -------------------------------------------------------------------------


def reportable_location_for_user(user, pk: int) -> Location:
    """The location to report on: 404 when not visible, `PermissionDenied` left to the caller."""
    location = locations_for_user(user).filter(pk=pk).first()
    if location is None:
        raise Http404
    return location


def may_report(user, location: Location) -> bool:
    """Officers of the location's municipality, the region's coordinators, administrators."""
    return locations_for_user(user, editable=True).filter(pk=location.pk).exists()


def location_reports(user, location: Location, *, visible: bool = False
                     ) -> list[LocationReport]:
    """The report history of a location the user may see (newest first). `visible`: the
    caller read `location` through `locations_for_user(user)` itself."""
    if not visible and not locations_for_user(user).filter(pk=location.pk).exists():
        return []
    return list(LocationReport.objects.filter(location=location).select_related("created_by"))


def latest_location_reports(user, *, region, as_of: date,
                            types=(LocationType.CNO,)) -> list[LocationReport]:
    """Per visible location of the region (CNO by default) its latest report as of the date."""
    known_at = end_of_day(as_of)
    reports = (
        LocationReport.objects.filter(
            location__in=locations_for_user(user).filter(
                municipality__safety_region=region, type__in=types
            ),
            reported_on__lte=as_of,
            created_at__lte=known_at,
        )
        .select_related("location__municipality")
        .order_by("location__municipality__name", "location_id", "-reported_on", "-created_at")
    )
    latest: dict[int, LocationReport] = {}
    for report in reports:
        latest.setdefault(report.location_id, report)
    return list(latest.values())


def decision_updates(decision: Decision) -> list[DecisionUpdate]:
    return list(decision.updates.select_related("changed_by"))

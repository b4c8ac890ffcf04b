"""Writes for meetings, decisions, actions, proposals and location reports.

Keyword-only arguments, `full_clean()` before saving, one transaction, one audit record each.
Callers (views, the demo) decide whether the user may write, through `meetings.selectors`.
Audit summaries never name a location: a confidential name must not reach the log.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie.audit.services import acting_user, audit_record
from opvangregie.core.versioning import locked, version_check
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

REPORT_FIELDS = (
    "reported_on", "major_incidents", "incidents", "sentiment", "sentiment_notes", "staff",
    "security", "catering", "care", "partners", "community", "concerns",
)



@transaction.atomic
def meeting_create(*, actor, safety_region, date: date, title: str = "BAO", notes: str = "",
                   created_at: datetime | None = None) -> Meeting:
    meeting = Meeting(safety_region=safety_region, date=date, title=title, notes=notes,
                      created_by=acting_user(actor), created_at=created_at or timezone.now())
    meeting.full_clean()
    meeting.save()
    audit_record(actor=actor, action="create", instance=meeting,
                 after={"region": safety_region.pk, "date": date.isoformat(), "title": title})
    return meeting


NARRATIVE_FIELDS = ("safety_picture", "national_text", "findings", "agreements", "principles")


@transaction.atomic
def meeting_narrative_update(*, actor, meeting: Meeting, safety_picture: str = "",
                             national_text: str = "", findings: str = "", agreements: str = "",
                             principles: str = "", expected_version: int | None = None
                             ) -> Meeting:
    """The texts of the meeting's deck: safety picture, national picture, findings, the
    agreements of the bestuursakkoord and the proposal (regional principles).

    Refused (EditConflict) when the page was loaded before someone else saved the texts. The
    audit record lists the fields that changed, not their text: a confidential name typed with
    "Toch opslaan" must not reach the log.
    """
    meeting = locked(meeting)
    submitted = {"safety_picture": safety_picture, "national_text": national_text,
                 "findings": findings, "agreements": agreements, "principles": principles}
    version_check(current=meeting, expected_version=expected_version, submitted=submitted)
    changed = [name for name in NARRATIVE_FIELDS if getattr(meeting, name) != submitted[name]]
    if not changed:
        return meeting
    for name in changed:
        setattr(meeting, name, submitted[name])
    meeting.version += 1
    meeting.full_clean()
    meeting.save(update_fields=[*changed, "version"])
    audit_record(actor=actor, action="update", instance=meeting,
                 summary=f"teksten overleg {meeting.pk}",
                 before={"version": meeting.version - 1},
                 after={"version": meeting.version, "changed": changed})
    return meeting


@transaction.atomic
def agenda_item_create(*, actor, meeting: Meeting, title: str, notes: str = "",
                       created_at: datetime | None = None) -> AgendaItem:
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(meeting=meeting, position=last + 1, title=title, notes=notes,
                      created_at=created_at or timezone.now())
    item.full_clean()
    item.save()
    audit_record(actor=actor, action="create", instance=item,
                 after={"meeting": meeting.pk, "position": item.position, "title": title})
    return item


def _check_item(meeting: Meeting, agenda_item: AgendaItem | None) -> None:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Dit agendapunt hoort niet bij dit overleg.")})


@transaction.atomic
def decision_create(
    *, actor, meeting: Meeting, text: str, owner: str, horizon: str,
    agenda_item: AgendaItem | None = None, due_date: date | None = None,
    decided_on: date | None = None, status: str = DecisionStatus.OPEN,
    created_at: datetime | None = None,
) -> Decision:
    _check_item(meeting, agenda_item)
    decision = Decision(
        meeting=meeting, agenda_item=agenda_item, text=text, owner=owner, horizon=horizon,
        due_date=due_date, decided_on=decided_on or meeting.date, status=status,
        created_by=acting_user(actor), created_at=created_at or timezone.now(),
    )
    decision.full_clean()
    decision.save()
    DecisionUpdate.objects.create(decision=decision, status=status, changed_at=decision.created_at,
                                  changed_by=decision.created_by)
    audit_record(actor=actor, action="create", instance=decision,
                 after={"meeting": meeting.pk, "owner": owner, "horizon": horizon,
                        "status": status})
    return decision


@transaction.atomic
def decision_set_status(*, actor, decision: Decision, status: str, note: str = "",
                        changed_at: datetime | None = None,
                        expected_version: int | None = None) -> DecisionUpdate:
    """A new status; the old one stays in the history (`DecisionUpdate`).

    Refused (EditConflict) when the page was loaded before someone else changed the status.
    """
    decision = locked(decision)
    version_check(current=decision, expected_version=expected_version,
                  submitted={"status": status})
    before = decision.status
    update = DecisionUpdate(decision=decision, status=status, note=note,
                            changed_by=acting_user(actor), changed_at=changed_at or timezone.now())
    update.full_clean()
    update.save()
    decision.status = status
    decision.version += 1
    decision.full_clean()
    decision.save(update_fields=["status", "version"])
    audit_record(actor=actor, action="update", instance=decision,
                 before={"status": before}, after={"status": status})
    return update


@transaction.atomic
def action_create(
    *, actor, meeting: Meeting, text: str, owner: str, due_date: date | None = None,
    agenda_item: AgendaItem | None = None, created_at: datetime | None = None,
) -> Action:
    _check_item(meeting, agenda_item)
    action = Action(meeting=meeting, agenda_item=agenda_item, text=text, owner=owner,
                    due_date=due_date, created_by=acting_user(actor),
                    created_at=created_at or timezone.now())
    action.full_clean()
    action.save()
    audit_record(actor=actor, action="create", instance=action,
                 after={"meeting": meeting.pk, "owner": owner,
                        "due_date": due_date.isoformat() if due_date else None})
    return action


@transaction.atomic
def action_complete(*, actor, action: Action, done_at: datetime | None = None) -> Action:
    if action.done_at is not None:
        return action
    action.done_at = done_at or timezone.now()
    action.full_clean()
    action.save(update_fields=["done_at"])
    audit_record(actor=actor, action="update", instance=action,
                 before={"done_at": None}, after={"done_at": action.done_at.isoformat()})
    return action


@transaction.atomic
def proposal_submit(
    *, actor, safety_region, title: str, content: str, submitted_at: datetime,
    submitted_by: str, meeting: Meeting | None = None, is_illustrative: bool = False,
    created_at: datetime | None = None,
) -> Proposal:
    if meeting is not None and meeting.safety_region_id != safety_region.pk:
        raise ValidationError({"meeting": _("Dit overleg hoort bij een andere regio.")})
    proposal = Proposal(
        safety_region=safety_region, meeting=meeting, title=title, content=content,
        submitted_at=submitted_at, submitted_by=submitted_by, is_illustrative=is_illustrative,
        created_by=acting_user(actor), created_at=created_at or timezone.now(),
    )
    proposal.full_clean()
    proposal.save()
    audit_record(actor=actor, action="create", instance=proposal,
                 after={"region": safety_region.pk, "submitted_at": submitted_at.isoformat()})
    return proposal


@transaction.atomic
def proposal_answer(*, actor, proposal: Proposal, answer: str, answered_at: datetime,
                    note: str = "", expected_version: int | None = None) -> Proposal:
    """Record the national desk's GO or NO GO. An answer is given once.

    A second answer from a page loaded before the first was recorded is refused with what the
    other person recorded (EditConflict).
    """
    proposal = locked(proposal)
    version_check(current=proposal, expected_version=expected_version,
                  submitted={"answer": answer, "answer_note": note})
    if proposal.answer:
        raise ValidationError(_("Dit voorstel is al beantwoord."))
    if answered_at < proposal.submitted_at:
        raise ValidationError(
            {"answered_at": _("Het antwoord kan niet vóór het indienen zijn gegeven.")}
        )
    proposal.answer = answer
    proposal.answered_at = answered_at
    proposal.answer_note = note
    proposal.version += 1
    proposal.full_clean()
    proposal.save(update_fields=["answer", "answered_at", "answer_note", "version"])
    audit_record(actor=actor, action="update", instance=proposal, before={"answer": ""},
                 after={"answer": answer, "answered_at": answered_at.isoformat()})
    return proposal


@transaction.atomic
def location_report_create(*, actor, location, created_at: datetime | None = None,
                           **fields) -> LocationReport:
    """A new report for the location; earlier reports stay as its history."""
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"unknown report fields {sorted(unknown)}")
    report = LocationReport(location=location, created_by=acting_user(actor),
                            created_at=created_at or timezone.now(), **fields)
    report.full_clean()
    report.save()
    audit_record(
        actor=actor, action="create", instance=report,
        summary=f"rapportage locatie {location.pk}",
        after={"location": location.pk, "reported_on": report.reported_on.isoformat(),
               "sentiment": report.sentiment, "major_incidents": report.major_incidents},
    )
    return report

"""Writes for crisis emergency shelter operations: validated, audited, one transaction each.

Callers (views, the demo) decide *whether* the user may write, through the scoped selectors;
services decide *how*. Audit records never hold a location's name or a stay's reference
beyond what the table itself holds.
"""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie.accounts.models import Role, User
from opvangregie.audit.services import acting_user, audit_record
from opvangregie.capacity.models import Location, LocationType
from opvangregie.notices.services import emergency_mail_send
from opvangregie.operations import selectors
from opvangregie.operations.members import RotaMember
from opvangregie.operations.models import (
    DutyTurn,
    EmergencyRequest,
    EmergencyResponse,
    Movement,
    Notification,
    ParticipantKind,
    Rota,
    RotaParticipant,
    RotaStatus,
    Stay,
    TurnChange,
)
from opvangregie.operations.rota import Participant, RotaError, plan_rota

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _actor(actor):
    return acting_user(actor)


def _fraction_text(value) -> str:
    return str(value.numerator) if value.denominator == 1 else (
        f"{value.numerator}/{value.denominator}"
    )


# --- rotas -------------------------------------------------------------------------------------


@transaction.atomic
def rota_create(
    *, actor, name: str, participant_kind: str, members: list[RotaMember], start: date,
    end: date, safety_region=None, turn_days: int = 14, parallel: int = 4,
    places_per_turn: int = 150, key_description: str, notes: str = "",
    method: str = "sainte-lague",
) -> Rota:
    """Plan a rota with the fair sequence and save it as a concept with all its turns.

    Raises ValidationError (Dutch) when the rota cannot be made as asked.
    """
    rota = Rota(
        name=name, safety_region=safety_region, participant_kind=participant_kind, start=start,
        end=end, turn_days=turn_days, parallel=parallel, places_per_turn=places_per_turn,
        method=method, key_description=key_description, notes=notes,
        created_by=_actor(actor),
    )
    rota.full_clean()
    expected = {
        ParticipantKind.REGION: "safety_region", ParticipantKind.MUNICIPALITY: "municipality",
        ParticipantKind.LOCATION: "location",
    }[participant_kind]
    for member in members:
        if getattr(member, expected) is None:
            raise ValidationError(_("Elke deelnemer moet van de soort van het rooster zijn."))
        if safety_region is not None:
            member_region = (member.municipality.safety_region_id if member.municipality
                             else member.location.municipality.safety_region_id)
            if member_region != safety_region.pk:
                raise ValidationError(_("Alle deelnemers moeten in de regio van het rooster "
                                        "liggen."))
    try:
        planned = plan_rota(
            [Participant(m.name, m.weight, tuple(m.unavailable)) for m in members],
            start=start, end=end, turn_days=turn_days, parallel=parallel,
            places=places_per_turn, method=method,
        )
    except RotaError as error:
        # The planner (no Django) writes ISO dates for the command line; users read 1-10-2022.
        raise ValidationError(_ISO_DATE.sub(
            lambda m: f"{int(m[3])}-{int(m[2])}-{m[1]}", error.message)) from error
    rota.save()
    saved = []
    for position, (member, result) in enumerate(
        zip(members, planned.participants, strict=True)
    ):
        participant = RotaParticipant(
            rota=rota, position=position,
            name="" if member.location is not None else member.name,
            safety_region=member.safety_region, municipality=member.municipality,
            location=member.location, weight=Decimal(member.weight).quantize(Decimal("0.01")),
            quota=_fraction_text(result.quota), turn_count=result.turns,
            unavailable=[[a.isoformat(), b.isoformat()] for a, b in member.unavailable],
        )
        participant.full_clean(exclude=["rota"])
        saved.append(participant)
    RotaParticipant.objects.bulk_create(saved)
    saved = list(rota.participants.order_by("position"))
    DutyTurn.objects.bulk_create(
        DutyTurn(rota=rota, participant=saved[turn.participant_index], slot=turn.slot,
                 start=turn.start, end=turn.end, places=turn.places)
        for turn in planned.turns
    )
    audit_record(
        actor=actor, action="create", instance=rota, summary=name[:300],
        after={"participants": len(members), "turns": len(planned.turns),
               "start": start.isoformat(), "end": end.isoformat(), "parallel": parallel,
               "turn_days": turn_days, "places_per_turn": places_per_turn, "method": method,
               "ties": list(planned.ties)},
    )
    return rota


@transaction.atomic
def rota_adopt(*, actor, rota: Rota, decision_reference: str) -> Rota:
    if rota.status == RotaStatus.ADOPTED:
        raise ValidationError(_("Dit rooster is al vastgesteld."))
    if not decision_reference.strip():
        raise ValidationError(
            {"decision_reference": _("Noem het besluit waarmee dit rooster is vastgesteld.")}
        )
    rota.status = RotaStatus.ADOPTED
    rota.decision_reference = decision_reference.strip()
    rota.adopted_at = timezone.now()
    rota.adopted_by = _actor(actor)
    rota.full_clean()
    rota.save()
    audit_record(actor=actor, action="update", instance=rota,
                 summary=_("Rooster vastgesteld: %(d)s") % {"d": rota.decision_reference},
                 before={"status": RotaStatus.CONCEPT}, after={"status": rota.status})
    return rota


def _unavailable_on(participant: RotaParticipant, turn: DutyTurn) -> bool:
    for first, last in participant.unavailable:
        if date.fromisoformat(first) <= turn.end and turn.start <= date.fromisoformat(last):
            return True
    return False


def _check_can_take(participant: RotaParticipant, turn: DutyTurn, *, ignore=()) -> None:
    if _unavailable_on(participant, turn):
        raise ValidationError(_("Deze deelnemer heeft aangegeven in deze periode niet te "
                                "kunnen."))
    busy = DutyTurn.objects.filter(participant=participant, slot=turn.slot).exclude(
        pk__in=[t.pk for t in ignore]
    )
    if busy.exists():
        raise ValidationError(_("Deze deelnemer heeft in deze periode al dienst."))


def _require_reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van de wijziging.")})
    return reason.strip()


def _require_adopted(turn: DutyTurn) -> None:
    if turn.rota.status != RotaStatus.ADOPTED:
        raise ValidationError(_("Alleen een vastgesteld rooster wordt gewijzigd; maak bij een "
                                "concept een nieuw rooster."))


@transaction.atomic
def turn_replace(*, actor, turn: DutyTurn, participant: RotaParticipant,
                 reason: str) -> TurnChange:
    """Give a turn to another participant of the same rota (recorded with a reason)."""
    reason = _require_reason(reason)
    _require_adopted(turn)
    if participant.rota_id != turn.rota_id:
        raise ValidationError(_("Deze deelnemer hoort niet bij dit rooster."))
    if participant.pk == turn.participant_id:
        raise ValidationError(_("Deze deelnemer heeft deze dienst al."))
    _check_can_take(participant, turn)
    previous = turn.participant
    turn.participant = participant
    turn.full_clean()
    turn.save()
    for p, delta in ((previous, -1), (participant, +1)):
        p.turn_count += delta
        p.save(update_fields=["turn_count"])
    change = TurnChange.objects.create(
        rota=turn.rota, kind=TurnChange.Kind.REPLACE, turn=turn, from_participant=previous,
        to_participant=participant, reason=reason, changed_by=_actor(actor),
    )
    audit_record(actor=actor, action="update", instance=turn, summary=reason,
                 before={"participant": previous.pk}, after={"participant": participant.pk})
    return change


@transaction.atomic
def turn_swap(*, actor, turn: DutyTurn, other: DutyTurn, reason: str) -> TurnChange:
    """Two participants exchange their turns (recorded with a reason)."""
    reason = _require_reason(reason)
    _require_adopted(turn)
    if other.rota_id != turn.rota_id or other.pk == turn.pk:
        raise ValidationError(_("Kies een andere dienst van hetzelfde rooster."))
    if other.participant_id == turn.participant_id:
        raise ValidationError(_("Beide diensten zijn van dezelfde deelnemer."))
    if other.slot == turn.slot:
        raise ValidationError(_("Beide diensten vallen in dezelfde periode; ruilen verandert "
                                "dan niets."))
    first, second = turn.participant, other.participant
    _check_can_take(second, turn, ignore=(other,))
    _check_can_take(first, other, ignore=(turn,))
    # Different slots, so neither save breaks "one turn per participant per slot".
    turn.participant, other.participant = second, first
    for changed in (turn, other):
        changed.full_clean()
        changed.save(update_fields=["participant"])
    change = TurnChange.objects.create(
        rota=turn.rota, kind=TurnChange.Kind.SWAP, turn=turn, other_turn=other,
        from_participant=first, to_participant=second, reason=reason,
        changed_by=_actor(actor),
    )
    audit_record(actor=actor, action="update", instance=turn, summary=reason,
                 before={"turn": turn.pk, "participant": first.pk, "other_turn": other.pk,
                         "other_participant": second.pk},
                 after={"turn": turn.pk, "participant": second.pk, "other_turn": other.pk,
                        "other_participant": first.pk})
    return change


# --- stays and movements ----------------------------------------------------------------------


def _require_cno(location: Location) -> None:
    if location.type != LocationType.CNO:
        raise ValidationError(_("Aankomsten, vertrekken en verblijven worden alleen bij "
                                "crisisnoodopvang (CNO) bijgehouden."))


@transaction.atomic
def movements_register(*, actor, location: Location, day: date, arrivals: int = 0,
                       departures: int = 0, destination: str = "") -> list[Movement]:
    """Register the counted arrivals and departures (to one destination) of a day."""
    _require_cno(location)
    if not arrivals and not departures:
        raise ValidationError(_("Vul een aantal aankomsten of vertrekken in."))
    if departures and not destination:
        raise ValidationError({"destination": _("Kies waar de vertrokken mensen heen gingen.")})
    created = []
    for kind, count, where in ((Movement.Kind.ARRIVAL, arrivals, ""),
                               (Movement.Kind.DEPARTURE, departures, destination)):
        if not count:
            continue
        movement = Movement(location=location, day=day, kind=kind, count=count,
                            destination=where, registered_by=_actor(actor))
        movement.full_clean()
        movement.save()
        created.append(movement)
    audit_record(actor=actor, action="create", object_type="operations.movement",
                 object_id=str(created[0].pk),
                 after={"location": location.pk, "day": day.isoformat(), "arrivals": arrivals,
                        "departures": departures, "destination": destination})
    return created


@transaction.atomic
def stay_register(*, actor, location: Location, reference: str, arrived_on: date) -> Stay:
    _require_cno(location)
    stay = Stay(location=location, reference=reference.strip().upper(), arrived_on=arrived_on,
                registered_by=_actor(actor))
    stay.full_clean()
    stay.save()
    audit_record(actor=actor, action="create", instance=stay,
                 after={"location": location.pk, "arrived_on": arrived_on.isoformat()})
    return stay


@transaction.atomic
def stay_depart(*, actor, stay: Stay, departed_on: date, destination: str) -> Stay:
    if stay.departed_on is not None:
        raise ValidationError(_("Dit vertrek is al geregistreerd."))
    if not destination:
        raise ValidationError({"destination": _("Kies waar deze persoon heen ging.")})
    stay.departed_on = departed_on
    stay.destination = destination
    stay.full_clean()
    stay.save(update_fields=["departed_on", "destination"])
    audit_record(actor=actor, action="update", instance=stay, before={"departed_on": None},
                 after={"departed_on": departed_on.isoformat(), "destination": destination})
    return stay


# --- the emergency button ---------------------------------------------------------------------


def _emergency_recipients(request: EmergencyRequest, municipalities) -> list:
    """The region's coordinators and the officers of the municipalities with room."""
    recipients = set(User.objects.filter(role=Role.COORDINATOR, is_active=True,
                                         safety_region=request.safety_region))
    recipients |= set(User.objects.filter(role=Role.OFFICER, is_active=True,
                                          municipalities__in=municipalities).distinct())
    return sorted(recipients, key=lambda u: u.pk)


def _emergency_text(request: EmergencyRequest, hours: int) -> str:
    return ngettext("Noodknop %(region)s: %(n)s plek nodig voor %(group)s binnen %(h)s uur.",
                    "Noodknop %(region)s: %(n)s plekken nodig voor %(group)s binnen %(h)s uur.",
                    request.places_needed) % {
        "region": request.safety_region.name, "n": request.places_needed,
        "group": request.get_target_group_display(), "h": hours,
    }


@transaction.atomic
def emergency_notifications_ensure(*, request: EmergencyRequest) -> int:
    """Notify recipients of an open request who have no notification of it yet (e.g. an
    account made after the button was pressed). Returns how many were added."""
    if request.status != EmergencyRequest.Status.OPEN:
        return 0
    hours = round((request.needed_by - request.created_at).total_seconds() / 3600)
    already = set(request.notifications.values_list("recipient_id", flat=True))
    missing = [user for user in _emergency_recipients(
        request, selectors.municipalities_with_room(request)) if user.pk not in already]
    return _notify(missing, text=_emergency_text(request, hours), request=request)


def _notify(recipients, *, text: str, request: EmergencyRequest) -> int:
    rows = [Notification(recipient=user, text=text[:300], emergency_request=request)
            for user in recipients]
    Notification.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def emergency_request_create(
    *, actor, safety_region, places_needed: int, target_group: str, note: str = "",
    hours: int = 24, created_at: datetime | None = None,
) -> EmergencyRequest:
    """Sound the emergency button: save the request and notify, in the app and by mail, the
    region's coordinators and the officers of the municipalities that have room now."""
    created_at = created_at or timezone.now()
    request = EmergencyRequest(
        safety_region=safety_region, places_needed=places_needed, target_group=target_group,
        note=note, needed_by=created_at + timedelta(hours=hours), created_at=created_at,
        created_by=_actor(actor),
    )
    request.full_clean()
    request.save()
    municipalities = selectors.municipalities_with_room(request)
    recipients = _emergency_recipients(request, municipalities)
    text = _emergency_text(request, hours)
    notified = _notify(recipients, text=text, request=request)
    # Mailed once the request is saved for good; a slow mail server never undoes the button.
    transaction.on_commit(lambda: emergency_mail_send(request_id=request.pk))
    audit_record(actor=actor, action="create", instance=request,
                 summary=text, after={"places_needed": places_needed,
                                      "target_group": target_group, "notified": notified,
                                      "municipalities": [m.pk for m in municipalities]})
    return request


@transaction.atomic
def emergency_respond(
    *, actor, request: EmergencyRequest, municipality, accepted: bool,
    location: Location | None = None, places: int = 0, note: str = "",
    responded_at: datetime | None = None,
) -> EmergencyResponse:
    """A municipality accepts places at one of its locations (never more than are free now),
    or declines."""
    if request.status != EmergencyRequest.Status.OPEN:
        raise ValidationError(_("Dit verzoek is al afgesloten."))
    if accepted:
        if location is None or location.municipality_id != municipality.pk:
            raise ValidationError({"location": _("Kies een locatie van de eigen gemeente.")})
        free = selectors.free_capacity_now([location])
        if location.pk not in free:
            raise ValidationError({"location": _("Deze locatie heeft nu geen vrije plekken.")})
        available = free[location.pk][1]
        if not 1 <= places <= available:
            raise ValidationError({"places": _("Kies 1 tot %(n)s plekken (zoveel zijn er nu "
                                               "vrij).") % {"n": available}})
    else:
        location, places = None, 0
    response = EmergencyResponse(
        request=request, municipality=municipality, location=location, accepted=accepted,
        places=places, note=note, responded_by=_actor(actor),
        responded_at=responded_at or timezone.now(),
    )
    response.full_clean()
    response.save()
    audit_record(actor=actor, action="create", instance=response,
                 after={"request": request.pk, "municipality": municipality.pk,
                        "accepted": accepted, "places": places,
                        "location": location.pk if location else None})
    if accepted:
        text = ngettext("Noodknop: %(m)s biedt %(n)s plek aan.",
                        "Noodknop: %(m)s biedt %(n)s plekken aan.", places) % {
            "m": municipality.name, "n": places}
        coordinators = User.objects.filter(role=Role.COORDINATOR, is_active=True,
                                           safety_region=request.safety_region)
        _notify(coordinators, text=text, request=request)
    return response


@transaction.atomic
def emergency_close(*, actor, request: EmergencyRequest, placed: int,
                    closed_at: datetime | None = None) -> EmergencyRequest:
    """Close a request with the number of people placed; the outcome follows from it."""
    if request.status != EmergencyRequest.Status.OPEN:
        raise ValidationError(_("Dit verzoek is al afgesloten."))
    if placed < 0 or placed > request.places_needed:
        raise ValidationError({"placed": _("Het aantal geplaatst ligt tussen 0 en "
                                           "%(n)s.") % {"n": request.places_needed}})
    request.placed = placed
    request.outcome = (EmergencyRequest.Outcome.PLACED if placed == request.places_needed
                       else EmergencyRequest.Outcome.PARTLY if placed
                       else EmergencyRequest.Outcome.NOT_PLACED)
    request.status = EmergencyRequest.Status.CLOSED
    request.closed_at = closed_at or timezone.now()
    request.closed_by = _actor(actor)
    request.full_clean()
    request.save()
    audit_record(actor=actor, action="update", instance=request,
                 before={"status": EmergencyRequest.Status.OPEN},
                 after={"status": request.status, "outcome": request.outcome,
                        "placed": placed})
    return request


@transaction.atomic
def notifications_mark_read(*, actor, notifications) -> int:
    """Mark the actor's own notifications as read (others' are left alone)."""
    return Notification.objects.filter(
        pk__in=[n.pk for n in notifications], recipient=actor, read_at__isnull=True
    ).update(read_at=timezone.now())

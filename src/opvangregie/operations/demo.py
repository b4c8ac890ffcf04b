"""Demo data for crisis emergency shelter operations, called by the demo scenario.

`operations_demo_load(region)` runs once inside the scenario's transaction, after the
locations and their capacity records exist. `operations_demo_notify()` runs after the demo
accounts exist, so they get the in-app notifications of the open emergency request. Figures
that are not public facts are illustrative and say so.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from opvangregie.capacity.models import Location, LocationType
from opvangregie.operations import services
from opvangregie.operations.members import Key, key_description, rota_members
from opvangregie.operations.models import (
    Destination,
    EmergencyRequest,
    ParticipantKind,
    Rota,
    TargetGroup,
)
from opvangregie.operations.selectors import free_capacity_now, municipalities_with_room

NATIONAL_ROTA = "Landelijk rooster crisisnoodopvang fase 1 (1 juni – 1 september 2022)"
REGIONAL_ROTA = "Rooster crisisnoodopvang IJsselland, zomer 2022"
REFERENCE_DATE = date(2022, 1, 1)
START, END = date(2022, 6, 1), date(2022, 8, 31)


def _aware(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def operations_demo_load(region) -> None:
    """Create the national phase-1 rota, a rota within the region, stays and an emergency
    request. Does nothing when the national rota already exists."""
    if Rota.objects.filter(name=NATIONAL_ROTA).exists():
        return
    national = services.rota_create(
        actor=None, name=NATIONAL_ROTA, participant_kind=ParticipantKind.REGION,
        members=rota_members(kind=ParticipantKind.REGION, key=Key.POPULATION,
                             reference_date=REFERENCE_DATE),
        start=START, end=END, turn_days=14, parallel=4, places_per_turn=150,
        key_description=key_description(ParticipantKind.REGION, Key.POPULATION,
                                        REFERENCE_DATE),
        notes="Fase 1: ca. 600 plekken landelijk, 150 per regio, 4 regio's tegelijk 2 weken "
        "dienst (BAO 25-05-2022). De volgorde is berekend door Opvangregie (illustratief).",
    )
    services.rota_adopt(actor=None, rota=national,
                        decision_reference="Landelijk afgesproken fase 1 (illustratief)")

    municipal = rota_members(kind=ParticipantKind.MUNICIPALITY, key=Key.POPULATION,
                             region=region, reference_date=REFERENCE_DATE)
    # Illustrative: Raalte runs the Summercamp for Ukrainians in July and cannot serve then.
    municipal = [
        m.with_unavailable([(date(2022, 7, 1), date(2022, 7, 31))])
        if m.municipality.name == "Raalte" else m
        for m in municipal
    ]
    regional = services.rota_create(
        actor=None, name=REGIONAL_ROTA, participant_kind=ParticipantKind.MUNICIPALITY,
        safety_region=region, members=municipal, start=START, end=END, turn_days=14,
        parallel=2, places_per_turn=75,
        key_description=key_description(ParticipantKind.MUNICIPALITY, Key.POPULATION,
                                        REFERENCE_DATE),
        notes="Illustratief: de 150 plekken van de regio door 2 gemeenten tegelijk, 75 plekken "
        "elk (zoals Ommen in juni 2022 twee weken 75 mensen opving). Raalte kan in juli niet.",
    )
    services.rota_adopt(actor=None, rota=regional,
                        decision_reference="BAO IJsselland 25-05-2022 (illustratief)")
    _rota_follows_the_places(regional)

    _stays_load(region)
    _emergency_load(region)


def _rota_follows_the_places(rota) -> None:
    """The first turn (1–14 June) goes to the municipalities that actually had CNO places
    then: Ommen (75 people for two weeks in June) and Kampen (about 100 places from 20 May to
    12 June). Recorded as changes with their reason, as a coordinator would."""
    first = list(rota.turns.filter(slot=0).select_related("participant__municipality")
                 .order_by("participant__position"))
    participants = {p.municipality.name: p
                    for p in rota.participants.select_related("municipality")}
    on_duty = {turn.participant.municipality.name for turn in first}
    free = [turn for turn in first if turn.participant.municipality.name
            not in ("Ommen", "Kampen")]
    for name, reason in (
        ("Ommen", "Publiek: Ommen ving in juni 2022 twee weken 75 mensen op."),
        ("Kampen", "Publiek: Kampen had van 20 mei tot 12 juni 2022 noodopvang voor ca. 100 "
                   "mensen."),
    ):
        if name in on_duty or not free:
            continue
        turn = free.pop(0)
        later = rota.turns.filter(participant=participants[name]).order_by("slot").first()
        if later is not None:
            services.turn_swap(actor=None, turn=turn, other=later, reason=reason)
        else:
            services.turn_replace(actor=None, turn=turn, participant=participants[name],
                                  reason=reason)


def _stays_load(region) -> None:
    """Illustrative stays at Ommen's CNO location, June 2022 (pseudonymous references)."""
    location = (Location.objects.filter(municipality__safety_region=region,
                                        type=LocationType.CNO, municipality__name="Ommen")
                .order_by("pk").first())
    if location is None:
        return
    services.movements_register(actor=None, location=location, day=date(2022, 6, 1),
                                arrivals=60)
    services.movements_register(actor=None, location=location, day=date(2022, 6, 10),
                                departures=25, destination=Destination.AZC)
    services.movements_register(actor=None, location=location, day=date(2022, 6, 14),
                                departures=35, destination=Destination.AZC)
    arrivals = [date(2022, 6, 1), date(2022, 6, 1), date(2022, 6, 2), date(2022, 6, 3),
                date(2022, 6, 3), date(2022, 6, 6), date(2022, 6, 8), date(2022, 6, 9),
                date(2022, 6, 10), date(2022, 6, 10)]
    departures = {1: (date(2022, 6, 9), Destination.AZC),
                  4: (date(2022, 6, 13), Destination.GOO),
                  6: (date(2022, 6, 14), Destination.INTERMEDIATE)}
    for number, arrived in enumerate(arrivals, start=1):
        stay = services.stay_register(actor=None, location=location,
                                      reference=f"OMM-{number:04d}", arrived_on=arrived)
        # The location's places ended on 14 June: whoever was still there left the next
        # morning, to an AZC (illustrative), so no stay stays open.
        day, where = departures.get(number, (date(2022, 6, 15), Destination.AZC))
        services.stay_depart(actor=None, stay=stay, departed_on=day, destination=where)


def _emergency_load(region) -> None:
    """An illustrative request, sounded one hour ago, with one answer."""
    created = timezone.now() - timedelta(hours=1)
    request = services.emergency_request_create(
        actor=None, safety_region=region, places_needed=40,
        target_group=TargetGroup.UKRAINIANS, created_at=created,
        note="Illustratief: bus met 40 Oekraïense ontheemden vanuit Ter Apel.",
    )
    rooms = municipalities_with_room(request)
    if not rooms:
        return
    municipality = rooms[0]
    locations = Location.objects.filter(municipality=municipality)
    free = free_capacity_now(locations)
    suitable = [loc for loc in locations if loc.pk in free and loc.for_ukrainians]
    if suitable:
        best = max(suitable, key=lambda loc: free[loc.pk][1])
        services.emergency_respond(
            actor=None, request=request, municipality=municipality, accepted=True,
            location=best, places=min(free[best.pk][1], 20), note="Illustratief",
            responded_at=created + timedelta(minutes=35),
        )


def operations_demo_notify() -> int:
    """Give the (new) demo accounts the notifications of open emergency requests; safe to call
    any number of times. Returns how many notifications were added."""
    return sum(
        services.emergency_notifications_ensure(request=request)
        for request in EmergencyRequest.objects.filter(status=EmergencyRequest.Status.OPEN)
    )

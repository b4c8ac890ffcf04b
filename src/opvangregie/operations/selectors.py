"""Reads for crisis emergency shelter operations, always scoped to the user.

One selector per model decides what a user may see (`rotas_for_user`, `stays_for_user`,
`movements_for_user`, `emergency_requests_for_user`, `notifications_for_user`), built on
`regions.selectors` and `capacity.selectors.locations_for_user`. A location is shown only
through its label from `opvangregie.access` (`location_labels`): the name only for who may
see it. The views record an audit event for the confidential names they show.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from opvangregie.access import own_municipality_ids
from opvangregie.accounts.models import Role
from opvangregie.capacity.models import CapacityKind, Location, LocationStatus, LocationType
from opvangregie.capacity.selectors import (
    LocationView,
    current_capacity_by_location,
    location_labels,
    location_views_for_user,
    locations_for_user,
)
from opvangregie.core.cache import cached_for_user
from opvangregie.operations.models import (
    TWO_WEEKS_DAYS,
    DutyTurn,
    EmergencyRequest,
    EmergencyResponse,
    Movement,
    Notification,
    ParticipantKind,
    Rota,
    RotaParticipant,
    Stay,
    TargetGroup,
    TurnChange,
)
from opvangregie.regions.selectors import municipalities_for_user, safety_regions_for_user

# --- rotas -------------------------------------------------------------------------------------


def rotas_for_user(user, *, editable: bool = False) -> QuerySet[Rota]:
    """National rotas are seen by everyone; a regional rota by who sees the region.

    Only administrators change a national rota; a regional one also its region's coordinators.
    """
    if not user.is_authenticated or not user.is_active:
        return Rota.objects.none()
    rotas = Rota.objects.select_related("safety_region")
    if user.role == Role.ADMINISTRATOR:
        return rotas
    if editable:
        if user.role == Role.COORDINATOR and user.safety_region_id:
            return rotas.filter(safety_region_id=user.safety_region_id)
        return Rota.objects.none()
    return rotas.filter(
        Q(safety_region__isnull=True) | Q(safety_region__in=safety_regions_for_user(user))
    )


def rota_may_change(user, rota: Rota) -> bool:
    return rotas_for_user(user, editable=True).filter(pk=rota.pk).exists()


def participants_of(rota: Rota) -> list[RotaParticipant]:
    """With their location and its municipality (for its label) in a rota of locations; a
    region's or a municipality's name is the participant's own `name`."""
    participants = rota.participants.order_by("position")
    if rota.participant_kind == ParticipantKind.LOCATION:
        participants = participants.select_related("location__municipality")
    return list(participants)


def turns_of(rota: Rota, *, participants: bool = True) -> list[DutyTurn]:
    """`participants=False`: without their participant (a page that has them by pk)."""
    turns = rota.turns.order_by("slot", "participant__position")
    return list(turns.select_related("participant") if participants else turns)


def changes_of(rota: Rota) -> list[TurnChange]:
    """With their turn and who changed it; the participants are named by pk (`labels`)."""
    return list(rota.changes.select_related("turn", "changed_by"))


def participant_labels(user, participants) -> dict[int, str]:
    """Per participant pk the name the user may see (a confidential location by its label)."""
    participants = list(participants)
    location_names = location_labels(user, [p.location for p in participants if p.location_id])
    labels = {}
    for p in participants:
        if p.location_id:
            labels[p.pk] = location_names[p.location_id]
        else:
            labels[p.pk] = p.name
    return labels


def participants_of_user(user, rota: Rota, participants=None) -> list[RotaParticipant]:
    """The participants that stand for the user's own municipalities (for the .ics links).

    `participants`: the rota's participants when the caller has read them already."""
    if not user.is_authenticated or user.role != Role.OFFICER:
        return []
    own = own_municipality_ids(user)
    return [
        p for p in (participants if participants is not None else participants_of(rota))
        if p.municipality_id in own or (p.location_id and p.location.municipality_id in own)
    ]


# --- stays and movements -----------------------------------------------------------------------


def cno_locations_for_user(user, *, editable: bool = False) -> QuerySet[Location]:
    return locations_for_user(user, editable=editable).filter(type=LocationType.CNO)


def stays_for_user(user, *, editable: bool = False) -> QuerySet[Stay]:
    return Stay.objects.filter(
        location__in=locations_for_user(user, editable=editable)
    ).select_related("location__municipality")


def movements_for_user(user, *, editable: bool = False) -> QuerySet[Movement]:
    return Movement.objects.filter(
        location__in=locations_for_user(user, editable=editable)
    ).select_related("location__municipality")


def day_of_stay(stay: Stay, on: date) -> int:
    """Day 1 is the day of arrival; on day 15 the two weeks are over."""
    return (on - stay.arrived_on).days + 1


def stay_deadline(stay: Stay) -> date:
    """The last day within the two weeks."""
    return stay.arrived_on + timedelta(days=TWO_WEEKS_DAYS - 1)


@dataclass(frozen=True)
class PresentStay:
    """A tracked stay as the stays page needs it (read as values: no model instance)."""

    pk: int
    location_id: int
    reference: str
    arrived_on: date
    departed_on: date | None


@dataclass(frozen=True)
class StayRow:
    stay: PresentStay
    label: str
    day: int
    deadline: date

    @property
    def is_overdue(self) -> bool:
        return self.day > TWO_WEEKS_DAYS


@dataclass(frozen=True)
class LocationOccupancy:
    location: Location
    label: str
    present: int  # counted arrivals − departures plus tracked stays present
    tracked: int  # of which tracked individually
    arrivals_today: int
    departures_today: int


@dataclass(frozen=True)
class StaysOnDay:
    """The stays page of a day: both tables, read together."""

    occupancy: list[LocationOccupancy]
    two_weeks: list[StayRow]
    # Every location the two tables name, once, in the order shown: for the audit event.
    views: list[LocationView]


def _present_stays(stays: QuerySet[Stay], on: date) -> list[PresentStay]:
    """Of `stays`, those arrived by `on` and not departed before it, oldest first.

    A stay that departed before `on` counts for nothing on `on` (not present, not arriving,
    not departing): it is not read, so the page does not grow with the years of stays.
    """
    return [PresentStay(*row) for row in (
        stays.filter(arrived_on__lte=on)
        .filter(Q(departed_on__isnull=True) | Q(departed_on__gte=on))
        .order_by("arrived_on", "location_id", "reference")
        .values_list("pk", "location_id", "reference", "arrived_on", "departed_on"))]


def _two_week_rows(stays: list[PresentStay], labels: dict[int, str], *, on: date,
                   warn_from_day: int) -> list[StayRow]:
    latest_arrival = on - timedelta(days=warn_from_day - 1)
    return [
        StayRow(stay=s, label=labels[s.location_id], day=day_of_stay(s, on),
                deadline=stay_deadline(s))
        for s in stays
        if s.arrived_on <= latest_arrival and (s.departed_on is None or s.departed_on > on)
    ]


def _occupancy_rows(locations: list[Location], labels: dict[int, str],
                    stays: list[PresentStay], *, on: date) -> list[LocationOccupancy]:
    counted, today = {}, {}
    # Up to and on the day in one query (the day's sum is NULL when nothing moved that day).
    for location_id, kind, total, on_day in (
            Movement.objects.filter(location__in=[loc.pk for loc in locations], day__lte=on)
            .values("location_id", "kind")
            .annotate(total=Sum("count"), on_day=Sum("count", filter=Q(day=on)))
            .values_list("location_id", "kind", "total", "on_day")):
        counted.setdefault(location_id, {})[kind] = total
        if on_day is not None:
            today.setdefault(location_id, {})[kind] = on_day
    stays_by_location: dict[int, list[PresentStay]] = {}
    for stay in stays:
        stays_by_location.setdefault(stay.location_id, []).append(stay)
    rows = []
    for loc in locations:
        own = stays_by_location.get(loc.pk, [])
        tracked = sum(1 for s in own if s.departed_on is None or s.departed_on > on)
        numbers = counted.get(loc.pk, {})
        day = today.get(loc.pk, {})
        rows.append(LocationOccupancy(
            location=loc,
            label=labels[loc.pk],
            present=numbers.get("arrival", 0) - numbers.get("departure", 0) + tracked,
            tracked=tracked,
            arrivals_today=day.get("arrival", 0) + sum(1 for s in own if s.arrived_on == on),
            departures_today=day.get("departure", 0) + sum(1 for s in own
                                                           if s.departed_on == on),
        ))
    return rows


def stays_on(user, *, on: date, warn_from_day: int = 12) -> StaysOnDay:
    """The occupancy of every visible CNO location at the end of `on` and the two-week list
    of `on`, from one read of the stays present that day.

    The stays are read at every location the user sees (as the two-week list always did);
    the occupancy counts those at the CNO locations. A stay's location that is not a CNO
    location (its type changed) is read for its label only when there is one.
    """
    visible = locations_for_user(user)  # built once: the CNO locations and the stays' scope
    locations = list(visible.filter(type=LocationType.CNO).order_by("municipality__name", "pk"))
    stays = _present_stays(Stay.objects.filter(location__in=visible), on)
    views = location_views_for_user(user, locations)
    cno_ids = {loc.pk for loc in locations}
    latest_arrival = on - timedelta(days=warn_from_day - 1)
    other_ids = {s.location_id for s in stays
                 if s.location_id not in cno_ids and s.arrived_on <= latest_arrival
                 and (s.departed_on is None or s.departed_on > on)}
    if other_ids:
        others = {loc.pk: loc for loc in visible.filter(pk__in=other_ids)}
        order = list(dict.fromkeys(s.location_id for s in stays if s.location_id in others))
        views += location_views_for_user(user, [others[pk] for pk in order])
    labels = {view.pk: view.label for view in views}
    two_weeks = _two_week_rows(stays, labels, on=on, warn_from_day=warn_from_day)
    occupancy = _occupancy_rows(locations, labels,
                                [s for s in stays if s.location_id in cno_ids], on=on)
    return StaysOnDay(occupancy=occupancy, two_weeks=two_weeks, views=views)


def two_week_list(user, *, on: date, warn_from_day: int = 12) -> list[StayRow]:
    """Stays present on `on` that are on day `warn_from_day` or later: approaching or past
    the two weeks, longest first."""
    return stays_on(user, on=on, warn_from_day=warn_from_day).two_weeks


def occupancy_on(user, *, on: date, locations=None) -> list[LocationOccupancy]:
    """Per visible CNO location (or per one of `locations`, already scoped by the caller) the
    number of people present at the end of `on`, following from the registered arrivals and
    departures and the tracked stays."""
    if locations is None:
        return stays_on(user, on=on).occupancy
    locations = list(locations)
    stays = _present_stays(Stay.objects.filter(location__in=[loc.pk for loc in locations]), on)
    return _occupancy_rows(locations, location_labels(user, locations), stays, on=on)


# --- the emergency button ---------------------------------------------------------------------


def emergency_requests_for_user(user) -> QuerySet[EmergencyRequest]:
    return EmergencyRequest.objects.filter(
        safety_region__in=safety_regions_for_user(user)
    ).select_related("safety_region", "created_by", "closed_by")


def emergency_may_manage(user, region) -> bool:
    """Who may sound the emergency button for a region and close a request."""
    return user.is_authenticated and (
        user.role == Role.ADMINISTRATOR
        or (user.role == Role.COORDINATOR and user.safety_region_id == region.pk)
    )


def responses_of(request: EmergencyRequest) -> list[EmergencyResponse]:
    return list(request.responses.select_related("municipality", "location__municipality",
                                                 "responded_by"))


GROUP_FIELDS = {
    TargetGroup.ASYLUM_SEEKERS: "for_asylum_seekers",
    TargetGroup.UKRAINIANS: "for_ukrainians",
    TargetGroup.PERMIT_HOLDERS: "for_permit_holders",
}


@dataclass(frozen=True)
class FreePlaces:
    location: Location
    label: str
    places: int
    occupancy: int
    free: int
    suitable: bool  # the location takes the request's target group
    enough: bool  # free places cover the whole request on their own


def free_places_for_request(user, request: EmergencyRequest) -> list[FreePlaces]:
    """Capacity free now in the request's region, for the locations the user may see.

    Free = places − occupancy of the current realised record, as known now. A location
    without a current realised record, without a known occupancy, not open, or with no free
    place is never offered. Ranked: suitable for the target group first, then most free
    places, then municipality.

    Which locations have room is read from capacity figures only (records, locations and
    the user's municipalities: all followed by the region's revision of the figures), so it
    is kept per reader under that revision for the day (`core.cache`, ADR 5 and 10): the
    region's hundreds of locations are not read again for every look at the request. The
    locations with room, their labels and the ranking are worked out per request.
    """
    region = request.safety_region_id

    def compute() -> dict[int, tuple[int, int]]:
        return _room_in(locations_for_user(user).filter(
            municipality__safety_region=region, status=LocationStatus.OPEN))

    room = cached_for_user(user, "emergency-free-places", (region, timezone.localdate()),
                           compute, region_id=region)
    return _free_places_rows(user, _with_room(room), request.target_group,
                             request.places_needed)


def free_capacity_now(locations) -> dict[int, tuple[object, int]]:
    """Per location (already scoped by the caller) its current realised record and free
    places now, for open locations with a known occupancy and at least one free place."""
    locations = list(locations)
    current = current_capacity_by_location([loc.pk for loc in locations],
                                           on=timezone.localdate())
    free = {}
    for loc in locations:
        record = current.get(loc.pk)
        if (loc.status != LocationStatus.OPEN or record is None
                or record.kind != CapacityKind.REALISED or record.occupancy is None):
            continue
        if record.places - record.occupancy > 0:
            free[loc.pk] = (record, record.places - record.occupancy)
    return free


def _room_in(locations: QuerySet[Location]) -> dict[int, tuple[int, int]]:
    """Per location of the query with a current realised record with free places now: its
    places and occupancy (plain values, to be kept in the cache).

    The ids are read first: with the query as a subquery PostgreSQL read the records through
    the location index alone instead of (location, valid_to), ten times slower.
    """
    ids = list(locations.values_list("pk", flat=True))
    current = current_capacity_by_location(ids, on=timezone.localdate())
    return {
        pk: (record.places, record.occupancy) for pk, record in current.items()
        if record.kind == CapacityKind.REALISED and record.occupancy is not None
        and record.places - record.occupancy > 0
    }


def _with_room(room: dict[int, tuple[int, int]]) -> list[tuple[Location, int, int]]:
    """The open locations of `room` (a region has hundreds, few with room), with their
    municipality: (location, places, occupancy)."""
    open_with_room = (Location.objects.filter(pk__in=room, status=LocationStatus.OPEN)
                      .select_related("municipality").order_by("pk"))
    return [(loc, *room[loc.pk]) for loc in open_with_room]


def free_places(user, locations, target_group: str, needed: int) -> list[FreePlaces]:
    """Free places now at `locations` (a query or a list, already scoped by the caller),
    ranked."""
    if isinstance(locations, QuerySet):
        found = _with_room(_room_in(locations))
    else:
        locations = list(locations)
        free = free_capacity_now(locations)
        found = [(loc, free[loc.pk][0].places, free[loc.pk][0].occupancy)
                 for loc in locations if loc.pk in free]
    return _free_places_rows(user, found, target_group, needed)


def _free_places_rows(user, found: list[tuple[Location, int, int]], target_group: str,
                      needed: int) -> list[FreePlaces]:
    # Labels of the offered locations only.
    labels = location_labels(user, [loc for loc, _places, _occupancy in found])
    group_field = GROUP_FIELDS.get(target_group)
    rows = [
        FreePlaces(
            location=loc,
            label=labels[loc.pk],
            places=places, occupancy=occupancy, free=places - occupancy,
            suitable=bool(group_field and getattr(loc, group_field)),
            enough=places - occupancy >= needed,
        )
        for loc, places, occupancy in found
    ]
    rows.sort(key=lambda r: (not r.suitable, -r.free, r.location.municipality.name,
                             r.location.pk))
    return rows


def municipalities_with_room(request: EmergencyRequest) -> list:
    """Municipalities of the region with free places now, preferring those whose free
    places suit the target group (not scoped to a user: used to notify)."""
    locations = list(Location.objects.filter(
        municipality__safety_region=request.safety_region, status=LocationStatus.OPEN
    ).select_related("municipality"))
    free = free_capacity_now(locations)
    group_field = GROUP_FIELDS.get(request.target_group)
    with_room, suitable = {}, {}
    for loc in locations:
        if loc.pk not in free:
            continue
        with_room[loc.municipality_id] = loc.municipality
        if group_field and getattr(loc, group_field):
            suitable[loc.municipality_id] = loc.municipality
    chosen = suitable or with_room
    return sorted(chosen.values(), key=lambda m: m.name)


def respondable_locations(user, request: EmergencyRequest, *, offered=None,
                          municipalities=None) -> list[FreePlaces]:
    """The user's own locations (editable) in the region that have free places now.

    A page that shows `free_places_for_request` already passes those rows (`offered`) and the
    municipalities of the region the user may change: the user's own locations are the rows
    in those municipalities (what may be changed is also seen), without reading the capacity
    again.
    """
    if offered is not None and municipalities is not None:
        own = {m.pk for m in municipalities if m.safety_region_id == request.safety_region_id}
        return [row for row in offered if row.location.municipality_id in own]
    locations = locations_for_user(user, editable=True).filter(
        municipality__safety_region=request.safety_region, status=LocationStatus.OPEN)
    return free_places(user, locations, request.target_group, request.places_needed)


def time_to_answer(request: EmergencyRequest, responses=None) -> timedelta | None:
    """From the request to the first acceptance."""
    responses = responses if responses is not None else responses_of(request)
    accepted = [r.responded_at for r in responses if r.accepted]
    return min(accepted) - request.created_at if accepted else None


def editable_municipalities(user):
    return municipalities_for_user(user, editable=True)


# --- notifications -----------------------------------------------------------------------------


def notifications_for_user(user) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).select_related("emergency_request")


def unread_notification_count(user) -> int:
    return notifications_for_user(user).filter(read_at__isnull=True).count()


def participant_kind_label(rota: Rota) -> str:
    return ParticipantKind(rota.participant_kind).label


# --- calendar views ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekRow:
    participant: RotaParticipant
    label: str
    cells: list[bool]  # on duty in (part of) that week


def week_grid(rota: Rota, participants, turns, labels) -> tuple[list[date], list[WeekRow]]:
    """The rota as a participants × weeks table (weeks start on Monday)."""
    first = rota.start - timedelta(days=rota.start.weekday())
    weeks = []
    monday = first
    while monday <= rota.end:
        weeks.append(monday)
        monday += timedelta(days=7)
    by_participant: dict[int, list[DutyTurn]] = {}
    for turn in turns:
        by_participant.setdefault(turn.participant_id, []).append(turn)
    rows = []
    for p in participants:
        own = by_participant.get(p.pk, [])
        cells = [any(t.start <= w + timedelta(days=6) and w <= t.end for t in own)
                 for w in weeks]
        rows.append(WeekRow(p, labels[p.pk], cells))
    return weeks, rows


def participant_ics(rota: Rota, participant: RotaParticipant, label: str) -> str:
    """The participant's turns in this rota as an iCalendar file."""
    from opvangregie.operations.ics import IcsEvent, ics_calendar

    events = [
        IcsEvent(
            uid=f"opvangregie-rooster-{rota.pk}-dienst-{turn.pk}@opvangregie",
            start=turn.start, end=turn.end,
            summary=f"Dienst crisisnoodopvang: {label} ({turn.places} plekken)",
            description=f"{rota.name}. {rota.parallel} tegelijk op dienst, "
            f"{rota.places_per_turn} plekken per dienst.",
        )
        for turn in rota.turns.filter(participant=participant).order_by("start")
    ]
    return ics_calendar(events, name=f"{rota.name}: {label}")

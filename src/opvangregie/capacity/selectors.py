"""Reads of locations and their dated figures, scoped to the user.

`locations_for_user` decides which locations a user may see at all. Which of a confidential
location's fields they may see is decided in `opvangregie.access` (re-exported here:
`location_details_visible`, `location_label`, `location_details_visible_ids`,
`location_views_for_user`). Every page, export and report shows a location through a
`LocationView` or `location_label`, so a confidential name cannot leak by a side door.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from opvangregie.access import (  # noqa: F401 - the public names callers use
    LocationView,
    location_details_visible,
    location_details_visible_ids,
    location_label,
    location_labels,
    location_view_for_user,
    location_views_for_user,
)
from opvangregie.capacity.ledger import KindSpan
from opvangregie.capacity.models import (
    CapacityKind,
    CapacityRecord,
    FiguresConfirmation,
    HousingInstrumentCount,
    Location,
    PermitHolderHousing,
)
from opvangregie.core import prepared
from opvangregie.regions.selectors import municipalities_for_user


def end_of_day(day: date) -> datetime:
    """`as known on day X` means: everything registered up to the end of X, Dutch time."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min)) - timedelta(
        microseconds=1
    )


def locations_for_user(user, *, editable: bool = False) -> QuerySet[Location]:
    return Location.objects.filter(
        municipality__in=municipalities_for_user(user, editable=editable)
    ).select_related("municipality")


def locations_with_editable(user) -> QuerySet[Location]:
    """`locations_for_user`, each with `editable`: whether the user may also change it
    (`locations_for_user(user, editable=True)`), read in the same query."""
    editable = locations_for_user(user, editable=True).filter(pk=OuterRef("pk"))
    # The region too: the page of a confidential location asks who may widen its release.
    return (locations_for_user(user).annotate(editable=Exists(editable))
            .select_related("municipality__safety_region"))


class MunicipalityOfRow(NamedTuple):
    name: str
    safety_region_id: int


class LocationRow(NamedTuple):
    """A location's fields as plain values, under the model's attribute names: what the
    location list shows and `opvangregie.access` reads (`municipality.name`,
    `municipality.safety_region_id`, the release moments) to build its `LocationView`."""

    pk: int
    name: str
    address: str
    municipality_id: int
    municipality: MunicipalityOfRow
    type: str
    is_confidential: bool
    name_released_from: datetime | None
    address_released_from: datetime | None
    for_asylum_seekers: bool
    for_ukrainians: bool
    for_permit_holders: bool
    operator: str
    status: str


_LOCATION_ROW_VALUES = (
    "pk", "name", "address", "municipality_id", "municipality__name",
    "municipality__safety_region_id", "type", "is_confidential", "name_released_from",
    "address_released_from", "for_asylum_seekers", "for_ukrainians", "for_permit_holders",
    "operator", "status",
)


def location_row_values(locations: QuerySet[Location]) -> QuerySet:
    """`locations` as value tuples for `location_rows` (a query set: it can be paged)."""
    return locations.values_list(*_LOCATION_ROW_VALUES)


def location_rows(values) -> list[LocationRow]:
    """`LocationRow`s of the tuples of `location_row_values`: a list page's fifty locations
    with their municipality as model instances cost more than the rest of its work."""
    return [
        LocationRow(pk, name, address, municipality_id,
                    MunicipalityOfRow(municipality_name, region_id), *rest)
        for pk, name, address, municipality_id, municipality_name, region_id, *rest in values
    ]


def _current_at(model, queryset, as_of: datetime):
    """Records registered by `as_of` that no correction registered by then replaced.

    A correlated EXISTS follows the index on `corrects` per record; `pk NOT IN (all
    corrections)` read every correction in the country, ten times slower for a region.
    """
    corrected = model.objects.filter(corrects=OuterRef("pk"), registered_at__lte=as_of)
    return queryset.filter(registered_at__lte=as_of).exclude(Exists(corrected))


def _of_locations(locations, overlapping: tuple[date, date] | None):
    """The records of `locations` whose period overlaps `overlapping` (any when None).

    For SQLite the location goes into each branch of "ends on or after the start, or
    open-ended": it then answers from the index on (location, valid_to) with two range scans
    (MULTI-INDEX OR); with the location outside the OR it read every record the locations
    ever had. PostgreSQL is given the plain form: with the locations' subquery in both
    branches it filtered the whole table instead of joining.
    """
    if not overlapping:
        return CapacityRecord.objects.filter(location__in=locations)
    start, end = overlapping
    ends = Q(valid_to__gte=start) | Q(valid_to__isnull=True)
    if connection.vendor == "sqlite":
        ends = (Q(location__in=locations, valid_to__gte=start)
                | Q(location__in=locations, valid_to__isnull=True))
    else:
        ends &= Q(location__in=locations)
    return CapacityRecord.objects.filter(ends, valid_from__lte=end)


def capacity_records_as_known(
    locations, *, as_of: datetime, overlapping: tuple[date, date] | None = None
) -> list[CapacityRecord]:
    """The capacity records that were current at `as_of` (one query)."""
    records = _of_locations(locations, overlapping)
    return list(
        _current_at(CapacityRecord, records, as_of).select_related("location__municipality")
    )


@dataclass(frozen=True)
class CapacityValues:
    """One capacity record as plain values, with what a report needs of its location."""

    municipality_id: int
    location_type: str
    for_ukrainians: bool
    valid_from: date
    valid_to: date | None
    places: int
    kind: str
    location_id: int | None = None


def capacity_values_as_known(
    locations, *, as_of: datetime, overlapping: tuple[date, date] | None = None
) -> list[CapacityValues]:
    """`capacity_records_as_known` as plain values (one query).

    The same records by the same rule; building model instances for the thousands of weekly
    records of a region was most of the overview's time.
    """
    return [CapacityValues(*row)
            for row in capacity_values_query(locations, as_of=as_of, overlapping=overlapping)]


def capacity_values_query(
    locations, *, as_of: datetime, overlapping: tuple[date, date] | None = None
):
    """The query of `capacity_values_as_known`, its rows in `CapacityValues` order (for
    `core.prepared`)."""
    records = _of_locations(locations, overlapping)
    return _current_at(CapacityRecord, records, as_of).order_by().values_list(
        "location__municipality_id", "location__type", "location__for_ukrainians",
        "valid_from", "valid_to", "places", "kind", "location_id",
    )


def capacity_spans_as_known(
    municipality_ids, *, start: date, until: date, as_of: datetime,
    location_type: str | None = None, location_ids=None,
) -> list[KindSpan]:
    """The capacity records as known at `as_of` that overlap [start, until], as spans per
    location (unit: the municipality id), realised or planned (one query).

    For rules that must tell realised from planned per location, such as
    `capacity.ledger.realised_supersedes_planned`.
    """
    arguments = dict(municipality_ids=list(municipality_ids), start=start, until=until,
                     as_of=as_of, location_type=location_type or None)
    if location_ids is not None:
        arguments["location_ids"] = list(location_ids)
    rows = prepared.rows("capacity-spans", _spans_query, **arguments)
    return [
        KindSpan(location, municipality, valid_from, valid_to, places,
                 kind == CapacityKind.REALISED, registered)
        for location, municipality, valid_from, valid_to, places, kind, registered in rows
    ]


def _spans_query(municipality_ids, start, until, as_of, location_type, location_ids=None):
    locations = Location.objects.filter(municipality_id__in=municipality_ids)
    if location_type:
        locations = locations.filter(type=location_type)
    if location_ids is not None:
        locations = locations.filter(pk__in=location_ids)
    records = _of_locations(locations, (start, until))
    return _current_at(CapacityRecord, records, as_of).order_by().values_list(
        "location_id", "location__municipality_id", "valid_from", "valid_to", "places", "kind",
        "registered_at",
    )


def permit_housing_as_known(municipalities, *, as_of: datetime) -> list[PermitHolderHousing]:
    rows = PermitHolderHousing.objects.filter(municipality__in=municipalities)
    return list(_current_at(PermitHolderHousing, rows, as_of))


def housed_per_month(municipality_ids, *, as_of: datetime) -> dict[int, dict[date, int]]:
    """Permit holders housed per municipality and month, as known at `as_of` (one query)."""
    rows = PermitHolderHousing.objects.filter(municipality_id__in=municipality_ids)
    result: dict[int, dict[date, int]] = {}
    for municipality_id, month, housed in (
        _current_at(PermitHolderHousing, rows, as_of)
        .order_by()
        .values_list("municipality_id", "month", "housed")
    ):
        months = result.setdefault(municipality_id, {})
        months[month] = months.get(month, 0) + housed
    return result


def housed_between(per_month: dict[date, int], start: date, until: date) -> int:
    """The permit holders housed in the months from `start` through `until` (inclusive)."""
    return sum(housed for month, housed in per_month.items() if start <= month <= until)


def last_updates(municipality_ids, *, as_of: datetime) -> dict[int, datetime]:
    """Per municipality the latest registration of capacity or housing, or confirmation
    "nog juist", up to `as_of` (three queries). A municipality without any is left out."""
    latest: dict[int, datetime] = {}

    def take(pairs):
        for municipality_id, moment in pairs:
            if moment and (municipality_id not in latest or moment > latest[municipality_id]):
                latest[municipality_id] = moment

    # Capacity: the newest record per location, one index lookup each on (location,
    # registered_at); MAX over the region's join read every record (PostgreSQL ~50 ms).
    newest = (
        CapacityRecord.objects.filter(location=OuterRef("pk"), registered_at__lte=as_of)
        .order_by("-registered_at").values("registered_at")[:1]
    )
    take(
        Location.objects.filter(municipality_id__in=municipality_ids)
        .annotate(last=Subquery(newest)).order_by().values_list("municipality_id", "last")
    )
    sources = (
        (PermitHolderHousing, "municipality_id", "registered_at"),
        (FiguresConfirmation, "municipality_id", "confirmed_at"),
    )
    for model, municipality, moment in sources:
        take(
            model.objects.filter(**{f"{municipality}__in": municipality_ids,
                                    f"{moment}__lte": as_of})
            .values(municipality)
            .annotate(last=Max(moment))
            .values_list(municipality, "last")
        )
    return latest


def last_confirmations(municipalities) -> dict[int, datetime]:
    latest: dict[int, datetime] = {}
    for municipality_id, confirmed_at in FiguresConfirmation.objects.filter(
        municipality__in=municipalities
    ).values_list("municipality_id", "confirmed_at"):
        latest[municipality_id] = max(confirmed_at, latest.get(municipality_id, confirmed_at))
    return latest


@dataclass(frozen=True)
class CurrentCapacity:
    """The record that gives a location's places on a day, as plain values."""

    location_id: int
    valid_from: date
    valid_to: date | None
    places: int
    occupancy: int | None
    kind: str
    registered_at: datetime

    def get_kind_display(self) -> str:
        return str(CapacityKind(self.kind).label)


def current_capacity_by_location(location_ids, *, on: date) -> dict[int, CurrentCapacity]:
    """Per location (of `location_ids`) the record that gives its places on `on`, as known
    now.

    Of the current records whose period covers the day, a realised one wins over a planned
    one, then the latest start date. Plain values (one query): model instances with their
    location and municipality cost more than the rest of the location list's work.
    """
    rows = prepared.rows("current-capacity", _current_query, ids=list(location_ids),
                         known_at=timezone.now(), start=on, end=on)
    chosen: dict[int, CurrentCapacity] = {}

    def rank(record: CurrentCapacity):
        return (record.kind == CapacityKind.REALISED, record.valid_from, record.registered_at)

    for row in rows:
        record = CurrentCapacity(*row)
        best = chosen.get(record.location_id)
        if best is None or rank(record) > rank(best):
            chosen[record.location_id] = record
    return chosen


def _current_query(ids, known_at, start, end):
    records = _of_locations(ids, (start, end))
    # The model's ordering is kept: it decides between records that rank the same.
    return _current_at(CapacityRecord, records, known_at).values_list(
        "location_id", "valid_from", "valid_to", "places", "occupancy", "kind", "registered_at",
    )


class HistoryRecord(NamedTuple):
    """A capacity record on a location's page, as plain values: who registered it and, when
    a correction replaced it, when and by whom (usernames; None for the system)."""

    pk: int
    valid_from: date
    valid_to: date | None
    places: int
    occupancy: int | None
    kind: str
    registered_at: datetime
    registered_by: str | None
    reason: str
    corrected: bool
    corrected_at: datetime | None
    corrected_by: str | None


def capacity_history(location: Location, *, latest: int | None = None) -> list[HistoryRecord]:
    """Every capacity record of a location, corrected ones included, oldest period first.

    With `latest`, only the `latest` records of the newest periods (still oldest first): a
    location with years of weekly figures has hundreds, and its page shows the recent ones.
    Plain values: the records with their registrant, correction and its registrant as model
    instances were four objects a row.
    """
    records = CapacityRecord.objects.filter(location=location).values_list(
        "pk", "valid_from", "valid_to", "places", "occupancy", "kind", "registered_at",
        "registered_by__username", "reason", "corrected_by__pk", "corrected_by__registered_at",
        "corrected_by__registered_by__username",
    )
    if latest is None:
        rows = list(records.order_by("valid_from", "registered_at", "pk"))
    else:
        rows = list(records.order_by("-valid_from", "-registered_at", "-pk")[:latest])[::-1]
    return [
        HistoryRecord(*row[:9], corrected=correction is not None, corrected_at=corrected_at,
                      corrected_by=corrected_by)
        for *row, correction, corrected_at, corrected_by in rows
    ]


def current_capacity_records(locations) -> list[CapacityRecord]:
    """The capacity records that are not corrected (the figures as known now), any period."""
    return list(
        CapacityRecord.objects.filter(location__in=locations, corrected_by__isnull=True)
        .select_related("location__municipality")
        .order_by("location__municipality__name", "location_id", "valid_from")
    )


def _permit_housing_not_corrected(municipalities) -> QuerySet[PermitHolderHousing]:
    # Not corrected, as a correlated NOT EXISTS on `corrects` (the same rows as
    # `corrected_by__isnull=True`): for that LEFT JOIN SQLite built a temporary index on every
    # view (7 ms); this reads the unique index on `corrects` per row (0.5 ms).
    corrected = PermitHolderHousing.objects.filter(corrects=OuterRef("pk"))
    return (
        PermitHolderHousing.objects.filter(municipality__in=municipalities)
        .exclude(Exists(corrected))
        .order_by("-month", "municipality__name", "pk")
    )


def permit_housing_current(municipalities) -> QuerySet[PermitHolderHousing]:
    """The housed permit holders per municipality and month as known now, newest month first
    (a query set: the page shows it a page at a time)."""
    return (_permit_housing_not_corrected(municipalities)
            .select_related("municipality", "registered_by")
            .prefetch_related("instrument_counts"))


class HousingRow(NamedTuple):
    """A row of the housing page as plain values: `registered_by` a username (None: the
    system), `instrument_counts` (instrument, housed) pairs in the model's order."""

    pk: int
    month: date
    municipality: str
    housed: int
    registered_at: datetime
    registered_by: str | None
    corrects_id: int | None
    reason: str
    instrument_counts: tuple[tuple[str, int], ...]


def permit_housing_current_values(municipalities) -> QuerySet:
    """`permit_housing_current` as value tuples for `housing_rows` (a query set: it can be
    paged)."""
    return _permit_housing_not_corrected(municipalities).values_list(
        "pk", "month", "municipality__name", "housed", "registered_at",
        "registered_by__username", "corrects_id", "reason",
    )


def housing_rows(values) -> list[HousingRow]:
    """`HousingRow`s of the tuples of `permit_housing_current_values`, with their counts per
    instrument (one query): a page of fifty registrations as model instances with their
    municipality, registrant and counts cost more than the rest of the page."""
    values = list(values)
    counts: dict[int, list[tuple[str, int]]] = {}
    for housing_id, instrument, housed in HousingInstrumentCount.objects.filter(
        housing_id__in=[row[0] for row in values]
    ).values_list("housing_id", "instrument", "housed"):
        counts.setdefault(housing_id, []).append((instrument, housed))
    return [HousingRow(*row, instrument_counts=tuple(counts.get(row[0], ()))) for row in values]


def housed_per_instrument(municipality_ids, *, start: date, until: date,
                          as_of: datetime) -> dict[int, dict[str, int]]:
    """Per municipality the permit holders housed in the months `start` through `until`, per
    instrument, from the registrations current at `as_of` (one query). Months registered
    without a breakdown add nothing here: the overview shows them as "niet uitgesplitst"."""
    current = _current_at(
        PermitHolderHousing,
        PermitHolderHousing.objects.filter(municipality_id__in=municipality_ids,
                                           month__gte=start, month__lte=until),
        as_of,
    )
    result: dict[int, dict[str, int]] = {}
    for municipality_id, instrument, housed in (
        HousingInstrumentCount.objects.filter(housing__in=current.values("pk"))
        .order_by().values_list("housing__municipality_id", "instrument", "housed")
    ):
        counts = result.setdefault(municipality_id, {})
        counts[instrument] = counts.get(instrument, 0) + housed
    return result

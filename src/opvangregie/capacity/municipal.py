"""A municipality's own figures for the overview, as known at a moment, kept per municipality.

A region's overview adds up the figures of its municipalities. A weekly registration changes
the figures of one municipality; reading the whole region again was most of the time of the
first view after it. So each municipality's figures are read for many municipalities at once
(a constant number of queries) and kept in the cache under that municipality's own revision
(`core.cache.municipal_revisions`, ADR 11): after a registration, only its municipality's
figures are read again. Two kinds, each with its own revision: the places (capacity records)
and the housing (permit-holder housing, its instruments, confirmations).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction

from django.db.models import Max, OuterRef, Q, Subquery

from opvangregie.capacity.ledger import IsoWeek, Span, place_days_per_week
from opvangregie.capacity.models import (
    CapacityKind,
    CapacityRecord,
    FiguresConfirmation,
    Location,
    LocationType,
)
from opvangregie.capacity.selectors import (
    CapacityValues,
    capacity_values_query,
    housed_per_instrument,
    housed_per_month,
)
from opvangregie.core import prepared
from opvangregie.core.cache import (
    HOUSING,
    PLACES,
    SETUP,
    cached_many,
    figures_revision,
    municipal_revisions,
)


@dataclass(frozen=True)
class MunicipalPlaces:
    """One municipality's places as known at a moment."""

    # Place-days per CNO location and ISO week of the CNO window (divided by 7 once the
    # locations shared with other municipalities are split: `cno_place_weeks`).
    cno_days: dict[int, dict[IsoWeek, int]] = field(default_factory=dict)
    azc: int = 0  # realised places of AZC locations on the reference date
    for_ukrainians: int = 0  # realised places of locations for Ukrainians on that date
    last_registered: datetime | None = None


@dataclass(frozen=True)
class MunicipalHousing:
    """One municipality's permit-holder housing and confirmations as known at a moment."""

    per_month: dict[date, int] = field(default_factory=dict)
    per_instrument: dict[str, int] = field(default_factory=dict)  # in the instrument window
    last_registered: datetime | None = None
    last_confirmed: datetime | None = None


def municipal_figures(
    municipality_ids, *, known_at: datetime, cno_start: date, cno_end: date, day: date,
    instruments_from: date, instruments_until: date,
) -> tuple[dict[int, MunicipalPlaces], dict[int, MunicipalHousing]]:
    """Per municipality its places and its housing, as known at `known_at`: CNO place-days
    per location in [cno_start, cno_end], realised places on `day`, housing per month and per
    instrument in [instruments_from, instruments_until]. From the cache where the
    municipality's figures of that kind did not change; the rest read at once."""
    ids = list(municipality_ids)
    places_window = (known_at, cno_start, cno_end, day)
    housing_window = (known_at, instruments_from, instruments_until)
    rest = figures_revision(SETUP)  # the locations and the rest of the set-up (ADR 14)
    if rest is None:  # nothing is cached without a revision (a database just emptied)
        return (places_of(ids, known_at=known_at, cno_start=cno_start, cno_end=cno_end,
                          day=day),
                housing_of(ids, known_at=known_at, start=instruments_from,
                           until=instruments_until))
    revisions = municipal_revisions(ids)
    places = cached_many(
        "municipal-places", {pk: revisions.get(pk, {}).get(PLACES) for pk in ids},
        (rest, *places_window),
        lambda missing: places_of(missing, known_at=known_at, cno_start=cno_start,
                                  cno_end=cno_end, day=day),
    )
    housing = cached_many(
        "municipal-housing", {pk: revisions.get(pk, {}).get(HOUSING) for pk in ids},
        (rest, *housing_window),
        lambda missing: housing_of(missing, known_at=known_at, start=instruments_from,
                                   until=instruments_until),
    )
    return places, housing


def places_of(ids: list[int], *, known_at: datetime, cno_start: date, cno_end: date,
              day: date) -> dict[int, MunicipalPlaces]:
    """`MunicipalPlaces` of every municipality in `ids`, read now (two queries)."""
    # One read for both periods: the CNO window and the reference date usually overlap.
    records = [CapacityValues(*row) for row in prepared.rows(
        "municipal-places", _counted_records, ids=ids, known_at=known_at,
        start=min(cno_start, day), end=max(cno_end, day))]
    # Spans outside the CNO window count no days in it.
    spans = [Span((r.municipality_id, r.location_id), r.valid_from, r.valid_to, r.places)
             for r in records if r.location_type == LocationType.CNO]
    cno_days: dict[int, dict[int, dict[IsoWeek, int]]] = {}
    for (municipality_id, location_id), weeks in place_days_per_week(
            spans, cno_start, cno_end + timedelta(days=1)).items():
        cno_days.setdefault(municipality_id, {})[location_id] = weeks

    azc: dict[int, int] = {}
    ukrainian: dict[int, int] = {}
    for record in records:
        if record.kind != CapacityKind.REALISED:
            continue  # planned places are not places yet
        if record.valid_from > day or (record.valid_to is not None and record.valid_to < day):
            continue
        if record.location_type == LocationType.AZC:
            azc[record.municipality_id] = azc.get(record.municipality_id, 0) + record.places
        if record.for_ukrainians:
            ukrainian[record.municipality_id] = (
                ukrainian.get(record.municipality_id, 0) + record.places)

    last: dict[int, datetime] = {}
    for municipality_id, moment in prepared.rows("municipal-newest", _newest_registrations,
                                                  ids=ids, known_at=known_at):
        if moment and (municipality_id not in last or moment > last[municipality_id]):
            last[municipality_id] = moment
    return {
        pk: MunicipalPlaces(cno_days.get(pk, {}), azc.get(pk, 0), ukrainian.get(pk, 0),
                            last.get(pk))
        for pk in ids
    }


def _counted_records(ids, known_at, start, end):
    """The records as known at `known_at` in [start, end] of the locations the overview counts
    (CNO, AZC, for Ukrainians) in the municipalities `ids`."""
    return capacity_values_query(
        Location.objects.filter(Q(type__in=[LocationType.CNO, LocationType.AZC])
                                | Q(for_ukrainians=True), municipality_id__in=ids),
        as_of=known_at, overlapping=(start, end),
    )


def _newest_registrations(ids, known_at):
    """(municipality id, its newest registration by `known_at`) per location of `ids`: one
    index lookup each on (location, registered_at)."""
    newest = (
        CapacityRecord.objects.filter(location=OuterRef("pk"), registered_at__lte=known_at)
        .order_by("-registered_at").values("registered_at")[:1]
    )
    return (Location.objects.filter(municipality_id__in=ids).annotate(last=Subquery(newest))
            .order_by().values_list("municipality_id", "last"))


def housing_of(ids: list[int], *, known_at: datetime, start: date,
               until: date) -> dict[int, MunicipalHousing]:
    """`MunicipalHousing` of every municipality in `ids`, read now (four queries)."""
    from opvangregie.capacity.models import PermitHolderHousing

    per_month = housed_per_month(ids, as_of=known_at)
    per_instrument = housed_per_instrument(ids, start=start, until=until, as_of=known_at)
    latest = {}
    for model, moment in ((PermitHolderHousing, "registered_at"),
                          (FiguresConfirmation, "confirmed_at")):
        latest[model] = dict(
            model.objects.filter(municipality_id__in=ids, **{f"{moment}__lte": known_at})
            .values("municipality_id").annotate(last=Max(moment))
            .values_list("municipality_id", "last")
        )
    return {
        pk: MunicipalHousing(per_month.get(pk, {}), per_instrument.get(pk, {}),
                             latest[PermitHolderHousing].get(pk),
                             latest[FiguresConfirmation].get(pk))
        for pk in ids
    }


def cno_place_weeks(places: dict[int, MunicipalPlaces],
                    shared: dict[int, list[tuple[int, int]]]) -> dict[int, dict[IsoWeek, Fraction]]:
    """CNO place-weeks per municipality and ISO week from `places`: `shared` maps a location
    shared by several municipalities (a joint location, agreed in the region) to its parts as
    (municipality id, places); its place-weeks go to them in those proportions instead of to
    the host. Exact: place-days are summed per week first and divided once (the split is
    linear). A municipality without place-weeks is left out."""
    days: dict[int, dict[IsoWeek, int | Fraction]] = {}

    def add(municipality_id: int, weeks: dict[IsoWeek, int | Fraction]) -> None:
        target = days.setdefault(municipality_id, {})
        for week, count in weeks.items():
            target[week] = target.get(week, 0) + count

    for municipality_id, locations in places.items():
        for location_id, weeks in locations.cno_days.items():
            parts = shared.get(location_id)
            if not parts:
                add(municipality_id, weeks)
                continue
            whole = sum(part for _pk, part in parts)
            for pk, part in parts:
                if part:
                    add(pk, {week: Fraction(count * part, whole)
                             for week, count in weeks.items()})
    return {pk: {week: Fraction(count, 7) for week, count in weeks.items()}
            for pk, weeks in days.items()}

"""The overview "Inzage opgaven asielketen": one row per municipality of a region.

Everything is read "as known on" the reference date (`as_of`): figures registered later, and
corrections registered later, do not change the overview of an earlier date. The number of
database queries is constant: everything for the region is fetched at once and aggregated
here, never per municipality or per location. See docs/overview.md for every column.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie import fairshare
from opvangregie.capacity.ledger import IsoWeek, Span, iso_week, total_place_weeks, weeks_between
from opvangregie.capacity.models import (
    CapacityKind,
    CapacityRecord,
    FiguresConfirmation,
    Location,
    LocationType,
    PermitHolderHousing,
)
from opvangregie.capacity.selectors import end_of_day, permit_housing_as_known
from opvangregie.core.cache import cached
from opvangregie.core.dated import current_as_known
from opvangregie.regions.models import (
    Indicator,
    IndicatorValue,
    Municipality,
    NationalValue,
    SafetyRegion,
)
from opvangregie.regions.selectors import (
    indicator_values_on,
    municipalities_existing_on,
    municipalities_for_user,
)
from opvangregie.targets.balances import HalfYear, statutory_quota
from opvangregie.targets.distribution import DistributionInput, region_municipalities
from opvangregie.targets.models import Distribution, DistributionStatus, Target
from opvangregie.targets.selectors import (
    distributions_for_user,
    target_lineage,
    targets_for_user,
)

DEFAULT_STALE_AFTER_DAYS = 14
CNO_SHARE_METHOD = "hamilton"
# How many half-years back a backlog or lead is carried over (each needs its own target).
MAX_CARRY_OVER_HALF_YEARS = 8
PLACE_WEEKS_DECIMALS = Decimal("0.1")


def default_cno_window(as_of: date) -> tuple[date, date]:
    """1 June up to and including 30 September of the reference date's year."""
    return date(as_of.year, 6, 1), date(as_of.year, 9, 30)


def rounded_place_weeks(value: Fraction) -> Decimal:
    """Place-weeks as shown on the page and in the export: one decimal, half up."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(PLACE_WEEKS_DECIMALS, ROUND_HALF_UP)


@dataclass(frozen=True)
class OverviewRow:
    municipality: Municipality
    quota: int | None  # against the official national target
    housed: int
    carried_over: int
    quota_informal: int | None
    cno_per_week: tuple[Fraction, ...]  # aligned with Overview.weeks
    cno_total: Fraction
    cno_share: int | None
    azc_places: int
    ukrainian_places: int
    last_update: datetime | None
    stale: bool
    can_confirm: bool

    @property
    def saldo_1(self) -> int | None:
        return None if self.quota is None else self.housed + self.carried_over - self.quota

    @property
    def saldo_2(self) -> int | None:
        if self.quota_informal is None:
            return None
        return self.housed + self.carried_over - self.quota_informal

    @property
    def cno_per_week_rounded(self) -> list[Decimal]:
        return [rounded_place_weeks(value) for value in self.cno_per_week]

    @property
    def cno_total_rounded(self) -> Decimal:
        return rounded_place_weeks(self.cno_total)

    @property
    def last_update_date(self) -> date | None:
        return timezone.localdate(self.last_update) if self.last_update else None


@dataclass(frozen=True)
class OverviewTotals:
    quota: int | None
    housed: int
    carried_over: int
    saldo_1: int | None
    quota_informal: int | None
    saldo_2: int | None
    cno_per_week: tuple[Fraction, ...]
    cno_total: Fraction
    cno_share: int | None
    azc_places: int
    ukrainian_places: int
    ukrainian_target: int | None
    stale: int

    @property
    def cno_per_week_rounded(self) -> list[Decimal]:
        return [rounded_place_weeks(value) for value in self.cno_per_week]

    @property
    def cno_total_rounded(self) -> Decimal:
        return rounded_place_weeks(self.cno_total)


@dataclass(frozen=True)
class Overview:
    region: SafetyRegion
    as_of: date
    stale_after_days: int
    half_year: HalfYear
    population_date: date | None  # the CBS reference date the quota used
    official_target: Target | None
    informal_target: Target | None
    carry_over_targets: tuple[Target, ...]  # earlier half-years whose balance carries over
    cno_start: date
    cno_end: date
    weeks: tuple[IsoWeek, ...]
    cno_target: Target | None
    cno_share_adopted: bool  # False: computed here, not adopted by the board
    cno_share_decision: str
    cno_share_error: str
    ukrainian_target: Target | None
    rows: list[OverviewRow]
    totals: OverviewTotals

    @property
    def week_labels(self) -> list[str]:
        return [week_label(week) for week in self.weeks]

    @property
    def cno_share_computed(self) -> bool:
        return self.cno_target is not None and not self.cno_share_adopted and (
            not self.cno_share_error
        )

    @property
    def stale_before(self) -> date:
        return self.as_of - timedelta(days=self.stale_after_days)


def week_label(week: IsoWeek) -> str:
    year, number = week
    return _("wk %(week)s (%(year)s)") % {"week": number, "year": year}


# --- selector ---------------------------------------------------------------------------------


def overview_for_user(
    user,
    *,
    region: SafetyRegion,
    as_of: date,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    cno_start: date | None = None,
    cno_end: date | None = None,
) -> Overview:
    """The overview of `region` as known at the end of `as_of`, for what `user` may see.

    `overview_compute`, kept in the cache until any figure it reads changes (`core.cache`):
    between two changes, every request for the same overview by the same user gets the same
    answer. A user who is not saved (the commands' system user) is not cached.
    """
    arguments = {
        "region": region, "as_of": as_of, "stale_after_days": stale_after_days,
        "cno_start": cno_start, "cno_end": cno_end,
    }
    if user.pk is None:
        return overview_compute(user, **arguments)
    parts = (user.pk, region.pk, as_of, stale_after_days, cno_start, cno_end)
    return cached("overview", parts, lambda: overview_compute(user, **arguments))


def overview_compute(
    user,
    *,
    region: SafetyRegion,
    as_of: date,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    cno_start: date | None = None,
    cno_end: date | None = None,
) -> Overview:
    """The overview computed from the database, without the cache.

    A region the user may not see gives an overview without rows. The query count does not
    depend on the number of municipalities or locations.
    """
    default_start, default_end = default_cno_window(as_of)
    cno_start = cno_start or default_start
    cno_end = cno_end or default_end
    known_at = end_of_day(as_of)

    municipalities = municipalities_existing_on(
        municipalities_for_user(user).filter(safety_region=region).order_by("name"), as_of
    )
    ids = [m.pk for m in municipalities]
    editable = (
        set(
            municipalities_for_user(user, editable=True)
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        if ids
        else set()
    )
    targets = _relevant_targets(user, region=region, as_of=as_of)

    # Permit holders: quota, housed, carry-over, Saldo I and II.
    half_year = HalfYear.containing(as_of)
    official = _target_covering(targets, Target.Kind.PERMIT_HOLDERS, as_of, national=True)
    informal = _target_covering(
        targets, Target.Kind.PERMIT_HOLDERS, as_of, national=True, informal=True
    )
    population = _Population(ids, known_at)
    housing = _housed_per_half_year(ids, known_at)
    quota = population.quotas(official.amount, half_year) if official else None
    quota_informal = population.quotas(informal.amount, half_year) if informal else None
    carried_over, carry_targets = _carried_over(ids, targets, half_year, population, housing)
    housed_now = _housed_until(housing, ids, half_year, as_of)

    # Capacity: CNO place-weeks per week, AZC and Ukrainian places on the reference date.
    weeks = tuple(weeks_between(cno_start, cno_end + timedelta(days=1)))
    cno_weeks = _cno_place_weeks(ids, known_at, cno_start, cno_end)
    azc, ukrainian = _places_on(ids, known_at, as_of)

    # The CNO share for October–January: adopted, or computed and marked as such.
    cno_target = _cno_october_target(targets, as_of.year)
    cno_share, adopted, decision, error = _cno_shares(
        user, region=region, target=cno_target, as_of=as_of, start=cno_start, end=cno_end,
        credits={pk: total_place_weeks(per_week) for pk, per_week in cno_weeks.items()},
    )
    ukrainian_target = _target_covering(targets, Target.Kind.UKRAINIANS, as_of, national=False)

    last_updates = _last_updates(ids, known_at)
    stale_before = as_of - timedelta(days=stale_after_days)

    rows = []
    for m in municipalities:
        last = last_updates.get(m.pk)
        per_week = cno_weeks.get(m.pk, {})
        rows.append(
            OverviewRow(
                municipality=m,
                quota=quota.get(m.pk) if quota is not None else None,
                housed=housed_now.get(m.pk, 0),
                carried_over=carried_over.get(m.pk, 0),
                quota_informal=quota_informal.get(m.pk) if quota_informal is not None else None,
                cno_per_week=tuple(per_week.get(week, Fraction(0)) for week in weeks),
                cno_total=total_place_weeks(per_week),
                cno_share=cno_share.get(m.pk) if cno_share is not None else None,
                azc_places=azc.get(m.pk, 0),
                ukrainian_places=ukrainian.get(m.pk, 0),
                last_update=last,
                stale=last is None or timezone.localdate(last) < stale_before,
                can_confirm=m.pk in editable,
            )
        )
    return Overview(
        region=region,
        as_of=as_of,
        stale_after_days=stale_after_days,
        half_year=half_year,
        population_date=population.date_used(half_year.population_date),
        official_target=official,
        informal_target=informal,
        carry_over_targets=tuple(carry_targets),
        cno_start=cno_start,
        cno_end=cno_end,
        weeks=weeks,
        cno_target=cno_target,
        cno_share_adopted=adopted,
        cno_share_decision=decision,
        cno_share_error=error,
        ukrainian_target=ukrainian_target,
        rows=rows,
        totals=_totals(rows, weeks, ukrainian_target),
    )


def _sum_or_none(values: Iterable[int | None]) -> int | None:
    values = list(values)
    if not values or any(v is None for v in values):
        return None
    return sum(values)


def _totals(rows: list[OverviewRow], weeks, ukrainian_target: Target | None) -> OverviewTotals:
    return OverviewTotals(
        quota=_sum_or_none(r.quota for r in rows),
        housed=sum(r.housed for r in rows),
        carried_over=sum(r.carried_over for r in rows),
        saldo_1=_sum_or_none(r.saldo_1 for r in rows),
        quota_informal=_sum_or_none(r.quota_informal for r in rows),
        saldo_2=_sum_or_none(r.saldo_2 for r in rows),
        cno_per_week=tuple(
            sum((r.cno_per_week[i] for r in rows), Fraction(0)) for i in range(len(weeks))
        ),
        cno_total=sum((r.cno_total for r in rows), Fraction(0)),
        cno_share=_sum_or_none(r.cno_share for r in rows),
        azc_places=sum(r.azc_places for r in rows),
        ukrainian_places=sum(r.ukrainian_places for r in rows),
        ukrainian_target=ukrainian_target.amount if ukrainian_target else None,
        stale=sum(1 for r in rows if r.stale),
    )


# --- targets ----------------------------------------------------------------------------------


def _relevant_targets(user, *, region, as_of: date) -> list[Target]:
    """Every target the overview may need, as known at the end of `as_of`, in one query."""
    earliest = date(as_of.year - MAX_CARRY_OVER_HALF_YEARS // 2 - 1, 1, 1)
    return list(
        targets_for_user(user, region=region, known_on=end_of_day(as_of))
        .filter(
            kind__in=[Target.Kind.PERMIT_HOLDERS, Target.Kind.CNO, Target.Kind.UKRAINIANS],
            period_end__gte=earliest,
            period_start__lte=date(as_of.year, 12, 31),
        )
        .order_by("period_start", "pk")
    )


def _target_covering(
    targets: list[Target], kind: str, day: date, *, national: bool, informal: bool = False
) -> Target | None:
    """The target of a kind whose period covers `day`; the most recently started one wins."""
    scope = Target.Scope.NATIONAL if national else Target.Scope.REGIONAL
    found = [
        t
        for t in targets
        if t.kind == kind
        and t.scope == scope
        and t.is_informal == informal
        and t.period_start <= day <= t.period_end
    ]
    return max(found, key=lambda t: (t.period_start, t.pk)) if found else None


def _cno_october_target(targets: list[Target], year: int) -> Target | None:
    found = [
        t
        for t in targets
        if t.kind == Target.Kind.CNO
        and t.scope == Target.Scope.REGIONAL
        and (t.period_start.year, t.period_start.month) == (year, 10)
    ]
    return max(found, key=lambda t: t.pk) if found else None


# --- permit holders ---------------------------------------------------------------------------


class _Population:
    """Population per municipality and nationally, for any CBS reference date (two queries).

    As known at `known_at`: a CBS correction registered later does not change the quota.
    """

    def __init__(self, ids: list[int], known_at: datetime):
        self.values: dict[int, list[tuple[date, int]]] = defaultdict(list)
        for municipality_id, day, value in (
            current_as_known(
                IndicatorValue.objects.filter(
                    municipality_id__in=ids, indicator__code=Indicator.POPULATION
                ),
                known_on=known_at,
            )
            .order_by("municipality_id", "reference_date")
            .values_list("municipality_id", "reference_date", "value")
        ):
            self.values[municipality_id].append((day, int(value)))
        self.national = [
            (day, int(value))
            for day, value in current_as_known(
                NationalValue.objects.filter(indicator__code=Indicator.POPULATION),
                known_on=known_at,
            )
            .order_by("reference_date")
            .values_list("reference_date", "value")
        ]

    @staticmethod
    def _on(dated: list[tuple[date, int]], day: date) -> tuple[date, int] | None:
        """As `regions.selectors.indicator_values_on`: latest on or before, else earliest."""
        before = [item for item in dated if item[0] <= day]
        if before:
            return before[-1]
        return dated[0] if dated else None

    def date_used(self, day: date) -> date | None:
        found = self._on(self.national, day)
        return found[0] if found else None

    def quotas(self, national_number: int, half_year: HalfYear) -> dict[int, int]:
        """Huisvestingswet art. 29: the quota of each municipality, rounded up."""
        day = half_year.population_date
        national = [item for item in self.national if item[0] <= day]
        if not national:
            return {}
        national_population = national[-1][1]
        result = {}
        for municipality_id, dated in self.values.items():
            found = self._on(dated, day)
            if found:
                result[municipality_id] = statutory_quota(
                    national_number, found[1], national_population
                )
        return result


def _housed_per_half_year(ids: list[int], known_at: datetime) -> list[PermitHolderHousing]:
    return permit_housing_as_known(ids, as_of=known_at)


def _housed_until(
    housing: list[PermitHolderHousing], ids, half_year: HalfYear, until: date
) -> dict[int, int]:
    """Housed per municipality in the months of `half_year` up to `until` (inclusive)."""
    last = min(until, half_year.end)
    housed = dict.fromkeys(ids, 0)
    for row in housing:
        if half_year.start <= row.month <= last:
            housed[row.municipality_id] = housed.get(row.municipality_id, 0) + row.housed
    return housed


def _previous(half_year: HalfYear) -> HalfYear:
    return HalfYear(half_year.year, 1) if half_year.half == 2 else HalfYear(half_year.year - 1, 2)


def _carried_over(
    ids, targets, half_year: HalfYear, population: _Population, housing
) -> tuple[dict[int, int], list[Target]]:
    """The balance of the previous half-year, itself including what it carried over.

    A half-year counts only when an official national target covers it; the chain stops at the
    first half-year without one (its carry-over is 0).
    """
    chain: list[tuple[HalfYear, Target]] = []
    earlier = _previous(half_year)
    for _step in range(MAX_CARRY_OVER_HALF_YEARS):
        target = _target_covering(targets, Target.Kind.PERMIT_HOLDERS, earlier.end, national=True)
        if target is None:
            break
        chain.append((earlier, target))
        earlier = _previous(earlier)
    carried = dict.fromkeys(ids, 0)
    for earlier, target in reversed(chain):  # oldest first
        quota = population.quotas(target.amount, earlier)
        housed = _housed_until(housing, ids, earlier, earlier.end)
        carried = {
            pk: housed.get(pk, 0) + carried.get(pk, 0) - quota[pk] if pk in quota else 0
            for pk in ids
        }
    return carried, [target for _half, target in chain]


# --- capacity ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Capacity:
    """One capacity record as the overview needs it: plain values, no model instances."""

    municipality_id: int
    location_type: str
    for_ukrainians: bool
    valid_from: date
    valid_to: date | None
    places: int
    kind: str


def _capacity_as_known(
    locations, known_at: datetime, overlapping: tuple[date, date]
) -> list[_Capacity]:
    """The capacity records current at `known_at` that overlap a period, in one query.

    The same rule as `capacity.selectors.capacity_records_as_known` (registered by then, and
    not corrected by a record registered by then), but as plain values: building model
    instances for thousands of weekly records was most of the page's time. A test checks
    that both give the same records.
    """
    start, end = overlapping
    corrected = CapacityRecord.objects.filter(corrects=OuterRef("pk"), registered_at__lte=known_at)
    rows = (
        CapacityRecord.objects.filter(
            location__in=locations, registered_at__lte=known_at, valid_from__lte=end
        )
        .exclude(valid_to__lt=start)
        .exclude(Exists(corrected))
        .order_by()
        .values_list(
            "location__municipality_id", "location__type", "location__for_ukrainians",
            "valid_from", "valid_to", "places", "kind",
        )
    )
    return [_Capacity(*row) for row in rows]


def _cno_place_weeks(
    ids, known_at: datetime, start: date, end: date
) -> dict[int, dict[IsoWeek, Fraction]]:
    """CNO place-weeks (planned and realised) per municipality and ISO week."""
    locations = Location.objects.filter(municipality_id__in=ids, type=LocationType.CNO)
    spans = [
        Span(r.municipality_id, r.valid_from, r.valid_to, r.places)
        for r in _capacity_as_known(locations, known_at, (start, end))
    ]
    return place_weeks(spans, start, end + timedelta(days=1))


def place_weeks(spans, start: date, end_exclusive: date) -> dict[object, dict[IsoWeek, Fraction]]:
    """`capacity.ledger.place_weeks_per_week`, counting whole place-days as integers.

    The same numbers (a test compares them), but one Fraction per unit and week instead of
    one per span and week: a region has thousands of weekly records.
    """
    days: dict[object, dict[IsoWeek, int]] = defaultdict(lambda: defaultdict(int))
    for span in spans:
        day = max(span.start, start)
        last_exclusive = min(
            (span.end + timedelta(days=1)) if span.end else end_exclusive, end_exclusive
        )
        while day < last_exclusive:
            upto = min(day + timedelta(days=8 - day.isoweekday()), last_exclusive)
            days[span.unit][iso_week(day)] += span.places * (upto - day).days
            day = upto
    return {
        unit: {week: Fraction(count, 7) for week, count in weeks.items()}
        for unit, weeks in days.items()
    }


def _places_on(ids, known_at: datetime, day: date) -> tuple[dict[int, int], dict[int, int]]:
    """Realised AZC places and places for Ukrainians per municipality, valid on `day`."""
    locations = Location.objects.filter(
        Q(type=LocationType.AZC) | Q(for_ukrainians=True), municipality_id__in=ids
    )
    azc: dict[int, int] = defaultdict(int)
    ukrainian: dict[int, int] = defaultdict(int)
    for record in _capacity_as_known(locations, known_at, (day, day)):
        if record.kind != CapacityKind.REALISED:
            continue
        if record.location_type == LocationType.AZC:
            azc[record.municipality_id] += record.places
        if record.for_ukrainians:
            ukrainian[record.municipality_id] += record.places
    return azc, ukrainian


def _last_updates(ids, known_at: datetime) -> dict[int, datetime]:
    """The latest registration or confirmation per municipality, up to `known_at` (3 queries)."""
    latest: dict[int, datetime] = {}

    def take(pairs):
        for municipality_id, moment in pairs:
            if moment and (municipality_id not in latest or moment > latest[municipality_id]):
                latest[municipality_id] = moment

    take(
        CapacityRecord.objects.filter(
            location__municipality_id__in=ids, registered_at__lte=known_at
        )
        .values("location__municipality_id")
        .annotate(last=Max("registered_at"))
        .values_list("location__municipality_id", "last")
    )
    take(
        PermitHolderHousing.objects.filter(municipality_id__in=ids, registered_at__lte=known_at)
        .values("municipality_id")
        .annotate(last=Max("registered_at"))
        .values_list("municipality_id", "last")
    )
    take(
        FiguresConfirmation.objects.filter(municipality_id__in=ids, confirmed_at__lte=known_at)
        .values("municipality_id")
        .annotate(last=Max("confirmed_at"))
        .values_list("municipality_id", "last")
    )
    return latest


# --- the CNO share for October–January --------------------------------------------------------


def _cno_shares(
    user, *, region, target: Target | None, as_of: date, start: date, end: date,
    credits: dict[int, Fraction],
) -> tuple[dict[int, int] | None, bool, str, str]:
    """(share per municipality, adopted?, decision, error) for the region's October CNO target."""
    if target is None:
        return None, False, "", ""
    adopted = _distribution_in_force(user, target=target, region=region, as_of=as_of)
    if adopted is not None:
        return (
            {a.municipality_id: a.amount for a in adopted.allocations.all()},
            True,
            adopted.decision_reference,
            "",
        )
    inputs = cno_share_inputs(region=region, target=target, as_of=as_of, start=start, end=end)
    try:
        return computed_cno_shares(inputs, credits), False, "", ""
    except fairshare.FairShareError as error:
        return None, False, "", error.message


def cno_share_inputs(*, region, target: Target, as_of: date, start: date, end: date):
    """What the board would compute: key 50/50, Hamilton, CNO effort in the window as credit."""
    return DistributionInput(
        target=target,
        region=region,
        method=CNO_SHARE_METHOD,
        reference_date=region.default_reference_date,
        credit_from=start,
        credit_until=end,
        credit_location_type=LocationType.CNO,
        credit_as_of=as_of,
        known_on=end_of_day(as_of),
    )


def computed_cno_shares(inputs: DistributionInput, credits: dict[int, Fraction]) -> dict[int, int]:
    """`targets.distribution.distribution_compute` with the credits the overview already has.

    distribution_compute would read the same CNO records again to find the credits (the
    place-weeks in the window, which are this overview's CNO totals); here they are passed in.
    Without agreements this is the same computation (a test checks that it gives the same
    numbers as distribution_compute).
    """
    reference_date = inputs.reference_date or inputs.target.period_start
    municipalities = region_municipalities(inputs.region, reference_date)
    values = {
        code: indicator_values_on(municipalities, code, reference_date, known_on=inputs.known_on)
        for code in inputs.key
    }
    units = [
        fairshare.Unit(
            name=m.name,
            indicators={code: values[code][m.pk].value if m.pk in values[code] else 0
                        for code in inputs.key},
            credit=credits.get(m.pk, 0),
        )
        for m in municipalities
    ]
    result = fairshare.distribute(
        units, inputs.target.amount, key=dict(inputs.key), method=inputs.method,
        window_weeks=inputs.window_weeks,
    )
    return {m.pk: unit.allocation for m, unit in zip(municipalities, result.units, strict=True)}


def _distribution_in_force(user, *, target: Target, region, as_of: date) -> Distribution | None:
    """The distribution adopted on or before the reference date (two queries).

    Normally that is the adopted version (`targets.selectors.adopted_distribution`); when it
    was adopted after the reference date, the version it superseded was in force then.
    """
    return (
        distributions_for_user(user, region=region)
        .filter(
            target__in=target_lineage(target),
            status__in=[DistributionStatus.ADOPTED, DistributionStatus.SUPERSEDED],
            adopted_at__lte=end_of_day(as_of),
        )
        .order_by("-adopted_at", "-version")
        .prefetch_related("allocations")
        .first()
    )


# --- sorting ----------------------------------------------------------------------------------

SORT_KEYS: dict[str, Callable[[OverviewRow], object]] = {
    "gemeente": lambda r: r.municipality.name.casefold(),
    "taakstelling": lambda r: r.quota,
    "gehuisvest": lambda r: r.housed,
    "overloop": lambda r: r.carried_over,
    "saldo1": lambda r: r.saldo_1,
    "taakstelling_informeel": lambda r: r.quota_informal,
    "saldo2": lambda r: r.saldo_2,
    "cno": lambda r: r.cno_total,
    "cno_aandeel": lambda r: r.cno_share,
    "azc": lambda r: r.azc_places,
    "oekraine": lambda r: r.ukrainian_places,
    "bijgewerkt": lambda r: r.last_update,
}
DEFAULT_SORT = "gemeente"


def sorted_rows(rows: list[OverviewRow], key: str, *, descending: bool = False):
    """Rows sorted by a column; blanks (no target, never updated) always last, ties by name."""
    getter = SORT_KEYS.get(key, SORT_KEYS[DEFAULT_SORT])
    with_value = [r for r in rows if getter(r) is not None]
    blank = [r for r in rows if getter(r) is None]
    by_name = sorted(with_value, key=SORT_KEYS[DEFAULT_SORT])
    ordered = sorted(by_name, key=getter, reverse=descending)
    return ordered + sorted(blank, key=SORT_KEYS[DEFAULT_SORT])

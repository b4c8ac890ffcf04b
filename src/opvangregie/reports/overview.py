"""The overview "Inzage opgaven asielketen": one row per municipality of a region.

Everything is read "as known on" the reference date (`as_of`): figures registered later, and
corrections registered later, do not change the overview of an earlier date. This module only
composes: every rule belongs to the app that owns the figure (see docs/overview.md, "Where
each column's rule lives"), and each of their bulk reads costs a constant number of queries,
whatever the number of municipalities or locations.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie.agreements.selectors import (
    agreements_in_force,
    cno_adjustments,
    joint_location_parts,
    joint_reason,
)
from opvangregie.capacity.ledger import IsoWeek, total_place_weeks, weeks_between
from opvangregie.capacity.models import HousingInstrument, LocationType
from opvangregie.capacity.municipal import cno_place_weeks, municipal_figures
from opvangregie.capacity.selectors import end_of_day
from opvangregie.core.cache import (
    NO_REGION,
    SETUP,
    cached_for_user,
    figures_revision,
    region_own,
    region_setup,
)
from opvangregie.regions.models import Municipality, SafetyRegion
from opvangregie.regions.selectors import municipalities_existing_on, municipalities_for_user
from opvangregie.reports.refresh import overview_computed
from opvangregie.targets.balances import (
    HalfYear,
    Population,
    earliest_relevant_day,
    permit_holder_balances,
    saldo,
)
from opvangregie.targets.distribution import SharesInForce, share_basis, shares_from_basis
from opvangregie.targets.models import Target
from opvangregie.targets.selectors import (
    regional_target_starting,
    target_in_force,
    targets_overlapping,
)
from opvangregie.textguard import mask

DEFAULT_STALE_AFTER_DAYS = 14
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
    # Of `housed`, the permit holders housed per instrument (HousingInstrument code); months
    # registered without a breakdown are "not broken down" (`housed_unassigned`).
    housed_by_instrument: dict[str, int] = field(default_factory=dict)

    @property
    def housed_unassigned(self) -> int:
        return self.housed - sum(self.housed_by_instrument.values())
    reason: str = ""  # why the quota differs from the plain share (regional agreements)

    @property
    def saldo_1(self) -> int | None:
        return saldo(housed=self.housed, carried_over=self.carried_over, quota=self.quota)

    @property
    def saldo_2(self) -> int | None:
        return saldo(housed=self.housed, carried_over=self.carried_over,
                     quota=self.quota_informal)

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
    housed_by_instrument: dict[str, int] = field(default_factory=dict)

    @property
    def housed_unassigned(self) -> int:
        return self.housed - sum(self.housed_by_instrument.values())

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
    # A digest of what it was made from (for its reader): equal inputs, equal overview; empty
    # when it was made without a revision of the figures.
    inputs: str = ""
    # The revision of the terms hidden from its reader (`NO_REGION`) its agreements' reasons
    # were masked with; empty when it has no reasons to mask.
    hidden_terms: str = ""

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
    parts = (region.pk, as_of, stale_after_days, cno_start, cno_end)

    def compute() -> Overview:
        if cno_start is None and cno_end is None:
            # The page's overview: a registration in the region makes it again for this
            # reader once committed (`reports.refresh`, ADR 13).
            overview_computed(user, region.pk, as_of, stale_after_days)
        return overview_compute(user, **arguments)

    def masked_as_now(overview: Overview) -> bool:
        return not overview.hidden_terms or overview.hidden_terms == figures_revision(NO_REGION)

    # Only this region's own figures and set-up (ADR 14): a registration in another region, a
    # meeting or a candidate leaves it in the cache, unless it has reasons masked with terms
    # that have changed since.
    return cached_for_user(user, "overview", parts, compute, region_id=region_own(region.pk),
                           valid=masked_as_now)


def overview_compute(
    user,
    *,
    region: SafetyRegion,
    as_of: date,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    cno_start: date | None = None,
    cno_end: date | None = None,
) -> Overview:
    """The overview computed from its parts (ADR 11).

    What it reads besides the municipalities' own figures (`_basis`: municipalities, targets,
    agreements, population, the CNO share's key) is kept per reader under the revision of the
    region's set-up (ADR 14: the regional figures, meetings, candidates, national series and
    other regions' locations, targets and agreements leave it); each municipality's own
    figures (`capacity.municipal`) under that municipality's revision. So the first view
    after a registration reads the figures of one municipality again, and adds up; the first
    view after a change the overview does not read finds it made. A region the user may not
    see gives an overview without rows. The query count does not depend on the number of
    municipalities or locations.
    """
    default_start, default_end = default_cno_window(as_of)
    cno_start = cno_start or default_start
    cno_end = cno_end or default_end
    known_at = end_of_day(as_of)
    basis = cached_for_user(
        user, "overview-basis", (region.pk, as_of, cno_start, cno_end),
        lambda: _basis(user, region=region, as_of=as_of, known_at=known_at,
                       cno_start=cno_start, cno_end=cno_end),
        region_id=region_setup(region.pk),
    )
    municipalities = basis.municipalities
    ids = [m.pk for m in municipalities]
    half_year = HalfYear.containing(as_of)
    places, housing = municipal_figures(
        ids, known_at=known_at, cno_start=cno_start, cno_end=cno_end, day=as_of,
        instruments_from=half_year.start, instruments_until=min(as_of, half_year.end),
    )
    # The overview is a function of the basis (kept under the revision of the set-up) and
    # these figures: a registration that changes none of them (one of another period, or
    # known after the reference date) gives the overview made from the same parts before
    # (ADR 11). With the reader, `inputs` names the overview. The agreements' reasons are
    # masked with the terms hidden from the reader, which follow every change but the
    # regional figures (candidates, releases): only then does the rest count.
    rest = figures_revision(region_setup(region.pk))
    hidden_terms = ""
    if rest is not None and basis.reasons:
        hidden_terms = figures_revision(NO_REGION) or ""
        rest = (rest, hidden_terms)
    inputs = "" if rest is None else hashlib.sha256(repr((
        rest, region.pk, as_of, stale_after_days, cno_start, cno_end,
        [places[pk] for pk in ids], [housing[pk] for pk in ids],
    )).encode()).hexdigest()
    return cached_for_user(
        user, "overview-assembled", (region.pk, inputs),
        lambda: _assembled(user, basis, places, housing, region=region, as_of=as_of,
                           stale_after_days=stale_after_days, cno_start=cno_start,
                           cno_end=cno_end, inputs=inputs, hidden_terms=hidden_terms),
        region_id=SETUP,
    )


def _assembled(user, basis: "_Basis", places: dict, housing: dict, *, region: SafetyRegion,
               as_of: date, stale_after_days: int, cno_start: date, cno_end: date,
               inputs: str, hidden_terms: str) -> Overview:
    """The overview added up from the basis and the municipalities' own figures."""
    municipalities = basis.municipalities
    ids = [m.pk for m in municipalities]
    known_at = end_of_day(as_of)
    permit = permit_holder_balances(
        ids, targets=basis.targets, on=as_of, known_at=known_at, agreements=basis.agreements,
        housing={pk: housing[pk].per_month for pk in ids}, population=basis.population,
    )
    weeks = tuple(weeks_between(cno_start, cno_end + timedelta(days=1)))
    # Regional agreements: a joint location's place-weeks go to its partners in the agreed
    # parts, and exchanges move CNO places between shares; the row says why.
    cno_weeks = cno_place_weeks({pk: places[pk] for pk in ids}, basis.shared)
    cno_changes = basis.cno_changes
    cno_share = (
        shares_from_basis(basis.share_basis, credits={
            pk: total_place_weeks(cno_weeks.get(pk, {})) for pk in ids})
        if basis.cno_target else SharesInForce(None, False, "", "")
    )
    # The reasons quote what coordinators typed in agreements: masked for this reader (the
    # terms hidden from the reader are only read when there is a reason to mask).
    stale_before = as_of - timedelta(days=stale_after_days)

    rows = []
    for m in municipalities:
        place = places[m.pk]
        housed = housing[m.pk]
        moments = [moment for moment in (place.last_registered, housed.last_registered,
                                         housed.last_confirmed) if moment]
        last = max(moments) if moments else None
        per_week = cno_weeks.get(m.pk, {})
        rows.append(
            OverviewRow(
                municipality=m,
                quota=permit.quota.get(m.pk) if permit.quota is not None else None,
                housed=permit.housed.get(m.pk, 0),
                carried_over=permit.carried_over.get(m.pk, 0),
                quota_informal=(
                    permit.quota_informal.get(m.pk) if permit.quota_informal is not None
                    else None
                ),
                cno_per_week=tuple(per_week.get(week, Fraction(0)) for week in weeks),
                cno_total=total_place_weeks(per_week),
                cno_share=(cno_share.shares.get(m.pk, 0) + cno_changes[m.pk].amount
                           if cno_share.shares is not None and m.pk in cno_changes
                           else cno_share.shares.get(m.pk) if cno_share.shares is not None
                           else None),
                azc_places=place.azc,
                ukrainian_places=place.for_ukrainians,
                last_update=last,
                stale=last is None or timezone.localdate(last) < stale_before,
                can_confirm=m.pk in basis.editable,
                housed_by_instrument=housed.per_instrument,
                reason=mask("; ".join(basis.reasons.get(m.pk, [])), user),
            )
        )
    return Overview(
        region=region,
        as_of=as_of,
        stale_after_days=stale_after_days,
        half_year=permit.half_year,
        population_date=permit.population_date,
        official_target=permit.official_target,
        informal_target=permit.informal_target,
        carry_over_targets=permit.carry_over_targets,
        cno_start=cno_start,
        cno_end=cno_end,
        weeks=weeks,
        cno_target=basis.cno_target,
        cno_share_adopted=cno_share.adopted,
        cno_share_decision=cno_share.decision,
        cno_share_error=cno_share.error,
        ukrainian_target=basis.ukrainian_target,
        rows=rows,
        totals=_totals(rows, weeks, basis.ukrainian_target),
        inputs=inputs,
        hidden_terms=hidden_terms,
    )


@dataclass(frozen=True)
class _Basis:
    """What the overview of a region reads besides its municipalities' own figures."""

    municipalities: list[Municipality]
    editable: frozenset[int]
    targets: list[Target]
    agreements: list
    population: Population  # with every population date the balances need, read
    shared: dict[int, list[tuple[int, int]]]  # joint location → (municipality id, places)
    cno_changes: dict
    reasons: dict[int, list[str]]  # unmasked: masked per reader when the rows are made
    cno_target: Target | None
    share_basis: object  # `targets.distribution.share_basis`, None without a CNO target
    ukrainian_target: Target | None


def _basis(user, *, region: SafetyRegion, as_of: date, known_at: datetime, cno_start: date,
           cno_end: date) -> _Basis:
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
    # One call per rule, each owned by its domain app.
    targets = targets_overlapping(
        user, region=region, start=earliest_relevant_day(as_of), end=date(as_of.year, 12, 31),
        kinds=[Target.Kind.PERMIT_HOLDERS, Target.Kind.CNO, Target.Kind.UKRAINIANS],
        known_on=known_at,
    )
    agreements = agreements_in_force(user, region=region, on=as_of)
    population = Population(ids, known_on=known_at)
    # Read every population date the balances need now (their housing comes per
    # municipality, later): the result itself is not kept.
    permit = permit_holder_balances(ids, targets=targets, on=as_of, known_at=known_at,
                                    agreements=agreements, housing={}, population=population)
    joint = joint_location_parts(agreements)
    cno_changes = cno_adjustments(agreements)
    reasons = {pk: [text] for pk, text in permit.reasons.items() if text}
    for pk, adjustment in cno_changes.items():
        reasons.setdefault(pk, []).extend(adjustment.reasons)
    for agreement in joint.values():
        for part in agreement.parts.all():
            reasons.setdefault(part.municipality_id, []).append(
                joint_reason(agreement, part.municipality_id))
    cno_target = regional_target_starting(
        targets, kind=Target.Kind.CNO, year=as_of.year, month=10
    )
    return _Basis(
        municipalities=municipalities,
        editable=frozenset(editable),
        targets=targets,
        agreements=agreements,
        population=population,
        shared={location: [(p.municipality_id, p.places) for p in agreement.parts.all()]
                for location, agreement in joint.items()},
        cno_changes=cno_changes,
        reasons=reasons,
        cno_target=cno_target,
        share_basis=(
            share_basis(user, region=region, target=cno_target, on=as_of,
                        credit_from=cno_start, credit_until=cno_end,
                        location_type=LocationType.CNO)
            if cno_target else None
        ),
        ukrainian_target=target_in_force(
            targets, kind=Target.Kind.UKRAINIANS, on=as_of, national=False
        ),
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
        housed_by_instrument={
            code: total for code in HousingInstrument.values
            if (total := sum(r.housed_by_instrument.get(code, 0) for r in rows))
        },
    )

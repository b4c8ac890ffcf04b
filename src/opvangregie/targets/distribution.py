"""From a target and the region's data to the engine's input, and back.

Reads only: `targets.services` saves and adopts what is computed here.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction

from opvangregie import fairshare
from opvangregie.capacity.selectors import end_of_day
from opvangregie.regions.models import Indicator, Municipality, SafetyRegion
from opvangregie.regions.selectors import indicator_values_on, municipalities_existing_on
from opvangregie.targets.credit import (
    WindowEffort,
    place_weeks_by_municipality,
    planned_window,
    window_effort,
)
from opvangregie.targets.models import Agreement, Target
from opvangregie.targets.selectors import distribution_in_force

KEY_INDICATORS = (Indicator.POPULATION, Indicator.LAND_AREA)


@dataclass(frozen=True)
class AgreementInput:
    kind: str
    municipality: Municipality
    amount: int
    reason: str
    to_municipality: Municipality | None = None


@dataclass(frozen=True)
class DistributionInput:
    target: Target
    region: SafetyRegion
    method: str = "hamilton"
    key: dict[str, Fraction] = field(
        default_factory=lambda: {Indicator.POPULATION: Fraction(1, 2),
                                 Indicator.LAND_AREA: Fraction(1, 2)}
    )
    reference_date: date | None = None
    credit_from: date | None = None
    credit_until: date | None = None
    credit_location_type: str = ""
    credit_as_of: date | None = None
    agreements: tuple[AgreementInput, ...] = ()
    # Locations whose effort registered for the target's own window counts as earlier effort
    # (targets.credit): the board names them, e.g. the seeds' Zwartewaterland boat.
    planned_locations: tuple[int, ...] = ()
    # The CBS figures as known at this moment (None: now); an as-of page passes its moment.
    known_on: datetime | None = None

    @property
    def uses_credit(self) -> bool:
        return bool(self.credit_from and self.credit_until)

    @property
    def window_weeks(self) -> int | None:
        if not self.uses_credit:
            return None
        days = (self.target.period_end - self.target.period_start).days + 1
        return max(1, round(days / 7))

    @property
    def planned_window(self) -> tuple[date, date]:
        """The part of the target's period whose effort at `planned_locations` is credited."""
        return planned_window(self.target, self.credit_until)


@dataclass(frozen=True)
class Computed:
    inputs: DistributionInput
    municipalities: list[Municipality]
    result: fairshare.Distribution
    # The credited effort of `inputs.planned_locations` in the target's window, per location.
    window_effort: tuple[WindowEffort, ...] = ()

    def for_municipality(self, municipality: Municipality) -> fairshare.UnitResult:
        return self.result.units[self.municipalities.index(municipality)]


def region_municipalities(region: SafetyRegion, on: date) -> list[Municipality]:
    return municipalities_existing_on(
        Municipality.objects.filter(safety_region=region).order_by("name"), on
    )


def distribution_compute(
    inputs: DistributionInput, *, credits: dict[int, Fraction] | None = None
) -> Computed:
    """Run the engine; raises fairshare.FairShareError with a Dutch message on bad input.

    `credits`: the place-weeks per municipality id of the credit window, when the caller
    already has them (`capacity.municipal.cno_place_weeks` for the same window,
    location type and moment); otherwise they are read here.
    """
    return distribution_from_basis(distribution_basis(inputs), credits=credits)


@dataclass(frozen=True)
class DistributionBasis:
    """What a distribution reads besides the capacity credits: the region's municipalities on
    the reference date and their key figures (`distribution_basis`)."""

    inputs: DistributionInput
    municipalities: list[Municipality]
    values: dict


def distribution_basis(inputs: DistributionInput) -> DistributionBasis:
    reference_date = inputs.reference_date or inputs.target.period_start
    municipalities = region_municipalities(inputs.region, reference_date)
    values = {
        code: indicator_values_on(municipalities, code, reference_date, known_on=inputs.known_on)
        for code in inputs.key
    }
    return DistributionBasis(inputs, municipalities, values)


def distribution_from_basis(
    basis: DistributionBasis, *, credits: dict[int, Fraction] | None = None
) -> Computed:
    """`distribution_compute` from a basis read earlier (the overview keeps it in the cache
    while the credits follow the registrations)."""
    inputs, municipalities, values = basis.inputs, basis.municipalities, basis.values
    if credits is None:
        credits = _credits(inputs, municipalities)
    effort = tuple(
        window_effort(municipalities, location_ids=inputs.planned_locations,
                      start=inputs.planned_window[0], until=inputs.planned_window[1],
                      as_of=inputs.credit_as_of or date.today())
        if inputs.uses_credit else ()
    )
    if effort:
        credits = dict(credits)
        for item in effort:
            credits[item.municipality_id] = (
                credits.get(item.municipality_id, Fraction(0)) + item.place_weeks
            )
    bounds = _bounds(inputs.agreements)
    units = [
        fairshare.Unit(
            name=m.name,
            indicators={code: values[code][m.pk].value if m.pk in values[code] else 0
                        for code in inputs.key},
            credit=credits.get(m.pk, 0),
            lower=bounds.get((m.pk, Agreement.Kind.MINIMUM), 0),
            upper=bounds.get((m.pk, Agreement.Kind.MAXIMUM)),
            fixed=bounds.get((m.pk, Agreement.Kind.FIXED)),
        )
        for m in municipalities
    ]
    transfers = [
        fairshare.Transfer(a.municipality.name, a.to_municipality.name, a.amount)
        for a in inputs.agreements
        if a.kind == Agreement.Kind.TRANSFER and a.to_municipality is not None
    ]
    result = fairshare.distribute(
        units,
        inputs.target.amount,
        key=dict(inputs.key),
        method=inputs.method,
        window_weeks=inputs.window_weeks,
        transfers=transfers,
    )
    return Computed(inputs, municipalities, result, effort)


def _credits(inputs: DistributionInput, municipalities) -> dict[int, Fraction]:
    return (
        place_weeks_by_municipality(
            municipalities,
            start=inputs.credit_from,
            until=inputs.credit_until,
            location_type=inputs.credit_location_type or None,
            as_of=inputs.credit_as_of or date.today(),
        )
        if inputs.uses_credit
        else {}
    )


@dataclass(frozen=True)
class SharesInForce:
    """Each municipality's share of a target on a date: adopted, or computed as the board would."""

    shares: dict[int, int] | None  # per municipality id; None when it cannot be computed
    adopted: bool
    decision: str  # the adopted distribution's decision reference
    error: str  # why it cannot be computed (Dutch)


def credited_share_inputs(
    *, region: SafetyRegion, target: Target, credit_from: date, credit_until: date,
    location_type: str, as_of: date,
) -> DistributionInput:
    """What the board would compute: key 50 % population / 50 % land area (the region's
    standard reference date), largest remainder, the place-weeks of `location_type` in the
    credit window, as known at the end of `as_of`, as earlier effort."""
    return DistributionInput(
        target=target,
        region=region,
        reference_date=region.default_reference_date,
        credit_from=credit_from,
        credit_until=credit_until,
        credit_location_type=location_type,
        credit_as_of=as_of,
        known_on=end_of_day(as_of),
    )


def shares_in_force(
    user, *, region: SafetyRegion, target: Target, on: date, credit_from: date,
    credit_until: date, location_type: str, credits: dict[int, Fraction] | None = None,
) -> SharesInForce:
    """The distribution of `target` in force at the end of `on`
    (`targets.selectors.distribution_in_force`); without one, the share computed by
    `credited_share_inputs`, marked as not adopted. `credits` as for `distribution_compute`.
    """
    basis = share_basis(user, region=region, target=target, on=on, credit_from=credit_from,
                        credit_until=credit_until, location_type=location_type)
    return shares_from_basis(basis, credits=credits)


def share_basis(
    user, *, region: SafetyRegion, target: Target, on: date, credit_from: date,
    credit_until: date, location_type: str,
) -> SharesInForce | DistributionBasis:
    """What `shares_in_force` reads besides the credits: the adopted shares, or the basis to
    compute them from."""
    adopted = distribution_in_force(user, target=target, region=region, on=on)
    if adopted is not None:
        return SharesInForce(
            {a.municipality_id: a.amount for a in adopted.allocations.all()},
            True, adopted.decision_reference, "",
        )
    return distribution_basis(credited_share_inputs(
        region=region, target=target, credit_from=credit_from, credit_until=credit_until,
        location_type=location_type, as_of=on,
    ))


def shares_from_basis(basis: SharesInForce | DistributionBasis, *,
                      credits: dict[int, Fraction] | None = None) -> SharesInForce:
    if isinstance(basis, SharesInForce):
        return basis
    try:
        computed = distribution_from_basis(basis, credits=credits)
    except fairshare.FairShareError as error:
        return SharesInForce(None, False, "", error.message)
    return SharesInForce(
        {m.pk: unit.allocation
         for m, unit in zip(computed.municipalities, computed.result.units, strict=True)},
        False, "", "",
    )


def _bounds(agreements) -> dict[tuple[int, str], int]:
    return {
        (a.municipality.pk, a.kind): a.amount
        for a in agreements
        if a.kind != Agreement.Kind.TRANSFER
    }

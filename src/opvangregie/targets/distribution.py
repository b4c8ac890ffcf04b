"""From a target and the region's data to the engine's input, and back.

Reads only: `targets.services` saves and adopts what is computed here.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction

from opvangregie import fairshare
from opvangregie.regions.models import Indicator, Municipality, SafetyRegion
from opvangregie.regions.selectors import indicator_values_on, municipalities_existing_on
from opvangregie.targets.credit import place_weeks_by_municipality
from opvangregie.targets.models import Agreement, Target

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


@dataclass(frozen=True)
class Computed:
    inputs: DistributionInput
    municipalities: list[Municipality]
    result: fairshare.Distribution

    def for_municipality(self, municipality: Municipality) -> fairshare.UnitResult:
        return self.result.units[self.municipalities.index(municipality)]


def region_municipalities(region: SafetyRegion, on: date) -> list[Municipality]:
    return municipalities_existing_on(
        Municipality.objects.filter(safety_region=region).order_by("name"), on
    )


def distribution_compute(inputs: DistributionInput) -> Computed:
    """Run the engine; raises fairshare.FairShareError with a Dutch message on bad input."""
    reference_date = inputs.reference_date or inputs.target.period_start
    municipalities = region_municipalities(inputs.region, reference_date)
    values = {
        code: indicator_values_on(municipalities, code, reference_date, known_on=inputs.known_on)
        for code in inputs.key
    }
    credits = (
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
    return Computed(inputs, municipalities, result)


def _bounds(agreements) -> dict[tuple[int, str], int]:
    return {
        (a.municipality.pk, a.kind): a.amount
        for a in agreements
        if a.kind != Agreement.Kind.TRANSFER
    }

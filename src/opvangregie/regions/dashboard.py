"""The region dashboard's table: municipalities, their CBS figures and key shares."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from opvangregie.fairshare import compute_shares
from opvangregie.regions.models import Indicator, Municipality, SafetyRegion
from opvangregie.regions.selectors import (
    DatedValue,
    indicator_values_on,
    municipalities_existing_on,
    municipalities_for_user,
)


@dataclass(frozen=True)
class KeyRow:
    municipality: Municipality
    population: DatedValue | None
    land_area: DatedValue | None
    share: Fraction


@dataclass(frozen=True)
class KeyTable:
    region: SafetyRegion
    reference_date: date
    population_weight: Fraction
    rows: list[KeyRow]
    total_population: Decimal
    total_land_area: Decimal

    @property
    def land_area_weight(self) -> Fraction:
        return 1 - self.population_weight

    @property
    def land_area_is_derived(self) -> bool:
        return any(row.land_area and row.land_area.is_derived for row in self.rows)

    @property
    def reference_dates_used(self) -> dict[str, set[date]]:
        return {
            "population": {r.population.reference_date for r in self.rows if r.population},
            "land_area": {r.land_area.reference_date for r in self.rows if r.land_area},
        }


def key_table(
    *, user, region: SafetyRegion, reference_date: date, population_weight: Fraction
) -> KeyTable:
    """Municipalities of the region that exist on the reference date, with a 2-indicator key."""
    visible = municipalities_for_user(user).filter(safety_region=region)
    municipalities = municipalities_existing_on(visible, reference_date)
    population = indicator_values_on(municipalities, Indicator.POPULATION, reference_date)
    land_area = indicator_values_on(municipalities, Indicator.LAND_AREA, reference_date)
    shares = compute_shares(
        [m.name for m in municipalities],
        [
            {
                "population": population[m.pk].value if m.pk in population else 0,
                "land_area": land_area[m.pk].value if m.pk in land_area else 0,
            }
            for m in municipalities
        ],
        {"population": population_weight, "land_area": 1 - population_weight},
    )
    rows = [
        KeyRow(m, population.get(m.pk), land_area.get(m.pk), share)
        for m, share in zip(municipalities, shares, strict=True)
    ]
    return KeyTable(
        region=region,
        reference_date=reference_date,
        population_weight=population_weight,
        rows=rows,
        total_population=sum((r.population.value for r in rows if r.population), Decimal(0)),
        total_land_area=sum((r.land_area.value for r in rows if r.land_area), Decimal(0)),
    )

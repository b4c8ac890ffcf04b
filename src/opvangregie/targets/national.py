"""The national what-if: a national number over the 25 safety regions or every municipality.

Reads only, and only reference data (CBS population and land area): nothing confidential is
involved. Who may use it is decided by `targets.selectors.may_distribute_nationally`.

A slider move must answer fast, so the units of a level and reference date are kept in this
process, keyed by a token that changes with every write of a CBS figure (figures are
append-only: a correction is a new row) or of a municipality row. The engine then meets the
same indicator values again and reuses their shares (`fairshare.engine._SHARES`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db import connection

from opvangregie import fairshare
from opvangregie.regions.models import Indicator, IndicatorValue, Municipality
from opvangregie.regions.selectors import (
    indicator_values_on,
    municipalities_existing_on,
)
from opvangregie.regions.selectors import reference_dates as reference_dates_read

MUNICIPALITIES = "gemeenten"
REGIONS = "regios"
LEVELS = (MUNICIPALITIES, REGIONS)
FIXED, MINIMUM, MAXIMUM = "vast", "min", "max"


@dataclass(frozen=True)
class NationalUnit:
    """A municipality or a safety region with its CBS figures on the reference date."""

    code: str
    name: str
    population: Decimal
    land_area: Decimal


@dataclass(frozen=True)
class NationalAgreement:
    unit_code: str
    kind: str  # FIXED, MINIMUM or MAXIMUM
    amount: int


@dataclass(frozen=True)
class NationalComputed:
    level: str
    reference_date: date
    units: tuple[NationalUnit, ...]
    result: fairshare.Distribution


_CACHE: dict[tuple, object] = {}
_CACHE_SIZE = 16
_LOCK = threading.Lock()


def reference_data_token() -> tuple:
    """Changes with every CBS figure written (append-only) and every municipality row; one
    query of four scalar subqueries (the same SQL on SQLite and PostgreSQL)."""
    quote = connection.ops.quote_name
    figures = quote(IndicatorValue._meta.db_table)
    municipalities = quote(Municipality._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {figures}), (SELECT MAX(id) FROM {figures}), "  # noqa: S608
            f"(SELECT COUNT(*) FROM {municipalities}), (SELECT MAX(id) FROM {municipalities})"
        )
        return tuple(cursor.fetchone())


def reference_dates(token: tuple | None = None) -> list[date]:
    """The CBS reference dates of the population figures, newest first
    (`regions.selectors.reference_dates`), kept with the units."""
    token = token or reference_data_token()
    key = ("dates", token)
    found = _CACHE.get(key)
    if found is None:
        found = reference_dates_read(Indicator.POPULATION)
        _remember(key, found)
    return found  # type: ignore[return-value]


def _remember(key: tuple, value) -> None:
    with _LOCK:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = value


def national_units(
    level: str, reference_date: date, token: tuple | None = None
) -> tuple[tuple[NationalUnit, ...], tuple[fairshare.Unit, ...]]:
    """The units of `level` (municipalities existing on `reference_date`, or the safety
    regions they belong to, by name) with their figures, and the same as engine units.
    `token`: `reference_data_token()`, when the caller read it already in this request."""
    key = (level, reference_date, token or reference_data_token())
    found = _CACHE.get(key)
    if found is not None:
        return found
    municipalities = municipalities_existing_on(
        Municipality.objects.select_related("safety_region").order_by("name"), reference_date
    )
    population = indicator_values_on(municipalities, Indicator.POPULATION, reference_date)
    land_area = indicator_values_on(municipalities, Indicator.LAND_AREA, reference_date)

    def value(values, municipality) -> Decimal:
        found = values.get(municipality.pk)
        return found.value if found is not None else Decimal(0)

    if level == REGIONS:
        sums: dict[str, list] = {}
        for m in municipalities:
            region = m.safety_region
            entry = sums.setdefault(region.code, [region.name, Decimal(0), Decimal(0)])
            entry[1] += value(population, m)
            entry[2] += value(land_area, m)
        units = tuple(
            NationalUnit(code, name, people, area)
            for code, (name, people, area) in sorted(sums.items(), key=lambda kv: kv[1][0])
        )
    else:
        units = tuple(
            NationalUnit(m.code, m.name, value(population, m), value(land_area, m))
            for m in municipalities
        )
    engine_units = tuple(
        fairshare.Unit(
            name=unit.name,
            indicators={Indicator.POPULATION: unit.population, Indicator.LAND_AREA: unit.land_area},
        )
        for unit in units
    )
    _remember(key, (units, engine_units))
    return units, engine_units


def national_compute(
    *,
    units: tuple[tuple[NationalUnit, ...], tuple[fairshare.Unit, ...]] | None = None,
    level: str,
    reference_date: date,
    total: int,
    population_weight: Fraction,
    method: str,
    agreements: tuple[NationalAgreement, ...] = (),
) -> NationalComputed:
    """Distribute `total` over the units of `level`; raises fairshare.FairShareError (Dutch)
    on input the engine refuses (for example bounds that cannot all hold). `units`: what
    `national_units(level, reference_date)` returned, when the caller already has it."""
    units, engine_units = units or national_units(level, reference_date)
    index = {unit.code: i for i, unit in enumerate(units)}
    changed = list(engine_units)
    for agreement in agreements:
        i = index[agreement.unit_code]
        field = {FIXED: "fixed", MINIMUM: "lower", MAXIMUM: "upper"}[agreement.kind]
        changed[i] = replace(changed[i], **{field: agreement.amount})
    result = fairshare.distribute(
        changed,
        total,
        key={Indicator.POPULATION: population_weight, Indicator.LAND_AREA: 1 - population_weight},
        method=method,
    )
    return NationalComputed(level, reference_date, units, result)

"""Shared data for the fairshare tests: the IJsselland region (CBS, 1 January 2022)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opvangregie.fairshare import Unit

# Bron: CBS 70072NED via /work/shared/data/gemeenten_2022_2023_vr_provincie_bevolking_afgeleid.csv:
# inhabitants on 1-1-2022 and land area derived from CBS density (accurate to ~0.5 %).
IJSSELLAND = (
    ("Dalfsen", 29162, Decimal("164.76")),
    ("Deventer", 101446, Decimal("130.56")),
    ("Hardenberg", 61798, Decimal("312.11")),
    ("Kampen", 54791, Decimal("141.21")),
    ("Ommen", 18457, Decimal("179.19")),
    ("Raalte", 38140, Decimal("171.03")),
    ("Staphorst", 17282, Decimal("133.97")),
    ("Zwolle", 130668, Decimal("110.64")),
    ("Steenwijkerland", 44741, Decimal("288.65")),
    ("Olst-Wijhe", 18496, Decimal("113.47")),
    ("Zwartewaterland", 23012, Decimal("82.48")),
)

HALF_HALF = {"population": Decimal("0.5"), "land_area": Decimal("0.5")}


def ijsselland_units(**per_unit: dict) -> list[Unit]:
    """IJsselland units; keyword arguments per municipality override Unit fields."""
    return [
        Unit(
            name=name,
            indicators={"population": population, "land_area": area},
            **per_unit.get(name, {}),
        )
        for name, population, area in IJSSELLAND
    ]


@pytest.fixture
def ijsselland() -> list[Unit]:
    return ijsselland_units()

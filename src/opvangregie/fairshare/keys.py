"""Distribution keys: weighted shares over any number of indicators.

share_i = Σ_k w_k · x_ik / Σ_j x_jk. The weights are policy (for example half population, half
land area); they must be non-negative and add up to exactly 1, so they are read as exact
fractions or decimals (``Fraction(1, 3)``, ``Decimal("0.5")``, ``"1/3"``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from .errors import FairShareError
from .numbers import to_fraction


def parse_key(key: Mapping[str, object]) -> dict[str, Fraction]:
    """Validate a key {indicator: weight}: weights ≥ 0 that sum to exactly 1."""
    if not key:
        raise FairShareError("De verdeelsleutel is leeg.", code="bad_key")
    weights = {
        str(name): to_fraction(weight, f"Gewicht van '{name}' in de verdeelsleutel")
        for name, weight in key.items()
    }
    negative = [name for name, weight in weights.items() if weight < 0]
    if negative:
        raise FairShareError(
            f"Gewichten in de verdeelsleutel mogen niet negatief zijn: {', '.join(negative)}.",
            code="bad_key",
        )
    total = sum(weights.values())
    if total != 1:
        shown = str(total) if total.denominator != 1 else str(int(total))
        raise FairShareError(
            f"De gewichten in de verdeelsleutel tellen op tot {shown} in plaats van precies 1.",
            code="bad_key",
        )
    return weights


def compute_shares(
    names: Sequence[str],
    indicators: Sequence[Mapping[str, object]],
    key: Mapping[str, object],
) -> tuple[Fraction, ...]:
    """Each unit's key share; the shares add up to exactly 1."""
    weights = parse_key(key)
    columns: dict[str, list[Fraction]] = {}
    for indicator in weights:
        column = []
        for name, values in zip(names, indicators, strict=True):
            if indicator not in values:
                raise FairShareError(
                    f"{name} heeft geen waarde voor '{indicator}'.", units=[name], code="missing"
                )
            value = to_fraction(values[indicator], f"{name}, '{indicator}'")
            if value < 0:
                raise FairShareError(
                    f"{name} heeft een negatieve waarde voor '{indicator}' ({value}).",
                    units=[name],
                    code="negative",
                )
            column.append(value)
        if sum(column) == 0 and weights[indicator] > 0:
            raise FairShareError(
                f"De indicator '{indicator}' is voor alle eenheden 0 maar heeft gewicht "
                f"{weights[indicator]}; er valt niets naar verhouding te verdelen.",
                code="zero_indicator",
            )
        columns[indicator] = column
    sums = {indicator: sum(column) for indicator, column in columns.items()}
    return tuple(
        sum(
            (
                weight * columns[indicator][i] / sums[indicator]
                for indicator, weight in weights.items()
                if weight
            ),
            Fraction(0),
        )
        for i in range(len(names))
    )

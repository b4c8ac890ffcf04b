"""Feasibility of bounds, and the exact level solver shared by crediting and bounded quotas.

Both "water-filling" (crediting earlier effort) and "clamp and redistribute" (bounds) ask the
same question: find the level t at which Σ clamp(a_i·t + b_i, L_i, U_i) equals a target. The
left side is continuous, non-decreasing and piecewise linear in t, so it is solved exactly by
sweeping its breakpoints in order; with Fractions in, Fractions come out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .errors import FairShareError


def _names(names: Sequence[str]) -> str:
    return ", ".join(names)


def _number(value: Fraction | int) -> str:
    value = Fraction(value)
    if value.denominator == 1:
        return str(int(value))
    return f"{float(value):.2f}".replace(".", ",")


def check_bounds(
    names: Sequence[str],
    lower: Sequence[int],
    upper: Sequence[int | None],
    fixed: Sequence[int | None],
    total: int,
) -> None:
    """Raise a Dutch :class:`FairShareError` naming the units when the bounds cannot all hold."""
    for name, low, high, exact in zip(names, lower, upper, fixed, strict=True):
        if low < 0 or (high is not None and high < 0):
            raise FairShareError(
                f"Ongeldige grens: de grenzen van {name} mogen niet negatief zijn.",
                units=[name],
                code="negative_bound",
            )
        if high is not None and low > high:
            raise FairShareError(
                f"Onhaalbare grenzen: de ondergrens van {name} ({low}) is groter dan de "
                f"bovengrens ({high}).",
                units=[name],
                code="infeasible_bounds",
            )
        if exact is not None and (exact < low or (high is not None and exact > high)):
            raise FairShareError(
                f"Onhaalbare afspraak: het vaste aantal van {name} ({exact}) ligt buiten de "
                f"grenzen {low} tot {high if high is not None else 'onbegrensd'}.",
                units=[name],
                code="infeasible_fixed",
            )
    fixed_units = [name for name, exact in zip(names, fixed, strict=True) if exact is not None]
    fixed_sum = sum(exact for exact in fixed if exact is not None)
    if fixed_sum > total:
        raise FairShareError(
            f"Onhaalbare afspraken: de vaste aantallen van {_names(fixed_units)} tellen op tot "
            f"{fixed_sum}, meer dan het totaal {total}.",
            units=fixed_units,
            code="infeasible_fixed",
        )
    effective_lower = [
        exact if exact is not None else low for low, exact in zip(lower, fixed, strict=True)
    ]
    if sum(effective_lower) > total:
        bound_units = [name for name, low in zip(names, effective_lower, strict=True) if low > 0]
        raise FairShareError(
            f"Onhaalbare grenzen: de ondergrenzen van {_names(bound_units)} tellen op tot "
            f"{sum(effective_lower)}, meer dan het totaal {total}.",
            units=bound_units,
            code="infeasible_bounds",
        )
    effective_upper = [
        exact if exact is not None else high for high, exact in zip(upper, fixed, strict=True)
    ]
    if all(high is not None for high in effective_upper):
        room = sum(high for high in effective_upper if high is not None)
        if room < total:
            raise FairShareError(
                f"Onhaalbare grenzen: de bovengrenzen van {_names(names)} tellen op tot {room}, "
                f"minder dan het totaal {total}.",
                units=list(names),
                code="infeasible_bounds",
            )


@dataclass(frozen=True)
class Level:
    """Solution of Σ clamp(a_i·t + b_i, L_i, U_i) = target: the level and each term's value."""

    level: Fraction
    values: tuple[Fraction, ...]


def clamp(value: Fraction, low: Fraction, high: Fraction | None) -> Fraction:
    if value < low:
        return low
    if high is not None and value > high:
        return high
    return value


def solve_level(
    slopes: Sequence[Fraction],
    offsets: Sequence[Fraction],
    lows: Sequence[Fraction],
    highs: Sequence[Fraction | None],
    target: Fraction,
    names: Sequence[str],
) -> Level:
    """Find the smallest t with Σ clamp(slope·t + offset, low, high) = target, exactly.

    Terms with slope 0 (or low == high) are constant at their clamped offset. Raises
    :class:`FairShareError` when no level reaches the target (the free units are all capped).
    """
    count = len(slopes)
    constant = Fraction(0)
    events: list[tuple[Fraction, int, int]] = []  # (t, order, index); order 0 = frees up
    for i in range(count):
        slope, offset, low, high = slopes[i], offsets[i], lows[i], highs[i]
        if slope == 0 or (high is not None and low == high):
            constant += clamp(offset, low, high)
            continue
        constant += low
        events.append(((low - offset) / slope, 0, i))
        if high is not None:
            events.append(((high - offset) / slope, 1, i))
    events.sort()

    # Walk the segments: on each, f(t) = base + slope_sum · t.
    base, slope_sum = constant, Fraction(0)
    level: Fraction | None = None
    if base >= target:
        level = events[0][0] if events else Fraction(0)
    else:
        for t, order, i in events:
            value_here = base + slope_sum * t
            if value_here >= target:
                level = (target - base) / slope_sum
                break
            if order == 0:
                base += offsets[i] - lows[i]
                slope_sum += slopes[i]
            else:
                high = highs[i]
                assert high is not None
                base += high - offsets[i]
                slope_sum -= slopes[i]
        if level is None:
            if slope_sum > 0:
                level = (target - base) / slope_sum
            else:
                capped = [names[i] for i in range(count) if highs[i] is not None and slopes[i] > 0]
                raise FairShareError(
                    "Onhaalbare grenzen: de eenheden met een aandeel groter dan 0 "
                    f"({_names(capped)}) zitten allemaal aan hun bovengrens en kunnen samen niet "
                    f"het totaal {_number(target)} dragen.",
                    units=capped,
                    code="infeasible_bounds",
                )
    values = tuple(clamp(slopes[i] * level + offsets[i], lows[i], highs[i]) for i in range(count))
    return Level(level=level, values=values)

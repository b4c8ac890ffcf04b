"""Crediting earlier effort by water-filling over the whole horizon.

A region must deliver T places for W weeks; unit i already delivered or planned c_i
place-weeks. Fairness is judged over everything together: the total effort is
E = Σ c_i + T·W and unit i's fair part of it is share_i · E. What it still owes is
share_i · λ − c_i, never below 0, where the level λ is raised from E until the owed amounts add
up to T·W again ("water-filling": a unit that already did more than its fair part owes 0, the
others make up the difference in proportion to their shares). Bounds enter the same equation:
the owed amount of unit i is clamped to [W·lower_i, W·upper_i], so one exact solve handles
credit, bounds and fixed amounts together. The place quota is the owed amount divided by W.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .bounds import solve_level


@dataclass(frozen=True)
class Credited:
    effort: Fraction  # E, in place-weeks
    level: Fraction  # λ
    fair_parts: tuple[Fraction, ...]  # share_i · E
    remaining: tuple[Fraction, ...]  # owed place-weeks after crediting and bounds
    unbounded: tuple[Fraction, ...]  # share_i · λ − c_i before clamping (explains the clamp)
    quotas: tuple[Fraction, ...]  # remaining / W, in places


def credit_quotas(
    shares: Sequence[Fraction],
    credits: Sequence[Fraction],
    total: int,
    weeks: Fraction,
    lower: Sequence[int],
    upper: Sequence[int | None],
    names: Sequence[str],
) -> Credited:
    """Exact fractional place quotas after crediting earlier effort and applying bounds."""
    effort = sum(credits, Fraction(0)) + total * weeks
    solution = solve_level(
        slopes=shares,
        offsets=[-c for c in credits],
        lows=[weeks * low for low in lower],
        highs=[weeks * high if high is not None else None for high in upper],
        target=total * weeks,
        names=names,
    )
    return Credited(
        effort=effort,
        level=solution.level,
        fair_parts=tuple(share * effort for share in shares),
        remaining=solution.values,
        unbounded=tuple(s * solution.level - c for s, c in zip(shares, credits, strict=True)),
        quotas=tuple(value / weeks for value in solution.values),
    )

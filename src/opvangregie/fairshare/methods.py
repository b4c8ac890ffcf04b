"""Apportionment methods: turning exact quotas into whole numbers that add up.

One function per family, all exact (Fractions, no floats), all honouring per-unit lower and
upper bounds, all with the same reported tie rule:

    Units that are exactly level for the last place(s) are ordered by larger weight first,
    then by earlier position in the input.

* ``hamilton`` — largest remainder with the Hare quota: everyone gets the whole part of the
  quota, the places left go to the largest fractional parts.
* divisor methods — a unit with weight v and k places bids v / s(k) for its next place; the
  total goes to the highest bids. s(k) = k + 1 (``dhondt``, Jefferson), k + ½ (``sainte-lague``,
  Webster), √(k(k + 1)) (``huntington-hill``), k (``adams``). Bids are compared squared so
  Huntington-Hill stays exact. Instead of handing out places one by one from zero, the search
  starts from the places every unit earns at the Hare divisor and then adds or removes the few
  places that differ, so large totals stay fast.
* ``ceiling`` — every quota rounded up on its own (Huisvestingswet 2014 art. 29); the sum may
  exceed the total.

Huntington-Hill and Adams give the first place an infinite bid, so every unit with a positive
weight gets at least one place when the total (and its upper bound) allows. When the total is
smaller than the number of such units, the places go to the units with the largest weight, one
each (equal weights: earlier in the input first); such ties are reported.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from . import fast
from .bounds import check_bounds, solve_level
from .errors import FairShareError
from .numbers import to_count, to_fraction
from .result import Tie

HAMILTON = "hamilton"
DHONDT = "dhondt"
SAINTE_LAGUE = "sainte-lague"
HUNTINGTON_HILL = "huntington-hill"
ADAMS = "adams"
CEILING = "ceiling"

METHODS = (HAMILTON, DHONDT, SAINTE_LAGUE, HUNTINGTON_HILL, ADAMS, CEILING)
DIVISOR_METHODS = (DHONDT, SAINTE_LAGUE, HUNTINGTON_HILL, ADAMS)

METHOD_LABELS = {
    HAMILTON: "Hamilton (grootste overschot)",
    DHONDT: "D'Hondt (Jefferson)",
    SAINTE_LAGUE: "Sainte-Laguë (Webster)",
    HUNTINGTON_HILL: "Huntington-Hill",
    ADAMS: "Adams",
    CEILING: "elk quotum naar boven (Huisvestingswet art. 29)",
}

_ALIASES = {
    "largest-remainder": HAMILTON,
    "hare": HAMILTON,
    "hare-niemeyer": HAMILTON,
    "grootste-overschot": HAMILTON,
    "jefferson": DHONDT,
    "d'hondt": DHONDT,
    "d-hondt": DHONDT,
    "webster": SAINTE_LAGUE,
    "sainte-laguë": SAINTE_LAGUE,
    "saintelague": SAINTE_LAGUE,
    "hill": HUNTINGTON_HILL,
    "huntington": HUNTINGTON_HILL,
    "equal-proportions": HUNTINGTON_HILL,
    "ceil": CEILING,
    "art29": CEILING,
}

TIE_RULE = "groter gewicht eerst, daarna volgorde van invoer"


def normalise_method(method: str) -> str:
    """The canonical name of ``method`` (aliases such as ``jefferson`` accepted)."""
    key = str(method).strip().lower().replace("_", "-").replace(" ", "-")
    key = _ALIASES.get(key, key)
    if key not in METHODS:
        raise FairShareError(
            f"Onbekende methode '{method}'. Kies uit: {', '.join(METHODS)}.",
            code="unknown_method",
        )
    return key


@dataclass(frozen=True)
class Apportionment:
    """Whole numbers per unit (input order) and the ties the tie rule had to settle."""

    seats: tuple[int, ...]
    ties: tuple[Tie, ...]
    method: str


def apportion(
    weights: Sequence[object],
    total: int,
    method: str = HAMILTON,
    *,
    lower: Sequence[int] | None = None,
    upper: Sequence[int | None] | None = None,
    names: Sequence[str] | None = None,
) -> Apportionment:
    """Apportion ``total`` places over units in proportion to ``weights``.

    ``weights`` are non-negative numbers (votes, populations, shares, quotas). ``lower`` and
    ``upper`` are optional per-unit bounds (``None`` in ``upper`` means unbounded); ``names``
    are used in error messages and tie reports (default: ``"1"``, ``"2"``, ...).

    Runs the exact integer fast path (``fast``) and falls back to :func:`apportion_exact`,
    the Fraction reference, for input it does not take or cannot prove; both give the same
    places and ties.
    """
    method = normalise_method(method)
    try:
        result = _apportion_fast(weights, total, method, lower, upper, names)
    except fast.Fallback:
        result = None
    if result is not None:
        return result
    return apportion_exact(weights, total, method, lower=lower, upper=upper, names=names)


def _apportion_fast(
    weights: Sequence[object],
    total: object,
    method: str,
    lower: Sequence[int] | None,
    upper: Sequence[int | None] | None,
    names: Sequence[str] | None,
) -> Apportionment | None:
    """The fast path, or None when the input needs the reference (which words the error)."""
    count = len(weights)
    if type(total) is not int or total < 0 or not count:
        return None
    if set(map(type, weights)) == {int}:
        scaled = list(weights)
    else:
        ratios = [fast.ratio(w) for w in weights]
        if None in ratios:
            return None
        scaled, _ = fast.on_common_denominator(
            [r[0] for r in ratios],
            [r[1] for r in ratios],  # type: ignore[index]
        )
    if min(scaled) < 0 or names is not None and len(names) != count:
        return None
    weight_sum = sum(scaled)
    if weight_sum == 0:
        return None
    bounded = lower is not None or upper is not None
    lows = list(lower) if lower is not None else [0] * count
    highs = list(upper) if upper is not None else [None] * count
    if bounded:
        if len(lows) != count or len(highs) != count:
            return None
        if any(type(lo) is not int or lo < 0 for lo in lows) or any(
            hi is not None and (type(hi) is not int or hi < lo)
            for lo, hi in zip(lows, highs, strict=True)
        ):
            return None
        if sum(lows) > total or (
            None not in highs and sum(highs) < total  # type: ignore[arg-type]
        ):
            return None

    def name(i: int) -> str:
        return names[i] if names is not None else str(i + 1)

    if method in DIVISOR_METHODS:
        seats, tie = fast.divisor(scaled, total, method, lows, highs)
        ties: tuple[Tie, ...] = ()
        if tie is not None:
            winners, losers = tie
            ties = (
                Tie(
                    units=tuple(name(i) for i in sorted(set(winners) | set(losers))),
                    places=len(winners),
                    winners=tuple(name(i) for i in winners),
                    rule=TIE_RULE,
                ),
            )
        return Apportionment(tuple(seats), ties, method)
    if bounded:
        level_p, level_q, values = fast.solve_level(scaled, [0] * count, lows, highs, total)
        quotas, denominator = values, level_q
    else:
        quotas, denominator = [w * total for w in scaled], weight_sum
    if method == CEILING:
        return Apportionment(tuple(-(-q // denominator) for q in quotas), (), method)
    seats, tie = fast.hamilton(quotas, denominator, total, scaled)
    ties = ()
    if tie is not None:
        tied, places, winners = tie
        ties = (
            Tie(
                units=tuple(name(i) for i in tied),
                places=places,
                winners=tuple(name(i) for i in winners),
                rule=TIE_RULE,
            ),
        )
    return Apportionment(tuple(seats), ties, HAMILTON)


def apportion_exact(
    weights: Sequence[object],
    total: int,
    method: str = HAMILTON,
    *,
    lower: Sequence[int] | None = None,
    upper: Sequence[int | None] | None = None,
    names: Sequence[str] | None = None,
) -> Apportionment:
    """The reference: :func:`apportion` computed with Fractions throughout, step by step as
    the module docstring describes. Slower; kept to check the fast path against."""
    method = normalise_method(method)
    count = len(weights)
    names = list(names) if names is not None else [str(i + 1) for i in range(count)]
    exact = [to_fraction(w, f"Gewicht van {names[i]}") for i, w in enumerate(weights)]
    for name, weight in zip(names, exact, strict=True):
        if weight < 0:
            raise FairShareError(
                f"Het gewicht van {name} is negatief ({weight}).", units=[name], code="negative"
            )
    total = to_count(total, "Totaal")
    lows = list(lower) if lower is not None else [0] * count
    highs = list(upper) if upper is not None else [None] * count
    if not (len(names) == len(lows) == len(highs) == count):
        raise FairShareError("Aantal gewichten, namen en grenzen verschilt.", code="invalid")
    check_bounds(names, lows, highs, [None] * count, total)
    if sum(exact) == 0 and total > sum(lows):
        raise FairShareError(
            "Alle gewichten zijn 0; er valt niets naar verhouding te verdelen.",
            units=names,
            code="zero_weights",
        )
    if method in DIVISOR_METHODS:
        return _divisor(exact, total, method, lows, highs, names)
    quotas = bounded_quotas(exact, total, lows, highs, names)
    if method == CEILING:
        return Apportionment(tuple(math.ceil(q) for q in quotas), (), method)
    return _largest_remainder(quotas, exact, total, names)


def bounded_quotas(
    weights: Sequence[Fraction],
    total: int,
    lower: Sequence[int],
    upper: Sequence[int | None],
    names: Sequence[str],
) -> tuple[Fraction, ...]:
    """Hare quotas total · w_i / Σw, with units outside their bounds clamped and the rest
    re-distributed in proportion to the weights of the others (solved exactly in one go)."""
    weight_sum = sum(weights)
    if weight_sum == 0:
        return tuple(Fraction(low) for low in lower)
    solution = solve_level(
        slopes=[w / weight_sum for w in weights],
        offsets=[Fraction(0)] * len(weights),
        lows=[Fraction(low) for low in lower],
        highs=[Fraction(high) if high is not None else None for high in upper],
        target=Fraction(total),
        names=names,
    )
    return solution.values


def _largest_remainder(
    quotas: Sequence[Fraction], weights: Sequence[Fraction], total: int, names: Sequence[str]
) -> Apportionment:
    seats = [math.floor(q) for q in quotas]
    left = total - sum(seats)
    # Quotas are within integer bounds, so a unit with a remainder always has room for +1.
    order = sorted(
        (i for i, q in enumerate(quotas) if q != seats[i]),
        key=lambda i: (-(quotas[i] - seats[i]), -weights[i], i),
    )
    for i in order[:left]:
        seats[i] += 1
    ties: list[Tie] = []
    if 0 < left < len(order):
        cut = quotas[order[left - 1]] - math.floor(quotas[order[left - 1]])
        tied = [i for i in order if quotas[i] - math.floor(quotas[i]) == cut]
        winners = [i for i in tied if i in order[:left]]
        if len(winners) < len(tied):
            ties.append(
                Tie(
                    units=tuple(names[i] for i in sorted(tied)),
                    places=len(winners),
                    winners=tuple(names[i] for i in winners),
                    rule=TIE_RULE,
                )
            )
    return Apportionment(tuple(seats), tuple(ties), HAMILTON)


# --- divisor methods -------------------------------------------------------------------------

Bid = tuple[int, Fraction]  # (1, v) is an infinite bid ranked by weight; (0, x) a finite one


def _bid(method: str, weight: Fraction, seats: int) -> Bid:
    """Squared bid of a unit with ``seats`` places for its next place."""
    if weight == 0:
        return (0, Fraction(0))
    if method == DHONDT:
        divisor_squared = Fraction((seats + 1) ** 2)
    elif method == SAINTE_LAGUE:
        divisor_squared = Fraction((2 * seats + 1) ** 2, 4)
    elif method == HUNTINGTON_HILL:
        divisor_squared = Fraction(seats * (seats + 1))
    else:
        divisor_squared = Fraction(seats * seats)
    if divisor_squared == 0:
        return (1, weight)
    return (0, weight * weight / divisor_squared)


def _estimate(method: str, quota: Fraction) -> int:
    """Places a unit earns at the Hare divisor: all bids ≥ that divisor are in."""
    if method == DHONDT:
        return math.floor(quota)
    if method == SAINTE_LAGUE:
        return math.floor(quota + Fraction(1, 2))
    if method == ADAMS:
        return math.floor(quota) + 1
    # Huntington-Hill: count k ≥ 0 with k(k + 1) ≤ quota².
    square = quota * quota
    k = max(0, math.isqrt(math.floor(square)))
    while k > 0 and k * (k + 1) > square:
        k -= 1
    while (k + 1) * (k + 2) <= square:
        k += 1
    return k + 1


def _divisor(
    weights: Sequence[Fraction],
    total: int,
    method: str,
    lower: Sequence[int],
    upper: Sequence[int | None],
    names: Sequence[str],
) -> Apportionment:
    count = len(weights)
    weight_sum = sum(weights)

    def clamp(i: int, seats: int) -> int:
        high = upper[i]
        return max(lower[i], seats if high is None else min(seats, high))

    if total == 0 or weight_sum == 0:
        seats = [clamp(i, 0) for i in range(count)]
    else:
        seats = [
            clamp(i, _estimate(method, weights[i] * total / weight_sum) if weights[i] else 0)
            for i in range(count)
        ]

    # One total order on all bids: higher bid first, then larger weight, then input order.
    def rank(i: int, bid: Bid) -> tuple[int, Fraction, Fraction, int]:
        return (-bid[0], -bid[1], -weights[i], i)

    def can_grow(i: int) -> bool:
        high = upper[i]
        return high is None or seats[i] < high

    if sum(seats) < total:
        heap = [
            (rank(i, _bid(method, weights[i], seats[i])), i) for i in range(count) if can_grow(i)
        ]
        heapq.heapify(heap)
        for _ in range(total - sum(seats)):
            _, i = heapq.heappop(heap)
            seats[i] += 1
            if can_grow(i):
                heapq.heappush(heap, (rank(i, _bid(method, weights[i], seats[i])), i))
    elif sum(seats) > total:
        # The weakest place given is the last one in the order: pop it with a max-heap.
        heap = [
            (_negate(rank(i, _bid(method, weights[i], seats[i] - 1))), i)
            for i in range(count)
            if seats[i] > lower[i]
        ]
        heapq.heapify(heap)
        for _ in range(sum(seats) - total):
            _, i = heapq.heappop(heap)
            seats[i] -= 1
            if seats[i] > lower[i]:
                heapq.heappush(heap, (_negate(rank(i, _bid(method, weights[i], seats[i] - 1))), i))
    return Apportionment(
        tuple(seats), _divisor_ties(weights, seats, method, lower, upper, names), method
    )


def _negate(key: tuple[int, Fraction, Fraction, int]) -> tuple[int, Fraction, Fraction, int]:
    return (-key[0], -key[1], -key[2], -key[3])


def _divisor_ties(
    weights: Sequence[Fraction],
    seats: Sequence[int],
    method: str,
    lower: Sequence[int],
    upper: Sequence[int | None],
    names: Sequence[str],
) -> tuple[Tie, ...]:
    last = {
        i: _bid(method, weights[i], seats[i] - 1) for i in range(len(seats)) if seats[i] > lower[i]
    }
    following = {
        i: _bid(method, weights[i], seats[i])
        for i in range(len(seats))
        if upper[i] is None or seats[i] < upper[i]  # type: ignore[operator]
    }
    if not last or not following:
        return ()
    weakest_in = min(last.values())
    strongest_out = max(following.values())
    if weakest_in != strongest_out:
        return ()
    winners = sorted(i for i, bid in last.items() if bid == weakest_in)
    losers = sorted(i for i, bid in following.items() if bid == weakest_in and i not in winners)
    if not losers:
        return ()
    tied = sorted(set(winners) | set(losers))
    return (
        Tie(
            units=tuple(names[i] for i in tied),
            places=len(winners),
            winners=tuple(names[i] for i in winners),
            rule=TIE_RULE,
        ),
    )

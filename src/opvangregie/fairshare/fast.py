"""The exact fast path: the same decisions as the Fraction code, made on integers.

Every quantity of one step is brought onto a common denominator once, so the hot loops
compare and add plain Python integers instead of ``Fraction`` objects (whose every operation
runs a gcd in Python code). Nothing is approximated in a decision:

* Hamilton sorts one integer per unit that packs (remainder, weight, input position).
* Divisor methods start from the places every unit earns at the Hare divisor (a threshold
  state, see ``methods``), hand out or take back the few places that differ with a heap keyed
  on floats, and then *verify* the cut with exact integer cross-multiplication, moving places
  until the weakest place given ranks above the strongest place not given. Floats only choose
  the order in which exact comparisons are made.
* The level solver guesses which units are clamped with floats and then solves and checks
  that guess in integers.

Whenever a shortcut cannot prove its answer (an exotic input, a flat stretch of the level
function, an infeasible demand) the caller falls back to the Fraction reference code, which
also produces the Dutch error messages. ``tests/fairshare/test_fairshare_fast.py`` keeps both
paths equal on random inputs, ties included.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate
from operator import itemgetter

DHONDT = "dhondt"
SAINTE_LAGUE = "sainte-lague"
HUNTINGTON_HILL = "huntington-hill"
ADAMS = "adams"

# A relative margin far above float rounding error: bids closer than this to the cut are
# compared exactly.
_MARGIN = 1e-9


class Fallback(Exception):
    """The fast path cannot prove its answer; use the Fraction reference code."""


def _probe_fraction_constructor():
    """A constructor for Fractions from coprime integers that skips Fraction.__new__.

    ``Fraction(n, d)`` re-runs a gcd and several isinstance checks in Python code; a
    distribution over 342 units builds ~1,700 of them. The shortcut is only used when it
    gives a Fraction indistinguishable from the normal one on this Python version.
    """
    ready = getattr(Fraction, "_from_coprime_ints", None)
    if ready is not None:
        return ready

    def build(numerator: int, denominator: int) -> Fraction:
        value = object.__new__(Fraction)
        value._numerator = numerator  # type: ignore[attr-defined]
        value._denominator = denominator  # type: ignore[attr-defined]
        return value

    try:
        probe = build(-2, 3)
        sound = (
            probe == Fraction(-2, 3)
            and hash(probe) == hash(Fraction(-2, 3))
            and str(probe) == "-2/3"
            and probe + 1 == Fraction(1, 3)
        )
    except (AttributeError, TypeError):
        sound = False
    return build if sound else Fraction


_coprime = _probe_fraction_constructor()


def fraction(numerator: int, denominator: int) -> Fraction:
    """``Fraction(numerator, denominator)`` for a positive denominator, built cheaply."""
    g = math.gcd(numerator, denominator)
    if g != 1:
        numerator //= g
        denominator //= g
    return _coprime(numerator, denominator)


def ratio(value: object) -> tuple[int, int] | None:
    """(numerator, denominator) of an int, Fraction or finite Decimal; None for anything else
    (the caller then reads it with ``to_fraction``, which also words the error)."""
    kind = type(value)
    if kind is int:
        return value, 1  # type: ignore[return-value]
    if kind is Fraction:
        return value.numerator, value.denominator  # type: ignore[attr-defined]
    if kind is Decimal and value.is_finite():  # type: ignore[attr-defined]
        return value.as_integer_ratio()  # type: ignore[attr-defined]
    return None


def column(values: Sequence[object]) -> tuple[list[int], int]:
    """Non-negative exact values on their least common denominator: (numerators, denominator).

    Raises :class:`Fallback` for anything but ints, Fractions and finite Decimals, and for
    negative values (the reference words those errors)."""
    kinds = set(map(type, values))
    if kinds == {int}:
        numerators = values if type(values) is list else list(values)  # type: ignore[assignment]
        if numerators and min(numerators) < 0:
            raise Fallback
        return numerators, 1
    if kinds == {Decimal}:
        try:
            pairs = [value.as_integer_ratio() for value in values]  # type: ignore[attr-defined]
        except (ValueError, OverflowError):
            raise Fallback from None
    else:
        found = [ratio(value) for value in values]
        if None in found:
            raise Fallback
        pairs = found  # type: ignore[assignment]
    numerators, denominator = on_common_denominator([p[0] for p in pairs], [p[1] for p in pairs])
    if numerators and min(numerators) < 0:
        raise Fallback
    return numerators, denominator


def on_common_denominator(
    numerators: Sequence[int], denominators: Sequence[int]
) -> tuple[list[int], int]:
    """Numerators over the least common denominator of all values, and that denominator."""
    common = math.lcm(*denominators) if denominators else 1
    if common == 1:
        return list(numerators), 1
    return [n * (common // d) for n, d in zip(numerators, denominators, strict=True)], common


# --- the level solver ------------------------------------------------------------------------


def solve_level(
    slopes: Sequence[int],
    offsets: Sequence[int],
    lows: Sequence[int],
    highs: Sequence[int | None],
    target: int,
    special: Sequence[int] | None = None,
    states: dict[str, list[int]] | None = None,
) -> tuple[int, int, list[int]]:
    """The smallest t = p/q with Σ clamp(a_i·t + b_i, L_i, U_i) = target, all in integers.

    Returns (p, q, values·q). Slopes are ≥ 0. Raises :class:`Fallback` when the guess from
    floats does not verify after a few corrections, when the solution is not the smallest
    (a flat stretch), or when no level reaches the target.

    Most units are "plain": slope > 0, offset 0, lower bound 0, no upper bound (no credit, no
    bound). Their term is a_i·t for every t ≥ 0, so they are handled together; only the
    others are swept and checked one by one. A caller that already knows which units may be
    special passes their indices as ``special``; ``offsets``, ``lows`` and ``highs`` are then
    only read at those indices (a mapping will do), and every other unit must be plain.
    ``states``, when given, receives the units that move with t (a constant term is left
    out) and their status at the solution, -1 / 0 / 1: at the lower bound / in between / at
    the cap, as ``states["moving"]`` and ``states["status"]``.
    """
    count = len(slopes)
    if special is None:
        special = [
            i
            for i in range(count)
            if offsets[i] or lows[i] or highs[i] is not None or not slopes[i]
        ]
    plain_slope = sum(slopes) - sum([slopes[i] for i in special])
    still = []
    moving = []
    for i in special:
        high = highs[i]
        if slopes[i] == 0 or lows[i] == high:
            still.append((i, _clamp(offsets[i], lows[i], high)))
        else:
            moving.append(i)
    constant = sum([value for _, value in still])
    # Breakpoints of the moving units as correctly rounded floats: the unit is at its lower
    # bound for t < low_at and at its cap for t > high_at (infinite without a cap).
    try:
        low_at = [(lows[i] - offsets[i]) / slopes[i] for i in moving]
        high_at = [
            (highs[i] - offsets[i]) / slopes[i] if highs[i] is not None else _INFINITY
            for i in moving
        ]
    except (OverflowError, ZeroDivisionError):
        raise Fallback from None
    # First guess: nothing clamped. Each round solves the guess exactly and reads the status
    # at that level; with few clamped units it settles in two or three cheap rounds. If it
    # has not after _QUICK_ROUNDS, the sweep over the sorted breakpoints gives the guess.
    status = [0] * len(moving)
    # The totals of the linear equation for a status, kept up to date between rounds: a
    # round changes the status of few units.
    slope_sum = plain_slope + sum([slopes[i] for i in moving])
    rest = target - constant - sum([offsets[i] for i in moving])
    for round_number in range(_QUICK_ROUNDS + 4):
        if round_number == _QUICK_ROUNDS:
            try:
                level = _float_level(
                    slopes,
                    offsets,
                    lows,
                    highs,
                    target - constant,
                    moving,
                    plain_slope,
                    low_at,
                    high_at,
                )
            except (OverflowError, ZeroDivisionError):
                raise Fallback from None
            # A guess: a unit exactly at a breakpoint's float is taken as free.
            status = [0 if state == _UNSURE else state for state in _status(level, low_at, high_at)]
            slope_sum = plain_slope
            rest = target - constant
            for i, state in zip(moving, status, strict=True):
                if state == 0:
                    slope_sum += slopes[i]
                    rest -= offsets[i]
                elif state < 0:
                    rest -= lows[i]
                else:
                    rest -= highs[i]  # type: ignore[operator]
        if slope_sum <= 0 or (plain_slope and rest < 0):
            if round_number < _QUICK_ROUNDS:
                continue  # a bad first guess; the sweep decides
            raise Fallback  # (or plain units would sit at their lower bound 0)
        p, q = rest, slope_sum
        # The status at the exact level p/q. Float rounding is monotone, so a float strictly
        # below (above) a breakpoint's float means the exact level is below (above) the exact
        # breakpoint; only equal floats are compared exactly.
        try:
            level = p / q
        except OverflowError:
            raise Fallback from None
        new_status = _status(level, low_at, high_at)
        if _UNSURE in new_status:
            for k, state in enumerate(new_status):
                if state == _UNSURE:
                    i = moving[k]
                    raw = slopes[i] * p + offsets[i] * q
                    high = highs[i]
                    new_status[k] = (
                        -1
                        if raw < lows[i] * q
                        else (1 if high is not None and raw > high * q else 0)
                    )
        if new_status != status:
            for k in [k for k, (a, b) in enumerate(zip(new_status, status)) if a != b]:  # noqa: B905
                i = moving[k]
                before, after = status[k], new_status[k]
                if before == 0:
                    slope_sum -= slopes[i]
                    rest += offsets[i]
                else:
                    rest += lows[i] if before < 0 else highs[i]  # type: ignore[operator]
                if after == 0:
                    slope_sum += slopes[i]
                    rest -= offsets[i]
                else:
                    rest -= lows[i] if after < 0 else highs[i]  # type: ignore[operator]
            status = new_status
            continue
        if states is not None:
            states["moving"], states["status"] = moving, status
        values = [a * p for a in slopes]
        for i, value in still:
            values[i] = value * q
        rising = plain_slope if p > 0 else 0
        for i, state in zip(moving, status, strict=True):
            if state == 0:
                raw = values[i] + offsets[i] * q
                values[i] = raw
                if not rising and raw > lows[i] * q:
                    rising = slopes[i]
            elif state < 0:
                values[i] = lows[i] * q
            else:
                values[i] = highs[i] * q  # type: ignore[operator]
        if rising == 0:
            raise Fallback  # f is flat just left of t: a smaller t solves it too
        return p, q, values
    raise Fallback


_INFINITY = float("inf")
_QUICK_ROUNDS = 4
_first = itemgetter(0)
_UNSURE = 2


def _status(level: float, low_at: list[float], high_at: list[float]) -> list[int]:
    """-1 / 0 / 1 per moving unit (below its lower breakpoint / free / above its cap) at the
    float ``level``; ``_UNSURE`` where the level's float equals a breakpoint's float."""
    return [
        -1
        if level < low
        else ((0 if level < high else (1 if level > high else _UNSURE)) if level > low else _UNSURE)
        for low, high in zip(low_at, high_at, strict=True)
    ]


def _clamp(value: int, low: int, high: int | None) -> int:
    if value < low:
        return low
    if high is not None and value > high:
        return high
    return value


def _float_level(
    slopes, offsets, lows, highs, target, moving, plain_slope, low_at, high_at
) -> float:
    """The float solution of the sweep the reference does exactly; plain units join at t = 0.

    The breakpoints are sorted on float keys (the event order of the reference: by t, a unit
    freeing up before one reaching its cap at the same t, then by position). The running base
    and slope are prefix sums, and since the level function is non-decreasing the segment
    holding the target is found by bisection. Only a guess: the caller checks it exactly.
    """
    capped = [k for k, high in enumerate(high_at) if high != _INFINITY]
    times = low_at + [high_at[k] for k in capped]
    base_steps = [offsets[i] - lows[i] for i in moving]
    base_steps += [highs[moving[k]] - offsets[moving[k]] for k in capped]
    slope_steps = [float(slopes[i]) for i in moving]
    slope_steps += [-slope_steps[k] for k in capped]
    if plain_slope:
        # Plain units free up at t = 0, before the units freeing up at 0 (the reference
        # gives them index -1, which sorts first among equal keys).
        times.insert(0, 0.0)
        base_steps.insert(0, 0)
        slope_steps.insert(0, float(plain_slope))
    if not times:
        raise ZeroDivisionError
    at, base_steps, slope_steps = zip(  # noqa: B905 (a transpose: equal lengths)
        *sorted(zip(times, base_steps, slope_steps, strict=True), key=_first)
    )
    bases = list(accumulate(base_steps, initial=sum([lows[i] for i in moving])))
    rises = list(accumulate(slope_steps, initial=0.0))
    count = len(at)
    # First event at which the level function (evaluated before the event) reaches target.
    k = bisect_left(range(count), True, key=lambda k: bases[k] + rises[k] * at[k] >= target)
    if k < count:
        return (target - bases[k]) / rises[k] if rises[k] else at[k]
    if rises[count] <= 0:
        raise ZeroDivisionError
    return (target - bases[count]) / rises[count]


# --- Hamilton --------------------------------------------------------------------------------


def hamilton(
    quotas: Sequence[int], denominator: int, total: int, weights: Sequence[int]
) -> tuple[list[int], tuple[list[int], int, list[int]] | None]:
    """Largest remainder on quotas ``quotas[i] / denominator`` (which add up to ``total``).

    Returns the places and, when the last places were decided by the tie rule, (tied units in
    input order, places at stake, winners in rank order).
    """
    seats, tie, _, _ = hamilton_detail(quotas, denominator, total, weights)
    return seats, tie


def hamilton_detail(
    quotas: Sequence[int], denominator: int, total: int, weights: Sequence[int]
) -> tuple[list[int], tuple[list[int], int, list[int]] | None, list[int], list[int]]:
    """:func:`hamilton`, plus each unit's remainder (× denominator) and the units that got a
    remainder place, which is all the rounding explanation needs."""
    seats = [n // denominator for n in quotas]
    left = total - sum(seats)
    remainders = [n % denominator for n in quotas]
    if left <= 0:
        return seats, None, remainders, []
    # Rank by remainder as a float first: int → float is correctly rounded, hence monotone, so
    # a larger float means a larger remainder (all share one denominator). Only units whose
    # float equals the cut's float are ranked exactly, on (remainder, weight, earlier
    # position) as the reference does. Sorting indices once puts the sure winners first and
    # the close ones right after them.
    try:
        rounded = list(map(float, remainders))
    except OverflowError:
        raise Fallback from None
    count = len(rounded)
    order = sorted(range(count), key=rounded.__getitem__, reverse=True)
    cut = rounded[order[left - 1]]
    if cut == 0.0:
        raise Fallback  # remainders too small for a float; let the reference decide
    start = left - 1
    while start and rounded[order[start - 1]] == cut:
        start -= 1
    end = left
    while end < count and rounded[order[end]] == cut:
        end += 1
    sure = order[:start]
    close = [i for i in order[start:end] if remainders[i]]
    close.sort(key=lambda i: (-remainders[i], -weights[i], i))
    needed = left - len(sure)
    bumped = sure + close[:needed]
    for i in bumped:
        seats[i] += 1
    if needed >= len(close):
        return seats, None, remainders, bumped
    last = remainders[close[needed - 1]]
    tied = [i for i in close if remainders[i] == last]
    winners = [i for i in tied if seats[i] * denominator > quotas[i]]
    if len(winners) == len(tied):
        return seats, None, remainders, bumped
    return seats, (sorted(tied), len(winners), winners), remainders, bumped


# --- divisor methods -------------------------------------------------------------------------


def _divisor_squared(method: str, seats: int) -> int:
    """s(k)² for the next place of a unit with ``seats`` places, up to a common factor."""
    if method == DHONDT:
        return (seats + 1) * (seats + 1)
    if method == SAINTE_LAGUE:
        return (2 * seats + 1) * (2 * seats + 1)
    if method == HUNTINGTON_HILL:
        return seats * (seats + 1)
    return seats * seats


def _float_bid(method: str, quota: float, seats: int) -> tuple[int, float]:
    """(infinite?, squared bid) in floats, for ordering only."""
    if quota == 0:
        return (0, 0.0)
    square = _divisor_squared(method, seats)
    if square == 0:
        return (1, quota)
    return (0, quota * quota / square)


def divisor(
    weights: Sequence[int],
    total: int,
    method: str,
    lower: Sequence[int],
    upper: Sequence[int | None],
) -> tuple[list[int], tuple[list[int], list[int]] | None]:
    """A divisor method on integer weights; returns the places and, when a tie was settled,
    (winners, losers) as in the reference ``_divisor_ties``."""
    count = len(weights)
    weight_sum = sum(weights)
    if weight_sum <= 0:
        raise Fallback
    smallest = min((w for w in weights if w), default=weight_sum)
    if smallest / weight_sum < 1e-100:
        raise Fallback  # squares of such quotas would underflow
    seats = _estimates(weights, total, weight_sum, method)
    for i in range(count):
        high = upper[i]
        if high is not None and seats[i] > high:
            seats[i] = high
        if seats[i] < lower[i]:
            seats[i] = lower[i]
    quotas = [w / weight_sum for w in weights]

    given = sum(seats)
    if given < total:
        heap = []
        for i in range(count):
            high = upper[i]
            if high is None or seats[i] < high:
                flag, bid = _float_bid(method, quotas[i], seats[i])
                heap.append((-flag, -bid, -quotas[i], i))
        heapq.heapify(heap)
        for _ in range(total - given):
            _, _, _, i = heapq.heappop(heap)
            seats[i] += 1
            high = upper[i]
            if high is None or seats[i] < high:
                flag, bid = _float_bid(method, quotas[i], seats[i])
                heapq.heappush(heap, (-flag, -bid, -quotas[i], i))
    elif given > total:
        heap = []
        for i in range(count):
            if seats[i] > lower[i]:
                flag, bid = _float_bid(method, quotas[i], seats[i] - 1)
                heap.append((flag, bid, quotas[i], -i))
        heapq.heapify(heap)
        for _ in range(given - total):
            _, _, _, j = heapq.heappop(heap)
            i = -j
            seats[i] -= 1
            if seats[i] > lower[i]:
                flag, bid = _float_bid(method, quotas[i], seats[i] - 1)
                heapq.heappush(heap, (flag, bid, quotas[i], -i))

    # Exact check of the cut; move places while a place not given outranks one given.
    for _ in range(count + 2):
        weakest = _extreme(method, weights, quotas, seats, lower, upper, given=True)
        strongest = _extreme(method, weights, quotas, seats, lower, upper, given=False)
        if weakest is None or strongest is None:
            return seats, None
        w_rank, s_rank = weakest[0], strongest[0]
        if not _outranks(s_rank, w_rank):
            return seats, _ties(method, weights, quotas, seats, lower, upper, weakest, strongest)
        seats[w_rank[4]] -= 1
        seats[s_rank[4]] += 1
    raise Fallback


def _estimates(weights: Sequence[int], total: int, weight_sum: int, method: str) -> list[int]:
    """Places every unit earns at the Hare divisor Σw / total (see ``methods._estimate``)."""
    if total == 0:
        return [0] * len(weights)
    if method == DHONDT:
        return [w * total // weight_sum for w in weights]
    if method == SAINTE_LAGUE:
        twice = 2 * weight_sum
        return [(2 * w * total + weight_sum) // twice if w else 0 for w in weights]
    if method == ADAMS:
        return [w * total // weight_sum + 1 if w else 0 for w in weights]
    # Huntington-Hill: 1 + the largest k with k(k + 1) ≤ quota².
    square_sum = weight_sum * weight_sum
    seats = []
    for w in weights:
        if not w:
            seats.append(0)
            continue
        top = (w * total) * (w * total)
        k = math.isqrt(top // square_sum)
        while k > 0 and k * (k + 1) * square_sum > top:
            k -= 1
        while (k + 1) * (k + 2) * square_sum <= top:
            k += 1
        seats.append(k + 1)
    return seats


Rank = tuple[int, int, int, int, int]  # (infinite?, bid numerator, bid denominator, weight, i)


def _exact_bid(method: str, weight: int, seats: int, i: int) -> Rank:
    if weight == 0:
        return (0, 0, 1, 0, i)
    square = _divisor_squared(method, seats)
    if square == 0:
        return (1, weight, 1, weight, i)
    return (0, weight * weight, square, weight, i)


def _outranks(a: Rank, b: Rank) -> bool:
    """Whether bid ``a`` comes strictly before bid ``b`` in the one total order of all bids:
    higher bid first, then larger weight, then earlier input position."""
    if a[0] != b[0]:
        return a[0] > b[0]
    left, right = a[1] * b[2], b[1] * a[2]
    if left != right:
        return left > right
    if a[3] != b[3]:
        return a[3] > b[3]
    return a[4] < b[4]


def _same_bid(a: Rank, b: Rank) -> bool:
    return a[0] == b[0] and a[1] * b[2] == b[1] * a[2]


def _near(candidates: list[tuple[tuple[int, float], int]], best: tuple[int, float]):
    flag, value = best
    margin = abs(value) * _MARGIN
    return [i for (f, v), i in candidates if f == flag and abs(v - value) <= margin]


def _extreme(method, weights, quotas, seats, lower, upper, *, given: bool):
    """(rank, indices with the same bid value) of the weakest place given (``given``) or the
    strongest place not given; None when there is none."""
    if given:
        candidates = [
            (_float_bid(method, quotas[i], seats[i] - 1), i)
            for i in range(len(seats))
            if seats[i] > lower[i]
        ]
    else:
        candidates = [
            (_float_bid(method, quotas[i], seats[i]), i)
            for i in range(len(seats))
            if upper[i] is None or seats[i] < upper[i]
        ]
    if not candidates:
        return None
    pick = min if given else max
    best = pick(candidates)[0]
    near = _near(candidates, best)
    offset = 1 if given else 0
    ranks = [_exact_bid(method, weights[i], seats[i] - offset, i) for i in near]
    chosen = extreme = ranks[0]
    for rank in ranks[1:]:
        weaker, stronger = (chosen, rank) if given else (rank, chosen)
        if _outranks(weaker, stronger):
            chosen = rank
    # The reference's tie report compares bid values only (not weight or position).
    for rank in ranks[1:]:
        low, high = (rank, extreme) if given else (extreme, rank)
        if _value_less(low, high):
            extreme = rank
    return chosen, extreme


def _value_less(a: Rank, b: Rank) -> bool:
    """The reference's bid tuple order (infinite?, value): infinite bids compare by weight."""
    if a[0] != b[0]:
        return a[0] < b[0]
    return a[1] * b[2] < b[1] * a[2]


def _ties(method, weights, quotas, seats, lower, upper, weakest, strongest):
    """Winners and losers of a tie for the last place(s), exactly as ``_divisor_ties``."""
    weakest_value = weakest[1]
    if not _same_bid(strongest[1], weakest_value):
        return None
    flag = weakest_value[0]
    value = _float_bid(method, quotas[weakest_value[4]], seats[weakest_value[4]] - 1)[1]
    margin = abs(value) * _MARGIN
    winners = []
    losers = []
    for i in range(len(seats)):
        if seats[i] > lower[i]:
            f, v = _float_bid(method, quotas[i], seats[i] - 1)
            if (
                f == flag
                and abs(v - value) <= margin
                and _same_bid(_exact_bid(method, weights[i], seats[i] - 1, i), weakest_value)
            ):
                winners.append(i)
                continue
        if upper[i] is None or seats[i] < upper[i]:
            f, v = _float_bid(method, quotas[i], seats[i])
            if (
                f == flag
                and abs(v - value) <= margin
                and _same_bid(_exact_bid(method, weights[i], seats[i], i), weakest_value)
            ):
                losers.append(i)
    if not losers:
        return None
    return winners, losers

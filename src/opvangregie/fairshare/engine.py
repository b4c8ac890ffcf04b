"""``distribute``: key shares → credit and bounds → rounding → transfers, explained per unit."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import compress
from operator import is_, not_

from . import fast
from .bounds import check_bounds
from .credit import credit_quotas
from .errors import FairShareError
from .keys import compute_shares, parse_key
from .methods import (
    CEILING,
    HAMILTON,
    METHOD_LABELS,
    TIE_RULE,
    apportion,
    normalise_method,
)
from .numbers import Number, dutch, to_count, to_fraction
from .result import Distribution, Reason, Tie, UnitResult


@dataclass(frozen=True)
class Unit:
    """A municipality (or any unit) taking part in a distribution.

    ``indicators`` hold the key's inputs (population, land area, ...). ``credit`` is effort
    already delivered or planned, in place-weeks (or places when no window is used). ``lower``
    and ``upper`` bound the unit's own part (``upper`` is typically its realistic capacity);
    ``fixed`` is an agreed exception: the unit's part is exactly this number (0 = "gives
    nothing").
    """

    name: str
    indicators: Mapping[str, Number] = field(default_factory=dict)
    credit: Number = 0
    lower: int = 0
    upper: int | None = None
    fixed: int | None = None


@dataclass(frozen=True)
class Transfer:
    """``to_unit`` takes over ``amount`` places of ``from_unit``'s part (after rounding)."""

    from_unit: str
    to_unit: str
    amount: int


def distribute(
    units: Sequence[Unit],
    total: int,
    key: Mapping[str, object] | None = None,
    method: str = HAMILTON,
    *,
    window_weeks: Number | None = None,
    transfers: Sequence[Transfer] = (),
) -> Distribution:
    """Distribute ``total`` places over ``units`` fairly, and explain every number.

    ``key`` maps indicator names to weights that add up to exactly 1; it may be left out when
    every unit has the same single indicator. ``window_weeks`` (W) is required as soon as a
    unit has a credit: credits are place-weeks and the target is ``total`` places for W weeks.
    See the package docstring for the steps and the tie rule.

    Runs the exact integer fast path and falls back to :func:`distribute_exact`, the Fraction
    reference, for input it does not take (or that is wrong: the reference words the error);
    both give the same numbers, ties and reasons.
    """
    method = normalise_method(method)
    try:
        return _distribute_fast(units, total, key, method, window_weeks, transfers)
    except fast.Fallback:
        return distribute_exact(
            units, total, key, method, window_weeks=window_weeks, transfers=transfers
        )


def distribute_exact(
    units: Sequence[Unit],
    total: int,
    key: Mapping[str, object] | None = None,
    method: str = HAMILTON,
    *,
    window_weeks: Number | None = None,
    transfers: Sequence[Transfer] = (),
) -> Distribution:
    """The reference: :func:`distribute` computed with Fractions, step by step."""
    method = normalise_method(method)
    total = to_count(total, "Totaal")
    units = list(units)
    names = _check_names(units)

    shares = compute_shares(names, [u.indicators for u in units], _key_for(units, key))
    credits = []
    for unit in units:
        credit = to_fraction(unit.credit, f"Inzet van {unit.name}")
        if credit < 0:
            raise FairShareError(
                f"De inzet van {unit.name} is negatief ({dutch(credit)}).",
                units=[unit.name],
                code="negative",
            )
        credits.append(credit)
    if window_weeks is None:
        if any(credits):
            raise FairShareError(
                "Eerdere inzet (plaatsweken) kan alleen worden verrekend met een periode in "
                "weken (window_weeks).",
                code="missing_window",
            )
        weeks = Fraction(1)
    else:
        weeks = to_fraction(window_weeks, "Periode in weken")
        if weeks <= 0:
            raise FairShareError("De periode in weken moet groter dan 0 zijn.", code="bad_window")

    fixed = [
        to_count(u.fixed, f"Vast aantal van {u.name}") if u.fixed is not None else None
        for u in units
    ]
    lower = [to_count(u.lower, f"Ondergrens van {u.name}") for u in units]
    upper = [
        to_count(u.upper, f"Bovengrens van {u.name}") if u.upper is not None else None
        for u in units
    ]
    check_bounds(names, lower, upper, fixed, total)
    low = [f if f is not None else lo for f, lo in zip(fixed, lower, strict=True)]
    high = [f if f is not None else hi for f, hi in zip(fixed, upper, strict=True)]

    credited = credit_quotas(shares, credits, total, weeks, low, high, names)
    quotas = credited.quotas

    # A unit whose quota is 0 (it already did its part, or its share is 0) must not be handed
    # a place by the rounding step, whatever the method: its upper bound becomes 0.
    rounding_high = [0 if q == 0 else h for q, h in zip(quotas, high, strict=True)]
    rounded = apportion(quotas, total, method, lower=low, upper=rounding_high, names=names)
    apportioned = list(rounded.seats)

    reasons: list[list[Reason]] = [[] for _ in units]
    for i in range(len(units)):
        reasons[i].extend(
            _quota_reasons(i, fixed, low, high, credits, shares, credited.unbounded, weeks)
        )
        reasons[i].append(_rounding_reason(method, quotas[i], apportioned[i]))
    for tie in rounded.ties:
        for name in tie.units:
            i = names.index(name)
            won = name in tie.winners
            reasons[i].append(
                Reason(
                    "tie_won" if won else "tie_lost",
                    f"Gelijke stand {'gewonnen' if won else 'verloren'} ({TIE_RULE})",
                )
            )

    allocation = _apply_transfers(transfers, names, apportioned, high, reasons)

    results = tuple(
        UnitResult(
            name=names[i],
            share=shares[i],
            fair_part=credited.fair_parts[i],
            credit=credits[i],
            remaining=credited.remaining[i],
            quota=quotas[i],
            lower=lower[i],
            upper=upper[i],
            fixed=fixed[i],
            apportioned=apportioned[i],
            allocation=allocation[i],
            reasons=tuple(reasons[i]),
        )
        for i in range(len(units))
    )
    return Distribution(
        total=total,
        method=method,
        window_weeks=weeks if window_weeks is not None else None,
        effort=credited.effort,
        level=credited.level,
        units=results,
        ties=rounded.ties,
    )


def _check_names(units: Sequence[Unit]) -> list[str]:
    if not units:
        raise FairShareError("Er zijn geen eenheden om over te verdelen.", code="empty")
    names = [str(u.name).strip() for u in units]
    if any(not name for name in names):
        raise FairShareError("Elke eenheid moet een naam hebben.", code="missing_name")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise FairShareError(
                f"De naam {name} komt dubbel voor.", units=[name], code="duplicate"
            )
        seen.add(name)
    return names


def _key_for(units: Sequence[Unit], key: Mapping[str, object] | None) -> Mapping[str, object]:
    if key is not None:
        return key
    indicators = {name for unit in units for name in unit.indicators}
    if len(indicators) != 1:
        raise FairShareError(
            "Geef een verdeelsleutel: de eenheden hebben "
            f"{'geen' if not indicators else 'meerdere'} indicatoren"
            f"{' (' + ', '.join(sorted(indicators)) + ')' if indicators else ''}.",
            code="bad_key",
        )
    return {indicators.pop(): 1}


def _quota_reasons(
    i: int,
    fixed: Sequence[int | None],
    low: Sequence[int],
    high: Sequence[int | None],
    credits: Sequence[Fraction],
    shares: Sequence[Fraction],
    unbounded: Sequence[Fraction],
    weeks: Fraction,
) -> list[Reason]:
    if fixed[i] is not None:
        return [Reason("fixed", f"Vaste afspraak: {fixed[i]}")]
    wanted = unbounded[i] / weeks
    bound = high[i]
    if bound is not None and wanted > bound:
        return [Reason("upper_bound", f"Begrensd op bovengrens {bound}")]
    if low[i] > 0 and wanted < low[i]:
        return [Reason("lower_bound", f"Opgehoogd tot ondergrens {low[i]}")]
    if shares[i] == 0:
        return [Reason("zero_share", "Aandeel in de sleutel is 0")]
    if credits[i] > 0 and wanted <= 0:
        return [Reason("over_contribution", "Eerdere inzet dekt het eerlijke deel al")]
    return []


def _rounding_reason(method: str, quota: Fraction, seats: int) -> Reason:
    if quota == seats:
        return Reason("exact", "Quotum is een geheel getal")
    if method == CEILING:
        return Reason("ceiling", "Naar boven afgerond (art. 29 Huisvestingswet)")
    if method == HAMILTON:
        if seats > quota:
            return Reason("largest_remainder", "Restplaats: grote rest na afronden")
        return Reason("lower_quota", "Naar beneden afgerond: rest te klein")
    label = METHOD_LABELS[method]
    if seats > quota:
        return Reason("rounded_up", f"Naar boven afgerond ({label})")
    return Reason("rounded_down", f"Naar beneden afgerond ({label})")


def _apply_transfers(
    transfers: Sequence[Transfer],
    names: Sequence[str],
    apportioned: Sequence[int],
    high: Sequence[int | None],
    reasons: list[list[Reason]],
) -> list[int]:
    allocation = list(apportioned)
    for transfer in transfers:
        giver, taker = str(transfer.from_unit), str(transfer.to_unit)
        for name in (giver, taker):
            if name not in names:
                raise FairShareError(
                    f"Overdracht: onbekende eenheid {name}.", units=[name], code="unknown_unit"
                )
        if giver == taker:
            raise FairShareError(
                f"Overdracht: {giver} kan geen plaatsen aan zichzelf overdragen.",
                units=[giver],
                code="bad_transfer",
            )
        amount = to_count(transfer.amount, f"Overdracht van {giver} naar {taker}")
        g, t = names.index(giver), names.index(taker)
        if allocation[g] < amount:
            raise FairShareError(
                f"Overdracht onmogelijk: {taker} zou {amount} plaatsen van {giver} overnemen, "
                f"maar het deel van {giver} is {allocation[g]}.",
                units=[giver, taker],
                code="bad_transfer",
            )
        allocation[g] -= amount
        allocation[t] += amount
        reasons[g].append(Reason("transfer_out", f"{amount} overgenomen door {taker}"))
        reasons[t].append(Reason("transfer_in", f"Neemt {amount} over van {giver}"))
    for i, name in enumerate(names):
        bound = high[i]
        if bound is not None and allocation[i] > bound and allocation[i] > apportioned[i]:
            raise FairShareError(
                f"Overdracht onmogelijk: {name} komt daarmee op {allocation[i]} plaatsen, boven "
                f"de bovengrens {bound}.",
                units=[name],
                code="bad_transfer",
            )
    return allocation


# --- the exact fast path ---------------------------------------------------------------------

_REASONS: dict[tuple[str, str], Reason] = {}


def _reason(code: str, text: str) -> Reason:
    """Reasons are immutable values; most units share a handful of them."""
    found = _REASONS.get((code, text))
    if found is None:
        if len(_REASONS) >= 4096:  # texts with numbers in them: keep the memo bounded
            _REASONS.clear()
        found = _REASONS.setdefault((code, text), Reason(code, text))
    return found


# Memos of the two steps that depend only on the key and the indicators, which a what-if
# repeats on every slider move while only the total, credits or bounds change: the parsed key,
# and the shares on their common denominator. Keyed on exact values (and, for the key, their
# types), so a hit is the same answer; cleared when they grow past a few dozen inputs.
_KEYS: dict[tuple, tuple] = {}
_SHARES: dict[tuple, tuple[list[int], int]] = {}
# The last (weights, value columns, shares): one slot, replaced whole (no lock needed).
_LAST_SHARES: list[tuple | None] = [None]
_MEMO_SIZE = 64
_EXACT_TYPES = frozenset({int, Decimal, Fraction})


def _parsed_key(key: Mapping[str, object]) -> tuple[tuple[str, Fraction], ...]:
    try:
        memo_key = tuple((name, type(weight), weight) for name, weight in key.items())
        found = _KEYS.get(memo_key)
    except TypeError:  # an unhashable weight: parse it every time
        return tuple(parse_key(key).items())
    if found is None:
        found = tuple(parse_key(key).items())
        if len(_KEYS) >= _MEMO_SIZE:
            _KEYS.clear()
        _KEYS[memo_key] = found
    return found


def _shares(
    units: Sequence[Unit], weights: tuple[tuple[str, Fraction], ...]
) -> tuple[list[int], int]:
    """σ_i and D_s with share_i = σ_i / D_s; the returned list is shared: do not change it."""
    Fallback = fast.Fallback
    columns = []
    for indicator, _ in weights:
        try:
            columns.append([unit.indicators[indicator] for unit in units])
        except KeyError:
            raise Fallback from None
    # The same value objects as last time (a what-if moving a slider): the same answer, found
    # without hashing or type checks. Values are immutable, so the same objects are the same
    # values of the same types.
    last = _LAST_SHARES[0]
    if (
        last is not None
        and last[0] == weights
        and len(last[1]) == len(columns)
        and all(
            len(old) == len(new) and all(map(is_, old, new))
            for old, new in zip(last[1], columns, strict=True)
        )
    ):
        return last[2]
    for values in columns:
        # Only ints, Fractions and finite Decimals are read by the fast path (the reference
        # words anything else); equal values of these types have the same exact ratio.
        if not _EXACT_TYPES.issuperset(map(type, values)):
            raise Fallback
    memo_key = (weights, tuple(map(tuple, columns)))
    try:
        found = _SHARES.get(memo_key)
    except TypeError:  # a signalling NaN cannot be hashed; the reference refuses it
        raise Fallback from None
    if found is not None:
        _LAST_SHARES[0] = (weights, columns, found)
        return found

    # Within a column the denominator cancels out of x_i / Σx.
    numerators = [0] * len(units)
    terms = []
    for (_, weight), values in zip(weights, columns, strict=True):
        scaled, _ = fast.column(values)
        column_sum = sum(scaled)
        if column_sum == 0:
            if weight > 0:
                raise Fallback
            continue
        if weight:
            terms.append((scaled, weight.numerator, weight.denominator * column_sum))
    share_denominator = math.lcm(*(term[2] for term in terms))
    for scaled, weight_numerator, denominator in terms:
        factor = weight_numerator * (share_denominator // denominator)
        numerators = [n + x * factor for n, x in zip(numerators, scaled, strict=True)]
    if len(_SHARES) >= _MEMO_SIZE:
        _SHARES.clear()
    _SHARES[memo_key] = (numerators, share_denominator)
    _LAST_SHARES[0] = (weights, columns, (numerators, share_denominator))
    return numerators, share_denominator


_NAMES: set[tuple[str, ...]] = set()


def _plain_names(names: list[object]) -> bool:
    """Whether ``_check_names`` would return ``names`` unchanged (checked at C speed, and
    remembered for the few sets of names a process sees)."""
    as_tuple = tuple(names)
    if as_tuple in _NAMES:
        return True
    plain = (
        bool(names)
        and set(map(type, names)) == {str}
        and all(names)
        and len(set(names)) == len(names)
        and list(map(str.strip, names)) == names  # type: ignore[arg-type]
    )
    if plain:
        if len(_NAMES) >= _MEMO_SIZE:
            _NAMES.clear()
        _NAMES.add(as_tuple)  # type: ignore[arg-type]
    return plain


_NUMBERED: dict[tuple[str, int], Reason] = {}
_NUMBERED_TEXT = {
    "fixed": "Vaste afspraak: {}",
    "upper_bound": "Begrensd op bovengrens {}",
    "lower_bound": "Opgehoogd tot ondergrens {}",
}


def _numbered_reason(code: str, number: int) -> Reason:
    """The reason of a bound or agreement (as _quota_reasons words it), without formatting
    its text again for every unit."""
    found = _NUMBERED.get((code, number))
    if found is None:
        if len(_NUMBERED) >= 4096:
            _NUMBERED.clear()
        found = _NUMBERED[code, number] = _reason(code, _NUMBERED_TEXT[code].format(number))
    return found


def _distribute_fast(
    units: Sequence[Unit],
    total: object,
    key: Mapping[str, object] | None,
    method: str,
    window_weeks: Number | None,
    transfers: Sequence[Transfer],
) -> Distribution:
    """:func:`distribute` on integers over common denominators (see ``fast``).

    Raises ``fast.Fallback`` for anything the reference must handle: input of other types,
    and every input the reference refuses, so its Dutch message is the one the user sees.

    Most units of a national distribution are "plain": no credit, no bound, a share above 0.
    Only the others (``special``) are visited one by one; the plain ones go through list
    comprehensions and C-level builtins.
    """
    Fallback = fast.Fallback
    if type(total) is not int or total < 0:
        raise Fallback
    units = list(units)
    names = [unit.name for unit in units]
    try:
        if not _plain_names(names):
            names = _check_names(units)
        weights = _parsed_key(_key_for(units, key))
    except FairShareError:
        raise Fallback from None
    count = len(units)

    # 1. Shares σ_i / D_s.
    sigma, share_denominator = _shares(units, weights)

    # 2. Credits γ_i / D_c and the window ω / Ω.
    gamma, credit_denominator = fast.column([unit.credit for unit in units])
    if window_weeks is None:
        if any(gamma):
            raise Fallback
        omega, big_omega = 1, 1
    else:
        pair = fast.ratio(window_weeks)
        if pair is None:
            try:
                pair = to_fraction(window_weeks, "Periode in weken").as_integer_ratio()
            except FairShareError:
                raise Fallback from None
        omega, big_omega = pair
        if omega <= 0:
            raise Fallback

    # 3. Bounds: whole numbers only, and feasible (else the reference words the refusal).
    fixed = [u.fixed for u in units]
    lower = [u.lower for u in units]
    upper = [u.upper for u in units]
    if set(map(type, lower)) != {int} or min(lower) < 0:
        raise Fallback
    has_fixed = (
        [i for i, f in enumerate(fixed) if f is not None] if fixed.count(None) != count else []
    )
    has_upper = [i for i, u in enumerate(upper) if u is not None]
    for agreed in (has_fixed, has_upper):
        if agreed:
            values = (
                [fixed[i] for i in agreed] if agreed is has_fixed else [upper[i] for i in agreed]
            )
            if set(map(type, values)) != {int} or min(values) < 0:
                raise Fallback
    if any([lower[i] > upper[i] for i in has_upper]) or any(
        [fixed[i] < lower[i] or (upper[i] is not None and fixed[i] > upper[i]) for i in has_fixed]
    ):
        raise Fallback
    low, high = (list(lower), list(upper)) if has_fixed else (lower, upper)
    for i in has_fixed:
        low[i] = high[i] = fixed[i]
    if sum([fixed[i] for i in has_fixed]) > total or sum(low) > total:
        raise Fallback
    if None not in high and sum(high) < total:  # type: ignore[arg-type]
        raise Fallback
    # The units that are not plain: an agreement, a bound, a credit or a zero share.
    special = {*has_fixed, *has_upper}
    for column in (low, gamma):
        if any(column):
            special.update(compress(range(count), column))
    if 0 in sigma:
        special.update(compress(range(count), map(not_, sigma)))
    # In any order: the order only steers the solve's first guess, which it then checks.
    special = list(special)

    # 4. One exact solve: M · remaining_i = clamp(σ_i · τ − γ_i · M / D_c, ...), with
    #    M = lcm(D_c, Ω) and τ = M · λ / D_s. Offsets and bounds only exist for special units.
    scale = math.lcm(credit_denominator, big_omega)
    credit_factor = scale // credit_denominator
    week_factor = omega * (scale // big_omega)
    offsets = {i: -gamma[i] * credit_factor for i in special}
    lows = {i: low[i] * week_factor for i in special}
    highs = dict.fromkeys(special)
    for i in (*has_fixed, *has_upper):
        highs[i] = high[i] * week_factor  # type: ignore[operator]
    target = total * week_factor
    states: dict[str, list[int]] = {}
    p, q, values = fast.solve_level(sigma, offsets, lows, highs, target, special, states)
    # quota_i = values_i / quota_denominator places; they add up to total.
    quota_denominator = q * week_factor

    # 5. Rounding, with the same rule as apportion(quotas, ...): the quotas are the weights.
    tie_report: tuple[Tie, ...] = ()
    rounding = None
    if method == HAMILTON:
        apportioned, hamilton_tie, remainders, bumped = fast.hamilton_detail(
            values, quota_denominator, total, values
        )
        rounding = (remainders, bumped)
        if hamilton_tie is not None:
            tied, places, winners = hamilton_tie
            tie_report = (
                Tie(
                    units=tuple(names[i] for i in tied),
                    places=places,
                    winners=tuple(names[i] for i in winners),
                    rule=TIE_RULE,
                ),
            )
    elif method == CEILING:
        apportioned = [-(-v // quota_denominator) for v in values]
    else:
        rounding_high = [0 if v == 0 else h for v, h in zip(values, high, strict=True)]
        apportioned, tie = fast.divisor(values, total, method, low, rounding_high)
        if tie is not None:
            winners, losers = tie
            tie_report = (
                Tie(
                    units=tuple(names[i] for i in sorted(set(winners) | set(losers))),
                    places=len(winners),
                    winners=tuple(names[i] for i in winners),
                    rule=TIE_RULE,
                ),
            )

    # 6. Transfers are checked now (a refused one is an error); the reasons of every unit are
    #    decided when the explanation is first read (_explain), from what is known here.
    allocation = (
        _apply_transfers(transfers, names, apportioned, high, [[] for _ in names])
        if transfers
        else apportioned
    )
    explain = (
        _explain,
        (
            method,
            rounding,
            apportioned,
            values,
            quota_denominator,
            special,
            states,
            fixed,
            sigma,
            gamma,
            p,
            q,
            offsets,
            lows,
            highs,
            low,
            high,
            tie_report,
            names,
            transfers,
        ),
    )

    # 7. The explanation per unit is built when first read (see Distribution.deferred), and
    #    its Fractions later still (see UnitResult.assemble).
    fraction = fast.fraction
    effort_scaled = sum(gamma) * credit_factor + target  # M · E
    context = (
        share_denominator,
        effort_scaled,
        share_denominator * scale,
        credit_denominator,
        q * scale,
        quota_denominator,
    )
    return Distribution.deferred(
        {
            "total": total,
            "method": method,
            "window_weeks": fraction(omega, big_omega) if window_weeks is not None else None,
            "_pending_effort": (effort_scaled, scale),
            "_pending_level": (p * share_denominator, q * scale),
            "ties": tie_report,
        },
        (
            context,
            names,
            sigma,
            gamma,
            values,
            lower,
            upper,
            fixed,
            apportioned,
            allocation,
            explain,
        ),
    )


def _explain(
    method,
    rounding,
    apportioned,
    values,
    quota_denominator,
    special,
    states,
    fixed,
    sigma,
    gamma,
    p,
    q,
    offsets,
    lows,
    highs,
    low,
    high,
    tie_report,
    names,
    transfers,
) -> list:
    """The reasons of every unit of a fast-path distribution, exactly as ``_quota_reasons``
    and ``_rounding_reason`` decide them on Fractions, in integers."""
    label = METHOD_LABELS[method]
    exact_reason = _reason("exact", "Quotum is een geheel getal")
    if rounding is not None:
        # Hamilton: a remainder place is "up", no remainder is "exact", the rest rounded down.
        remainders, bumped = rounding
        up = _reason("largest_remainder", "Restplaats: grote rest na afronden")
        down = _reason("lower_quota", "Naar beneden afgerond: rest te klein")
        exact_one, down_one, up_one = (exact_reason,), (down,), (up,)
        reasons: list = [down_one if r else exact_one for r in remainders]
        for i in bumped:
            reasons[i] = up_one
    else:
        if method == CEILING:
            up = down = _reason("ceiling", "Naar boven afgerond (art. 29 Huisvestingswet)")
        else:
            up = _reason("rounded_up", f"Naar boven afgerond ({label})")
            down = _reason("rounded_down", f"Naar beneden afgerond ({label})")
        reasons = [
            (exact_reason,) if r == v else ((up,) if r > v else (down,))
            for r, v in zip([a * quota_denominator for a in apportioned], values, strict=True)
        ]

    # Quota reasons: only a special unit can have one. unclamped = M·q · (s·λ − c).
    over = _reason("over_contribution", "Eerdere inzet dekt het eerlijke deel al")
    zero = _reason("zero_share", "Aandeel in de sleutel is 0")
    states = dict(zip(states["moving"], states["status"], strict=True))
    for i in special:
        state = states.get(i)
        if fixed[i] is not None:
            first = _numbered_reason("fixed", fixed[i])
        elif state is not None:
            # Where the solve found the unit: at its cap (-> upper bound), below its lower
            # bound (-> lower bound, or over-contribution when that bound is 0: s·λ − c < 0),
            # or in between (over-contribution only when s·λ − c is exactly 0 with credit).
            if state > 0:
                first = _numbered_reason("upper_bound", high[i])
            elif state < 0 and low[i] > 0:
                first = _numbered_reason("lower_bound", low[i])
            elif gamma[i] > 0 and (state < 0 or values[i] <= 0):
                first = over
            else:
                continue
        else:
            unclamped = sigma[i] * p + offsets[i] * q
            if high[i] is not None and unclamped > highs[i] * q:  # type: ignore[operator]
                first = _numbered_reason("upper_bound", high[i])
            elif low[i] > 0 and unclamped < lows[i] * q:
                first = _numbered_reason("lower_bound", low[i])
            elif sigma[i] == 0:
                first = zero
            elif gamma[i] > 0 and unclamped <= 0:
                first = over
            else:
                continue
        reasons[i] = (first, *reasons[i])
    if tie_report or transfers:
        reasons = [list(found) for found in reasons]
    for tie_found in tie_report:
        for name in tie_found.units:
            i = names.index(name)
            won = name in tie_found.winners
            reasons[i].append(
                _reason(
                    "tie_won" if won else "tie_lost",
                    f"Gelijke stand {'gewonnen' if won else 'verloren'} ({TIE_RULE})",
                )
            )
    if transfers:
        _apply_transfers(transfers, names, apportioned, high, reasons)
    return reasons

"""Properties that must hold for every input, checked with hypothesis."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from opvangregie.fairshare import METHODS, Transfer, Unit, apportion, distribute

ROUNDING = [m for m in METHODS if m != "ceiling"]
DIVISOR = ["dhondt", "sainte-lague", "huntington-hill", "adams"]

weights = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12).filter(
    lambda ws: sum(ws) > 0
)
totals = st.integers(min_value=0, max_value=300)
methods = st.sampled_from(METHODS)


@st.composite
def scenarios(draw, with_bounds=True):
    """Units with populations, credits and (optionally) feasible bounds, plus a total."""
    populations = draw(weights)
    count = len(populations)
    credits = draw(st.lists(st.integers(0, 2_000), min_size=count, max_size=count))
    lower = [0] * count
    upper: list[int | None] = [None] * count
    fixed: list[int | None] = [None] * count
    if with_bounds:
        for i in range(count):
            kind = draw(st.sampled_from(["free", "free", "lower", "upper", "both", "fixed"]))
            low = draw(st.integers(0, 30))
            high = low + draw(st.integers(0, 60))
            if kind in ("lower", "both"):
                lower[i] = low
            if kind in ("upper", "both"):
                upper[i] = high
            if kind == "fixed":
                fixed[i] = low
    floor_total = sum(f if f is not None else lo for f, lo in zip(fixed, lower, strict=True))
    caps = [f if f is not None else hi for f, hi in zip(fixed, upper, strict=True)]
    # Every remaining place needs a unit with a positive share and room to take it.
    room = sum(
        (c if c is not None else 10_000) for c, p in zip(caps, populations, strict=True) if p > 0
    ) + sum(
        (f if f is not None else lo)
        for f, lo, p in zip(fixed, lower, populations, strict=True)
        if p == 0
    )
    ceiling = min(room, floor_total + 300)
    assume(floor_total <= ceiling)
    total = draw(st.integers(floor_total, ceiling))
    units = [
        Unit(
            name=f"G{i}",
            indicators={"population": populations[i]},
            credit=credits[i],
            lower=lower[i],
            upper=upper[i],
            fixed=fixed[i],
        )
        for i in range(count)
    ]
    return units, total


@given(weights, totals, st.sampled_from(ROUNDING))
def test_allocations_add_up_to_the_total(ws, total, method):
    assert sum(apportion(ws, total, method).seats) == total


@given(weights, totals)
def test_ceiling_is_each_quota_rounded_up(ws, total):
    seats = apportion(ws, total, "ceiling").seats
    assert list(seats) == [math.ceil(total * w / sum(ws)) if w else 0 for w in ws]


@given(weights, totals)
def test_hamilton_stays_within_quota(ws, total):
    seats = apportion(ws, total, "hamilton").seats
    for weight, seat in zip(ws, seats, strict=True):
        quota = total * weight / sum(ws)
        assert math.floor(quota) <= seat <= math.ceil(quota)


@given(weights, totals, st.sampled_from(DIVISOR))
def test_divisor_methods_are_house_monotone(ws, total, method):
    smaller = apportion(ws, total, method).seats
    larger = apportion(ws, total + 1, method).seats
    assert all(b >= a for a, b in zip(smaller, larger, strict=True))


@given(scenarios(), methods)
def test_bounds_and_fixed_amounts_hold_and_the_total_is_met(scenario, method):
    units, total = scenario
    result = distribute(units, total, method=method, window_weeks=4)
    for unit, outcome in zip(units, result.units, strict=True):
        if unit.fixed is not None:
            assert outcome.allocation == unit.fixed
        assert outcome.allocation >= unit.lower
        if unit.upper is not None:
            assert outcome.allocation <= unit.upper
    if method != "ceiling":
        assert sum(u.allocation for u in result.units) == total
    assert sum(u.quota for u in result.units) == total


@given(scenarios(), st.sampled_from(["hamilton", "ceiling"]))
def test_hamilton_and_ceiling_stay_within_the_credited_quota(scenario, method):
    units, total = scenario
    for outcome in distribute(units, total, method=method, window_weeks=4).units:
        assert math.floor(outcome.quota) <= outcome.allocation <= math.ceil(outcome.quota)


@given(scenarios(with_bounds=False), methods)
def test_zero_credits_give_plain_apportionment(scenario, method):
    units, total = scenario
    units = [Unit(u.name, u.indicators) for u in units]
    result = distribute(units, total, method=method, window_weeks=13)
    populations = [u.indicators["population"] for u in units]
    assert tuple(u.allocation for u in result.units) == apportion(populations, total, method).seats


@given(scenarios(with_bounds=False), methods, st.data())
def test_over_contributor_gets_nothing(scenario, method, data):
    units, total = scenario
    index = data.draw(st.integers(0, len(units) - 1))
    weeks = 4
    others = [u for i, u in enumerate(units) if i != index]
    assume(any(u.indicators["population"] > 0 for u in others))
    share = Fraction(
        units[index].indicators["population"], sum(u.indicators["population"] for u in units)
    )
    rest = sum(u.credit for u in others) + total * weeks
    # Over-contributor: credit c ≥ share · E with E = c + rest, i.e. c ≥ share · rest / (1 − share).
    credit = math.ceil(share * rest / (1 - share))
    units[index] = Unit(units[index].name, units[index].indicators, credit=credit)
    result = distribute(units, total, method=method, window_weeks=weeks)
    assert result.units[index].allocation == 0


@given(scenarios(with_bounds=False), methods, st.data())
def test_more_own_credit_never_raises_own_allocation(scenario, method, data):
    units, total = scenario
    index = data.draw(st.integers(0, len(units) - 1))
    extra = data.draw(st.integers(1, 3_000))
    before = distribute(units, total, method=method, window_weeks=4)
    raised = list(units)
    unit = units[index]
    raised[index] = Unit(unit.name, unit.indicators, credit=unit.credit + extra)
    after = distribute(raised, total, method=method, window_weeks=4)
    assert after.units[index].quota <= before.units[index].quota
    assert after.units[index].allocation <= before.units[index].allocation


@given(scenarios(with_bounds=False), methods, st.data())
def test_transfers_move_exactly_their_amount(scenario, method, data):
    units, total = scenario
    assume(len(units) >= 2)
    before = distribute(units, total, method=method, window_weeks=4)
    giver, taker = data.draw(st.permutations(range(len(units))))[:2]
    available = before.units[giver].allocation
    assume(available > 0)
    amount = data.draw(st.integers(1, available))
    after = distribute(
        units,
        total,
        method=method,
        window_weeks=4,
        transfers=[Transfer(units[giver].name, units[taker].name, amount)],
    )
    assert after.units[giver].allocation == available - amount
    assert after.units[taker].allocation == before.units[taker].allocation + amount
    assert sum(u.allocation for u in after.units) == sum(u.allocation for u in before.units)

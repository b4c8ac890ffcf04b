"""The integer fast path and the Fraction reference give the same answer on every input.

``apportion`` and ``distribute`` run the fast path; ``apportion_exact`` and
``distribute_exact`` are the step-by-step Fraction reference. Small weights drawn from few
values make exact ties common, so the tie reports are compared as well.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from opvangregie.fairshare import METHODS, FairShareError, Transfer, Unit, apportion, distribute
from opvangregie.fairshare.engine import distribute_exact
from opvangregie.fairshare.methods import apportion_exact

# Few distinct values → many exact ties on remainders and bids.
tie_prone = st.lists(st.sampled_from([0, 1, 2, 3, 4, 6, 12]), min_size=1, max_size=15)
wide = st.lists(st.integers(0, 10**7), min_size=1, max_size=40)
exotic = st.lists(
    st.one_of(
        st.fractions(min_value=0, max_value=50, max_denominator=12),
        st.decimals(min_value=0, max_value=500, places=2, allow_nan=False, allow_infinity=False),
        st.integers(0, 50),
    ),
    min_size=1,
    max_size=12,
)


def outcome(call):
    """What a caller sees: the result, or the Dutch error and its code."""
    try:
        return call()
    except FairShareError as error:
        return ("error", error.message, error.code, error.units)


def same_apportionment(weights, total, method, **bounds):
    fast = outcome(lambda: apportion(weights, total, method, **bounds))
    exact = outcome(lambda: apportion_exact(weights, total, method, **bounds))
    assert fast == exact


@settings(max_examples=300)
@given(st.one_of(tie_prone, wide, exotic), st.integers(0, 400), st.sampled_from(METHODS))
def test_apportion_fast_equals_exact(weights, total, method):
    same_apportionment(weights, total, method)


@settings(max_examples=300)
@given(st.data(), st.one_of(tie_prone, wide), st.sampled_from(METHODS))
def test_apportion_with_bounds_fast_equals_exact(data, weights, method):
    count = len(weights)
    lower = data.draw(st.lists(st.integers(0, 6), min_size=count, max_size=count))
    upper = [
        None if extra is None else low + extra
        for low, extra in zip(
            lower,
            data.draw(
                st.lists(st.one_of(st.none(), st.integers(0, 20)), min_size=count, max_size=count)
            ),
            strict=True,
        )
    ]
    total = data.draw(st.integers(0, 200))
    same_apportionment(weights, total, method, lower=lower, upper=upper)


@st.composite
def scenarios(draw):
    count = draw(st.integers(1, 12))
    value = st.sampled_from([0, 1, 2, 3, 5, 8])
    populations = draw(
        st.lists(st.one_of(value, st.integers(0, 10**6)), min_size=count, max_size=count)
    )
    areas = draw(
        st.lists(
            st.one_of(value.map(Decimal), st.decimals(0, 500, places=2)),
            min_size=count,
            max_size=count,
        )
    )
    credits = draw(
        st.lists(
            st.one_of(st.just(0), st.integers(0, 400), st.fractions(0, 100, max_denominator=7)),
            min_size=count,
            max_size=count,
        )
    )
    units = []
    for i in range(count):
        kind = draw(st.sampled_from(["free", "free", "free", "lower", "upper", "both", "fixed"]))
        low = draw(st.integers(0, 8))
        high = low + draw(st.integers(0, 30))
        units.append(
            Unit(
                name=f"G{i}",
                indicators={"population": populations[i], "land_area": areas[i]},
                credit=credits[i],
                lower=low if kind in ("lower", "both") else 0,
                upper=high if kind in ("upper", "both") else None,
                fixed=low if kind == "fixed" else None,
            )
        )
    key = draw(
        st.sampled_from(
            [
                {"population": Decimal("0.5"), "land_area": Decimal("0.5")},
                {"population": 1, "land_area": 0},
                {"population": Fraction(1, 3), "land_area": Fraction(2, 3)},
            ]
        )
    )
    return units, key, draw(st.integers(0, 150)), draw(st.sampled_from([1, 4, 13, "2.5"]))


def same_distribution(units, total, key, method, weeks, transfers=()):
    def run(function):
        return outcome(
            lambda: function(units, total, key, method, window_weeks=weeks, transfers=transfers)
        )

    fast, exact = run(distribute), run(distribute_exact)
    assert fast == exact
    if not isinstance(fast, tuple):
        # Same numbers, same reasons, same ties, same explanation text.
        assert fast.to_dict() == exact.to_dict()
        assert [u.decided_by for u in fast.units] == [u.decided_by for u in exact.units]
        assert (fast.level, fast.effort) == (exact.level, exact.effort)


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.sampled_from(METHODS))
def test_distribute_fast_equals_exact(scenario, method):
    units, key, total, weeks = scenario
    same_distribution(units, total, key, method, weeks)


@settings(max_examples=100, deadline=None)
@given(scenarios(), st.sampled_from(METHODS), st.data())
def test_distribute_with_a_transfer_fast_equals_exact(scenario, method, data):
    units, key, total, weeks = scenario
    assume(len(units) >= 2)
    giver, taker = data.draw(st.permutations(range(len(units))))[:2]
    transfer = Transfer(units[giver].name, units[taker].name, data.draw(st.integers(1, 10)))
    same_distribution(units, total, key, method, weeks, [transfer])


def test_a_tie_is_reported_the_same_by_both_paths():
    # Three equal units and one place left over: the tie rule decides, and both paths say so.
    for method in METHODS:
        fast = apportion([1, 1, 1], 4, method, names=["A", "B", "C"])
        assert fast == apportion_exact([1, 1, 1], 4, method, names=["A", "B", "C"])
    assert apportion([1, 1, 1], 4, "hamilton", names=["A", "B", "C"]).ties[0].winners == ("A",)


def test_national_scale_fast_equals_exact_for_every_method():
    # 342 units and the Spreidingswet total: the fast start and the exact check of the cut
    # must land on the same places as the Fraction reference, also with bounds.
    import random

    rng = random.Random(96000)
    weights = [rng.randint(900, 950_000) for _ in range(342)]
    upper = [None if i % 9 else 150 for i in range(342)]
    lower = [0 if i % 11 else 40 for i in range(342)]
    for method in METHODS:
        for total in (300, 10_000, 96_000):
            same_apportionment(weights, total, method)
        same_apportionment(weights, 10_000, method, lower=lower, upper=upper)


@st.composite
def crowded(draw):
    """Many units, most with a credit or a bound: the level solve needs several rounds (and
    sometimes its sorted sweep), and remainders tie often."""
    count = draw(st.integers(5, 60))
    units = []
    for i in range(count):
        kind = draw(st.sampled_from(["free", "credit", "credit", "upper", "lower", "fixed"]))
        low = draw(st.integers(0, 5))
        units.append(
            Unit(
                name=f"G{i}",
                indicators={
                    "population": draw(st.sampled_from([1, 2, 3, 10, 1000, 98765])),
                    "land_area": draw(st.sampled_from([Decimal("1"), Decimal("2.5"), Decimal(7)])),
                },
                credit=draw(st.integers(0, 300)) if kind == "credit" else 0,
                lower=low if kind == "lower" else 0,
                upper=low + draw(st.integers(0, 12)) if kind == "upper" else None,
                fixed=low if kind == "fixed" else None,
            )
        )
    return units, draw(st.integers(0, 400)), draw(st.sampled_from([1, 13]))


@settings(max_examples=150, deadline=None)
@given(crowded(), st.sampled_from(METHODS))
def test_crowded_credits_and_bounds_fast_equals_exact(scenario, method):
    units, total, weeks = scenario
    key = {"population": Decimal("0.5"), "land_area": Decimal("0.5")}
    same_distribution(units, total, key, method, weeks)
    # The columns a long table reads give the same figures as the explained units.
    found = outcome(lambda: distribute(units, total, key, method, window_weeks=weeks))
    if not isinstance(found, tuple):
        columns = found.columns()
        explained = found.units
        assert [Fraction(*pair) for pair in columns["shares"]] == [u.share for u in explained]
        assert [Fraction(*pair) for pair in columns["quotas"]] == [u.quota for u in explained]
        assert columns["allocations"] == [u.allocation for u in explained]
        assert columns["reasons"] == [u.reasons for u in explained]

"""Behaviour of the apportionment methods beyond published outcomes: ties, bounds, errors."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import pytest

from opvangregie.fairshare import METHODS, FairShareError, apportion, normalise_method


def test_every_method_gives_the_obvious_answer_on_proportional_weights():
    for method in METHODS:
        assert apportion([14, 28, 7, 35], 12, method).seats == (2, 4, 1, 5), method


def test_zero_weights_get_nothing():
    for method in METHODS:
        assert apportion([0, 14, 28, 0, 0], 6, method).seats == (0, 2, 4, 0, 0), method


def test_huntington_hill_and_adams_give_every_unit_one_place_when_the_total_allows():
    weights = [1_000_000, 10, 10, 1]
    for method in ("huntington-hill", "adams"):
        assert min(apportion(weights, 10, method).seats) == 1, method
    assert apportion(weights, 10, "dhondt").seats == (10, 0, 0, 0)


def test_with_fewer_places_than_units_the_largest_units_get_one_each():
    # Same expectation as the `apportionment` package's test_fewerseatsthanparties.
    for method in ("huntington-hill", "adams"):
        assert apportion([10, 9, 8, 8, 11, 12], 3, method).seats == (1, 0, 0, 0, 1, 1)


def test_ties_are_broken_by_larger_weight_then_input_order_and_reported():
    result = apportion([2, 1, 1, 2, 2], 2, "dhondt", names=list("ABCDE"))
    assert result.seats == (1, 0, 0, 1, 0)
    (tie,) = result.ties
    assert tie.units == ("A", "D", "E")
    assert tie.places == 2
    assert tie.winners == ("A", "D")
    assert "volgorde van invoer" in tie.rule
    assert "Gelijke stand tussen A, D, E om 2 plaatsen" in tie.text


def test_hamilton_tie_on_equal_remainders_is_reported():
    # Quotas ⅔ each with two places left: all three are level, input order decides.
    level = apportion([1, 1, 1], 2, "hamilton", names=["X", "Y", "Z"])
    assert level.seats == (1, 1, 0)
    (tie,) = level.ties
    assert (tie.units, tie.places, tie.winners) == (("X", "Y", "Z"), 2, ("X", "Y"))


def test_hamilton_equal_remainders_favour_the_larger_weight():
    # Quotas ½ and 1½: one place left, both remainders ½; "large" wins although it is second.
    halves = apportion([1, 3], 2, "hamilton", names=["small", "large"])
    assert halves.seats == (0, 2)
    assert halves.ties[0].winners == ("large",)


def test_no_tie_reported_when_the_cut_is_clear():
    assert apportion([5117, 4400, 162, 161, 160], 100, "hamilton").ties == ()


def test_ceiling_rounds_every_quota_up_and_may_exceed_the_total():
    # Huisvestingswet art. 29: quota = ceil(national number · municipal / national population).
    result = apportion([1, 1, 1], 10, "ceiling")
    assert result.seats == (4, 4, 4)
    assert apportion([1, 1], 10, "ceiling").seats == (5, 5)


def test_bounds_are_honoured_by_every_method():
    weights = [60, 30, 10]
    for method in METHODS:
        seats = apportion(weights, 20, method, lower=[0, 0, 5], upper=[8, None, None]).seats
        assert seats[0] <= 8 and seats[2] >= 5, method
        if method != "ceiling":
            assert sum(seats) == 20, method


def test_hamilton_with_bounds_redistributes_over_the_others_in_proportion():
    # A would get 12 of 20 but is capped at 8; the other 12 go 3:1 to B and C.
    assert apportion([60, 30, 10], 20, "hamilton", upper=[8, None, None]).seats == (8, 9, 3)


@pytest.mark.parametrize(
    ("lower", "upper", "fragment"),
    [
        (
            [300, 220, 0],
            None,
            "de ondergrenzen van A, B tellen op tot 520, meer dan het totaal 450",
        ),
        (None, [100, 100, 100], "de bovengrenzen van A, B, C tellen op tot 300, minder dan"),
        ([5, 0, 0], [3, None, None], "de ondergrens van A (5) is groter dan de bovengrens (3)"),
    ],
)
def test_infeasible_bounds_name_the_units(lower, upper, fragment):
    with pytest.raises(FairShareError) as raised:
        apportion([1, 1, 1], 450, "hamilton", lower=lower, upper=upper, names=["A", "B", "C"])
    assert fragment in raised.value.message
    assert raised.value.code == "infeasible_bounds"
    assert raised.value.units


def test_unknown_method_and_negative_weight_are_rejected_in_dutch():
    with pytest.raises(FairShareError, match="Onbekende methode 'borda'"):
        apportion([1, 2], 3, "borda")
    with pytest.raises(FairShareError, match="negatief"):
        apportion([1, -2], 3)
    with pytest.raises(FairShareError, match="Alle gewichten zijn 0"):
        apportion([0, 0], 3)


def test_method_aliases():
    assert normalise_method("Jefferson") == "dhondt"
    assert normalise_method("webster") == "sainte-lague"
    assert normalise_method("Sainte-Laguë") == "sainte-lague"
    assert normalise_method("equal_proportions") == "huntington-hill"


def test_divisor_methods_match_one_by_one_highest_averages_on_a_national_scale():
    # The fast start (Hare divisor estimate) must give the same places as handing them out one
    # at a time from zero; checked on 342 units and a total of 96,000 (Spreidingswet scale).
    rng = random.Random(20240101)
    weights = [rng.randint(900, 950_000) for _ in range(342)]
    for method, divisor in (("dhondt", lambda k: k + 1), ("sainte-lague", lambda k: k + 0.5)):
        seats = apportion(weights, 96_000, method).seats
        assert sum(seats) == 96_000
        pairs = list(zip(weights, seats, strict=True))
        # Every place given bids at least as much as every place not given.
        weakest_in = min(Fraction(w) / Fraction(divisor(s - 1)) for w, s in pairs if s)
        strongest_out = max(Fraction(w) / Fraction(divisor(s)) for w, s in pairs)
        assert weakest_in >= strongest_out, method
    pairs = list(zip(weights, apportion(weights, 96_000, "huntington-hill").seats, strict=True))
    weakest_in = min(w / math.sqrt(s * (s - 1)) for w, s in pairs if s > 1)
    strongest_out = max(w / math.sqrt(s * (s + 1)) for w, s in pairs)
    assert weakest_in >= strongest_out

"""distribute(): keys, crediting, bounds, fixed amounts, transfers and the explanation."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest

from opvangregie.fairshare import (
    FairShareError,
    Transfer,
    Unit,
    apportion,
    compute_shares,
    distribute,
)

from .conftest import HALF_HALF, IJSSELLAND, ijsselland_units


def _allocations(result):
    return [unit.allocation for unit in result.units]


# --- keys -------------------------------------------------------------------------------------


def test_weighted_key_combines_indicator_shares():
    shares = compute_shares(
        ["A", "B"],
        [{"pop": 300, "area": 20}, {"pop": 100, "area": 20}],
        {"pop": "1/2", "area": Decimal("0.5")},
    )
    # A: ½ · 300/400 + ½ · 20/40 = 5/8; B: ½ · 100/400 + ½ · 20/40 = 3/8.
    assert shares == (Fraction(5, 8), Fraction(3, 8))


def test_key_weights_must_add_up_to_exactly_one():
    with pytest.raises(FairShareError, match="tellen op tot 9/10 in plaats van precies 1"):
        compute_shares(["A"], [{"a": 1, "b": 1}], {"a": "0.5", "b": "0.4"})
    with pytest.raises(FairShareError, match="niet negatief"):
        compute_shares(["A"], [{"a": 1, "b": 1}], {"a": "1.5", "b": "-0.5"})


def test_float_weights_are_read_as_the_decimals_they_show():
    shares = compute_shares(["A", "B"], [{"a": 1, "b": 0}, {"a": 0, "b": 1}], {"a": 0.7, "b": 0.3})
    assert shares == (Fraction(7, 10), Fraction(3, 10))


def test_indicator_column_of_zeros_with_positive_weight_is_an_error():
    with pytest.raises(FairShareError, match="'area' is voor alle eenheden 0"):
        compute_shares(["A", "B"], [{"pop": 1, "area": 0}, {"pop": 2, "area": 0}], HALF_HALF_KEY)


def test_negative_indicator_value_names_the_unit():
    with pytest.raises(FairShareError, match="Zwolle heeft een negatieve waarde voor 'pop'"):
        compute_shares(["Zwolle"], [{"pop": -1}], {"pop": 1})


HALF_HALF_KEY = {"pop": Fraction(1, 2), "area": Fraction(1, 2)}


# --- the IJsselland worked example (docs/fairshare.md) -------------------------------------------


def test_ijsselland_450_places_half_population_half_land_area(ijsselland):
    result = distribute(ijsselland, 450, HALF_HALF)
    assert sum(_allocations(result)) == 450
    assert sum(unit.share for unit in result.units) == 1
    assert result.allocations == {
        "Dalfsen": 32,
        "Deventer": 59,
        "Hardenberg": 64,
        "Kampen": 40,
        "Ommen": 30,
        "Raalte": 37,
        "Staphorst": 24,
        "Zwolle": 68,
        "Steenwijkerland": 54,
        "Olst-Wijhe": 22,
        "Zwartewaterland": 20,
    }
    zwolle = result["Zwolle"]
    population_share = Fraction(130668, sum(p for _, p, _ in IJSSELLAND))
    area_share = Fraction(Decimal("110.64")) / sum(Fraction(a) for _, _, a in IJSSELLAND)
    assert zwolle.share == (population_share + area_share) / 2
    assert zwolle.quota == 450 * zwolle.share


def test_ijsselland_with_credit_strikes_out_zwartewaterland():
    # domain.md: Zwartewaterland's boat, 4 weeks x 84 places = 336 place-weeks, "so its share
    # was struck out". With 450 places for 13 weeks its fair part is ~335.6 place-weeks.
    units = ijsselland_units(Zwartewaterland={"credit": 4 * 84}, Ommen={"credit": 2 * 75})
    result = distribute(units, 450, HALF_HALF, window_weeks=13)
    boat = result["Zwartewaterland"]
    assert boat.fair_part < 336
    assert boat.allocation == 0
    assert boat.decided_by.code == "over_contribution"
    assert sum(_allocations(result)) == 450
    assert result.effort == 336 + 150 + 450 * 13
    # Ommen's 150 place-weeks are deducted from its fair part before rounding.
    ommen = result["Ommen"]
    assert ommen.remaining == ommen.share * result.level - 150
    assert ommen.quota == ommen.remaining / 13


def test_zero_credits_equal_plain_apportionment(ijsselland):
    plain = distribute(ijsselland, 450, HALF_HALF, method="sainte-lague")
    windowed = distribute(ijsselland, 450, HALF_HALF, method="sainte-lague", window_weeks=13)
    shares = [unit.share for unit in plain.units]
    assert tuple(_allocations(plain)) == apportion(shares, 450, "sainte-lague").seats
    assert _allocations(windowed) == _allocations(plain)
    assert windowed.level == windowed.effort == 450 * 13


def test_over_contributor_gets_zero_with_every_method():
    units = [
        Unit("A", {"pop": 1}, credit=1000),
        Unit("B", {"pop": 1}),
        Unit("C", {"pop": 1}),
    ]
    for method in ("hamilton", "dhondt", "sainte-lague", "huntington-hill", "adams", "ceiling"):
        result = distribute(units, 10, method=method, window_weeks=2)
        assert result["A"].allocation == 0, method
        assert result["A"].quota == 0


def test_credit_needs_a_window():
    with pytest.raises(FairShareError, match="periode in weken"):
        distribute([Unit("A", {"pop": 1}, credit=5)], 10)


# --- bounds, fixed amounts, transfers --------------------------------------------------------


def test_upper_bound_caps_and_the_rest_goes_to_the_others(ijsselland):
    units = ijsselland_units(Zwolle={"upper": 40}, Deventer={"lower": 70})
    result = distribute(units, 450, HALF_HALF)
    assert result["Zwolle"].allocation == 40
    assert result["Zwolle"].decided_by.code == "upper_bound"
    assert result["Zwolle"].decided_by.text == "Begrensd op bovengrens 40"
    assert result["Deventer"].allocation == 70
    assert result["Deventer"].decided_by.code == "lower_bound"
    assert sum(_allocations(result)) == 450


def test_infeasible_lower_bounds_are_reported_in_dutch_with_names():
    units = ijsselland_units(Zwolle={"lower": 300}, Deventer={"lower": 220})
    with pytest.raises(FairShareError) as raised:
        distribute(units, 450, HALF_HALF)
    assert raised.value.message == (
        "Onhaalbare grenzen: de ondergrenzen van Deventer, Zwolle tellen op tot 520, meer dan "
        "het totaal 450."
    )
    assert raised.value.units == ("Deventer", "Zwolle")


def test_fixed_amounts_are_exceptions_the_others_make_up(ijsselland):
    units = ijsselland_units(Ommen={"fixed": 0}, Kampen={"fixed": 100})
    result = distribute(units, 450, HALF_HALF)
    assert result["Ommen"].allocation == 0
    assert result["Kampen"].allocation == 100
    assert result["Kampen"].decided_by.text == "Vaste afspraak: 100"
    assert sum(_allocations(result)) == 450


def test_fixed_amounts_beyond_the_total_are_refused():
    units = ijsselland_units(Ommen={"fixed": 300}, Kampen={"fixed": 200})
    with pytest.raises(FairShareError, match="vaste aantallen van Kampen, Ommen tellen op tot 500"):
        distribute(units, 450, HALF_HALF)


def test_transfer_moves_places_after_rounding(ijsselland):
    before = distribute(ijsselland, 450, HALF_HALF)
    after = distribute(ijsselland, 450, HALF_HALF, transfers=[Transfer("Ommen", "Raalte", 10)])
    assert after["Ommen"].allocation == before["Ommen"].allocation - 10
    assert after["Raalte"].allocation == before["Raalte"].allocation + 10
    assert after["Raalte"].decided_by.text == "Neemt 10 over van Ommen"
    assert after["Ommen"].transferred == -10
    assert sum(_allocations(after)) == 450


def test_transfer_larger_than_the_part_is_refused(ijsselland):
    with pytest.raises(FairShareError, match="het deel van Ommen is 30") as raised:
        distribute(ijsselland, 450, HALF_HALF, transfers=[Transfer("Ommen", "Raalte", 31)])
    assert raised.value.units == ("Ommen", "Raalte")


def test_transfer_to_an_unknown_unit_is_refused(ijsselland):
    with pytest.raises(FairShareError, match="onbekende eenheid Amsterdam"):
        distribute(ijsselland, 450, HALF_HALF, transfers=[Transfer("Ommen", "Amsterdam", 1)])


def test_transfer_beyond_capacity_is_refused():
    units = [Unit("A", {"pop": 1}, upper=5), Unit("B", {"pop": 1})]
    with pytest.raises(FairShareError, match="boven de bovengrens 5"):
        distribute(units, 10, transfers=[Transfer("B", "A", 1)])


def test_duplicate_names_and_missing_key_are_refused():
    with pytest.raises(FairShareError, match="dubbel"):
        distribute([Unit("A", {"pop": 1}), Unit("A", {"pop": 2})], 3)
    with pytest.raises(FairShareError, match="meerdere indicatoren"):
        distribute([Unit("A", {"pop": 1, "area": 2})], 3)


# --- explanation and JSON --------------------------------------------------------------------


def test_every_unit_explains_its_number(ijsselland):
    result = distribute(ijsselland, 450, HALF_HALF)
    for unit in result.units:
        assert unit.reasons
        assert unit.decided_by.code in {"largest_remainder", "lower_quota", "exact"}
    given_extra = [u.name for u in result.units if u.decided_by.code == "largest_remainder"]
    floors = sum(int(u.quota) for u in result.units)
    assert len(given_extra) == 450 - floors


def test_ties_are_listed_in_the_result():
    units = [Unit(name, {"pop": 1}) for name in ("A", "B", "C")]
    result = distribute(units, 2)
    (tie,) = result.ties
    assert tie.winners == ("A", "B")
    assert result["C"].decided_by.code == "tie_lost"
    assert result["A"].decided_by.code == "tie_won"


def test_to_dict_is_json_ready(ijsselland):
    result = distribute(ijsselland, 450, HALF_HALF, transfers=[Transfer("Ommen", "Raalte", 1)])
    data = json.loads(json.dumps(result.to_dict()))
    assert data["total"] == 450
    assert data["method"] == "hamilton"
    assert [u["name"] for u in data["units"]] == [name for name, _, _ in IJSSELLAND]
    first = data["units"][0]
    assert isinstance(first["share"], float)
    assert isinstance(first["quota"], float)
    assert isinstance(first["allocation"], int)
    assert Fraction(first["share_exact"]) == result.units[0].share
    assert first["decided_by"]["code"]

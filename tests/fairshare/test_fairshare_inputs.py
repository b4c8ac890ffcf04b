"""Reading numbers the way Dutch spreadsheets write them."""

from __future__ import annotations

from fractions import Fraction

import pytest

from opvangregie.fairshare.inputs import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1234.5", Fraction(12345, 10)),
        ("1234,5", Fraction(12345, 10)),
        ("1.234,5", Fraction(12345, 10)),
        ("1,234.5", Fraction(12345, 10)),
        ("1.234.567", Fraction(1234567)),
        ("1 234", Fraction(1234)),
        ("0,25", Fraction(1, 4)),
        ("-3", Fraction(-3)),
        (42, Fraction(42)),
        (0.1, Fraction(1, 10)),
    ],
)
def test_numbers_with_decimal_point_or_comma(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["veel", "1,2,3.4.5", "12a", "", "1/3", True])
def test_non_numbers_are_recognised(text):
    assert parse_number(text) is None

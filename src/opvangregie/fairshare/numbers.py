"""Turning user-supplied numbers into exact fractions, and showing them again."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .errors import FairShareError

Number = int | Fraction | Decimal | float | str


def to_fraction(value: object, what: str) -> Fraction:
    """Convert ``value`` exactly; ``what`` names the value in the Dutch error message.

    Floats are read through their shortest decimal representation (``0.1`` means 1/10), so a
    weight typed as ``0.1`` behaves as the user meant instead of as the nearest binary float.
    Strings may be decimals (``"0.5"``, ``"0,5"``) or fractions (``"1/3"``).
    """
    if isinstance(value, bool):
        raise FairShareError(f"{what}: '{value}' is geen getal.", code="not_a_number")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise FairShareError(f"{what}: '{value}' is geen eindig getal.", code="not_a_number")
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FairShareError(f"{what}: '{value}' is geen eindig getal.", code="not_a_number")
        return Fraction(repr(value))
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            if "/" in text:
                numerator, denominator = text.split("/", 1)
                return Fraction(Decimal(numerator.strip())) / Fraction(Decimal(denominator.strip()))
            return Fraction(Decimal(text))
        except (InvalidOperation, ValueError, ZeroDivisionError):
            pass
    raise FairShareError(f"{what}: '{value}' is geen getal.", code="not_a_number")


def to_count(value: object, what: str) -> int:
    """A whole, non-negative number of places."""
    number = to_fraction(value, what)
    if number.denominator != 1 or number < 0:
        raise FairShareError(
            f"{what}: '{value}' moet een geheel getal van 0 of meer zijn.", code="not_a_count"
        )
    return int(number)


def plain(value: Fraction) -> int | float:
    """A JSON-friendly number: an int when whole, otherwise a float."""
    if value.denominator == 1:
        return int(value)
    return float(value)


def dutch(value: Fraction, places: int = 2) -> str:
    """A number for a Dutch table cell: decimal comma, no trailing zeros on whole numbers."""
    if value.denominator == 1:
        return f"{int(value):,}".replace(",", ".")
    rounded = round(value, places)
    text = f"{float(rounded):,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")

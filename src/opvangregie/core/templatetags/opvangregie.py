from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django import template
from django.utils.formats import date_format, number_format

register = template.Library()


@register.filter
def percent(value, decimals=2):
    """A share (0–1, often an exact Fraction) as a localised percentage: 24,29 %."""
    if value is None or value == "":
        return ""
    as_decimal = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(
        value, Fraction
    ) else Decimal(str(value))
    # number_format cuts digits off; round first so 24,288… shows as 24,29.
    rounded = (as_decimal * 100).quantize(Decimal(1).scaleb(-int(decimals)), ROUND_HALF_UP)
    return f"{number_format(rounded, decimal_pos=int(decimals), force_grouping=True)} %"


@register.filter
def short_date(value):
    """1-1-2022: the way Dutch officials write reference dates."""
    return date_format(value, "j-n-Y") if value else ""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

BLANK = "—"


@register.filter
def figure(value):
    """A whole number or place-weeks (Decimal, one decimal) in Dutch notation; blank as —."""
    if value is None or value == "":
        return BLANK
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=1, force_grouping=True)
    return number_format(value, decimal_pos=0, force_grouping=True)

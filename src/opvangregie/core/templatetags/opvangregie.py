from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django import template
from django.utils.formats import date_format, number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

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
    """1-1-2022: the way Dutch officials write reference dates.

    Day, month and year as plain numbers are the same in every language, so they are written
    directly: date_format("j-n-Y") took a tenth of a millisecond a cell on long tables.
    """
    if not value:
        return ""
    if isinstance(value, date):
        return f"{value.day}-{value.month}-{value.year}"
    return date_format(value, "j-n-Y")


@register.filter
def fraction(value, decimals=2):
    """An exact number (Fraction, Decimal, int) as a localised decimal: 1.173,5."""
    if value is None or value == "":
        return ""
    value = Fraction(value)
    places = int(decimals)
    as_decimal = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal(1).scaleb(-places), ROUND_HALF_UP
    )
    return number_format(as_decimal, decimal_pos=places, force_grouping=True)


@register.filter
def difference(value, other):
    """value − other with an explicit sign (+3, −2, 0), as tables of changes show it."""
    delta = int(value) - int(other)
    return f"+{delta}" if delta > 0 else (f"−{-delta}" if delta < 0 else "0")


@register.filter
def sum_values(mapping):
    return sum(mapping.values())


@register.filter
def guarded(text, user):
    """Free text as `user` may read it: `{{ decision.text|guarded:request.user }}`.

    Names of candidates and confidential locations the user may not see become
    "[vertrouwelijke locatie]"; the result is plain text, so auto-escaping still applies.
    """
    from opvangregie.textguard import mask

    return mask(text, user)


@register.simple_tag
def form_field(field):
    """`{% form_field field %}`: the markup of `{% include "includes/field.html" %}`, written
    in Python (label, "niet verplicht", help text, errors, the widget).

    An include per field cost a third of a millisecond; a page with three forms had eleven.
    Every value goes through the template engine's own escaping and localisation; a test
    compares both for every field of every form of the project.
    """
    from opvangregie.core.html import text

    errors = field.errors
    parts = [
        f'<div class="or-form-field{" or-form-field--invalid" if errors else ""}">\n'
        f'  <label class="or-form-label" for="{text(field.id_for_label)}">{text(field.label)}'
    ]
    if not field.field.required:
        parts.append(f' <span class="or-form-label__optional">({text(gettext("niet verplicht"))})'
                     "</span>")
    parts.append("</label>\n  ")
    if field.help_text:
        parts.append(f'<p class="or-form-field__description" id="{text(field.auto_id)}_helptext">'
                     f"{text(field.help_text)}</p>")
    parts.append("\n  ")
    if errors:
        parts.append(f'<p class="or-form-field__error" id="{text(field.auto_id)}_error">'
                     + "".join(f"{text(error)} " for error in errors) + "</p>")
    parts.append(f"\n  {text(field)}\n</div>\n")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)

"""Validators shared by every form and import; the bounds live in `opvangregie.input_limits`."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from opvangregie.input_limits import DATE_RANGE_MESSAGE, is_plausible_date


def validate_plausible_date(value: date | datetime | None) -> None:
    """Refuse 0001-01-01, 9999-12-31 and the like: no figure here is from before 2000."""
    if value is not None and not is_plausible_date(value):
        raise ValidationError(_(DATE_RANGE_MESSAGE), code="implausible_date")

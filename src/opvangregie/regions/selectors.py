"""Reads of regions and municipalities, always scoped to what the user may see or change.

`municipalities_for_user` is the one place that decides access to municipalities; views,
exports and reports go through it.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import QuerySet

from opvangregie.accounts.models import Role
from opvangregie.core.dated import current_as_known
from opvangregie.regions.models import (
    Indicator,
    IndicatorValue,
    Municipality,
    NationalValue,
    SafetyRegion,
)


def safety_regions_for_user(user) -> QuerySet[SafetyRegion]:
    if not user.is_authenticated:
        return SafetyRegion.objects.none()
    if user.role == Role.ADMINISTRATOR:
        return SafetyRegion.objects.all()
    if user.role == Role.OFFICER:
        return SafetyRegion.objects.filter(municipalities__officers=user).distinct()
    return SafetyRegion.objects.filter(pk=user.safety_region_id)


def municipalities_for_user(user, *, editable: bool = False) -> QuerySet[Municipality]:
    """Municipalities the user may see, or with `editable=True` may change.

    Everyone sees the municipalities of their own region(s); an officer changes only the
    municipalities they belong to, a coordinator those of the region, a board member none.
    """
    if not user.is_authenticated or not user.is_active:
        return Municipality.objects.none()
    everything = Municipality.objects.select_related("province", "safety_region")
    if user.role == Role.ADMINISTRATOR:
        return everything
    if editable:
        if user.role == Role.OFFICER:
            return everything.filter(officers=user)
        if user.role == Role.COORDINATOR:
            return everything.filter(safety_region_id=user.safety_region_id)
        return Municipality.objects.none()
    return everything.filter(safety_region__in=safety_regions_for_user(user))


def default_region_for_user(user) -> SafetyRegion | None:
    if user.safety_region_id:
        return user.safety_region
    return safety_regions_for_user(user).order_by("code").first()


def reference_dates(indicator_code: str, *, known_on: datetime | None = None) -> list[date]:
    values = IndicatorValue.objects.filter(indicator__code=indicator_code)
    if known_on is not None:
        # A correction has the date of the value it corrects, so only what was registered
        # by then matters here.
        values = values.filter(registered_at__lte=known_on)
    return list(
        values.order_by("-reference_date")
        .values_list("reference_date", flat=True)
        .distinct()
    )


def default_reference_date(
    region: SafetyRegion, *, known_on: datetime | None = None
) -> date | None:
    if region.default_reference_date:
        return region.default_reference_date
    dates = reference_dates(Indicator.POPULATION, known_on=known_on)
    return dates[0] if dates else None


@dataclass(frozen=True)
class DatedValue:
    value: Decimal
    reference_date: date
    is_derived: bool
    source: str


def indicator_values_on(
    municipalities, indicator_code: str, on: date, *, known_on: datetime | None = None
) -> dict[int, DatedValue]:
    """Per municipality the value valid on `on`: the latest reference date on or before it.

    Where no value exists that early, the earliest later one is used; the reference date in
    the result says which, so a page can state exactly what it shows. Values are read as
    known at `known_on` (None: now): a correction registered later does not change the
    answer for an earlier moment.
    """
    on_or_before: dict[int, DatedValue] = {}
    later: dict[int, DatedValue] = {}
    # Plain values, not model instances: every CBS year of every municipality is read.
    values = current_as_known(
        IndicatorValue.objects.filter(
            municipality__in=municipalities, indicator__code=indicator_code
        ),
        known_on=known_on,
    ).order_by("municipality_id", "reference_date").values_list(
        "municipality_id", "value", "reference_date", "is_derived", "source")
    for municipality_id, value, reference_date, is_derived, source in values:
        dated = DatedValue(value, reference_date, is_derived, source)
        if reference_date <= on:
            on_or_before[municipality_id] = dated  # ascending, so the latest wins
        else:
            later.setdefault(municipality_id, dated)
    return {**later, **on_or_before}


def municipalities_existing_on(queryset: QuerySet[Municipality], day: date):
    return [m for m in queryset if m.exists_on(day)]


def national_value_on(
    indicator_code: str, on: date, *, known_on: datetime | None = None
) -> tuple[Decimal, date] | None:
    """The national figure of the latest reference date on or before `on`, as known then."""
    found = (
        current_as_known(
            NationalValue.objects.filter(indicator__code=indicator_code, reference_date__lte=on),
            known_on=known_on,
        )
        .order_by("-reference_date")
        .first()
    )
    return (found.value, found.reference_date) if found else None

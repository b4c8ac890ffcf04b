"""Reads of locations and their dated figures, scoped to the user.

`locations_for_user` decides which locations a user may see at all. Which of a confidential
location's fields they may see is decided in `opvangregie.access` (re-exported here:
`location_details_visible`, `location_label`, `location_details_visible_ids`,
`location_views_for_user`). Every page, export and report shows a location through a
`LocationView` or `location_label`, so a confidential name cannot leak by a side door.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from opvangregie.access import (  # noqa: F401 - the public names callers use
    LocationView,
    location_details_visible,
    location_details_visible_ids,
    location_label,
    location_labels,
    location_view_for_user,
    location_views_for_user,
)
from opvangregie.capacity.models import (
    CapacityKind,
    CapacityRecord,
    FiguresConfirmation,
    Location,
    PermitHolderHousing,
)
from opvangregie.regions.selectors import municipalities_for_user


def end_of_day(day: date) -> datetime:
    """`as known on day X` means: everything registered up to the end of X, Dutch time."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min)) - timedelta(
        microseconds=1
    )


def locations_for_user(user, *, editable: bool = False) -> QuerySet[Location]:
    return Location.objects.filter(
        municipality__in=municipalities_for_user(user, editable=editable)
    ).select_related("municipality")


def _current_at(model, queryset, as_of: datetime):
    """Records registered by `as_of` that no correction registered by then replaced."""
    corrected = model.objects.filter(
        registered_at__lte=as_of, corrects__isnull=False
    ).values("corrects_id")
    return queryset.filter(registered_at__lte=as_of).exclude(pk__in=corrected)


def capacity_records_as_known(
    locations, *, as_of: datetime, overlapping: tuple[date, date] | None = None
) -> list[CapacityRecord]:
    """The capacity records that were current at `as_of` (one query)."""
    records = CapacityRecord.objects.filter(location__in=locations)
    if overlapping:
        start, end = overlapping
        records = records.filter(valid_from__lte=end).exclude(valid_to__lt=start)
    return list(
        _current_at(CapacityRecord, records, as_of).select_related("location__municipality")
    )


def permit_housing_as_known(municipalities, *, as_of: datetime) -> list[PermitHolderHousing]:
    rows = PermitHolderHousing.objects.filter(municipality__in=municipalities)
    return list(_current_at(PermitHolderHousing, rows, as_of))


def last_confirmations(municipalities) -> dict[int, datetime]:
    latest: dict[int, datetime] = {}
    for municipality_id, confirmed_at in FiguresConfirmation.objects.filter(
        municipality__in=municipalities
    ).values_list("municipality_id", "confirmed_at"):
        latest[municipality_id] = max(confirmed_at, latest.get(municipality_id, confirmed_at))
    return latest


def current_capacity_by_location(locations, *, on: date) -> dict[int, CapacityRecord]:
    """Per location the record that gives its places on `on`, as known now.

    Of the current records whose period covers the day, a realised one wins over a planned
    one, then the latest start date.
    """
    records = capacity_records_as_known(
        locations, as_of=timezone.now(), overlapping=(on, on)
    )
    chosen: dict[int, CapacityRecord] = {}

    def rank(record: CapacityRecord):
        return (record.kind == CapacityKind.REALISED, record.valid_from, record.registered_at)

    for record in records:
        best = chosen.get(record.location_id)
        if best is None or rank(record) > rank(best):
            chosen[record.location_id] = record
    return chosen


def capacity_history(location: Location) -> list[CapacityRecord]:
    """Every capacity record of a location, corrected ones included, oldest period first."""
    records = list(
        CapacityRecord.objects.filter(location=location)
        .select_related("registered_by", "corrected_by__registered_by")
        .order_by("valid_from", "registered_at", "pk")
    )
    for record in records:
        # The record that corrected this one, or None (a template cannot catch DoesNotExist).
        record.correction = getattr(record, "corrected_by", None)
    return records


def current_capacity_records(locations) -> list[CapacityRecord]:
    """The capacity records that are not corrected (the figures as known now), any period."""
    return list(
        CapacityRecord.objects.filter(location__in=locations, corrected_by__isnull=True)
        .select_related("location__municipality")
        .order_by("location__municipality__name", "location_id", "valid_from")
    )


def permit_housing_current(municipalities) -> list[PermitHolderHousing]:
    """The housed permit holders per municipality and month as known now, newest month first."""
    return list(
        PermitHolderHousing.objects.filter(
            municipality__in=municipalities, corrected_by__isnull=True
        )
        .select_related("municipality", "registered_by")
        .order_by("-month", "municipality__name")
    )

"""Writes of the national picture: one transaction each, validated, audited."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opvangregie.audit.services import acting_user, audit_record
from opvangregie.national.models import ForecastScenario, Series, SeriesValue
from opvangregie.national.selectors import may_enter, may_set_scenarios


def _register(*, series: Series, day: date, value: int, source: str, is_illustrative: bool,
              registered_by, now) -> SeriesValue | None:
    # The newest row of the day's chain, whenever registered: a correction always extends it.
    current = SeriesValue.objects.filter(
        series=series, day=day, corrected_by__isnull=True
    ).first()
    if current is not None and (current.value, current.source, current.is_illustrative) == (
        value, source, is_illustrative
    ):
        return None
    record = SeriesValue(
        series=series, day=day, value=value, source=source, is_illustrative=is_illustrative,
        registered_at=now, registered_by=registered_by, corrects=current,
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def series_value_register(*, actor, series: Series, day: date, value: int, source: str,
                          is_illustrative: bool = False) -> SeriesValue | None:
    """Enter one figure; a figure for a day that has one already is a correction of it.

    Returns None when the same figure was already current (nothing to register).
    """
    if actor is not None and not may_enter(actor, series):
        raise PermissionDenied
    record = _register(series=series, day=day, value=value, source=source,
                       is_illustrative=is_illustrative, registered_by=acting_user(actor),
                       now=timezone.now())
    if record is not None:
        audit_record(actor=actor, action="create", instance=record,
                     summary=f"{series.code} {day.isoformat()}: {value}",
                     after={"value": value, "source": source,
                            "illustrative": is_illustrative,
                            "corrects": record.corrects_id})
    return record


@transaction.atomic
def series_values_import(*, actor, rows, file_name: str = "") -> int:
    """Write checked rows (`upload.FigureRow` with `series` set): all of them or none.

    Any failure (a right, a database constraint) raises and rolls the whole file back.
    Returns the number of figures written (unchanged ones are skipped).
    """
    now = timezone.now()
    registered_by = acting_user(actor)
    written = 0
    for row in rows:
        if actor is not None and not may_enter(actor, row.series):
            raise PermissionDenied
        if _register(series=row.series, day=row.day, value=row.value, source=row.source,
                     is_illustrative=row.is_illustrative, registered_by=registered_by,
                     now=now) is not None:
            written += 1
    audit_record(actor=actor, action="import", object_type="national.seriesvalue",
                 summary=f"{file_name}: {written} van {len(rows)} waarden",
                 after={"rows": len(rows), "written": written})
    return written


@transaction.atomic
def scenario_set(*, actor, level: str, weekly_change_percent: Decimal, multiplier: Decimal,
                 explanation: str = "") -> ForecastScenario:
    """Put a new setting for a scenario in force; the earlier ones stay for earlier dates."""
    if actor is not None and not may_set_scenarios(actor):
        raise PermissionDenied
    record = ForecastScenario(
        level=level, weekly_change_percent=weekly_change_percent, multiplier=multiplier,
        explanation=explanation, registered_by=acting_user(actor),
    )
    record.full_clean()
    record.save()
    audit_record(actor=actor, action="create", instance=record, summary=str(record),
                 after={"level": level, "weekly_change_percent": str(weekly_change_percent),
                        "multiplier": str(multiplier)})
    return record

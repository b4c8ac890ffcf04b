"""Reads of the national picture: series, their values as known on a moment, the forecast."""

import hashlib
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import Max, QuerySet, Subquery

from opvangregie.accounts.models import Role
from opvangregie.core.dated import current_as_known, start_of
from opvangregie.forecast import model
from opvangregie.national.models import (
    ForecastScenario,
    Measure,
    ScenarioLevel,
    Series,
    SeriesValue,
)

FORECAST_CACHE_SECONDS = 24 * 3600  # the key names the data, so a stale answer cannot be read


def series_all() -> QuerySet[Series]:
    """Every series: the national picture and regional figures are not confidential."""
    return Series.objects.select_related("region")


def may_enter(user, series: Series) -> bool:
    """Administrators and coordinators enter national figures; regional ones their own region."""
    if not user.is_authenticated:
        return False
    if user.role == Role.ADMINISTRATOR:
        return True
    if user.role != Role.COORDINATOR:
        return False
    return series.region_id is None or series.region_id == user.safety_region_id


def may_set_scenarios(user) -> bool:
    return user.is_authenticated and user.role in (Role.ADMINISTRATOR, Role.COORDINATOR)


def end_of(day: date) -> datetime:
    """The last moment of `day`: a figure registered that day was known "on" it."""
    return start_of(day + timedelta(days=1)) - timedelta(microseconds=1)


def values_as_known(series: Series, *, known_on: datetime | None = None,
                    with_registrar: bool = True) -> QuerySet:
    """The series' values current at `known_on` (None: now), oldest day first.

    `with_registrar=False` leaves out who registered each (a join and a user per row), for
    pages that do not show it.
    """
    values = current_as_known(SeriesValue.objects.filter(series=series), known_on=known_on)
    if with_registrar:
        values = values.select_related("registered_by")
    return values.order_by("day")


def values_by_series(*, known_on: datetime | None = None) -> dict[int, list[SeriesValue]]:
    """The values of every series current at `known_on` (None: now), oldest day first, by
    series id: one query for a list of all series. Who registered them is not read."""
    found: dict[int, list[SeriesValue]] = {}
    for value in current_as_known(SeriesValue.objects.all(), known_on=known_on).order_by(
            "series_id", "day"):
        found.setdefault(value.series_id, []).append(value)
    return found


def observations(series: Series, *, as_of: date,
                 known_on: datetime | None = None) -> list[tuple[date, float]]:
    """(day, value) up to `as_of` as known at `known_on` (None: at the end of `as_of`)."""
    moment = known_on or end_of(as_of)
    rows = values_as_known(series, known_on=moment).filter(day__lte=as_of)
    return [(row.day, float(row.value)) for row in rows]


def capacity_series(series: Series) -> Series | None:
    """The places series that bounds an occupancy series (same kind and scope)."""
    if series.measure != Measure.OCCUPIED:
        return None
    return Series.objects.filter(
        kind=series.kind, region_id=series.region_id, measure=Measure.PLACES
    ).first()


def capacity_on(series: Series, *, as_of: date,
                known_on: datetime | None = None) -> float | None:
    """The places of `capacity_series(series)` on `as_of` as known at `known_on` (None: at the
    end of `as_of`): its last value up to that day, read in one query."""
    if series.measure != Measure.OCCUPIED:
        return None
    places = Series.objects.filter(
        kind=series.kind, region_id=series.region_id, measure=Measure.PLACES
    ).values("pk")[:1]  # the series `capacity_series` finds (same ordering)
    value = (current_as_known(SeriesValue.objects.filter(series=Subquery(places), day__lte=as_of),
                              known_on=known_on or end_of(as_of))
             .order_by("-day").values_list("value", flat=True).first())
    return None if value is None else float(value)


def scenarios_current(*, known_on: datetime | None = None) -> list[ForecastScenario | None]:
    """The setting in force per level (low, middle, high); None where none was ever set."""
    rows = ForecastScenario.objects.all()
    if known_on is not None:
        rows = rows.filter(registered_at__lte=known_on)
    # One plain query, newest first, for the three levels (every page with a forecast reads
    # them): the settings are a short history typed in by coordinators, and a query per
    # level or a subquery per level cost more to build than reading them all.
    found: dict[str, ForecastScenario] = {}
    for row in rows.order_by("-registered_at", "-pk"):
        found.setdefault(row.level, row)
    return [found.get(level) for level in ScenarioLevel.values]


def model_scenarios(*, known_on: datetime | None = None) -> tuple[model.Scenario, ...]:
    defaults = {scenario.name: scenario for scenario in model.DEFAULT_SCENARIOS}
    chosen = []
    for level, row in zip(ScenarioLevel.values, scenarios_current(known_on=known_on),
                          strict=True):
        if row is None:
            chosen.append(defaults[level])
        else:
            chosen.append(model.Scenario(level, float(row.weekly_change_percent) / 100,
                                         float(row.multiplier)))
    return tuple(chosen)


def latest_day(series: Series) -> date | None:
    return values_as_known(series).aggregate(last=Max("day"))["last"]


def series_forecast(series: Series, *, as_of: date, weeks: int, with_backtest: bool = True,
                    known_on: datetime | None = None,
                    known: list[tuple[date, float]] | None = None) -> model.Result:
    """The forecast of `series` from its values up to `as_of`, as known at `known_on`.

    `known_on` None means the end of `as_of`: a page or command given a date shows what was
    known that day. Pages without a chosen date pass now, so a figure for yesterday entered
    today counts.

    `known`: the observations (`observations(series, as_of=as_of, known_on=known_on)`) when
    the caller has read them already, as the series' page does with the values it shows.

    Kept in the cache under a key naming the figures and scenarios it used: fitting the model
    (and the backtest's dozen fits) takes seconds, and every reader gets the same answer.
    """
    if known is None:
        known = observations(series, as_of=as_of, known_on=known_on)
    capacity = capacity_on(series, as_of=as_of, known_on=known_on)
    scenarios = model_scenarios(known_on=known_on or end_of(as_of))
    fingerprint = hashlib.sha256(repr(
        (series.pk, as_of, weeks, with_backtest, known, capacity, scenarios)
    ).encode()).hexdigest()
    # v2: the model is chosen per origin; a shared cache must not hand out the old results
    # (another method, and a Backtest without `chosen`).
    key = f"national-forecast:v2:{fingerprint}"
    result = cache.get(key)
    if result is None:
        result = model.forecast(
            known, as_of=as_of, weeks=weeks, scenarios=scenarios, capacity=capacity,
            with_backtest=with_backtest,
        )
        cache.set(key, result, FORECAST_CACHE_SECONDS)
    return result

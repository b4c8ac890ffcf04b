"""Forecasting a dated series (occupancy, places, inflow) with exponential smoothing.

No Django here: the `forecast` command, the pages and the tests hand in plain (date, value)
pairs and get plain numbers back, so the math can be read and tested on its own.

The method, in short (docs/forecast.md says more):

- The observations are put on a weekly grid that ends on the "as of" date. Between two
  observations the value is interpolated linearly; after the last one it stays as it was (the
  last known figure is what was known on the grid date).
- An ETS model from statsmodels (additive errors, additive damped trend; without trend on short
  series) is fitted on the grid. Its analytic prediction intervals give the 80 % and 95 % bands.
- The backtest runs over the series' own history with a rolling origin: for each origin the
  model is fitted on the weeks before it and predicts up to `horizon` weeks ahead; its mean
  absolute error is set against that of the naive forecast (the last value stays).
- Scenarios (low, middle, high) scale the path: value × multiplier × (1 + weekly change)^week.
- "Capacity runs out around" is the first forecast week whose upper path (the high scenario
  applied to the upper 80 % bound) exceeds the capacity.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from datetime import date, timedelta

WEEK = timedelta(days=7)
MIN_POINTS = 4  # fewer weekly points cannot carry a level and a noise estimate
MIN_POINTS_TREND = 10  # a damped trend needs this many before its parameters mean anything
MIN_TRAIN = 6  # the backtest's first origin
MAX_ORIGINS = 12  # a quarter of weekly origins: enough to compare, each is a fit (~0.2 s)
MAX_WEEKS = 104


class ForecastError(ValueError):
    """The series cannot be forecast (too few points, nothing known by the date)."""


@dataclass(frozen=True)
class Scenario:
    name: str  # "low", "middle", "high"
    weekly_change: float = 0.0  # 0.02: two per cent more each week than the model says
    multiplier: float = 1.0

    def factor(self, week: int) -> float:
        return self.multiplier * (1.0 + self.weekly_change) ** week


DEFAULT_SCENARIOS = (
    Scenario("low", -0.01, 1.0),
    Scenario("middle", 0.0, 1.0),
    Scenario("high", 0.01, 1.0),
)


@dataclass(frozen=True)
class Point:
    day: date
    mean: float
    lower80: float
    upper80: float
    lower95: float
    upper95: float

    def as_dict(self) -> dict:
        return {
            "date": self.day.isoformat(),
            "mean": self.mean,
            "lower80": self.lower80,
            "upper80": self.upper80,
            "lower95": self.lower95,
            "upper95": self.upper95,
        }


@dataclass(frozen=True)
class Backtest:
    mae: float | None
    naive_mae: float | None
    origins: int
    horizon: int

    @property
    def beats_naive(self) -> bool | None:
        if self.mae is None or self.naive_mae is None:
            return None
        return self.mae < self.naive_mae

    def as_dict(self) -> dict:
        return {
            "mae": self.mae,
            "naive_mae": self.naive_mae,
            "origins": self.origins,
            "horizon": self.horizon,
            "beats_naive": self.beats_naive,
        }


@dataclass(frozen=True)
class Result:
    as_of: date
    history: list[tuple[date, float]]  # the weekly grid the model was fitted on
    points: list[Point]
    backtest: Backtest
    method: str
    scenarios: dict[str, list[float]] = field(default_factory=dict)
    capacity: float | None = None
    runs_out_upper: date | None = None  # upper path above capacity
    runs_out_middle: date | None = None  # middle scenario's mean above capacity

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "method": self.method,
            "points": [point.as_dict() for point in self.points],
            "backtest": self.backtest.as_dict(),
            "scenarios": self.scenarios,
            "capacity": {
                "places": self.capacity,
                "runs_out_upper": self.runs_out_upper.isoformat() if self.runs_out_upper
                else None,
                "runs_out_middle": self.runs_out_middle.isoformat() if self.runs_out_middle
                else None,
            },
        }


# --- the weekly grid -----------------------------------------------------------------------


def weekly_grid(observations: list[tuple[date, float]], as_of: date) -> list[tuple[date, float]]:
    """The values on as_of, as_of − 7 days, … back to the first observation."""
    known = sorted((day, float(value)) for day, value in observations if day <= as_of)
    if not known:
        raise ForecastError("Er zijn op deze datum nog geen waarden bekend.")
    first = known[0][0]
    weeks = (as_of - first).days // 7
    grid = []
    index = 0
    for k in range(weeks, -1, -1):
        day = as_of - k * WEEK
        while index + 1 < len(known) and known[index + 1][0] <= day:
            index += 1
        before_day, before = known[index]
        if index + 1 < len(known):
            after_day, after = known[index + 1]
            share = (day - before_day).days / (after_day - before_day).days
            value = before + (after - before) * share
        else:
            value = before
        grid.append((day, value))
    return grid


# --- fitting and predicting ----------------------------------------------------------------


def _predict(values: list[float], steps: int):
    """Mean, 80 % and 95 % bounds for `steps` weeks after `values`; and the method used.

    Every call fits from scratch: starting the optimiser at another origin's parameters is
    faster but lands in other local optima, which made the backtest depend on the order.
    """
    import numpy as np
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    # A plain RangeIndex: the prediction results need an index, dates are added by the caller.
    series = pd.Series(np.asarray(values, dtype=float))
    if np.allclose(series, series.iloc[0]):
        # A flat history has no noise to estimate; the model would divide by zero.
        flat = [float(series.iloc[0])] * steps
        return flat, flat, flat, flat, flat, "constant"
    trend = "add" if len(series) >= MIN_POINTS_TREND else None
    with warnings.catch_warnings():
        # Convergence notes on short series are expected; the backtest shows the quality.
        warnings.simplefilter("ignore")
        model = ETSModel(series, error="add", trend=trend, damped_trend=trend is not None)
        fitted = model.fit(disp=False)
        prediction = fitted.get_prediction(start=len(series), end=len(series) + steps - 1)
        frame80 = prediction.summary_frame(alpha=0.20)
        frame95 = prediction.summary_frame(alpha=0.05)
    method = "ETS(A,Ad,N)" if trend else "ETS(A,N,N)"
    return (
        [float(v) for v in frame80["mean"]],
        [float(v) for v in frame80["pi_lower"]],
        [float(v) for v in frame80["pi_upper"]],
        [float(v) for v in frame95["pi_lower"]],
        [float(v) for v in frame95["pi_upper"]],
        method,
    )


def backtest(values: list[float], *, horizon: int) -> Backtest:
    """Rolling-origin mean absolute error of the model and of the naive last-value forecast."""
    horizon = max(1, horizon)
    first = max(MIN_TRAIN, len(values) - MAX_ORIGINS)
    errors: list[float] = []
    naive_errors: list[float] = []
    origins = 0
    for origin in range(first, len(values)):
        steps = min(horizon, len(values) - origin)
        mean, *_bounds, _method = _predict(values[:origin], steps)
        actual = values[origin:origin + steps]
        errors.extend(abs(m - a) for m, a in zip(mean, actual, strict=True))
        naive_errors.extend(abs(values[origin - 1] - a) for a in actual)
        origins += 1
    if not errors:
        return Backtest(None, None, 0, horizon)
    return Backtest(
        round(sum(errors) / len(errors), 1),
        round(sum(naive_errors) / len(naive_errors), 1),
        origins,
        horizon,
    )


def _first_above(days: list[date], values: list[float], capacity: float | None) -> date | None:
    if capacity is None:
        return None
    for day, value in zip(days, values, strict=True):
        if value > capacity:
            return day
    return None


def forecast(
    observations: list[tuple[date, float]],
    *,
    as_of: date,
    weeks: int,
    scenarios: tuple[Scenario, ...] | list[Scenario] = DEFAULT_SCENARIOS,
    capacity: float | None = None,
    backtest_horizon: int | None = None,
    with_backtest: bool = True,
) -> Result:
    """Forecast `weeks` weekly points after `as_of` from the observations known by then."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ForecastError(f"Het aantal weken moet tussen 1 en {MAX_WEEKS} liggen.")
    grid = weekly_grid(observations, as_of)
    if len(grid) < MIN_POINTS:
        raise ForecastError(
            f"Te weinig waarden: {len(grid)} weken bekend, minstens {MIN_POINTS} nodig."
        )
    values = [value for _day, value in grid]
    mean, lower80, upper80, lower95, upper95, method = _predict(values, weeks)
    days = [as_of + (k + 1) * WEEK for k in range(weeks)]

    def tidy(value: float) -> float:
        # Counts cannot fall below zero; one decimal is more than the figures carry.
        return round(max(0.0, value), 1) if math.isfinite(value) else 0.0

    points = [
        Point(day, tidy(m), tidy(lo80), tidy(hi80), tidy(lo95), tidy(hi95))
        for day, m, lo80, hi80, lo95, hi95 in zip(
            days, mean, lower80, upper80, lower95, upper95, strict=True)
    ]
    paths = {
        scenario.name: [tidy(point.mean * scenario.factor(k + 1))
                        for k, point in enumerate(points)]
        for scenario in scenarios
    }
    high = next((s for s in scenarios if s.name == "high"), Scenario("high"))
    upper_path = [point.upper80 * high.factor(k + 1) for k, point in enumerate(points)]
    middle_path = paths.get("middle", [point.mean for point in points])
    return Result(
        as_of=as_of,
        history=grid,
        points=points,
        backtest=backtest(values, horizon=backtest_horizon or min(weeks, 4)) if with_backtest
        else Backtest(None, None, 0, 0),
        method=method,
        scenarios=paths,
        capacity=capacity,
        runs_out_upper=_first_above(days, upper_path, capacity),
        runs_out_middle=_first_above(days, middle_path, capacity),
    )

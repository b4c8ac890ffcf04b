"""Forecasting a dated series (occupancy, places, inflow) with exponential smoothing.

No Django here: the `forecast` command, the pages and the tests hand in plain (date, value)
pairs and get plain numbers back, so the math can be read and tested on its own.

The method, in short (docs/forecast.md says more):

- The observations are put on a weekly grid that ends on the "as of" date. Between two
  observations the value is interpolated linearly; after the last one it stays as it was (the
  last known figure is what was known on the grid date).
- The model is chosen per series from its own history among three ETS candidates from
  statsmodels (additive errors): naive (the level takes each new value whole), simple
  exponential smoothing, and a hard-damped additive trend (φ ≤ 0.85). The choice is the one
  with the smallest error in an inner rolling-origin backtest over the last weeks. The chosen
  model's analytic prediction intervals give the 80 % and 95 % bands.
- The backtest runs over the series' own history with a rolling origin and scores the whole
  procedure: at each origin the model is chosen on the weeks before it only, fitted on them and
  predicts up to `horizon` weeks ahead; its mean absolute error is set against that of the
  naive forecast (the last value stays).
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
    # How often each model was chosen over the origins ("naive", "ses", "damped", "constant").
    chosen: dict[str, int] = field(default_factory=dict)

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
            "chosen": dict(self.chosen),
        }


@dataclass(frozen=True)
class Result:
    as_of: date
    history: list[tuple[date, float]]  # the weekly grid the model was fitted on
    points: list[Point]
    backtest: Backtest
    method: str
    model: str = ""  # the chosen candidate: "naive", "ses", "damped" or "constant"
    scenarios: dict[str, list[float]] = field(default_factory=dict)
    capacity: float | None = None
    runs_out_upper: date | None = None  # upper path above capacity
    runs_out_middle: date | None = None  # middle scenario's mean above capacity

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "method": self.method,
            "model": self.model,
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


# The candidates, simplest first (a tie goes to the simpler one):
# - "naive": the last value stays (ETS(A,N,N) with the level taking each new value whole);
# - "ses": simple exponential smoothing, a level without trend, ETS(A,N,N);
# - "damped": additive trend damped hard (φ ≤ 0.85), ETS(A,Ad,N): a trend learnt in a rise
#   fades within a few weeks instead of pushing on after the series has levelled off.
CANDIDATES = ("naive", "ses", "damped")
METHODS = {"naive": "ETS(A,N,N), α=1 (naïef)", "ses": "ETS(A,N,N)", "damped": "ETS(A,Ad,N)",
           "constant": "constant"}
DAMPING_BOUNDS = (0.6, 0.85)
SELECT_WINDOW = 8  # origins (weeks) of the inner backtest that chooses the model


def _candidates(origin: int) -> tuple[str, ...]:
    """The candidates that can be compared at `origin` on the same inner origins.

    A trend needs MIN_POINTS_TREND weeks before its parameters mean anything, and the choice
    needs at least two inner origins where every candidate could be fitted.
    """
    return CANDIDATES if origin >= MIN_POINTS_TREND + 2 else CANDIDATES[:2]


def _inner_origins(origin: int, candidates: tuple[str, ...]) -> range:
    shortest = MIN_POINTS_TREND if "damped" in candidates else MIN_POINTS
    return range(max(shortest, origin - SELECT_WINDOW), origin)


def _fit(values: list[float], candidate: str):
    import numpy as np
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    # A plain RangeIndex: the prediction results need an index, dates are added by the caller.
    series = pd.Series(np.asarray(values, dtype=float))
    with warnings.catch_warnings():
        # Convergence notes on short series are expected; the backtest shows the quality.
        warnings.simplefilter("ignore")
        if candidate == "damped":
            model = ETSModel(series, error="add", trend="add", damped_trend=True,
                             bounds={"damping_trend": DAMPING_BOUNDS})
            return model.fit(disp=False)
        model = ETSModel(series, error="add")
        if candidate == "naive":
            # α = 1 is the random walk: the mean is the last value, and the bands still come
            # from the model's noise estimate (statsmodels keeps α just below 1).
            with model.fix_params({"smoothing_level": 0.9999}):
                return model.fit(disp=False)
        return model.fit(disp=False)


def _means(values: list[float], steps: int, candidate: str) -> list[float]:
    """Only the mean path: what the backtest and the choice of model need."""
    if candidate == "naive" or _is_flat(values):
        return [float(values[-1])] * steps
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [float(v) for v in _fit(values, candidate).forecast(steps)]


def _is_flat(values: list[float]) -> bool:
    first = values[0]
    return all(math.isclose(v, first, rel_tol=1e-9, abs_tol=1e-9) for v in values)


def _predict(values: list[float], steps: int, candidate: str):
    """Mean, 80 % and 95 % bounds for `steps` weeks after `values`; and the method used.

    Every call fits from scratch: starting the optimiser at another origin's parameters is
    faster but lands in other local optima, which made the backtest depend on the order.
    """
    if _is_flat(values):
        # A flat history has no noise to estimate; the model would divide by zero.
        flat = [float(values[0])] * steps
        return flat, flat, flat, flat, flat, "constant"
    fitted = _fit(values, candidate)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prediction = fitted.get_prediction(start=len(values), end=len(values) + steps - 1)
        frame80 = prediction.summary_frame(alpha=0.20)
        frame95 = prediction.summary_frame(alpha=0.05)
    return (
        [float(v) for v in frame80["mean"]],
        [float(v) for v in frame80["pi_lower"]],
        [float(v) for v in frame80["pi_upper"]],
        [float(v) for v in frame95["pi_lower"]],
        [float(v) for v in frame95["pi_upper"]],
        candidate,
    )


class _Paths:
    """Each candidate's mean path from each origin, fitted once and shared.

    The path of a candidate fitted on the weeks before origin o does not depend on which later
    origin looks at it, so the inner backtests of all outer origins share the fits.
    """

    def __init__(self, values: list[float], horizon: int):
        self.values = values
        self.horizon = horizon
        self._paths: dict[tuple[str, int], list[float]] = {}

    def path(self, candidate: str, origin: int) -> list[float]:
        key = (candidate, origin)
        if key not in self._paths:
            self._paths[key] = _means(self.values[:origin], self.horizon, candidate)
        return self._paths[key]

    def inner_mae(self, candidate: str, origin: int, inner_origins: range) -> float | None:
        """Mean absolute error over the inner origins, on weeks before `origin` only."""
        errors = []
        for inner in inner_origins:
            path = self.path(candidate, inner)
            # The weeks from the origin on stay unseen: they are what is being scored.
            for week in range(inner, min(origin, inner + self.horizon)):
                errors.append(abs(path[week - inner] - self.values[week]))
        return sum(errors) / len(errors) if errors else None

    def choose(self, origin: int) -> str:
        """The candidate with the smallest inner error, judged on values[:origin] only."""
        candidates = _candidates(origin)
        inner_origins = _inner_origins(origin, candidates)
        scores = {}
        for candidate in candidates:
            score = self.inner_mae(candidate, origin, inner_origins)
            if score is not None:
                scores[candidate] = score
        if not scores:
            return "ses"
        best = min(scores.values())
        # A tie goes to the simpler model: CANDIDATES is in order of simplicity.
        return next(c for c in CANDIDATES if scores.get(c) == best)


def backtest(values: list[float], *, horizon: int, paths: _Paths | None = None) -> Backtest:
    """Rolling-origin mean absolute error of the whole procedure and of the naive forecast.

    At each origin the model is chosen by an inner backtest on the weeks before that origin,
    then that model's forecast is scored on the weeks after it: the choice never sees the
    weeks it is scored on.
    """
    horizon = max(1, horizon)
    paths = paths if paths is not None and paths.horizon == horizon else _Paths(values, horizon)
    first = max(MIN_TRAIN, len(values) - MAX_ORIGINS)
    errors: list[float] = []
    naive_errors: list[float] = []
    chosen: dict[str, int] = {}
    origins = 0
    for origin in range(first, len(values)):
        steps = min(horizon, len(values) - origin)
        candidate = "constant" if _is_flat(values[:origin]) else paths.choose(origin)
        chosen[candidate] = chosen.get(candidate, 0) + 1
        mean = (paths.path(candidate, origin) if candidate != "constant"
                else [values[origin - 1]] * horizon)[:steps]
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
        chosen,
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
    horizon = max(1, backtest_horizon or min(weeks, 4))
    # One set of fits serves both the choice of model for the forecast and the backtest.
    fits = _Paths(values, horizon)
    chosen = "constant" if _is_flat(values) else fits.choose(len(values))
    mean, lower80, upper80, lower95, upper95, chosen = _predict(values, weeks, chosen)
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
        backtest=backtest(values, horizon=horizon, paths=fits) if with_backtest
        else Backtest(None, None, 0, 0),
        method=METHODS[chosen],
        model=chosen,
        scenarios=paths,
        capacity=capacity,
        runs_out_upper=_first_above(days, upper_path, capacity),
        runs_out_middle=_first_above(days, middle_path, capacity),
    )

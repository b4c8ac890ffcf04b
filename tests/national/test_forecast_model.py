"""The forecasting math on its own (no database): shape, bands, backtest, capacity."""

from datetime import date, timedelta

import pytest

from opvangregie.forecast.model import (
    ForecastError,
    Scenario,
    _Paths,
    forecast,
    weekly_grid,
)

START = date(2022, 3, 8)


def rising(weeks: int, *, slope: float = 500.0, start: float = 10_000.0):
    # A steady rise with a small fixed wobble: a trend the naive forecast always lags behind.
    wobble = (0, 120, -80, 60, -140, 90, -30, 110, -100, 40)
    return [(START + timedelta(weeks=k), start + slope * k + wobble[k % len(wobble)])
            for k in range(weeks)]


def test_the_forecast_has_one_point_per_week_with_ordered_bands():
    result = forecast(rising(16), as_of=START + timedelta(weeks=15), weeks=5)
    assert [p.day for p in result.points] == [
        START + timedelta(weeks=15 + k) for k in range(1, 6)]
    for point in result.points:
        assert point.lower95 <= point.lower80 <= point.mean <= point.upper80 <= point.upper95
    # The band widens the further ahead it looks.
    widths = [p.upper95 - p.lower95 for p in result.points]
    assert widths[-1] > widths[0]
    assert set(result.as_dict()["points"][0]) == {
        "date", "mean", "lower80", "upper80", "lower95", "upper95"}


def test_on_a_steady_rise_the_backtest_beats_the_naive_forecast():
    result = forecast(rising(20), as_of=START + timedelta(weeks=19), weeks=4)
    backtest = result.backtest
    assert backtest.origins > 0 and backtest.mae is not None and backtest.naive_mae is not None
    assert backtest.mae < backtest.naive_mae
    assert result.as_dict()["backtest"]["beats_naive"] is True


def test_values_known_after_the_date_are_not_used():
    observations = rising(16)
    as_of = START + timedelta(weeks=10)
    result = forecast(observations, as_of=as_of, weeks=2)
    assert result.history[-1] == (as_of, observations[10][1])
    assert len(result.history) == 11


def test_the_weekly_grid_interpolates_between_observations_and_keeps_the_last():
    grid = weekly_grid([(date(2022, 1, 4), 100), (date(2022, 1, 18), 300)],
                       as_of=date(2022, 1, 25))
    assert grid == [(date(2022, 1, 4), 100.0), (date(2022, 1, 11), 200.0),
                    (date(2022, 1, 18), 300.0), (date(2022, 1, 25), 300.0)]


def test_capacity_runs_out_when_the_upper_path_crosses_it():
    observations = rising(14)
    last = observations[-1][1]
    result = forecast(observations, as_of=observations[-1][0], weeks=8, capacity=last + 1_500,
                      backtest_horizon=1)
    assert result.runs_out_upper is not None
    assert result.runs_out_upper <= result.runs_out_middle
    assert forecast(observations, as_of=observations[-1][0], weeks=8, capacity=last * 10,
                    with_backtest=False).runs_out_upper is None


def test_scenarios_scale_the_middle_path_week_by_week():
    observations = rising(12)
    result = forecast(observations, as_of=observations[-1][0], weeks=3, with_backtest=False,
                      scenarios=[Scenario("low", -0.1), Scenario("middle"),
                                 Scenario("high", 0.0, 1.5)])
    means = [p.mean for p in result.points]
    assert result.scenarios["middle"] == means
    assert result.scenarios["high"] == [round(m * 1.5, 1) for m in means]
    assert result.scenarios["low"][2] == round(means[2] * 0.9 ** 3, 1)


def test_too_few_weeks_are_refused_in_words():
    with pytest.raises(ForecastError, match="Te weinig"):
        forecast(rising(2), as_of=START + timedelta(weeks=1), weeks=4)
    with pytest.raises(ForecastError, match="nog geen waarden"):
        forecast(rising(5), as_of=START - timedelta(days=1), weeks=4)


def levelling_off(weeks: int):
    # A fast spring rise that levels off, like the Ukrainian shelter of 2022: a trend learnt in
    # the rise must not keep pushing the forecast up once the series has stopped growing.
    wobble = (0, 150, -120, 90, -160, 60, -40, 130, -90, 20)
    return [(START + timedelta(weeks=k),
             50_000 * (1 - 0.82 ** (k + 1)) + wobble[k % len(wobble)]) for k in range(weeks)]


def test_after_a_rise_levels_off_the_chosen_model_beats_the_naive_forecast():
    observations = levelling_off(26)
    result = forecast(observations, as_of=observations[-1][0], weeks=4)
    assert result.backtest.mae < result.backtest.naive_mae
    assert result.as_dict()["backtest"]["beats_naive"] is True
    # The forecast stays near the plateau instead of climbing on.
    assert max(p.mean for p in result.points) < 50_000 * 1.02
    assert result.model in {"naive", "ses", "damped"}
    assert sum(result.backtest.chosen.values()) == result.backtest.origins


def test_the_choice_at_an_origin_does_not_see_the_weeks_after_it():
    values = [value for _day, value in levelling_off(26)]
    origin = 18
    # Whatever happens from the origin on, the model chosen there is the same.
    wild = values[:origin] + [v * (3 if k % 2 else 0.2) for k, v in enumerate(values[origin:])]
    assert _Paths(values, 4).choose(origin) == _Paths(wild, 4).choose(origin)
    for later in range(origin + 1, 26):
        # The scores at a later origin do change: the check above is not vacuous.
        if _Paths(values, 4).choose(later) != _Paths(wild, 4).choose(later):
            break
    else:
        pytest.fail("the inner backtest never reacts to the weeks it may see")


def test_a_constant_series_ties_with_the_naive_forecast_and_says_so():
    observations = [(START + timedelta(weeks=k), 150) for k in range(12)]
    result = forecast(observations, as_of=observations[-1][0], weeks=4)
    assert result.model == "constant"
    assert [p.mean for p in result.points] == [150.0] * 4
    assert result.backtest.mae == result.backtest.naive_mae == 0
    assert result.backtest.beats_naive is False

"""`opvangregie forecast`: the list of series, and N points with a backtest in JSON or a table."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def run(*args) -> str:
    out = StringIO()
    call_command("forecast", *args, stdout=out)
    return out.getvalue()


def test_list_prints_one_series_name_a_line(places, occupied):
    assert run("--list").splitlines() == ["oekraine-bezet", "oekraine-plekken"]


def test_json_has_n_points_the_bands_and_the_backtest(weekly_history):
    data = json.loads(run("--series", "oekraine-bezet", "--as-of", str(weekly_history),
                          "--weeks", "6", "--format", "json"))
    assert len(data["points"]) == 6
    assert set(data["points"][0]) == {"date", "mean", "lower80", "upper80", "lower95",
                                      "upper95"}
    assert data["points"][0]["date"] == "2022-05-31"
    backtest = data["backtest"]
    assert backtest["mae"] > 0 and backtest["naive_mae"] > 0
    assert backtest["beats_naive"] == (backtest["mae"] < backtest["naive_mae"])
    # The model is chosen per series and named; the backtest counts the choice per origin.
    assert data["model"] in {"naive", "ses", "damped", "constant"}
    assert sum(backtest["chosen"].values()) == backtest["origins"]
    # Occupancy is bounded by the places of its kind, known that day.
    assert data["capacity"]["places"] == 46091


def test_the_table_says_whether_the_forecast_beats_the_naive_one(weekly_history):
    text = run("--series", "oekraine-bezet", "--as-of", str(weekly_history), "--weeks", "3")
    lines = text.splitlines()
    assert len([line for line in lines if line.strip().startswith("2022-")]) == 3
    assert "naïef (laatste waarde)" in text
    verdicts = ("is beter dan de naïeve", "is NIET beter dan de naïeve",
                "even goed als, dus NIET beter dan, de naïeve")
    # Exactly one verdict: better, worse, or a tie (when the naive model itself was chosen).
    assert sum(verdict in text for verdict in verdicts) == 1


def test_unknown_series_and_bad_weeks_are_refused(weekly_history):
    with pytest.raises(CommandError, match="Onbekende reeks"):
        run("--series", "bestaat-niet")
    with pytest.raises(CommandError, match="--weeks"):
        run("--series", "oekraine-bezet", "--weeks", "0")

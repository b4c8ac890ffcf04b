"""Charts and texts of the national picture, in Dutch, for the pages (and later the deck)."""

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie import charts
from opvangregie.forecast.model import Result
from opvangregie.national.models import Series

HISTORY_WEEKS = 16  # weeks of history shown before the forecast


def short(day: date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def whole(value: float | None) -> str:
    """`{{ value|floatformat:"0g" }}` without the template: rounded half up, grouped ("38.949");
    empty for None, as typed for infinity or NaN."""
    if value is None:
        return ""
    if not math.isfinite(value):
        return str(value)
    return charts.number(int(Decimal(str(value)).quantize(Decimal(1), ROUND_HALF_UP)))


def value_rows(values) -> list[dict]:
    """The series' values as the page's table shows them: dates and numbers written out here.

    Through the template's `date` filter and number localisation a row cost about a tenth of
    a millisecond; the text is the same ("46.091", "24-5-2022", "25-5-2022 10:15").
    """
    rows = []
    for value in values:
        registered = timezone.localtime(value.registered_at)
        rows.append({
            "day": short(value.day), "value": charts.number(value.value), "source": value.source,
            "is_illustrative": value.is_illustrative,
            "is_correction": value.corrects_id is not None,
            "registered": f"{short(registered.date())} {registered:%H:%M}",
        })
    return rows


def forecast_chart(series: Series, result: Result, *, ident: str) -> charts.Chart:
    """The series' last weeks and its forecast with the 80 % and 95 % bands."""
    history = result.history[-HISTORY_WEEKS:]
    labels = [short(day) for day, _v in history] + [short(p.day) for p in result.points]
    n_hist = len(history)
    blank = [None] * n_hist
    known = [value for _d, value in history] + [None] * len(result.points)
    # The forecast line starts at the last known week so the two lines join.
    mean = [None] * (n_hist - 1) + [history[-1][1]] + [p.mean for p in result.points]
    points = result.points
    band80 = (blank + [p.lower80 for p in points], blank + [p.upper80 for p in points])
    band95 = (blank + [p.lower95 for p in points], blank + [p.upper95 for p in points])
    lines = [(_("Bekend"), known), (_("Prognose (midden)"), mean)]
    description = _(
        "%(series)s: de laatste %(weeks)s weken zoals bekend op %(day)s en de prognose voor "
        "%(ahead)s weken met banden waarbinnen de waarde met 80 %% en 95 %% kans valt."
    ) % {"series": series.name, "weeks": n_hist, "day": short(result.as_of),
         "ahead": len(result.points)}
    if result.capacity is not None:
        description += " " + _("De stippellijn is het aantal plekken: %(places)s.") % {
            "places": charts.number(result.capacity)}
    return charts.line_chart(
        ident=ident, title=_("%(series)s en prognose") % {"series": series.name},
        description=description, labels=labels, lines=lines, band80=band80, band95=band95,
        capacity=result.capacity, capacity_label=_("Plekken"), label_header=_("Week"),
        band_headers=(_("80 % ondergrens"), _("80 % bovengrens"), _("95 % ondergrens"),
                      _("95 % bovengrens")),
    )


def backtest_line(result: Result) -> str:
    backtest = result.backtest
    if backtest.mae is None:
        return _("Te weinig geschiedenis om de prognose terug te toetsen.")
    values = {"mae": charts.number(backtest.mae, 1), "naive": charts.number(backtest.naive_mae, 1),
              "origins": backtest.origins, "horizon": backtest.horizon}
    if backtest.beats_naive:
        return _("Terugtoets over %(origins)s startweken, tot %(horizon)s weken vooruit: "
                 "gemiddelde afwijking %(mae)s, tegen %(naive)s als de laatste waarde gewoon "
                 "gelijk blijft. De prognose doet het beter dan die naïeve voorspelling.") % values
    return _("Terugtoets over %(origins)s startweken, tot %(horizon)s weken vooruit: "
             "gemiddelde afwijking %(mae)s, tegen %(naive)s als de laatste waarde gewoon gelijk "
             "blijft. Let op: de prognose doet het hier NIET beter dan die naïeve "
             "voorspelling.") % values


def capacity_line(result: Result) -> str | None:
    if result.capacity is None:
        return None
    if result.runs_out_upper is None:
        return _("Binnen de prognose blijft ook het hoge pad onder de %(places)s plekken.") % {
            "places": charts.number(result.capacity)}
    text = _("De plekken (%(places)s) raken in het hoge pad op rond %(day)s.") % {
        "places": charts.number(result.capacity), "day": short(result.runs_out_upper)}
    if result.runs_out_middle is not None:
        text += " " + _("In het middenscenario rond %(day)s.") % {
            "day": short(result.runs_out_middle)}
    return text


def dashboard_picture(*, weeks: int = 8) -> dict | None:
    """The national occupancy of Ukrainian emergency shelter and its forecast, for the dashboard.

    None when that series has too few figures; the backtest is left to the series' own page so
    that the dashboard costs one fit (cached) at most.
    """
    from opvangregie.forecast.model import ForecastError
    from opvangregie.national import selectors
    from opvangregie.national.models import Measure, SeriesKind

    series = selectors.series_all().filter(
        kind=SeriesKind.UKRAINIANS, measure=Measure.OCCUPIED, region__isnull=True).first()
    if series is None:
        return None
    day = selectors.latest_day(series)
    if day is None:
        return None
    try:
        result = selectors.series_forecast(series, as_of=day, weeks=weeks, with_backtest=False,
                                           known_on=timezone.now())
    except ForecastError:
        return None
    return {"series": series, "result": result,
            "chart": forecast_chart(series, result, ident="grafiek-landelijk"),
            "capacity_line": capacity_line(result)}

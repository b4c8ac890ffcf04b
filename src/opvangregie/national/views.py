"""Thin views of the national picture: reads through `selectors`, writes through `services`."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opvangregie.capacity.upload import UploadFileError
from opvangregie.core.cache import NO_REGION, cached_for_user
from opvangregie.forecast.model import DEFAULT_SCENARIOS, ForecastError
from opvangregie.national import presentation, selectors, services
from opvangregie.national import upload as figures_upload
from opvangregie.national.forms import (
    FiguresUploadForm,
    ForecastChoiceForm,
    ScenarioForm,
    SeriesValueForm,
)
from opvangregie.national.models import ScenarioLevel

DEFAULT_WEEKS = 8


def _series_rows(known_on=None):
    # Every series' values in one query (not one per series), grouped here.
    values_of = selectors.values_by_series(known_on=known_on)
    rows = []
    for series in selectors.series_all():
        values = values_of.get(series.pk, [])
        rows.append({"series": series, "latest": values[-1] if values else None,
                     "count": len(values),
                     "illustrative": sum(1 for v in values if v.is_illustrative)})
    return rows


def index(request):
    rows = _series_rows()
    return render(request, "national/index.html", {
        "rows": rows,
        "may_enter_any": any(selectors.may_enter(request.user, r["series"]) for r in rows),
        "may_set_scenarios": selectors.may_set_scenarios(request.user),
    })


@require_http_methods(["GET", "POST"])
def series_detail(request, code: str):
    series = get_object_or_404(selectors.series_all(), code=code)
    may_enter = selectors.may_enter(request.user, series)
    choice = ForecastChoiceForm(request.GET or None)
    chosen = choice.cleaned_data if choice.is_valid() else {}
    weeks = chosen.get("weeks") or DEFAULT_WEEKS
    form = SeriesValueForm(request.POST or None)
    if request.method == "POST":
        if not may_enter:
            raise PermissionDenied
        if form.is_valid():
            record = services.series_value_register(
                actor=request.user, series=series, **form.cleaned_data)
            if record is None:
                messages.info(request, _("Dit cijfer stond er al; er is niets gewijzigd."))
            elif record.corrects_id:
                messages.success(request, _("Het cijfer is gecorrigeerd."))
            else:
                messages.success(request, _("Het cijfer is opgeslagen."))
            return redirect("national:series_detail", code=series.code)
    # The figures and the forecast are the same for every reader until a figure, a scenario or
    # a series changes (core.cache follows the national app): reading and formatting them
    # cost more than the rest of the page. The sources are masked per reader when rendered.
    chosen_as_of = chosen.get("as_of")

    def compute():
        return _figures_and_forecast(series, chosen_as_of=chosen_as_of, weeks=weeks)

    # No region's registrations of places are read: NO_REGION keeps it across them.
    figures = cached_for_user(request.user, "national-series",
                              (series.pk, chosen_as_of, weeks, timezone.localdate()), compute,
                              region_id=NO_REGION)
    choice = ForecastChoiceForm(initial={"as_of": figures["as_of"].isoformat(), "weeks": weeks})
    return render(request, "national/series_detail.html", {
        "series": series, "form": form, "may_enter": may_enter, "choice": choice,
        "weeks": weeks, **figures,
    })


def _figures_and_forecast(series, *, chosen_as_of, weeks) -> dict:
    """The series' values and forecast as its page shows them, from `chosen_as_of` or now."""
    # The values shown are those the forecast starts from: as known at the end of the chosen
    # day, else now (up to the last day known). Read once, for the table and the forecast.
    now = timezone.now()
    known_on = selectors.end_of(chosen_as_of) if chosen_as_of else now
    values = list(selectors.values_as_known(series, known_on=known_on, with_registrar=False))
    as_of = chosen_as_of or (values[-1].day if values else timezone.localdate())
    known = [(v.day, float(v.value)) for v in values if v.day <= as_of]
    result = chart = error = None
    try:
        result = selectors.series_forecast(
            series, as_of=as_of, weeks=weeks, known=known,
            known_on=None if chosen_as_of else now)
    except ForecastError as exc:
        error = str(exc)
    if result is not None:
        chart = presentation.forecast_chart(series, result, ident=f"prognose-{series.code}")
    return {
        "value_rows": presentation.value_rows(values), "as_of": as_of, "result": result,
        "chart": chart, "forecast_error": error,
        "backtest_line": presentation.backtest_line(result) if result else "",
        "capacity_line": presentation.capacity_line(result) if result else None,
        "scenario_rows": _scenario_rows(result),
    }


def _scenario_rows(result):
    if result is None:
        return []
    # One row per forecast week: the middle path of each scenario, written out here (the
    # template's date and floatformat filters cost more than the rest of the table).
    return [
        {"day": presentation.short(point.day),
         "values": [presentation.whole(result.scenarios.get(level, [None] * len(result.points))[i])
                    for level in ScenarioLevel.values]}
        for i, point in enumerate(result.points)
    ]


@require_http_methods(["GET", "POST"])
def upload(request):
    series_by_code = {s.code: s for s in selectors.series_all()}
    if not any(selectors.may_enter(request.user, s) for s in series_by_code.values()):
        raise PermissionDenied
    form = FiguresUploadForm(request.POST or None, request.FILES or None)
    parsed = None
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            rows = figures_upload.rows_from_file(file, name=file.name, size=file.size)
        except UploadFileError as error:
            form.add_error("file", str(error))
        else:
            parsed = figures_upload.parse_rows(rows)
            if not parsed.errors:
                figures_upload.resolve_rows(
                    parsed, series_by_code=series_by_code,
                    may_enter=lambda s: selectors.may_enter(request.user, s))
            if not parsed.errors:
                written = services.series_values_import(
                    actor=request.user, rows=parsed.rows, file_name=file.name)
                messages.success(request, _(
                    "Het bestand is ingelezen: %(written)s van %(rows)s cijfers nieuw of "
                    "gecorrigeerd.") % {"written": written, "rows": len(parsed.rows)})
                return redirect("national:index")
    return render(request, "national/upload.html", {
        "form": form, "parsed": parsed, "series": list(series_by_code.values())})



@require_http_methods(["GET", "POST"])
def scenarios(request):
    may_set = selectors.may_set_scenarios(request.user)
    form = ScenarioForm(request.POST or None)
    if request.method == "POST":
        if not may_set:
            raise PermissionDenied
        if form.is_valid():
            services.scenario_set(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Het scenario is vastgelegd."))
            return redirect("national:scenarios")
    current = zip(ScenarioLevel.choices, selectors.scenarios_current(), strict=True)
    defaults = {s.name: s for s in DEFAULT_SCENARIOS}
    return render(request, "national/scenarios.html", {
        "form": form, "may_set": may_set,
        "current": [{"label": label, "row": row, "default": defaults[level]}
                    for (level, label), row in current],
        "today": date.today(),
    })

"""Figures of the national picture: entered, corrected, read as known on a date, imported."""

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from freezegun import freeze_time
from openpyxl import Workbook

from opvangregie.national import selectors, services
from opvangregie.national import upload as figures_upload
from opvangregie.national.models import SeriesValue
from tests.factories import UserFactory
from tests.national.conftest import at

MAY = date(2022, 5, 24)


def test_a_second_figure_for_a_day_corrects_the_first_and_the_first_stays_readable(
        places, coordinator):
    with freeze_time(at(date(2022, 5, 25))):
        services.series_value_register(actor=coordinator, series=places, day=MAY,
                                       value=46_000, source="BAO 25-05-2022")
    with freeze_time(at(date(2022, 6, 1))):
        services.series_value_register(actor=coordinator, series=places, day=MAY,
                                       value=46_091, source="BAO 25-05-2022, gecorrigeerd")
    now = [v.value for v in selectors.values_as_known(places)]
    then = [v.value for v in selectors.values_as_known(places, known_on=at(date(2022, 5, 28)))]
    assert now == [46_091] and then == [46_000]
    assert SeriesValue.objects.filter(series=places).count() == 2  # nothing overwritten
    # The same figure again registers nothing.
    assert services.series_value_register(
        actor=coordinator, series=places, day=MAY, value=46_091,
        source="BAO 25-05-2022, gecorrigeerd") is None


def test_officers_and_other_regions_coordinators_may_not_enter_regional_figures(
        places, zwolle_officer, ijsselland):
    with pytest.raises(PermissionDenied):
        services.series_value_register(actor=zwolle_officer, series=places, day=MAY, value=1,
                                       source="x")
    places.region = ijsselland
    other = UserFactory(role="coordinator", safety_region=None)
    assert not selectors.may_enter(other, places)


def _xlsx(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.title = "Reeksen"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _parse(rows, places, coordinator):
    parsed = figures_upload.parse_rows(rows)
    return figures_upload.resolve_rows(
        parsed, series_by_code={places.code: places},
        may_enter=lambda s: selectors.may_enter(coordinator, s))


def test_a_file_with_one_bad_row_stores_nothing_and_names_the_row(places, coordinator, client):
    client.force_login(coordinator)
    content = (b"Reeks;Datum;Waarde;Bron;Illustratief\n"
               b"oekraine-plekken;24-5-2022;46091;BAO 25-05-2022;nee\n"
               b"oekraine-plekken;31-5-2022;veel;BAO;ja\n"
               b"onbekend;7-6-2022;10;BAO;nee\n")
    upload = io.BytesIO(content)
    upload.name = "cijfers.csv"
    response = client.post("/landelijk-beeld/inlezen/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Er is niets opgeslagen" in page
    assert "rij 3, kolom &#x27;Waarde&#x27;: &#x27;veel&#x27; is geen geheel getal" in page
    assert not SeriesValue.objects.exists()


def test_unknown_series_and_duplicates_are_errors_of_their_row(places, coordinator):
    parsed = _parse([("Reeks", "Datum", "Waarde", "Bron"),
                     ("oekraine-plekken", "2022-05-24", 46091, "BAO"),
                     ("onbekend", "2022-05-24", 1, "BAO"),
                     ("oekraine-plekken", "2022-05-24", 46000, "BAO")], places, coordinator)
    assert [str(e) for e in parsed.errors] == [
        "Blad 'Reeksen', rij 3, kolom 'Reeks': 'onbekend' is geen bekende reeks.",
        "Blad 'Reeksen', rij 4, kolom 'Datum': dezelfde reeks en datum staan ook in rij 2.",
    ]


def test_a_good_workbook_is_stored_whole_with_its_sources_and_flags(places, coordinator, client):
    client.force_login(coordinator)
    upload = _xlsx([("Reeks", "Datum", "Waarde", "Bron", "Illustratief"),
                    ("oekraine-plekken", date(2022, 5, 24), 46091, "BAO 25-05-2022", "nee"),
                    ("oekraine-plekken", date(2022, 5, 31), 46500, "voorbeeld", "ja")])
    upload.name = "cijfers.xlsx"
    response = client.post("/landelijk-beeld/inlezen/", {"file": upload})
    assert response.status_code == 302
    stored = [(v.day, v.value, v.source, v.is_illustrative)
              for v in selectors.values_as_known(places)]
    assert stored == [(date(2022, 5, 24), 46091, "BAO 25-05-2022", False),
                      (date(2022, 5, 31), 46500, "voorbeeld", True)]
    page = client.get(f"/landelijk-beeld/{places.code}/").content.decode()
    assert "illustratief" in page


def test_the_import_service_rolls_back_every_row_when_one_fails(places, coordinator):
    parsed = _parse([("Reeks", "Datum", "Waarde", "Bron"),
                     ("oekraine-plekken", "2022-05-24", 46091, "BAO"),
                     ("oekraine-plekken", "2022-05-31", 46500, "BAO")], places, coordinator)
    parsed.rows[1].value = -5  # slipped past the parser: the model refuses it
    with pytest.raises(Exception):  # noqa: B017 - any refusal; what matters is the rollback
        services.series_values_import(actor=coordinator, rows=parsed.rows)
    assert not SeriesValue.objects.exists()


def test_the_forecast_reads_only_what_was_known_on_its_date(weekly_history, occupied):
    last = weekly_history
    # Each figure was registered the morning after its day: as of a count's own day it was
    # not known yet, so the forecast of that day ends a week earlier.
    known = selectors.observations(occupied, as_of=last - timedelta(weeks=2))
    assert known[-1][0] == last - timedelta(weeks=3)
    assert len(known) == 9
    # Registered the morning after: on the day itself the figure was not known yet.
    assert selectors.values_as_known(occupied, known_on=at(last, 8)).last().day == (
        last - timedelta(weeks=1))


def test_a_coordinators_scenario_is_used_from_then_on_and_earlier_ones_stay(coordinator,
                                                                           board_member):
    from decimal import Decimal

    assert [s.weekly_change for s in selectors.model_scenarios()] == [-0.01, 0.0, 0.01]
    with freeze_time(at(date(2022, 6, 1))):
        services.scenario_set(actor=coordinator, level="high",
                              weekly_change_percent=Decimal("2.5"), multiplier=Decimal("1.1"),
                              explanation="extra toestroom")
    high = selectors.model_scenarios()[2]
    assert (high.weekly_change, high.multiplier) == (0.025, 1.1)
    assert selectors.model_scenarios(known_on=at(date(2022, 5, 31)))[2].weekly_change == 0.01
    with pytest.raises(PermissionDenied):
        services.scenario_set(actor=board_member, level="low",
                              weekly_change_percent=Decimal("-5"), multiplier=Decimal("1"))

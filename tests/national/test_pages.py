"""The dashboard, the overview and the status report each show an accessible chart."""

from datetime import date

from opvangregie.demo.scenario import scenario_load
from opvangregie.national.models import Series, SeriesValue

CHART_TABLE = "Cijfers bij de grafiek"


def test_the_pages_show_charts_with_their_tables(coordinator, client):
    scenario_load()
    client.force_login(coordinator)
    pages = {
        "dashboard": client.get("/").content.decode(),
        "overview": client.get("/overzicht/", {"peildatum": "2022-10-20"}).content.decode(),
        "status report": client.get("/overleg/tussenstand/",
                                    {"peildatum": "2022-08-31"}).content.decode(),
        "series": client.get("/landelijk-beeld/oekraine-bezet/").content.decode(),
    }
    for name, page in pages.items():
        assert 'role="img"' in page, name
        assert CHART_TABLE in page, name
    assert "Noodopvang Oekraïners: bezet (landelijk) en prognose" in pages["dashboard"]
    assert "CNO-inzet per week (plekweken)" in pages["overview"]
    assert "Opgave en gerealiseerd" in pages["status report"]
    assert "Terugtoets over" in pages["series"]


def test_the_demo_holds_the_public_figures_of_24_may_and_flags_the_rest(db):
    scenario_load()
    public = SeriesValue.objects.filter(day=date(2022, 5, 24), is_illustrative=False)
    assert sorted((v.series.code, v.value) for v in public) == [
        ("oekraine-bezet", 38_949), ("oekraine-plekken", 46_091)]
    assert all("BAO 25-05-2022" in v.source for v in public)
    others = SeriesValue.objects.exclude(pk__in=public)
    assert others.exists() and not others.filter(is_illustrative=False).exists()
    assert Series.objects.filter(region__isnull=False).exists()


def test_board_members_see_the_picture_but_cannot_enter_figures(board_member, client, places):
    client.force_login(board_member)
    page = client.get(f"/landelijk-beeld/{places.code}/").content.decode()
    assert "Cijfer invoeren" not in page
    response = client.post(f"/landelijk-beeld/{places.code}/",
                           {"day": "2022-05-24", "value": "1", "source": "x"})
    assert response.status_code == 403
    assert not SeriesValue.objects.exists()


def test_the_status_report_and_its_deck_open_with_the_national_picture(db):
    from pptx import Presentation
    from pptx.enum.chart import XL_CHART_TYPE

    from opvangregie.demo.scenario import REGION_CODE
    from opvangregie.regions.models import SafetyRegion
    from opvangregie.reports import deck
    from opvangregie.reports.status_report import status_report_for_user
    from opvangregie.reports.system import system_user

    scenario_load()
    region = SafetyRegion.objects.get(code=REGION_CODE)
    report = status_report_for_user(system_user(), region=region, as_of=date(2022, 5, 25))
    section = next(s for s in report.sections if s.key == "landelijk")
    rows = {row[0]: row for row in section.tables[0].rows}
    assert rows["Noodopvang Oekraïners: plekken (landelijk)"][1:3] == [date(2022, 5, 24), 46_091]
    assert rows["Noodopvang Oekraïners: bezet (landelijk)"][2] == 38_949
    assert any("Terugtoets" in line for line in section.lines)
    assert section.chart.kind == "line"
    import io
    slides = Presentation(io.BytesIO(deck.deck_bytes(report))).slides
    national = next(slide for slide in slides if any(
        shape.has_text_frame and shape.text_frame.text == "Actueel landelijk beeld"
        for shape in slide.shapes))
    assert [shape.chart.chart_type for shape in national.shapes if shape.has_chart] == [
        XL_CHART_TYPE.LINE_MARKERS]


def test_a_confidential_name_typed_as_a_source_is_masked_for_the_board(
        board_member, coordinator, deventer, client, places):
    from django.utils import timezone

    from opvangregie.capacity.services import location_create
    from opvangregie.national.services import _register

    location_create(actor=coordinator, name="Kazerne Geheimweg", municipality=deventer,
                    type="cno", is_confidential=True)
    _register(series=places, day=date(2022, 5, 24), value=46_091,
              source="BAO 25-05-2022, inclusief Kazerne Geheimweg", is_illustrative=False,
              registered_by=coordinator, now=timezone.now())
    client.force_login(board_member)
    for path in ("/landelijk-beeld/", f"/landelijk-beeld/{places.code}/"):
        page = client.get(path).content.decode()
        assert "BAO 25-05-2022" in page, path
        assert "Geheimweg" not in page, path
        assert "[vertrouwelijke locatie]" in page, path


def test_the_series_page_is_kept_until_a_figure_or_scenario_changes(
        coordinator, client, weekly_history, occupied, monkeypatch):
    import re
    from datetime import timedelta
    from decimal import Decimal

    from opvangregie.national import services, views

    computed = []
    compute = views._figures_and_forecast
    monkeypatch.setattr(views, "_figures_and_forecast",
                        lambda *args, **kwargs: computed.append(1) or compute(*args, **kwargs))
    client.force_login(coordinator)
    url = f"/landelijk-beeld/{occupied.code}/"
    def shown(page):  # the page without its CSRF tokens, which differ per response
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.content.decode())

    first = shown(client.get(url))
    assert shown(client.get(url)) == first
    assert len(computed) == 1  # the second view came from the cache
    day = weekly_history + timedelta(weeks=1)
    services.series_value_register(actor=coordinator, series=occupied, day=day, value=39_123,
                                   source="Nieuw cijfer")
    page = client.get(url).content.decode()
    assert "39.123" in page and "Nieuw cijfer" in page and len(computed) == 2
    services.series_value_register(actor=coordinator, series=occupied, day=day, value=39_321,
                                   source="Nieuw cijfer, gecorrigeerd")
    page = client.get(url).content.decode()
    assert "39.321" in page and "39.123" not in page and "(correctie)" in page
    shown_page = shown(client.get(url))
    services.scenario_set(actor=coordinator, level="high", weekly_change_percent=Decimal(5),
                          multiplier=Decimal("1.5"))
    assert shown(client.get(url)) != shown_page
    assert len(computed) == 4

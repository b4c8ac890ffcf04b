"""The status report ("tussenstand"): one data object, a deck, a workbook and a page that agree."""

import io
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Emu

from opvangregie.capacity.models import CapacityKind, Location, LocationType
from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import capacity_record_register, location_create
from opvangregie.meetings import services as meeting_services
from opvangregie.meetings.models import Horizon
from opvangregie.pipeline.models import CandidateKind, CandidateStatus
from opvangregie.pipeline.services import (
    candidate_change_status,
    candidate_release,
    candidate_submit,
)
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports import deck, deck_workbook
from opvangregie.reports.overview import overview_for_user
from opvangregie.reports.status_report import status_report_for_user
from opvangregie.reports.system import system_user
from tests.reports.conftest import AS_OF, SECRET_NAME, municipality

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UNRELEASED = "Kloostergebouw Geheim 4711"
RELEASED = "Woonunits Vrijgegeven 0815"


def presentation(data: bytes) -> Presentation:
    return Presentation(io.BytesIO(data))


def slide_texts(prs) -> list[str]:
    texts = []
    for slide in prs.slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        texts.append("\n".join(parts))
    return texts


def unzipped(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", errors="replace")
                         for name in archive.namelist())


@pytest.fixture
def report(scenario, coordinator, ijsselland):
    return status_report_for_user(coordinator, region=ijsselland, as_of=AS_OF)


def table_rows(prs, title: str) -> list[list[str]]:
    for slide in prs.slides:
        if slide.shapes.title.text == title:
            for shape in slide.shapes:
                if shape.has_table:
                    return [[cell.text for cell in row.cells] for row in shape.table.rows]
    raise AssertionError(f"no table on slide {title}")


def test_the_report_takes_the_overviews_numbers(report, coordinator, ijsselland):
    overview = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    permit = [line for line in report.targets if line.target.kind == "permit_holders"]
    assert [(line.amount, line.realised) for line in permit] == [
        (overview.totals.quota, overview.totals.housed),
        (overview.totals.quota_informal, overview.totals.housed),
    ]
    table = next(s for s in report.sections if s.key == "inzage").tables[0]
    totals = dict(zip(table.headers, table.rows[-1], strict=True))
    assert totals["Gemeente"] == "Totaal"
    assert totals["Taakstelling 2e helft 2022 (13.500)"] == overview.totals.quota == 421
    assert totals["Saldo I"] == overview.totals.saldo_1
    assert totals["CNO-plekweken totaal"] == overview.totals.cno_total_rounded
    assert totals["CNO-aandeel okt–jan (berekend, niet vastgesteld)"] == 450
    assert report.ukrainian.places == overview.totals.ukrainian_places == 900
    cno = next(s for s in report.sections if s.key == "cno")
    # Ommen 75 places × 14 days, Kampen 100 planned × 30 days: 150 + 428.6 place-weeks.
    assert sum(cno.chart.series[0][1]) == pytest.approx(578.6, abs=0.2)


def test_the_deck_is_16_9_with_the_reference_date_and_a_source_on_every_slide(report):
    prs = presentation(deck.deck_bytes(report))
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    titles = deck.slide_titles(prs)
    assert titles[0].startswith("Tussenstand")
    for expected in ("Opgaven en realisatie", "Inzage opgaven asielketen", "CNO-inzet per week",
                     "Opvang Oekraïense ontheemden",
                     "Zoektocht naar locaties voor langdurige opvang", "CNO-locaties",
                     "Besluiten", "Voorstellen aan het Rijk (GO / NO GO binnen 72 uur)",
                     "Bronnen en toelichting"):
        assert expected in titles
    for text in slide_texts(prs):
        assert "cijfers zoals bekend op 31-8-2022" in text
        assert "Bron: " in text


def test_the_deck_has_native_charts_and_tables(report):
    data = deck.deck_bytes(report)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert any(n.startswith("ppt/charts/chart") for n in names)
    assert any(n.startswith("ppt/embeddings/") and n.endswith(".xlsx") for n in names)
    prs = presentation(data)
    charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    cno = next(c for c in charts if c.chart_title.text_frame.text == "CNO-plekweken per week")
    assert list(cno.plots[0].categories)[0] == "wk 22 (2022)"
    assert sum(cno.series[0].values) == pytest.approx(578.6, abs=0.2)


def test_deck_workbook_and_page_show_the_same_overview_numbers(client, coordinator, report):
    prs = presentation(deck.deck_bytes(report))
    deck_totals = table_rows(prs, "Inzage opgaven asielketen")[-1]
    sheet = load_workbook(io.BytesIO(deck_workbook.workbook_bytes(report)))[
        "Inzage opgaven asielketen"]
    sheet_rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    sheet_totals = next(row for row in sheet_rows if row[0] == "Totaal")
    client.force_login(coordinator)
    page = client.get(reverse("meetings:status_report"),
                      {"peildatum": AS_OF.isoformat()}).text
    assert deck_totals[0] == "Totaal"
    # Deck "1.234" / "150,0", workbook numbers, page text: the same figures.
    for shown, stored in zip(deck_totals[1:], sheet_totals[1:], strict=False):
        if stored is None:
            assert shown == "—"
        else:
            assert shown.replace(".", "").replace(",", ".") == (
                f"{stored:.1f}" if isinstance(stored, float) else str(stored))
        assert f">{shown}<" in page or f"<strong>{shown}</strong>" in page


def test_an_earlier_reference_date_gives_the_same_deck_numbers_after_a_later_correction(
    scenario, coordinator, ijsselland
):
    ommen = Location.objects.get(municipality__code="GM0175", type=LocationType.CNO)
    before = status_report_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    capacity_record_register(actor=coordinator, location=ommen, valid_from=date(2022, 6, 1),
                             valid_to=date(2022, 6, 14), places=50,
                             registered_at=end_of_day(date(2022, 9, 15)), reason="correctie")
    again = status_report_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    later = status_report_for_user(coordinator, region=ijsselland, as_of=date(2022, 9, 20))
    rows = [s.tables[0].rows for s in (before, again) for s in [
        next(x for x in s.sections if x.key == "inzage")]]
    assert rows[0] == rows[1]

    def ommen_cno(report):
        return next(r.cno_total for r in report.overview.rows if r.municipality.code == "GM0175")

    assert ommen_cno(before) == ommen_cno(again) == 150
    assert ommen_cno(later) == 100


def test_meetings_decisions_and_proposals_count_only_what_was_recorded_by_then(
    scenario, coordinator, ijsselland
):
    meeting = meeting_services.meeting_create(
        actor=None, safety_region=ijsselland, date=AS_OF,
        created_at=datetime(2022, 8, 30, tzinfo=AMSTERDAM))
    meeting_services.agenda_item_create(actor=None, meeting=meeting, title="Besluitvorming",
                                        created_at=datetime(2022, 8, 30, tzinfo=AMSTERDAM))
    meeting_services.decision_create(actor=None, meeting=meeting, text="Draagvlak",
                                     owner="gemeentesecretarissen", horizon=Horizon.LONG,
                                     created_at=end_of_day(AS_OF))
    meeting_services.decision_create(actor=None, meeting=meeting, text="Later toegevoegd",
                                     owner="PM", horizon=Horizon.SHORT)  # recorded today
    meeting_services.proposal_submit(
        actor=None, safety_region=ijsselland, title="Boot als CNO", content="x",
        submitted_at=datetime(2022, 8, 26, 11, tzinfo=AMSTERDAM), submitted_by="coördinator",
        created_at=datetime(2022, 8, 26, 11, tzinfo=AMSTERDAM))
    report = status_report_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    assert report.meeting == meeting
    assert [d.decision.text for d in report.decisions] == ["Draagvlak"]
    text = "\n".join(slide_texts(presentation(deck.deck_bytes(report))))
    assert "Besluitvorming" in text and "Draagvlak" in text
    assert "Later toegevoegd" not in text
    assert "Boot als CNO" in text and "TERMIJN VERSTREKEN" in text


@pytest.fixture
def candidates(scenario, ijsselland):
    dalfsen = municipality("GM0148")
    known = datetime(2022, 8, 10, 12, tzinfo=AMSTERDAM)
    hidden = candidate_submit(actor=None, safety_region=ijsselland, municipality=dalfsen,
                              name=UNRELEASED, kind=CandidateKind.BUILDING,
                              possible_places=40)
    shown = candidate_submit(actor=None, safety_region=ijsselland, municipality=dalfsen,
                             name=RELEASED, kind=CandidateKind.SITE, possible_places=50)
    for candidate in (hidden, shown):
        type(candidate).objects.filter(pk=candidate.pk).update(created_at=known)
        candidate.status_changes.update(changed_at=known)
    candidate_change_status(actor=None, candidate=shown, to_status=CandidateStatus
                            .UNDER_ASSESSMENT, reason="beoordeling")
    shown.status_changes.filter(to_status=CandidateStatus.UNDER_ASSESSMENT).update(
        changed_at=datetime(2022, 8, 20, tzinfo=AMSTERDAM))
    candidate_release(actor=None, candidate=shown,
                      embargo_until=datetime(2022, 8, 25, 21, tzinfo=AMSTERDAM), reason="BAO")
    return hidden, shown


@pytest.mark.parametrize("who", ["coordinator", "board_member", "system"])
def test_the_deck_names_only_candidates_released_by_the_reference_date(
    request, candidates, ijsselland, who
):
    user = system_user() if who == "system" else request.getfixturevalue(who)
    report = status_report_for_user(user, region=ijsselland, as_of=AS_OF)
    assert report.search.total == 2
    assert dict((label, n) for label, n, _p in report.search.counts) == {
        "aangemeld": 1, "in beoordeling": 1}
    for data in (deck.deck_bytes(report), deck_workbook.workbook_bytes(report)):
        text = unzipped(data)
        assert UNRELEASED not in text
        assert RELEASED in text
    # Before the embargo passed, not even the released one is named.
    early = status_report_for_user(user, region=ijsselland, as_of=date(2022, 8, 24))
    assert RELEASED not in unzipped(deck.deck_bytes(early))


def test_a_confidential_location_is_never_named_in_the_deck_even_for_its_coordinator(
    scenario, coordinator, ijsselland
):
    secret = Location.objects.get(name=SECRET_NAME)
    meeting_services.location_report_create(
        actor=None, location=secret, reported_on=date(2022, 8, 29),
        concerns=f"Zorgen bij {SECRET_NAME}", created_at=end_of_day(date(2022, 8, 29)))
    report = status_report_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    assert len(report.location_reports) == 1
    for data in (deck.deck_bytes(report), deck_workbook.workbook_bytes(report)):
        assert SECRET_NAME not in unzipped(data)
    assert "Vertrouwelijke locatie" in report.location_reports[0].label


def test_sections_without_data_say_so_instead_of_showing_numbers(coordinator, ijsselland):
    report = status_report_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    text = {s.key: " ".join(s.lines) for s in report.sections}
    assert "geen opgaven" in text["opgaven"]
    assert "geen CNO-inzet" in text["cno"]
    assert "geen opgave" in text["oekraine"]
    assert "geen kandidaatlocaties" in text["zoektocht"]
    assert "geen rapportages" in text["cno_locaties"]
    assert "geen overleg" in text["agenda"]
    assert not any(s.chart for s in report.sections if s.key in ("opgaven", "cno"))
    assert len(presentation(deck.deck_bytes(report)).slides) == 1 + len(report.sections)


def test_the_deck_command_writes_the_file(scenario, tmp_path, capsys):
    out = tmp_path / "tussenstand.pptx"
    call_command("deck", "--region", "IJsselland", "--as-of", "2022-08-31", "-o", str(out))
    prs = presentation(out.read_bytes())
    assert deck.slide_titles(prs)[0] == "Tussenstand IJsselland 31-8-2022"
    assert "geschreven naar" in capsys.readouterr().out
    workbook = tmp_path / "tussenstand.xlsx"
    call_command("deck", "--region", "vr04", "--as-of", "2022-08-31", "-o", str(workbook))
    assert "Inzage opgaven asielketen" in load_workbook(workbook).sheetnames


@pytest.mark.parametrize("args, message", [
    (["--as-of", "2022-08-31", "-o", "x.pptx"], "--region"),
    (["--region", "Nergensland", "--as-of", "2022-08-31", "-o", "x.pptx"], "Onbekende"),
    (["--region", "VR04", "--as-of", "31-08-2022", "-o", "x.pptx"], "JJJJ-MM-DD"),
    (["--region", "VR04", "--as-of", "2022-08-31", "-o", "x.pdf"], ".pptx of .xlsx"),
    (["--region", "VR04", "--as-of", "2022-08-31", "-o", "/nergens/x.pptx"], "bestaat niet"),
])
def test_the_deck_command_refuses_bad_input_in_dutch(db, args, message, tmp_path,
                                                       monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError, match=message):
        call_command("deck", *args)
    assert list(tmp_path.iterdir()) == []


def test_the_downloads_and_page_are_scoped_to_the_users_region(client, scenario,
                                                                amsterdam_officer):
    client.force_login(amsterdam_officer)
    response = client.get(reverse("meetings:status_report_pptx"),
                          {"regio": "VR04", "peildatum": "2022-08-31"})
    assert response.status_code == 200
    assert response["Content-Type"] == deck.CONTENT_TYPE
    # Not IJsselland: the region asked for is not theirs, so their own region is used.
    own = SafetyRegion.objects.get(municipalities__code="GM0363")
    assert own.code in response["Content-Disposition"]
    assert "Zwolle" not in unzipped(response.content)


def test_the_page_offers_both_downloads(client, board_member, scenario):
    client.force_login(board_member)
    page = client.get(reverse("meetings:status_report"), {"peildatum": "2022-08-31"})
    assert page.status_code == 200
    assert "tussenstand.pptx?regio=VR04&amp;peildatum=2022-08-31" in page.text
    assert "tussenstand.xlsx?regio=VR04&amp;peildatum=2022-08-31" in page.text
    response = client.get(reverse("meetings:status_report_xlsx"), {"peildatum": "2022-08-31"})
    assert response["Content-Type"] == deck_workbook.CONTENT_TYPE


def test_planned_cno_places_for_the_october_target_are_counted(scenario, coordinator,
                                                               ijsselland):
    add = location_create(actor=None, name="Kamperpoort", municipality=municipality("GM0193"),
                          type=LocationType.CNO)
    capacity_record_register(actor=None, location=add, valid_from=date(2022, 10, 1),
                             valid_to=None, places=300, kind=CapacityKind.PLANNED,
                             registered_at=end_of_day(date(2022, 8, 25)))
    report = status_report_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    october = next(line for line in report.targets if line.target == scenario.cno)
    assert (october.state, october.amount, october.planned) == ("upcoming", 450, 300)

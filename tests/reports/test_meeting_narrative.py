"""The whole meeting deck: typed slides, the CNO-450 slide, the call for locations, and the
demo deck of 31-08-2022 covering the seed deck's slides with native charts."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pptx import Presentation

from opvangregie.audit.models import AuditEvent
from opvangregie.meetings import services as meeting_services
from opvangregie.meetings.models import Meeting
from opvangregie.pipeline.models import CallAddressee, CandidateKind, ResponseStatus
from opvangregie.pipeline.services import call_create, candidate_submit
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports import deck, deck_workbook
from opvangregie.reports.status_report import status_report_for_user
from tests.factories import UserFactory
from tests.reports.conftest import AS_OF, SECRET_NAME, municipality
from tests.reports.test_deck import slide_texts

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def section(report, key):
    return next(s for s in report.sections if s.key == key)


@pytest.fixture
def meeting(scenario, coordinator, ijsselland):
    return meeting_services.meeting_create(
        actor=coordinator, safety_region=ijsselland, date=AS_OF,
        created_at=datetime(2022, 8, 30, 9, tzinfo=AMSTERDAM))


def post_texts(client, meeting, **extra):
    data = {"safety_picture": "• Rustig beeld", "national_text": "",
            "findings": f"Omwonenden van {SECRET_NAME} zijn bezorgd",
            "agreements": "450 plekken CNO per regio", "version": meeting.version, **extra}
    return client.post(reverse("meetings:meeting_narrative", args=[meeting.pk]), data)


def test_a_confidential_name_typed_is_refused_until_confirmed_and_masked_for_a_board_member(
    client, coordinator, board_member, meeting, ijsselland
):
    client.force_login(coordinator)
    refused = post_texts(client, meeting)
    assert refused.status_code == 400
    assert "vertrouwelijke locatie" in refused.content.decode()
    meeting.refresh_from_db()
    assert meeting.findings == ""

    saved = post_texts(client, meeting, toch_opslaan="on")
    assert saved.status_code == 302
    meeting.refresh_from_db()
    assert SECRET_NAME in meeting.findings and meeting.version == 2
    record = AuditEvent.objects.filter(object_type__icontains="meeting",
                                       object_id=str(meeting.pk), action="update").get()
    assert SECRET_NAME not in str(record.after) + record.summary

    board = status_report_for_user(board_member, region=ijsselland, as_of=AS_OF)
    assert section(board, "bevindingen").lines == [
        "Omwonenden van [vertrouwelijke locatie] zijn bezorgd"]
    assert section(board, "veiligheidsbeeld").lines == ["Rustig beeld"]
    assert section(board, "bestuursakkoord").lines == ["450 plekken CNO per regio"]
    texts = "\n".join(slide_texts(Presentation(io.BytesIO(deck.deck_bytes(board)))))
    assert "Omwonenden van [vertrouwelijke locatie] zijn bezorgd" in texts
    assert SECRET_NAME not in texts


def test_texts_saved_from_a_stale_page_are_refused_and_a_board_member_may_not_edit(
    client, coordinator, board_member, meeting
):
    client.force_login(coordinator)
    page = client.get(reverse("meetings:meeting_narrative", args=[meeting.pk])).content.decode()
    assert "Afspraken bestuursakkoord" in page and "Veiligheidsbeeld" in page
    assert reverse("meetings:meeting_narrative", args=[meeting.pk]) in client.get(
        reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert post_texts(client, meeting, findings="Eerste versie").status_code == 302
    stale = post_texts(client, meeting, findings="Tweede versie")  # loaded at version 1
    assert stale.status_code == 400
    meeting.refresh_from_db()
    assert meeting.findings == "Eerste versie"
    client.force_login(board_member)
    assert client.get(reverse("meetings:meeting_narrative", args=[meeting.pk])
                      ).status_code == 403


def test_without_typed_text_the_slide_says_so(coordinator, meeting, ijsselland):
    report = status_report_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    assert section(report, "veiligheidsbeeld").lines == [
        "Voor dit overleg is geen tekst vastgelegd."]


def test_the_call_sentence_counts_what_was_known_on_the_date_with_dutch_plurals(
    scenario, coordinator, ijsselland
):
    zwolle, deventer = municipality("GM0193"), municipality("GM0150")
    call = call_create(actor=coordinator, safety_region=ijsselland, sent_on=date(2022, 7, 20),
                       text="Uitvraag", municipalities=[zwolle, deventer], brokers=[])
    CallAddressee.objects.filter(call=call, municipality=zwolle).update(
        status=ResponseStatus.RESPONDED)
    # Deventer's answer was recorded after the meeting: on 31-08 it had not responded yet.
    CallAddressee.objects.filter(call=call, municipality=deventer).update(
        status=ResponseStatus.RESPONDED,
        status_changed_at=datetime(2022, 9, 5, 10, tzinfo=AMSTERDAM))
    for day, new in ((date(2022, 7, 25), True), (date(2022, 9, 2), False)):
        candidate_submit(actor=coordinator, safety_region=ijsselland, municipality=zwolle,
                         call=call, submitted_at=datetime.combine(day, datetime.min.time(),
                                                                  AMSTERDAM),
                         name=f"Pand {day}", kind=CandidateKind.HOTEL, is_new=new)
    report = status_report_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    lines = section(report, "uitvraag").lines
    assert lines[0] == "Uitvraag van 20-7-2022 aan 2 gemeenten en 0 makelaars."
    assert lines[1].startswith(
        "1 gemeente heeft gereageerd met 1 pand of locatie, waarvan 1 nieuw; "
        "0 hebben meer tijd nodig; 1 nog niet gereageerd")
    later = status_report_for_user(coordinator, region=ijsselland, as_of=date(2022, 9, 30))
    assert section(later, "uitvraag").lines[1].startswith(
        "2 gemeenten hebben gereageerd met 2 panden en locaties, waarvan 1 nieuw")


def test_the_demo_deck_of_31_august_covers_the_seed_slides_with_native_charts(db, client):
    from opvangregie.demo.scenario import scenario_load
    from opvangregie.reports.system import system_user

    scenario_load()
    region = SafetyRegion.objects.get(code="VR04")
    meeting = Meeting.objects.get(safety_region=region, date=date(2022, 8, 31))
    assert "In totaal 450 plekken CNO per regio" in meeting.agreements
    report = status_report_for_user(system_user(), region=region, as_of=date(2022, 8, 31))
    prs = Presentation(io.BytesIO(deck.deck_bytes(report)))
    texts = "\n".join(slide_texts(prs))
    # Every slide of the seed deck of 31-08-2022, from data or typed text.
    for seed_slide in (
        "Agenda", "Veiligheidsbeeld", "Actueel landelijk beeld", "Bestuursakkoord",
        "Eén samenhangend totaalpakket voor asiel, huisvesting en integratie",
        "Geleidelijke opbouwende structurele toevoeging BDUR",
        "Zoektocht naar locaties voor langdurige opvang", "Flexwoningprojecten",
        "Stand van zaken uitvraag locaties", "Bevindingen",
        "Gemeenten vragen uiterst zorgvuldig om te gaan met noemen van locaties",
        "Voorstel: uitgangspunten regionaal", "We sluiten aan bij de landelijke verdeelsleutel",
        "Opgaven en realisatie", "Statushouders", "CNO-locaties", "Besluiten", "Open acties",
        "CNO: taakstelling 450", "Inzage opgaven asielketen",
    ):
        assert seed_slide in texts, seed_slide
    # The agreements continue over slides as in the seed, breaking at a heading.
    akkoord = [text for text in slide_texts(prs) if text.startswith("Bestuursakkoord")]
    assert len(akkoord) == 3
    assert akkoord[1].startswith("Bestuursakkoord (vervolg)")
    assert "\nUit de asielcrisis komen, korte termijn:\n" in akkoord[1]
    assert "\nDaarnaast irt VNG en IPO:\n" in akkoord[2]
    cno = section(report, "cno_verdeling")
    assert any("Verdeelsleutel: inwoners 50 %, landoppervlakte 50 %" in line
               for line in cno.lines)
    assert any(line.startswith("Zwartewaterland: weggestreept") for line in cno.lines)
    total = cno.tables[0].rows[-1]
    assert total[0] == "Totaal" and total[-1] == 450
    call = section(report, "uitvraag").lines[1]
    assert call.startswith("6 gemeenten hebben gereageerd met 11 panden en locaties, "
                           "waarvan 8 nieuw")
    charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) >= 6
    titles = {chart.chart_title.text_frame.text for chart in charts}
    assert {"CNO-plekken per gemeente", "Reacties van gemeenten op de uitvraag",
            "Statushouders per instrument"} <= titles
    instruments = section(report, "statushouders").tables[0].rows
    assert instruments[0][0] == "Extra afspraken corporaties"
    assert instruments[-1][1] == report.overview.totals.housed > 0
    # The workbook and the printable page carry the same typed text and call sentence.
    workbook = load_workbook(io.BytesIO(deck_workbook.workbook_bytes(report)))
    cells = "\n".join(str(cell.value) for sheet in workbook for row in sheet.iter_rows()
                      for cell in row if cell.value is not None)
    assert call in cells and "Voorschot voor gemeenten (100 miljoen)" in cells
    board = UserFactory(role="board", safety_region=region)
    client.force_login(board)
    page = client.get(reverse("meetings:status_report"),
                      {"regio": "VR04", "peildatum": "2022-08-31"}).content.decode()
    assert "Voorschot voor gemeenten (100 miljoen)" in page
    assert "6 gemeenten hebben gereageerd met 11 panden en locaties" in page


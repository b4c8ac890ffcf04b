"""The progress against the share in the overview's Excel and in the status deck (demo)."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pptx import Presentation

from opvangregie.demo.scenario import REGION_CODE, scenario_load
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports import deck
from opvangregie.reports.status_report import status_report_for_user
from opvangregie.reports.system import system_user

OCTOBER = date(2022, 10, 20)


@pytest.fixture
def demo(db):
    scenario_load()
    return SafetyRegion.objects.get(code=REGION_CODE)


def test_the_deck_has_a_progress_slide_with_every_municipality(demo):
    report = status_report_for_user(system_user(), region=demo, as_of=OCTOBER)
    prs = Presentation(io.BytesIO(deck.deck_bytes(report)))
    # Long tables continue on a next slide ("vervolg"): the reasons make rows taller.
    slides = [s for s in prs.slides
              if s.shapes.title.text.startswith("Voortgang CNO tegen het aandeel")]
    assert slides
    rows = [[cell.text for cell in row.cells]
            for slide in slides for shape in slide.shapes if shape.has_table
            for row in shape.table.rows]
    by_name = {row[0]: row for row in rows}
    assert by_name["Zwartewaterland"][1] == "0"
    assert by_name["Zwolle"][-2] == "voor" and by_name["Dalfsen"][-2] == "achter"
    assert "CNO-plekken over van Olst-Wijhe" in by_name["Zwolle"][-1]
    assert by_name["Totaal regio"][1] == "450"
    text = " ".join(shape.text_frame.text for slide in slides for shape in slide.shapes
                    if shape.has_text_frame)
    assert "Achter: Dalfsen" in text


def test_before_the_distribution_the_slide_says_so(demo):
    report = status_report_for_user(system_user(), region=demo, as_of=date(2022, 8, 1))
    section = next(s for s in report.sections if s.key == "voortgang")
    assert section.tables == [] and section.lines


def test_the_overview_export_has_a_progress_sheet(demo, client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("overview_export"),
                          {"regio": REGION_CODE, "peildatum": OCTOBER.isoformat()})
    sheet = load_workbook(io.BytesIO(response.content))["Voortgang CNO"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Gemeente", "Aandeel (plekken)", "Te leveren (plekweken)"]
    names = [row[0] for row in rows[1:-1]]
    assert names == sorted(names) and len(names) == 11
    assert rows[-1][:2] == ["Totaal regio", 450]
    zwartewaterland = next(row for row in rows if row[0] == "Zwartewaterland")
    assert zwartewaterland[1] == 0 and zwartewaterland[7] == 336.0  # credited; [8]: reason

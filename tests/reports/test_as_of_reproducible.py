"""A page "as known on" a day never changes: later CBS corrections and target changes show
only on pages of later days.

The deck (slide texts and workbook values), the overview and the status report of 31-08-2022
are read before and after a CBS correction (Zwolle's population on 1-1-2021 doubled, so its
quota at 13,500 would go from 101 to 201) and a change of two targets, both registered on
15-09-2022. The pages of 20-09-2022 show the new figures.
"""

import io
import re

from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook
from pptx import Presentation

from opvangregie.core.cache import figures_revision
from opvangregie.regions.models import NationalValue
from opvangregie.regions.selectors import national_value_on
from opvangregie.regions.services import cbs_import
from opvangregie.targets.services import target_correct
from tests.reports.conftest import AS_OF, page_table

LATER = AS_OF.replace(month=9, day=20)
WEEKS = 18  # ISO weeks 22–39 of 2022: 1 June – 30 September
# Gemeente, Taakstelling, Gehuisvest, Per instrument, Saldo vorig halfjaar, Saldo I, informeel,
# Saldo II, Reden afwijking (issue 15), the weeks, Totaal plekweken, Aandeel.
QUOTA, SALDO_2, CNO_SHARE = 1, 7, 10 + WEEKS

CORRECTION = (
    b'"Perioden";"Regio\'s";'
    b'"Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)"\r\n'
    b'"2021";"Zwolle";259680\r\n'
)


def pages(client, user, day) -> dict:
    """What a reader gets for a reference date: overview table, status report, deck."""
    client.force_login(user)
    params = {"peildatum": day.isoformat()}
    overview = client.get(reverse("overview"), params)
    report = client.get(reverse("meetings:status_report"), params)
    pptx = client.get(reverse("meetings:status_report_pptx"), params)
    xlsx = client.get(reverse("meetings:status_report_xlsx"), params)
    assert {r.status_code for r in (overview, report, pptx, xlsx)} == {200}
    slides = [
        [shape.text_frame.text if shape.has_text_frame else
         [[cell.text for cell in row.cells] for row in shape.table.rows] if shape.has_table
         else None for shape in slide.shapes]
        for slide in Presentation(io.BytesIO(pptx.content)).slides
    ]
    workbook = load_workbook(io.BytesIO(xlsx.content))
    sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    return {
        "overview": page_table(overview.text),
        "status_report": re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "",
                                report.text),
        "deck": slides,
        "workbook": sheets,
    }


def correct_later(scenario, coordinator):
    with freeze_time("2022-09-15 10:00"):
        summary = cbs_import(raw=CORRECTION, actor=coordinator)
        target_correct(target=scenario.informal, actor=coordinator, amount=25000,
                       reason="nieuwe brief")
        target_correct(target=scenario.cno, actor=coordinator, amount=600,
                       reason="nieuwe afspraak")
    assert summary.updated == 1


def test_pages_of_an_earlier_date_are_identical_after_later_corrections(
    client, coordinator, scenario
):
    # Both at one moment: the status report says when it was made ("Gemaakt met Opvangregie
    # op …"), to the minute, and two views may fall in different minutes.
    with freeze_time("2026-12-01 12:00"):
        before = pages(client, coordinator, AS_OF)
    assert body_rows_of(before)["Zwolle"][QUOTA] == "101"
    correct_later(scenario, coordinator)
    with freeze_time("2026-12-01 12:00"):
        after = pages(client, coordinator, AS_OF)
    for part in before:
        assert after[part] == before[part], part


def test_pages_of_a_later_date_show_the_corrected_figures(client, coordinator, scenario):
    old = pages(client, coordinator, LATER)
    correct_later(scenario, coordinator)
    new = pages(client, coordinator, LATER)
    zwolle_old, zwolle_new = body_rows_of(old)["Zwolle"], body_rows_of(new)["Zwolle"]
    assert (zwolle_old[QUOTA], zwolle_new[QUOTA]) == ("101", "201")
    assert zwolle_new[SALDO_2] != zwolle_old[SALDO_2]  # informal target 20,000 → 25,000
    totals = [snapshot["overview"]["tfoot"][0][CNO_SHARE] for snapshot in (old, new)]
    assert totals == ["450", "600"]
    assert new["workbook"] != old["workbook"]
    assert new["deck"] != old["deck"]
    # The region's quota (Σ, Zwolle 101 → 201) and the CNO target line in the status report.
    for figure in ('<td class="or-number">521</td>', '<td class="or-number">600</td>'):
        assert figure in new["status_report"] and figure not in old["status_report"]


def test_the_overview_cache_gives_a_new_revision_for_a_correction(
    client, coordinator, scenario
):
    first = pages(client, coordinator, LATER)  # fills the cache
    correct_later(scenario, coordinator)
    again = pages(client, coordinator, LATER)
    assert body_rows_of(first)["Zwolle"][QUOTA] == "101"
    assert body_rows_of(again)["Zwolle"][QUOTA] == "201"


def test_a_national_value_inserted_in_bulk_gives_a_new_revision(scenario):
    """Bulk inserts send no signal; the highest pk of the append-only table still changes."""
    figures_revision()
    current = NationalValue.objects.filter(corrected_by__isnull=True).first()
    before = figures_revision()
    NationalValue.objects.bulk_create([NationalValue(
        indicator=current.indicator, reference_date=current.reference_date,
        value=current.value + 1, source="test", corrects=current,
    )])
    assert figures_revision() != before
    assert national_value_on(current.indicator.code, current.reference_date)[0] == (
        current.value + 1
    )


def body_rows_of(snapshot) -> dict[str, list[str]]:
    return {row[0]: row for row in snapshot["overview"]["tbody"]}

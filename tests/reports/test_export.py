from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from opvangregie.reports.overview import overview_for_user
from opvangregie.reports.system import system_user
from opvangregie.reports.xlsx import workbook_bytes
from tests.reports.conftest import AS_OF, SECRET_NAME, by_header, page_table


def page_number(text: str):
    """'1.234' → 1234, '-56' → -56, '150,0' → Decimal('150.0'), '—' → None."""
    if text == "—":
        return None
    text = text.replace(".", "")
    return Decimal(text.replace(",", ".")) if "," in text else int(text)


def sheet_number(value):
    if value is None:
        return None
    return Decimal(str(value)) if isinstance(value, float) else value


def download(client, user, **params):
    client.force_login(user)
    params.setdefault("peildatum", AS_OF.isoformat())
    response = client.get(reverse("overview_export"), params)
    assert response.status_code == 200
    return response, load_workbook(BytesIO(response.content))


def test_the_export_has_the_same_numbers_as_the_page(client, coordinator, scenario):
    client.force_login(coordinator)
    page = client.get(reverse("overview"), {"peildatum": AS_OF.isoformat(),
                                            "sorteer": "saldo1", "richting": "desc"}).text
    table = page_table(page)
    response, workbook = download(client, coordinator, sorteer="saldo1", richting="desc")
    assert response["Content-Disposition"] == (
        'attachment; filename="inzage-opgaven-VR04-2022-08-31.xlsx"'
    )
    assert workbook.sheetnames == ["Inzage opgaven", "Toelichting", "Voortgang CNO"]
    sheet = list(workbook["Inzage opgaven"].iter_rows(values_only=True))
    header, body, totals = sheet[0], sheet[1:-1], sheet[-1]
    assert "CNO-plekweken wk 22 (2022)" in header
    assert "CNO-aandeel okt–jan (berekend, niet vastgesteld)" in header
    sheet_rows = [dict(zip(header, row, strict=True)) for row in body]
    sheet_totals = dict(zip(header, totals, strict=True))
    # The same order (sorted by Saldo I, descending) and the same figures, column by column:
    # each figure under its header on the page and its header in the sheet.
    page_rows, page_totals = by_header(table, "tbody"), by_header(table, "tfoot")[0]
    assert [row["Gemeente"] for row in sheet_rows] == [row["Gemeente"] for row in page_rows]
    pairs = [("Taakstelling (13.500)", "Taakstelling 2e helft 2022 (13.500)"),
             ("Gehuisvest t/m 31-8-2022", "Gehuisvest t/m 31-8-2022"),
             ("Saldo vorig halfjaar", "Saldo vorig halfjaar"), ("Saldo I", "Saldo I"),
             ("Taakstelling informeel (20.000)", "Taakstelling informeel (20.000)"),
             ("Saldo II", "Saldo II"),
             *[(f"wk {week} (2022)", f"CNO-plekweken wk {week} (2022)") for week in range(22, 40)],
             ("Totaal plekweken", "CNO-plekweken totaal"),
             ("Aandeel okt–jan", "CNO-aandeel okt–jan (berekend, niet vastgesteld)"),
             ("AZC", "AZC-plekken"), ("Oekraïense ontheemden", "Plekken Oekraïense ontheemden"),
             ("Opgave Oekraïense ontheemden (regio)", "Opgave Oekraïense ontheemden (regio)")]
    # Name; reason (issue 15); last update and stale marker; per housing instrument and "not
    # broken down" (export only: the page shows them as an expandable detail).
    instrument_headers = [h for h in header if h.startswith("Gehuisvest via ")]
    assert len(instrument_headers) == 9
    assert len(header) == len(pairs) + 4 + 9 + 1
    for sheet_row in [*sheet_rows, sheet_totals]:
        assert sum(sheet_row[h] for h in instrument_headers) + sheet_row[
            "Gehuisvest, niet uitgesplitst"] == sheet_row["Gehuisvest t/m 31-8-2022"]
    for page_row, sheet_row in zip(page_rows, sheet_rows, strict=True):
        for on_page, in_sheet in pairs:
            assert page_number(page_row[on_page]) == sheet_number(sheet_row[in_sheet]), (
                page_row["Gemeente"], on_page)
    assert sheet_totals["Gemeente"] == "Totaal"
    for on_page, in_sheet in pairs:
        assert page_number(page_totals[on_page]) == sheet_number(sheet_totals[in_sheet])
    zwolle = next(row for row in sheet_rows if row["Gemeente"] == "Zwolle")
    assert zwolle["Taakstelling 2e helft 2022 (13.500)"] == 101
    assert zwolle["Laatst bijgewerkt"].date() == date(2022, 8, 25) and not zwolle["Verouderd"]
    deventer = next(row for row in sheet_rows if row["Gemeente"] == "Deventer")
    assert deventer["Laatst bijgewerkt"] is None and deventer["Verouderd"] == "verouderd"
    assert sheet_totals["Verouderd"] == int(page_totals["Laatst bijgewerkt"].split()[0])


def test_the_explanation_sheet_names_sources_and_the_reference_date(client, coordinator,
                                                                     scenario):
    _response, workbook = download(client, coordinator)
    notes = dict(workbook["Toelichting"].iter_rows(values_only=True))
    assert "31-8-2022" in notes["Peildatum"]
    assert "CBS" in notes["Bron inwoners"] and "1-1-2021" in notes["Bron inwoners"]
    assert "13.500" in notes["Taakstelling (Saldo I)"]
    assert "Berekend, niet vastgesteld" in notes["CNO-aandeel okt–jan"]


def test_no_location_name_in_the_export(client, coordinator, scenario):
    response, _workbook = download(client, coordinator)
    # An .xlsx is a zip: read every part's text.
    from zipfile import ZipFile

    archive = ZipFile(BytesIO(response.content))
    text = "".join(archive.read(name).decode("utf-8", "ignore") for name in archive.namelist())
    assert SECRET_NAME not in text and "Geheime" not in text


def test_an_officer_downloads_their_own_region(client, zwolle_officer, scenario):
    _response, workbook = download(client, zwolle_officer, regio="VR13")
    names = [row[0] for row in workbook["Inzage opgaven"].iter_rows(values_only=True)]
    assert "Zwolle" in names and "Amsterdam" not in names


def test_the_command_writes_the_same_workbook_as_the_selector(scenario, tmp_path):
    target = tmp_path / "inzage.xlsx"
    call_command("export_overview", "--region", "ijsselland", "--as-of", "2022-08-31",
                 "-o", str(target))
    written = load_workbook(target)["Inzage opgaven"]
    overview = overview_for_user(system_user(), region=scenario.cno.safety_region, as_of=AS_OF)
    expected = load_workbook(BytesIO(workbook_bytes(overview, overview.rows)))["Inzage opgaven"]
    assert list(written.iter_rows(values_only=True)) == list(expected.iter_rows(values_only=True))
    call_command("export_overview", "--region", "VR04", "--as-of", "2022-08-31",
                 "-o", str(target))
    assert load_workbook(target)["Inzage opgaven"].max_row == 13  # header, 11, totals


def test_the_console_script_runs_the_command(scenario, tmp_path):
    from opvangregie.cli import main

    target = tmp_path / "cli.xlsx"
    assert main(["opvangregie", "export-overview", "--region", "IJsselland", "--as-of",
                 "2022-08-31", "-o", str(target)]) == 0
    assert target.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--region", "Atlantis", "--as-of", "2022-08-31"], "Onbekende veiligheidsregio"),
        (["--region", "VR04", "--as-of", "31-8-2022"], "Ongeldige peildatum '31-8-2022'"),
        (["--region", "VR04", "--as-of", "2022-02-30"], "Ongeldige peildatum"),
        (["--as-of", "2022-08-31"], "Noem de veiligheidsregio"),
        (["--region", "VR04"], "Noem de peildatum"),
        (["--region", "VR04", "--as-of", "2022-08-31", "--dagen", "veel"],
         "Ongeldig aantal dagen"),
    ],
)
def test_bad_arguments_give_a_dutch_error_and_write_nothing(db, tmp_path, arguments, message):
    target = tmp_path / "x.xlsx"
    with pytest.raises(CommandError, match=message):
        call_command("export_overview", *arguments, "-o", str(target))
    assert not target.exists()


def test_the_output_must_be_an_xlsx_file_in_an_existing_folder(db, tmp_path):
    with pytest.raises(CommandError, match="moet op .xlsx eindigen"):
        call_command("export_overview", "--region", "VR04", "--as-of", "2022-08-31",
                     "-o", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("export_overview", "--region", "VR04", "--as-of", "2022-08-31",
                     "-o", str(tmp_path / "nergens" / "x.xlsx"))

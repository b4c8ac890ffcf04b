"""The Excel upload: all or nothing, errors naming the cell, nothing doubled, scoped."""

import html
import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opvangregie.capacity.models import CapacityRecord, PermitHolderHousing
from opvangregie.capacity.services import capacity_record_register
from tests.capacity.conftest import (
    SECRET_NAME,
    capacity_audit,
    capacity_row,
    read_xlsx,
    xlsx,
)

pytestmark = pytest.mark.django_db

UPLOAD = "capacity:upload"


class Page:
    """A response with its text unescaped, as a user reads it."""

    def __init__(self, response):
        self.status_code = response.status_code
        self.text = html.unescape(response.content.decode())


def upload(client, user, file) -> Page:
    client.force_login(user)
    return Page(client.post(reverse(UPLOAD), {"file": file}, follow=True))


def test_an_upload_with_one_bad_cell_changes_nothing_and_names_the_cell(
    client, zwolle_officer, zwolle_location
):
    file = xlsx(
        [capacity_row(zwolle_location),
         capacity_row(zwolle_location, start=date(2022, 7, 1), end=None),
         capacity_row(zwolle_location, start=date(2022, 8, 1), end=None, places="veel")],
        [["GM0193", "2022-07", 12]],
    )
    response = upload(client, zwolle_officer, file)
    assert response.status_code == 200
    assert ("Blad 'Capaciteit', rij 4, kolom 'Plekken': 'veel' is geen geheel getal."
            in response.text)
    assert "Er is niets opgeslagen" in response.text
    assert not CapacityRecord.objects.exists()
    assert not PermitHolderHousing.objects.exists()
    assert not capacity_audit().exists()


def test_every_error_is_shown_at_once(client, zwolle_officer, zwolle_location):
    file = xlsx(
        [capacity_row(zwolle_location, occupancy=80, places=50),
         capacity_row(zwolle_location, start=date(2022, 7, 1), end=date(2022, 6, 1)),
         capacity_row(zwolle_location, start="31-02-2022", kind="misschien")],
        [["GM0193", "juli", -3]],
    )
    text = upload(client, zwolle_officer, file).text
    for message in (
        "Blad 'Capaciteit', rij 2, kolom 'Bezetting': De bezetting (80) is groter dan het "
        "aantal plekken (50).",
        "Blad 'Capaciteit', rij 3, kolom 'Tot en met': '1-6-2022' ligt vóór 'Vanaf' (1-7-2022).",
        "Blad 'Capaciteit', rij 4, kolom 'Vanaf': '31-02-2022' is geen datum",
        "Blad 'Capaciteit', rij 4, kolom 'Soort': 'misschien' is geen soort",
        "Blad 'Vergunninghouders', rij 2, kolom 'Maand': 'juli' is geen maand",
        "Blad 'Vergunninghouders', rij 2, kolom 'Gehuisvest': '-3' is negatief",
    ):
        assert message in text
    assert not CapacityRecord.objects.exists()


def test_the_same_upload_twice_doubles_nothing(client, zwolle_officer, zwolle_location):
    rows = [capacity_row(zwolle_location),
            capacity_row(zwolle_location, start=date(2022, 7, 1), end=None, occupancy=None)]
    first = upload(client, zwolle_officer, xlsx(rows, [["GM0193", date(2022, 7, 1), 12]]))
    assert "3 nieuw, 0 gecorrigeerd, 0 ongewijzigd" in first.text
    second = upload(client, zwolle_officer, xlsx(rows, [["GM0193", "2022-07", 12]]))
    assert "0 nieuw, 0 gecorrigeerd, 3 ongewijzigd" in second.text
    assert CapacityRecord.objects.count() == 2
    assert PermitHolderHousing.objects.count() == 1
    events = capacity_audit().filter(action="import")
    assert events.count() == 2
    assert all("Sporthal" not in e.summary for e in events)


def test_a_changed_figure_corrects_the_record_with_the_same_start(
    client, zwolle_officer, zwolle_location
):
    upload(client, zwolle_officer, xlsx([capacity_row(zwolle_location)]))
    response = upload(client, zwolle_officer, xlsx([capacity_row(zwolle_location, places=80)]))
    assert "0 nieuw, 1 gecorrigeerd, 0 ongewijzigd" in response.text
    old, new = CapacityRecord.objects.order_by("registered_at")
    assert (old.places, new.places, new.corrects) == (75, 80, old)


def test_a_zwolle_officer_cannot_upload_rows_for_a_deventer_location(
    client, zwolle_officer, zwolle_location, deventer_location
):
    file = xlsx([capacity_row(zwolle_location), capacity_row(deventer_location)],
                [["GM0150", "2022-07", 4]])
    text = upload(client, zwolle_officer, file).text
    assert (f"Blad 'Capaciteit', rij 3, kolom 'Locatie-ID': u mag de cijfers van locatie "
            f"{deventer_location.pk} niet wijzigen" in text)
    assert ("Blad 'Vergunninghouders', rij 2, kolom 'Gemeente': u mag de cijfers van gemeente "
            "GM0150 niet wijzigen" in text)
    assert not CapacityRecord.objects.exists()
    assert not PermitHolderHousing.objects.exists()


def test_an_unknown_location_is_not_told_apart_from_an_invisible_one(
    client, amsterdam_officer, zwolle_location
):
    amsterdam = amsterdam_officer.municipalities.get()
    from opvangregie.capacity.models import Location

    own = Location.objects.create(name="Amsterdam Noord", municipality=amsterdam, type="cno")
    file = xlsx([capacity_row(own), capacity_row(zwolle_location),
                 [999999, "", "", date(2022, 6, 1), None, 3, None, "gepland"]])
    text = upload(client, amsterdam_officer, file).text
    assert (f"rij 3, kolom 'Locatie-ID': locatie {zwolle_location.pk} bestaat niet of u heeft "
            "er geen toegang toe." in text)
    assert "rij 4, kolom 'Locatie-ID': locatie 999999 bestaat niet" in text
    assert not CapacityRecord.objects.exists()


def test_a_board_member_cannot_upload_or_download_the_template(
    client, board_member, zwolle_location
):
    client.force_login(board_member)
    response = client.post(reverse(UPLOAD), {"file": xlsx([capacity_row(zwolle_location)])})
    assert response.status_code == 403
    assert client.get(reverse(UPLOAD)).status_code == 403
    assert client.get(reverse("capacity:upload_template")).status_code == 403
    assert not CapacityRecord.objects.exists()


def test_a_missing_column_and_an_unknown_sheet_are_errors(client, zwolle_officer):
    file = xlsx(capacity_header=["Locatie-ID", "Vanaf", "Tot en met", "Bezetting", "Soort"],
                extra_sheets=["Blad1"])
    text = upload(client, zwolle_officer, file).text
    assert "Blad 'Capaciteit', rij 1, kolom 'Plekken': deze kolom ontbreekt" in text
    assert "Blad 'Blad1': dit blad is onbekend." in text


@pytest.mark.parametrize("content, name", [
    (b"Locatie-ID;Vanaf\n1;2022-06-01\n", "cijfers.xlsx"),  # a CSV renamed
    (b"PK\x03\x04 broken zip", "cijfers.xlsx"),
    (b"irrelevant", "cijfers.csv"),
])
def test_a_file_that_is_not_an_xlsx_gives_a_clear_error(client, zwolle_officer, content, name):
    response = upload(client, zwolle_officer, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert "Excel-bestand" in response.text or ".xlsx" in response.text
    assert "Er is niets opgeslagen" in response.text


def test_a_zip_that_is_not_a_workbook_gives_a_clear_error(client, zwolle_officer):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "geen werkmap")
    response = upload(client, zwolle_officer, SimpleUploadedFile("x.xlsx", buffer.getvalue()))
    assert "Dit is geen geldig Excel-bestand (.xlsx)." in response.text


def test_a_too_large_file_is_refused(client, zwolle_officer, settings):
    big = SimpleUploadedFile("groot.xlsx", b"PK" + b"0" * (5 * 1024 * 1024 + 10))
    response = upload(client, zwolle_officer, big)
    assert "groter dan 5 MB" in response.text


# --- the template --------------------------------------------------------------------------


def download(client, user) -> bytes:
    client.force_login(user)
    response = client.get(reverse("capacity:upload_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def test_the_template_lists_own_locations_with_current_figures(
    client, zwolle_officer, zwolle_location, deventer_location, secret_location
):
    capacity_record_register(actor=zwolle_officer, location=zwolle_location,
                             valid_from=date(2022, 6, 1), valid_to=None, places=40)
    workbook = read_xlsx(download(client, zwolle_officer))
    assert workbook.sheetnames == ["Capaciteit", "Vergunninghouders", "Toelichting"]
    rows = list(workbook["Capaciteit"].iter_rows(values_only=True))
    assert rows[0][:8] == ("Locatie-ID", "Locatie", "Gemeente", "Vanaf", "Tot en met",
                           "Plekken", "Bezetting", "Soort")
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id[zwolle_location.pk][1:3] == ("Sporthal Zwolle-Zuid", "Zwolle")
    assert by_id[zwolle_location.pk][5] == 40
    assert by_id[secret_location.pk][1] == SECRET_NAME  # Zwolle's own confidential location
    assert deventer_location.pk not in by_id
    assert list(workbook["Vergunninghouders"].iter_rows(values_only=True))[0][:3] == (
        "Gemeente", "Maand", "Gehuisvest")
    assert workbook["Capaciteit"].data_validations.dataValidation
    assert capacity_audit().filter(action="export").count() == 1


def test_the_template_holds_no_confidential_name_for_a_deventer_officer(
    client, deventer_officer, secret_location, deventer_location
):
    content = download(client, deventer_officer)
    rows = list(read_xlsx(content)["Capaciteit"].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [deventer_location.pk]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            assert SECRET_NAME.encode() not in archive.read(name)


def test_the_template_downloads_and_reuploads_cleanly(client, zwolle_officer, zwolle_location,
                                                      secret_location):
    capacity_record_register(actor=zwolle_officer, location=zwolle_location,
                             valid_from=date(2022, 6, 1), valid_to=date(2022, 6, 14),
                             places=75, occupancy=70)
    empty = download(client, zwolle_officer)
    response = upload(client, zwolle_officer, SimpleUploadedFile("sjabloon.xlsx", empty))
    assert "0 nieuw, 0 gecorrigeerd, 1 ongewijzigd" in response.text

    # Fill it in as an officer would, and upload it again.
    workbook = read_xlsx(empty)
    sheet = workbook["Capaciteit"]
    sheet.append([secret_location.pk, SECRET_NAME, "Zwolle", date(2022, 9, 1), None, 150, 120,
                  "gepland"])
    workbook["Vergunninghouders"].append(["GM0193", "2022-08", 9])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, zwolle_officer,
                      SimpleUploadedFile("ingevuld.xlsx", buffer.getvalue()))
    assert "2 nieuw, 0 gecorrigeerd, 1 ongewijzigd" in response.text
    record = CapacityRecord.objects.get(location=secret_location)
    assert (record.places, record.occupancy, record.kind) == (150, 120, "planned")
    assert PermitHolderHousing.objects.get().housed == 9

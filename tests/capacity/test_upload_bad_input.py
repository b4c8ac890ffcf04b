"""Hostile and impossible Excel uploads: a Dutch message naming the row, nothing saved."""

import html
import io
from datetime import date

import pytest
from django.urls import reverse

from opvangregie.capacity.models import CapacityRecord, PermitHolderHousing
from tests.bad_input import huge_number, zip_bomb
from tests.capacity.conftest import capacity_audit, capacity_row, xlsx

pytestmark = pytest.mark.django_db


def post(client, user, content: bytes) -> str:
    file = io.BytesIO(content)
    file.name = "cijfers.xlsx"
    client.force_login(user)
    response = client.post(reverse("capacity:upload"), {"file": file}, follow=True)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def nothing_saved():
    return (not CapacityRecord.objects.exists() and not PermitHolderHousing.objects.exists()
            and not capacity_audit().exists())


def test_a_number_of_5000_digits_names_its_row(client, zwolle_officer, zwolle_location):
    content = huge_number(xlsx([capacity_row(zwolle_location),
                                capacity_row(zwolle_location, start=date(2022, 7, 1),
                                             places=123456789)]).getvalue(), 123456789)
    text = post(client, zwolle_officer, content)
    assert "Blad 'Capaciteit', rij 3: deze rij kan niet worden gelezen" in text
    assert nothing_saved()


def test_a_text_cell_of_5000_digits_is_refused(client, zwolle_officer, zwolle_location):
    content = xlsx([capacity_row(zwolle_location, places="9" * 5000)]).getvalue()
    text = post(client, zwolle_officer, content)
    assert "Blad 'Capaciteit', rij 2, kolom 'Plekken': het getal heeft meer dan" in text
    assert nothing_saved()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", date(1999, 12, 31),
                                 date(2101, 1, 1)])
def test_an_implausible_date_is_refused(client, zwolle_officer, zwolle_location, day):
    content = xlsx([capacity_row(zwolle_location, start=day, end=None)]).getvalue()
    text = post(client, zwolle_officer, content)
    assert "Blad 'Capaciteit', rij 2, kolom 'Vanaf'" in text
    assert "Datum moet tussen 1-1-2000 en 31-12-2100 liggen." in text
    assert nothing_saved()


@pytest.mark.parametrize("month", ["0001-01", "9999-12", date(1990, 5, 1)])
def test_an_implausible_month_is_refused(client, zwolle_officer, month):
    content = xlsx(housing=[["GM0193", month, 12]]).getvalue()
    text = post(client, zwolle_officer, content)
    assert "Blad 'Vergunninghouders', rij 2, kolom 'Maand'" in text
    assert "Datum moet tussen 1-1-2000 en 31-12-2100 liggen." in text
    assert nothing_saved()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, zwolle_officer, zwolle_location):
    content = zip_bomb(xlsx([capacity_row(zwolle_location)]).getvalue())
    assert len(content) < 1024 * 1024
    text = post(client, zwolle_officer, content)
    assert "Het bestand is uitgepakt te groot om in te lezen." in text
    assert nothing_saved()

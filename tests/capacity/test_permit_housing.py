"""Housed permit holders per municipality and month."""

import pytest
from django.urls import reverse

from opvangregie.capacity.models import PermitHolderHousing

pytestmark = pytest.mark.django_db

URL = "capacity:permit_housing"


def post(client, user, municipality, month="2022-07", housed="12", reason=""):
    client.force_login(user)
    return client.post(reverse(URL), {"municipality": municipality.pk, "month": month,
                                      "housed": housed, "reason": reason})


def test_an_officer_registers_a_month_and_a_correction_keeps_the_old_count(
    client, zwolle_officer, zwolle
):
    assert post(client, zwolle_officer, zwolle).status_code == 302
    assert post(client, zwolle_officer, zwolle, housed="15", reason="nagekomen").status_code == 302
    rows = PermitHolderHousing.objects.order_by("registered_at")
    assert [r.housed for r in rows] == [12, 15] and rows[1].corrects == rows[0]
    page = client.get(reverse(URL))
    assert "15" in page.text and "correctie" in page.text


def test_the_same_count_twice_changes_nothing(client, zwolle_officer, zwolle):
    post(client, zwolle_officer, zwolle)
    response = post(client, zwolle_officer, zwolle)
    assert PermitHolderHousing.objects.count() == 1
    assert "er is niets gewijzigd" in client.get(response.url).text


def test_a_bad_month_is_a_field_error(client, zwolle_officer, zwolle):
    response = post(client, zwolle_officer, zwolle, month="juli")
    assert response.status_code == 200 and "bijvoorbeeld 2022-06" in response.text
    assert not PermitHolderHousing.objects.exists()


def test_a_zwolle_officer_cannot_register_for_deventer(client, zwolle_officer, deventer):
    assert post(client, zwolle_officer, deventer).status_code == 403
    assert not PermitHolderHousing.objects.exists()


def test_a_board_member_reads_but_cannot_register(client, board_member, zwolle):
    assert post(client, board_member, zwolle).status_code == 403
    assert not PermitHolderHousing.objects.exists()
    page = client.get(reverse(URL))
    assert page.status_code == 200 and "Aantal registreren" not in page.text

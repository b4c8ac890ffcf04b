"""Registering and correcting dated capacity on the location page."""

from datetime import date

import pytest
from django.urls import reverse

from opvangregie.capacity.models import CapacityRecord
from opvangregie.capacity.services import capacity_record_register
from tests.capacity.conftest import capacity_audit

pytestmark = pytest.mark.django_db

FIGURES = {"valid_from": "2022-06-01", "valid_to": "2022-06-14", "places": "75",
           "occupancy": "60", "kind": "realised", "reason": ""}


def register(client, user, location, data=FIGURES):
    client.force_login(user)
    return client.post(reverse("capacity:capacity_register", kwargs={"pk": location.pk}), data)


def test_an_officer_registers_places_of_an_own_location(client, zwolle_officer, zwolle_location):
    response = register(client, zwolle_officer, zwolle_location)
    assert response.status_code == 302
    record = CapacityRecord.objects.get()
    assert (record.places, record.occupancy, record.valid_to) == (75, 60, date(2022, 6, 14))
    assert record.registered_by == zwolle_officer
    assert "De cijfers zijn geregistreerd." in client.get(response.url).text


def test_registering_the_same_figures_again_changes_nothing_and_says_so(
    client, zwolle_officer, zwolle_location
):
    register(client, zwolle_officer, zwolle_location)
    response = register(client, zwolle_officer, zwolle_location)
    assert CapacityRecord.objects.count() == 1
    assert "er is niets gewijzigd" in client.get(response.url).text


def test_occupancy_above_places_is_a_field_error(client, zwolle_officer, zwolle_location):
    response = register(client, zwolle_officer, zwolle_location,
                        {**FIGURES, "places": "50", "occupancy": "80"})
    assert response.status_code == 200
    assert "De bezetting (80) is groter dan het aantal plekken (50)." in response.text
    assert 'href="#id_occupancy"' in response.text  # the summary links to the field
    assert not CapacityRecord.objects.exists()


def test_an_end_before_the_start_is_a_field_error(client, zwolle_officer, zwolle_location):
    response = register(client, zwolle_officer, zwolle_location,
                        {**FIGURES, "valid_to": "2022-05-01"})
    assert "De einddatum ligt vóór de begindatum." in response.text
    assert not CapacityRecord.objects.exists()


def test_a_zwolle_officer_cannot_register_for_a_deventer_location(
    client, zwolle_officer, deventer_location
):
    assert register(client, zwolle_officer, deventer_location).status_code == 403
    assert not CapacityRecord.objects.exists()
    assert not capacity_audit().exists()


def test_an_officer_of_another_region_gets_404(client, amsterdam_officer, zwolle_location):
    assert register(client, amsterdam_officer, zwolle_location).status_code == 404
    assert not CapacityRecord.objects.exists()


def test_a_board_member_cannot_register_or_correct(client, board_member, zwolle_officer,
                                                   zwolle_location):
    record = capacity_record_register(actor=zwolle_officer, location=zwolle_location,
                                      valid_from=date(2022, 6, 1), valid_to=None,
                                      places=10).record
    assert register(client, board_member, zwolle_location).status_code == 403
    url = reverse("capacity:capacity_correct", kwargs={"pk": zwolle_location.pk,
                                                       "record_pk": record.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {**FIGURES, "reason": "x"}).status_code == 403
    assert CapacityRecord.objects.count() == 1


def test_a_correction_keeps_the_old_record_and_shows_who_corrected_it(
    client, zwolle_officer, zwolle_location
):
    register(client, zwolle_officer, zwolle_location)
    old = CapacityRecord.objects.get()
    url = reverse("capacity:capacity_correct", kwargs={"pk": zwolle_location.pk,
                                                       "record_pk": old.pk})
    form = client.get(url)
    assert form.status_code == 200 and 'value="75"' in form.text
    response = client.post(url, {**FIGURES, "valid_from": "2030-01-01", "places": "70",
                                 "reason": "telfout"})
    assert response.status_code == 302
    assert CapacityRecord.objects.count() == 2
    new = CapacityRecord.objects.get(corrects=old)
    # The start date cannot change in a correction: the service corrects by start date.
    assert new.valid_from == date(2022, 6, 1) and new.places == 70 and new.reason == "telfout"
    old.refresh_from_db()
    assert old.places == 75
    detail = client.get(response.url)
    assert "gecorrigeerd op" in detail.text and zwolle_officer.username in detail.text
    assert "De cijfers zijn gecorrigeerd." in detail.text


def test_a_correction_needs_a_reason(client, zwolle_officer, zwolle_location):
    register(client, zwolle_officer, zwolle_location)
    old = CapacityRecord.objects.get()
    url = reverse("capacity:capacity_correct", kwargs={"pk": zwolle_location.pk,
                                                       "record_pk": old.pk})
    response = client.post(url, {**FIGURES, "places": "70", "reason": ""})
    assert response.status_code == 200 and "Toelichting" in response.text
    assert CapacityRecord.objects.count() == 1


def test_a_corrected_record_cannot_be_corrected_again(client, zwolle_officer, zwolle_location):
    register(client, zwolle_officer, zwolle_location)
    old = CapacityRecord.objects.get()
    register(client, zwolle_officer, zwolle_location, {**FIGURES, "places": "80"})
    url = reverse("capacity:capacity_correct", kwargs={"pk": zwolle_location.pk,
                                                       "record_pk": old.pk})
    response = client.post(url, {**FIGURES, "places": "90", "reason": "x"})
    # Refused with what was registered meanwhile; the input stays in the form (ADR 7).
    assert response.status_code == 200
    assert "Plekken: 80 (opgeslagen) tegenover 90 (uw invoer)" in response.text
    assert CapacityRecord.objects.count() == 2

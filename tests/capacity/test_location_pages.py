"""Locations: who sees which names, who may create and change them."""

from datetime import date

import pytest
from django.urls import reverse

from opvangregie.audit.models import AuditEvent
from opvangregie.capacity.models import Location
from opvangregie.capacity.services import capacity_record_register
from tests.capacity.conftest import SECRET_NAME, capacity_audit

pytestmark = pytest.mark.django_db

NEW_LOCATION = {
    "name": "Evenementenhal Oost", "address": "Hallenweg 3", "type": "cno",
    "for_asylum_seekers": "on", "operator": "municipality", "status": "open",
}


def page(client, user, url):
    client.force_login(user)
    return client.get(url)


def detail_url(location):
    return reverse("capacity:location_detail", kwargs={"pk": location.pk})


@pytest.mark.parametrize("who", ["deventer_officer", "board_member"])
def test_a_confidential_name_is_hidden_from_other_municipalities_and_the_board(
    client, request, who, secret_location
):
    user = request.getfixturevalue(who)
    listing = page(client, user, reverse("capacity:location_list"))
    assert listing.status_code == 200
    assert SECRET_NAME not in listing.text
    assert "Vertrouwelijke locatie" in listing.text
    detail = page(client, user, detail_url(secret_location))
    assert detail.status_code == 200
    assert SECRET_NAME not in detail.text
    assert "Geheimstraat" not in detail.text
    assert not AuditEvent.objects.filter(action="view").exists()


@pytest.mark.parametrize("who", ["zwolle_officer", "coordinator"])
def test_the_own_municipality_and_the_coordinator_see_the_name_and_the_view_is_logged(
    client, request, who, secret_location
):
    user = request.getfixturevalue(who)
    listing = page(client, user, reverse("capacity:location_list"))
    assert SECRET_NAME in listing.text
    assert "vertrouwelijk" in listing.text
    detail = page(client, user, detail_url(secret_location))
    assert SECRET_NAME in detail.text and "Geheimstraat 7" in detail.text
    event = AuditEvent.objects.get(action="view", object_id=str(secret_location.pk))
    assert event.actor == user and SECRET_NAME not in event.summary


def test_the_list_shows_current_places_and_filters_by_municipality(
    client, zwolle_officer, zwolle_location, deventer_location
):
    capacity_record_register(actor=zwolle_officer, location=zwolle_location,
                             valid_from=date(2020, 1, 1), valid_to=None, places=321,
                             occupancy=123)
    response = page(client, zwolle_officer, reverse("capacity:location_list"))
    assert "Sporthal Zwolle-Zuid" in response.text and "Hotel De Worp" in response.text
    assert "321" in response.text and "123" in response.text
    filtered = client.get(reverse("capacity:location_list"), {"gemeente": "GM0150"})
    assert "Hotel De Worp" in filtered.text and "Sporthal Zwolle-Zuid" not in filtered.text


def test_an_officer_of_another_region_gets_404(client, amsterdam_officer, zwolle_location):
    assert page(client, amsterdam_officer, detail_url(zwolle_location)).status_code == 404


def test_an_officer_creates_a_location_in_the_own_municipality(client, zwolle_officer, zwolle):
    client.force_login(zwolle_officer)
    response = client.post(reverse("capacity:location_create"),
                           {**NEW_LOCATION, "municipality": zwolle.pk})
    location = Location.objects.get(name="Evenementenhal Oost")
    assert response.status_code == 302 and response.url == detail_url(location)
    assert location.municipality == zwolle and location.created_by == zwolle_officer
    assert AuditEvent.objects.filter(action="create", object_id=str(location.pk)).exists()


def test_an_officer_cannot_create_a_location_in_another_municipality(
    client, zwolle_officer, deventer
):
    client.force_login(zwolle_officer)
    response = client.post(reverse("capacity:location_create"),
                           {**NEW_LOCATION, "municipality": deventer.pk})
    assert response.status_code == 200  # the choice is not offered: a field error
    assert "Gemeente" in response.text and "Er is niets opgeslagen" in response.text
    assert not Location.objects.filter(name="Evenementenhal Oost").exists()


def test_an_officer_cannot_edit_another_municipalitys_location(
    client, zwolle_officer, deventer_location
):
    client.force_login(zwolle_officer)
    url = reverse("capacity:location_edit", kwargs={"pk": deventer_location.pk})
    assert client.get(url).status_code == 403
    response = client.post(url, {**NEW_LOCATION, "municipality": deventer_location.municipality_id})
    assert response.status_code == 403
    deventer_location.refresh_from_db()
    assert deventer_location.name == "Hotel De Worp"


def test_the_coordinator_edits_a_location_of_the_region(client, coordinator, deventer_location):
    client.force_login(coordinator)
    url = reverse("capacity:location_edit", kwargs={"pk": deventer_location.pk})
    assert "Hotel De Worp" in client.get(url).text
    response = client.post(url, {**NEW_LOCATION, "municipality": deventer_location.municipality_id,
                                 "status": "closed"})
    assert response.status_code == 302
    deventer_location.refresh_from_db()
    assert deventer_location.status == "closed"
    event = AuditEvent.objects.get(action="update", object_id=str(deventer_location.pk))
    assert event.before["status"] == "open" and event.after["status"] == "closed"


def test_a_board_member_cannot_create_or_edit(client, board_member, zwolle, zwolle_location):
    client.force_login(board_member)
    assert client.get(reverse("capacity:location_create")).status_code == 403
    response = client.post(reverse("capacity:location_create"),
                           {**NEW_LOCATION, "municipality": zwolle.pk})
    assert response.status_code == 403
    edit = reverse("capacity:location_edit", kwargs={"pk": zwolle_location.pk})
    assert client.post(edit, {**NEW_LOCATION, "municipality": zwolle.pk}).status_code == 403
    assert Location.objects.count() == 1
    assert not capacity_audit().exists()
    detail = client.get(detail_url(zwolle_location))
    assert edit not in detail.text and "Plekken en bezetting registreren" not in detail.text

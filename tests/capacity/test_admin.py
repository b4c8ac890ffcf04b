"""The admin: locations changed through the services (audited), figures read-only."""

from datetime import date

import pytest
from django.urls import reverse

from opvangregie.capacity.services import capacity_record_register
from tests.capacity.conftest import capacity_audit

pytestmark = pytest.mark.django_db


def test_an_administrators_change_of_a_location_is_audited(client, administrator,
                                                          zwolle_location):
    client.force_login(administrator)
    url = reverse("admin:capacity_location_change", args=[zwolle_location.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "name": "Sporthal Zwolle-Zuid", "address": "",
        "municipality": zwolle_location.municipality_id,
        "type": "cno", "operator": "municipality", "status": "closed",
        "capacity_records-TOTAL_FORMS": "0", "capacity_records-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302
    zwolle_location.refresh_from_db()
    assert zwolle_location.status == "closed"
    event = capacity_audit().get(action="update", object_id=str(zwolle_location.pk))
    assert (event.actor, event.before["status"], event.after["status"]) == (
        administrator, "open", "closed")


def test_capacity_records_are_read_only_in_the_admin(client, administrator, zwolle_location):
    record = capacity_record_register(actor=None, location=zwolle_location,
                                      valid_from=date(2022, 6, 1), valid_to=None,
                                      places=10).record
    client.force_login(administrator)
    assert client.get(reverse("admin:capacity_capacityrecord_changelist")).status_code == 200
    assert client.get(reverse("admin:capacity_capacityrecord_add")).status_code == 403
    change = client.post(reverse("admin:capacity_capacityrecord_change", args=[record.pk]),
                         {"places": "99"})
    assert change.status_code == 403
    record.refresh_from_db()
    assert record.places == 10


def test_a_stale_location_change_in_the_admin_is_refused(client, administrator,
                                                        zwolle_location):
    client.force_login(administrator)
    url = reverse("admin:capacity_location_change", args=[zwolle_location.pk])
    version = str(zwolle_location.version)
    form = {
        "name": "Sporthal Zwolle-Zuid", "address": "",
        "municipality": zwolle_location.municipality_id, "type": "cno",
        "operator": "municipality", "status": "closed", "expected_version": version,
        "capacity_records-TOTAL_FORMS": "0", "capacity_records-INITIAL_FORMS": "0",
    }
    assert client.post(url, form).status_code == 302

    response = client.post(url, {**form, "status": "open", "name": "Sporthal Noord"})

    assert response.status_code == 200
    assert "Status: gesloten (opgeslagen) tegenover open (uw invoer)" in response.text
    zwolle_location.refresh_from_db()
    assert (zwolle_location.name, zwolle_location.status) == ("Sporthal Zwolle-Zuid", "closed")


def test_the_admin_location_page_carries_its_version(client, administrator, zwolle_location):
    client.force_login(administrator)
    page = client.get(reverse("admin:capacity_location_change", args=[zwolle_location.pk]))
    assert f'name="expected_version" value="{zwolle_location.version}"' in page.text

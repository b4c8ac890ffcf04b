"""Who may see and change a municipality's data."""

import pytest
from django.urls import reverse

from opvangregie.audit.models import AuditEvent

NEW_CONTACT = {
    "contact_name": "Inge Jansen",
    "contact_email": "opvang@example.org",
    "contact_phone": "038 123 45 67",
}


def edit(client, user, municipality, data=NEW_CONTACT):
    client.force_login(user)
    return client.post(reverse("municipality_edit", kwargs={"code": municipality.code}), data)


def test_zwolle_officer_cannot_change_deventer(client, zwolle_officer, deventer):
    response = edit(client, zwolle_officer, deventer)
    assert response.status_code == 403
    deventer.refresh_from_db()
    assert deventer.contact_name == ""
    assert not AuditEvent.objects.filter(object_id=str(deventer.pk)).exists()


def test_zwolle_officer_changes_zwolle_and_the_change_is_audited(client, zwolle_officer, zwolle):
    response = edit(client, zwolle_officer, zwolle)
    assert response.status_code == 302
    zwolle.refresh_from_db()
    assert zwolle.contact_name == "Inge Jansen"
    event = AuditEvent.objects.get(object_id=str(zwolle.pk), action="update")
    assert event.actor == zwolle_officer
    assert event.before["contact_name"] == "" and event.after["contact_name"] == "Inge Jansen"


def test_board_member_cannot_change_anything(client, board_member, zwolle):
    response = edit(client, board_member, zwolle)
    assert response.status_code == 403
    zwolle.refresh_from_db()
    assert zwolle.contact_name == ""
    detail = client.get(reverse("municipality_detail", kwargs={"code": zwolle.code}))
    assert detail.status_code == 200
    assert reverse("municipality_edit", kwargs={"code": zwolle.code}) not in detail.text


def test_coordinator_may_change_every_municipality_of_the_region(client, coordinator, deventer):
    assert edit(client, coordinator, deventer).status_code == 302
    deventer.refresh_from_db()
    assert deventer.contact_email == "opvang@example.org"


def test_an_officer_of_another_region_does_not_even_see_the_municipality(
    client, amsterdam_officer, zwolle
):
    assert edit(client, amsterdam_officer, zwolle).status_code == 404
    client.force_login(amsterdam_officer)
    detail = client.get(reverse("municipality_detail", kwargs={"code": zwolle.code}))
    assert detail.status_code == 404


def test_invalid_input_names_the_field_and_writes_nothing(client, zwolle_officer, zwolle):
    response = edit(client, zwolle_officer, zwolle, {**NEW_CONTACT, "contact_email": "geen-adres"})
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in" in response.text
    zwolle.refresh_from_db()
    assert zwolle.contact_name == ""


@pytest.mark.parametrize(
    "url",
    [
        reverse("dashboard"),
        reverse("municipality_detail", kwargs={"code": "GM0193"}),
        reverse("municipality_edit", kwargs={"code": "GM0193"}),
        "/beheer/",
    ],
)
def test_every_page_requires_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"] or "/beheer/login/" in response["Location"]


def test_only_administrators_reach_the_admin(client, coordinator, administrator):
    client.force_login(coordinator)
    assert client.get("/beheer/").status_code == 302
    client.force_login(administrator)
    assert client.get("/beheer/").status_code == 200

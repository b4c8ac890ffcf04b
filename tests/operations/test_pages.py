"""Every page renders for every role, without inline styles or scripts (strict CSP)."""

from datetime import date

import pytest
from django.urls import reverse

from opvangregie.operations import services
from opvangregie.operations.members import Key, rota_members
from opvangregie.operations.models import ParticipantKind

from .conftest import location_with_capacity


@pytest.fixture
def world(ijsselland, zwolle, coordinator):
    cno = location_with_capacity(zwolle, name="CNO Zwolle", places=80, occupancy=20,
                                 for_asylum_seekers=True)
    services.stay_register(actor=coordinator, location=cno, reference="CNO-1",
                           arrived_on=date(2022, 6, 1))
    rota = services.rota_create(
        actor=coordinator, name="R", participant_kind=ParticipantKind.MUNICIPALITY,
        safety_region=ijsselland,
        members=rota_members(kind=ParticipantKind.MUNICIPALITY, key=Key.EQUAL,
                             region=ijsselland),
        start=date(2022, 6, 1), end=date(2022, 7, 31), parallel=3, key_description="gelijk",
    )
    services.rota_adopt(actor=coordinator, rota=rota, decision_reference="BAO")
    request = services.emergency_request_create(actor=coordinator, safety_region=ijsselland,
                                                places_needed=5, target_group="asylum_seekers")
    return {"cno": cno, "rota": rota, "request": request}


def urls(world):
    rota, turn = world["rota"], world["rota"].turns.first()
    return [
        reverse("operations:index"),
        reverse("operations:rota_detail", kwargs={"pk": rota.pk}),
        reverse("operations:stays"),
        reverse("operations:stays") + "?op=2022-06-14",
        reverse("operations:stay_location", kwargs={"pk": world["cno"].pk}),
        reverse("operations:emergency_list"),
        reverse("operations:emergency_detail", kwargs={"pk": world["request"].pk}),
        reverse("operations:notifications"),
    ], [
        reverse("operations:rota_create"),
        reverse("operations:turn_change", kwargs={"pk": rota.pk, "turn_pk": turn.pk}),
    ]


@pytest.mark.parametrize("role", ["coordinator", "zwolle_officer", "board_member",
                                  "administrator"])
def test_every_page_renders_for_every_role(client, world, role, request):
    user = request.getfixturevalue(role)
    client.force_login(user)
    readable, writable = urls(world)
    for url in readable:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "style=" not in response.text and "<script>" not in response.text, url
    for url in writable:
        expected = 200 if role in ("coordinator", "administrator") else 403
        assert client.get(url).status_code == expected, (url, role)


def test_pages_require_login(client, world):
    response = client.get(reverse("operations:index"))
    assert response.status_code == 302 and "inloggen" in response["Location"]

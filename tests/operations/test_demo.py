"""The demo: national phase-1 rota, a rota within IJsselland, stays and the emergency button."""

from collections import Counter
from datetime import date
from fractions import Fraction

import pytest
from django.urls import reverse

from opvangregie.accounts.models import User
from opvangregie.demo.scenario import REGION_CODE, demo_accounts_ensure, scenario_load
from opvangregie.operations import selectors
from opvangregie.operations.demo import (
    NATIONAL_ROTA,
    REGIONAL_ROTA,
    operations_demo_load,
    operations_demo_notify,
)
from opvangregie.operations.models import EmergencyRequest, Notification, Rota, RotaStatus
from opvangregie.regions.models import SafetyRegion


@pytest.fixture
def demo(db):
    scenario_load()
    region = SafetyRegion.objects.get(code=REGION_CODE)
    operations_demo_load(region)  # a no-op once the scenario calls it itself
    demo_accounts_ensure()
    operations_demo_notify()
    return region


def check_national_phase_one_rota(demo):
    rota = Rota.objects.get(name=NATIONAL_ROTA)
    assert rota.status == RotaStatus.ADOPTED and rota.safety_region is None
    assert (rota.start, rota.end, rota.parallel, rota.places_per_turn, rota.turn_days) == (
        date(2022, 6, 1), date(2022, 8, 31), 4, 150, 14)
    assert rota.participants.count() == 25
    assert rota.turns.count() == 28
    by_slot = Counter(rota.turns.values_list("slot", flat=True))
    assert set(by_slot.values()) == {4}
    ijsselland = rota.participants.get(safety_region=demo)
    assert ijsselland.weight == 537993  # CBS, 1-1-2022
    for participant in rota.participants.all():
        assert abs(participant.turn_count - Fraction(participant.quota)) < 1


def test_demo_rotas_and_the_officers_ics(demo, client):
    check_national_phase_one_rota(demo)
    rota = Rota.objects.get(name=REGIONAL_ROTA)
    assert rota.safety_region == demo and rota.participants.count() == 11
    zwolle_officer = User.objects.get(username="zwolle")
    client.force_login(zwolle_officer)
    page = client.get(reverse("operations:rota_detail", kwargs={"pk": rota.pk}))
    assert "Agendabestand (.ics) voor Zwolle downloaden" in page.text
    zwolle = rota.participants.get(municipality__code="GM0193")
    ics = client.get(reverse("operations:participant_ics",
                             kwargs={"pk": rota.pk, "participant_pk": zwolle.pk}))
    assert ics.status_code == 200
    assert ics.content.decode().count("BEGIN:VEVENT") == zwolle.turn_count > 0


def test_demo_emergency_button_stays_and_reloading(demo, client):
    request = EmergencyRequest.objects.get()
    coordinator = User.objects.get(username="coordinator")
    rows = selectors.free_places_for_request(coordinator, request)
    assert rows and all(r.free > 0 for r in rows)
    assert rows[0].suitable
    assert request.responses.filter(accepted=True).exists()
    client.force_login(coordinator)
    assert client.get(reverse("operations:emergency_detail",
                              kwargs={"pk": request.pk})).status_code == 200
    # the stays at Ommen, June 2022
    rows = selectors.two_week_list(coordinator, on=date(2022, 6, 14))
    assert [(r.stay.reference, r.day) for r in rows] == [
        ("OMM-0002", 14), ("OMM-0003", 13), ("OMM-0005", 12)]
    client.force_login(coordinator)
    page = client.get(reverse("operations:stays") + "?op=2022-06-14")
    assert "OMM-0002" in page.text
    # the accounts made after the button was pressed got their notification, once
    assert Notification.objects.filter(recipient__username="coordinator",
                                       emergency_request=request).count() == 1
    assert operations_demo_notify() == 0
    # loading twice adds nothing
    operations_demo_load(demo)
    assert Rota.objects.count() == 2 and EmergencyRequest.objects.count() == 1

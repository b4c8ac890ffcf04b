"""The national what-if: a national number over every municipality or the 25 regions."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from opvangregie.regions.models import Municipality, SafetyRegion
from opvangregie.targets.models import Target
from tests.factories import UserFactory


@pytest.fixture
def national_coordinator(db):
    user = UserFactory(role="board", safety_region=None)
    # The group the migration creates, with the permission `targets.distribute_nationally`.
    user.groups.add(Group.objects.get(name="Landelijk coördinator"))
    return user


@pytest.fixture
def national_target(db):
    return Target.objects.create(
        name="Spreidingswet 2024", kind=Target.Kind.ASYLUM, scope=Target.Scope.NATIONAL,
        amount=96_000, unit=Target.Unit.PLACES, period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31), source="Regeling spreiding",
    )


def national(client, user, **params):
    client.force_login(user)
    return client.get(reverse("national_whatif"), params)


def test_the_national_coordinator_distributes_the_national_target_over_every_municipality(
    client, national_coordinator, national_target
):
    response = national(client, national_coordinator, doel=national_target.pk,
                        peildatum="2023-01-01", gewicht_inwoners=50)
    assert response.status_code == 200
    result = response.context["computed"].result
    existing = [m for m in Municipality.objects.all() if m.exists_on(date(2023, 1, 1))]
    assert len(result.units) == len(existing) == 342
    assert sum(result.allocations.values()) == 96_000
    assert "Spreidingswet 2024" in response.text and "Amsterdam" in response.text


def test_over_the_regions_with_an_own_number_and_agreements(client, national_coordinator):
    response = national(
        client, national_coordinator, niveau="regios", aantal=10_000, peildatum="2023-01-01",
        gewicht_inwoners=70, methode="sainte-lague",
        eenheid_1="Amsterdam-Amstelland", soort_1="vast", plekken_1=500,
        eenheid_2="VR04", soort_2="max", plekken_2=100,
    )
    computed = response.context["computed"]
    assert len(computed.units) == SafetyRegion.objects.count() == 25
    allocations = computed.result.allocations
    assert sum(allocations.values()) == 10_000
    assert allocations["Amsterdam-Amstelland"] == 500
    assert allocations["IJsselland"] <= 100
    assert "Vaste afspraak: 500" in response.text


def test_an_unknown_unit_in_an_agreement_is_named_as_an_error(client, national_coordinator):
    response = national(client, national_coordinator, aantal=1000, eenheid_1="Atlantis",
                        soort_1="vast", plekken_1=5)
    assert response.status_code == 200
    assert "computed" not in response.context
    assert "Onbekende gemeente of regio" in response.text


def test_bounds_that_cannot_hold_are_explained(client, national_coordinator):
    response = national(client, national_coordinator, niveau="regios", aantal=100,
                        eenheid_1="VR04", soort_1="vast", plekken_1=500)
    assert response.context["whatif_error"]
    assert "computed" not in response.context


def test_htmx_gets_only_the_results(client, national_coordinator):
    client.force_login(national_coordinator)
    response = client.get(reverse("national_whatif"), {"aantal": 1000, "niveau": "regios"},
                          HTTP_HX_REQUEST="true")
    assert "<html" not in response.text
    assert 'hx-swap-oob="true"' in response.text


def test_the_administrator_may_use_it(client, administrator):
    response = national(client, administrator, aantal=96_000)
    assert sum(response.context["computed"].result.allocations.values()) == 96_000


@pytest.mark.parametrize("role", ["coordinator", "board_member", "zwolle_officer"])
def test_a_regional_role_is_refused(client, request, role):
    response = national(client, request.getfixturevalue(role), aantal=96_000)
    assert response.status_code == 403


def test_the_national_coordinators_dashboard_is_the_national_whatif(
    client, national_coordinator
):
    client.force_login(national_coordinator)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url == reverse("national_whatif")


def test_the_table_shows_each_unit_with_its_share_quota_and_reason(client, national_coordinator):
    page = national(client, national_coordinator, aantal=1000, niveau="regios",
                    peildatum="2023-01-01").text
    assert 'max="10000000"' in page  # an input's limit is not written as a Dutch number
    assert "IJsselland" in page and "Restplaats: grote rest na afronden" in page
    assert "<strong>1.000</strong>" in page  # the total row, written the Dutch way


def test_the_administrators_dashboard_links_to_it(client, administrator):
    client.force_login(administrator)
    assert reverse("national_whatif") in client.get(reverse("dashboard")).text

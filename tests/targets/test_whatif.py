"""The what-if on the region dashboard and saving / adopting a distribution."""

from datetime import date

import pytest
from django.urls import reverse

from opvangregie.demo.scenario import scenario_load
from opvangregie.targets.models import Distribution, DistributionStatus, Target


@pytest.fixture
def scenario(db):
    scenario_load()


def whatif(client, user, **params):
    client.force_login(user)
    query = {"peildatum": "2022-01-01", "gewicht_inwoners": 50, "methode": "hamilton",
             "doel": Target.objects.get(amount=450).pk, **params}
    return client.get(reverse("dashboard"), query)


def test_crediting_lowers_the_part_of_who_already_did_more(client, coordinator, scenario):
    credited = whatif(client, coordinator, verrekenen="on").context["whatif"]
    plain = whatif(client, coordinator).context["whatif"]
    by_name = {m.name: m for m in credited.municipalities}
    zwartewaterland = by_name["Zwartewaterland"]
    # The boat's 336 planned place-weeks cover Zwartewaterland's fair part: it gets 0.
    assert credited.for_municipality(zwartewaterland).allocation == 0
    assert plain.for_municipality(zwartewaterland).allocation > 0
    assert sum(u.allocation for u in credited.result.units) == 450


def test_the_table_explains_each_number_and_compares_with_the_adopted_version(
    client, coordinator, scenario
):
    page = whatif(client, coordinator, verrekenen="on").text
    assert "Eerlijk deel" in page and "Bepaald door" in page
    assert "Deed eerder al meer dan het eerlijke deel; hoeft niets meer te leveren" in page
    assert "Vergeleken met de vastgestelde verdeling (versie 1" in page
    assert "Verschil" in page


def test_htmx_gets_only_the_results(client, coordinator, scenario):
    client.force_login(coordinator)
    response = client.get(
        reverse("dashboard"),
        {"peildatum": "2022-01-01", "gewicht_inwoners": 70,
         "doel": Target.objects.get(amount=450).pk},
        HTTP_HX_REQUEST="true",
    )
    assert "<html" not in response.text
    assert "70% inwoners en 30% landoppervlakte" in response.text
    assert 'hx-swap-oob="true"' in response.text


def test_impossible_bounds_name_the_municipalities(client, coordinator, scenario):
    response = whatif(client, coordinator, max_GM0193=0, max_GM0150=0, max_GM0160=0,
                      max_GM0166=0, max_GM0175=0, max_GM0177=0, max_GM0180=0, max_GM1708=0,
                      max_GM1773=0, max_GM1896=0, max_GM0148=10)
    assert response.status_code == 200
    assert "whatif_error" in response.context
    assert "Dalfsen" in response.context["whatif_error"]


def test_coordinator_saves_a_concept_and_adopts_it_with_a_decision(client, coordinator, scenario):
    client.force_login(coordinator)
    target = Target.objects.get(amount=450)
    response = client.post(reverse("distribution_save"), {
        "regio": "VR04", "peildatum": "2022-01-01", "gewicht_inwoners": 60,
        "doel": target.pk, "methode": "sainte-lague", "verrekenen": "on",
        "vast_GM0180": 10, "reden_GM0180": "Afspraak met Staphorst",
    })
    concept = Distribution.objects.get(target=target, version=2)
    assert response.status_code == 302
    assert concept.status == DistributionStatus.CONCEPT
    assert concept.allocations.get(municipality__code="GM0180").amount == 10
    assert concept.agreements.get().reason == "Afspraak met Staphorst"
    client.post(reverse("distribution_adopt", kwargs={"pk": concept.pk}), {"besluit": "BAO 28-9"})
    concept.refresh_from_db()
    assert concept.status == DistributionStatus.ADOPTED
    assert Distribution.objects.get(target=target, version=1).status == "superseded"


def test_an_agreement_without_reason_is_not_saved(client, coordinator, scenario):
    client.force_login(coordinator)
    target = Target.objects.get(amount=450)
    client.post(reverse("distribution_save"), {
        "regio": "VR04", "peildatum": "2022-01-01", "gewicht_inwoners": 50,
        "doel": target.pk, "vast_GM0180": 10,
    })
    assert not Distribution.objects.filter(target=target, version=2).exists()


@pytest.mark.parametrize("role", ["board_member", "zwolle_officer"])
def test_only_coordinators_save_or_adopt(client, request, role, scenario):
    user = request.getfixturevalue(role)
    client.force_login(user)
    target = Target.objects.get(amount=450)
    saved = client.post(reverse("distribution_save"), {
        "regio": "VR04", "peildatum": "2022-01-01", "gewicht_inwoners": 50, "doel": target.pk,
    })
    assert saved.status_code == 403
    adopted = Distribution.objects.get(target=target, version=1)
    response = client.post(reverse("distribution_adopt", kwargs={"pk": adopted.pk}),
                           {"besluit": "x"})
    assert response.status_code == 403
    assert Distribution.objects.filter(target=target).count() == 1
    assert date(2022, 1, 1) == adopted.reference_date


def test_coordinator_records_a_regional_target(client, coordinator, ijsselland):
    client.force_login(coordinator)
    response = client.post(reverse("target_create"), {
        "name": "Extra plekken Oekraïners", "kind": "ukrainians", "amount": 400,
        "unit": "places", "period_start": "2022-07-01", "period_end": "2022-12-31",
        "source": "BAO 25-05-2022",
    })
    assert response.status_code == 302
    target = Target.objects.get(name="Extra plekken Oekraïners")
    assert target.safety_region == ijsselland and target.scope == "regional"


def test_a_target_ending_before_it_starts_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("target_create"), {
        "name": "Fout", "kind": "cno", "amount": 10, "unit": "places",
        "period_start": "2022-07-01", "period_end": "2022-06-30", "source": "x",
    })
    assert "De einddatum ligt vóór de begindatum" in response.text
    assert not Target.objects.filter(name="Fout").exists()


def test_a_board_member_cannot_record_targets(client, board_member):
    client.force_login(board_member)
    assert client.get(reverse("target_create")).status_code == 403

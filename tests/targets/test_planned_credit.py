"""Planned effort registered for the target's own window counts as earlier effort, once."""

from datetime import date

import pytest
from django.urls import reverse

from opvangregie.capacity.models import CapacityKind, LocationType
from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import capacity_record_register, location_create
from opvangregie.regions.models import Municipality
from opvangregie.targets.credit import planned_credits_now
from opvangregie.targets.distribution import DistributionInput, distribution_compute
from opvangregie.targets.models import Distribution, DistributionStatus, Target
from opvangregie.targets.services import (
    distribution_adopt,
    distribution_recompute,
    distribution_save,
    target_create,
)

PLANNED_ON = date(2022, 8, 20)


@pytest.fixture
def cno_target(ijsselland):
    return target_create(
        name="CNO 450", kind=Target.Kind.CNO, scope=Target.Scope.REGIONAL,
        safety_region=ijsselland, amount=450, unit=Target.Unit.PLACES,
        period_start=date(2022, 10, 1), period_end=date(2022, 12, 31), source="test",
    )


@pytest.fixture
def zwartewaterland(db):
    return Municipality.objects.get(name="Zwartewaterland")


@pytest.fixture
def boat(zwartewaterland):
    """The seeds' boat: 4 weeks × 84 places after 1 October, planned in August."""
    location = location_create(actor=None, name="Boot", municipality=zwartewaterland,
                               type=LocationType.CNO)
    capacity_record_register(actor=None, location=location, valid_from=date(2022, 10, 1),
                             valid_to=date(2022, 10, 28), places=84,
                             kind=CapacityKind.PLANNED, registered_at=end_of_day(PLANNED_ON))
    return location


def compute(target, region, *, planned=(), as_of=date(2022, 8, 31)):
    return distribution_compute(DistributionInput(
        target=target, region=region, reference_date=date(2022, 1, 1),
        credit_from=date(2022, 6, 1), credit_until=date(2022, 9, 30),
        credit_location_type=LocationType.CNO, credit_as_of=as_of,
        planned_locations=tuple(location.pk for location in planned),
    ))


def unit(computed, name):
    return next(u for m, u in zip(computed.municipalities, computed.result.units, strict=True)
                if m.name == name)


def test_planned_effort_after_the_start_counts_only_where_the_board_names_it(
    cno_target, ijsselland, boat
):
    plain = compute(cno_target, ijsselland)
    assert unit(plain, "Zwartewaterland").credit == 0
    assert unit(plain, "Zwartewaterland").allocation > 0
    credited = compute(cno_target, ijsselland, planned=[boat])
    assert unit(credited, "Zwartewaterland").credit == 336
    assert unit(credited, "Zwartewaterland").allocation == 0
    assert sum(u.allocation for u in credited.result.units) == 450


def test_the_distribution_keeps_the_planned_effort_with_the_day_it_was_registered(
    cno_target, ijsselland, boat, coordinator
):
    distribution = distribution_save(
        actor=coordinator, computed=compute(cno_target, ijsselland, planned=[boat]))
    (credit,) = distribution.planned_credits.all()
    assert credit.location == boat and credit.place_weeks == 336
    assert credit.planned_place_weeks == 336
    assert credit.planned_registered_at == end_of_day(PLANNED_ON)


def test_planned_effort_later_realised_is_credited_once(cno_target, ijsselland, boat):
    # Realised in the first two weeks, from a record of its own (a different start date).
    capacity_record_register(actor=None, location=boat, valid_from=date(2022, 10, 2),
                             valid_to=date(2022, 10, 15), places=84,
                             registered_at=end_of_day(date(2022, 10, 15)))
    computed = compute(cno_target, ijsselland, planned=[boat], as_of=date(2022, 10, 20))
    assert unit(computed, "Zwartewaterland").credit == 336
    (effort,) = computed.window_effort
    assert effort.planned_place_weeks == 168  # 1 October and 16–28 October: 14 days


def test_a_realised_record_correcting_the_planned_one_keeps_the_credit(
    cno_target, ijsselland, boat
):
    capacity_record_register(actor=None, location=boat, valid_from=date(2022, 10, 1),
                             valid_to=date(2022, 10, 28), places=84,
                             registered_at=end_of_day(date(2022, 10, 28)))
    computed = compute(cno_target, ijsselland, planned=[boat], as_of=date(2022, 10, 28))
    assert unit(computed, "Zwartewaterland").credit == 336
    assert computed.window_effort[0].planned_place_weeks == 0


def test_planned_effort_that_falls_through_can_be_recomputed_as_a_new_version(
    cno_target, ijsselland, boat, coordinator
):
    first = distribution_adopt(
        actor=coordinator, decision_reference="BAO 31-08-2022",
        distribution=distribution_save(
            actor=coordinator, computed=compute(cno_target, ijsselland, planned=[boat])),
    )
    # The boat does not come: the planned record is corrected to no places.
    capacity_record_register(actor=None, location=boat, valid_from=date(2022, 10, 1),
                             valid_to=date(2022, 10, 28), places=0, kind=CapacityKind.PLANNED)
    (item,) = planned_credits_now(first, on=date.today())
    assert item.fell_through and item.now == 0
    second = distribution_recompute(actor=coordinator, distribution=first, as_of=date.today())
    assert (second.version, second.status) == (2, DistributionStatus.CONCEPT)
    zwartewaterland = second.allocations.get(municipality__name="Zwartewaterland")
    assert zwartewaterland.credit == 0 and zwartewaterland.amount > 0
    assert second.planned_credits.get().location == boat  # still named, now 0
    first.refresh_from_db()
    assert first.status == DistributionStatus.ADOPTED  # until the board adopts version 2


def test_the_distribution_page_offers_the_recompute_when_planned_effort_fell_through(
    cno_target, ijsselland, boat, coordinator, client
):
    distribution = distribution_save(
        actor=coordinator, computed=compute(cno_target, ijsselland, planned=[boat]))
    client.force_login(coordinator)
    url = reverse("distribution_detail", kwargs={"pk": distribution.pk})
    assert "Opnieuw doorrekenen" not in client.get(url).content.decode()
    capacity_record_register(actor=None, location=boat, valid_from=date(2022, 10, 1),
                             valid_to=date(2022, 10, 14), places=84, kind=CapacityKind.PLANNED)
    text = client.get(url).content.decode()
    assert "Verrekende geplande inzet" in text and "Opnieuw doorrekenen" in text
    response = client.post(reverse("distribution_recompute", kwargs={"pk": distribution.pk}))
    newest = Distribution.objects.order_by("-version").first()
    assert newest.version == 2 and response["Location"].endswith(
        reverse("distribution_detail", kwargs={"pk": newest.pk}))
    assert newest.allocations.get(municipality__name="Zwartewaterland").credit == 168


def test_a_board_member_cannot_recompute(cno_target, ijsselland, boat, coordinator,
                                         board_member, client):
    distribution = distribution_save(
        actor=coordinator, computed=compute(cno_target, ijsselland, planned=[boat]))
    client.force_login(board_member)
    response = client.post(reverse("distribution_recompute", kwargs={"pk": distribution.pk}))
    assert response.status_code == 403
    assert Distribution.objects.count() == 1


def test_the_whatif_names_the_planned_effort_to_credit_and_saving_keeps_it(client, coordinator):
    from opvangregie.capacity.models import Location
    from opvangregie.demo.scenario import BOAT, scenario_load

    scenario_load()
    boat = Location.objects.get(name=BOAT)
    client.force_login(coordinator)
    query = {"peildatum": "2022-01-01", "gewicht_inwoners": 50, "methode": "hamilton",
             "doel": Target.objects.get(amount=450).pk, "verrekenen": "on"}
    page = client.get(reverse("dashboard"), query)
    form = page.context["whatif_form"]
    assert boat.pk in dict(form.fields["gepland"].choices)
    # Without a choice on the page, the adopted version's choice holds: the boat counts.
    zwartewaterland = Municipality.objects.get(name="Zwartewaterland")
    assert page.context["whatif"].for_municipality(zwartewaterland).allocation == 0
    # Unticking it on the page: the boat's planned weeks no longer count.
    unticked = client.get(reverse("dashboard"), {**query, "gepland_gekozen": "True"})
    assert unticked.context["whatif"].for_municipality(zwartewaterland).allocation > 0
    response = client.post(reverse("distribution_save"), {
        **query, "regio": "VR04", "gepland_gekozen": "True", "gepland": [boat.pk]})
    saved = Distribution.objects.order_by("-pk").first()
    assert response.status_code == 302 and saved.version == 2
    assert saved.planned_credits.get().location == boat

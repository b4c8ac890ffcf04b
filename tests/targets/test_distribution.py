from datetime import date
from fractions import Fraction

import pytest
from freezegun import freeze_time

from opvangregie.capacity.models import LocationType
from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import capacity_record_register, location_create
from opvangregie.regions.models import Municipality
from opvangregie.targets.credit import place_weeks_by_municipality
from opvangregie.targets.distribution import (
    DistributionInput,
    distribution_compute,
    region_municipalities,
    shares_in_force,
)
from opvangregie.targets.models import DistributionStatus, Target
from opvangregie.targets.selectors import distribution_in_force
from opvangregie.targets.services import distribution_adopt, distribution_save, target_create


@pytest.fixture
def cno_target(ijsselland):
    return target_create(
        name="CNO 450", kind=Target.Kind.CNO, scope=Target.Scope.REGIONAL,
        safety_region=ijsselland, amount=450, unit=Target.Unit.PLACES,
        period_start=date(2022, 10, 1), period_end=date(2022, 12, 31), source="test",
    )


def cno_location(municipality, places, start, end, actor):
    location = location_create(actor=actor, name=f"CNO {municipality.name}",
                               municipality=municipality, type=LocationType.CNO)
    capacity_record_register(actor=actor, location=location, valid_from=start, valid_to=end,
                             places=places, registered_at=end_of_day(start))
    return location


def test_without_credit_the_target_is_split_by_key_and_adds_up(cno_target, ijsselland):
    computed = distribution_compute(DistributionInput(target=cno_target, region=ijsselland,
                                                      reference_date=date(2022, 1, 1)))
    assert len(computed.municipalities) == 11
    assert sum(u.allocation for u in computed.result.units) == 450
    zwolle = Municipality.objects.get(code="GM0193")
    assert computed.for_municipality(zwolle).share == pytest.approx(0.1517, abs=1e-4)


def test_earlier_cno_effort_is_credited(cno_target, ijsselland, coordinator):
    ommen = Municipality.objects.get(code="GM0175")
    # Ommen: 75 places for two weeks in June 2022 = 150 place-weeks.
    cno_location(ommen, 75, date(2022, 6, 1), date(2022, 6, 14), coordinator)
    inputs = dict(target=cno_target, region=ijsselland, reference_date=date(2022, 1, 1))
    plain = distribution_compute(DistributionInput(**inputs))
    credited = distribution_compute(DistributionInput(
        **inputs, credit_from=date(2022, 6, 1), credit_until=date(2022, 9, 30),
        credit_location_type=LocationType.CNO, credit_as_of=date(2022, 9, 30),
    ))
    assert credited.for_municipality(ommen).credit == Fraction(150)
    assert credited.for_municipality(ommen).allocation < plain.for_municipality(ommen).allocation
    assert sum(u.allocation for u in credited.result.units) == 450


def test_saved_versions_and_one_adopted(cno_target, ijsselland, coordinator):
    computed = distribution_compute(DistributionInput(target=cno_target, region=ijsselland,
                                                      reference_date=date(2022, 1, 1)))
    first = distribution_save(actor=coordinator, computed=computed)
    second = distribution_save(actor=coordinator, computed=computed)
    assert (first.version, second.version) == (1, 2)
    assert sum(a.amount for a in first.allocations.all()) == 450
    distribution_adopt(actor=coordinator, distribution=first, decision_reference="BAO 31-08")
    distribution_adopt(actor=coordinator, distribution=second, decision_reference="BAO 28-09")
    first.refresh_from_db()
    assert first.status == DistributionStatus.SUPERSEDED
    assert second.status == DistributionStatus.ADOPTED


def test_the_share_in_force_is_computed_until_a_distribution_is_adopted_by_then(
    cno_target, ijsselland, coordinator
):
    ommen = Municipality.objects.get(code="GM0175")
    cno_location(ommen, 75, date(2022, 6, 1), date(2022, 6, 14), coordinator)
    window = dict(credit_from=date(2022, 6, 1), credit_until=date(2022, 9, 30),
                  location_type=LocationType.CNO)
    computed = shares_in_force(coordinator, region=ijsselland, target=cno_target,
                               on=date(2022, 8, 31), **window)
    assert not computed.adopted and computed.error == ""
    assert sum(computed.shares.values()) == 450
    # The credits a caller already read give the same shares as reading them here.
    credits = place_weeks_by_municipality(
        region_municipalities(ijsselland, date(2022, 8, 31)), start=date(2022, 6, 1),
        until=date(2022, 9, 30), location_type=LocationType.CNO, as_of=date(2022, 8, 31))
    assert credits[ommen.pk] == 150
    assert shares_in_force(coordinator, region=ijsselland, target=cno_target,
                           on=date(2022, 8, 31), credits=credits, **window) == computed

    plain = distribution_compute(DistributionInput(target=cno_target, region=ijsselland,
                                                   reference_date=date(2022, 1, 1)))
    with freeze_time("2022-09-28 12:00"):
        saved = distribution_save(actor=coordinator, computed=plain)
        distribution_adopt(actor=coordinator, distribution=saved, decision_reference="BAO 28-09")
    assert shares_in_force(coordinator, region=ijsselland, target=cno_target,
                           on=date(2022, 8, 31), **window) == computed
    adopted = shares_in_force(coordinator, region=ijsselland, target=cno_target,
                              on=date(2022, 9, 30), **window)
    assert adopted.adopted and adopted.decision == "BAO 28-09"
    assert adopted.shares[ommen.pk] == plain.for_municipality(ommen).allocation


def test_a_later_adoption_leaves_the_version_it_superseded_in_force_before(
    cno_target, ijsselland, coordinator
):
    computed = distribution_compute(DistributionInput(target=cno_target, region=ijsselland,
                                                      reference_date=date(2022, 1, 1)))
    with freeze_time("2022-09-01 12:00"):
        first = distribution_save(actor=coordinator, computed=computed)
        distribution_adopt(actor=coordinator, distribution=first, decision_reference="BAO 1-9")
    with freeze_time("2022-10-05 12:00"):
        second = distribution_save(actor=coordinator, computed=computed)
        distribution_adopt(actor=coordinator, distribution=second, decision_reference="BAO 5-10")
    assert distribution_in_force(coordinator, target=cno_target, region=ijsselland,
                                 on=date(2022, 8, 31)) is None
    assert distribution_in_force(coordinator, target=cno_target, region=ijsselland,
                                 on=date(2022, 9, 30)).decision_reference == "BAO 1-9"
    assert distribution_in_force(coordinator, target=cno_target, region=ijsselland,
                                 on=date(2022, 10, 5)).decision_reference == "BAO 5-10"

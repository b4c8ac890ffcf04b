from datetime import date

import pytest

from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import permit_housing_register
from opvangregie.targets.balances import (
    HalfYear,
    earliest_relevant_day,
    permit_holder_balances,
    quotas,
    statutory_quota,
)
from opvangregie.targets.models import Target
from opvangregie.targets.selectors import targets_overlapping
from opvangregie.targets.services import target_create


def test_quota_is_rounded_up_as_the_law_prescribes():
    assert statutory_quota(13500, 129840, 17475415) == 101  # 100.30… → 101
    assert statutory_quota(10, 5, 10) == 5  # exact stays exact


def test_zwolle_quota_for_the_second_half_of_2022_uses_population_of_1_january_2021(zwolle):
    half = HalfYear(2022, 2)
    assert half.population_date == date(2021, 1, 1)
    assert quotas([zwolle], national_number=13500, half_year=half)[zwolle.pk].quota == 101
    assert quotas([zwolle], national_number=20000, half_year=half)[zwolle.pk].quota == 149


def national_target(amount, start, end, *, informal=False):
    return target_create(
        name=f"Taakstelling {amount} {start}", kind=Target.Kind.PERMIT_HOLDERS,
        scope=Target.Scope.NATIONAL, amount=amount, unit=Target.Unit.PERSONS,
        period_start=start, period_end=end, source="test", is_informal=informal,
    )


def balances_on(user, region, municipalities, day):
    targets = targets_overlapping(user, region=region, start=earliest_relevant_day(day),
                                  end=date(day.year, 12, 31),
                                  kinds=[Target.Kind.PERMIT_HOLDERS])
    return permit_holder_balances([m.pk for m in municipalities], targets=targets, on=day,
                                  known_at=end_of_day(day))


@pytest.fixture
def second_half_2022():
    return (national_target(13500, date(2022, 7, 1), date(2022, 12, 31)),
            national_target(20000, date(2022, 7, 1), date(2022, 12, 31), informal=True))


def test_saldo_counts_housed_permit_holders_known_by_the_reference_date(
    zwolle, coordinator, ijsselland, second_half_2022
):
    for month, housed in ((7, 20), (8, 25), (9, 30)):
        permit_housing_register(
            actor=coordinator, municipality=zwolle, month=date(2022, month, 1), housed=housed,
            registered_at=end_of_day(date(2022, month, 28)),
        )
    on_aug = balances_on(coordinator, ijsselland, [zwolle], date(2022, 8, 31))
    assert (on_aug.official_target, on_aug.informal_target) == second_half_2022
    assert (on_aug.quota[zwolle.pk], on_aug.housed[zwolle.pk]) == (101, 45)
    assert on_aug.carried_over[zwolle.pk] == 0  # no target for the first half: nothing carried
    assert on_aug.saldo_1(zwolle.pk) == 45 - 101
    assert on_aug.saldo_2(zwolle.pk) == 45 - 149
    assert on_aug.population_date == date(2021, 1, 1)
    # September's figure was registered on 28 September: not yet known on 27-9.
    assert balances_on(coordinator, ijsselland, [zwolle], date(2022, 9, 27)).housed[
        zwolle.pk] == 45
    assert balances_on(coordinator, ijsselland, [zwolle], date(2022, 9, 30)).housed[
        zwolle.pk] == 75


def test_a_backlog_carries_over_through_every_half_year_with_an_official_target(
    zwolle, coordinator, ijsselland, second_half_2022
):
    first_half = national_target(13500, date(2022, 1, 1), date(2022, 6, 30))
    national_target(9000, date(2021, 7, 1), date(2021, 12, 31))
    # 2nd half 2021 (population 1-1-2020): quota 68 for Zwolle (9000 × 129,840 ÷ 17,407,585).
    permit_housing_register(actor=coordinator, municipality=zwolle, month=date(2021, 10, 1),
                            housed=60, registered_at=end_of_day(date(2021, 10, 31)))
    permit_housing_register(actor=coordinator, municipality=zwolle, month=date(2022, 3, 1),
                            housed=90, registered_at=end_of_day(date(2022, 3, 31)))
    result = balances_on(coordinator, ijsselland, [zwolle], date(2022, 8, 31))
    second_half_2021 = statutory_quota(9000, *_zwolle_and_national(date(2020, 1, 1)))
    assert result.carried_over[zwolle.pk] == (60 - second_half_2021) + (90 - 101)
    assert result.carry_over_targets[0] == first_half
    assert len(result.carry_over_targets) == 2
    assert result.saldo_1(zwolle.pk) == result.carried_over[zwolle.pk] - 101


def test_without_an_official_target_quota_and_saldo_are_blank(zwolle, coordinator, ijsselland):
    result = balances_on(coordinator, ijsselland, [zwolle], date(2022, 8, 31))
    assert result.official_target is None and result.quota is None
    assert result.saldo_1(zwolle.pk) is None and result.saldo_2(zwolle.pk) is None


def _zwolle_and_national(day):
    from opvangregie.regions.models import Indicator, Municipality
    from opvangregie.regions.selectors import indicator_values_on, national_value_on

    zwolle = Municipality.objects.get(code="GM0193")
    return (int(indicator_values_on([zwolle], Indicator.POPULATION, day)[zwolle.pk].value),
            int(national_value_on(Indicator.POPULATION, day)[0]))

from datetime import date

from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import permit_housing_register
from opvangregie.targets.balances import HalfYear, balances, quotas, statutory_quota


def test_quota_is_rounded_up_as_the_law_prescribes():
    assert statutory_quota(13500, 129840, 17475415) == 101  # 100.30… → 101
    assert statutory_quota(10, 5, 10) == 5  # exact stays exact


def test_zwolle_quota_for_the_second_half_of_2022_uses_population_of_1_january_2021(zwolle):
    half = HalfYear(2022, 2)
    assert half.population_date == date(2021, 1, 1)
    assert quotas([zwolle], national_number=13500, half_year=half)[zwolle.pk].quota == 101
    assert quotas([zwolle], national_number=20000, half_year=half)[zwolle.pk].quota == 149


def test_balance_counts_housed_permit_holders_up_to_the_reference_date(zwolle, coordinator):
    for month, housed in ((7, 20), (8, 25), (9, 30)):
        permit_housing_register(
            actor=coordinator, municipality=zwolle, month=date(2022, month, 1), housed=housed,
            registered_at=end_of_day(date(2022, month, 28)),
        )
    on_aug = balances(
        [zwolle], national_number=13500, half_year=HalfYear(2022, 2),
        reference_date=date(2022, 8, 31), carried_over={zwolle.pk: -4},
    )[zwolle.pk]
    assert (on_aug.quota, on_aug.housed, on_aug.carried_over) == (101, 45, -4)
    assert on_aug.balance == 45 - 4 - 101
    # September's figure was registered after the reference date: not yet known on 31-8.
    on_sep = balances(
        [zwolle], national_number=13500, half_year=HalfYear(2022, 2),
        reference_date=date(2022, 9, 30),
    )[zwolle.pk]
    assert on_sep.housed == 75

"""The figures as known on a date, and the current figures of a location."""

from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest
from django.utils import timezone

from opvangregie.capacity.models import Location
from opvangregie.capacity.municipal import cno_place_weeks, places_of
from opvangregie.capacity.selectors import (
    capacity_records_as_known,
    current_capacity_by_location,
    end_of_day,
    housed_between,
    housed_per_month,
    last_updates,
)
from opvangregie.capacity.services import (
    capacity_record_register,
    figures_confirm,
    permit_housing_register,
)

pytestmark = pytest.mark.django_db


def aware(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_a_correction_registered_later_is_invisible_as_of_an_earlier_date(
    zwolle_location, zwolle_officer
):
    first = capacity_record_register(
        actor=zwolle_officer, location=zwolle_location, valid_from=date(2022, 6, 1),
        valid_to=date(2022, 6, 14), places=75, registered_at=aware(2022, 6, 2, 10),
    ).record
    correction = capacity_record_register(
        actor=zwolle_officer, location=zwolle_location, valid_from=date(2022, 6, 1),
        valid_to=date(2022, 6, 14), places=60, reason="telfout",
        registered_at=aware(2022, 6, 20, 10),
    ).record
    assert correction.corrects == first

    before = capacity_records_as_known([zwolle_location], as_of=end_of_day(date(2022, 6, 10)))
    after = capacity_records_as_known([zwolle_location], as_of=end_of_day(date(2022, 6, 20)))
    assert [r.places for r in before] == [75]
    assert [r.places for r in after] == [60]


def test_the_current_figure_prefers_realised_over_planned(zwolle_location, zwolle_officer):
    today = timezone.localdate()
    for kind, places in (("planned", 300), ("realised", 120)):
        capacity_record_register(
            actor=zwolle_officer, location=zwolle_location,
            valid_from=today - timedelta(days=10 if kind == "realised" else 5), valid_to=None,
            places=places, kind=kind,
        )
    current = current_capacity_by_location([zwolle_location.pk], on=today)
    assert current[zwolle_location.pk].places == 120


def test_cno_place_weeks_follow_a_correction_only_once_it_is_known(
    zwolle_location, zwolle_officer, zwolle
):
    # 75 places for two weeks from Wednesday 1 June, corrected to 60 on 20 June.
    for places, registered in ((75, aware(2022, 6, 2, 10)), (60, aware(2022, 6, 20, 10))):
        capacity_record_register(
            actor=zwolle_officer, location=zwolle_location, valid_from=date(2022, 6, 1),
            valid_to=date(2022, 6, 14), places=places, kind="planned", registered_at=registered,
        )
    window = {"cno_start": date(2022, 6, 1), "cno_end": date(2022, 9, 30),
              "day": date(2022, 6, 1)}

    def cno_weeks(known):
        return cno_place_weeks(places_of([zwolle.pk], known_at=end_of_day(known), **window), {})

    assert cno_weeks(date(2022, 6, 10))[zwolle.pk] == {
        (2022, 22): Fraction(75 * 5, 7), (2022, 23): Fraction(75),
        (2022, 24): Fraction(75 * 2, 7)}
    assert sum(cno_weeks(date(2022, 6, 20))[zwolle.pk].values()) == 120  # 60 × 14 days ÷ 7
    zwolle_location.type = "azc"
    zwolle_location.save()
    assert cno_weeks(date(2022, 6, 20)) == {}  # only CNO locations count


def test_places_on_a_day_count_realised_azc_and_ukrainian_places_not_planned_ones(
    zwolle_officer, zwolle, deventer_location, deventer
):
    azc = Location.objects.create(name="AZC Zwolle", municipality=zwolle, type="azc")
    for location, places, kind in ((azc, 300, "realised"), (azc, 50, "planned"),
                                   (deventer_location, 40, "realised")):
        capacity_record_register(
            actor=zwolle_officer, location=location, valid_from=date(2022, 1, 1) if kind ==
            "realised" else date(2022, 2, 1), valid_to=None, places=places, kind=kind,
            registered_at=aware(2022, 1, 1, 9),
        )
    window = {"cno_start": date(2022, 6, 1), "cno_end": date(2022, 9, 30)}
    places = places_of([zwolle.pk, deventer.pk], known_at=end_of_day(date(2022, 8, 31)),
                       day=date(2022, 8, 31), **window)
    assert (places[zwolle.pk].azc, places[zwolle.pk].for_ukrainians) == (300, 0)
    # A hotel for Ukrainians:
    assert (places[deventer.pk].azc, places[deventer.pk].for_ukrainians) == (0, 40)
    before = places_of([zwolle.pk], known_at=end_of_day(date(2022, 8, 31)),
                       day=date(2021, 12, 31), **window)
    assert (before[zwolle.pk].azc, before[zwolle.pk].for_ukrainians) == (0, 0)


def test_housed_permit_holders_per_month_as_known_on_a_date(zwolle_officer, zwolle):
    for housed, registered in ((20, aware(2022, 7, 25, 9)), (18, aware(2022, 9, 2, 9))):
        permit_housing_register(actor=zwolle_officer, municipality=zwolle,
                                month=date(2022, 7, 1), housed=housed, registered_at=registered)
    permit_housing_register(actor=zwolle_officer, municipality=zwolle, month=date(2022, 8, 1),
                            housed=25, registered_at=aware(2022, 8, 25, 9))
    on_31_august = housed_per_month([zwolle.pk], as_of=end_of_day(date(2022, 8, 31)))[zwolle.pk]
    assert on_31_august == {date(2022, 7, 1): 20, date(2022, 8, 1): 25}
    assert housed_between(on_31_august, date(2022, 7, 1), date(2022, 7, 31)) == 20
    later = housed_per_month([zwolle.pk], as_of=end_of_day(date(2022, 9, 30)))[zwolle.pk]
    assert housed_between(later, date(2022, 7, 1), date(2022, 12, 31)) == 18 + 25


def test_the_last_update_is_the_latest_registration_or_confirmation_known_by_then(
    zwolle_location, zwolle_officer, zwolle, deventer
):
    capacity_record_register(actor=zwolle_officer, location=zwolle_location,
                             valid_from=date(2022, 6, 1), valid_to=None, places=10,
                             registered_at=aware(2022, 6, 2, 10))
    permit_housing_register(actor=zwolle_officer, municipality=zwolle, month=date(2022, 7, 1),
                            housed=3, registered_at=aware(2022, 7, 20, 10))
    figures_confirm(actor=zwolle_officer, municipality=zwolle)  # today
    ids = [zwolle.pk, deventer.pk]
    assert last_updates(ids, as_of=end_of_day(date(2022, 6, 30))) == {
        zwolle.pk: aware(2022, 6, 2, 10)}
    assert last_updates(ids, as_of=end_of_day(date(2022, 8, 31))) == {
        zwolle.pk: aware(2022, 7, 20, 10)}
    assert last_updates(ids, as_of=timezone.now())[zwolle.pk].date() == timezone.now().date()

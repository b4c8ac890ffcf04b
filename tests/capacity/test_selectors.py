"""The figures as known on a date, and the current figures of a location."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from opvangregie.capacity.selectors import (
    capacity_records_as_known,
    current_capacity_by_location,
    end_of_day,
)
from opvangregie.capacity.services import capacity_record_register

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

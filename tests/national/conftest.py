from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from opvangregie.national.models import Measure, Series, SeriesKind
from opvangregie.national.services import _register

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FIRST = date(2022, 3, 8)


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=AMSTERDAM)


@pytest.fixture
def places(db) -> Series:
    return Series.objects.create(code="oekraine-plekken", name="Oekraïners: plekken",
                                 kind=SeriesKind.UKRAINIANS, measure=Measure.PLACES)


@pytest.fixture
def occupied(db) -> Series:
    return Series.objects.create(code="oekraine-bezet", name="Oekraïners: bezet",
                                 kind=SeriesKind.UKRAINIANS, measure=Measure.OCCUPIED)


@pytest.fixture
def weekly_history(places, occupied):
    """Twelve weeks of occupancy rising towards 46,091 places, each known the next morning."""
    for k in range(12):
        day = FIRST + timedelta(weeks=k)
        for series, value in ((occupied, 30_000 + 800 * k + (150 if k % 2 else -150)),
                              (places, 46_091)):
            _register(series=series, day=day, value=value, source="test",
                      is_illustrative=True, registered_by=None,
                      now=at(day + timedelta(days=1)))
    return FIRST + timedelta(weeks=11)

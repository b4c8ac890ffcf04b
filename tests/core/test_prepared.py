"""Queries compiled once and run again with new values (core.prepared, ADR 12) give the rows the
queryset itself gives, for every set of ids, dates and moments."""

from datetime import date, timedelta
from itertools import combinations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opvangregie.capacity.models import CapacityKind, Location, LocationType
from opvangregie.capacity.selectors import capacity_values_query, end_of_day
from opvangregie.capacity.services import capacity_record_register
from opvangregie.core import prepared
from opvangregie.regions.models import Municipality
from tests.reports.conftest import add_location


def records_of(ids, known_at, start, end):
    return capacity_values_query(Location.objects.filter(municipality_id__in=ids),
                                 as_of=known_at, overlapping=(start, end))


def of_type(ids, kind):
    return (Location.objects.filter(municipality_id__in=ids, type=kind).order_by("pk")
            .values_list("pk", "name"))


@pytest.fixture
def figures(ijsselland, coordinator):
    """CNO and AZC places in three municipalities, some corrected later."""
    towns = list(Municipality.objects.filter(safety_region=ijsselland).order_by("pk")[:3])
    for number, town in enumerate(towns):
        location = add_location(coordinator, town, LocationType.CNO, 50 + number,
                                date(2022, 6, 1), date(2022, 6, 30), known=date(2022, 5, 20))
        add_location(coordinator, town, LocationType.AZC, 300, date(2022, 1, 1),
                     known=date(2022, 1, 1))
        # Known later: a correction of June, and July's places.
        capacity_record_register(actor=coordinator, location=location,
                                 valid_from=date(2022, 6, 1), valid_to=date(2022, 6, 30),
                                 places=40 + number, reason="telling",
                                 registered_at=end_of_day(date(2022, 6, 10 + number)))
        capacity_record_register(actor=coordinator, location=location,
                                 valid_from=date(2022, 7, 1), valid_to=None, places=10,
                                 kind=CapacityKind.PLANNED,
                                 registered_at=end_of_day(date(2022, 6, 20)))
    return [town.pk for town in towns]


def test_the_rows_are_those_of_the_queryset_for_every_value(figures):
    moments = [end_of_day(date(2022, 5, 31)) + timedelta(days=days) for days in (0, 10, 11, 30)]
    windows = [(date(2022, 6, 1), date(2022, 6, 7)), (date(2022, 7, 2), date(2022, 8, 1)),
               (date(2021, 1, 1), date(2021, 2, 1))]
    compared = 0
    for size in (1, 2, 3):
        for ids in combinations(figures, size):
            for known_at in moments:
                for start, end in windows:
                    wanted = sorted(records_of(list(ids), known_at, start, end))
                    got = sorted(prepared.rows("test-records", records_of, ids=list(ids),
                                               known_at=known_at, start=start, end=end))
                    assert got == wanted, (ids, known_at, start, end)
                    compared += bool(wanted)
    assert compared > 20  # most combinations have records: the comparison says something


def test_values_come_back_as_the_fields_give_them(figures):
    [row, *_] = prepared.rows("test-records", records_of, ids=figures[:1],
                              known_at=end_of_day(date(2022, 8, 1)), start=date(2022, 6, 1),
                              end=date(2022, 6, 30))
    _municipality, _type, for_ukrainians, valid_from, *_rest = row
    assert isinstance(valid_from, date) and isinstance(for_ukrainians, bool)


def test_one_query_per_run_and_a_constant_is_part_of_the_shape(figures):
    with CaptureQueriesContext(connection) as queries:
        cno = prepared.rows("test-type", of_type, ids=figures, kind=LocationType.CNO)
        azc = prepared.rows("test-type", of_type, ids=figures, kind=LocationType.AZC)
    assert len(queries) == 2
    assert cno == list(of_type(figures, LocationType.CNO))
    assert azc == list(of_type(figures, LocationType.AZC)) and cno != azc


def test_no_ids_no_rows(figures):
    assert prepared.rows("test-type", of_type, ids=[], kind=LocationType.CNO) == []


def test_a_value_that_is_not_a_parameter_is_refused(figures):
    def sliced(ids, count):
        return Location.objects.filter(municipality_id__in=ids).values_list("pk")[:count]

    with pytest.raises(ValueError, match="count"):
        prepared.rows("test-sliced", sliced, ids=figures, count=2)

"""The overview's query count does not grow with the number of municipalities or locations."""

from datetime import date, timedelta

from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opvangregie.capacity.models import CapacityKind, CapacityRecord, Location, LocationType
from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import figures_confirm, permit_housing_register
from opvangregie.regions.models import Municipality, SafetyRegion
from opvangregie.reports.overview import overview_for_user
from opvangregie.reports.system import system_user
from opvangregie.targets.models import Target
from opvangregie.targets.services import target_create
from tests.reports.conftest import AS_OF

TYPES = (LocationType.CNO, LocationType.AZC, LocationType.GOO, LocationType.HOTEL)


def populate(region, actor, *, per_municipality: int, weeks: int) -> int:
    """Locations with weekly records in every municipality of the region (bulk, for speed)."""
    locations = Location.objects.bulk_create(
        Location(name=f"Locatie {m.code}-{i}", municipality=m, type=TYPES[i % len(TYPES)],
                 for_ukrainians=i % 3 == 0, is_confidential=i % 2 == 0)
        for m in Municipality.objects.filter(safety_region=region)
        for i in range(per_municipality)
    )
    start = date(2022, 5, 2)  # a Monday
    CapacityRecord.objects.bulk_create(
        CapacityRecord(location=location, valid_from=start + timedelta(weeks=w),
                       valid_to=start + timedelta(weeks=w, days=6), places=10 + w,
                       kind=CapacityKind.PLANNED if w % 5 == 0 else CapacityKind.REALISED,
                       registered_at=end_of_day(start + timedelta(weeks=w)))
        for location in locations
        for w in range(weeks)
    )
    for m in Municipality.objects.filter(safety_region=region)[:3]:
        permit_housing_register(actor=actor, municipality=m, month=date(2022, 7, 1), housed=5,
                                registered_at=end_of_day(date(2022, 7, 20)))
        figures_confirm(actor=actor, municipality=m)
    return len(locations)


def regional_cno_target(region):
    return target_create(name=f"CNO {region.code}", kind=Target.Kind.CNO,
                         scope=Target.Scope.REGIONAL, safety_region=region, amount=450,
                         unit=Target.Unit.PLACES, period_start=date(2022, 10, 1),
                         period_end=date(2022, 12, 31), source="test",
                         registered_at=end_of_day(date(2022, 6, 1)))


def count_queries(region) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as context:
        overview = overview_for_user(system_user(), region=region, as_of=AS_OF)
    return len(context.captured_queries), len(overview.rows)


def test_query_count_is_the_same_for_few_and_many_locations(scenario, ijsselland, coordinator):
    few, rows = count_queries(ijsselland)
    assert populate(ijsselland, coordinator, per_municipality=8, weeks=20) == 88
    many, rows_after = count_queries(ijsselland)
    assert rows == rows_after == 11
    assert many == few


def test_query_count_is_the_same_for_a_small_and_a_large_region(scenario, ijsselland,
                                                                 coordinator):
    largest = (
        SafetyRegion.objects.annotate(n=Count("municipalities")).order_by("-n", "code").first()
    )
    regional_cno_target(largest)
    populate(ijsselland, coordinator, per_municipality=2, weeks=20)
    populate(largest, coordinator, per_municipality=4, weeks=20)
    small, small_rows = count_queries(ijsselland)
    large, large_rows = count_queries(largest)
    assert large_rows > small_rows
    assert large == small


def test_the_page_needs_a_bounded_number_of_queries(client, coordinator, scenario, ijsselland,
                                                    django_assert_max_num_queries):
    client.force_login(coordinator)
    url = reverse("overview") + f"?peildatum={AS_OF.isoformat()}"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    populate(ijsselland, coordinator, per_municipality=6, weeks=12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200

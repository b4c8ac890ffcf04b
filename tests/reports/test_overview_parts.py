"""The overview from its parts (ADR 11): a registration reads its own municipality's figures
again, not the region's, and the answer is the one a fresh computation gives."""

from dataclasses import astuple
from datetime import date
from unittest import mock

from django.core.cache import cache

from opvangregie.capacity import municipal
from opvangregie.capacity.models import CapacityKind, CapacityRecord, LocationType
from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import capacity_record_register
from opvangregie.core.cache import HOUSING, PLACES, municipal_revisions
from opvangregie.regions.models import Municipality
from opvangregie.reports.overview import overview_for_user
from tests.reports.conftest import AS_OF, add_location


def fresh(user, region):
    cache.clear()
    return overview_for_user(user, region=region, as_of=AS_OF)


def comparable(overview):
    return [astuple(row)[1:] for row in overview.rows], astuple(overview.totals)


def spied():
    """Spies on the reads of the municipalities' own figures: which municipalities each got."""
    calls = {"places": [], "housing": []}
    real_places, real_housing = municipal.places_of, municipal.housing_of

    def places_of(ids, **kwargs):
        calls["places"].append(sorted(ids))
        return real_places(ids, **kwargs)

    def housing_of(ids, **kwargs):
        calls["housing"].append(sorted(ids))
        return real_housing(ids, **kwargs)

    patches = (mock.patch.object(municipal, "places_of", places_of),
               mock.patch.object(municipal, "housing_of", housing_of))
    return calls, patches


def test_a_registration_reads_only_the_places_of_its_own_municipality(
        scenario, ijsselland, zwolle, coordinator):
    kampen = Municipality.objects.get(name="Kampen")
    other = add_location(coordinator, kampen, LocationType.CNO, 30, date(2022, 6, 1),
                         known=date(2022, 6, 2))
    overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    capacity_record_register(actor=coordinator, location=scenario.azc,
                             valid_from=date(2022, 8, 20), valid_to=date(2022, 9, 30), places=20,
                             registered_at=end_of_day(date(2022, 8, 21)))
    calls, patches = spied()
    with patches[0], patches[1]:
        after = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    assert calls == {"places": [[zwolle.pk]], "housing": []}
    zwolle_row = next(row for row in after.rows if row.municipality == zwolle)
    assert zwolle_row.azc_places == 320
    kampen_row = next(row for row in after.rows if row.municipality == kampen)
    assert kampen_row.cno_total > 0 and other.municipality == kampen
    assert comparable(after) == comparable(fresh(coordinator, ijsselland))


def test_the_overview_from_its_parts_equals_a_fresh_computation(
        scenario, ijsselland, zwolle, coordinator):
    kampen = Municipality.objects.get(name="Kampen")
    cno = add_location(coordinator, kampen, LocationType.CNO, 30, date(2022, 6, 1),
                       known=date(2022, 6, 2))
    overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    capacity_record_register(actor=coordinator, location=cno, valid_from=date(2022, 7, 4),
                             valid_to=date(2022, 7, 31), places=45,
                             registered_at=end_of_day(date(2022, 7, 5)))
    record = capacity_record_register(
        actor=coordinator, location=scenario.azc, valid_from=date(2022, 8, 20),
        valid_to=None, places=10, registered_at=end_of_day(date(2022, 8, 21))).record
    overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    record.delete()  # as the admin would
    CapacityRecord.objects.bulk_create([CapacityRecord(  # no signal: found by its id
        location=cno, valid_from=date(2022, 8, 1), valid_to=date(2022, 8, 7), places=12,
        kind=CapacityKind.PLANNED, registered_at=end_of_day(date(2022, 7, 20)))])
    from_parts = overview_for_user(coordinator, region=ijsselland, as_of=AS_OF)
    assert comparable(from_parts) == comparable(fresh(coordinator, ijsselland))


def test_each_kind_of_figure_changes_only_its_own_revision(scenario, zwolle, coordinator):
    kampen = Municipality.objects.get(name="Kampen")
    before = municipal_revisions([zwolle.pk, kampen.pk])
    capacity_record_register(actor=coordinator, location=scenario.azc,
                             valid_from=date(2022, 8, 20), valid_to=None, places=5,
                             registered_at=end_of_day(date(2022, 8, 21)))
    after = municipal_revisions([zwolle.pk, kampen.pk])
    assert after[zwolle.pk][PLACES] != before[zwolle.pk][PLACES]
    assert after[zwolle.pk][HOUSING] == before[zwolle.pk][HOUSING]
    assert after[kampen.pk] == before[kampen.pk]


def test_after_a_registration_only_the_changed_row_is_rendered_again(
        client, scenario, zwolle, coordinator):
    from opvangregie.reports import presentation
    from tests.reports.conftest import body_rows
    from tests.reports.test_overview_page import AZC, overview

    overview(client, coordinator)
    capacity_record_register(actor=coordinator, location=scenario.azc,
                             valid_from=date(2022, 8, 20), valid_to=date(2022, 9, 30), places=20,
                             registered_at=end_of_day(date(2022, 8, 21)))
    rendered = []
    real = presentation.row_html

    def row_html(row, *args):
        rendered.append(row.municipality.name)
        return real(row, *args)

    with mock.patch.object(presentation, "row_html", row_html):
        rows = body_rows(overview(client, coordinator).text)
    assert rendered == ["Zwolle"]
    assert rows["Zwolle"][AZC] == "320"
    assert len(rows) > 1

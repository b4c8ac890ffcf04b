from datetime import date, timedelta
from fractions import Fraction

from opvangregie.capacity.models import CapacityRecord, Location
from opvangregie.capacity.selectors import capacity_records_as_known, end_of_day
from opvangregie.capacity.services import capacity_record_register
from opvangregie.reports.overview import (
    _capacity_as_known,
    cno_share_inputs,
    computed_cno_shares,
    overview_for_user,
    sorted_rows,
)
from opvangregie.reports.system import system_user
from opvangregie.targets.distribution import distribution_compute
from tests.reports.conftest import AS_OF


def test_capacity_as_known_follows_the_capacity_selectors_rule(scenario, coordinator, zwolle):
    # A correction registered before and one after the reference date.
    capacity_record_register(actor=coordinator, location=scenario.azc,
                             valid_from=date(2022, 1, 1), valid_to=None, places=280,
                             registered_at=end_of_day(date(2022, 3, 1)))
    capacity_record_register(actor=coordinator, location=scenario.azc,
                             valid_from=date(2022, 1, 1), valid_to=None, places=250,
                             registered_at=end_of_day(date(2022, 9, 15)))
    locations = Location.objects.all()
    for day in (date(2022, 2, 1), AS_OF, date(2022, 9, 20)):
        for window in ((date(2022, 6, 1), date(2022, 9, 30)), (day, day)):
            expected = sorted(
                (r.location.municipality_id, r.valid_from, r.places)
                for r in capacity_records_as_known(locations, as_of=end_of_day(day),
                                                   overlapping=window)
            )
            found = sorted((r.municipality_id, r.valid_from, r.places)
                           for r in _capacity_as_known(locations, end_of_day(day), window))
            assert found == expected, (day, window)
    assert CapacityRecord.objects.count() == 6


def test_computed_cno_shares_equal_the_distribution_engine(scenario, ijsselland):
    inputs = cno_share_inputs(region=ijsselland, target=scenario.cno, as_of=AS_OF,
                              start=date(2022, 6, 1), end=date(2022, 9, 30))
    computed = distribution_compute(inputs)
    overview = overview_for_user(system_user(), region=ijsselland, as_of=AS_OF)
    credits = {row.municipality.pk: row.cno_total for row in overview.rows}
    assert credits[next(m.pk for m in computed.municipalities if m.name == "Ommen")] == 150
    assert computed_cno_shares(inputs, credits) == {
        m.pk: unit.allocation
        for m, unit in zip(computed.municipalities, computed.result.units, strict=True)
    }
    assert {row.municipality.pk: row.cno_share for row in overview.rows} == computed_cno_shares(
        inputs, credits
    )


def test_the_system_user_reads_every_region(scenario, ijsselland):
    overview = overview_for_user(system_user(), region=ijsselland, as_of=AS_OF)
    assert len(overview.rows) == 11
    assert all(row.can_confirm for row in overview.rows)  # an administrator may, it never does


def test_another_regions_overview_is_empty_for_an_officer(scenario, zwolle_officer):
    from opvangregie.regions.models import SafetyRegion

    other = SafetyRegion.objects.get(code="VR13")
    assert overview_for_user(zwolle_officer, region=other, as_of=AS_OF).rows == []


def test_the_cno_window_is_configurable(scenario, ijsselland):
    overview = overview_for_user(system_user(), region=ijsselland, as_of=AS_OF,
                                 cno_start=date(2022, 6, 6), cno_end=date(2022, 6, 12))
    assert overview.weeks == ((2022, 23),)
    ommen = next(r for r in overview.rows if r.municipality.name == "Ommen")
    assert ommen.cno_total == Fraction(75)


def test_blank_values_sort_last_in_both_directions(scenario, ijsselland):
    rows = overview_for_user(system_user(), region=ijsselland, as_of=AS_OF).rows
    for descending in (False, True):
        ordered = sorted_rows(rows, "bijgewerkt", descending=descending)
        updates = [r.last_update for r in ordered]
        known = [u for u in updates if u is not None]
        assert updates == known + [None] * (len(updates) - len(known))
        assert known == sorted(known, reverse=descending)


def test_place_weeks_equal_the_ledger():
    import random

    from opvangregie.capacity.ledger import Span, place_weeks_per_week
    from opvangregie.reports.overview import place_weeks

    rng = random.Random(7)
    spans = []
    for _ in range(300):
        start = date(2022, 5, 1) + timedelta(days=rng.randint(0, 150))
        end = None if rng.random() < 0.1 else start + timedelta(days=rng.randint(0, 40))
        spans.append(Span(rng.randint(1, 5), start, end, rng.randint(0, 500)))
    window = (date(2022, 6, 1), date(2022, 10, 1))
    expected = place_weeks_per_week(spans, *window)
    assert place_weeks(spans, *window) == {
        unit: dict(weeks) for unit, weeks in expected.items()
    }

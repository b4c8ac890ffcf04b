from datetime import date
from fractions import Fraction

from opvangregie.reports.columns import sorted_rows
from opvangregie.reports.overview import overview_for_user
from opvangregie.reports.system import system_user
from tests.reports.conftest import AS_OF


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

"""The demo's targets are registered when the region learnt of them, so each meeting's
overview shows the targets known that day."""

from datetime import date

from opvangregie.demo.scenario import REGION_CODE, scenario_load
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports.overview import overview_for_user
from opvangregie.reports.system import system_user


def test_the_overview_of_each_meeting_shows_the_targets_known_that_day(db):
    scenario_load()
    region = SafetyRegion.objects.get(code=REGION_CODE)
    august = overview_for_user(system_user(), region=region, as_of=date(2022, 8, 31))
    assert (august.official_target.amount, august.informal_target.amount) == (13500, 20000)
    assert august.cno_target.amount == 450 and august.cno_share_adopted
    zwolle = next(row for row in august.rows if row.municipality.name == "Zwolle")
    assert zwolle.quota == 101
    # On 25-05-2022 the region knew the Ukrainian target, not yet the CNO 450 of 31-08.
    may = overview_for_user(system_user(), region=region, as_of=date(2022, 5, 25))
    assert may.ukrainian_target.amount == 2000
    assert may.cno_target is None and may.informal_target is None

"""The demo's exchange and joint location change the numbers the board sees, with a reason."""

from datetime import date

from opvangregie.demo.scenario import REGION_CODE, scenario_load
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports.overview import overview_for_user
from opvangregie.reports.system import system_user
from opvangregie.targets.models import Distribution, DistributionStatus, Target
from opvangregie.targets.progress import progress_for_user, target_for_progress


def test_the_exchange_and_the_joint_location_show_with_their_reason(db):
    scenario_load()
    region = SafetyRegion.objects.get(code=REGION_CODE)
    user = system_user()
    day = date(2022, 11, 15)
    target = target_for_progress(user, region=region, as_of=day,
                                 pk=Target.objects.get(amount=450).pk)
    progress = progress_for_user(user, region=region, target=target, as_of=day)
    lines = {item.name: item for item in progress.lines}
    plain = {a.municipality.name: a.amount for a in Distribution.objects.get(
        status=DistributionStatus.ADOPTED, target__amount=450).allocations.all()}
    assert lines["Zwolle"].share == plain["Zwolle"] + 20
    assert lines["Olst-Wijhe"].share == plain["Olst-Wijhe"] - 20
    assert progress.totals.share == 450
    assert "CNO-plekken over van Olst-Wijhe" in lines["Zwolle"].reason
    assert "30 van 180 plekken" in lines["Dalfsen"].reason
    assert lines["Dalfsen"].planned > 0  # its part of the joint location

    overview = overview_for_user(user, region=region, as_of=day)
    rows = {row.municipality.name: row for row in overview.rows}
    assert "huisvest 30 vergunninghouders van Zwolle" in rows["Olst-Wijhe"].reason
    assert rows["Raalte"].reason == ""

"""The demo holds the seeds' boat as planned effort after 1 October, credited in the share."""

from datetime import date
from fractions import Fraction

from opvangregie.capacity.models import CapacityKind, CapacityRecord
from opvangregie.capacity.selectors import end_of_day
from opvangregie.demo.scenario import BOAT, REGION_CODE, scenario_load
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports.system import system_user
from opvangregie.targets.models import Distribution, DistributionStatus, Target
from opvangregie.targets.progress import progress_for_user, target_for_progress


def test_the_boat_is_planned_after_1_october_and_strikes_out_zwartewaterlands_share(db):
    scenario_load()
    (record,) = CapacityRecord.objects.filter(location__name=BOAT)
    assert record.kind == CapacityKind.PLANNED
    assert (record.valid_from, record.valid_to, record.places) == (
        date(2022, 10, 1), date(2022, 10, 28), 84)
    distribution = Distribution.objects.get(status=DistributionStatus.ADOPTED,
                                            target__amount=450)
    share = distribution.allocations.get(municipality__name="Zwartewaterland")
    assert (share.amount, share.credit) == (0, 336)
    credit = distribution.planned_credits.get()
    assert credit.location.name == BOAT and credit.planned_place_weeks == 336
    assert credit.planned_registered_at == end_of_day(date(2022, 8, 20))

    # At a board meeting in October the boat is not counted again against the share of 0.
    region = SafetyRegion.objects.get(code=REGION_CODE)
    user = system_user()
    target = target_for_progress(user, region=region, as_of=date(2022, 10, 20),
                                 pk=Target.objects.get(amount=450).pk)
    progress = progress_for_user(user, region=region, target=target, as_of=date(2022, 10, 20))
    line = next(item for item in progress.lines if item.name == "Zwartewaterland")
    # Planned: only its 30-place part of the joint location from 1 November (61 days), not the
    # boat again.
    assert (line.share, line.planned, line.credited) == (0, Fraction(30 * 61, 7), 336)
    assert progress.totals.share == 450

"""Regional agreements: exchanges, joint locations and art. 29(2) shifts change the numbers
the board sees, each with a visible reason, and never the region's sum."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opvangregie.agreements.models import RegionalAgreement
from opvangregie.agreements.selectors import (
    agreements_for_user,
    agreements_in_force,
    permit_holder_adjustments,
)
from opvangregie.agreements.services import agreement_register
from opvangregie.capacity.models import LocationType
from opvangregie.capacity.services import location_create
from tests.targets.test_progress import (  # noqa: F401  (fixtures)
    END,
    START,
    adopted,
    line,
    progress_on,
    register,
    shares,
    target,
)

Kind = RegionalAgreement.Kind


def shift(coordinator, region, giver, taker, n):
    return agreement_register(
        actor=coordinator, region=region, kind=Kind.QUOTA_SHIFT, giver=giver, taker=taker,
        permit_holders=n, valid_from=date(2022, 7, 1), reason="Ruimte in de nieuwbouw",
        decision_reference="BAO 12-07-2022",
    )


def test_quota_shift_keeps_the_sum(coordinator, ijsselland, zwolle, deventer):
    shift(coordinator, ijsselland, zwolle, deventer, 7)
    shift(coordinator, ijsselland, deventer, zwolle, 2)
    adjustments = permit_holder_adjustments(
        agreements_in_force(coordinator, region=ijsselland, on=date(2022, 8, 1)))
    assert adjustments[zwolle.pk].amount == -5
    assert adjustments[deventer.pk].amount == 5
    assert sum(a.amount for a in adjustments.values()) == 0
    assert "Ruimte in de nieuwbouw" in adjustments[deventer.pk].reason
    # Not yet in force before it starts.
    assert agreements_in_force(coordinator, region=ijsselland, on=date(2022, 6, 30)) == []


def test_exchange_changes_both_shares_at_the_agreed_rate(
        coordinator, ijsselland, zwolle, deventer, adopted):  # noqa: F811
    before = shares(adopted)
    agreement_register(
        actor=coordinator, region=ijsselland, kind=Kind.EXCHANGE, giver=deventer, taker=zwolle,
        places=10, permit_holders=15, valid_from=date(2022, 9, 20),
        reason="Zwolle heeft een grote CNO-locatie", decision_reference="BAO 20-09-2022",
    )
    progress = progress_on(coordinator, ijsselland, adopted.target, date(2022, 10, 10))
    assert line(progress, "Zwolle").share == before["Zwolle"] + 10
    assert line(progress, "Deventer").share == before["Deventer"] - 10
    assert progress.totals.share == sum(before.values())
    assert "neemt 10 CNO-plekken over van Deventer" in line(progress, "Zwolle").reason
    permit = permit_holder_adjustments(
        agreements_in_force(coordinator, region=ijsselland, on=date(2022, 10, 10)))
    assert permit[deventer.pk].amount == 15 and permit[zwolle.pk].amount == -15


def test_joint_location_is_credited_in_parts(
        coordinator, ijsselland, zwolle, deventer, adopted):  # noqa: F811
    location = register(zwolle, 140, START, END)
    agreement_register(
        actor=coordinator, region=ijsselland, kind=Kind.JOINT_LOCATION, location=location,
        places=140, parts=[(zwolle, 100), (deventer, 40)], valid_from=date(2022, 9, 20),
        reason="Gezamenlijke locatie gekozen door de burgemeesters",
        decision_reference="BAO 20-09-2022",
    )
    progress = progress_on(coordinator, ijsselland, adopted.target, END)
    # Two weeks of 140 places: 280 place-weeks, 200 for Zwolle and 80 for Deventer.
    assert line(progress, "Zwolle").realised == 200
    assert line(progress, "Deventer").realised == 80
    assert "40 van 140 plekken" in line(progress, "Deventer").reason
    # Halfway, the second week is still to come: planned, not realised.
    halfway = progress_on(coordinator, ijsselland, adopted.target, date(2022, 10, 9))
    assert line(halfway, "Deventer").realised == 40
    assert line(halfway, "Deventer").planned == 40


def test_parts_must_add_up_to_the_whole(coordinator, ijsselland, zwolle, deventer):
    location = location_create(actor=None, name="Samen", municipality=zwolle,
                               type=LocationType.CNO)
    with pytest.raises(ValidationError) as raised:
        agreement_register(
            actor=coordinator, region=ijsselland, kind=Kind.JOINT_LOCATION, location=location,
            places=150, parts=[(zwolle, 100), (deventer, 40)], valid_from=date(2022, 9, 20),
            reason="Samen", decision_reference="BAO",
        )
    assert "parts" in raised.value.message_dict
    assert "samen het geheel" in raised.value.message_dict["parts"][0]
    assert not RegionalAgreement.objects.exists()


def test_another_region_cannot_see_or_record(coordinator, amsterdam_officer, ijsselland,
                                             zwolle, deventer, zwolle_officer):
    shift(coordinator, ijsselland, zwolle, deventer, 3)
    assert not agreements_for_user(amsterdam_officer, region=ijsselland).exists()
    with pytest.raises(PermissionDenied):
        shift(amsterdam_officer, ijsselland, zwolle, deventer, 3)
    with pytest.raises(PermissionDenied):  # an officer changes only their own municipality
        shift(zwolle_officer, ijsselland, zwolle, deventer, 3)
    assert RegionalAgreement.objects.count() == 1

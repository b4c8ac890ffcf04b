from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from opvangregie.operations import services
from opvangregie.operations.members import Key, rota_members
from opvangregie.operations.models import ParticipantKind


def test_a_rota_that_cannot_be_planned_names_its_dates_the_dutch_way(ijsselland):
    members = rota_members(kind=ParticipantKind.MUNICIPALITY, key=Key.EQUAL, region=ijsselland)
    # All but one are away in the first turn, so it cannot have two on duty.
    away = ((date(2022, 6, 1), date(2022, 6, 14)),)
    members = [members[0], *(replace(m, unavailable=away) for m in members[1:])]
    with pytest.raises(ValidationError) as refused:
        services.rota_create(
            actor=None, name="R", participant_kind=ParticipantKind.MUNICIPALITY,
            safety_region=ijsselland, members=members, start=date(2022, 6, 1),
            end=date(2022, 7, 31), parallel=2, key_description="gelijk",
        )
    message = " ".join(refused.value.messages)
    assert "In de dienst van 1-6-2022 tot en met 14-6-2022" in message
    assert "2022-06-01" not in message

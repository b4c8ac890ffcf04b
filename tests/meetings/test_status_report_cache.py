"""The status report of a past day is kept in the cache whole: a change of a figure, a meeting
or an action it shows is on the next view."""

from datetime import date

from django.urls import reverse

from opvangregie.capacity.selectors import end_of_day
from opvangregie.demo.scenario import scenario_load
from opvangregie.meetings.services import action_complete, action_create, meeting_create
from opvangregie.regions.models import SafetyRegion
from opvangregie.targets.models import Target
from opvangregie.targets.services import target_create

AS_OF = {"peildatum": "2022-08-31"}


def report(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("meetings:status_report"), AS_OF).text


def test_a_target_registered_after_a_view_shows_on_the_next(client, coordinator, db):
    scenario_load()
    assert "Opgave na de eerste blik" not in report(client, coordinator)
    target_create(
        name="Opgave na de eerste blik", kind=Target.Kind.ASYLUM, scope=Target.Scope.REGIONAL,
        safety_region=SafetyRegion.objects.get(code="VR04"), amount=77,
        unit=Target.Unit.PLACES, period_start=date(2022, 7, 1), period_end=date(2022, 12, 31),
        source="test", registered_at=end_of_day(date(2022, 8, 1)),  # known on the report's date
    )
    assert "Opgave na de eerste blik" in report(client, coordinator)


def test_an_action_recorded_or_completed_after_a_view_shows_on_the_next(client, coordinator,
                                                                        db):
    scenario_load()
    region = SafetyRegion.objects.get(code="VR04")
    meeting = meeting_create(actor=coordinator, safety_region=region, date=date(2022, 8, 24))
    assert "Actie na de eerste blik" not in report(client, coordinator)
    action = action_create(actor=coordinator, meeting=meeting, text="Actie na de eerste blik",
                           owner="PM", created_at=end_of_day(date(2022, 8, 24)))
    assert "Actie na de eerste blik" in report(client, coordinator)
    action_complete(actor=coordinator, action=action, done_at=end_of_day(date(2022, 8, 30)))
    assert "Actie na de eerste blik" not in report(client, coordinator)

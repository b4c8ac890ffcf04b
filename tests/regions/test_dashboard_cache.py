"""The dashboard keeps its key table, what-if, targets, national picture and unanswered
proposals in the cache under the revision of the figures, per reader (the tables rendered): a
change shows on the next view, and a name released meanwhile too."""

import re
from datetime import timedelta

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from opvangregie.capacity.models import Location
from opvangregie.demo.scenario import BOAT, scenario_load
from opvangregie.meetings.models import Answer
from opvangregie.meetings.services import proposal_answer, proposal_submit
from opvangregie.national.models import Measure, Series, SeriesKind
from opvangregie.national.selectors import latest_day
from opvangregie.national.services import series_value_register
from opvangregie.targets.models import Distribution, Target
from opvangregie.targets.services import distribution_adopt


def whatif(client, user, **params):
    client.force_login(user)
    query = {"peildatum": "2022-01-01", "gewicht_inwoners": 50, "methode": "hamilton",
             "doel": Target.objects.get(amount=450).pk, "verrekenen": "on", **params}
    return client.get(reverse("dashboard"), query)


def test_a_distribution_adopted_after_a_view_shows_in_the_same_whatif(client, coordinator, db):
    scenario_load()
    assert "(versie 1," in whatif(client, coordinator).text
    client.post(reverse("distribution_save"), {
        "regio": "VR04", "peildatum": "2022-01-01", "gewicht_inwoners": 50,
        "doel": Target.objects.get(amount=450).pk, "methode": "hamilton", "verrekenen": "on",
    })
    concept = Distribution.objects.order_by("-pk").first()
    distribution_adopt(actor=coordinator, distribution=concept, decision_reference="BAO 28-9")
    page = whatif(client, coordinator).text
    assert "(versie 2," in page and "(versie 1," not in page


def test_a_national_figure_registered_after_a_view_shows_on_the_dashboard(client, coordinator,
                                                                         db):
    scenario_load()
    client.force_login(coordinator)
    assert "12.345" not in client.get(reverse("dashboard")).text
    series = Series.objects.get(kind=SeriesKind.UKRAINIANS, measure=Measure.OCCUPIED,
                                region__isnull=True)
    series_value_register(actor=coordinator, series=series,
                          day=latest_day(series) + timedelta(days=7), value=12_345,
                          source="test", is_illustrative=True)
    assert "12.345" in client.get(reverse("dashboard")).text


def test_a_planned_location_is_named_once_its_name_is_released(client, zwolle_officer, db):
    scenario_load()
    boat = Location.objects.get(name=BOAT)  # in Zwartewaterland: not in Zwolle's circle
    boat.is_confidential = True
    boat.name_released_from = timezone.now() + timedelta(hours=1)
    boat.save()
    choices = dict(whatif(client, zwolle_officer).context["whatif_form"].fields["gepland"].choices)
    assert choices[boat.pk] != BOAT
    with freeze_time(timezone.now() + timedelta(hours=2)):
        later = whatif(client, zwolle_officer)
    assert dict(later.context["whatif_form"].fields["gepland"].choices)[boat.pk] == BOAT


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def test_the_page_from_the_cache_is_the_page_computed(client, coordinator, db):
    scenario_load()
    first = whatif(client, coordinator, verrekenen="on")  # computed, then kept rendered
    again = whatif(client, coordinator, verrekenen="on")  # from the cache
    assert "Verdeling doorgerekend" in first.text and "Landelijk beeld" in first.text
    assert CSRF.sub("", first.text) == CSRF.sub("", again.text)
    cache.clear()
    assert CSRF.sub("", whatif(client, coordinator, verrekenen="on").text) == CSRF.sub(
        "", first.text)


def test_the_rendered_parts_are_kept_per_reader(client, coordinator, zwolle_officer, db):
    scenario_load()
    assert "Nieuwe opgave vastleggen" in whatif(client, coordinator).text
    officer = whatif(client, zwolle_officer).text
    assert "Veiligheidsregio IJsselland" in officer and "Opgaven" in officer
    assert "Nieuwe opgave vastleggen" not in officer  # the coordinator's targets, not theirs


def test_a_proposal_shows_as_overdue_once_its_72_hours_pass_and_goes_when_answered(
    client, coordinator, db
):
    proposal = proposal_submit(actor=None, safety_region=coordinator.safety_region,
                               title="Boot als CNO", content="Inhoud",
                               submitted_at=timezone.now() - timedelta(hours=71),
                               submitted_by="regiocoördinator")
    client.force_login(coordinator)
    assert "Boot als CNO" not in client.get(reverse("dashboard")).text
    with freeze_time(timezone.now() + timedelta(hours=2)):
        assert "Boot als CNO" in client.get(reverse("dashboard")).text  # the cached list
        proposal_answer(actor=None, proposal=proposal, answer=Answer.GO,
                        answered_at=timezone.now())
        assert "Boot als CNO" not in client.get(reverse("dashboard")).text

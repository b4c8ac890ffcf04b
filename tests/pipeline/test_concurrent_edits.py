"""Two people changing the same candidate: the second is told, nothing is overwritten unseen."""

import pytest
from django.test import Client
from django.urls import reverse

from opvangregie.pipeline.models import CandidateKind, CandidateLocation
from opvangregie.pipeline.services import candidate_submit
from tests.concurrency import form_data, hidden_value
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dalfsen(ijsselland):
    return ijsselland.municipalities.get(code="GM0148")


@pytest.fixture
def candidate(ijsselland, dalfsen):
    return candidate_submit(actor=None, safety_region=ijsselland, municipality=dalfsen,
                            name="Pand aan de Vecht", kind=CandidateKind.BUILDING,
                            possible_places=150)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_stale_candidate_form_is_refused_and_the_first_save_stays(
    candidate, coordinator, dalfsen
):
    officer = UserFactory(role="officer", municipalities=[dalfsen])
    url = reverse("pipeline:candidate_edit", kwargs={"pk": candidate.pk})
    first, second = logged_in(officer), logged_in(coordinator)
    first_form = first.get(url).context["form"]
    second_form = second.get(url).context["form"]

    assert first.post(url, form_data(first_form, possible_places="120")).status_code == 302
    response = second.post(url, form_data(second_form, possible_places="200",
                                          owner="Gemeente"))

    assert response.status_code == 200
    assert "intussen gewijzigd" in response.text
    assert "120 (opgeslagen) tegenover 200 (uw invoer)" in response.text
    assert officer.username in response.text
    assert 'value="Gemeente"' in response.text  # the second user's input is kept
    candidate = CandidateLocation.objects.get(pk=candidate.pk)
    assert (candidate.possible_places, candidate.owner) == (120, "")


def test_a_status_change_from_a_stale_page_is_refused(client, candidate, coordinator):
    detail = reverse("pipeline:candidate_detail", kwargs={"pk": candidate.pk})
    status = reverse("pipeline:candidate_status", kwargs={"pk": candidate.pk})
    client.force_login(coordinator)
    other = logged_in(UserFactory(role="coordinator", safety_region=coordinator.safety_region))
    seen = hidden_value(client.get(detail), "expected_version")
    other_seen = hidden_value(other.get(detail), "expected_version")

    other.post(status, {"to_status": "dropped", "reason": "eigenaar trekt zich terug",
                        "expected_version": other_seen})
    response = client.post(status, {"to_status": "under_assessment", "reason": "kansrijk",
                                    "expected_version": seen}, follow=True)

    assert "intussen gewijzigd" in response.text
    assert "Status: vervallen (opgeslagen) tegenover in beoordeling (uw invoer)" in response.text
    assert CandidateLocation.objects.get(pk=candidate.pk).status == "dropped"

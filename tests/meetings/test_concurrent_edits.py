"""Two coordinators recording the same decision status or proposal answer at once."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from opvangregie.meetings import services
from opvangregie.meetings.models import Answer, Decision, DecisionStatus, Proposal
from tests.concurrency import hidden_value
from tests.factories import UserFactory
from tests.meetings.test_meetings import at, submit

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_coordinators(coordinator, ijsselland):
    other = UserFactory(role="coordinator", safety_region=ijsselland, first_name="Petra",
                        last_name="de Vries")
    return logged_in(other), logged_in(coordinator)


def test_a_decision_status_from_a_stale_page_is_refused(two_coordinators, ijsselland):
    meeting = services.meeting_create(actor=None, safety_region=ijsselland,
                                      date=date(2022, 8, 31))
    decision = services.decision_create(actor=None, meeting=meeting, text="Hotel huren",
                                        owner="PM", horizon="short")
    first, second = two_coordinators
    page = reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk})
    url = reverse("meetings:decision_status", kwargs={"pk": decision.pk})

    def version_on(response):
        form = re.search(rf'action="{re.escape(url)}".*?</form>', response.text, re.S).group(0)
        return re.search(r'name="expected_version" value="(\d+)"', form).group(1)

    first_version, second_version = version_on(first.get(page)), version_on(second.get(page))
    first.post(url, {"status": "done", "expected_version": first_version})
    response = second.post(url, {"status": "dropped", "expected_version": second_version},
                           follow=True)

    assert "intussen gewijzigd door Petra de Vries" in response.text
    assert "Status: afgerond (opgeslagen) tegenover vervallen (uw invoer)" in response.text
    decision = Decision.objects.get(pk=decision.pk)
    assert decision.status == DecisionStatus.DONE
    assert [u.status for u in decision.updates.order_by("pk")] == ["open", "done"]


def test_a_second_answer_to_a_proposal_is_refused_and_shows_the_first(
    two_coordinators, ijsselland
):
    proposal = submit(ijsselland, at(date(2022, 8, 22)))
    first, second = two_coordinators
    url = reverse("meetings:proposal_detail", kwargs={"pk": proposal.pk})
    answer = reverse("meetings:proposal_answer", kwargs={"pk": proposal.pk})
    first_version = hidden_value(first.get(url), "version")
    second_version = hidden_value(second.get(url), "version")

    first.post(answer, {"answer": "go", "answered_at": "2022-08-24T15:00", "note": "",
                        "version": first_version})
    response = second.post(answer, {"answer": "no_go", "answered_at": "2022-08-24T16:00",
                                    "note": "te duur", "version": second_version})

    assert "intussen gewijzigd door Petra de Vries" in response.text
    assert "GO (opgeslagen) tegenover NO GO (uw invoer)" in response.text
    assert "te duur" in response.text  # the second user's input is kept in the form
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert (proposal.answer, proposal.answer_note) == (Answer.GO, "")

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from opvangregie.audit.models import AuditEvent
from opvangregie.capacity.models import LocationType
from opvangregie.capacity.selectors import end_of_day
from opvangregie.capacity.services import location_create
from opvangregie.meetings import selectors, services
from opvangregie.meetings.demo import meetings_demo_load
from opvangregie.meetings.models import (
    Answer,
    Decision,
    DecisionStatus,
    Horizon,
    LocationReport,
    Meeting,
    Proposal,
)
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports.system import system_user

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


@pytest.fixture
def meeting(ijsselland):
    return services.meeting_create(actor=None, safety_region=ijsselland, date=date(2022, 8, 31),
                                   created_at=at(date(2022, 8, 30)))


def submit(region, submitted_at, title="Voorstel"):
    return services.proposal_submit(actor=None, safety_region=region, title=title,
                                    content="Inhoud", submitted_at=submitted_at,
                                    submitted_by="regiocoördinator", created_at=submitted_at)


# --- proposals and the 72 hours ---------------------------------------------------------------


def test_a_proposals_deadline_is_72_hours_after_submission(ijsselland):
    proposal = submit(ijsselland, at(date(2022, 8, 26), 11))
    assert proposal.deadline == at(date(2022, 8, 29), 11)


def test_overdue_lists_only_unanswered_proposals_past_their_72_hours(ijsselland, board_member):
    late = submit(ijsselland, at(date(2022, 8, 20)), "te laat")
    submit(ijsselland, at(date(2022, 8, 30)), "termijn loopt")
    answered = submit(ijsselland, at(date(2022, 8, 20)), "beantwoord")
    services.proposal_answer(actor=None, proposal=answered, answer=Answer.GO,
                             answered_at=at(date(2022, 8, 21)))
    now = at(date(2022, 8, 31))
    overdue = selectors.overdue_proposals_for_user(board_member, ijsselland, now=now)
    assert [s.proposal for s in overdue] == [late]


def test_an_answer_after_the_deadline_is_marked_late_and_cannot_precede_submission(ijsselland):
    proposal = submit(ijsselland, at(date(2022, 8, 20)))
    with pytest.raises(ValidationError):
        services.proposal_answer(actor=None, proposal=proposal, answer=Answer.GO,
                                 answered_at=at(date(2022, 8, 19)))
    services.proposal_answer(actor=None, proposal=proposal, answer=Answer.NO_GO,
                             answered_at=at(date(2022, 8, 25)))
    state = selectors.ProposalState(proposal, at(date(2022, 8, 26)))
    assert state.answered and state.answered_late and not state.overdue
    with pytest.raises(ValidationError):
        services.proposal_answer(actor=None, proposal=proposal, answer=Answer.GO,
                                 answered_at=at(date(2022, 8, 26)))


def test_proposals_as_of_a_date_show_the_state_at_that_moment(ijsselland, board_member):
    proposal = submit(ijsselland, at(date(2022, 8, 26), 11))
    submit(ijsselland, at(date(2022, 9, 2)), "later ingediend")
    services.proposal_answer(actor=None, proposal=proposal, answer=Answer.GO,
                             answered_at=at(date(2022, 9, 5)))
    states = selectors.proposals_as_of(board_member, region=ijsselland, as_of=date(2022, 8, 31))
    assert [s.proposal for s in states] == [proposal]
    assert states[0].overdue and not states[0].answered


def test_the_dashboard_block_lists_overdue_proposals(ijsselland, board_member):
    submit(ijsselland, at(date(2022, 8, 20)), "Boot als CNO")
    request = RequestFactory().get("/")
    request.user = board_member
    html = render_to_string("meetings/_overdue_proposals.html", {"region": ijsselland},
                            request=request)
    assert "Boot als CNO" in html and "72 uur" in html


# --- decisions, actions, the list for the next meeting ----------------------------------------


def test_a_decisions_status_on_an_earlier_date_survives_later_changes(meeting, board_member):
    decision = services.decision_create(
        actor=None, meeting=meeting, text="Draagvlak verstevigen", owner="gemeentesecretarissen",
        horizon=Horizon.LONG, created_at=end_of_day(date(2022, 8, 31)),
    )
    services.decision_set_status(actor=None, decision=decision, status=DecisionStatus.DONE,
                                 changed_at=at(date(2022, 9, 20)))
    then = selectors.decisions_as_of(board_member, region=meeting.safety_region,
                                     as_of=date(2022, 8, 31))
    later = selectors.decisions_as_of(board_member, region=meeting.safety_region,
                                      as_of=date(2022, 9, 30))
    assert [(d.decision, d.status) for d in then] == [(decision, DecisionStatus.OPEN)]
    assert [(d.decision, d.status) for d in later] == [(decision, DecisionStatus.DONE)]
    assert selectors.decisions_as_of(board_member, region=meeting.safety_region,
                                     as_of=date(2022, 8, 30)) == []


def test_due_before_the_next_meeting_lists_open_items_up_to_that_date(meeting):
    region = meeting.safety_region
    following = services.meeting_create(actor=None, safety_region=region,
                                        date=date(2022, 9, 28))
    in_time = services.action_create(actor=None, meeting=meeting, text="Gesprekken",
                                     owner="RVO", due_date=date(2022, 9, 28))
    services.action_create(actor=None, meeting=meeting, text="Later", owner="PM",
                           due_date=date(2022, 12, 1))
    done = services.action_create(actor=None, meeting=meeting, text="Klaar", owner="PM",
                                  due_date=date(2022, 9, 10))
    services.action_complete(actor=None, action=done)
    decision = services.decision_create(actor=None, meeting=meeting, text="Drie locaties",
                                        owner="PM", horizon=Horizon.SHORT,
                                        due_date=date(2022, 9, 15))
    found_next, due = selectors.due_before_next_meeting(meeting)
    assert found_next == following
    assert [item.obj for item in due] == [decision, in_time]


# --- pages and access -------------------------------------------------------------------------


def test_a_coordinator_records_a_meeting_decision_and_action(client, coordinator, ijsselland):
    client.force_login(coordinator)
    response = client.post(reverse("meetings:meeting_create"), {
        "regio": ijsselland.code, "date": "2022-08-31", "title": "BAO", "notes": ""})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.safety_region == ijsselland
    client.post(reverse("meetings:agenda_item_add", kwargs={"pk": meeting.pk}),
                {"title": "Besluitvorming"})
    item = meeting.agenda_items.get()
    response = client.post(reverse("meetings:decision_add", kwargs={"pk": meeting.pk}), {
        "text": "Toewerken naar langdurige opvang", "owner": "PM", "horizon": "long",
        "agenda_item": item.pk})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.agenda_item == item and decision.decided_on == date(2022, 8, 31)
    client.post(reverse("meetings:decision_status", kwargs={"pk": decision.pk}),
                {"status": "in_progress"})
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.IN_PROGRESS
    assert AuditEvent.objects.filter(object_type="meetings.decision").count() == 2
    page = client.get(reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk}))
    assert "Toewerken naar langdurige opvang" in page.text
    assert "tussenstand.pptx?regio=VR04&amp;peildatum=2022-08-31" in page.text


def test_a_decision_without_text_is_refused_with_a_dutch_error(client, coordinator, meeting):
    client.force_login(coordinator)
    response = client.post(reverse("meetings:decision_add", kwargs={"pk": meeting.pk}),
                           {"text": "", "owner": "PM", "horizon": "long"})
    assert response.status_code == 400
    assert "Er is niets opgeslagen" in response.text
    assert not Decision.objects.exists()


def test_a_board_member_reads_but_may_not_change(client, board_member, meeting):
    client.force_login(board_member)
    assert client.get(reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk})
                      ).status_code == 200
    for name, kwargs, data in (
        ("meetings:meeting_create", {}, {"date": "2022-09-28"}),
        ("meetings:decision_add", {"pk": meeting.pk}, {"text": "x", "owner": "x",
                                                        "horizon": "long"}),
        ("meetings:action_add", {"pk": meeting.pk}, {"text": "x", "owner": "x"}),
        ("meetings:proposal_create", {}, {}),
    ):
        assert client.post(reverse(name, kwargs=kwargs), data).status_code == 403
    assert not Decision.objects.exists()
    assert Meeting.objects.count() == 1


def test_another_regions_meeting_and_proposal_are_not_found(client, amsterdam_officer,
                                                            meeting):
    proposal = submit(meeting.safety_region, at(date(2022, 8, 20)))
    client.force_login(amsterdam_officer)
    assert client.get(reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk})
                      ).status_code == 404
    assert client.get(reverse("meetings:proposal_detail", kwargs={"pk": proposal.pk})
                      ).status_code == 404
    assert client.post(reverse("meetings:proposal_answer", kwargs={"pk": proposal.pk}),
                       {"answer": "go", "answered_at": "2022-08-21T10:00"}).status_code == 404


def test_a_coordinator_records_a_proposal_and_the_go(client, coordinator, ijsselland):
    client.force_login(coordinator)
    client.post(reverse("meetings:proposal_create"), {
        "regio": ijsselland.code, "title": "Hotelkamers voor CNO", "content": "Voorstel",
        "submitted_at": "2022-08-22T09:30", "submitted_by": "regiocoördinator"})
    proposal = Proposal.objects.get()
    assert proposal.deadline == at(date(2022, 8, 25), 9) + timedelta(minutes=30)
    client.post(reverse("meetings:proposal_answer", kwargs={"pk": proposal.pk}),
                {"answer": "go", "answered_at": "2022-08-24T15:00", "note": ""})
    proposal.refresh_from_db()
    assert proposal.answer == Answer.GO
    listing = client.get(reverse("meetings:proposal_list"))
    assert "Hotelkamers voor CNO" in listing.text and "GO" in listing.text


def test_the_proposal_list_highlights_overdue_ones(client, board_member, ijsselland):
    submit(ijsselland, at(date(2022, 8, 20)), "Boot als CNO")
    client.force_login(board_member)
    page = client.get(reverse("meetings:proposal_list"))
    assert "termijn verstreken" in page.text and "or-alert--error" in page.text


# --- location reports -------------------------------------------------------------------------


REPORT = {
    "reported_on": "2022-08-29", "major_incidents": "", "incidents": "Geen grote incidenten",
    "sentiment": "mixed", "sentiment_notes": "", "staff": "in_order", "security": "in_order",
    "catering": "in_order", "care": "2e zorgpartner", "partners": "Rode Kruis",
    "community": "", "concerns": "Afwezigheid COA",
}


@pytest.fixture
def zwolle_cno(zwolle):
    return location_create(actor=None, name="CNO Zwolle", municipality=zwolle,
                           type=LocationType.CNO)


def test_the_municipalitys_officer_reports_on_a_location_and_it_shows_with_history(
    client, zwolle_officer, zwolle_cno
):
    client.force_login(zwolle_officer)
    url = reverse("meetings:location_report_create", kwargs={"pk": zwolle_cno.pk})
    assert client.post(url, REPORT).status_code == 302
    assert client.post(url, {**REPORT, "reported_on": "2022-09-12",
                             "concerns": "Zorg verbeterd"}).status_code == 302
    page = client.get(reverse("capacity:location_detail", kwargs={"pk": zwolle_cno.pk}))
    assert "Rapportage 12-9-2022" in page.text and "Rapportage 29-8-2022" in page.text
    assert page.text.index("Zorg verbeterd") < page.text.index("Afwezigheid COA")
    assert LocationReport.objects.count() == 2


@pytest.mark.parametrize("who, status", [("deventer_officer", 403), ("board_member", 403),
                                         ("amsterdam_officer", 404)])
def test_others_may_not_report_on_the_location(client, request, zwolle_cno, who, status):
    client.force_login(request.getfixturevalue(who))
    url = reverse("meetings:location_report_create", kwargs={"pk": zwolle_cno.pk})
    assert client.post(url, REPORT).status_code == status
    assert not LocationReport.objects.exists()


def test_the_coordinator_may_report_on_any_location_of_the_region(client, coordinator,
                                                                   zwolle_cno):
    client.force_login(coordinator)
    url = reverse("meetings:location_report_create", kwargs={"pk": zwolle_cno.pk})
    assert client.post(url, REPORT).status_code == 302


def test_report_texts_of_a_confidential_location_stay_with_those_who_may_see_its_name(
    client, board_member, zwolle
):
    secret = location_create(actor=None, name="Geheime Kazerne", municipality=zwolle,
                             type=LocationType.CNO, is_confidential=True)
    services.location_report_create(actor=None, location=secret,
                                    reported_on=date(2022, 8, 29),
                                    concerns="Geheime Kazerne heeft te weinig zorg")
    client.force_login(board_member)
    page = client.get(reverse("capacity:location_detail", kwargs={"pk": secret.pk}))
    assert page.status_code == 200
    assert "Geheime Kazerne" not in page.text
    assert "Rapportage 29-8-2022" in page.text


# --- the demo ---------------------------------------------------------------------------------


def test_the_demo_creates_both_meetings_decisions_proposals_and_a_location_report(db):
    from opvangregie.demo.scenario import scenario_load

    scenario_load()  # the scenario loads the meetings demo
    region = SafetyRegion.objects.get(code="VR04")
    assert meetings_demo_load(region) is False  # a second load adds nothing
    assert list(Meeting.objects.filter(safety_region=region).values_list("date", flat=True)
                ) == [date(2022, 8, 31), date(2022, 5, 25)]
    long_term = Decision.objects.filter(horizon=Horizon.LONG)
    assert {(d.text.split(" (")[0], d.owner) for d in long_term} == {
        ("Verstevigen maatschappelijk draagvlak en betrokkenheid", "gemeentesecretarissen"),
        ("Herstel politiek vertrouwen", "gemeentesecretarissen"),
        ("Toewerken naar locaties voor langdurige opvang inclusief werk en onderwijs", "PM"),
    }
    proposals = Proposal.objects.filter(safety_region=region)
    assert all("illustratief" in p.title for p in proposals)
    assert proposals.filter(answer=Answer.GO).count() == 1
    assert len(selectors.overdue_proposals_for_user(system_user(), region)) == 1
    report = LocationReport.objects.order_by("-reported_on").first()
    assert report.location.type == LocationType.CNO
    assert "Rode Kruis" in report.partners and "VluchtelingenWerk" in report.partners
    assert "COA" in report.concerns and not report.major_incidents

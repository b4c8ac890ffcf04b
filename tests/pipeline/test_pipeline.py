from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opvangregie.audit.models import AuditEvent
from opvangregie.demo.scenario import scenario_load
from opvangregie.pipeline.models import CandidateKind, CandidateLocation, LocationCall
from opvangregie.pipeline.selectors import (
    call_summaries,
    call_summary,
    candidate_views_for_user,
)
from opvangregie.pipeline.services import (
    call_create,
    candidate_change_status,
    candidate_submit,
    document_add,
)


@pytest.fixture
def candidate(ijsselland):
    dalfsen = ijsselland.municipalities.get(code="GM0148")
    return candidate_submit(actor=None, safety_region=ijsselland, municipality=dalfsen,
                            name="Pand aan de Vecht", kind=CandidateKind.BUILDING,
                            possible_places=150)


def test_the_call_is_summarised_as_the_board_slides_state_it(db):
    scenario_load()
    summary = call_summary(LocationCall.objects.get())
    assert summary.text == (
        "6 gemeenten hebben gereageerd met 11 panden en locaties, waarvan 8 nieuw; 3 hebben "
        "meer tijd nodig; 2 nog niet gereageerd; 2 makelaars, per saldo 1 nieuwe locatie."
    )


def test_the_region_dashboard_states_the_latest_call_in_counts(client, board_member):
    scenario_load()
    client.force_login(board_member)
    page = client.get(reverse("dashboard")).text
    assert "6 gemeenten hebben gereageerd met 11 panden en locaties, waarvan 8 nieuw" in page


def test_others_see_an_anonymised_entry(candidate, board_member, deventer_officer):
    for user in (board_member, deventer_officer):
        (view,) = candidate_views_for_user(user)
        assert view.name is None and view.address is None
        assert view.anonymous_label == "Locatie 1 — Dalfsen — ca. 150 plekken — aangemeld"


def test_viewing_a_confidential_candidate_is_recorded(client, candidate, coordinator):
    client.force_login(coordinator)
    client.get(reverse("pipeline:candidate_detail", kwargs={"pk": candidate.pk}))
    event = AuditEvent.objects.filter(action="view", object_id=str(candidate.pk)).get()
    assert event.actor == coordinator
    log = client.get(reverse("pipeline:access_log", kwargs={"pk": candidate.pk}))
    assert coordinator.username in log.text
    export = client.get(reverse("pipeline:access_log", kwargs={"pk": candidate.pk}),
                        {"formaat": "csv"})
    assert coordinator.username in export.content.decode("utf-8-sig")


def test_a_board_member_views_without_details_and_is_not_logged_as_seeing_them(
    client, candidate, board_member
):
    client.force_login(board_member)
    response = client.get(reverse("pipeline:candidate_detail", kwargs={"pk": candidate.pk}))
    assert "Pand aan de Vecht" not in response.text
    assert not AuditEvent.objects.filter(action="view").exists()
    assert client.get(reverse("pipeline:access_log", kwargs={"pk": candidate.pk})).status_code \
        == 403


def test_status_follows_the_flow_and_records_who_and_why(candidate, coordinator):
    with pytest.raises(ValidationError, match="kan de status niet"):
        candidate_change_status(actor=coordinator, candidate=candidate, to_status="go",
                                reason="snel")
    candidate_change_status(actor=coordinator, candidate=candidate,
                            to_status="under_assessment", reason="start beoordeling")
    change = candidate.status_changes.last()
    assert (change.to_status, change.changed_by, change.reason) == (
        "under_assessment", coordinator, "start beoordeling")


def test_an_opened_candidate_becomes_a_confidential_location(candidate, coordinator):
    for step in ("under_assessment", "serious_chance", "go", "in_realisation", "open"):
        candidate_change_status(actor=coordinator, candidate=candidate, to_status=step,
                                reason="besluit")
    candidate.refresh_from_db()
    assert candidate.location.is_confidential
    assert candidate.location.capacity_records.get().places == 150


def test_documents_are_checked_for_type_and_content(candidate):
    with pytest.raises(ValidationError, match="niet aangenomen"):
        document_add(actor=None, candidate=candidate,
                     upload=SimpleUploadedFile("x.exe", b"MZ"))
    with pytest.raises(ValidationError, match="past niet"):
        document_add(actor=None, candidate=candidate,
                     upload=SimpleUploadedFile("x.pdf", b"not a pdf"))
    assert not candidate.documents.exists()


def test_officer_submits_for_own_municipality_only(client, zwolle_officer, ijsselland):
    client.force_login(zwolle_officer)
    data = {"name": "Leeg kantoor", "kind": "building", "possible_places": 20}
    deventer = ijsselland.municipalities.get(code="GM0150")
    response = client.post(reverse("pipeline:candidate_create"),
                           {**data, "municipality": deventer.pk})
    assert response.status_code == 200 and not CandidateLocation.objects.exists()
    zwolle = ijsselland.municipalities.get(code="GM0193")
    client.post(reverse("pipeline:candidate_create"), {**data, "municipality": zwolle.pk})
    assert CandidateLocation.objects.get().municipality == zwolle


def test_board_member_cannot_submit_or_change(client, board_member, candidate):
    client.force_login(board_member)
    assert client.get(reverse("pipeline:candidate_create")).status_code == 403
    response = client.post(reverse("pipeline:candidate_status", kwargs={"pk": candidate.pk}),
                           {"to_status": "under_assessment", "reason": "x"})
    assert response.status_code == 403
    candidate.refresh_from_db()
    assert candidate.status == "submitted"


def test_speed_overrides_the_score(db, coordinator):
    scenario_load()
    views = candidate_views_for_user(coordinator)
    bands = [v.band_index for v in views]
    assert bands == sorted(bands)
    assert views[0].earliest_opening < date(2022, 11, 1)


def test_a_call_summary_of_one_reads_as_singular():
    from opvangregie.pipeline.selectors import CallSummary

    assert CallSummary(1, 1, 1, 1, 0, 1, 1).text == (
        "1 gemeente heeft gereageerd met 1 pand of locatie, waarvan 1 nieuw; 1 heeft meer tijd "
        "nodig; 0 nog niet gereageerd; 1 makelaar, per saldo 1 nieuwe locatie."
    )


def test_the_summaries_of_every_call_are_read_in_two_queries(db, django_assert_num_queries):
    scenario_load()
    first = LocationCall.objects.get()
    region = first.safety_region
    call_create(actor=None, safety_region=region, sent_on=date(2022, 10, 1), text="Tweede",
                municipalities=list(region.municipalities.all()[:3]), brokers=[])
    calls = LocationCall.objects.order_by("pk")
    expected = [(call, call_summary(call)) for call in calls]
    with django_assert_num_queries(3):  # the calls, their addressees, their candidates
        assert call_summaries(calls) == expected

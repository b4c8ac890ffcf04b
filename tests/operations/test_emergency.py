"""The emergency button: free places now, never a full location, notifications, outcome."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opvangregie.audit.models import AuditEvent
from opvangregie.capacity.models import Location
from opvangregie.capacity.services import capacity_record_register
from opvangregie.operations import selectors, services
from opvangregie.operations.models import EmergencyRequest, EmergencyResponse, Notification

from .conftest import SECRET_NAME, location_with_capacity


@pytest.fixture
def locations(zwolle, deventer):
    return {
        "full": location_with_capacity(zwolle, name="Vol", places=50, occupancy=50,
                                       for_asylum_seekers=True),
        "unknown": location_with_capacity(zwolle, name="Bezetting onbekend", places=50),
        "planned": location_with_capacity(deventer, name="Gepland", places=300, occupancy=0,
                                          kind="planned", for_asylum_seekers=True),
        "closed": location_with_capacity(deventer, name="Gesloten", places=30, occupancy=0,
                                         status="closed", for_asylum_seekers=True),
        "ukrainians": location_with_capacity(deventer, name="GOO Deventer", type="goo",
                                             places=200, occupancy=100, for_ukrainians=True),
        "asylum": location_with_capacity(deventer, name="AZC Deventer", type="azc",
                                         places=100, occupancy=90, for_asylum_seekers=True),
    }


def sound(coordinator, region, places=40, group="asylum_seekers"):
    return services.emergency_request_create(actor=coordinator, safety_region=region,
                                             places_needed=places, target_group=group)


def test_free_places_are_ranked_by_suitability_then_free_places(
    locations, coordinator, ijsselland
):
    request = sound(coordinator, ijsselland)
    rows = selectors.free_places_for_request(coordinator, request)
    assert [(r.label, r.free, r.suitable) for r in rows] == [
        ("AZC Deventer", 10, True), ("GOO Deventer", 100, False)]
    assert rows[1].enough and not rows[0].enough


def test_never_offers_a_location_without_free_places(locations, coordinator, ijsselland):
    request = sound(coordinator, ijsselland)
    offered = {r.location.pk for r in selectors.free_places_for_request(coordinator, request)}
    for name in ("full", "unknown", "planned", "closed"):
        assert locations[name].pk not in offered, name


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(figures=st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200)), min_size=1,
                        max_size=6))
def test_property_every_offered_location_has_free_places(coordinator, ijsselland, zwolle,
                                                         figures):
    with transaction.atomic():
        for index, (places, occupancy) in enumerate(figures):
            location_with_capacity(zwolle, name=f"L{index}", places=places,
                                   occupancy=min(places, occupancy), for_asylum_seekers=True)
        request = sound(coordinator, ijsselland, places=5)
        rows = selectors.free_places_for_request(coordinator, request)
        assert all(r.free > 0 and r.free == r.places - r.occupancy for r in rows)
        assert len(rows) == sum(1 for p, o in figures if p - min(p, o) > 0)
        transaction.set_rollback(True)


def test_the_latest_known_record_counts(locations, coordinator, ijsselland):
    asylum = locations["asylum"]
    # A correction of the same period: the location turned out to be full.
    capacity_record_register(actor=None, location=asylum, valid_from=date(2022, 1, 1),
                             valid_to=None, places=100, occupancy=100)
    assert asylum.capacity_records.count() == 2
    request = sound(coordinator, ijsselland)
    offered = {r.location.pk for r in selectors.free_places_for_request(coordinator, request)}
    assert asylum.pk not in offered


def test_free_places_follow_a_registration_after_an_earlier_look(
    locations, coordinator, ijsselland
):
    """The locations with room are kept per reader under the region's revision of the
    figures: a new record, or a location closed, shows on the next look."""
    request = sound(coordinator, ijsselland)
    asylum, ukrainians = locations["asylum"], locations["ukrainians"]
    assert {r.location.pk for r in selectors.free_places_for_request(coordinator, request)} \
        == {asylum.pk, ukrainians.pk}
    capacity_record_register(actor=None, location=asylum, valid_from=date(2022, 1, 1),
                             valid_to=None, places=100, occupancy=100)
    assert {r.location.pk for r in selectors.free_places_for_request(coordinator, request)} \
        == {ukrainians.pk}
    Location.objects.filter(pk=ukrainians.pk).update(status="closed")
    assert selectors.free_places_for_request(coordinator, request) == []


def test_coordinators_and_officers_with_room_are_notified(
    locations, coordinator, zwolle_officer, deventer_officer, board_member, ijsselland
):
    request = sound(coordinator, ijsselland)
    recipients = set(Notification.objects.filter(emergency_request=request)
                     .values_list("recipient__username", flat=True))
    # Deventer has suitable room; Zwolle's locations are full or unknown; boards get none.
    assert recipients == {coordinator.username, deventer_officer.username}
    assert "40 plekken nodig voor asielzoekers binnen 24 uur" in Notification.objects.filter(
        recipient=deventer_officer).get().text
    assert AuditEvent.objects.filter(object_type="operations.emergencyrequest").exists()


def test_the_unread_count_shows_on_the_pages(client, locations, coordinator, deventer_officer,
                                             ijsselland):
    sound(coordinator, ijsselland)
    client.force_login(deventer_officer)
    page = client.get(reverse("operations:index"))
    assert "1 ongelezen" in page.text
    client.post(reverse("operations:notifications_read"))
    assert "ongelezen" not in client.get(reverse("operations:index")).text


def test_officer_accepts_places_and_the_time_to_answer_is_kept(
    client, locations, coordinator, deventer_officer, ijsselland
):
    request = sound(coordinator, ijsselland)
    client.force_login(deventer_officer)
    url = reverse("operations:emergency_respond", kwargs={"pk": request.pk})
    too_many = client.post(url, {"answer": "accept", "location": locations["asylum"].pk,
                                 "places": 11})
    assert too_many.status_code == 400 and not EmergencyResponse.objects.exists()
    response = client.post(url, {"answer": "accept", "location": locations["asylum"].pk,
                                 "places": 10})
    assert response.status_code == 302
    answer = EmergencyResponse.objects.get()
    assert (answer.accepted, answer.places, answer.responded_by) == (True, 10, deventer_officer)
    assert selectors.time_to_answer(request) == answer.responded_at - request.created_at
    assert Notification.objects.filter(recipient=coordinator,
                                       text__contains="Deventer biedt 10 plekken").exists()


def test_coordinator_closes_with_the_outcome(client, locations, coordinator, ijsselland):
    request = sound(coordinator, ijsselland)
    client.force_login(coordinator)
    client.post(reverse("operations:emergency_close", kwargs={"pk": request.pk}),
                {"placed": 25})
    request.refresh_from_db()
    assert (request.status, request.outcome, request.placed) == ("closed", "partly", 25)
    with pytest.raises(ValidationError):
        services.emergency_respond(actor=coordinator, request=request,
                                   municipality=locations["asylum"].municipality,
                                   accepted=False)


def test_a_location_of_another_municipality_cannot_be_offered(
    locations, deventer_officer, coordinator, ijsselland, zwolle
):
    request = sound(coordinator, ijsselland)
    with pytest.raises(ValidationError):
        services.emergency_respond(actor=deventer_officer, request=request, municipality=zwolle,
                                   accepted=True, location=locations["asylum"], places=1)


def test_officer_of_another_municipality_sees_no_confidential_name(
    client, secret_zwolle, coordinator, zwolle_officer, deventer_officer, ijsselland
):
    request = sound(coordinator, ijsselland)
    detail = reverse("operations:emergency_detail", kwargs={"pk": request.pk})
    client.force_login(deventer_officer)
    page = client.get(detail)
    assert page.status_code == 200
    assert SECRET_NAME not in page.text
    assert "Vertrouwelijke locatie" in page.text and "30" in page.text
    client.force_login(zwolle_officer)
    assert SECRET_NAME in client.get(detail).text
    client.force_login(coordinator)
    assert SECRET_NAME in client.get(detail).text


def test_no_notification_names_a_location(secret_zwolle, coordinator, ijsselland):
    request = sound(coordinator, ijsselland)
    assert not Notification.objects.filter(emergency_request=request,
                                           text__contains=SECRET_NAME).exists()


def test_board_member_cannot_sound_or_close(client, locations, board_member, coordinator,
                                            ijsselland):
    client.force_login(board_member)
    response = client.post(reverse("operations:emergency_list"),
                           {"safety_region": ijsselland.pk, "places_needed": 10,
                            "target_group": "asylum_seekers"})
    assert response.status_code == 403
    assert not EmergencyRequest.objects.exists()
    request = sound(coordinator, ijsselland)
    close = client.post(reverse("operations:emergency_close", kwargs={"pk": request.pk}),
                        {"placed": 10})
    assert close.status_code == 403
    respond = client.post(reverse("operations:emergency_respond", kwargs={"pk": request.pk}),
                          {"answer": "decline", "municipality": locations["asylum"]
                           .municipality_id})
    assert respond.status_code == 403
    request.refresh_from_db()
    assert request.status == "open" and not EmergencyResponse.objects.exists()


def test_coordinator_sounds_the_button_through_the_page(client, locations, coordinator,
                                                        ijsselland):
    client.force_login(coordinator)
    response = client.post(reverse("operations:emergency_list"),
                           {"safety_region": ijsselland.pk, "places_needed": 40,
                            "target_group": "asylum_seekers", "note": "bus uit Ter Apel"})
    request = EmergencyRequest.objects.get()
    assert response.status_code == 302
    assert request.needed_by - request.created_at == timedelta(hours=24)
    page = client.get(reverse("operations:emergency_detail", kwargs={"pk": request.pk}))
    assert "AZC Deventer" in page.text and "Vol" not in page.text


def test_another_region_does_not_see_the_request(client, locations, coordinator,
                                                 amsterdam_officer, ijsselland):
    request = sound(coordinator, ijsselland)
    client.force_login(amsterdam_officer)
    assert client.get(reverse("operations:emergency_detail",
                              kwargs={"pk": request.pk})).status_code == 404
    assert Location.objects.exists()


def test_a_request_for_one_place_reads_as_singular(locations, coordinator, ijsselland):
    request = sound(coordinator, ijsselland, places=1)
    text = Notification.objects.filter(emergency_request=request).first().text
    assert "1 plek nodig voor asielzoekers binnen 24 uur" in text

"""Register locations: what a release made public carries over field by field, the comments
on a confidential location's figures stay in its circle, and every inzage is recorded."""

import io
import zipfile
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opvangregie.access import hidden_confidential_terms, location_view_for_user
from opvangregie.audit.models import AuditEvent
from opvangregie.capacity.models import CapacityKind, CapacityRecord, Location
from opvangregie.capacity.services import capacity_record_register, location_release_widen
from opvangregie.operations.services import emergency_request_create
from opvangregie.pipeline.models import CandidateKind
from opvangregie.pipeline.services import (
    candidate_change_status,
    candidate_release,
    candidate_submit,
)
from tests.factories import UserFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
RELEASED_NAME = "Kazerne Vechtdal"
SECRET_ADDRESS = "Geheimlaan 12"
SECRET_OWNER = "Eigenaar Geheim BV"
SECRET_REASON = "Uitbreiding overlegd met buurman Jansen"
SECRET_LOCATION = "Sporthal Verborgen"
PAST = datetime(2022, 9, 1, 12, 0, tzinfo=AMSTERDAM)

OPEN_PATH = ["under_assessment", "serious_chance", "go", "in_realisation", "open"]


@pytest.fixture
def dalfsen(ijsselland):
    return ijsselland.municipalities.get(code="GM0148")


@pytest.fixture
def dalfsen_officer(dalfsen):
    return UserFactory(role="officer", municipalities=[dalfsen])


def open_candidate(region, municipality, *, release_name=True, release_address=False):
    candidate = candidate_submit(
        actor=None, safety_region=region, municipality=municipality, name=RELEASED_NAME,
        address=SECRET_ADDRESS, owner=SECRET_OWNER, kind=CandidateKind.BUILDING,
        possible_places=80,
    )
    candidate_release(actor=None, candidate=candidate, embargo_until=PAST, reason="BAO",
                      release_name=release_name, release_address=release_address)
    for status in OPEN_PATH:
        candidate_change_status(actor=None, candidate=candidate, to_status=status,
                                reason="besluit")
    candidate.refresh_from_db()
    return candidate


@pytest.fixture
def opened(ijsselland, dalfsen):
    """A candidate released by name only, then opened: now a location in the register."""
    return open_candidate(ijsselland, dalfsen)


def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    chunks = [content]
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            chunks += [archive.read(name) for name in archive.namelist()]
    return b"\n".join(chunks).decode("utf-8", errors="replace")


def get(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200, url
    return text_of(response)


# --- a name-only release ----------------------------------------------------------------------


def test_an_opened_candidate_stays_confidential_with_only_its_released_name_public(opened):
    location = opened.location
    assert location.is_confidential
    assert location.name_released_from == PAST and location.address_released_from is None


@pytest.mark.parametrize("who", ["board_member", "deventer_officer"])
def test_others_see_the_released_name_but_never_the_address(client, request, who, opened):
    user = request.getfixturevalue(who)
    location = opened.location
    pages = [
        reverse("capacity:location_detail", kwargs={"pk": location.pk}),
        reverse("capacity:location_list"),
        reverse("overview"),
        reverse("meetings:status_report"),
        reverse("meetings:status_report_pptx"),
        reverse("meetings:status_report_xlsx"),
        reverse("pipeline:overview"),
        reverse("pipeline:export"),
    ]
    for url in pages:
        assert SECRET_ADDRESS not in get(client, user, url), url
        assert SECRET_OWNER not in get(client, user, url), url
    assert RELEASED_NAME in get(client, user, pages[0])
    assert RELEASED_NAME in get(client, user, pages[1])
    # The name is public: showing it is no inzage.
    assert not AuditEvent.objects.filter(action="view").exists()


@pytest.mark.parametrize("who", ["dalfsen_officer", "coordinator"])
def test_the_own_officer_and_the_coordinator_see_the_address_and_it_is_recorded(
    client, request, who, opened
):
    user = request.getfixturevalue(who)
    location = opened.location
    assert SECRET_ADDRESS in get(client, user,
                                 reverse("capacity:location_detail", kwargs={"pk": location.pk}))
    event = AuditEvent.objects.get(action="view", object_type="capacity.location",
                                   object_id=str(location.pk))
    assert event.actor == user and event.after["fields"] == ["address"]
    assert RELEASED_NAME not in event.summary and SECRET_ADDRESS not in event.summary


def test_before_the_embargo_nothing_of_the_release_is_public(ijsselland, dalfsen, board_member):
    candidate = candidate_submit(actor=None, safety_region=ijsselland, municipality=dalfsen,
                                 name="Nog Geheim", address="Nergens 1",
                                 kind=CandidateKind.SITE)
    later = datetime(2099, 1, 1, tzinfo=AMSTERDAM)
    candidate_release(actor=None, candidate=candidate, embargo_until=later, reason="BAO")
    for status in OPEN_PATH:
        candidate_change_status(actor=None, candidate=candidate, to_status=status, reason="x")
    candidate.refresh_from_db()
    location = Location.objects.select_related("municipality").get(pk=candidate.location_id)
    view = location_view_for_user(board_member, location)
    assert view.name is None and view.address is None
    assert view.label == "Vertrouwelijke locatie (anders) — Dalfsen"
    after = location_view_for_user(board_member, location, now=later + timedelta(minutes=1))
    assert after.name == "Nog Geheim" and after.address == "Nergens 1"


# --- widening, never narrowing ----------------------------------------------------------------


def test_a_release_is_widened_to_the_address_and_the_widening_is_in_the_history(
    client, opened, coordinator, board_member
):
    url = reverse("capacity:location_detail", kwargs={"pk": opened.location_id})
    assert SECRET_ADDRESS not in get(client, board_member, url)
    candidate_release(actor=coordinator, candidate=opened, embargo_until=PAST,
                      reason="BAO 2", release_name=True, release_address=True)
    assert SECRET_ADDRESS in get(client, board_member, url)
    widened = AuditEvent.objects.get(object_type="capacity.location",
                                     object_id=str(opened.location_id), action="update",
                                     actor=coordinator)
    assert widened.summary == "Vrijgave uitgebreid: adres"
    assert widened.before["address_released_from"] is None
    assert widened.after["address_released_from"] == PAST.isoformat()
    assert AuditEvent.objects.filter(object_type="pipeline.candidatelocation",
                                     object_id=str(opened.pk),
                                     summary__endswith="vrijgave uitgebreid").exists()


def test_a_release_cannot_be_narrowed(opened, coordinator):
    with pytest.raises(ValidationError, match="niet ingeperkt: naam is al vrijgegeven"):
        candidate_release(actor=coordinator, candidate=opened, embargo_until=PAST,
                          reason="terug", release_name=False, release_address=True)
    with pytest.raises(ValidationError, match="niet uitgesteld"):
        candidate_release(actor=coordinator, candidate=opened,
                          embargo_until=PAST + timedelta(days=30), reason="later")
    opened.location.refresh_from_db()
    assert opened.location.name_released_from == PAST
    assert opened.location.address_released_from is None


def test_widening_a_location_keeps_what_was_public_earlier(opened, coordinator):
    location = opened.location
    later = PAST + timedelta(days=10)
    assert location_release_widen(actor=coordinator, location=location,
                                  fields=["name", "address"], released_from=later,
                                  reason="BAO") is True
    location.refresh_from_db()
    assert location.name_released_from == PAST  # not postponed
    assert location.address_released_from == later
    assert location_release_widen(actor=coordinator, location=location, fields=["address"],
                                  released_from=later, reason="BAO") is False


# --- the comment on a confidential location's figures -----------------------------------------


@pytest.fixture
def secret_location(zwolle):
    location = Location.objects.create(name=SECRET_LOCATION, address="Achterom 3",
                                       municipality=zwolle, type="cno", is_confidential=True,
                                       for_asylum_seekers=True)
    capacity_record_register(actor=None, location=location, valid_from=date(2022, 6, 1),
                             valid_to=None, places=40, occupancy=10, reason=SECRET_REASON)
    return location


@pytest.mark.parametrize("who", ["board_member", "deventer_officer"])
def test_the_comment_on_a_confidential_locations_figures_is_hidden(
    client, request, who, secret_location
):
    text = get(client, request.getfixturevalue(who),
               reverse("capacity:location_detail", kwargs={"pk": secret_location.pk}))
    assert SECRET_REASON not in text and "Buurman" not in text
    assert "[vertrouwelijk]" in text


def test_the_own_officer_reads_the_comment(client, zwolle_officer, secret_location):
    text = get(client, zwolle_officer,
               reverse("capacity:location_detail", kwargs={"pk": secret_location.pk}))
    assert SECRET_REASON in text


def test_the_comment_of_a_public_location_is_public(client, board_member, zwolle):
    location = Location.objects.create(name="Sporthal Open", municipality=zwolle, type="cno")
    CapacityRecord.objects.create(location=location, valid_from=date(2022, 6, 1), places=5,
                                  kind=CapacityKind.REALISED, reason="gewoon toegelicht")
    text = get(client, board_member,
               reverse("capacity:location_detail", kwargs={"pk": location.pk}))
    assert "gewoon toegelicht" in text


# --- every inzage recorded --------------------------------------------------------------------


def page_urls(location, candidate, emergency):
    record = location.capacity_records.get()
    return {
        "candidate_edit": reverse("pipeline:candidate_edit", kwargs={"pk": candidate.pk}),
        "location_list": reverse("capacity:location_list"),
        "location_detail": reverse("capacity:location_detail", kwargs={"pk": location.pk}),
        "location_edit": reverse("capacity:location_edit", kwargs={"pk": location.pk}),
        "capacity_correct": reverse("capacity:capacity_correct",
                                    kwargs={"pk": location.pk, "record_pk": record.pk}),
        "report_form": reverse("meetings:location_report_create", kwargs={"pk": location.pk}),
        "stays": reverse("operations:stays"),
        "stay_location": reverse("operations:stay_location", kwargs={"pk": location.pk}),
        "emergency": reverse("operations:emergency_detail", kwargs={"pk": emergency.pk}),
    }


PAGES = ["candidate_edit", "location_list", "location_detail", "location_edit",
         "capacity_correct", "report_form", "stays", "stay_location", "emergency"]


@pytest.fixture
def emergency(ijsselland):
    return emergency_request_create(actor=None, safety_region=ijsselland, places_needed=10,
                                    target_group="asylum_seekers")


@pytest.mark.parametrize("page", PAGES)
def test_each_page_records_one_inzage_for_a_permitted_user(
    client, page, zwolle, ijsselland, secret_location, emergency, zwolle_officer
):
    candidate = candidate_submit(actor=None, safety_region=ijsselland, municipality=zwolle,
                                 name="Kandidaat Zwolle", kind=CandidateKind.SITE)
    url = page_urls(secret_location, candidate, emergency)[page]
    text = get(client, zwolle_officer, url)
    shown = "Kandidaat Zwolle" if page == "candidate_edit" else SECRET_LOCATION
    assert shown in text
    (event,) = AuditEvent.objects.filter(action="view")
    assert event.actor == zwolle_officer
    expected = candidate.pk if page == "candidate_edit" else secret_location.pk
    assert expected in event.after["ids"]
    assert shown not in event.summary


@pytest.mark.parametrize("page", PAGES)
def test_no_inzage_is_recorded_for_public_data(
    client, page, zwolle, ijsselland, emergency, zwolle_officer
):
    location = Location.objects.create(name="Sporthal Openbaar", municipality=zwolle,
                                       type="cno", for_asylum_seekers=True)
    capacity_record_register(actor=None, location=location, valid_from=date(2022, 6, 1),
                             valid_to=None, places=40, occupancy=10)
    candidate = candidate_submit(actor=None, safety_region=ijsselland, municipality=zwolle,
                                 name="Openbare Kandidaat", kind=CandidateKind.SITE)
    candidate_release(actor=None, candidate=candidate, embargo_until=PAST, reason="BAO")
    url = page_urls(location, candidate, emergency)[page]
    get(client, zwolle_officer, url)
    assert not AuditEvent.objects.filter(action="view").exists()


def test_a_list_records_one_event_naming_every_record_by_number(
    client, zwolle, secret_location, coordinator
):
    other = Location.objects.create(name="Tweede Geheim", municipality=zwolle, type="azc",
                                    is_confidential=True)
    get(client, coordinator, reverse("capacity:location_list"))
    (event,) = AuditEvent.objects.filter(action="view")
    assert event.object_id == ""
    assert sorted(event.after["ids"]) == sorted([secret_location.pk, other.pk])
    assert f"#{secret_location.pk}" in event.summary and SECRET_LOCATION not in event.summary


def test_the_candidate_access_log_lists_the_longlist_views(client, ijsselland, dalfsen,
                                                           coordinator):
    candidate = candidate_submit(actor=None, safety_region=ijsselland, municipality=dalfsen,
                                 name="In De Lijst", kind=CandidateKind.SITE)
    get(client, coordinator, reverse("pipeline:overview"))
    assert AuditEvent.objects.filter(action="view").count() == 1
    log = get(client, coordinator, reverse("pipeline:access_log", kwargs={"pk": candidate.pk}))
    assert "longlist: Locatie" in log


def test_the_longlist_export_records_one_export_event(client, opened, coordinator):
    get(client, coordinator, reverse("pipeline:export"))
    (event,) = AuditEvent.objects.filter(action="export")
    assert event.after["ids"] == [opened.pk] and event.after["fields"] == ["address", "owner"]


# --- what a user may not see, for masking free text -------------------------------------------


def test_hidden_terms_are_what_the_user_may_not_see(
    opened, secret_location, board_member, zwolle_officer, coordinator,
    django_assert_max_num_queries,
):
    # The figures' revision, then one value query each for candidates, register locations and
    # flex-home projects: a fixed number, however many records there are.
    with django_assert_max_num_queries(4):
        board = hidden_confidential_terms(board_member)
    assert SECRET_ADDRESS in board and SECRET_OWNER in board and SECRET_LOCATION in board
    assert "Achterom 3" in board
    assert RELEASED_NAME not in board  # released: public
    zwolle = hidden_confidential_terms(zwolle_officer)
    assert SECRET_LOCATION not in zwolle and SECRET_ADDRESS in zwolle
    assert hidden_confidential_terms(coordinator) == []
    assert "" not in board and board == sorted(board, key=lambda t: (-len(t), t))


def test_the_migration_repairs_a_location_opened_before_the_fix(ijsselland, dalfsen):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "opvangregie.capacity.migrations.0003_location_fields_released_from_embargo")
    candidate = open_candidate(ijsselland, dalfsen)
    # As the old code left it: public as a whole because the name was released.
    Location.objects.filter(pk=candidate.location_id).update(
        is_confidential=False, name_released_from=None)
    migration.carry_over_releases(apps, None)
    location = Location.objects.get(pk=candidate.location_id)
    assert location.is_confidential
    assert (location.name_released_from, location.address_released_from) == (PAST, None)


def test_the_coordinator_widens_a_release_on_the_location_page(
    client, secret_location, coordinator, zwolle_officer, board_member
):
    url = reverse("capacity:location_release", kwargs={"pk": secret_location.pk})
    data = {"release_name": "on", "released_from": "2022-09-01T12:00", "reason": "BAO"}
    client.force_login(zwolle_officer)
    assert client.post(url, data).status_code == 403
    client.force_login(coordinator)
    client.post(url, {"released_from": "2022-09-01T12:00", "reason": "BAO"})
    assert not AuditEvent.objects.filter(action="update").exists()  # nothing chosen
    client.post(url, data)
    detail = reverse("capacity:location_detail", kwargs={"pk": secret_location.pk})
    assert "naam vanaf 1-9-2022 12:00" in get(client, coordinator, detail)
    text = get(client, board_member, detail)
    assert SECRET_LOCATION in text and "Achterom 3" not in text

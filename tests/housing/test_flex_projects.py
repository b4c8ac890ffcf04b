"""Flex-home projects: confidential until released, a region list, edits with a version check,
a deck slide that names only released projects, and the demo's seven municipalities."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from freezegun import freeze_time
from pptx import Presentation

from opvangregie.access import hidden_confidential_terms
from opvangregie.audit.models import AuditEvent
from opvangregie.demo.scenario import scenario_load
from opvangregie.housing.models import FlexProject, FlexStage
from opvangregie.housing.services import flex_project_create, flex_project_release
from opvangregie.textguard import masker

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SECRET = "GEHEIMFLEXPROJECT4471"
LIST = reverse("housing:flex_project_list")


@pytest.fixture
def project(zwolle):
    return flex_project_create(actor=None, municipality=zwolle, name=SECRET,
                               contact="Provinciaal aanjaagteam", stage=FlexStage.PLAN,
                               homes=60, expected_delivery=date(2023, 9, 1))


def page(client, user, url=LIST):
    client.force_login(user)
    return client.get(url)


def test_the_circle_sees_the_name_and_the_view_is_audited(client, project, zwolle_officer,
                                                          coordinator):
    for user in (zwolle_officer, coordinator):
        response = page(client, user)
        assert SECRET in response.text and "60" in response.text
    assert AuditEvent.objects.filter(object_type="housing.flexproject",
                                     action=AuditEvent.Action.VIEW).count() == 2


@pytest.mark.parametrize("role", ["deventer_officer", "board_member"])
def test_outside_the_circle_the_name_is_hidden_before_the_release(client, project, role,
                                                                   request):
    user = request.getfixturevalue(role)
    text = page(client, user).text
    assert SECRET not in text
    assert "Vertrouwelijk flexwoningproject — Zwolle" in text
    assert "plan" in text and "60" in text  # stage and homes are public in the region
    # Free text that names it is masked for them (the guard reads access.py's terms).
    assert SECRET in hidden_confidential_terms(user)
    assert SECRET not in masker(user)(f"Overleg over {SECRET}")
    # Nor may they open the edit page.
    edit = reverse("housing:flex_project_edit", kwargs={"pk": project.pk})
    assert client.get(edit).status_code == 403


def test_another_region_does_not_see_the_project_at_all(client, project, amsterdam_officer):
    response = page(client, amsterdam_officer)
    assert SECRET not in response.text and "Zwolle" not in response.text


def test_after_the_release_everyone_in_the_region_sees_the_name(client, project,
                                                                 board_member, coordinator):
    moment = datetime(2030, 3, 1, 21, 0, tzinfo=AMSTERDAM)
    flex_project_release(actor=coordinator, project=project, released_from=moment,
                         reason="BAO")
    with freeze_time(moment - timedelta(minutes=1)):
        assert SECRET not in page(client, board_member).text
    with freeze_time(moment + timedelta(minutes=1)):
        assert SECRET in page(client, board_member).text
        assert SECRET not in hidden_confidential_terms(board_member)


def test_an_officer_creates_and_a_stale_edit_is_refused(client, zwolle, zwolle_officer):
    client.force_login(zwolle_officer)
    data = {"municipality": zwolle.pk, "name": "Flex Noord", "contact": "aanjager",
            "stage": "idea", "homes": "20", "expected_delivery": "2023-06-01"}
    assert client.post(reverse("housing:flex_project_create"), data).status_code == 302
    project = FlexProject.objects.get()
    url = reverse("housing:flex_project_edit", kwargs={"pk": project.pk})
    assert client.post(url, {**data, "stage": "plan", "version": "1"}).status_code == 302
    # A form still at version 1 that changes the homes is refused; nothing is overwritten.
    response = client.post(url, {**data, "homes": "25", "version": "1"})
    assert response.status_code == 200 and "opgeslagen" in response.text
    project.refresh_from_db()
    assert (project.stage, project.homes, project.version) == ("plan", 20, 2)


def test_bad_input_names_the_field_and_saves_nothing(client, zwolle, zwolle_officer):
    client.force_login(zwolle_officer)
    response = client.post(reverse("housing:flex_project_create"), {
        "municipality": zwolle.pk, "name": "", "stage": "bouwen", "homes": "-3"})
    assert response.status_code == 200
    assert not FlexProject.objects.exists()
    assert "Naam project" in response.text and "Aantal woningen" in response.text


def slide_text(client, user, day: str) -> str:
    client.force_login(user)
    response = client.get(reverse("meetings:status_report_pptx"),
                          {"regio": "VR04", "peildatum": day})
    assert response.status_code == 200
    prs = Presentation(io.BytesIO(response.content))
    slides = [slide for slide in prs.slides
              if slide.shapes.title is not None
              and slide.shapes.title.text.startswith("Flexwoningprojecten")]
    assert slides, "the deck has a flex-home slide"
    return "\n".join(shape.text_frame.text if shape.has_text_frame else "\n".join(
        cell.text for row in shape.table.rows for cell in row.cells)
        for slide in slides for shape in slide.shapes
        if shape.has_text_frame or shape.has_table)


def test_the_deck_slide_names_only_released_projects(client, project, coordinator):
    today = date.today().isoformat()
    text = slide_text(client, coordinator, today)
    # Decks are forwarded: even the coordinator's deck does not name an unreleased project.
    assert SECRET not in text and "Vertrouwelijk project" in text and "60" in text
    flex_project_release(actor=coordinator, project=project, reason="BAO",
                         released_from=datetime.now(tz=AMSTERDAM) - timedelta(hours=1))
    assert SECRET in slide_text(client, coordinator, today)


def test_the_demo_holds_the_seeds_seven_municipalities_with_flex_projects(db):
    scenario_load()
    names = set(FlexProject.objects.values_list("municipality__name", flat=True))
    assert names == {"Olst-Wijhe", "Dalfsen", "Steenwijkerland", "Ommen", "Zwolle",
                     "Deventer", "Staphorst"}
    assert not FlexProject.objects.filter(name_released_from__isnull=False).exists()

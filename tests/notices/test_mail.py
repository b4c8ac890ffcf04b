"""Mail: the emergency button at once, the daily digest once per notice, each user's choice."""

import re
from datetime import timedelta

import environ
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from opvangregie.notices.models import Kind, SentNotice
from opvangregie.notices.services import digest_send, mail_preferences_set
from opvangregie.operations import services as operations
from opvangregie.pipeline.models import CandidateKind
from opvangregie.pipeline.services import candidate_release, candidate_submit
from tests.operations.conftest import SECRET_NAME, location_with_capacity


@pytest.fixture
def filemail(settings, tmp_path):
    """Mail written to files, configured as a region would: EMAIL_URL=filemail://…"""
    folder = tmp_path / "mail"
    # Four slashes: django-environ drops the first of the path.
    config = environ.Env.email_url_config(f"filemail:///{folder}")
    for key, value in config.items():
        setattr(settings, key, value)
    return folder


def read_mail(folder) -> str:
    return "\n".join(p.read_text() for p in sorted(folder.glob("*.log"))) if folder.exists() \
        else ""


@pytest.fixture
def addressed(coordinator, zwolle_officer, deventer_officer, board_member):
    for user in (coordinator, zwolle_officer, deventer_officer, board_member):
        user.email = f"{user.username}@regio.example"
        user.save()
    return coordinator, zwolle_officer, deventer_officer, board_member


def test_an_emergency_request_mails_coordinators_and_officers_with_room(
        filemail, addressed, ijsselland, zwolle, deventer, django_capture_on_commit_callbacks):
    coordinator, zwolle_officer, deventer_officer, board_member = addressed
    location_with_capacity(zwolle, name=SECRET_NAME, type="azc", places=50, occupancy=20,
                           confidential=True, for_asylum_seekers=True)
    with django_capture_on_commit_callbacks(execute=True):
        operations.emergency_request_create(actor=coordinator, safety_region=ijsselland,
                                            places_needed=40, target_group="asylum_seekers")
    text = read_mail(filemail)
    assert "Subject: Noodknop IJsselland: 40 plekken nodig" in text
    assert "40 plekken nodig voor asielzoekers binnen 24 uur" in text
    assert f"To: {coordinator.email}" in text and f"To: {zwolle_officer.email}" in text
    # Deventer has no room, the board is not asked; nobody sees another addressee.
    assert deventer_officer.email not in text and board_member.email not in text
    assert "Cc:" not in text
    assert SECRET_NAME not in text
    assert SentNotice.objects.filter(kind=Kind.EMERGENCY).count() == 2


def test_who_turned_emergency_mail_off_gets_none(
        filemail, addressed, ijsselland, zwolle, django_capture_on_commit_callbacks):
    coordinator, zwolle_officer, *_ = addressed
    location_with_capacity(zwolle, name="CNO", places=50, occupancy=20, for_asylum_seekers=True)
    mail_preferences_set(user=zwolle_officer, enabled={Kind.DEADLINE, Kind.STALE})
    with django_capture_on_commit_callbacks(execute=True):
        operations.emergency_request_create(actor=coordinator, safety_region=ijsselland,
                                            places_needed=10, target_group="asylum_seekers")
    text = read_mail(filemail)
    assert coordinator.email in text and zwolle_officer.email not in text


def test_an_ended_embargo_names_the_candidate_only_to_who_may_see_it(addressed, ijsselland):
    coordinator, zwolle_officer, deventer_officer, board_member = addressed
    dalfsen = ijsselland.municipalities.get(code="GM0148")
    candidate = candidate_submit(actor=None, safety_region=ijsselland, municipality=dalfsen,
                                 name="Pand aan de Vecht", kind=CandidateKind.BUILDING,
                                 possible_places=150)
    candidate_release(actor=coordinator, candidate=candidate,
                      embargo_until=timezone.now() - timedelta(hours=1),
                      reason="Besluit college", release_name=False, release_address=False)
    assert digest_send() == 4
    by_user = {m.to[0]: m.body for m in mail.outbox}
    assert "Pand aan de Vecht" in by_user[coordinator.email]
    for user in (zwolle_officer, deventer_officer, board_member):
        assert "Pand aan de Vecht" not in by_user[user.email]
        assert f"Locatie {candidate.number}" in by_user[user.email]
    assert mail.outbox[0].subject == "Opvangregie: 1 bericht"

    # The digest runs daily: what was sent is not sent again.
    assert digest_send() == 0
    assert len(mail.outbox) == 4


def test_figures_that_turn_stale_are_mailed_once(addressed, zwolle):
    coordinator, zwolle_officer, deventer_officer, _board = addressed
    location_with_capacity(zwolle, name="CNO", places=50, occupancy=20)
    later = timezone.now() + timedelta(days=15)
    assert digest_send(now=later) == 2
    assert {m.to[0] for m in mail.outbox} == {coordinator.email, zwolle_officer.email}
    assert "De cijfers van Zwolle zijn sinds" in mail.outbox[0].body
    assert digest_send(now=later + timedelta(days=1)) == 0


def test_a_user_turns_a_kind_of_mail_off_on_the_preferences_page(client, zwolle_officer):
    client.force_login(zwolle_officer)
    page = client.get(reverse("notices:preferences"))
    assert "de noodknop is ingedrukt" in page.content.decode()
    client.post(reverse("notices:preferences"), {"kinds": [Kind.DEADLINE, Kind.EMBARGO]})
    page = client.get(reverse("notices:preferences")).content.decode()
    boxes = dict(re.findall(r'<input type="checkbox" name="kinds" value="(\w+)"([^>]*)>', page))
    assert {kind for kind, rest in boxes.items() if "checked" in rest} == {"deadline", "embargo"}
    assert set(boxes) == {"emergency", "deadline", "embargo", "stale"}


def test_a_proposal_near_its_deadline_is_mailed_to_the_coordinators_once(addressed, ijsselland):
    from opvangregie.meetings.models import Proposal

    coordinator, zwolle_officer, *_ = addressed
    now = timezone.now()
    near = Proposal.objects.create(safety_region=ijsselland, title="Extra CNO in Zwolle",
                                   content="…", submitted_at=now - timedelta(hours=60),
                                   submitted_by="regiocoördinator")
    Proposal.objects.create(safety_region=ijsselland, title="Nog ruim de tijd", content="…",
                            submitted_at=now - timedelta(hours=2), submitted_by="rc")
    Proposal.objects.create(safety_region=ijsselland, title="Al beantwoord", content="…",
                            submitted_at=now - timedelta(hours=60), submitted_by="rc",
                            answer="go", answered_at=now)
    assert digest_send(now=now) == 1
    (message,) = mail.outbox
    assert message.to == [coordinator.email]
    assert "'Extra CNO in Zwolle' heeft nog geen antwoord" in message.body
    assert "Nog ruim de tijd" not in message.body and "Al beantwoord" not in message.body
    assert "/account/e-mail/" in message.body
    assert digest_send(now=now + timedelta(hours=1)) == 0
    assert SentNotice.objects.get().key == f"proposal:{near.pk}"

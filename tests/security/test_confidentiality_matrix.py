"""Every URL × every role: a planted secret name appears only where it may.

The URLs are read from the URL configuration, so a page added later is checked without
anyone remembering to add it here. Downloads (xlsx, pptx, docx) are unzipped and searched too.
"""

import io
import logging
import re
import zipfile
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from freezegun import freeze_time

from opvangregie.capacity.models import LocationType
from opvangregie.capacity.services import capacity_record_register, location_create
from opvangregie.demo.scenario import demo_accounts_ensure, scenario_load
from opvangregie.housing.services import flex_project_create
from opvangregie.meetings import services as meetings_services
from opvangregie.meetings.services import location_report_create
from opvangregie.pipeline import services as pipeline_services
from opvangregie.pipeline.models import CandidateKind, CandidateLocation
from opvangregie.pipeline.services import candidate_release, candidate_submit, document_add
from opvangregie.regions.models import Municipality, SafetyRegion
from tests.factories import UserFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SECRET_CANDIDATE = "GEHEIMKANDIDAAT7f3a9"
SECRET_ADDRESS = "GEHEIMADRES5521"
SECRET_OWNER = "GEHEIMEIGENAAR0042"
SECRET_NOTE = "GEHEIMENOTITIE8812"
SECRET_DOCUMENT = "GEHEIMDOCUMENT3377"
SECRET_LOCATION = "GEHEIMELOCATIE91c2"
SECRET_REPORT = "GEHEIMRAPPORT4410"
EMBARGOED = "EMBARGOKANDIDAAT6610"
EMBARGO_UNTIL = datetime(2030, 3, 1, 21, 0, tzinfo=AMSTERDAM)
ALL_SECRETS = (SECRET_CANDIDATE, SECRET_ADDRESS, SECRET_OWNER, SECRET_NOTE, SECRET_DOCUMENT,
               SECRET_LOCATION, SECRET_REPORT, EMBARGOED)
# A candidate released by name only and then opened: its address stays secret on the register.
NAME_ONLY_ADDRESS = "GEHEIMADRESNAAMVRIJ2231"
SECRET_COMMENT = "GEHEIMETOELICHTING6650"  # the comment on a confidential location's figures
ALL_SECRETS += (NAME_ONLY_ADDRESS, SECRET_COMMENT)
SECRET_FLEX = "GEHEIMFLEXPROJECT3019"  # an unreleased flex-home project of Dalfsen
ALL_SECRETS += (SECRET_FLEX,)
FREE_TEXT_DECISION = "Besluit vrije tekst:"
# The Django admin: administrators only, who may see all. The API has its own matrix
# (test_api_confidentiality_matrix.py, by token and by session).
SKIPPED_PREFIXES = ("beheer/", "api/")


@pytest.fixture
def world(db, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("OPVANGREGIE_DEMO_PASSWORD", "matrix-wachtwoord")
    return plant_world()


def plant_world() -> dict:
    """The demo with secrets planted in every confidential field and in free text (also the
    API matrix's world, tests/security/test_api_confidentiality_matrix.py)."""
    scenario_load()
    demo_accounts_ensure()
    region = SafetyRegion.objects.get(code="VR04")
    dalfsen = Municipality.objects.get(code="GM0148")
    secret = candidate_submit(
        actor=None, safety_region=region, municipality=dalfsen, name=SECRET_CANDIDATE,
        address=SECRET_ADDRESS, owner=SECRET_OWNER, notes=SECRET_NOTE,
        kind=CandidateKind.BUILDING, possible_places=75, earliest_opening=date(2022, 12, 1),
    )
    document = document_add(
        actor=None, candidate=secret,
        upload=SimpleUploadedFile(f"{SECRET_DOCUMENT}.pdf", b"%PDF-1.4 " + SECRET_NOTE.encode(),
                                  content_type="application/pdf"),
    )
    embargoed = candidate_submit(
        actor=None, safety_region=region, municipality=dalfsen, name=EMBARGOED,
        kind=CandidateKind.SITE, possible_places=20,
    )
    candidate_release(actor=None, candidate=embargoed, embargo_until=EMBARGO_UNTIL,
                      reason="BAO")
    location = location_create(actor=None, name=SECRET_LOCATION, address=SECRET_ADDRESS,
                               municipality=dalfsen, type=LocationType.CNO,
                               is_confidential=True)
    capacity_record_register(actor=None, location=location, valid_from=date(2022, 6, 1),
                             valid_to=None, places=40, occupancy=10)
    capacity_record_register(actor=None, location=location, valid_from=date(2022, 9, 1),
                             valid_to=None, places=45, occupancy=10, reason=SECRET_COMMENT)
    flex = flex_project_create(actor=None, municipality=dalfsen, name=SECRET_FLEX,
                               contact="aanjager", stage="plan", homes=30)
    name_only = candidate_submit(
        actor=None, safety_region=region, municipality=dalfsen, name="Vrijgegeven Kazerne",
        address=NAME_ONLY_ADDRESS, kind=CandidateKind.BUILDING, possible_places=30,
    )
    candidate_release(actor=None, candidate=name_only, reason="BAO", release_address=False,
                      embargo_until=datetime(2022, 9, 1, 12, 0, tzinfo=AMSTERDAM))
    for status in ("under_assessment", "serious_chance", "go", "in_realisation", "open"):
        pipeline_services.candidate_change_status(actor=None, candidate=name_only,
                                                  to_status=status, reason="x")
    name_only.refresh_from_db()
    location_report_create(actor=None, location=location, reported_on=date(2022, 8, 30),
                           incidents=f"Onrust bij {SECRET_REPORT}",
                           concerns=f"Zorg over {SECRET_LOCATION}")
    # Free text typed by others that names the secrets: the meeting page, the proposal, the
    # status report, its deck and workbook and the history must mask it for the roles outside
    # the circle (opvangregie.textguard); the circle reads it as typed.
    meeting = meetings_services.meeting_create(
        actor=None, safety_region=region, date=date(2022, 8, 31), title="BAO",
        notes=f"Gesprek over {SECRET_CANDIDATE} gepland")
    item = meetings_services.agenda_item_create(actor=None, meeting=meeting,
                                                title=f"Stand {SECRET_LOCATION}")
    decision = meetings_services.decision_create(
        actor=None, meeting=meeting, agenda_item=item, owner="regio", horizon="short",
        text=f"{FREE_TEXT_DECISION} {SECRET_ADDRESS} verder onderzoeken",
        decided_on=date(2022, 8, 31))
    meetings_services.action_create(actor=None, meeting=meeting, owner="regio",
                                    text=f"Bel eigenaar {SECRET_OWNER}")
    meetings_services.meeting_narrative_update(
        actor=None, meeting=meeting, safety_picture=f"Onrust bij {SECRET_LOCATION}",
        findings=f"• Kansen bij {SECRET_CANDIDATE}", agreements=f"Afspraak {SECRET_FLEX}",
        principles=f"Eigenaar {SECRET_OWNER} betrekken")
    meetings_services.action_create(actor=None, meeting=meeting, owner="regio",
                                    text=f"Vergunning {SECRET_FLEX} voorbereiden")
    proposal = meetings_services.proposal_submit(
        actor=None, safety_region=region, meeting=meeting, submitted_by="regio",
        title=f"Voorstel {SECRET_CANDIDATE}", content=f"Opvang in {SECRET_LOCATION}",
        submitted_at=datetime(2022, 8, 30, 10, 0, tzinfo=AMSTERDAM))
    meetings_services.proposal_answer(actor=None, proposal=proposal, answer="go",
                                      answered_at=datetime(2022, 8, 31, 9, 0, tzinfo=AMSTERDAM),
                                      note=f"GO voor {SECRET_ADDRESS}")
    pipeline_services.candidate_change_status(actor=None, candidate=secret,
                                              to_status="under_assessment",
                                              reason=f"Bezocht met {SECRET_OWNER}")
    zwolle_region_other = Municipality.objects.get(code="GM0363")  # Amsterdam: another region
    users = {
        "bestuur": "bestuur", "deventer": "deventer", "zwolle": "zwolle",
        "dalfsen": "dalfsen", "coordinator": "coordinator",
    }
    from opvangregie.accounts.models import User

    accounts = {role: User.objects.get(username=name) for role, name in users.items()}
    accounts["elders"] = UserFactory(role="officer", municipalities=[zwolle_region_other])
    return {
        "accounts": accounts,
        "ids": sorted({secret.pk, embargoed.pk, document.pk, location.pk, meeting.pk,
                       decision.pk, proposal.pk, flex.pk}
                      | set(CandidateLocation.objects.values_list("pk", flat=True)[:3])
                      | {name_only.location_id}),
        "name_only": name_only,
        "location": location,
        "secret": secret,
        "embargoed": embargoed,
        "meeting": meeting,
        "proposal": proposal,
    }


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def urls_to_visit(ids):
    """Every GET-able URL of the app, with ids and municipality codes filled in."""
    for route in _walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES) or route.startswith("^"):
            continue
        converters = CONVERTER.findall(route)
        if not converters:
            yield "/" + route
            continue
        values = [ids if kind == "int" else ["GM0148", "GM0150"] for kind, _name in converters]
        for combination in zip(*values, strict=False):
            url = route
            for value in combination:
                url = CONVERTER.sub(str(value), url, count=1)
            yield "/" + url
        if len(converters) == 1 and converters[0][0] == "int":
            for value in ids:
                yield "/" + CONVERTER.sub(str(value), route, count=1)


def body_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    chunks = [content]
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            chunks += [archive.read(name) for name in archive.namelist()]
    return b"\n".join(chunks).decode("utf-8", errors="replace")


def visit_all(client, user, ids, caplog):
    client.force_login(user)
    seen = {}
    with caplog.at_level(logging.DEBUG):
        for url in sorted(set(urls_to_visit(ids))):
            for query in ("", "?formaat=csv"):
                response = client.get(url + query)
                seen[url + query] = body_text(response)
    seen["<logs>"] = "\n".join(record.getMessage() for record in caplog.records)
    return seen


def leaks(seen, secrets):
    return sorted((url, secret) for url, text in seen.items() for secret in secrets
                  if secret in text)


@pytest.mark.parametrize("role", ["bestuur", "deventer", "zwolle", "elders"])
def test_no_confidential_name_reaches_a_role_that_may_not_see_it(client, world, role, caplog):
    seen = visit_all(client, world["accounts"][role], world["ids"], caplog)
    assert leaks(seen, ALL_SECRETS) == []
    assert len(seen) > 20  # the walk really visited the app


@pytest.mark.parametrize("role", ["dalfsen", "coordinator"])
def test_own_municipality_and_coordinator_see_the_candidate(client, world, role, caplog):
    seen = visit_all(client, world["accounts"][role], world["ids"], caplog)
    detail = f"/zoektocht/kandidaten/{world['secret'].pk}/"
    assert SECRET_CANDIDATE in seen[detail] and SECRET_ADDRESS in seen[detail]
    assert SECRET_CANDIDATE in seen["/zoektocht/longlist.xlsx"]
    assert SECRET_LOCATION in seen["/locaties/"]
    assert SECRET_FLEX in seen["/flexwonen/"]
    assert NAME_ONLY_ADDRESS in seen[f"/locaties/{world['name_only'].location_id}/"]
    assert SECRET_COMMENT in seen[f"/locaties/{world['location'].pk}/"]
    meeting_page = seen[f"/overleg/{world['meeting'].pk}/"]
    assert f"{FREE_TEXT_DECISION} {SECRET_ADDRESS}" in meeting_page  # typed text, unmasked
    assert SECRET_LOCATION in seen[f"/overleg/voorstellen/{world['proposal'].pk}/"]
    # Even those who may see them never find the names in logs.
    assert leaks({"<logs>": seen["<logs>"]}, ALL_SECRETS) == []


def test_after_the_embargo_the_released_name_is_visible_to_all(client, world):
    board = world["accounts"]["bestuur"]
    url = f"/zoektocht/kandidaten/{world['embargoed'].pk}/"
    with freeze_time(EMBARGO_UNTIL - timedelta(minutes=1)):
        client.force_login(board)
        assert EMBARGOED not in client.get(url).text
        assert EMBARGOED not in body_text(client.get("/zoektocht/longlist.xlsx"))
    with freeze_time(EMBARGO_UNTIL + timedelta(minutes=1)):
        client.force_login(board)
        assert EMBARGOED in client.get(url).text
        assert EMBARGOED in body_text(client.get("/zoektocht/longlist.xlsx"))
        # The unreleased candidate stays hidden after someone else's embargo.
        assert SECRET_CANDIDATE not in client.get("/zoektocht/").text

"""Free text that names a confidential record: masked for who may not see it, warned on save.

Secret names of an unreleased candidate (Dalfsen) and a confidential location (Dalfsen) are
typed, in other case and with or without accents, inside sentences, into every free-text field
that other roles read. The board member and the Deventer officer then never find them on the
pages, in the printable status report, the deck, the workbook or the history; the coordinator
and the Dalfsen officer read the text as typed.
"""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opvangregie.access import flex_project_views_for_user
from opvangregie.accounts.models import User
from opvangregie.capacity.models import Location, LocationType
from opvangregie.capacity.selectors import location_details_visible
from opvangregie.capacity.services import capacity_record_register, location_create
from opvangregie.demo.scenario import demo_accounts_ensure, scenario_load
from opvangregie.housing.models import FlexProject
from opvangregie.meetings.models import Decision, Horizon
from opvangregie.meetings.services import (
    action_create,
    agenda_item_create,
    decision_create,
    location_report_create,
    meeting_create,
    proposal_answer,
    proposal_submit,
)
from opvangregie.operations.models import TargetGroup
from opvangregie.operations.services import emergency_request_create, emergency_respond
from opvangregie.pipeline.models import CandidateKind, CandidateLocation
from opvangregie.pipeline.selectors import details_visible, released_fields
from opvangregie.pipeline.services import (
    addressee_update,
    call_create,
    candidate_change_status,
    candidate_submit,
)
from opvangregie.regions.models import Municipality, SafetyRegion
from opvangregie.textguard import MASK, Matcher, fold, hidden_terms, mask, terms_named_in

# As stored: with accents and capitals.
CANDIDATE = "Hoeve Zuiderkämp"
CANDIDATE_ADDRESS = "Brinkweg 417"
CANDIDATE_OWNER = "Stichting Wïlgenhorst"
LOCATION = "Kamp Welgelegen Noord"
SECRETS = (CANDIDATE, CANDIDATE_ADDRESS, CANDIDATE_OWNER, LOCATION)
# As typed: other case, accents dropped or added, extra spaces, inside longer sentences.
TYPED_CANDIDATE = "hoeve ZUIDERKAMP"
TYPED_ADDRESS = "brinkweg  417"
TYPED_OWNER = "stichting wilgenhorst"
TYPED_LOCATION = "kamp wélgelegen noord"


def _contains(body: str, secret: str) -> bool:
    return " ".join(fold(secret)[0].split()) in " ".join(fold(body)[0].split())


def body_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    chunks = [content]
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            chunks += [archive.read(name) for name in archive.namelist()]
    return b"\n".join(chunks).decode("utf-8", errors="replace")


@pytest.fixture
def world(db, monkeypatch):
    monkeypatch.setenv("OPVANGREGIE_DEMO_PASSWORD", "tekst-wachtwoord")
    scenario_load()
    demo_accounts_ensure()
    region = SafetyRegion.objects.get(code="VR04")
    dalfsen = Municipality.objects.get(code="GM0148")
    zwolle = Municipality.objects.get(code="GM0193")
    secret = candidate_submit(
        actor=None, safety_region=region, municipality=dalfsen, name=CANDIDATE,
        address=CANDIDATE_ADDRESS, owner=CANDIDATE_OWNER, kind=CandidateKind.BUILDING,
        possible_places=60,
    )
    confidential = location_create(actor=None, name=LOCATION, address="", municipality=dalfsen,
                                   type=LocationType.CNO, is_confidential=True)
    public = location_create(actor=None, name="Sporthal Openbaar", municipality=zwolle,
                             type=LocationType.CNO, is_confidential=False)
    today = timezone.localdate()
    now = timezone.now()

    # Meetings app: meeting notes, agenda item, decision, action, proposal, location report.
    meeting = meeting_create(actor=None, safety_region=region, date=today,
                             title="BAO tekstproef", notes=f"Bezoek aan {TYPED_CANDIDATE}.")
    item = agenda_item_create(actor=None, meeting=meeting, title=f"Stand {TYPED_LOCATION}",
                              notes=f"Eigenaar {TYPED_OWNER} belt terug.")
    decision_create(actor=None, meeting=meeting, agenda_item=item, horizon=Horizon.SHORT,
                    text=f"Het bestuur besluit {TYPED_CANDIDATE} verder te onderzoeken.",
                    owner="Regiocoördinator")
    action_create(actor=None, meeting=meeting, agenda_item=item,
                  text=f"Schouw plannen op {TYPED_ADDRESS}, Dalfsen.", owner="Gemeente Dalfsen",
                  due_date=today + timedelta(days=14))
    proposal = proposal_submit(
        actor=None, safety_region=region, title=f"Uitbreiding {TYPED_LOCATION}",
        content=f"Voorstel: 40 plekken extra bij {TYPED_CANDIDATE}.",
        submitted_at=now - timedelta(hours=2), submitted_by="Regio IJsselland")
    proposal_answer(actor=None, proposal=proposal, answer="go", answered_at=now,
                    note=f"GO voor {TYPED_ADDRESS}")
    location_report_create(actor=None, location=public, reported_on=today,
                           concerns=f"Bewoners vragen naar {TYPED_CANDIDATE}.",
                           partners=f"Overleg met {TYPED_OWNER}.", care="Huisarts geregeld.")
    # Capacity: a comment on a public location.
    capacity_record_register(actor=None, location=public, valid_from=date(2022, 6, 1),
                             valid_to=None, places=50, occupancy=20,
                             reason=f"Plekken verhuisd uit {TYPED_LOCATION}")
    # Pipeline: the call's text and an addressee note; a status reason on a Zwolle candidate.
    call = call_create(actor=None, safety_region=region, sent_on=today,
                       text=f"Denk ook aan panden zoals {TYPED_CANDIDATE}.",
                       municipalities=[dalfsen, zwolle], brokers=[])
    addressee_update(actor=None, addressee=call.addressees.get(municipality=dalfsen),
                     status="responded", note=f"Noemt {TYPED_ADDRESS}")
    zwolle_candidate = candidate_submit(
        actor=None, safety_region=region, municipality=zwolle, name="Zwolse Kazerne",
        kind=CandidateKind.BUILDING, possible_places=80,
    )
    candidate_change_status(actor=None, candidate=zwolle_candidate, to_status="under_assessment",
                            reason=f"Sneller dan {TYPED_CANDIDATE} in Dalfsen")
    # Operations: an emergency request and a response.
    emergency = emergency_request_create(
        actor=None, safety_region=region, places_needed=30,
        target_group=TargetGroup.ASYLUM_SEEKERS,
        note=f"Bus gaat mogelijk naar {TYPED_LOCATION}")
    emergency_respond(actor=None, request=emergency, municipality=zwolle, accepted=False,
                      note=f"Vraag {TYPED_OWNER}")

    accounts = {name: User.objects.get(username=name)
                for name in ("bestuur", "deventer", "zwolle", "dalfsen", "coordinator")}
    query = f"?regio={region.code}&peildatum={today.isoformat()}"
    pages = {
        "overleg": reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk}),
        "overleggen": reverse("meetings:meeting_list"),
        "voorstellen": reverse("meetings:proposal_list"),
        "voorstel": reverse("meetings:proposal_detail", kwargs={"pk": proposal.pk}),
        "tussenstand": reverse("meetings:status_report") + query,
        "pptx": reverse("meetings:status_report_pptx") + query,
        "xlsx": reverse("meetings:status_report_xlsx") + query,
        "locatie": reverse("capacity:location_detail", kwargs={"pk": public.pk}),
        "uitvraag": reverse("pipeline:call_detail", kwargs={"pk": call.pk}),
        "noodknop": reverse("operations:emergency_detail", kwargs={"pk": emergency.pk}),
        "kandidaat-zwolle": reverse("pipeline:candidate_detail",
                                    kwargs={"pk": zwolle_candidate.pk}),
    }
    return {"accounts": accounts, "pages": pages, "meeting": meeting, "secret": secret,
            "confidential": confidential, "public": public, "region": region}


def _fetch(client, user, pages):
    client.force_login(user)
    bodies = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        bodies[name] = body_text(response)
    return bodies


@pytest.mark.parametrize("role", ["bestuur", "deventer"])
def test_readers_who_may_not_see_the_names_never_find_them(client, world, role):
    pages = {k: v for k, v in world["pages"].items() if k != "kandidaat-zwolle"}
    bodies = _fetch(client, world["accounts"][role], pages)
    leaks = [(page, secret) for page, body in bodies.items() for secret in SECRETS
             if _contains(body, secret)]
    assert leaks == []
    # The text itself is there, with the name replaced.
    marker = str(MASK)
    assert "besluit [vertrouwelijke locatie] verder te onderzoeken" in bodies["overleg"]
    for page in ("overleg", "voorstel", "tussenstand", "pptx", "xlsx", "locatie", "uitvraag",
                 "noodknop"):
        assert marker in bodies[page], page


def test_an_officer_reads_a_status_reason_of_their_own_candidate_masked(client, world):
    body = _fetch(client, world["accounts"]["zwolle"],
                  {"kandidaat": world["pages"]["kandidaat-zwolle"]})["kandidaat"]
    assert "Sneller dan [vertrouwelijke locatie] in Dalfsen" in body
    assert not _contains(body, CANDIDATE)


@pytest.mark.parametrize("role", ["coordinator", "dalfsen"])
def test_who_may_see_the_names_reads_the_text_as_typed(client, world, role):
    pages = {k: world["pages"][k] for k in ("overleg", "voorstel", "locatie", "noodknop")}
    if role == "coordinator":
        pages.update({k: world["pages"][k] for k in (
            "tussenstand", "pptx", "xlsx", "uitvraag", "kandidaat-zwolle")})
    bodies = _fetch(client, world["accounts"][role], pages)
    assert f"besluit {TYPED_CANDIDATE} verder te onderzoeken" in bodies["overleg"]
    assert f"Bezoek aan {TYPED_CANDIDATE}." in bodies["overleg"]
    assert TYPED_ADDRESS in bodies["voorstel"]
    assert f"Plekken verhuisd uit {TYPED_LOCATION}" in bodies["locatie"]
    assert TYPED_LOCATION in bodies["noodknop"]
    if role == "coordinator":
        for page in ("tussenstand", "pptx", "xlsx"):
            assert _contains(bodies[page], TYPED_CANDIDATE), page
        assert f"Sneller dan {TYPED_CANDIDATE}" in bodies["kandidaat-zwolle"]


def test_a_released_name_is_no_longer_masked(client, world):
    from opvangregie.pipeline.services import candidate_release

    candidate_release(actor=None, candidate=world["secret"],
                      embargo_until=timezone.now() - timedelta(minutes=1), reason="BAO")
    body = _fetch(client, world["accounts"]["bestuur"],
                  {"overleg": world["pages"]["overleg"]})["overleg"]
    assert f"besluit {TYPED_CANDIDATE} verder te onderzoeken" in body
    assert not _contains(body, LOCATION)  # the confidential location stays masked


# --- the warning on save ----------------------------------------------------------------------


def test_a_decision_naming_a_secret_is_refused_with_a_warning_then_saved_on_confirm(
        client, world):
    client.force_login(world["accounts"]["coordinator"])
    url = reverse("meetings:decision_add", kwargs={"pk": world["meeting"].pk})
    text = f"Besluit: de gemeente verkent {TYPED_LOCATION} als reserve."
    data = {"text": text, "owner": "Regio", "horizon": Horizon.SHORT}
    before = Decision.objects.count()

    response = client.post(url, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Deze tekst noemt een vertrouwelijke locatie die niet iedereen die dit leest mag " \
           "zien" in page
    assert "Toch opslaan" in page and 'name="toch_opslaan"' in page
    assert Decision.objects.count() == before

    response = client.post(url, {**data, "toch_opslaan": "on"})

    assert response.status_code == 302
    assert Decision.objects.filter(text=text).exists()


def test_a_rephrased_decision_saves_without_warning(client, world):
    client.force_login(world["accounts"]["coordinator"])
    url = reverse("meetings:decision_add", kwargs={"pk": world["meeting"].pk})
    response = client.post(url, {"text": "Besluit: locatie 7 in Dalfsen wordt verkend.",
                                 "owner": "Regio", "horizon": Horizon.SHORT})
    assert response.status_code == 302


def test_a_capacity_comment_warns_only_when_its_readers_may_not_see_the_name(client, world):
    client.force_login(world["accounts"]["dalfsen"])
    dalfsen_public = Location.objects.filter(municipality__code="GM0148",
                                             is_confidential=False).first()
    data = {"valid_from": "2022-07-01", "places": "10", "occupancy": "5", "kind": "realised",
            "reason": f"Overloop naar {TYPED_LOCATION}"}
    # A public location's comment is read by the whole region: refused.
    response = client.post(reverse("capacity:capacity_register",
                                   kwargs={"pk": dalfsen_public.pk}), data)
    assert response.status_code == 200 and "Toch opslaan" in response.content.decode()
    assert not dalfsen_public.capacity_records.filter(reason=data["reason"]).exists()
    # The confidential location's own comment is read only by who sees its name: saved.
    response = client.post(reverse("capacity:capacity_register",
                                   kwargs={"pk": world["confidential"].pk}), data)
    assert response.status_code == 302
    assert world["confidential"].capacity_records.filter(reason=data["reason"]).exists()


def test_a_status_reason_naming_another_municipalitys_candidate_warns(client, world):
    client.force_login(world["accounts"]["coordinator"])
    zwolle_candidate = CandidateLocation.objects.get(name="Zwolse Kazerne")
    url = reverse("pipeline:candidate_status", kwargs={"pk": zwolle_candidate.pk})
    data = {"to_status": "serious_chance", "reason": f"Na {TYPED_CANDIDATE}"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Toch opslaan" in response.content.decode()
    assert not zwolle_candidate.status_changes.filter(reason=data["reason"]).exists()
    response = client.post(url, {**data, "toch_opslaan": "on"})
    assert response.status_code == 302
    assert zwolle_candidate.status_changes.filter(reason=data["reason"]).exists()


# --- which terms, for whom --------------------------------------------------------------------


def test_hidden_terms_follow_the_visibility_rules_of_the_selectors(world):
    now = timezone.now()
    candidates = list(CandidateLocation.objects.select_related("safety_region", "release"))
    locations = list(Location.objects.filter(is_confidential=True)
                     .select_related("municipality"))
    projects = list(FlexProject.objects.select_related("municipality"))
    assert len(projects) == 7  # the demo's flex-home projects, none released
    for user in world["accounts"].values():
        seen, hidden = set(), set()
        for candidate in candidates:
            visible = details_visible(user, candidate)
            released = released_fields(candidate, now=now)
            for name in ("name", "address", "owner"):
                value = getattr(candidate, name)
                if value:
                    (seen if visible or name in released else hidden).add(value)
        for location in locations:
            target = seen if location_details_visible(user, location) else hidden
            target.update(v for v in (location.name, location.address) if v)
        for project, view in zip(projects, flex_project_views_for_user(user, projects, now=now),
                                 strict=True):
            (seen if view.name is not None else hidden).add(project.name)
        assert set(hidden_terms(user)) == hidden - seen, user.username


def test_terms_named_in_uses_the_audience_not_the_author(world):
    coordinator = world["accounts"]["coordinator"]
    text = f"Zie {TYPED_CANDIDATE}"
    assert terms_named_in(text, coordinator) == []
    assert terms_named_in(text, world["accounts"]["bestuur"]) == [TYPED_CANDIDATE]
    assert mask(text, coordinator) == text
    assert mask(text, world["accounts"]["deventer"]) == "Zie [vertrouwelijke locatie]"


# --- the matcher ------------------------------------------------------------------------------


def test_matcher_ignores_case_accents_and_whitespace_width():
    matcher = Matcher(["Hoeve Zuiderkämp"])
    assert matcher.mask("Besluit over HOEVE   zuiderkamp.", "[X]") == "Besluit over [X]."
    assert matcher.mask("hoeve zuiderkämp", "[X]") == "[X]"
    assert matcher.mask("Hoëve\nZuiderkamp!", "[X]") == "[X]!"


def test_matcher_maps_back_to_the_original_positions_around_expanding_characters():
    matcher = Matcher(["Straße 5"])
    # "ß" folds to "ss" and "É" to "e": the text around the match keeps its own characters.
    assert matcher.mask("Élan bij STRASSE 5 en straße 5; Größe", "[X]") == \
        "Élan bij [X] en [X]; Größe"


def test_matcher_finds_a_long_term_inside_a_longer_word_but_a_short_one_only_as_a_word():
    matcher = Matcher(["Marslanden", "Oase"])
    assert matcher.mask("De Marslandenhal", "[X]") == "De [X]hal"
    assert matcher.mask("Oase en Oasestraat", "[X]") == "[X] en Oasestraat"


def test_matcher_leaves_a_different_house_number_alone():
    matcher = Matcher(["Kerkstraat 12"])
    assert matcher.mask("Kerkstraat 12, Kerkstraat 123", "[X]") == "[X], Kerkstraat 123"


def test_overlapping_terms_are_masked_as_one_span():
    matcher = Matcher(["Huize Zonneveld", "Zonneveld Oost"])
    assert matcher.mask("Naar huize Zonneveld Oost morgen", "[X]") == "Naar [X] morgen"
    assert matcher.found("Naar huize Zonneveld Oost") == ["huize Zonneveld Oost"]


def test_the_longest_of_two_terms_with_one_start_wins():
    matcher = Matcher(["Kamp", "Kamp Welgelegen"])
    assert matcher.mask("kamp welgelegen en kamp", "[X]") == "[X] en [X]"


def test_terms_shorter_than_three_characters_are_ignored():
    matcher = Matcher(["AB", "", "  "])
    assert not matcher
    assert matcher.mask("AB en ab", "[X]") == "AB en ab"


def test_many_terms_build_one_pattern():
    terms = [f"Locatienaam {n:03d}" for n in range(500)]
    matcher = Matcher(terms)
    assert matcher.found("bij locatienaam 417 en Locatienaam 5") == ["locatienaam 417"]


def test_the_quick_fold_equals_the_positional_fold():
    from opvangregie.textguard import quick_fold

    for text in ("Regiocoördinator", "Straße 5 Œuvre ﬁnale", "e\u0301te\u0301 Ǆ İstanbul",
                 "Hoëve\u00a0Zuiderkämp"):
        assert quick_fold(text) == fold(text)[0]


def test_the_deck_command_masks_typed_text_as_for_a_reader_without_rights(world, tmp_path):
    from django.core.management import call_command

    target = tmp_path / "tussenstand.pptx"
    call_command("deck", "--region", world["region"].name, "--as-of",
                 timezone.localdate().isoformat(), "-o", str(target))
    with zipfile.ZipFile(target) as archive:
        xml = "\n".join(archive.read(name).decode("utf-8", errors="replace")
                        for name in archive.namelist())
    assert [secret for secret in SECRETS if _contains(xml, secret)] == []
    assert str(MASK) in xml

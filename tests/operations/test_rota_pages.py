"""Rotas in the app: make, adopt, change with a reason, calendar, .ics; who may do what."""

from datetime import date
from fractions import Fraction

import pytest
from django.urls import reverse

from opvangregie.audit.models import AuditEvent
from opvangregie.operations import services
from opvangregie.operations.members import Key, rota_members
from opvangregie.operations.models import (
    DutyTurn,
    ParticipantKind,
    Rota,
    RotaStatus,
    TurnChange,
)

from .conftest import SECRET_NAME

FORM = {
    "name": "Rooster IJsselland zomer", "participant_kind": "municipality", "key": "population",
    "reference_date": "2022-01-01", "start": "2022-06-01", "end": "2022-08-31",
    "turn_weeks": 2, "parallel": 2, "places_per_turn": 75,
    "unavailable": "Raalte: 2022-07-01..2022-07-31",
}


@pytest.fixture
def rota(ijsselland):
    members = [
        m.with_unavailable([(date(2022, 7, 1), date(2022, 7, 31))])
        if m.municipality.name == "Raalte" else m
        for m in rota_members(kind=ParticipantKind.MUNICIPALITY, key=Key.POPULATION,
                              region=ijsselland, reference_date=date(2022, 1, 1))
    ]
    made = services.rota_create(
        actor=None, name="IJsselland", participant_kind=ParticipantKind.MUNICIPALITY,
        safety_region=ijsselland, members=members, start=date(2022, 6, 1),
        end=date(2022, 8, 31), parallel=2, places_per_turn=75, key_description="inwoners",
    )
    return services.rota_adopt(actor=None, rota=made, decision_reference="BAO")


def test_coordinator_makes_a_rota_with_unavailable_dates(client, coordinator, ijsselland):
    client.force_login(coordinator)
    response = client.post(reverse("operations:rota_create"),
                           {**FORM, "safety_region": ijsselland.pk})
    rota = Rota.objects.get()
    assert response.status_code == 302
    assert rota.status == RotaStatus.CONCEPT and rota.safety_region == ijsselland
    assert rota.turns.count() == 7 * 2
    raalte = rota.participants.get(municipality__name="Raalte")
    assert raalte.unavailable == [["2022-07-01", "2022-07-31"]]
    for turn in raalte.turns.all():
        assert turn.end < date(2022, 7, 1) or turn.start > date(2022, 7, 31)
    for participant in rota.participants.all():
        assert abs(participant.turn_count - Fraction(participant.quota)) < 1
        assert participant.turns.count() == participant.turn_count
    assert AuditEvent.objects.filter(object_type="operations.rota", action="create").exists()


def test_an_unknown_name_in_unavailable_is_named(client, coordinator, ijsselland):
    client.force_login(coordinator)
    response = client.post(reverse("operations:rota_create"),
                           {**FORM, "safety_region": ijsselland.pk,
                            "unavailable": "Atlantis: 2022-07-01"})
    assert response.status_code == 200
    assert "onbekende deelnemer(s): atlantis" in response.text
    assert not Rota.objects.exists()


def test_calendar_page_shows_periods_weeks_and_counts(client, rota, zwolle_officer):
    client.force_login(zwolle_officer)
    page = client.get(reverse("operations:rota_detail", kwargs={"pk": rota.pk}))
    assert page.status_code == 200
    assert "Diensten per periode" in page.text and "Kalender per week" in page.text
    assert "wk 22" in page.text  # 1 June 2022 is in ISO week 22
    zwolle = rota.participants.get(municipality__name="Zwolle")
    ics = reverse("operations:participant_ics", kwargs={"pk": rota.pk,
                                                        "participant_pk": zwolle.pk})
    assert ics in page.text
    assert "wijzigen" not in page.text  # an officer cannot change the rota


def test_officer_downloads_the_ics_of_the_own_municipality(client, rota, zwolle_officer):
    zwolle = rota.participants.get(municipality__name="Zwolle")
    client.force_login(zwolle_officer)
    response = client.get(reverse("operations:participant_ics",
                                  kwargs={"pk": rota.pk, "participant_pk": zwolle.pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == zwolle.turns.count() == zwolle.turn_count
    for turn in zwolle.turns.all():
        assert f"DTSTART;VALUE=DATE:{turn.start:%Y%m%d}" in body


def test_ics_from_the_app_parses_back(client, rota, zwolle_officer):
    icalendar = pytest.importorskip("icalendar")
    zwolle = rota.participants.get(municipality__name="Zwolle")
    client.force_login(zwolle_officer)
    body = client.get(reverse("operations:participant_ics",
                              kwargs={"pk": rota.pk, "participant_pk": zwolle.pk})).content
    events = list(icalendar.Calendar.from_ical(body).walk("VEVENT"))
    assert sorted(e.decoded("DTSTART") for e in events) == sorted(
        t.start for t in zwolle.turns.all())


def test_replacing_a_turn_is_recorded_with_the_reason(client, rota, coordinator):
    turn = rota.turns.order_by("slot").first()
    free = rota.participants.exclude(turns__slot=turn.slot).exclude(
        municipality__name="Raalte").first()
    client.force_login(coordinator)
    url = reverse("operations:turn_change", kwargs={"pk": rota.pk, "turn_pk": turn.pk})
    no_reason = client.post(url, {"action": "replace", "participant": free.pk, "reason": ""})
    assert no_reason.status_code == 200 and not TurnChange.objects.exists()
    response = client.post(url, {"action": "replace", "participant": free.pk,
                                 "reason": "Sporthal niet beschikbaar"})
    assert response.status_code == 302
    turn.refresh_from_db()
    assert turn.participant == free
    change = TurnChange.objects.get()
    assert change.reason == "Sporthal niet beschikbaar" and change.changed_by == coordinator
    page = client.get(reverse("operations:rota_detail", kwargs={"pk": rota.pk}))
    assert "Sporthal niet beschikbaar" in page.text


def test_a_turn_cannot_go_to_someone_already_on_duty_or_unavailable(rota, coordinator):
    turn = rota.turns.order_by("slot").first()
    busy = rota.turns.filter(slot=turn.slot).exclude(pk=turn.pk).first().participant
    with pytest.raises(Exception, match="al dienst"):
        services.turn_replace(actor=coordinator, turn=turn, participant=busy, reason="x")
    july = rota.turns.filter(start__gte=date(2022, 7, 1), end__lte=date(2022, 7, 31)).first()
    raalte = rota.participants.get(municipality__name="Raalte")
    with pytest.raises(Exception, match="niet te kunnen"):
        services.turn_replace(actor=coordinator, turn=july, participant=raalte, reason="x")


def test_swapping_two_turns(rota, coordinator):
    first = rota.turns.filter(slot=0).first()
    other = next(
        t for t in rota.turns.exclude(slot=0).order_by("slot")
        if not t.participant.turns.filter(slot=0).exists()
        and not first.participant.turns.filter(slot=t.slot).exists()
        and t.participant.municipality.name != "Raalte"
        and first.participant.municipality.name != "Raalte"
    )
    a, b = first.participant, other.participant
    services.turn_swap(actor=coordinator, turn=first, other=other, reason="Ruil op verzoek")
    first.refresh_from_db()
    other.refresh_from_db()
    assert (first.participant, other.participant) == (b, a)
    assert TurnChange.objects.get().kind == "swap"


def test_board_member_cannot_make_adopt_or_change(client, rota, board_member, ijsselland):
    client.force_login(board_member)
    assert client.get(reverse("operations:rota_create")).status_code == 403
    assert client.post(reverse("operations:rota_create"),
                       {**FORM, "safety_region": ijsselland.pk}).status_code == 403
    turn = rota.turns.first()
    before = turn.participant_id
    response = client.post(
        reverse("operations:turn_change", kwargs={"pk": rota.pk, "turn_pk": turn.pk}),
        {"action": "replace", "participant": rota.participants.last().pk, "reason": "x"})
    assert response.status_code == 403
    assert client.post(reverse("operations:rota_adopt", kwargs={"pk": rota.pk}),
                       {"decision_reference": "x"}).status_code == 403
    turn.refresh_from_db()
    assert turn.participant_id == before and not TurnChange.objects.exists()
    assert Rota.objects.count() == 1
    # but reads it
    assert client.get(reverse("operations:rota_detail",
                              kwargs={"pk": rota.pk})).status_code == 200


def test_regional_rota_is_invisible_to_another_region(client, rota, amsterdam_officer):
    client.force_login(amsterdam_officer)
    assert client.get(reverse("operations:rota_detail",
                              kwargs={"pk": rota.pk})).status_code == 404
    participant = rota.participants.first()
    assert client.get(reverse("operations:participant_ics", kwargs={
        "pk": rota.pk, "participant_pk": participant.pk})).status_code == 404


def test_national_rota_is_read_by_all_but_changed_by_administrators_only(
    client, coordinator, administrator
):
    members = rota_members(kind=ParticipantKind.REGION, key=Key.POPULATION,
                           reference_date=date(2022, 1, 1))
    national = services.rota_create(
        actor=administrator, name="Landelijk", participant_kind=ParticipantKind.REGION,
        members=members, start=date(2022, 6, 1), end=date(2022, 8, 31),
        key_description="inwoners",
    )
    assert len(members) == 25 and national.turns.count() == 28
    client.force_login(coordinator)
    assert client.get(reverse("operations:rota_detail",
                              kwargs={"pk": national.pk})).status_code == 200
    assert client.post(reverse("operations:rota_adopt", kwargs={"pk": national.pk}),
                       {"decision_reference": "x"}).status_code == 403
    client.force_login(administrator)
    client.post(reverse("operations:rota_adopt", kwargs={"pk": national.pk}),
                {"decision_reference": "Landelijk besluit"})
    national.refresh_from_db()
    assert national.status == RotaStatus.ADOPTED


def test_a_rota_of_locations_never_shows_a_confidential_name(
    client, secret_zwolle, zwolle_cno, deventer_officer, coordinator, ijsselland
):
    members = rota_members(kind=ParticipantKind.LOCATION, key=Key.EQUAL, region=ijsselland)
    rota = services.rota_create(
        actor=coordinator, name="Locaties", participant_kind=ParticipantKind.LOCATION,
        safety_region=ijsselland, members=members, start=date(2022, 6, 1),
        end=date(2022, 6, 28), parallel=1, key_description="gelijk",
    )
    assert not rota.participants.exclude(name="").exists()  # no name copied
    client.force_login(deventer_officer)
    page = client.get(reverse("operations:rota_detail", kwargs={"pk": rota.pk}))
    assert SECRET_NAME not in page.text and "Vertrouwelijke locatie" in page.text
    client.force_login(coordinator)
    page = client.get(reverse("operations:rota_detail", kwargs={"pk": rota.pk}))
    assert SECRET_NAME in page.text
    assert DutyTurn.objects.filter(rota=rota).count() == 2


def test_a_rota_showing_a_confidential_name_records_one_inzage_and_its_ics_an_export(
    client, secret_zwolle, zwolle_cno, deventer_officer, coordinator, ijsselland
):
    members = rota_members(kind=ParticipantKind.LOCATION, key=Key.EQUAL, region=ijsselland)
    rota = services.rota_create(
        actor=coordinator, name="Locaties", participant_kind=ParticipantKind.LOCATION,
        safety_region=ijsselland, members=members, start=date(2022, 6, 1),
        end=date(2022, 6, 28), parallel=1, key_description="gelijk",
    )
    client.force_login(deventer_officer)
    client.get(reverse("operations:rota_detail", kwargs={"pk": rota.pk}))
    assert not AuditEvent.objects.filter(action__in=["view", "export"]).exists()
    client.force_login(coordinator)
    client.get(reverse("operations:rota_detail", kwargs={"pk": rota.pk}))
    (event,) = AuditEvent.objects.filter(action="view")
    assert event.actor == coordinator and event.after["ids"] == [secret_zwolle.pk]
    participant = rota.participants.get(location=secret_zwolle)
    client.get(reverse("operations:participant_ics",
                       kwargs={"pk": rota.pk, "participant_pk": participant.pk}))
    (export,) = AuditEvent.objects.filter(action="export")
    assert export.after["ids"] == [secret_zwolle.pk] and SECRET_NAME not in export.summary

"""Tokens: printed once by the command, stored hashed, revocable, expiring, audited; a token
is not a session, so the second factor and the lockout never stand in its way."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from opvangregie.api.models import ApiToken
from opvangregie.audit.models import AuditEvent
from tests.api.conftest import Api, assert_problem


def _command(*args) -> str:
    out = StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_a_working_token_as_its_last_word(demo):
    token = _command("--user", "zwolle", "--name", "COA-koppeling").split()[-1]
    response = Api(token).get("/api/v1/locaties")
    assert response.status_code == 200
    assert {row["gemeente"] for row in response.json()["resultaten"]} >= {"GM0193", "GM0150"}
    stored = ApiToken.objects.get(user=demo["zwolle"])
    secret = token.split("_")[-1]
    assert secret not in (stored.secret_hash, stored.prefix) and stored.prefix in token
    assert stored.expires_at - timezone.now() > timedelta(days=89)
    assert AuditEvent.objects.filter(object_type="api.apitoken", object_id=str(stored.pk),
                                     action="create").exists()


def test_a_revoked_token_is_refused_and_the_revocation_audited(demo):
    token = _command("--user", "deventer").split()[-1]
    prefix = token.split("_")[1]
    assert "ingetrokken" in _command("--revoke", prefix)
    body = assert_problem(Api(token).get("/api/v1/locaties"), 401)
    assert "ingetrokken" in body["detail"]
    assert AuditEvent.objects.filter(object_type="api.apitoken", action="update").exists()


def test_a_token_expires_after_its_days(demo):
    token = _command("--user", "deventer", "--days", "2").split()[-1]
    assert Api(token).get("/api/v1/locaties").status_code == 200
    with freeze_time(timezone.now() + timedelta(days=2, minutes=1)):
        body = assert_problem(Api(token).get("/api/v1/locaties"), 401)
    assert "verlopen" in body["detail"]


def test_a_wrong_or_missing_token_is_401_problem(demo):
    token = _command("--user", "deventer").split()[-1]
    assert_problem(Api(token[:-1] + ("0" if token[-1] != "0" else "1")).get(
        "/api/v1/locaties"), 401)
    assert_problem(Api("nonsens").get("/api/v1/locaties"), 401)
    response = Api("x").client.get("/api/v1/locaties", HTTP_AUTHORIZATION="")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"


@override_settings(SECOND_FACTOR_REQUIRED=True)
def test_a_token_needs_no_second_factor_but_the_session_does(client, demo):
    coordinator = demo["coordinator"]
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    token = _command("--user", "coordinator").split()[-1]
    assert Api(token).get("/api/v1/kandidaten").status_code == 200
    client.force_login(coordinator)
    response = client.get("/api/v1/kandidaten")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second_factor_verify"))


def test_unknown_urls_and_trailing_slashes_are_404_problems(api_as):
    zwolle = api_as("zwolle")
    assert_problem(zwolle.get("/api/v1/bestaat-niet"), 404)
    assert_problem(zwolle.get("/api/v1/locaties/"), 404)  # no trailing slashes
    assert_problem(zwolle.client.delete("/api/v1/locaties"), 405)


def test_api_version_on_every_response(api_as, client):
    assert api_as("zwolle").get("/api/v1/gemeenten")["API-Version"] == "1.0.0"
    assert client.get("/api/v1/gemeenten")["API-Version"] == "1.0.0"  # 401 too


@override_settings(API_REQUIRE_HTTPS=True)
def test_production_refuses_plain_http(api_as):
    zwolle = api_as("zwolle")
    body = assert_problem(zwolle.get("/api/v1/locaties"), 403)
    assert "HTTPS" in body["detail"]
    assert zwolle.client.get("/api/v1/locaties", secure=True).status_code == 200


def test_pagination_and_filters_by_query_parameters(api_as):
    zwolle = api_as("zwolle")
    first = zwolle.get("/api/v1/gemeenten", paginaGrootte=4)
    body = first.json()
    assert len(body["resultaten"]) == 4 and body["aantal"] == int(first["X-Total-Count"]) > 4
    assert "pagina=2" in body["_links"]["next"]["href"]
    second = zwolle.client.get(body["_links"]["next"]["href"]).json()
    assert {m["code"] for m in second["resultaten"]}.isdisjoint(
        {m["code"] for m in body["resultaten"]})
    assert_problem(zwolle.get("/api/v1/gemeenten", pagina=999), 404)
    body = assert_problem(zwolle.get("/api/v1/gemeenten", pagina="twee"), 400)
    assert body["invalidParams"][0]["name"] == "pagina"
    only = zwolle.get("/api/v1/locaties", gemeente="GM0150").json()["resultaten"]
    assert only and {row["gemeente"] for row in only} == {"GM0150"}
    population = zwolle.get("/api/v1/gemeenten/GM0193", peildatum="2022-06-01").json()
    (inhabitants,) = [i for i in population["indicatoren"] if i["indicator"] == "population"]
    assert inhabitants["peildatum"] == "2022-01-01" and inhabitants["waarde"] > 100000


def test_an_unexpected_error_is_a_500_problem_without_details(api_as, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("GEHEIM in een foutmelding")

    monkeypatch.setattr("opvangregie.api.views.municipalities_for_user", broken)
    body = assert_problem(api_as("zwolle").get("/api/v1/gemeenten"), 500)
    assert "GEHEIM" not in str(body)

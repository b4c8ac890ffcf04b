"""The read endpoints give what the web pages give, as known on a date, masked per role."""

from opvangregie.api.models import ApiToken
from opvangregie.api.services import api_token_create
from opvangregie.audit.models import AuditEvent
from opvangregie.targets.models import Distribution, DistributionStatus


def test_a_distribution_explains_each_municipalitys_number(api_as):
    adopted = Distribution.objects.get(status=DistributionStatus.ADOPTED, target__amount=450)
    listed = api_as("deventer").get("/api/v1/verdelingen").json()["resultaten"]
    assert adopted.pk in [d["id"] for d in listed]
    detail = api_as("deventer").get(f"/api/v1/verdelingen/{adopted.pk}").json()
    assert detail["status"] == "adopted" and detail["vastgesteldOp"]
    deventer = next(a for a in detail["toewijzingen"] if a["gemeente"] == "GM0150")
    assert deventer["uitleg"]["reasons"] and deventer["uitleg"]["reasons"][0]["text"]
    assert sum(a["toegewezen"] for a in detail["toewijzingen"]) == 450
    assert api_as("deventer").client.post(f"/api/v1/verdelingen/{adopted.pk}", {},
                                          format="json").status_code == 405  # read-only


def test_targets_as_known_on_a_day(api_as):
    def amounts(**params):
        rows = api_as("zwolle").get("/api/v1/opgaven", **params).json()["resultaten"]
        return {(row["soort"], row["aantal"]) for row in rows}

    assert ("cno", 450) in amounts(bekendOp="2022-09-01")
    assert ("cno", 450) not in amounts(bekendOp="2022-05-25")


def test_candidates_are_masked_outside_the_circle(api_as):
    deventer = api_as("deventer").get("/api/v1/kandidaten").json()["resultaten"]
    dalfsen = api_as("dalfsen").get("/api/v1/kandidaten").json()["resultaten"]
    of_dalfsen = [c for c in deventer if c["gemeente"] == "GM0148"]
    own = [c for c in dalfsen if c["gemeente"] == "GM0148"]
    assert of_dalfsen and own and len(of_dalfsen) == len(own)
    hidden = [c for c in of_dalfsen if not c["vrijgegevenVelden"]]
    assert hidden and all(c["naam"] is None and c["adres"] is None for c in hidden)
    assert all(c["naam"] for c in own)


def test_the_admin_revokes_tokens_through_the_service(client, demo):
    issued = api_token_create(actor=None, user=demo["zwolle"])
    client.force_login(demo["beheer"])
    response = client.post("/beheer/api/apitoken/", {
        "action": "revoke", "_selected_action": [issued.token.pk]})
    assert response.status_code == 302
    token = ApiToken.objects.get(pk=issued.token.pk)
    assert token.revoked_at is not None and token.revoked_by == demo["beheer"]
    assert AuditEvent.objects.filter(object_type="api.apitoken", object_id=str(token.pk),
                                     actor=demo["beheer"]).exists()

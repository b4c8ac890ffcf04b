"""Done when: a Zwolle token pushes a capacity record for a Zwolle location (201) and cannot
push one for Deventer's; corrections keep the old record and refuse a stale correction."""

from datetime import date

from opvangregie.audit.models import AuditEvent
from opvangregie.capacity.models import CapacityRecord, Location, PermitHolderHousing
from tests.api.conftest import assert_problem

RECORD = {"geldigVanaf": "2022-10-03", "geldigTotEnMet": "2022-10-30", "plekken": 120,
          "bezetting": 95, "soort": "realised", "toelichting": "Doorgegeven door COA"}


def _location(name: str) -> Location:
    return Location.objects.get(name=name)


def test_zwolle_token_pushes_occupancy_for_a_zwolle_location(api_as):
    azc = _location("AZC Zwolle")
    response = api_as("zwolle").post(f"/api/v1/locaties/{azc.pk}/capaciteit", RECORD)
    assert response.status_code == 201, response.content
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert (body["plekken"], body["bezetting"], body["geldigVanaf"]) == (120, 95, "2022-10-03")
    record = CapacityRecord.objects.get(pk=body["id"])
    assert record.registered_by.username == "zwolle" and record.location == azc
    assert AuditEvent.objects.filter(object_type="capacity.capacityrecord",
                                     object_id=str(record.pk), actor__username="zwolle").exists()
    # The same figures again add nothing: an unchanged push is 200, not a second record.
    again = api_as("zwolle").post(f"/api/v1/locaties/{azc.pk}/capaciteit", RECORD)
    assert again.status_code == 200 and again.json()["id"] == record.pk


def test_zwolle_token_cannot_push_for_deventer(api_as):
    deventer = _location("Crisisnoodopvang Deventer")
    before = CapacityRecord.objects.count()
    response = api_as("zwolle").post(f"/api/v1/locaties/{deventer.pk}/capaciteit", RECORD)
    assert_problem(response, 403)
    assert CapacityRecord.objects.count() == before


def test_a_location_of_another_region_is_not_found(api_as, demo):
    from opvangregie.capacity.services import location_create
    from opvangregie.regions.models import Municipality

    elsewhere = location_create(actor=None, name="Elders", type="azc",
                                municipality=Municipality.objects.get(code="GM0363"))
    response = api_as("zwolle").post(f"/api/v1/locaties/{elsewhere.pk}/capaciteit", RECORD)
    assert_problem(response, 404)
    assert_problem(api_as("zwolle").get(f"/api/v1/locaties/{elsewhere.pk}"), 404)


def test_board_member_may_read_but_not_push(api_as):
    azc = _location("AZC Zwolle")
    assert api_as("bestuur").get(f"/api/v1/locaties/{azc.pk}/capaciteit").status_code == 200
    assert_problem(api_as("bestuur").post(f"/api/v1/locaties/{azc.pk}/capaciteit", RECORD), 403)


def test_invalid_figures_name_the_field(api_as):
    azc = _location("AZC Zwolle")
    body = assert_problem(api_as("zwolle").post(
        f"/api/v1/locaties/{azc.pk}/capaciteit", {**RECORD, "bezetting": 500}), 400)
    assert [p["name"] for p in body["invalidParams"]] == ["bezetting"]
    body = assert_problem(api_as("zwolle").post(
        f"/api/v1/locaties/{azc.pk}/capaciteit", {**RECORD, "geldigVanaf": "0001-01-01"}), 400)
    assert "geldigVanaf" in [p["name"] for p in body["invalidParams"]]


def test_a_correction_keeps_the_old_record_and_a_stale_one_is_refused(api_as):
    azc = _location("AZC Zwolle")
    zwolle = api_as("zwolle")
    first = zwolle.post(f"/api/v1/locaties/{azc.pk}/capaciteit", RECORD).json()
    url = f"/api/v1/locaties/{azc.pk}/capaciteit/{first['id']}/correcties"
    correction = {"plekken": 110, "bezetting": 90, "toelichting": "Telfout"}
    response = zwolle.post(url, correction)
    assert response.status_code == 201, response.content
    assert response.json()["corrigeert"] == first["id"]
    assert response.json()["geldigVanaf"] == RECORD["geldigVanaf"]
    assert CapacityRecord.objects.filter(pk=first["id"]).exists()  # never overwritten
    # A second correction of the record someone already corrected is a conflict.
    body = assert_problem(zwolle.post(url, {**correction, "plekken": 105}), 409)
    assert "gewijzigd" in body["detail"]
    # A correction needs its reason.
    body = assert_problem(zwolle.post(url, {"plekken": 1}), 400)
    assert "toelichting" in [p["name"] for p in body["invalidParams"]]


def test_a_new_record_over_one_the_client_never_saw_is_a_conflict(api_as):
    azc = _location("AZC Zwolle")
    zwolle = api_as("zwolle")
    seen = zwolle.post(f"/api/v1/locaties/{azc.pk}/capaciteit", RECORD).json()["id"]
    api_as("coordinator").post(f"/api/v1/locaties/{azc.pk}/capaciteit",
                               {**RECORD, "plekken": 130})
    stale = {**RECORD, "plekken": 125, "gezienTot": seen}
    assert_problem(zwolle.post(f"/api/v1/locaties/{azc.pk}/capaciteit", stale), 409)


def test_capacity_as_known_on_a_date(api_as):
    azc = _location("AZC Zwolle")
    zwolle = api_as("zwolle")
    zwolle.post(f"/api/v1/locaties/{azc.pk}/capaciteit", RECORD)
    then = zwolle.get(f"/api/v1/locaties/{azc.pk}/capaciteit", bekendOp="2022-08-31").json()
    now = zwolle.get(f"/api/v1/locaties/{azc.pk}/capaciteit").json()
    assert [r["plekken"] for r in then["resultaten"]] == [400]
    assert [r["plekken"] for r in now["resultaten"]] == [400, 120]
    body = assert_problem(zwolle.get(f"/api/v1/locaties/{azc.pk}/capaciteit",
                                     bekendOp="31-08-2022"), 400)
    assert body["invalidParams"][0]["name"] == "bekendOp"


def test_housed_permit_holders_push_for_own_municipality_only(api_as):
    zwolle = api_as("zwolle")
    response = zwolle.post("/api/v1/gehuisveste-statushouders",
                           {"gemeente": "GM0193", "maand": "2022-09-15", "aantal": 42})
    assert response.status_code == 201, response.content
    assert response.json()["maand"] == "2022-09-01"
    assert PermitHolderHousing.objects.get(pk=response.json()["id"]).housed == 42
    assert_problem(zwolle.post("/api/v1/gehuisveste-statushouders",
                               {"gemeente": "GM0150", "maand": "2022-09-01", "aantal": 1}), 403)
    body = assert_problem(zwolle.post("/api/v1/gehuisveste-statushouders",
                                      {"gemeente": "GM9999", "maand": "2022-09-01",
                                       "aantal": 1}), 400)
    assert body["invalidParams"][0]["name"] == "gemeente"
    rows = zwolle.get("/api/v1/gehuisveste-statushouders", gemeente="GM0193").json()
    assert date(2022, 9, 1).isoformat() in [row["maand"] for row in rows["resultaten"]]


def test_a_municipality_reads_its_balance(api_as):
    response = api_as("zwolle").get("/api/v1/overzicht", peildatum="2022-08-31",
                                    gemeente="GM0193")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["opgaveOfficieel"]["aantal"] == 13500
    (row,) = body["regels"]
    assert row["gemeenteNaam"] == "Zwolle" and row["quotum"] == 101
    assert row["saldo1"] == row["gehuisvest"] + row["overgeheveld"] - row["quotum"]


def test_a_comment_naming_a_confidential_location_is_refused_unless_confirmed(api_as):
    azc = _location("AZC Zwolle")
    url = f"/api/v1/locaties/{azc.pk}/capaciteit"
    comment = {**RECORD, "toelichting": "Bewoners gaan naar Woonunits Dalfsen"}
    coordinator = api_as("coordinator")
    body = assert_problem(coordinator.post(url, comment), 400)
    assert body["invalidParams"][0]["name"] == "toelichting"
    assert coordinator.post(url, {**comment, "tochOpslaan": True}).status_code == 201
    # The region reads the comment; Deventer may not see that location, Dalfsen may.
    deventer = api_as("deventer").get(url).json()["resultaten"][-1]["toelichting"]
    dalfsen = api_as("dalfsen").get(url).json()["resultaten"][-1]["toelichting"]
    assert deventer == "Bewoners gaan naar [vertrouwelijke locatie]"
    assert dalfsen == comment["toelichting"]

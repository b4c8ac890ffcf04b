"""Every bad body gets a 4xx problem document, never a 5xx: a property-based test that builds
bodies from the committed OpenAPI document (docs/api/openapi.yaml), valid ones and broken
ones, and sends them to every write endpoint as the Zwolle token."""

import json
from datetime import date

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from opvangregie.api.schema import COMMITTED
from opvangregie.capacity.models import CapacityRecord, Location

SCHEMA = yaml.safe_load(COMMITTED.read_text())
HYPOTHESIS = settings(max_examples=80, deadline=None, database=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow])


def _resolve(node: dict) -> dict:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = SCHEMA["components"]["schemas"][name]
    if "allOf" in node:
        return _resolve(node["allOf"][0])
    return node


WRITES = sorted(
    (path, _resolve(operation["requestBody"]["content"]["application/json"]["schema"]))
    for path, item in SCHEMA["paths"].items()
    for method, operation in item.items() if method == "post"
)

# Text as a hostile client sends it: control characters, NUL, lone surrogates, long runs.
TEXT = st.text(max_size=400) | st.sampled_from(
    ["", " ", "\x00", "\ud800", "a" * 301, "9" * 5000, "2022-13-01", "0001-01-01",
     "9999-12-31", "2022-02-30", "NaN", "1e309", "-1", "Woonunits Dalfsen"])
SCALAR = (st.none() | st.booleans() | st.integers(-(10**40), 10**40)
          | st.floats(allow_nan=False) | TEXT)
JUNK = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(TEXT, inner, max_size=4), max_leaves=8)
DATES = st.dates(date(1990, 1, 1), date(2110, 12, 31)).map(date.isoformat)


# Codes the Zwolle token may push for, may only see, and may not see.
MUNICIPALITIES = st.sampled_from(["GM0193", "GM0150", "GM0363"])


def _good(name: str, prop: dict):
    prop = _resolve(prop)
    if name == "gemeente":
        return MUNICIPALITIES
    if "enum" in prop:
        return st.sampled_from([v for v in prop["enum"] if v is not None])
    if prop.get("type") == "integer":
        return st.integers(prop.get("minimum", -10), prop.get("maximum", 10**6) + 10)
    if prop.get("format") == "date":
        return DATES
    if prop.get("type") == "boolean":
        return st.booleans()
    return st.text(max_size=prop.get("maxLength", 50) + 5)


def body_for(schema: dict):
    """Bodies shaped by the schema: well-typed ones (which the services then judge), ones
    with some fields replaced by junk, ones missing fields, and junk of any shape."""
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    good = {name: _good(name, prop) for name, prop in properties.items()}
    mixed = {name: st.one_of(value, value, value, JUNK) for name, value in good.items()}

    def shaped(values):
        return st.fixed_dictionaries({k: v for k, v in values.items() if k in required},
                                     optional={k: v for k, v in values.items()
                                               if k not in required})

    return st.one_of(shaped(good), shaped(good), shaped(mixed), shaped(mixed),
                     st.fixed_dictionaries({}, optional=mixed), JUNK)


def _url(path: str, location: Location, record: CapacityRecord) -> str:
    return path.replace("{id}", str(location.pk)).replace("{registratie}", str(record.pk))


def _check(response) -> None:
    status = response.status_code
    event(f"status {status}")  # --hypothesis-show-statistics: how many were accepted
    assert status < 500, response.content[:300]
    if status >= 400:
        assert response["Content-Type"].startswith("application/problem+json")
        problem = response.json()
        assert problem["status"] == status
        if status == 400:
            assert problem["detail"]
    else:
        assert "id" in response.json()


@pytest.fixture
def zwolle(api_as):
    """A Zwolle location, one of its records, and the Zwolle token (made once per test)."""
    location = Location.objects.get(name="AZC Zwolle")
    return location, CapacityRecord.objects.filter(location=location).first(), api_as("zwolle")


def test_the_document_lists_every_write_endpoint():
    assert [path for path, _schema in WRITES] == [
        "/api/v1/gehuisveste-statushouders", "/api/v1/locaties/{id}/capaciteit",
        "/api/v1/locaties/{id}/capaciteit/{registratie}/correcties"]


@pytest.mark.parametrize(("path", "schema"), WRITES, ids=[path for path, _ in WRITES])
@HYPOTHESIS
@given(data=st.data())
def test_every_write_endpoint_answers_bad_bodies_with_a_problem(zwolle, path, schema, data):
    location, record, api = zwolle
    body = data.draw(body_for(schema))
    response = api.client.post(_url(path, location, record), json.dumps(body),
                                            content_type="application/json")
    _check(response)


@HYPOTHESIS
@given(raw=st.binary(max_size=200) | TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
       content_type=st.sampled_from(["application/json", "text/plain",
                                     "application/x-www-form-urlencoded", ""]))
def test_bodies_that_are_not_json_objects_get_a_problem(zwolle, raw, content_type):
    location, _record, api = zwolle
    response = api.client.generic(
        "POST", f"/api/v1/locaties/{location.pk}/capaciteit", raw, content_type=content_type)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_shaped_body_with_wrong_fields_names_each_field(api_as):
    location = Location.objects.get(name="AZC Zwolle")
    response = api_as("zwolle").post(f"/api/v1/locaties/{location.pk}/capaciteit", {
        "geldigVanaf": "gisteren", "plekken": -3, "bezetting": "veel", "soort": "ooit"})
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {
        "geldigVanaf", "plekken", "bezetting", "soort"}


def test_text_no_database_can_store_is_refused(zwolle):
    location, _record, api = zwolle
    for text in ("\ud800", "a\x00b"):
        response = api.client.post(
            f"/api/v1/locaties/{location.pk}/capaciteit",
            json.dumps({"geldigVanaf": "2022-10-03", "plekken": 1, "toelichting": text}),
            content_type="application/json")
        assert response.status_code == 400, response.content[:300]
        assert response.json()["invalidParams"][0]["name"] == "toelichting"

"""The committed OpenAPI document is what the code generates (CI fails otherwise), and the
document and the interactive documentation are served without anything from elsewhere."""

import re

import yaml
from django.core.management import call_command

from opvangregie.api.schema import COMMITTED, schema_yaml
from tests.api.conftest import assert_problem


def test_committed_schema_equals_the_generated_one(db):
    assert COMMITTED.read_bytes() == schema_yaml(), (
        "docs/api/openapi.yaml is niet actueel: draai `uv run opvangregie api-schema`")


def test_the_check_command_fails_on_a_stale_copy(db, tmp_path):
    stale = tmp_path / "openapi.yaml"
    stale.write_text("openapi: 3.0.3\n")
    try:
        call_command("api_schema", "--check", "--file", str(stale))
    except Exception as error:  # noqa: BLE001 - CommandError, whatever its message
        assert "niet actueel" in str(error)
    else:
        raise AssertionError("--check accepted a stale copy")


def test_resources_are_dutch_plurals_without_trailing_slashes(db):
    paths = yaml.safe_load(COMMITTED.read_text())["paths"]
    assert paths and not [path for path in paths if path.endswith("/")]
    resources = {path.split("/")[3] for path in paths}
    assert resources == {"gemeenten", "locaties", "gehuisveste-statushouders", "opgaven",
                         "verdelingen", "overzicht", "kandidaten", "voorstellen"}


def test_the_document_is_served_to_tokens_only(api_as, client):
    response = api_as("deventer").get("/api/v1/openapi.yaml")
    assert response.status_code == 200 and response["API-Version"] == "1.0.0"
    assert yaml.safe_load(response.content)["info"]["version"] == "1.0.0"
    as_json = api_as("deventer").get("/api/v1/openapi.json")
    assert as_json.json()["paths"] == yaml.safe_load(response.content)["paths"]
    assert_problem(client.get("/api/v1/openapi.yaml"), 401)


def test_the_documentation_page_needs_a_login_and_loads_nothing_from_elsewhere(client, demo):
    response = client.get("/api/v1/documentatie")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    client.force_login(demo["bestuur"])
    page = client.get("/api/v1/documentatie")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("drf_spectacular_sidecar" in source for source in sources)
    assert not [source for source in sources if source.startswith(("http:", "https:", "//"))]

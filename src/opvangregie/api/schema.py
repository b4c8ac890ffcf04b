"""The OpenAPI document: the token scheme, problem documents and the `API-Version` header.

`opvangregie api-schema` writes it to docs/api/openapi.yaml (committed); a test checks that
the committed copy equals what the code generates (tests/api/test_schema.py).
"""

from pathlib import Path

from django.utils import translation
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

from opvangregie.api.middleware import API_VERSION
from opvangregie.api.problems import PROBLEM_JSON

COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.yaml"


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "opvangregie.api.authentication.BearerTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "Een API-token: `opvangregie api-token --user NAAM`."}


def postprocess(result, generator, request, public):
    """Every response carries `API-Version`; every error is `application/problem+json`."""
    components = result.setdefault("components", {})
    components.setdefault("headers", {})["API-Version"] = {
        "description": "De versie van de API (semantic versioning).",
        "schema": {"type": "string", "example": API_VERSION},
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for code, response in operation.get("responses", {}).items():
                response.setdefault("headers", {})["API-Version"] = {
                    "$ref": "#/components/headers/API-Version"}
                content = response.get("content", {})
                if int(code) >= 400 and "application/json" in content:
                    content[PROBLEM_JSON] = content.pop("application/json")
    return result


def schema_yaml() -> bytes:
    """The document as generated now, in Dutch (the product language), byte for byte."""
    with translation.override("nl"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        return OpenApiYamlRenderer().render(schema, renderer_context={})

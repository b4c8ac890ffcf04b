"""Errors as `application/problem+json` (RFC 9457), as the NL API Design Rules ask.

Every error of the API, from Django REST framework, from a service (a `ValidationError`, an
`EditConflict`) or from Django itself (an unknown URL, an unexpected exception), is answered
with a problem document: `type`, `title`, `status`, `detail`, `instance` and, for invalid
input, `invalidParams` with per field its `name`, `code` and `reason`.
"""

import json

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from opvangregie.core.versioning import EditConflict

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:opvangregie:probleem:"

TITLES = {
    400: ("ongeldige-invoer", gettext_noop("Ongeldige invoer")),
    401: ("niet-aangemeld", gettext_noop("Niet aangemeld")),
    403: ("geen-toegang", gettext_noop("Geen toegang")),
    404: ("niet-gevonden", gettext_noop("Niet gevonden")),
    405: ("methode-niet-toegestaan", gettext_noop("Methode niet toegestaan")),
    406: ("niet-aanvaardbaar", gettext_noop("Gevraagd formaat niet beschikbaar")),
    409: ("conflict", gettext_noop("Intussen gewijzigd")),
    415: ("mediatype-niet-ondersteund", gettext_noop("Mediatype niet ondersteund")),
    429: ("te-veel-verzoeken", gettext_noop("Te veel verzoeken")),
    500: ("serverfout", gettext_noop("Interne fout")),
}


def problem(status_code: int, *, detail: str = "", instance: str = "",
            invalid_params: list[dict] | None = None) -> dict:
    slug, title = TITLES.get(status_code, ("fout", gettext_noop("Fout")))
    body = {"type": TYPE_PREFIX + slug, "title": _(title), "status": status_code,
            "detail": detail or _(title), "instance": instance}
    if invalid_params:
        body["invalidParams"] = invalid_params
    return body


def problem_response(status_code: int, *, detail: str = "", instance: str = "",
                     invalid_params: list[dict] | None = None) -> HttpResponse:
    """A problem document outside Django REST framework (middleware, unknown URLs)."""
    body = problem(status_code, detail=detail, instance=instance, invalid_params=invalid_params)
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status_code,
                        content_type=PROBLEM_JSON)


def _flatten(errors, name: str = "") -> list[dict]:
    """Django REST framework's nested errors as NL invalidParams: one entry per message."""
    if isinstance(errors, dict):
        found = []
        for key, value in errors.items():
            key = "" if key in ("non_field_errors", "__all__") else str(key)
            found += _flatten(value, f"{name}.{key}" if name and key else (key or name))
        return found
    if isinstance(errors, list | tuple):
        found = []
        for index, value in enumerate(errors):
            if isinstance(value, dict | list):
                found += _flatten(value, f"{name}[{index}]")
            else:
                found += _flatten(value, name)
        return found
    code = getattr(errors, "code", None) or "invalid"
    return [{"name": name or "body", "code": str(code), "reason": str(errors)}]


def _service_error(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {field: [str(message) for message in messages]
             for field, messages in error.message_dict.items()})
    return exceptions.ValidationError(list(error.messages))


def exception_handler(exc, context):
    """Django REST framework's handler, with service errors mapped and problem documents out."""
    request = context.get("request")
    conflict = isinstance(exc, EditConflict)
    if conflict:
        exc = exceptions.APIException(" ".join(exc.messages))
        exc.status_code = status.HTTP_409_CONFLICT
    elif isinstance(exc, DjangoValidationError):
        exc = _service_error(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # unexpected: the middleware answers a 500 problem
    data = response.data
    invalid = None
    if isinstance(exc, exceptions.ValidationError):
        invalid = _flatten(data)
        detail = _("De invoer is ongeldig; zie invalidParams.")
    elif isinstance(data, dict) and "detail" in data:
        detail = str(data["detail"])
    else:
        detail = ""
    body = problem(response.status_code, detail=detail,
                   instance=request.get_full_path() if request is not None else "",
                   invalid_params=invalid)
    headers = {key: value for key, value in response.items()
               if key in ("WWW-Authenticate", "Allow", "Retry-After")}
    return Response(body, status=response.status_code, headers=headers,
                    content_type=PROBLEM_JSON)

"""Rules for every response under `/api/`, also those no API view made.

- the `API-Version` header (NL API Design Rules, API-57);
- HTTPS only in production: a request over plain HTTP is refused, not redirected, so a
  client that sends a token over HTTP finds out at once (and its token should be revoked);
- an unknown URL or an unexpected exception is a problem document, never an HTML page.
"""

import logging

from django.conf import settings
from django.utils.translation import gettext as _

from opvangregie.api.problems import PROBLEM_JSON, problem_response

API_PREFIX = "/api/"
API_VERSION = "1.0.0"
logger = logging.getLogger("django.request")


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if getattr(settings, "API_REQUIRE_HTTPS", False) and not request.is_secure():
            response = problem_response(
                403, instance=request.get_full_path(),
                detail=_("De API is alleen bereikbaar over HTTPS."))
        else:
            response = self.get_response(request)
            if response.status_code == 404 and not response.get(
                    "Content-Type", "").startswith(PROBLEM_JSON):
                response = problem_response(404, instance=request.get_full_path(),
                                            detail=_("Deze URL bestaat niet in de API."))
        response["API-Version"] = API_VERSION
        return response

    def process_exception(self, request, exception):
        if not request.path_info.startswith(API_PREFIX):
            return None
        logger.error("API-fout", exc_info=exception)
        return problem_response(500, instance=request.get_full_path(),
                                detail=_("Er ging iets mis; er is niets opgeslagen."))

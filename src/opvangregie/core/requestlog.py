"""One log line per request that a region may keep and share with its operators.

Query strings (search terms, filters) and free-text path parts can hold a candidate's or a
confidential location's name, so the line shows the matched URL pattern with only its numeric
ids filled in, never the raw path or the query string.
"""

import logging
import time

from django.conf import settings

logger = logging.getLogger("opvangregie.requests")


def loggable_path(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        if request.path.startswith(settings.STATIC_URL):
            return request.path  # the app's own files, no user text
        # Unresolved (404) paths are whatever someone typed: not worth the risk.
        return "(onbekend pad)"
    path = "/" + str(match.route)
    for name, value in match.kwargs.items():
        shown = str(value) if isinstance(value, int) else "…"
        path = path.replace(f"<int:{name}>", shown).replace(f"<{name}>", shown)
        path = path.replace(f"<str:{name}>", shown).replace(f"<slug:{name}>", shown)
        path = path.replace(f"<path:{name}>", shown).replace(f"<uuid:{name}>", shown)
    return path


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if logger.isEnabledFor(logging.INFO):
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else "-"
            logger.info(
                "%s %s %s %.0fms user=%s", request.method, loggable_path(request),
                response.status_code, (time.perf_counter() - started) * 1000, user_id,
            )
        return response


class OneLineRefusalFilter(logging.Filter):
    """Django logs a refused request (403) with the full traceback of PermissionDenied.

    A refusal is an expected answer, not a fault: one line with the matched URL pattern (never
    the raw path, see `loggable_path`) is enough, and keeps real errors visible in the log.
    Also applied to Django's "Method Not Allowed" line, which names the raw path too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        status = getattr(record, "status_code", None)
        if status in (403, 405) and request is not None:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
            reason = "Geen toegang" if status == 403 else "Methode niet toegestaan"
            record.msg = "%s (%s): %s %s"
            record.args = (reason, status, request.method, loggable_path(request))
        return True

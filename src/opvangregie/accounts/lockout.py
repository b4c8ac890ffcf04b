"""Lockout after repeated wrong passwords (django-axes), adapted to how Opvangregie is run."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked account or address before the password is checked.

    A login without a request (a management command, the test client) does not come from the
    web and cannot be guessed at from outside, so it is not counted or refused here.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str:
    """The visitor's address: behind TRUSTED_PROXY_COUNT proxies, the address the outermost
    trusted proxy saw (X-Forwarded-For can be written by the visitor, so only the entries
    added by our own proxies count)."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request, original_response=None, credentials=None):
    """The Dutch page shown instead of the login form while locked."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if (
        settings.AXES_COOLOFF_TIME) else 0
    return render(request, "registration/locked_out.html",
                  {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
                  status=429)

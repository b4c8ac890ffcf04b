from functools import wraps

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database or the failing request's objects:
    # an error page must not repeat what caused the error.
    return render(request, "500.html", status=500)


def method_not_allowed(request, allowed) -> HttpResponseNotAllowed:
    """Django's 405 has no body; the user sees a Dutch page that says what to do."""
    response = render(request, "405.html", status=405)
    response["Allow"] = ", ".join(allowed)
    return response


def post_only(page: str):
    """A form's own address that answers a GET by going to the page the form is on.

    A form with errors is shown again at the address it was sent to. A reload there, the
    language switch or "back" then asked that address with GET and got a blank 405 page;
    now they land on the page itself.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                return redirect(page, pk=kwargs["pk"])
            if request.method != "POST":
                return method_not_allowed(request, ["GET", "POST"])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

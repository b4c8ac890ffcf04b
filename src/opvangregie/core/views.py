from django.shortcuts import render


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database or the failing request's objects:
    # an error page must not repeat what caused the error.
    return render(request, "500.html", status=500)

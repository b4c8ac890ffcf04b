from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from opvangregie.accounts import twofactor
from opvangregie.accounts.forms import CodeForm, DutchPasswordChangeForm, WorkingDateForm
from opvangregie.accounts.services import user_set_password, working_date_set


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return settings.LOGIN_REDIRECT_URL


@require_http_methods(["GET", "POST"])
def second_factor_verify(request):
    if not user_has_device(request.user, confirmed=True):
        return redirect("second_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _("Deze code klopt niet of is al gebruikt. Wacht een paar "
                                 "seconden en probeer de nieuwste code uit de app."))
    return render(request, "accounts/second_factor_verify.html",
                  {"form": form, "next": _next_url(request)})


@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    """Link an authenticator app by scanning a QR code and confirming one code from it.

    A user who already has a device must have entered a code this session before replacing it.
    """
    if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
        return redirect("second_factor_verify")
    device = twofactor.unconfirmed_totp_device(request.user)
    form = CodeForm(request.POST or None)
    form.fields["code"].help_text = _("De zescijferige code die de app na het scannen toont.")
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = twofactor.second_factor_confirm(user=request.user, device=device)
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html",
                          {"codes": codes, "next": _next_url(request)})
        form.add_error("code", _("Deze code klopt niet. Controleer of de tijd van de telefoon "
                                 "goed staat en probeer de nieuwste code."))
    return render(request, "accounts/second_factor_setup.html", {
        "form": form, "qr": twofactor.qr_svg(device.config_url),
        "secret": b32encode(device.bin_key).decode().rstrip("="),
        "required": twofactor.second_factor_required(request.user),
        "next": _next_url(request),
    })


@require_http_methods(["GET", "POST"])
def password_change(request):
    form = DutchPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_set_password(user=request.user, password=form.cleaned_data["new_password1"],
                          actor=request.user)
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Uw wachtwoord is gewijzigd."))
        return redirect("password_change")
    return render(request, "accounts/password_change.html", {"form": form})


@require_http_methods(["GET", "POST"])
def working_date(request):
    """Set the day every date-driven page opens on (core.workdate); empty means today."""
    form = WorkingDateForm(request.POST or None,
                           initial={"werkdatum": request.user.working_date})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["werkdatum"]
        working_date_set(user=request.user, working_date=chosen, actor=request.user)
        if chosen:
            messages.success(request, _("Pagina's openen voortaan op %(day)s.") % {
                "day": date_format(chosen, "j F Y")})
        else:
            messages.success(request, _("Pagina's openen voortaan op vandaag."))
        return redirect(_next_url(request))
    return render(request, "accounts/working_date.html", {
        "form": form, "today": timezone.localdate(), "next": _next_url(request),
    }, status=400 if form.errors else 200)

"""Second factor (TOTP app plus recovery codes, django-otp) and the middleware that asks for it.

With a confirmed device, anyone must enter a code once per session before any page. In
production (SECOND_FACTOR_REQUIRED) a coordinator or administrator without a device is sent to
set one up first: they see every region's or their own region's confidential records.
"""

import io
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from opvangregie.accounts.models import Role
from opvangregie.audit.services import audit_record

RECOVERY_CODES = 10
TOTP_NAME = "authenticator-app"
RECOVERY_NAME = "herstelcodes"


def second_factor_required(user) -> bool:
    return settings.SECOND_FACTOR_REQUIRED and user.role in {Role.COORDINATOR,
                                                              Role.ADMINISTRATOR}


def unconfirmed_totp_device(user) -> TOTPDevice:
    """The device being set up (kept until confirmed, so reloading shows the same QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=TOTP_NAME).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def qr_svg(data: str) -> str:
    out = io.BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=16).save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg"):]  # inline in the page: without the XML declaration


@transaction.atomic
def second_factor_confirm(*, user, device: TOTPDevice) -> list[str]:
    """Make the verified app the user's device, replace older ones, and return fresh recovery
    codes (shown once; only the user keeps them)."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    audit_record(actor=user, action="update", instance=user,
                 after={"tweede_factor": "ingesteld"})
    return codes


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed = None

    def _exempt(self, path: str) -> bool:
        if self._allowed is None:  # the URLconf is loaded after the middleware
            self._allowed = (
                reverse("second_factor_verify"), reverse("second_factor_setup"),
                reverse("logout"), reverse("login"), reverse("set_language"),
                settings.STATIC_URL,
            )
        return path.startswith(self._allowed)

    def __call__(self, request):
        user = request.user
        if (user.is_authenticated and not user.is_verified()
                and not request.session.get("second_factor_by_identity_provider")
                and not self._exempt(request.path_info)):
            query = urlencode({"next": request.get_full_path()})
            if user_has_device(user, confirmed=True):
                return redirect(f"{reverse('second_factor_verify')}?{query}")
            if second_factor_required(user):
                return redirect(f"{reverse('second_factor_setup')}?{query}")
        return self.get_response(request)

"""Sign-in through the region's identity provider (mozilla-django-oidc), on only when
OIDC_RP_CLIENT_ID is set. Role and scope follow the claims at every sign-in, so a change at
the provider takes effect the next time someone signs in."""

import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from opvangregie.accounts.claims import access_from_claims
from opvangregie.accounts.models import Role
from opvangregie.audit.services import audit_record
from opvangregie.regions.models import Municipality, SafetyRegion

logger = logging.getLogger(__name__)
BACKEND_PATH = "opvangregie.accounts.oidc.RegionOIDCBackend"


def _access(claims):
    return access_from_claims(
        claims, role_claim=settings.OIDC_ROLE_CLAIM, region_claim=settings.OIDC_REGION_CLAIM,
        municipalities_claim=settings.OIDC_MUNICIPALITIES_CLAIM,
    )


class RegionOIDCBackend(OIDCAuthenticationBackend):
    def _username(self, claims) -> str:
        return (claims.get("preferred_username") or claims.get("email") or "")[:150]

    def verify_claims(self, claims):
        return bool(self._username(claims)) and _access(claims) is not None

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=self._username(claims))

    def create_user(self, claims):
        user = self.UserModel(username=self._username(claims))
        user.set_unusable_password()  # only the identity provider signs this account in
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        access = _access(claims)
        before = {"role": user.role}
        stored = None if user.pk is None else _account(user)
        user.role = access.role
        user.email = claims.get("email", user.email) or ""
        user.first_name = (claims.get("given_name") or user.first_name)[:150]
        user.last_name = (claims.get("family_name") or user.last_name)[:150]
        user.safety_region = (SafetyRegion.objects.filter(code=access.region_code).first()
                              if access.region_code else None)
        user.is_staff = user.is_superuser = access.role == Role.ADMINISTRATOR
        municipalities = list(Municipality.objects.filter(code__in=access.municipality_codes))
        if stored is not None and stored == _account(user, municipalities):
            # Claims as before: nothing is written, so nothing cached is made again (a save
            # changes the account's keys and the global revision, core.cache).
            return user
        user.full_clean(exclude=["password"])
        user.save()
        user.municipalities.set(municipalities)
        audit_record(actor=user, action="update", instance=user, before=before,
                     after={"role": access.role, "bron": "identiteitsprovider"})
        return user


def _account(user, municipalities=None) -> tuple:
    """What the claims set on an account (with its stored memberships, or `municipalities`)."""
    ids = (sorted(m.pk for m in municipalities) if municipalities is not None
           else sorted(user.municipalities.values_list("pk", flat=True)))
    return (user.role, user.email, user.first_name, user.last_name, user.safety_region_id,
            user.is_staff, user.is_superuser, ids)


@receiver(user_logged_in)
def _trust_provider_second_factor(sender, request, user, **kwargs):
    if getattr(user, "backend", "") == BACKEND_PATH and getattr(
            settings, "OIDC_PROVIDES_SECOND_FACTOR", False):
        request.session["second_factor_by_identity_provider"] = True

"""API tokens: a secret a municipal or COA system sends as `Authorization: Bearer …`.

Only a SHA-256 hash of the secret is stored; the prefix (the first part of the token) is kept
in plain text so a token can be found, named in the audit log and revoked without the secret.
A token acts as its user: the same selectors decide what it may see and change.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
        verbose_name=_("gebruiker"),
    )
    name = models.CharField(_("omschrijving"), max_length=200, blank=True,
                            help_text=_("Bijvoorbeeld het systeem dat de token gebruikt."))
    prefix = models.CharField(_("kenmerk"), max_length=16, unique=True)
    secret_hash = models.CharField(_("hash van het geheim"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("aangemaakt door"),
    )
    expires_at = models.DateTimeField(_("verloopt op"))
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("ingetrokken door"),
    )
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"token {self.prefix}"

    def is_active_at(self, moment) -> bool:
        return self.revoked_at is None and moment < self.expires_at

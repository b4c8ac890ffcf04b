from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One write (or, for confidential records, one view): who, what, when, before and after.

    An own model rather than django-simple-history: views of confidential records must be
    logged as well as writes, and one table serves both (docs/adr/0002-audit-log.md).
    """

    class Action(models.TextChoices):
        CREATE = "create", _("aangemaakt")
        UPDATE = "update", _("gewijzigd")
        DELETE = "delete", _("verwijderd")
        VIEW = "view", _("bekeken")
        EXPORT = "export", _("geëxporteerd")
        IMPORT = "import", _("geïmporteerd")

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("actie"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("soort object"), max_length=100, db_index=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True, db_index=True)
    summary = models.CharField(_("omschrijving"), max_length=300, blank=True)
    before = models.JSONField(_("voor"), null=True, blank=True)
    after = models.JSONField(_("na"), null=True, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_type}"

"""Flex-home projects per municipality: confidential until released, like candidates.

Who sees a project's name is decided in `opvangregie.access` (`FlexProjectView`); everything
else (stage, homes, expected delivery, contact) is public within the region.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FlexStage(models.TextChoices):
    IDEA = "idea", _("idee")
    PLAN = "plan", _("plan")
    PERMIT = "permit", _("vergunning")
    CONSTRUCTION = "construction", _("bouw")
    DELIVERED = "delivered", _("opgeleverd")


class FlexProject(models.Model):
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="flex_projects",
        verbose_name=_("gemeente"),
    )
    name = models.CharField(
        _("naam project"), max_length=200,
        help_text=_("Vertrouwelijk tot de vrijgave: alleen de eigen gemeente en de "
                    "regiocoördinatoren zien de naam."),
    )
    contact = models.CharField(
        _("contactpersoon"), max_length=200, blank=True,
        help_text=_("Bijvoorbeeld de provinciale aanjager flexwonen."),
    )
    stage = models.CharField(_("fase"), max_length=20, choices=FlexStage.choices,
                             default=FlexStage.IDEA)
    homes = models.PositiveIntegerField(_("aantal woningen"))
    expected_delivery = models.DateField(_("verwachte oplevering"), null=True, blank=True)
    # From this moment every user of the region sees the name; None: only the circle.
    # Changed only by `flex_project_release`, which never takes a release back.
    name_released_from = models.DateTimeField(_("naam openbaar vanaf"), null=True, blank=True,
                                              editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("aangemaakt door"),
    )
    # Raised by the services on every save (core.versioning, ADR 7).
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("flexwoningproject")
        verbose_name_plural = _("flexwoningprojecten")
        ordering = ["municipality__name", "pk"]

    def __str__(self) -> str:
        # Never the name: str() ends up in logs, admin messages and error pages.
        return f"Flexproject #{self.pk} ({self.municipality_id})"

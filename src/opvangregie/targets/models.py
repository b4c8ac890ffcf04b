from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    """A target given by the Rijk: for a region, or a national number that regions share."""

    class Kind(models.TextChoices):
        CNO = "cno", _("crisisnoodopvang (CNO)")
        PERMIT_HOLDERS = "permit_holders", _("huisvesting vergunninghouders")
        UKRAINIANS = "ukrainians", _("opvang Oekraïense ontheemden")
        ASYLUM = "asylum", _("asielopvang")

    class Unit(models.TextChoices):
        PLACES = "places", _("plekken")
        PERSONS = "persons", _("personen")

    class Scope(models.TextChoices):
        NATIONAL = "national", _("landelijk")
        REGIONAL = "regional", _("regionaal")

    name = models.CharField(_("omschrijving"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    scope = models.CharField(_("niveau"), max_length=10, choices=Scope.choices)
    safety_region = models.ForeignKey(
        "regions.SafetyRegion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("veiligheidsregio"),
    )
    amount = models.PositiveIntegerField(_("aantal"))
    unit = models.CharField(_("eenheid"), max_length=10, choices=Unit.choices)
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    source = models.CharField(_("bron"), max_length=300)
    is_illustrative = models.BooleanField(
        _("illustratief"),
        default=False,
        help_text=_("Aangevinkt als het cijfer geen publiek feit is maar een voorbeeld."),
    )

    class Meta:
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")
        ordering = ["period_start", "kind", "amount"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope="national", safety_region__isnull=True)
                | models.Q(scope="regional", safety_region__isnull=False),
                name="regional_target_has_region",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="target_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

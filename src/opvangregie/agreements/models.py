"""Regional agreements that move a task between municipalities (issue 15, item 3).

Append-only: an agreement is never edited; a change is a new agreement that `supersedes` the
old one (the old one then stops counting from the new one's start). Each has a reason and the
board decision (a meetings Decision when recorded there, else a text reference).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegionalAgreement(models.Model):
    class Kind(models.TextChoices):
        EXCHANGE = "exchange", _("ruil CNO-plekken tegen vergunninghouders")
        JOINT_LOCATION = "joint", _("gezamenlijke locatie")
        QUOTA_SHIFT = "shift", _("verschuiving taakstelling (art. 29 lid 2)")

    safety_region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("veiligheidsregio"),
    )
    kind = models.CharField(_("soort afspraak"), max_length=10, choices=Kind.choices)
    # Exchange: `taker` takes over `places` CNO places of `giver`; in return `giver` houses
    # `permit_holders` of the taker's permit holders. Shift: `giver` hands `permit_holders` of
    # its quota to `taker`. Joint location: the parts say who is credited what.
    giver = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("gemeente die afstaat"),
    )
    taker = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("gemeente die overneemt"),
    )
    places = models.PositiveIntegerField(_("CNO-plekken"), default=0)
    permit_holders = models.PositiveIntegerField(_("vergunninghouders"), default=0)
    location = models.ForeignKey(
        "capacity.Location", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("locatie"),
    )
    valid_from = models.DateField(_("geldt vanaf"))
    valid_until = models.DateField(_("geldt tot en met"), null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=300)
    decision = models.ForeignKey(
        "meetings.Decision", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("besluit in het overleg"),
    )
    decision_reference = models.CharField(_("besluit"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustratief"), default=False)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by",
        verbose_name=_("vervangt"),
    )
    registered_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("geregistreerd door"),
    )

    class Meta:
        verbose_name = _("regionale afspraak")
        verbose_name_plural = _("regionale afspraken")
        ordering = ["valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.reason}"

    @property
    def rate(self) -> str:
        """The agreed rate of an exchange: permit holders per CNO place."""
        return f"{self.places}:{self.permit_holders}"


class AgreementPart(models.Model):
    """A municipality's agreed part of a joint location, in places."""

    agreement = models.ForeignKey(
        RegionalAgreement, on_delete=models.PROTECT, related_name="parts",
        verbose_name=_("afspraak"),
    )
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("gemeente"),
    )
    places = models.PositiveIntegerField(_("plekken"))

    class Meta:
        verbose_name = _("deel van een gezamenlijke locatie")
        verbose_name_plural = _("delen van een gezamenlijke locatie")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "municipality"],
                                    name="one_part_per_municipality"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.places}"

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    """A target given by the Rijk: for a region, or a national number that regions share.

    Never overwritten: a change is a new row that `corrects` the one it replaces
    (`targets.services.target_correct`), so a page "as known on" an earlier day still shows
    the target as it was then. Distributions keep pointing at the row they were made for;
    `targets.selectors.target_lineage` finds every row of the same target.
    """

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
    is_informal = models.BooleanField(
        _("informeel"),
        default=False,
        help_text=_(
            "Een informele (hogere) taakstelling naast de officiële; telt als Saldo II."
        ),
    )
    is_illustrative = models.BooleanField(
        _("illustratief"),
        default=False,
        help_text=_("Aangevinkt als het cijfer geen publiek feit is maar een voorbeeld."),
    )
    registered_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now, db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("geregistreerd door"),
    )
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by",
        verbose_name=_("corrigeert"),
    )
    reason = models.CharField(_("toelichting bij de wijziging"), max_length=300, blank=True)

    # Raised by the services on every change of the target or of its adopted distribution; a
    # form loaded at an older version may not overwrite (core.versioning, ADR 7).
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")
        ordering = ["period_start", "kind", "amount"]
        # The national what-if (targets.views.national_whatif); granted through the group
        # "Landelijk coördinator" (migration 0006) or to an administrator by role.
        permissions = [("distribute_nationally", _("mag een landelijke opgave doorrekenen"))]
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


class DistributionStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    ADOPTED = "adopted", _("vastgesteld")
    SUPERSEDED = "superseded", _("vervangen")


class Distribution(models.Model):
    """One version of a target's distribution over the municipalities of its region.

    The inputs (key, method, credit, agreements) are stored with the outcome, so the numbers
    can be explained and recomputed later. The adopted version is what balances use.
    """

    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="distributions", verbose_name=_("opgave")
    )
    safety_region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, related_name="distributions",
        verbose_name=_("veiligheidsregio"),
    )
    version = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=12, choices=DistributionStatus.choices,
        default=DistributionStatus.CONCEPT,
    )
    method = models.CharField(_("methode"), max_length=20)
    key = models.JSONField(_("verdeelsleutel"), help_text=_("Indicator → gewicht als breuk."))
    reference_date = models.DateField(_("peildatum CBS-cijfers"))
    credit_from = models.DateField(_("inzet meetellen vanaf"), null=True, blank=True)
    credit_until = models.DateField(_("inzet meetellen tot en met"), null=True, blank=True)
    credit_location_type = models.CharField(
        _("soort inzet"), max_length=20, blank=True,
        help_text=_("Het soort locatie waarvan de plekweken meetellen, bijvoorbeeld CNO."),
    )
    window_weeks = models.PositiveIntegerField(_("looptijd in weken"), null=True, blank=True)
    credit_as_of = models.DateField(_("inzet zoals bekend op"), null=True, blank=True)
    decision_reference = models.CharField(_("besluit"), max_length=300, blank=True)
    notes = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("vastgesteld door"),
    )

    class Meta:
        verbose_name = _("verdeling")
        verbose_name_plural = _("verdelingen")
        ordering = ["target", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "safety_region", "version"], name="one_distribution_version"
            ),
            models.UniqueConstraint(
                fields=["target", "safety_region"],
                condition=models.Q(status="adopted"),
                name="one_adopted_distribution",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target} v{self.version}"


class Agreement(models.Model):
    """An agreed exception to the plain distribution, with its reason."""

    class Kind(models.TextChoices):
        FIXED = "fixed", _("vast aantal")
        MINIMUM = "minimum", _("ondergrens")
        MAXIMUM = "maximum", _("bovengrens (realistische capaciteit)")
        TRANSFER = "transfer", _("overname van een deel")

    distribution = models.ForeignKey(
        Distribution, on_delete=models.CASCADE, related_name="agreements",
        verbose_name=_("verdeling"),
    )
    kind = models.CharField(_("soort afspraak"), max_length=10, choices=Kind.choices)
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("gemeente"),
    )
    to_municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("neemt over"),
        help_text=_("Alleen bij overname: de gemeente die het deel overneemt."),
    )
    amount = models.PositiveIntegerField(_("aantal"))
    reason = models.CharField(_("reden"), max_length=300)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


class Allocation(models.Model):
    """A municipality's part in a distribution, with the engine's explanation."""

    distribution = models.ForeignKey(
        Distribution, on_delete=models.CASCADE, related_name="allocations",
        verbose_name=_("verdeling"),
    )
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="allocations",
        verbose_name=_("gemeente"),
    )
    share = models.CharField(_("aandeel (exact)"), max_length=200)
    credit = models.DecimalField(_("eerdere inzet"), max_digits=14, decimal_places=2)
    quota = models.CharField(_("quotum (exact)"), max_length=200)
    amount = models.IntegerField(_("toegewezen"))
    explanation = models.JSONField(_("uitleg"))

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "municipality"], name="one_allocation_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.amount}"


class PlannedEffortCredit(models.Model):
    """Effort registered for the target's own window at a location the board named, credited
    by a distribution as earlier effort (targets.credit): kept with the distribution, marked
    as planned with the moment it was registered, so the board can see later whether it
    happened or fell through."""

    distribution = models.ForeignKey(
        Distribution, on_delete=models.CASCADE, related_name="planned_credits",
        verbose_name=_("verdeling"),
    )
    location = models.ForeignKey(
        "capacity.Location", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("locatie"),
    )
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("gemeente"),
    )
    place_weeks = models.DecimalField(_("verrekende plekweken"), max_digits=14,
                                      decimal_places=2)
    planned_place_weeks = models.DecimalField(_("waarvan gepland"), max_digits=14,
                                              decimal_places=2)
    planned_registered_at = models.DateTimeField(_("gepland geregistreerd op"), null=True,
                                                 blank=True)

    class Meta:
        verbose_name = _("verrekende geplande inzet")
        verbose_name_plural = _("verrekende geplande inzet")
        ordering = ["municipality__name", "location_id"]

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.place_weeks} plekweken"

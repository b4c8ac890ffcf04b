"""The confidential search for new locations (longlist).

A candidate's identifying fields (name, address, owner, notes, documents) are visible only to
its own municipality's officers and the region's coordinators until a release's embargo has
passed. Templates never get these models directly: `pipeline.selectors` hands out
`CandidateView` objects that carry an identifying field only when the user may see it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Broker(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    safety_region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, related_name="brokers",
        verbose_name=_("veiligheidsregio"),
    )

    class Meta:
        verbose_name = _("makelaar")
        verbose_name_plural = _("makelaars")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LocationCall(models.Model):
    """A call (uitvraag) to municipalities and brokers to submit candidate locations."""

    safety_region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, related_name="location_calls",
        verbose_name=_("veiligheidsregio"),
    )
    sent_on = models.DateField(_("verstuurd op"))
    text = models.TextField(_("tekst van de uitvraag"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("aangemaakt door"),
    )

    class Meta:
        verbose_name = _("uitvraag")
        verbose_name_plural = _("uitvragen")
        ordering = ["-sent_on"]

    def __str__(self) -> str:
        return f"Uitvraag {self.sent_on:%d-%m-%Y}"


class ResponseStatus(models.TextChoices):
    RESPONDED = "responded", _("heeft gereageerd")
    MORE_TIME = "more_time", _("heeft meer tijd nodig")
    NO_RESPONSE = "no_response", _("nog niet gereageerd")


class CallAddressee(models.Model):
    call = models.ForeignKey(
        LocationCall, on_delete=models.CASCADE, related_name="addressees",
        verbose_name=_("uitvraag"),
    )
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("gemeente"),
    )
    broker = models.ForeignKey(
        Broker, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("makelaar"),
    )
    status = models.CharField(
        _("reactie"), max_length=12, choices=ResponseStatus.choices,
        default=ResponseStatus.NO_RESPONSE,
    )
    status_changed_at = models.DateTimeField(_("reactie bijgewerkt op"), null=True, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("geadresseerde")
        verbose_name_plural = _("geadresseerden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=False, broker__isnull=True)
                | models.Q(municipality__isnull=True, broker__isnull=False),
                name="addressee_is_municipality_or_broker",
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality or self.broker)


class CandidateStatus(models.TextChoices):
    SUBMITTED = "submitted", _("aangemeld")
    UNDER_ASSESSMENT = "under_assessment", _("in beoordeling")
    SERIOUS_CHANCE = "serious_chance", _("kansrijk")
    CNO_ONLY = "cno_only", _("alleen geschikt voor CNO")
    NEEDS_CONSULTATION = "needs_consultation", _("vergt nader overleg")
    NOT_SUITABLE = "not_suitable", _("niet geschikt")
    GO = "go", _("GO")
    NO_GO = "no_go", _("NO GO")
    IN_REALISATION = "in_realisation", _("in realisatie")
    OPEN = "open", _("open")
    DROPPED = "dropped", _("vervallen")


class CandidateKind(models.TextChoices):
    BUILDING = "building", _("gebouw")
    SITE = "site", _("terrein")
    HOTEL = "hotel", _("hotel")
    HOLIDAY_PARK = "holiday_park", _("vakantiepark")
    SUMMER_CAMP = "summer_camp", _("zomerkamp")
    BOAT = "boat", _("boot")
    OTHER = "other", _("anders")


class CandidateLocation(models.Model):
    safety_region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, related_name="candidates",
        verbose_name=_("veiligheidsregio"),
    )
    number = models.PositiveIntegerField(
        _("nummer"), help_text=_("Volgnummer in de regio; de anonieme naam is 'Locatie N'.")
    )
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="candidates",
        verbose_name=_("gemeente"),
    )
    call = models.ForeignKey(
        LocationCall, on_delete=models.PROTECT, null=True, blank=True,
        related_name="candidates", verbose_name=_("uitvraag"),
    )
    submitted_by_broker = models.ForeignKey(
        Broker, on_delete=models.PROTECT, null=True, blank=True, related_name="candidates",
        verbose_name=_("aangemeld door makelaar"),
    )
    is_new = models.BooleanField(
        _("nieuw"), default=True, help_text=_("Nog niet eerder in beeld bij de regio.")
    )
    # Identifying fields: confidential until released.
    name = models.CharField(_("naam"), max_length=200)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    owner = models.CharField(_("eigenaar"), max_length=200, blank=True)
    notes = models.TextField(_("notities"), blank=True)
    # Fields everyone may see in anonymised form.
    kind = models.CharField(_("soort"), max_length=20, choices=CandidateKind.choices)
    for_long_term = models.BooleanField(_("langdurige opvang"), default=False)
    for_cno = models.BooleanField(_("crisisnoodopvang"), default=False)
    for_permit_holders = models.BooleanField(_("vergunninghouders"), default=False)
    for_ukrainians = models.BooleanField(_("Oekraïners"), default=False)
    possible_places = models.PositiveIntegerField(_("mogelijke plekken"), null=True, blank=True)
    earliest_opening = models.DateField(_("vroegst mogelijke opening"), null=True, blank=True)
    estimated_costs = models.DecimalField(
        _("geschatte kosten (€)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    scan_reference = models.CharField(
        _("verwijzing scan provincie/Kadaster"), max_length=200, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CandidateStatus.choices,
        default=CandidateStatus.SUBMITTED,
    )
    location = models.OneToOneField(
        "capacity.Location", on_delete=models.PROTECT, null=True, blank=True,
        related_name="candidate", verbose_name=_("locatie in het register"),
    )
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("aangemeld door"),
    )

    # Raised by the services on every save; a stale form may not overwrite (ADR 7).
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("kandidaatlocatie")
        verbose_name_plural = _("kandidaatlocaties")
        ordering = ["safety_region", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["safety_region", "number"], name="one_candidate_number_per_region"
            )
        ]

    def __str__(self) -> str:
        # Never the name: str() ends up in logs, admin messages and error pages.
        return f"Locatie {self.number}"


class StatusChange(models.Model):
    candidate = models.ForeignKey(
        CandidateLocation, on_delete=models.CASCADE, related_name="status_changes",
        verbose_name=_("kandidaat"),
    )
    from_status = models.CharField(_("van"), max_length=20, choices=CandidateStatus.choices,
                                   blank=True)
    to_status = models.CharField(_("naar"), max_length=20, choices=CandidateStatus.choices)
    reason = models.CharField(_("waarom"), max_length=500)
    changed_at = models.DateTimeField(_("wanneer"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("door"),
    )

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


def candidate_document_path(instance, filename: str) -> str:
    # The stored file name never carries the original (possibly identifying) name.
    return f"kandidaten/{instance.candidate_id}/{timezone.now():%Y%m%d%H%M%S%f}"


class CandidateDocument(models.Model):
    candidate = models.ForeignKey(
        CandidateLocation, on_delete=models.CASCADE, related_name="documents",
        verbose_name=_("kandidaat"),
    )
    file = models.FileField(_("bestand"), upload_to=candidate_document_path)
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=255)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_at = models.DateTimeField(_("geüpload op"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("geüpload door"),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return f"document {self.pk}"


class Release(models.Model):
    """The decision to make a candidate's identifying fields public from an embargo moment."""

    candidate = models.OneToOneField(
        CandidateLocation, on_delete=models.CASCADE, related_name="release",
        verbose_name=_("kandidaat"),
    )
    embargo_until = models.DateTimeField(
        _("embargo tot"),
        help_text=_("Vanaf dit moment zien alle ingelogde gebruikers de vrijgegeven velden."),
    )
    release_name = models.BooleanField(_("naam vrijgeven"), default=True)
    release_address = models.BooleanField(_("adres vrijgeven"), default=True)
    release_owner = models.BooleanField(_("eigenaar vrijgeven"), default=False)
    decided_at = models.DateTimeField(_("besloten op"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("besloten door"),
    )
    reason = models.CharField(_("besluit"), max_length=300)

    class Meta:
        verbose_name = _("vrijgave")
        verbose_name_plural = _("vrijgaven")

    def __str__(self) -> str:
        return f"vrijgave {self.candidate_id}"


class Criterion(models.Model):
    safety_region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, related_name="criteria",
        verbose_name=_("veiligheidsregio"),
    )
    name = models.CharField(_("naam"), max_length=200)
    weight = models.PositiveIntegerField(_("gewicht"), default=1)
    scale_max = models.PositiveIntegerField(_("schaal (hoogste score)"), default=5)

    class Meta:
        verbose_name = _("toetsingscriterium")
        verbose_name_plural = _("toetsingscriteria")
        ordering = ["-weight", "name"]

    def __str__(self) -> str:
        return self.name


class Score(models.Model):
    candidate = models.ForeignKey(
        CandidateLocation, on_delete=models.CASCADE, related_name="scores",
        verbose_name=_("kandidaat"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterium")
    )
    score = models.PositiveIntegerField(_("score"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    scored_at = models.DateTimeField(_("beoordeeld op"), default=timezone.now)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("beoordeeld door"),
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "criterion"], name="one_score")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class SpeedBand(models.Model):
    """Speed overrides: candidates rank first by the band of their achievable opening date."""

    safety_region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, related_name="speed_bands",
        verbose_name=_("veiligheidsregio"),
    )
    label = models.CharField(_("naam"), max_length=100)
    opens_before = models.DateField(_("opening vóór"))

    class Meta:
        verbose_name = _("snelheidsklasse")
        verbose_name_plural = _("snelheidsklassen")
        ordering = ["opens_before"]

    def __str__(self) -> str:
        return self.label

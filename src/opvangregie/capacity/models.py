"""Locations and their dated capacity, occupancy and housed permit holders.

Figures are never overwritten: a correction is a new record that names the record it corrects,
so the picture "as known on date X" can be rebuilt for any past meeting.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LocationType(models.TextChoices):
    AZC = "azc", _("AZC")
    CNO = "cno", _("crisisnoodopvang (CNO)")
    GOO = "goo", _("gemeentelijke opvang Oekraïners (GOO)")
    HOTEL = "hotel", _("hotel")
    HOLIDAY_PARK = "holiday_park", _("vakantiepark")
    BOAT = "boat", _("boot")
    INTERMEDIATE = "intermediate", _("tussenvoorziening")
    FLEX_HOMES = "flex_homes", _("flexwoningen")
    BNB = "bnb", _("TakeCareBnB / particuliere B&B")
    OTHER = "other", _("anders")


class Operator(models.TextChoices):
    COA = "coa", _("COA")
    MUNICIPALITY = "municipality", _("gemeente")
    OTHER = "other", _("anders")


class LocationStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten")


class Location(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="locations",
        verbose_name=_("gemeente"),
    )
    type = models.CharField(_("soort"), max_length=20, choices=LocationType.choices)
    for_asylum_seekers = models.BooleanField(_("voor asielzoekers"), default=False)
    for_ukrainians = models.BooleanField(_("voor Oekraïense ontheemden"), default=False)
    for_permit_holders = models.BooleanField(_("voor vergunninghouders"), default=False)
    operator = models.CharField(
        _("exploitant"), max_length=20, choices=Operator.choices, default=Operator.MUNICIPALITY
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LocationStatus.choices, default=LocationStatus.OPEN
    )
    is_confidential = models.BooleanField(
        _("vertrouwelijk"),
        default=False,
        help_text=_(
            "Naam en adres alleen zichtbaar voor de eigen gemeente en de regiocoördinatoren."
        ),
    )
    # What a release made public of a confidential location, field by field, from the
    # embargo moment on (opvangregie.access). None: only the circle sees the field. Changed
    # only by `location_release_widen`, which never takes a release back.
    name_released_from = models.DateTimeField(_("naam openbaar vanaf"), null=True, blank=True)
    address_released_from = models.DateTimeField(
        _("adres openbaar vanaf"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("aangemaakt door"),
    )
    # Raised by the services on every save; a form loaded at an older version may not
    # overwrite (core.versioning, ADR 7).
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["municipality__name", "type", "pk"]

    def __str__(self) -> str:
        # Never the name: str() ends up in logs, admin messages and error pages.
        return f"{self.get_type_display()} #{self.pk} ({self.municipality_id})"


class CapacityKind(models.TextChoices):
    REALISED = "realised", _("gerealiseerd")
    PLANNED = "planned", _("gepland")


class CapacityRecord(models.Model):
    """Places (and occupancy) of a location from `valid_from` up to and including `valid_to`."""

    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="capacity_records",
        verbose_name=_("locatie"),
    )
    valid_from = models.DateField(_("vanaf"))
    valid_to = models.DateField(_("tot en met"), null=True, blank=True)
    places = models.PositiveIntegerField(_("plekken"))
    occupancy = models.PositiveIntegerField(_("bezetting"), null=True, blank=True)
    kind = models.CharField(
        _("gepland of gerealiseerd"), max_length=10, choices=CapacityKind.choices,
        default=CapacityKind.REALISED,
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
    reason = models.CharField(_("toelichting"), max_length=300, blank=True)
    # Set once, by the service, when a correction replaces this record; the figures never
    # change. It lets the database hold one current record per location and start date
    # (a partial unique index cannot look at `corrected_by`, the other side of `corrects`).
    superseded_at = models.DateTimeField(_("vervangen op"), null=True, blank=True,
                                         editable=False)

    class Meta:
        verbose_name = _("capaciteitsregistratie")
        verbose_name_plural = _("capaciteitsregistraties")
        ordering = ["location_id", "valid_from", "registered_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="capacity_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(occupancy__isnull=True)
                | models.Q(occupancy__lte=models.F("places")),
                name="occupancy_within_places",
            ),
            models.UniqueConstraint(
                fields=["location", "valid_from"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_capacity_per_location_and_start",
            ),
        ]
        indexes = [
            models.Index(fields=["valid_from", "valid_to"]),
            # The overview's "last update" per municipality reads the newest record per location.
            models.Index(fields=["location", "registered_at"]),
            # The records of some locations overlapping a period (a day for the location
            # list, months for the overview): a range on the end date per location.
            models.Index(fields=["location", "valid_to"], name="capacity_record_loc_valid_to"),
            # The newest record per location, for the revision of a region's figures
            # (core.cache): PostgreSQL's index on the location alone is not ordered by id.
            models.Index(fields=["location", "id"], name="capacity_record_loc_id"),
        ]

    def __str__(self) -> str:
        return f"{self.places} plekken vanaf {self.valid_from}"


class PermitHolderHousing(models.Model):
    """Permit holders housed by a municipality in a month (a count, never names)."""

    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, related_name="permit_holder_housing",
        verbose_name=_("gemeente"),
    )
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    housed = models.PositiveIntegerField(_("gehuisvest"))
    registered_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now, db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("geregistreerd door"),
    )
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by",
        verbose_name=_("corrigeert"),
    )
    reason = models.CharField(_("toelichting"), max_length=300, blank=True)
    # As CapacityRecord.superseded_at: one current count per municipality and month.
    superseded_at = models.DateTimeField(_("vervangen op"), null=True, blank=True,
                                         editable=False)

    class Meta:
        verbose_name = _("huisvesting vergunninghouders")
        verbose_name_plural = _("huisvesting vergunninghouders")
        ordering = ["municipality_id", "month", "registered_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="housing_month_is_first_day"
            ),
            models.UniqueConstraint(
                fields=["municipality", "month"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_housing_per_municipality_and_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.housed} gehuisvest in {self.month:%m-%Y}"


class HousingInstrument(models.TextChoices):
    """How permit holders were housed: the instruments the region's board named (seeds)."""

    CORPORATIONS = "corporations", _("Extra afspraken corporaties")
    MODEL_UTRECHT = "model_utrecht", _("Model “Utrecht”")
    HOTEL_SCHEME = "hotel_scheme", _("Hotel- en accommodatieregeling")
    HOTELS = "hotels", _("Hotels")
    HOLIDAY_HOMES = "holiday_homes", _("Vakantiewoningen")
    TAKECAREBNB = "takecarebnb", _("TakeCareBnB")
    PRIVATE_BNB = "private_bnb", _("Particuliere B&B en lokale initiatieven")
    INTERMEDIATE_FLEX = "intermediate_flex", _("Tussenvoorzieningen en flexwoningen")
    SHARED_FAMILY_HOME = "shared_family_home", _("Meerdere alleenstaanden in één gezinswoning")


class HousingInstrumentCount(models.Model):
    """Of one housing registration, the permit holders housed through one instrument.

    Optional: a registration without these rows has no breakdown. With them, they sum to the
    registration's `housed` (checked by `permit_housing_register`). They belong to the
    registration, so a correction brings its own breakdown and the old one stays with the old
    figure (ADR 9).
    """

    housing = models.ForeignKey(
        PermitHolderHousing, on_delete=models.PROTECT, related_name="instrument_counts",
        verbose_name=_("huisvesting vergunninghouders"),
    )
    instrument = models.CharField(_("instrument"), max_length=30,
                                  choices=HousingInstrument.choices)
    housed = models.PositiveIntegerField(_("gehuisvest"))

    class Meta:
        verbose_name = _("huisvesting per instrument")
        verbose_name_plural = _("huisvesting per instrument")
        ordering = ["housing_id", "instrument"]
        constraints = [
            models.UniqueConstraint(fields=["housing", "instrument"],
                                    name="one_count_per_housing_and_instrument"),
        ]

    def __str__(self) -> str:
        return f"{self.housed} via {self.get_instrument_display()}"


class FiguresConfirmation(models.Model):
    """An officer's "still correct": the figures were checked, nothing changed."""

    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.CASCADE, related_name="confirmations",
        verbose_name=_("gemeente"),
    )
    confirmed_at = models.DateTimeField(_("bevestigd op"), default=timezone.now, db_index=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("bevestigd door"),
    )

    class Meta:
        verbose_name = _("bevestiging cijfers")
        verbose_name_plural = _("bevestigingen cijfers")
        ordering = ["-confirmed_at"]

    def __str__(self) -> str:
        return f"{self.municipality_id} bevestigd {self.confirmed_at:%Y-%m-%d}"

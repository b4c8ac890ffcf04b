"""Crisis emergency shelter operations: duty rotas, stays (the two-week rule) and the
emergency button.

No personal data: a stay is tracked by a pseudonymous reference at most; arrivals and
departures are counts. Location names are never copied into these tables (a confidential
location's name is shown only through `capacity.selectors.location_label`).
"""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opvangregie.capacity.models import LocationType

# --- rotas -------------------------------------------------------------------------------------


class ParticipantKind(models.TextChoices):
    REGION = "region", _("veiligheidsregio's (landelijk)")
    MUNICIPALITY = "municipality", _("gemeenten in een regio")
    LOCATION = "location", _("locaties in een regio")


class RotaStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    ADOPTED = "adopted", _("vastgesteld")


class Rota(models.Model):
    """A duty rota: who is on duty when, in proportion to a key (see operations/rota.py)."""

    name = models.CharField(_("naam"), max_length=200)
    safety_region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, null=True, blank=True,
        related_name="rotas", verbose_name=_("veiligheidsregio"),
        help_text=_("Leeg bij een landelijk rooster van de veiligheidsregio's."),
    )
    participant_kind = models.CharField(
        _("deelnemers"), max_length=20, choices=ParticipantKind.choices
    )
    start = models.DateField(_("eerste dag"))
    end = models.DateField(_("laatste dag (tot en met)"))
    turn_days = models.PositiveSmallIntegerField(
        _("dienstlengte in dagen"), default=14, validators=[MinValueValidator(1)]
    )
    parallel = models.PositiveSmallIntegerField(
        _("tegelijk op dienst"), default=4, validators=[MinValueValidator(1)]
    )
    places_per_turn = models.PositiveIntegerField(_("plekken per dienst"), default=150)
    method = models.CharField(_("methode"), max_length=20, default="sainte-lague")
    key_description = models.CharField(_("verdeelsleutel"), max_length=300)
    notes = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RotaStatus.choices, default=RotaStatus.CONCEPT
    )
    decision_reference = models.CharField(_("besluit"), max_length=300, blank=True)
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("vastgesteld door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("aangemaakt door"),
    )

    class Meta:
        verbose_name = _("rooster")
        verbose_name_plural = _("roosters")
        ordering = ["-start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="rota_period_in_order"
            ),
            models.CheckConstraint(
                condition=models.Q(participant_kind="region", safety_region__isnull=True)
                | (~models.Q(participant_kind="region") & models.Q(safety_region__isnull=False)),
                name="rota_scope_matches_participants",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return self.safety_region_id is None


class RotaParticipant(models.Model):
    """One participant of a rota with its weight, proportional number and dates it cannot serve.

    Exactly one of region, municipality and location is set (as the rota's kind says). `name`
    is a snapshot for regions and municipalities; for a location it stays empty and the page
    shows `location_label`, so a confidential name is never copied here.
    """

    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="participants",
                             verbose_name=_("rooster"))
    position = models.PositiveSmallIntegerField(_("volgorde"))
    name = models.CharField(_("naam"), max_length=200, blank=True)
    safety_region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("veiligheidsregio"),
    )
    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.PROTECT, null=True, blank=True,
        related_name="rota_participations", verbose_name=_("gemeente"),
    )
    location = models.ForeignKey(
        "capacity.Location", on_delete=models.PROTECT, null=True, blank=True,
        related_name="rota_participations", verbose_name=_("locatie"),
    )
    weight = models.DecimalField(_("gewicht"), max_digits=16, decimal_places=2)
    quota = models.CharField(_("aantal naar verhouding (exact)"), max_length=100)
    turn_count = models.PositiveSmallIntegerField(_("aantal diensten"))
    unavailable = models.JSONField(
        _("niet beschikbaar"), default=list, blank=True,
        help_text=_("Periodes [eerste dag, laatste dag] waarin de deelnemer niet kan."),
    )

    class Meta:
        verbose_name = _("deelnemer aan een rooster")
        verbose_name_plural = _("deelnemers aan een rooster")
        ordering = ["rota_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["rota", "position"],
                                    name="one_participant_per_position"),
            models.CheckConstraint(
                condition=(
                    models.Q(safety_region__isnull=False, municipality__isnull=True,
                             location__isnull=True)
                    | models.Q(safety_region__isnull=True, municipality__isnull=False,
                               location__isnull=True)
                    | models.Q(safety_region__isnull=True, municipality__isnull=True,
                               location__isnull=False)
                ),
                name="participant_is_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rota_id}/{self.position}"


class DutyTurn(models.Model):
    """One participant on duty from `start` up to and including `end`."""

    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="turns",
                             verbose_name=_("rooster"))
    participant = models.ForeignKey(RotaParticipant, on_delete=models.PROTECT,
                                    related_name="turns", verbose_name=_("deelnemer"))
    slot = models.PositiveSmallIntegerField(_("dienstperiode"))
    start = models.DateField(_("eerste dag"))
    end = models.DateField(_("laatste dag"))
    places = models.PositiveIntegerField(_("plekken"))

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["rota_id", "slot", "participant__position"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "slot"], name="one_turn_per_slot"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="turn_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rota_id}: {self.start}–{self.end}"


class TurnChange(models.Model):
    """A change to an adopted rota: a turn given to someone else, or two turns swapped."""

    class Kind(models.TextChoices):
        REPLACE = "replace", _("vervangen")
        SWAP = "swap", _("geruild")

    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="changes",
                             verbose_name=_("rooster"))
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    turn = models.ForeignKey(DutyTurn, on_delete=models.CASCADE, related_name="changes",
                             verbose_name=_("dienst"))
    other_turn = models.ForeignKey(DutyTurn, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+", verbose_name=_("geruild met"))
    from_participant = models.ForeignKey(RotaParticipant, on_delete=models.PROTECT,
                                         related_name="+", verbose_name=_("van"))
    to_participant = models.ForeignKey(RotaParticipant, on_delete=models.PROTECT,
                                       related_name="+", verbose_name=_("naar"))
    reason = models.CharField(_("reden"), max_length=300)
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("gewijzigd door"),
    )

    class Meta:
        verbose_name = _("wijziging van een rooster")
        verbose_name_plural = _("wijzigingen van roosters")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.rota_id}: {self.kind} {self.changed_at:%Y-%m-%d}"


# --- stays and the two-week rule ------------------------------------------------------------

TWO_WEEKS_DAYS = 14


class Destination(models.TextChoices):
    """Where people went when they left a CNO location (a durable location type)."""

    AZC = LocationType.AZC.value, _("AZC (COA)")
    GOO = LocationType.GOO.value, _("gemeentelijke opvang Oekraïners (GOO)")
    INTERMEDIATE = LocationType.INTERMEDIATE.value, _("tussenvoorziening")
    FLEX_HOMES = LocationType.FLEX_HOMES.value, _("flexwoningen")
    HOUSING = "housing", _("reguliere woning")
    OTHER_CNO = "cno", _("andere crisisnoodopvang")
    UNKNOWN = "unknown", _("onbekend / vertrokken")


class Movement(models.Model):
    """Arrivals or departures at a CNO location on a day: counts, never people."""

    class Kind(models.TextChoices):
        ARRIVAL = "arrival", _("aankomst")
        DEPARTURE = "departure", _("vertrek")

    location = models.ForeignKey("capacity.Location", on_delete=models.PROTECT,
                                 related_name="movements", verbose_name=_("locatie"))
    day = models.DateField(_("dag"))
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    count = models.PositiveIntegerField(_("aantal"), validators=[MinValueValidator(1)])
    destination = models.CharField(_("bestemming"), max_length=20, choices=Destination.choices,
                                   blank=True)
    registered_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("geregistreerd door"),
    )

    class Meta:
        verbose_name = _("aankomst of vertrek")
        verbose_name_plural = _("aankomsten en vertrekken")
        ordering = ["location_id", "day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="arrival", destination="") | models.Q(kind="departure"),
                name="arrival_has_no_destination",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location_id} {self.day}: {self.kind} {self.count}"


pseudonym_validator = RegexValidator(
    r"^(?=.*\d)[A-Za-z0-9-]{3,20}$",
    _("Gebruik een pseudoniem kenmerk van 3 tot 20 letters, cijfers of streepjes met minstens "
      "één cijfer (zoals CNO-0042), nooit een naam."),
)


class Stay(models.Model):
    """One person's stay at a CNO location, tracked only by a pseudonymous reference."""

    location = models.ForeignKey("capacity.Location", on_delete=models.PROTECT,
                                 related_name="stays", verbose_name=_("locatie"))
    reference = models.CharField(_("kenmerk"), max_length=20, validators=[pseudonym_validator],
                                 help_text=_("Pseudoniem kenmerk, zoals CNO-0042. Geen naam, "
                                             "geboortedatum of ander persoonsgegeven."))
    arrived_on = models.DateField(_("aangekomen op"))
    departed_on = models.DateField(_("vertrokken op"), null=True, blank=True)
    destination = models.CharField(_("bestemming"), max_length=20, choices=Destination.choices,
                                   blank=True)
    registered_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("geregistreerd door"),
    )

    class Meta:
        verbose_name = _("verblijf")
        verbose_name_plural = _("verblijven")
        ordering = ["arrived_on", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["location", "reference"],
                                    name="one_stay_per_reference"),
            models.CheckConstraint(
                condition=models.Q(departed_on__isnull=True)
                | models.Q(departed_on__gte=models.F("arrived_on")),
                name="stay_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.location_id})"


# --- the emergency button --------------------------------------------------------------------


class TargetGroup(models.TextChoices):
    ASYLUM_SEEKERS = "asylum_seekers", _("asielzoekers")
    UKRAINIANS = "ukrainians", _("Oekraïense ontheemden")
    PERMIT_HOLDERS = "permit_holders", _("vergunninghouders")


class EmergencyRequest(models.Model):
    """"N places needed within 24 hours" for a region, and how it ended."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("afgesloten")

    class Outcome(models.TextChoices):
        PLACED = "placed", _("iedereen geplaatst")
        PARTLY = "partly", _("deels geplaatst")
        NOT_PLACED = "not_placed", _("niet geplaatst")

    safety_region = models.ForeignKey("regions.SafetyRegion", on_delete=models.PROTECT,
                                      related_name="emergency_requests",
                                      verbose_name=_("veiligheidsregio"))
    places_needed = models.PositiveIntegerField(_("plekken nodig"),
                                                validators=[MinValueValidator(1)])
    target_group = models.CharField(_("doelgroep"), max_length=20, choices=TargetGroup.choices)
    needed_by = models.DateTimeField(_("nodig uiterlijk"))
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices,
                               blank=True)
    placed = models.PositiveIntegerField(_("geplaatst"), null=True, blank=True)
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("gemeld door"),
    )
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("afgesloten door"),
    )

    class Meta:
        verbose_name = _("noodknopverzoek")
        verbose_name_plural = _("noodknopverzoeken")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.places_needed} plekken ({self.created_at:%Y-%m-%d %H:%M})"


class EmergencyResponse(models.Model):
    """A municipality's answer: places accepted at one of its locations, or declined."""

    request = models.ForeignKey(EmergencyRequest, on_delete=models.CASCADE,
                                related_name="responses", verbose_name=_("verzoek"))
    municipality = models.ForeignKey("regions.Municipality", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("gemeente"))
    location = models.ForeignKey("capacity.Location", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("locatie"))
    accepted = models.BooleanField(_("geaccepteerd"))
    places = models.PositiveIntegerField(_("plekken"), default=0)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    responded_at = models.DateTimeField(_("beantwoord op"), default=timezone.now)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("beantwoord door"),
    )

    class Meta:
        verbose_name = _("antwoord op de noodknop")
        verbose_name_plural = _("antwoorden op de noodknop")
        ordering = ["responded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accepted=False, places=0, location__isnull=True)
                | models.Q(accepted=True, places__gte=1, location__isnull=False),
                name="accepted_response_has_places",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.municipality_id} {self.places}"


class Notification(models.Model):
    """A message in the app for one user (no e-mail): read on the notifications page."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications", verbose_name=_("ontvanger"))
    text = models.CharField(_("bericht"), max_length=300)
    emergency_request = models.ForeignKey(EmergencyRequest, on_delete=models.CASCADE,
                                          null=True, blank=True, related_name="notifications",
                                          verbose_name=_("noodknopverzoek"))
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.created_at:%Y-%m-%d %H:%M}"

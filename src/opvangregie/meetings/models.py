"""The board meeting (BAO): agenda items, decisions, actions, proposals to the national desk,
and the periodic reports of CNO locations.

Dated facts, never overwritten in place: a decision's status changes are kept as
`DecisionUpdate`s, a proposal's answer and an action's completion carry their moment, and a
location report is a new record each period. So the picture "as known on date X" (the status
deck of a past meeting) can be rebuilt after later changes.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GO_NO_GO_HOURS = 72


class Meeting(models.Model):
    safety_region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, related_name="meetings",
        verbose_name=_("veiligheidsregio"),
    )
    date = models.DateField(_("datum"))
    title = models.CharField(_("naam"), max_length=200, default="BAO")
    notes = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("aangemaakt door"),
    )
    # The texts typed for the meeting's deck (the slides that are not figures). Free text:
    # rendered through the text guard's mask for the reader of the deck.
    safety_picture = models.TextField(_("veiligheidsbeeld"), blank=True)
    national_text = models.TextField(_("landelijk beeld (toelichting)"), blank=True)
    findings = models.TextField(_("bevindingen"), blank=True)
    agreements = models.TextField(_("afspraken bestuursakkoord"), blank=True)
    principles = models.TextField(_("voorstel uitgangspunten regionaal"), blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%d-%m-%Y}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items",
        verbose_name=_("overleg"),
    )
    position = models.PositiveIntegerField(_("volgorde"))
    title = models.CharField(_("agendapunt"), max_length=300)
    notes = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting_id", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Horizon(models.TextChoices):
    SHORT = "short", _("korte termijn")
    LONG = "long", _("lange termijn")


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in uitvoering")
    DONE = "done", _("afgerond")
    DROPPED = "dropped", _("vervallen")


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("overleg"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions",
        verbose_name=_("agendapunt"),
    )
    text = models.TextField(_("besluit"))
    owner = models.CharField(
        _("eigenaar"), max_length=200,
        help_text=_("Wie het uitvoert, bijvoorbeeld 'gemeentesecretarissen' of 'PM'."),
    )
    horizon = models.CharField(_("termijn"), max_length=10, choices=Horizon.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    due_date = models.DateField(_("uiterlijk"), null=True, blank=True)
    decided_on = models.DateField(_("besloten op"))
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("vastgelegd door"),
    )

    # Raised by the services on every save; a stale form may not overwrite (ADR 7).
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["meeting_id", "horizon", "pk"]

    def __str__(self) -> str:
        return f"besluit {self.pk}"


class DecisionUpdate(models.Model):
    """A change of a decision's status, kept so an earlier deck can be rebuilt."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="updates", verbose_name=_("besluit"),
    )
    status = models.CharField(_("status"), max_length=12, choices=DecisionStatus.choices)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("gewijzigd door"),
    )

    class Meta:
        verbose_name = _("statuswijziging besluit")
        verbose_name_plural = _("statuswijzigingen besluiten")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"besluit {self.decision_id}: {self.status}"


class Action(models.Model):
    """An open action agreed in a meeting, due before a date (often the next meeting)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="actions", verbose_name=_("overleg"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions",
        verbose_name=_("agendapunt"),
    )
    text = models.TextField(_("actie"))
    owner = models.CharField(_("eigenaar"), max_length=200)
    due_date = models.DateField(_("uiterlijk"), null=True, blank=True)
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("vastgelegd door"),
    )

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"actie {self.pk}"


class Answer(models.TextChoices):
    GO = "go", _("GO")
    NO_GO = "no_go", _("NO GO")


class Proposal(models.Model):
    """A proposal to the national desk ("loket bij het Rijk"), answered GO or NO GO in 72 h."""

    safety_region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, related_name="proposals",
        verbose_name=_("veiligheidsregio"),
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals",
        verbose_name=_("overleg"),
    )
    title = models.CharField(_("onderwerp"), max_length=300)
    content = models.TextField(_("inhoud"))
    submitted_at = models.DateTimeField(_("ingediend op"))
    submitted_by = models.CharField(
        _("ingediend door"), max_length=200,
        help_text=_("Naam of functie van de indiener, bijvoorbeeld 'regiocoördinator'."),
    )
    answer = models.CharField(_("antwoord"), max_length=6, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    answer_note = models.CharField(_("toelichting bij het antwoord"), max_length=500,
                                   blank=True)
    is_illustrative = models.BooleanField(_("illustratief"), default=False)
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("vastgelegd door"),
    )

    # Raised by the services on every save; a stale form may not overwrite (ADR 7).
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        verbose_name = _("voorstel aan het Rijk")
        verbose_name_plural = _("voorstellen aan het Rijk")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer="", answered_at__isnull=True)
                | (~models.Q(answer="") & models.Q(answered_at__isnull=False)),
                name="proposal_answer_has_moment",
            ),
        ]

    def __str__(self) -> str:
        return f"voorstel {self.pk}"

    @property
    def deadline(self):
        return self.submitted_at + timedelta(hours=GO_NO_GO_HOURS)


class StaffingLevel(models.TextChoices):
    IN_ORDER = "in_order", _("op orde")
    TIGHT = "tight", _("krap")
    SHORT = "short", _("tekort")
    UNKNOWN = "unknown", _("onbekend")


class Sentiment(models.TextChoices):
    POSITIVE = "positive", _("positief")
    MIXED = "mixed", _("gemengd")
    NEGATIVE = "negative", _("negatief")
    UNKNOWN = "unknown", _("onbekend")


class LocationReport(models.Model):
    """A short periodic report of a (CNO) location: the operational picture of the seeds."""

    location = models.ForeignKey(
        "capacity.Location", on_delete=models.PROTECT, related_name="reports",
        verbose_name=_("locatie"),
    )
    reported_on = models.DateField(_("peildatum rapportage"))
    major_incidents = models.BooleanField(_("grote incidenten"), default=False)
    incidents = models.TextField(_("incidenten"), blank=True)
    sentiment = models.CharField(
        _("sentiment in de omgeving"), max_length=10, choices=Sentiment.choices,
        default=Sentiment.UNKNOWN,
    )
    sentiment_notes = models.TextField(_("toelichting sentiment"), blank=True)
    staff = models.CharField(_("locatiemedewerkers"), max_length=10,
                             choices=StaffingLevel.choices, default=StaffingLevel.UNKNOWN)
    security = models.CharField(_("beveiliging"), max_length=10,
                                choices=StaffingLevel.choices, default=StaffingLevel.UNKNOWN)
    catering = models.CharField(_("catering"), max_length=10,
                                choices=StaffingLevel.choices, default=StaffingLevel.UNKNOWN)
    care = models.TextField(_("zorg"), blank=True)
    partners = models.TextField(
        _("partners"), blank=True,
        help_text=_("Samenwerking met bijvoorbeeld Rode Kruis en VluchtelingenWerk."),
    )
    community = models.TextField(_("hulp uit buurt en maatschappij"), blank=True)
    concerns = models.TextField(_("zorgpunten"), blank=True)
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("vastgelegd door"),
    )

    class Meta:
        verbose_name = _("rapportage locatie")
        verbose_name_plural = _("rapportages locaties")
        ordering = ["-reported_on", "-created_at", "-pk"]

    def __str__(self) -> str:
        # Never the location's name: str() reaches logs and admin messages.
        return f"rapportage {self.pk} (locatie {self.location_id})"

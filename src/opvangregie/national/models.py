"""The national and regional picture: places, occupancy and inflow per kind, as dated series.

Not stored as `regions.NationalValue`: that model holds national totals of a municipal
`Indicator` (population, land area), which the distribution keys divide by. These figures have
no municipal counterpart, belong to a kind of shelter, may be regional, and may be illustrative;
they follow the same append-only pattern (`registered_at`, `registered_by`, `corrects`) so that
`core.dated.current_as_known` reads them "as known on" a moment like every other figure.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opvangregie.core.validation import validate_plausible_date

MAX_FIGURE = 10_000_000  # more than all shelter places in the country many times over


class SeriesKind(models.TextChoices):
    UKRAINIANS = "ukrainians", _("noodopvang Oekraïense ontheemden")
    ASYLUM = "asylum", _("asielopvang COA")
    CNO = "cno", _("crisisnoodopvang (CNO)")


class Measure(models.TextChoices):
    PLACES = "places", _("plekken")
    OCCUPIED = "occupied", _("bezet")
    INFLOW = "inflow", _("instroom per week")


class Series(models.Model):
    """One dated series: a kind of shelter, a measure, national or for one safety region."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort opvang"), max_length=20, choices=SeriesKind.choices)
    measure = models.CharField(_("grootheid"), max_length=20, choices=Measure.choices)
    region = models.ForeignKey(
        "regions.SafetyRegion", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("veiligheidsregio"),
        help_text=_("Leeg: een landelijke reeks."),
    )

    class Meta:
        verbose_name = _("reeks")
        verbose_name_plural = _("reeksen")
        ordering = ["region__code", "kind", "measure", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return self.region_id is None


class SeriesValue(models.Model):
    """The value of a series on a day; append-only, a correction `corrects` the row it replaces."""

    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, related_name="values", verbose_name=_("reeks")
    )
    day = models.DateField(_("datum"), validators=[validate_plausible_date])
    value = models.PositiveIntegerField(
        _("waarde"), validators=[MinValueValidator(0), MaxValueValidator(MAX_FIGURE)]
    )
    source = models.CharField(_("bron"), max_length=200)
    is_illustrative = models.BooleanField(
        _("illustratief"), default=False,
        help_text=_("Een voorbeeldwaarde, geen gepubliceerd cijfer."),
    )
    registered_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now, db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("geregistreerd door"),
    )
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by",
        verbose_name=_("corrigeert"),
    )

    class Meta:
        verbose_name = _("waarde van een reeks")
        verbose_name_plural = _("waarden van reeksen")
        ordering = ["series", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "day"], condition=models.Q(corrects__isnull=True),
                name="one_first_series_value_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.series.code} {self.day}: {self.value}"


class ScenarioLevel(models.TextChoices):
    LOW = "low", _("laag")
    MIDDLE = "middle", _("midden")
    HIGH = "high", _("hoog")


class ForecastScenario(models.Model):
    """A coordinator's setting for one scenario; the newest row per level is in force.

    Never overwritten, so an earlier forecast can be explained with the settings of its day.
    """

    level = models.CharField(_("scenario"), max_length=10, choices=ScenarioLevel.choices)
    weekly_change_percent = models.DecimalField(
        _("bijstelling per week (%)"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(-20), MaxValueValidator(20)],
        help_text=_("Bijvoorbeeld 1,5: elke week 1,5 % meer dan het model voorspelt."),
    )
    multiplier = models.DecimalField(
        _("factor"), max_digits=5, decimal_places=3, default=1,
        validators=[MinValueValidator(0), MaxValueValidator(5)],
        help_text=_("Vermenigvuldigt de hele voorspelling, bijvoorbeeld 1,10 voor 10 % hoger."),
    )
    explanation = models.CharField(_("toelichting"), max_length=300, blank=True)
    registered_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now, db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("geregistreerd door"),
    )

    class Meta:
        verbose_name = _("scenario van de prognose")
        verbose_name_plural = _("scenario's van de prognose")
        ordering = ["level", "-registered_at"]

    def __str__(self) -> str:
        return (f"{self.get_level_display()}: {self.weekly_change_percent} %/week "
                f"× {self.multiplier}")

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)  # PV20 … PV31
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SafetyRegion(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)  # VR01 … VR25
    name = models.CharField(_("naam"), max_length=100)
    default_reference_date = models.DateField(
        _("standaard peildatum"),
        null=True,
        blank=True,
        help_text=_(
            "De peildatum van de CBS-cijfers waarmee de regio standaard rekent; "
            "leeg betekent de meest recente."
        ),
    )

    class Meta:
        verbose_name = _("veiligheidsregio")
        verbose_name_plural = _("veiligheidsregio's")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("CBS-code"), max_length=6, unique=True)  # GM0193
    name = models.CharField(_("naam"), max_length=100)
    cbs_name = models.CharField(_("naam bij CBS"), max_length=100, unique=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, verbose_name=_("provincie"))
    safety_region = models.ForeignKey(
        SafetyRegion,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("veiligheidsregio"),
    )
    exists_from = models.DateField(_("bestaat vanaf"), null=True, blank=True)
    exists_until = models.DateField(_("bestaat tot en met"), null=True, blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def exists_on(self, day) -> bool:
        return (self.exists_from is None or self.exists_from <= day) and (
            self.exists_until is None or day <= self.exists_until
        )


class Indicator(models.Model):
    """A measurable property of a municipality (population, land area, …) used in keys."""

    POPULATION = "population"
    LAND_AREA = "land_area"
    POPULATION_DENSITY = "population_density"

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    unit = models.CharField(_("eenheid"), max_length=30)
    source = models.CharField(_("bron"), max_length=200)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """The value of an indicator for a municipality on a reference date (e.g. 1 January).

    Never overwritten: a correction (a later CBS import) is a new row that `corrects` the one
    it replaces, so a page "as known on" an earlier day still reads the old value.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="indicator_values",
        verbose_name=_("gemeente"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    reference_date = models.DateField(_("peildatum"))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    source = models.CharField(_("bron"), max_length=200)
    is_derived = models.BooleanField(
        _("afgeleid"),
        default=False,
        help_text=_("Berekend uit andere CBS-cijfers (zoals oppervlakte = inwoners ÷ dichtheid)."),
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
        verbose_name = _("indicatorwaarde")
        verbose_name_plural = _("indicatorwaarden")
        constraints = [
            # A correction is a new row linked to the one it replaces (`corrects`, one-to-one),
            # so per municipality, indicator and date there is one chain with one first row.
            models.UniqueConstraint(
                fields=["municipality", "indicator", "reference_date"],
                condition=models.Q(corrects__isnull=True),
                name="one_first_value_per_indicator_and_date",
            )
        ]
        ordering = ["indicator", "reference_date"]

    def __str__(self) -> str:
        return f"{self.municipality} {self.indicator.code} {self.reference_date}: {self.value}"


class NationalValue(models.Model):
    """A national figure on a reference date, e.g. the population of the Netherlands.

    Append-only like `IndicatorValue`: a correction is a new row that `corrects` the old one.

    Kept apart from municipal values: municipalities merged away since still count in the
    national total of their year (Huisvestingswet art. 29 divides by it).
    """

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="national_values",
        verbose_name=_("indicator"),
    )
    reference_date = models.DateField(_("peildatum"))
    value = models.DecimalField(_("waarde"), max_digits=16, decimal_places=2)
    source = models.CharField(_("bron"), max_length=200)
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
        verbose_name = _("landelijke waarde")
        verbose_name_plural = _("landelijke waarden")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "reference_date"],
                condition=models.Q(corrects__isnull=True),
                name="one_first_national_value_per_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.reference_date}: {self.value}"

"""Forms that check input; the services write it (a form never saves)."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie.capacity.models import CapacityKind, HousingInstrument, Location, LocationType
from opvangregie.capacity.services import LOCATION_FIELDS, instrument_field
from opvangregie.capacity.upload import MAX_FILE_SIZE
from opvangregie.core.forms import ListedModelChoiceField, PlausibleDatesMixin
from opvangregie.core.validation import validate_plausible_date
from opvangregie.textguard import Reader, TextGuardMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LocationFilterForm(forms.Form):

    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)
    soort = forms.ChoiceField(label=_("Soort locatie"), required=False)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        # Codes and names only: model instances of every municipality cost more.
        self.fields["gemeente"].choices = [("", _("Alle gemeenten")), *municipalities.values_list(
            "code", "name")]
        self.fields["soort"].choices = [("", _("Alle soorten")), *LocationType.choices]


class LocationForm(forms.ModelForm):
    """Checks a location's fields; `services.location_create/update` write them."""

    # The version the form was loaded with; the service refuses it when stale (ADR 7).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Location
        fields = LOCATION_FIELDS

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].empty_label = (
            None if len(municipalities) == 1 else _("Kies een gemeente")
        )
        for name, form_field in self.fields.items():
            if form_field.label is None:
                continue
            form_field.label = form_field.label[:1].upper() + form_field.label[1:]
            if name == "address":
                form_field.help_text = _("Vertrouwelijk als de locatie vertrouwelijk is.")


class LocationReleaseForm(PlausibleDatesMixin, forms.Form):
    """Widen what a confidential location makes public; `services.location_release_widen`."""


    release_name = forms.BooleanField(label=_("Naam vrijgeven"), required=False)
    release_address = forms.BooleanField(label=_("Adres vrijgeven"), required=False)
    released_from = forms.DateTimeField(
        label=_("Openbaar vanaf (datum en tijd)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Het embargo: vanaf dit moment ziet iedereen in de regio het veld."),
    )
    reason = forms.CharField(label=_("Besluit"), max_length=300)

    def clean(self):
        data = super().clean()
        if not (data.get("release_name") or data.get("release_address")):
            raise forms.ValidationError(_("Kies de naam, het adres of beide."))
        return data

    @property
    def fields_to_release(self) -> list[str]:
        return [name for name in ("name", "address")
                if self.cleaned_data.get(f"release_{name}")]


def capacity_comment_readers(location) -> Reader:
    """Who reads a location's comments: those who see the location (docs/confidential-text.md)."""
    return Reader.of_municipality(location.municipality_id) if location.is_confidential \
        else Reader()


class CapacityRecordForm(PlausibleDatesMixin, TextGuardMixin, forms.Form):
    guarded_fields = ("reason",)
    valid_from = forms.DateField(label=_("Vanaf"), widget=DateInput)
    valid_to = forms.DateField(
        label=_("Tot en met"), widget=DateInput, required=False,
        help_text=_("Leeg als de periode doorloopt."),
    )
    places = forms.IntegerField(label=_("Plekken"), min_value=0, max_value=1_000_000)
    occupancy = forms.IntegerField(
        label=_("Bezetting"), min_value=0, max_value=1_000_000, required=False,
        help_text=_("Het aantal bezette plekken; niet meer dan het aantal plekken."),
    )
    kind = forms.ChoiceField(
        label=_("Gepland of gerealiseerd"), choices=CapacityKind.choices,
        initial=CapacityKind.REALISED, widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Toelichting"), max_length=300, required=False)
    # The newest registration the page showed: a newer one for the same start date was made
    # by someone else meanwhile, and is not silently corrected (ADR 7).
    seen_up_to = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, correcting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.correcting = correcting
        if correcting is not None:
            # A correction keeps the start date: the service corrects the current record with
            # the same location and start date.
            self.fields["valid_from"].disabled = True
            self.fields["valid_from"].help_text = _(
                "Een andere begindatum is een nieuwe periode: registreer die op de "
                "locatiepagina."
            )
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _("Waarom worden de cijfers gecorrigeerd?")

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("De einddatum ligt vóór de begindatum."))
        places, occupancy = data.get("places"), data.get("occupancy")
        if places is not None and occupancy is not None and occupancy > places:
            self.add_error(
                "occupancy",
                _("De bezetting (%(o)s) is groter dan het aantal plekken (%(p)s).")
                % {"o": occupancy, "p": places},
            )
        return data


class MonthField(forms.CharField):
    """A month as "2022-06" (the browser's month field) or "6-2022"; the first day as a date."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2022-06"})
    default_validators = [validate_plausible_date]
    default_error_messages = {
        "invalid": _("Vul een maand in als jaar-maand, bijvoorbeeld 2022-06."),
    }
    patterns = (
        re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"),
        re.compile(r"^(?P<month>\d{1,2})-(?P<year>\d{4})$"),
    )

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        for pattern in self.patterns:
            match = pattern.match(value.strip())
            if match and 1 <= int(match["month"]) <= 12 and int(match["year"]) >= 1:
                return date(int(match["year"]), int(match["month"]), 1)
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def prepare_value(self, value):
        return f"{value:%Y-%m}" if isinstance(value, date) else value


class PermitHousingForm(PlausibleDatesMixin, TextGuardMixin, forms.Form):
    guarded_fields = ("reason",)
    municipality = ListedModelChoiceField(label=_("Gemeente"), queryset=None)
    month = MonthField(label=_("Maand"))
    housed = forms.IntegerField(
        label=_("Gehuisvest"), min_value=0, max_value=1_000_000,
        help_text=_("Het aantal vergunninghouders dat in die maand is gehuisvest."),
    )
    reason = forms.CharField(
        label=_("Toelichting"), max_length=300, required=False,
        help_text=_("Bij een correctie: waarom het aantal anders is."),
    )

    # The newest registration the page showed (services.housing_seen_up_to, ADR 7).
    seen_up_to = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].empty_label = (
            None if len(self.fields["municipality"].listed()) == 1 else _("Kies een gemeente")
        )
        # Optional: the month's count split by instrument; filled in, they sum to "Gehuisvest".
        for instrument, label in HousingInstrument.choices:
            self.fields[instrument_field(instrument)] = forms.IntegerField(
                label=label, min_value=0, max_value=1_000_000, required=False,
                error_messages={
                    "min_value": _("%(field)s: vul een geheel aantal van 0 of meer in.")
                    % {"field": label},
                    "invalid": _("%(field)s: vul een geheel aantal van 0 of meer in.")
                    % {"field": label},
                },
            )

    @property
    def instrument_fields(self):
        return [self[instrument_field(code)] for code in HousingInstrument.values]

    @property
    def plain_fields(self):
        return [field for field in self.visible_fields()
                if not field.name.startswith("instrument_")]

    def instruments(self) -> dict[str, int | None] | None:
        """The breakdown typed in, or None when every instrument field was left empty."""
        values = {code: self.cleaned_data.get(instrument_field(code))
                  for code in HousingInstrument.values}
        return values if any(v is not None for v in values.values()) else None

    def clean(self):
        data = super().clean()
        housed, instruments = data.get("housed"), self.instruments()
        if housed is not None and instruments is not None:
            total = sum(v or 0 for v in instruments.values())
            if total != housed:
                self.add_error("housed", _(
                    "Gehuisvest: de aantallen per instrument tellen op tot %(sum)s, niet tot "
                    "het aantal gehuisvest (%(housed)s). Pas een van beide aan."
                ) % {"sum": total, "housed": housed})
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel-bestand (.xlsx)"),
        help_text=_("Gebruik het sjabloon. Hoogstens 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument"
                             ".spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Alleen Excel-bestanden (.xlsx) kunnen worden ingelezen.")
            )
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        return upload

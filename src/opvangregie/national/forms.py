from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie.core.forms import PlausibleDatesMixin
from opvangregie.national.models import MAX_FIGURE, ForecastScenario
from opvangregie.national.upload import MAX_CSV_SIZE

WEEK_CHOICES = [(w, w) for w in (4, 8, 12, 26)]


class SeriesValueForm(PlausibleDatesMixin, forms.Form):
    day = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    value = forms.IntegerField(label=_("Waarde"), min_value=0, max_value=MAX_FIGURE)
    source = forms.CharField(label=_("Bron"), max_length=200,
                             help_text=_("Waar komt het cijfer vandaan, bijvoorbeeld "
                                         "'Landelijk beeld, BAO 25-05-2022'."))
    is_illustrative = forms.BooleanField(
        label=_("Illustratief (een voorbeeldwaarde, geen gepubliceerd cijfer)"), required=False)


class ForecastChoiceForm(PlausibleDatesMixin, forms.Form):
    as_of = forms.DateField(label=_("Zoals bekend op"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    weeks = forms.TypedChoiceField(label=_("Weken vooruit"), choices=WEEK_CHOICES, coerce=int,
                                   required=False)


class FiguresUploadForm(forms.Form):
    file = forms.FileField(label=_("Bestand (.csv of .xlsx)"),
                           help_text=_("Kolommen: Reeks, Datum, Waarde, Bron en eventueel "
                                       "Illustratief (ja/nee)."))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_CSV_SIZE:
            raise forms.ValidationError(_("Het bestand is te groot."))
        return file


class ScenarioForm(forms.ModelForm):
    class Meta:
        model = ForecastScenario
        fields = ["level", "weekly_change_percent", "multiplier", "explanation"]

"""Forms that check a flex-home project; `housing.services` writes it (a form never saves)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie.capacity.forms import DateInput
from opvangregie.core.forms import PlausibleDatesMixin
from opvangregie.housing.models import FlexProject
from opvangregie.housing.services import FLEX_PROJECT_FIELDS


class FlexProjectForm(PlausibleDatesMixin, forms.ModelForm):
    # The version the form was loaded with; the service refuses it when stale (ADR 7).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FlexProject
        fields = FLEX_PROJECT_FIELDS
        widgets = {"expected_delivery": DateInput}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].empty_label = (
            None if len(municipalities) == 1 else _("Kies een gemeente")
        )
        self.fields["homes"].max_value = 100_000
        self.fields["homes"].widget.attrs["max"] = 100_000
        for form_field in self.fields.values():
            if form_field.label:
                form_field.label = form_field.label[:1].upper() + form_field.label[1:]


class FlexProjectReleaseForm(PlausibleDatesMixin, forms.Form):
    released_from = forms.DateTimeField(
        label=_("Naam openbaar vanaf (datum en tijd)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Het embargo: vanaf dit moment ziet iedereen in de regio de naam."),
    )
    reason = forms.CharField(label=_("Besluit"), max_length=300)

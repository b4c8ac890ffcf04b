from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie.regions.models import Municipality


class DashboardForm(forms.Form):
    """The dashboard's choices, read from the query string; invalid input falls back to defaults."""


    regio = forms.ChoiceField(label=_("Veiligheidsregio"), required=False)
    peildatum = forms.TypedChoiceField(label=_("Peildatum CBS-cijfers"), required=False)
    gewicht_inwoners = forms.IntegerField(
        label=_("Gewicht inwoners (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("De rest van het gewicht gaat naar landoppervlakte."),
    )

    def __init__(self, *args, regions, dates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regio"].choices = [(r.code, r.name) for r in regions]
        self.fields["peildatum"].choices = [
            (day.isoformat(), f"{day.day}-{day.month}-{day.year}") for day in dates
        ]


class MunicipalityContactForm(forms.Form):
    """A plain form: the service, not the form, changes the municipality (and audits it)."""

    contact_name = forms.CharField(
        label=Municipality._meta.get_field("contact_name").verbose_name.capitalize(),
        max_length=200,
        required=False,
    )
    contact_email = forms.EmailField(
        label=Municipality._meta.get_field("contact_email").verbose_name.capitalize(),
        required=False,
    )
    contact_phone = forms.CharField(
        label=Municipality._meta.get_field("contact_phone").verbose_name.capitalize(),
        max_length=40,
        required=False,
    )

from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie.notices.models import Kind


class PreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Stuur mij een e-mail wanneer"), choices=Kind.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from opvangregie.core.forms import PlausibleDatesMixin


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=20,
        help_text=_("De zescijferige code uit de app, of een van de herstelcodes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class DutchPasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Het huidige wachtwoord klopt niet. Vul het opnieuw in."),
        "password_mismatch": _("De twee nieuwe wachtwoorden zijn niet gelijk."),
    }


class WorkingDateForm(PlausibleDatesMixin, forms.Form):
    werkdatum = forms.DateField(
        label=_("Werkdatum"), required=False, input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De datum waarop overzichten, exports en de tussenstand openen. "
                    "Laat leeg om steeds op vandaag te openen."),
        error_messages={"invalid": _("Vul een datum in als JJJJ-MM-DD.")},
    )

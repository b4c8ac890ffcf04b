from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord is onbekend. "
            "Let op hoofdletters en kleine letters."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met de beheerder."),
    }

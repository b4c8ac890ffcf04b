
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord is onbekend. "
            "Let op hoofdletters en kleine letters."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met de beheerder."),
    }


class PlausibleDatesMixin:
    """Every date and date-time field of the form refuses dates outside 2000–2100.

    A mixin rather than a field class, so it also covers the fields a ModelForm makes from
    model date fields, and each form needs only this one base added.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from opvangregie.core.validation import validate_plausible_date

        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(validate_plausible_date)


class _ListedChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.listed()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.listed())


class ListedModelChoiceField(forms.ModelChoiceField):
    """A model choice field that reads its choices once per form.

    Django reads the query set again for every pass over the choices (the `required`
    attribute, the rendering), on PostgreSQL each through a server-side cursor: three or four
    round trips for one select. Validation still asks the query set for the chosen pk.
    """

    iterator = _ListedChoiceIterator

    def listed(self) -> list:
        queryset = self.queryset
        if getattr(self, "_listed_of", None) is not queryset:
            # A new query set (the form set one, or a copy for another form): read it.
            self._listed, self._listed_of = list(queryset), queryset
        return self._listed

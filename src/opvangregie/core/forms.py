from html import escape

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from opvangregie.core.html import text as html_text


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord is onbekend. "
            "Let op hoofdletters en kleine letters."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met de beheerder."),
    }


class InlineSelect(forms.Select):
    """A select of plain choices (no groups) written in Python.

    Django renders a select through a template per option; for the overview's list of 25
    regions that took more time than the rest of the page's form. The markup is the same.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, format_html(" {}", "selected") if key in selected else "", label)
                for key, label in ((str(choice), label) for choice, label in self.choices)
            ),
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


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


_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html" for name in (
        "input", "text", "number", "hidden", "email", "password", "url", "date", "datetime",
        "time", "search", "tel", "checkbox", "color",
    )
)
_SELECT_TEMPLATE = "django/forms/widgets/select.html"
_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attr_text(value) -> str:
    """`{{ value|stringformat:'s' }}` (autoescape on): safe strings are kept as they are."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html: `name="value"`, a bare `name` for True, nothing for False."""
    return "".join(
        f" {escape(str(name))}" if value is True else f' {escape(str(name))}="{_attr_text(value)}"'
        for name, value in attrs.items() if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_attr_text(widget["value"])}"'
    return (f'<input type="{_attr_text(widget["type"])}" name="{_attr_text(widget["name"])}"'
            f"{value}{_attrs(widget['attrs'])}>")


class InlineWidgets(DjangoTemplates):
    """A form renderer that writes inputs and plain selects in Python, the same markup as
    Django's widget templates (attribute order included); anything else goes to them.

    Each widget through the template engine costs about a tenth of a millisecond, each option
    of a select as much: a form of a dozen fields was a good part of a page's time. A form
    opts in with `default_renderer = INLINE_WIDGETS`.
    """

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name in _INPUT_TEMPLATES:
            return _input(widget)
        if template_name == _SELECT_TEMPLATE and all(
                option["template_name"] == _OPTION_TEMPLATE
                for _name, options, _index in widget["optgroups"] for option in options):
            return self._select(widget)
        return super().render(template_name, context, request=request)

    @staticmethod
    def _select(widget: dict) -> str:
        parts = [f'<select name="{_attr_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{html_text(group_name)}">')
            parts += [
                f'\n  <option value="{_attr_text(option["value"])}"{_attrs(option["attrs"])}>'
                f'{html_text(option["label"])}</option>\n'  # the option template's last line
                for option in options
            ]
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)


INLINE_WIDGETS = InlineWidgets()


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

"""A form renderer that writes the plain widgets in Python instead of through templates.

Django renders every widget through three or four small templates (input.html includes
attrs.html, an option includes input_option.html, ...): about 0.3 ms a widget, so a form with
a hundred inputs (the dashboard's what-if: agreements per municipality, planned locations)
spent most of its page time there. `DirectWidgetRenderer` writes the same HTML, character for
character (whitespace included, tests/core/test_formrender.py compares them), for the widgets
below; any other template still goes through the template engine. (So an app that overrides
one of these widget templates must not use this renderer: none does.)

Values are escaped as the templates do: `{{ value }}` is localised and escaped,
`{{ value|stringformat:'s' }}` is `"%s" % value` and escaped unless the value was safe.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"


def _text(value) -> str:
    """`{{ value }}` (the localisation of dates and times aside: widgets get none)."""
    if not isinstance(value, str):
        value = localize(value)
    return conditional_escape(value)


def _s(value) -> str:
    """`{{ value|stringformat:'s' }}`."""
    try:
        written = "%s" % (value,)  # noqa: UP031 - the filter's own formatting
    except (ValueError, TypeError):
        written = ""
    if isinstance(value, SafeData):
        written = mark_safe(written)  # noqa: S308 - the value was safe already
    return conditional_escape(written)


def _attrs(attrs: dict) -> str:
    """attrs.html."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_s(value)}"'
        for name, value in attrs.items() if value is not False
    )


def _input(widget: dict) -> str:
    """input.html (and the templates that only include it)."""
    value = widget["value"]
    written = f' value="{_s(value)}"' if value != None else ""  # noqa: E711 - as the template
    return (f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
            f'{written}{_attrs(widget["attrs"])}>\n')


def _input_option(widget: dict) -> str:
    """input_option.html: a checkbox or radio button of a multiple choice."""
    if not widget.get("wrap_label"):
        return _input(widget) + "\n"
    label_id = widget["attrs"].get("id")
    opening = f'<label for="{_text(label_id)}">' if label_id else "<label>"
    return f"{opening}{_input(widget)} {_text(widget['label'])}</label>\n"


def _select_option(widget: dict) -> str:
    """select_option.html."""
    return (f'<option value="{_s(widget["value"])}"{_attrs(widget["attrs"])}>'
            f"{_text(widget['label'])}</option>\n")


def _select(widget: dict) -> str | None:
    """select.html; None when an option has a template of its own."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != WIDGETS + "select_option.html":
                return None
            parts.append("\n  " + _select_option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


_WRITERS = {
    WIDGETS + "input.html": _input,
    **{WIDGETS + name: (lambda widget: _input(widget) + "\n") for name in (
        "checkbox.html", "color.html", "date.html", "datetime.html", "email.html",
        "hidden.html", "number.html", "password.html", "search.html", "tel.html",
        "text.html", "time.html", "url.html",
    )},
    WIDGETS + "input_option.html": _input_option,
    WIDGETS + "checkbox_option.html": lambda widget: _input_option(widget) + "\n",
    WIDGETS + "radio_option.html": _input_option,
    WIDGETS + "select_option.html": _select_option,
    WIDGETS + "select.html": _select,
}


class DirectWidgetRenderer(DjangoTemplates):
    """Django's template renderer, with the plain widgets written directly."""

    def render(self, template_name, context, request=None):
        write = _WRITERS.get(template_name)
        widget = context.get("widget") if write is not None else None
        written = write(widget) if widget is not None else None
        if written is None:
            return super().render(template_name, context, request=request)
        return written.strip()


# One instance for the forms that use it: the template engine is built once, on first use.
DIRECT_RENDERER = DirectWidgetRenderer()

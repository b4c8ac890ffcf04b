"""The form renderer: Django's templates, with the common widgets written in Python.

Django renders every widget through a template (an input includes "attrs.html", a select
includes a template per option). On pages with a few forms that took a fifth of the page's
time. For the plain input widgets, the textarea and the select this renderer writes the same
markup directly: the same escaping and localisation of values (`core.html.text`, as
the template does), the same attributes in the same order, the same whitespace. Anything else
(a radio or check-box list as a whole, option templates of a subclass, a callable attribute)
still goes through the templates; their choices rendered one by one (`option.tag`) do not.
`tests/core/test_formrenderer.py` compares both for every form of the project.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeData

from opvangregie.core.html import text

WIDGETS = "django/forms/widgets/"
# The templates that are only `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = frozenset(
    f"{WIDGETS}{name}.html"
    for name in ("input", "text", "number", "email", "url", "password", "hidden", "date",
                 "datetime", "time", "checkbox", "search", "tel", "color", "file")
)
TEXTAREA_TEMPLATE = f"{WIDGETS}textarea.html"
SELECT_TEMPLATE = f"{WIDGETS}select.html"
OPTION_TEMPLATE = f"{WIDGETS}select_option.html"


class _Fallback(Exception):
    """A value the template would treat in a way not written here: use the template."""


def _text(value) -> str:
    """`{{ value }}`, for a value the template would not call."""
    if callable(value):
        raise _Fallback
    return text(value)


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`."""
    if callable(value):
        raise _Fallback
    as_text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031
    if isinstance(value, SafeData):  # the filter keeps it safe: written as it is
        return as_text
    return text(as_text)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    if "items" in attrs:  # the template would read attrs["items"]
        raise _Fallback
    parts = []
    for name, value in attrs.items():
        if callable(value):
            raise _Fallback
        if value is False:
            continue
        parts.append(f" {_text(name)}" if value is True
                     else f' {_text(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    if callable(value):
        raise _Fallback
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    return (f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}'
            f'{_attrs(widget["attrs"])}>')


def _textarea(widget: dict) -> str:
    value = widget["value"]
    if callable(value):
        raise _Fallback
    return (f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
            f'{_text(value) if value else ""}</textarea>')


def _select(widget: dict) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                raise _Fallback
            parts.append(f'\n  <option value="{_formatted(option["value"])}"'
                         f'{_attrs(option["attrs"])}>{_text(option["label"])}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input_option(widget: dict) -> str:
    """input_option.html (and checkbox_option.html, radio_option.html): one choice of a
    multiple choice, written when a template loops over a field's choices (`option.tag`)."""
    if not widget.get("wrap_label"):
        return _input(widget)
    label_id = widget["attrs"].get("id")
    opening = f'<label for="{_text(label_id)}">' if label_id else "<label>"
    # input.html ends with a line break, which the label keeps before its text.
    return f"{opening}{_input(widget)}\n {_text(widget['label'])}</label>"


def _select_option(widget: dict) -> str:
    return (f'<option value="{_formatted(widget["value"])}"{_attrs(widget["attrs"])}>'
            f'{_text(widget["label"])}</option>')


WRITERS = {TEXTAREA_TEMPLATE: _textarea, SELECT_TEMPLATE: _select,
           OPTION_TEMPLATE: _select_option}
WRITERS.update(dict.fromkeys(
    (f"{WIDGETS}{name}.html" for name in ("input_option", "checkbox_option", "radio_option")),
    _input_option))
WRITERS.update(dict.fromkeys(INPUT_TEMPLATES, _input))


class FormRenderer(DjangoTemplates):
    """`FORM_RENDERER`: Django's template renderer, common widgets written directly."""

    def render(self, template_name, context, request=None):
        writer = WRITERS.get(template_name)
        if writer is not None and request is None:
            widget = context.get("widget")
            if isinstance(widget, dict):
                try:
                    return writer(widget).strip()
                except _Fallback:
                    pass
        return super().render(template_name, context, request=request)

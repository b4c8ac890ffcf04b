"""The form renderer writes the common widgets in Python: the markup must be Django's."""

import copy
import importlib
import pkgutil
from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

import opvangregie
from opvangregie.core.formrenderer import WRITERS, FormRenderer
from opvangregie.core.templatetags.opvangregie import form_field

FAST = FormRenderer()
DJANGO = DjangoTemplates()

VALUES = [None, "", "tekst met <b>&amp;</b> \"aanhalingstekens\" en 'enkele'", "a\nb", 1234,
          Decimal("1234.5"), date(2024, 3, 1), True, False, mark_safe("<i>veilig</i>")]
ATTRS = [
    None,
    {"id": "id_veld"},
    {"id": "id_veld", "required": True, "aria-describedby": "id_veld_helptext id_veld_error",
     "aria-invalid": "true"},
    {"disabled": False, "data-n": 0, "data-x": "<&>", "data-v": mark_safe("<v>")},
]


def _all_form_classes():
    for module in pkgutil.walk_packages(opvangregie.__path__, "opvangregie."):
        if module.name.rsplit(".", 1)[-1] == "forms":
            importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return sorted((c for c in found if c.__module__.startswith("opvangregie.")),
                  key=lambda c: (c.__module__, c.__name__))


def _same(widget, value, attrs):
    expected = copy.deepcopy(widget).render("veld", value, attrs, renderer=DJANGO)
    written = copy.deepcopy(widget).render("veld", value, attrs, renderer=FAST)
    assert written == expected, (widget, value, attrs)


@pytest.mark.django_db
def test_every_widget_of_every_form_is_written_as_django_renders_it():
    checked = 0
    for form_class in _all_form_classes():
        for field in form_class.base_fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.queryset is None:
                continue  # its choices are set by the form's __init__
            widget = field.widget
            if widget.template_name not in WRITERS:
                continue
            for value in VALUES + [field.initial]:
                for attrs in ATTRS:
                    _same(widget, value, attrs)
            checked += 1
    assert checked > 50


@pytest.mark.parametrize("widget", [
    forms.TextInput(), forms.NumberInput(), forms.EmailInput(), forms.URLInput(),
    forms.PasswordInput(render_value=True), forms.HiddenInput(), forms.DateInput(),
    forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), forms.DateTimeInput(),
    forms.TimeInput(), forms.CheckboxInput(), forms.Textarea(attrs={"rows": 2}),
    forms.Select(choices=[("", "---------"), (1, "één"), ("2", 1000), (3, mark_safe("<b>3</b>"))]),
    forms.Select(choices=[("Groep <a>", [(1, "a"), (2, "b")]), ("", [(3, "c")]), (4, "d")]),
    forms.SelectMultiple(choices=[(1, "a"), (2, "b"), (3, Decimal("1234.56"))]),
    forms.NullBooleanSelect(),
])
def test_common_widgets_are_written_as_django_renders_them(widget):
    lists = [[1, "2"], ["1", 3]] if getattr(widget, "allow_multiple_selected", False) else []
    for value in VALUES + lists + ["unknown", 2, 3, "true", "false"]:
        for attrs in ATTRS:
            _same(widget, value, attrs)


def test_other_widgets_still_use_the_templates():
    widget = forms.RadioSelect(choices=[(1, "a"), (2, "b")])
    assert widget.render("veld", 1, renderer=FAST) == widget.render("veld", 1,
                                                                    renderer=DJANGO)

    class OwnOption(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    _same(OwnOption(choices=[(1, "a")]), 1, {"id": "x"})
    _same(forms.TextInput(attrs={"data-f": lambda: "geroepen"}), "x", None)


def test_common_widgets_do_not_go_through_the_templates(monkeypatch, settings):
    assert settings.FORM_RENDERER == "opvangregie.core.formrenderer.FormRenderer"

    def no_template(*args, **kwargs):
        raise AssertionError("rendered through a template")

    monkeypatch.setattr(DjangoTemplates, "render", no_template)
    attrs = {"id": "id_veld", "required": True}
    for widget in (forms.TextInput(), forms.Textarea(), forms.DateInput(attrs={"type": "date"}),
                   forms.Select(choices=[(1, "a")]), forms.CheckboxInput()):
        assert widget.render("veld", "1", attrs, renderer=FAST).startswith("<")


@pytest.mark.django_db
def test_form_field_writes_what_the_field_include_renders():
    checked = 0
    for form_class in _all_form_classes():
        fields = {
            name: copy.deepcopy(field) for name, field in form_class.base_fields.items()
            if not (isinstance(field, forms.ModelChoiceField) and field.queryset is None)
        }
        if not fields:
            continue
        plain = type("Plain", (forms.Form,), fields)
        for form in (plain(), plain(data={}), plain(data={name: "<x&>" for name in fields}),
                     plain(prefix="p", auto_id="veld_%s"), plain(auto_id=False)):
            for field in form:
                expected = render_to_string("includes/field.html", {"field": field})
                assert form_field(field) == expected, (form_class, field.name)
                checked += 1
    assert checked > 200

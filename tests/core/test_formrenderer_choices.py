"""The form renderer (FORM_RENDERER) writes exactly what Django's widget templates write, also for
the choices of a multiple choice rendered one by one (`option.tag`)."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from opvangregie.core.formrenderer import FormRenderer

CHOICES = [("", "—"), ("a", "A & B"), (1, 2), ("c", gettext_lazy("Opgave"))]
GROUPED = [("Noord", [("n1", "Een"), ("n2", "<Twee>")]), ("z", "Zuid")]


class Everything(forms.Form):
    text = forms.CharField(max_length=30, help_text="Hulp", required=False)
    number = forms.IntegerField(min_value=0, max_value=100)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    hidden = forms.BooleanField(widget=forms.HiddenInput, required=False)
    tick = forms.BooleanField(required=False, label="Vink <aan>")
    choice = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    boxes = forms.MultipleChoiceField(choices=CHOICES, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, required=False)
    email = forms.EmailField(required=False, widget=forms.EmailInput(
        attrs={"autocomplete": "email", "disabled": True, "data-x": False, "class": "a\"b"}))
    area = forms.CharField(widget=forms.Textarea, required=False)


DATA = [
    None,
    {"text": "a \"quoted\" <b>&", "number": "x", "day": "2022-13-01", "tick": "on",
     "choice": "a", "grouped": "n2", "many": ["a", "1"], "boxes": ["", "c"], "radio": "1",
     "email": "nope", "area": "<regel>"},
    {"text": mark_safe("<i>veilig</i>"), "number": "42", "day": "2022-08-31", "hidden": "True",
     "choice": "1"},
]


@pytest.mark.parametrize("data", DATA)
def test_every_widget_is_written_as_the_templates_write_it(data):
    direct = Everything(data, renderer=FormRenderer())
    templated = Everything(data, renderer=DjangoTemplates())
    if data:
        direct.is_valid()
        templated.is_valid()
    for name in Everything.base_fields:
        assert str(direct[name]) == str(templated[name]), name
        assert str(direct[name].as_hidden()) == str(templated[name].as_hidden()), name
    for field in ("boxes", "radio"):
        for one, other in zip(direct[field], templated[field], strict=True):
            assert one.tag() == other.tag()
            assert one.tag(wrap_label=True) == other.tag(wrap_label=True)
            assert str(one) == str(other)

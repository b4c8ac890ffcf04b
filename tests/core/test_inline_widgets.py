"""The Python-written widgets and table cells write what Django's templates write."""

from datetime import UTC, date, datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.utils.safestring import mark_safe

from opvangregie.core.formrenderer import FormRenderer
from opvangregie.core.forms import ListedModelChoiceField
from opvangregie.core.html import moment_text, month_names, text
from opvangregie.regions.models import Municipality


class Everything(forms.Form):
    name = forms.CharField(max_length=30, help_text="Hulp")
    count = forms.IntegerField(min_value=0, max_value=1_000_000, required=False)
    hidden = forms.IntegerField(widget=forms.HiddenInput, required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    flag = forms.BooleanField(required=False)
    kind = forms.ChoiceField(choices=[("", "Alle"), ("a", "A & B"), ("b", '"quoted"'), (3, 1200)])
    grouped = forms.ChoiceField(choices=[("Groep <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")])
    month = forms.CharField(widget=forms.TextInput(attrs={"type": "month", "placeholder": "<p>"}))


@pytest.mark.parametrize("data", [
    None,
    {"name": '<script>"x"</script>', "count": "-5", "hidden": "7", "day": "2024-02-30",
     "flag": "on", "kind": "a", "grouped": "y", "month": "2022-06"},
    {"name": "", "count": "12345", "kind": "3", "grouped": "nope"},
])
def test_the_inline_renderer_writes_the_same_markup_as_the_templates(data):
    initial = {"day": date(2024, 1, 31), "count": 1234567, "kind": "b"}
    plain = Everything(data, initial=initial, renderer=DjangoTemplates())
    inline = Everything(data, initial=initial, renderer=FormRenderer())
    plain.is_valid(), inline.is_valid()
    for name in Everything.base_fields:
        assert str(inline[name]) == str(plain[name]), name
    assert str(inline.errors) == str(plain.errors)


@pytest.mark.parametrize("value", [
    "a < b & \"c\" 'd'", mark_safe("<b>veilig</b>"), 0, 999, 1000, -1234, 1_234_567, True,
    None, 2.5, date(2024, 3, 1),
])
def test_text_writes_what_a_template_variable_writes(value):
    assert text(value) == Template("{{ value }}").render(Context({"value": value}))


@pytest.mark.parametrize("moment", [
    datetime(2024, 1, 5, 7, 3, tzinfo=UTC), datetime(2024, 7, 31, 22, 30, tzinfo=UTC),
])
def test_moment_text_and_month_names_write_what_the_date_filter_writes(moment):
    template = Template('{{ m|date:"j-n-Y H:i" }}|{{ d|date:"F Y" }}')
    day = moment.date()
    assert template.render(Context({"m": moment, "d": day})) == (
        f"{moment_text(moment)}|{month_names()[day.month]} {day.year}")


@pytest.mark.parametrize("data", [None, {"name": "<x>", "count": "-1", "kind": "zz"}])
def test_the_form_field_tag_writes_what_the_field_include_writes(data):
    form = Everything(data, initial={"count": 3})
    form.is_valid()
    for name in Everything.base_fields:
        context = Context({"field": form[name]})
        included = Template('{% include "includes/field.html" with field=field %}')
        tag = Template("{% load opvangregie %}{% form_field field %}")
        assert tag.render(context) == included.render(context), name


def test_a_listed_model_choice_field_reads_its_choices_once(zwolle, django_assert_num_queries):
    municipalities = Municipality.objects.order_by("name")

    class Plain(forms.Form):
        municipality = forms.ModelChoiceField(queryset=municipalities)

    class Listed(forms.Form):
        municipality = ListedModelChoiceField(queryset=municipalities)

    plain = str(Plain()["municipality"])
    with django_assert_num_queries(1):
        listed = str(Listed()["municipality"])
    assert listed == plain
    form = Listed({"municipality": str(zwolle.pk)})
    assert form.is_valid() and form.cleaned_data["municipality"] == zwolle
    assert not Listed({"municipality": "0"}).is_valid()

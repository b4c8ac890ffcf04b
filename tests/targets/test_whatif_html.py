"""The what-if form's agreement rows and planned locations' check boxes are written in Python
(`WhatIfForm.agreement_rows_html`, `planned_html`): the same HTML as the dashboard's template
loops they replace, for empty, filled, invalid and escaped values."""

from django.template import Context, Template

from opvangregie.regions.models import Municipality
from opvangregie.targets.forms import WhatIfForm

# The loops as the dashboard's template had them (regions/dashboard.html).
AGREEMENT_ROWS = """      {% for municipality, fixed, minimum, maximum, reason in whatif_form.agreement_rows %}
      <tr>
        <th scope="row">{{ municipality.name }}</th>
        <td><label class="or-visually-hidden" for="{{ fixed.id_for_label }}">{{ fixed.label }}</label>{{ fixed }}</td>
        <td><label class="or-visually-hidden" for="{{ minimum.id_for_label }}">{{ minimum.label }}</label>{{ minimum }}</td>
        <td><label class="or-visually-hidden" for="{{ maximum.id_for_label }}">{{ maximum.label }}</label>{{ maximum }}</td>
        <td><label class="or-visually-hidden" for="{{ reason.id_for_label }}">{{ reason.label }}</label>{{ reason }}{% if reason.errors %}<span class="or-form-field__error">{{ reason.errors|join:" " }}</span>{% endif %}</td>
      </tr>
      {% endfor %}
"""  # noqa: E501
CHECK_BOXES = (
    '{% for checkbox in whatif_form.gepland %}<div class="or-form-field--checkbox">'
    '{{ checkbox.tag }} <label for="{{ checkbox.id_for_label }}">{{ checkbox.choice_label }}'
    "</label></div>{% endfor %}"
)
PLANNED = [(7, "Boot <Zwartewaterland> & co"), (12, "Sporthal \"De Hoek\""), (3, "Hotel")]


def form(data, **kwargs):
    municipalities = list(Municipality.objects.order_by("name")[:4])
    municipalities[0].name = "Name <b>&amp;</b> \"quoted\""  # escaped as the template does
    return WhatIfForm(data, targets=[], municipalities=municipalities, **kwargs)


def template_rows(whatif_form) -> str:
    return Template(AGREEMENT_ROWS).render(Context({"whatif_form": whatif_form}))


def template_check_boxes(whatif_form) -> str:
    return Template(CHECK_BOXES).render(Context({"whatif_form": whatif_form}))


def test_empty_agreement_rows_are_the_templates(ijsselland):
    whatif_form = form({"doel": "1"})
    assert whatif_form.agreement_rows_html().count("<tr>") == 4
    assert "      " + whatif_form.agreement_rows_html() + "\n" == template_rows(whatif_form)


def test_filled_invalid_and_escaped_agreement_rows_are_the_templates(ijsselland):
    codes = [m.code for m in Municipality.objects.order_by("name")[:4]]
    whatif_form = form({
        "doel": "1",
        f"vast_{codes[0]}": "3", f"reden_{codes[0]}": '<script>"x" & y</script>',
        f"min_{codes[1]}": "abc", f"max_{codes[1]}": "-1",
        f"reden_{codes[2]}": "x" * 301, f"max_{codes[3]}": " 12 ",
    })
    assert not whatif_form.is_valid()
    html = whatif_form.agreement_rows_html()
    assert 'aria-invalid="true"' in html and "or-form-field__error" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "      " + html + "\n" == template_rows(whatif_form)


def test_planned_check_boxes_are_the_templates(ijsselland):
    for data in ({"doel": "1"}, {"doel": "1", "gepland": ["12", "3"], "gepland_gekozen": "on"},
                 {"doel": "1", "gepland": ["nonsense"], "gepland_gekozen": "on"}):
        whatif_form = form(data, planned_choices=PLANNED)
        whatif_form.is_valid()
        html = whatif_form.planned_html()
        assert html.count('type="checkbox"') == 3 and "&lt;Zwartewaterland&gt;" in html
        assert html == template_check_boxes(whatif_form)


def test_the_adopted_versions_choice_is_ticked_as_the_template_ticks_it(ijsselland):
    whatif_form = form({"doel": "1"}, planned_choices=PLANNED, planned_default=[7])
    assert whatif_form.planned_html().count(" checked") == 1
    assert whatif_form.planned_html() == template_check_boxes(whatif_form)

"""The printable status report writes its sections and charts in Python: the same HTML as the
template loop and `includes/chart.html` it replaced."""

from datetime import date

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from opvangregie import charts
from opvangregie.demo.scenario import scenario_load
from opvangregie.meetings.views import _page_sections, _row_cells
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports import deck, web_charts
from opvangregie.reports.presentation import NumberFormatter
from opvangregie.reports.status_report import status_report_for_user

# The template's loop over the sections, as reports/status_report.html had it.
SECTIONS_TEMPLATE = """{% load i18n %}
{% for entry in sections %}{% with section=entry.section %}
<section aria-labelledby="deel-{{ section.key }}">
  <h2 id="deel-{{ section.key }}">{{ section.title }}</h2>
  {% if section.numbered_items %}<ol>{% for number, title in section.numbered_items %}<li value="{{ number }}">{{ title }}</li>{% endfor %}</ol>
  {% elif section.lines %}<ul>{% for line in section.lines %}<li>{{ line }}</li>{% endfor %}</ul>{% endif %}
  {% if entry.chart %}{% include "includes/chart.html" with chart=entry.chart %}{% endif %}
  {% for table in entry.tables %}
  <div class="or-table-wrapper" role="region" tabindex="0" aria-label="{{ table.caption }}">
<table class="or-table">
    <caption>{{ table.caption }}</caption>
    <thead><tr>{% for header, numeric in table.headers %}<th scope="col"{% if numeric %} class="or-number"{% endif %}>{{ header }}</th>{% endfor %}</tr></thead>
    <tbody>
    {% for row in table.rows %}
    <tr>{{ row }}</tr>
    {% endfor %}
    </tbody>
  </table>
  </div>
  {% endfor %}
  <p class="or-source">{% blocktranslate with source=section.source %}Bron: {{ source }}{% endblocktranslate %}</p>
</section>
{% endwith %}{% endfor %}"""  # noqa: E501


def _template_entries(report) -> list[dict]:
    """What the view gave the template loop before."""
    fmt = NumberFormatter()
    entries = []
    for section in report.sections:
        tables = []
        for table in section.tables:
            last = len(table.rows) - 1
            tables.append({
                "caption": table.caption,
                "headers": list(zip(table.headers, table.numeric, strict=True)),
                "rows": [_row_cells([deck.cell_text(value, fmt) for value in row],
                                    table.numeric,
                                    total=table.has_total_row and index == last)
                         for index, row in enumerate(table.rows)],
            })
        chart = (web_charts.from_deck_chart(section.chart, ident=f"grafiek-{section.key}")
                 if section.chart else None)
        entries.append({"section": section, "tables": tables, "chart": chart})
    return entries


@pytest.mark.parametrize("as_of", [date(2022, 8, 31), date(2022, 3, 15)])
def test_the_sections_are_written_as_the_template_wrote_them(coordinator, db, as_of):
    scenario_load()
    report = status_report_for_user(coordinator, region=SafetyRegion.objects.get(code="VR04"),
                                    as_of=as_of)
    expected = Template(SECTIONS_TEMPLATE).render(Context({"sections":
                                                           _template_entries(report)}))
    written = "\n" + _page_sections(report)
    assert any(section.chart for section in report.sections)
    assert any(section.numbered_items for section in report.sections) or as_of.month == 3
    assert written == expected


def test_a_chart_is_written_as_its_include_wrote_it():
    chart = charts.Chart(
        ident="grafiek-x", title="Plekken <Oost> & \"West\"", description="d",
        svg='<svg role="img"><title>t</title></svg>', headers=["", "Plekken & meer", "B"],
        rows=[["Zwolle <a>", 1200, 2.5], ["Deventer", None, 3]], note="Let op: <voorlopig>",
    )
    included = render_to_string("includes/chart.html", {"chart": chart})
    assert web_charts.figure_html(chart) == included
    plain = charts.Chart(ident="g", title="T", description="d", svg="<svg></svg>",
                         headers=["Week", "Plekweken"], rows=[["1", 3]])
    assert web_charts.figure_html(plain) == render_to_string("includes/chart.html",
                                                             {"chart": plain})

"""The distribution page writes its allocation rows in Python: the same HTML as the template's
loop it replaced, with and without the crediting columns."""

import pytest
from django.template import Context, Template

from opvangregie.demo.scenario import scenario_load
from opvangregie.targets import explain
from opvangregie.targets.models import Distribution
from opvangregie.targets.views import _allocation_rows

# The loop of targets/distribution_detail.html as it was.
ROWS_TEMPLATE = """{% load opvangregie %}
  {% for a, reasons, extra in rows %}
  <tr>
    <th scope="row">{{ a.municipality.name }}</th>
    <td class="or-number">{{ a.explanation.share|percent }}</td>
    {% if distribution.window_weeks %}
    <td class="or-number">{{ a.explanation.fair_part|fraction:1 }}</td>
    <td class="or-number">{{ a.credit|fraction:1 }}</td>
    <td class="or-number">{{ a.explanation.remaining|fraction:1 }}</td>
    {% if water_level %}<td class="or-number">{{ extra|default:"—" }}</td>{% endif %}
    {% endif %}
    <td class="or-number">{{ a.explanation.quota_exact|fraction:2 }}</td>
    <td class="or-number"><strong>{{ a.amount }}</strong></td>
    <td>{{ reasons|join:"; " }}</td>
  </tr>
  {% endfor %}
"""


@pytest.mark.parametrize("window, with_water_level", [(True, True), (True, False),
                                                      (False, False)])
def test_the_allocation_rows_are_written_as_the_template_wrote_them(db, window,
                                                                     with_water_level):
    scenario_load()
    distribution = Distribution.objects.get()
    allocations = list(distribution.allocations.select_related("municipality"))
    allocations[0].municipality.name = "Zwolle <&> \"Oost\""
    if not window:
        distribution.window_weeks = 0
    water_level = explain.water_level(
        (a.municipality.name, a.explanation) for a in allocations) if window else None
    assert (water_level is not None) == window
    if not with_water_level:
        water_level = None
    rows = [(a, explain.reason_texts(a.explanation, method=distribution.method),
             explain.crediting_difference(a.explanation)) for a in allocations]
    expected = Template(ROWS_TEMPLATE).render(Context({
        "rows": rows, "distribution": distribution, "water_level": water_level}))
    written = _allocation_rows(distribution, allocations, water_level)
    assert "\n  " + written + "\n" == expected
    assert "Zwolle &lt;&amp;&gt; &quot;Oost&quot;" in written

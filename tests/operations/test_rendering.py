"""Rows the operations pages write in Python must be what their template loops rendered."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.template import engines

from opvangregie.capacity.models import Location, LocationType
from opvangregie.meetings.models import DecisionStatus
from opvangregie.operations.selectors import FreePlaces, PresentStay, StayRow

ROTA = 7


def _render(source: str, context: dict) -> str:
    return engines["django"].from_string(source).render(context)


def _participant(pk, *, weight, quota, turns, unavailable):
    return SimpleNamespace(pk=pk, weight=weight, quota=quota, turn_count=turns,
                           unavailable=unavailable)


def test_participant_rows_are_the_template_loop():
    participants = [
        {"p": _participant(1, weight=Decimal("1234.50"), quota="2469/7", turns=1200,
                           unavailable=[]), "label": "Zwolle <&> \"'"},
        {"p": _participant(2, weight=Decimal("3"), quota="1/3", turns=0,
                           unavailable=[["2022-06-01", "2022-06-14"], ["2022-07-01", "<x>"]]),
         "label": "Vertrouwelijke locatie (CNO) — Kampen"},
        {"p": _participant(3, weight=Decimal("0.5"), quota="0", turns=2, unavailable=None),
         "label": "A"},
    ]
    loop = """{% load i18n opvangregie %}{% for item in participants %}
  <tr>
    <th scope="row">{{ item.label }}</th>
    <td class="or-number">{{ item.p.weight|fraction:0 }}</td>
    <td class="or-number">{{ item.p.quota|fraction:2 }}</td>
    <td class="or-number">{{ item.p.turn_count }}</td>
    <td>{% for period in item.p.unavailable %}{{ period.0 }} t/m {{ period.1 }}{% if not forloop.last %}; {% endif %}{% empty %}—{% endfor %}</td>
    <td><a href="{% url 'operations:participant_ics' pk=rota participant_pk=item.p.pk %}">.ics<span class="or-visually-hidden"> {% blocktranslate with who=item.label %}agendabestand van {{ who }}{% endblocktranslate %}</span></a></td>
  </tr>
  {% endfor %}"""  # noqa: E501 (the template's lines)
    context = {"participants": participants, "rota": ROTA}
    assert _render("{% load operations %}{{ participants|participant_rows:rota }}",
                   context) == _render(loop, context)


@dataclass(frozen=True)
class _Occupancy:
    location: object
    label: str
    present: int
    tracked: int
    arrivals_today: int
    departures_today: int


def test_occupancy_rows_are_the_template_loop():
    municipality = SimpleNamespace(name="Dalfsen & <Ommen>")
    rows = [
        _Occupancy(SimpleNamespace(pk=3, municipality=municipality), "Hal <A>", 1234, 2, 0, 5),
        _Occupancy(SimpleNamespace(pk=4, municipality=municipality), "B", -3, 0, 1001, 0),
    ]
    loop = """{% for row in occupancy %}
  <tr>
    <th scope="row"><a href="{% url 'operations:stay_location' pk=row.location.pk %}{{ day_query }}">{{ row.label }}</a></th>
    <td>{{ row.location.municipality.name }}</td>
    <td class="or-number">{{ row.arrivals_today }}</td>
    <td class="or-number">{{ row.departures_today }}</td>
    <td class="or-number">{{ row.present }}</td>
    <td class="or-number">{{ row.tracked }}</td>
  </tr>
  {% endfor %}"""  # noqa: E501 (the template's lines)
    for day_query in ("", "?op=2022-06-10"):
        context = {"occupancy": rows, "day_query": day_query}
        assert _render("{% load operations %}{{ occupancy|occupancy_rows:day_query }}",
                       context) == _render(loop, context)


def test_two_week_rows_are_the_template_loop():
    rows = [
        StayRow(stay=PresentStay(1, 3, "CNO-<1>", date(2022, 6, 1), None), label="Hal <A> & B",
                day=15, deadline=date(2022, 6, 14)),
        StayRow(stay=PresentStay(2, 1234, "OMM-0002", date(2022, 6, 3), date(2022, 6, 20)),
                label="Vertrouwelijke locatie (CNO) — Ommen", day=13,
                deadline=date(2022, 6, 16)),
    ]
    loop = """{% load i18n opvangregie %}{% for row in two_weeks %}
  <tr>
    <th scope="row">{{ row.stay.reference }}</th>
    <td><a href="{% url 'operations:stay_location' pk=row.stay.location_id %}">{{ row.label }}</a></td>
    <td>{{ row.stay.arrived_on|short_date }}</td>
    <td class="or-number">{{ row.day }}</td>
    <td>{{ row.deadline|short_date }}</td>
    <td>{% if row.is_overdue %}<strong>{% translate "termijn verstreken" %}</strong>{% else %}{% translate "nadert de twee weken" %}{% endif %}</td>
  </tr>
  {% endfor %}"""  # noqa: E501 (the template's lines)
    context = {"two_weeks": rows}
    assert _render("{% load operations %}{{ two_weeks|two_week_rows }}", context) == _render(
        loop, context)


def test_slot_rows_are_the_template_loop():
    turn = SimpleNamespace
    slots = [
        {"number": 1, "start": date(2022, 6, 1), "end": date(2022, 6, 14), "places": 1200,
         "turns": [{"turn": turn(pk=11), "label": "Zwolle <&> \"'"},
                   {"turn": turn(pk=1234), "label": "Vertrouwelijke locatie (CNO) — Kampen"}]},
        {"number": 2, "start": date(2022, 6, 15), "end": date(2022, 6, 28), "places": 0,
         "turns": []},
    ]
    loop = """{% load i18n opvangregie %}{% for slot in slots %}
  <tr>
    <th scope="row" class="or-number">{{ slot.number }}</th>
    <td class="or-nowrap">{{ slot.start|short_date }}</td>
    <td class="or-nowrap">{{ slot.end|short_date }}</td>
    <td><ul>{% for item in slot.turns %}<li>{{ item.label }}{% if can_change %} — <a href="{% url 'operations:turn_change' pk=rota.pk turn_pk=item.turn.pk %}">{% translate "wijzigen" %}<span class="or-visually-hidden"> {% blocktranslate with who=item.label d=slot.start|short_date %}(dienst van {{ who }} vanaf {{ d }}){% endblocktranslate %}</span></a>{% endif %}</li>{% endfor %}</ul></td>
    <td class="or-number">{{ slot.places }}</td>
  </tr>
  {% endfor %}"""  # noqa: E501 (the template's lines)
    for can_change in (True, False):
        context = {"slots": slots, "rota": SimpleNamespace(pk=ROTA), "can_change": can_change}
        assert _render("{% load operations %}{% slot_rows slots rota.pk can_change %}",
                       context) == _render(loop, context)


def test_the_calendar_is_the_template_loop():
    @dataclass(frozen=True)
    class _Row:
        label: str
        cells: list

    weeks = [date(2022, 5, 30), date(2022, 6, 6), date(2023, 1, 2)]
    rows = [_Row("Hal <A> & B", [True, False, True]), _Row("B", [False, False, False])]
    loop = """{% load i18n opvangregie operations %}{% for week in weeks %}<th scope="col" class="or-number"><abbr title="{% blocktranslate with d=week|short_date %}week vanaf {{ d }}{% endblocktranslate %}">{% translate "wk" %} {{ week|date:"W" }}</abbr></th>{% endfor %}
  {% for row in week_rows %}
  <tr>
    <th scope="row">{{ row.label }}</th>
    {{ row.cells|week_cells }}
  </tr>
  {% endfor %}"""  # noqa: E501 (the template's lines)
    context = {"weeks": weeks, "week_rows": rows}
    assert _render("{% load operations %}{{ weeks|week_headers }}\n  "
                   "{{ week_rows|calendar_rows }}", context) == _render(loop, context)


def test_week_cells_are_the_template_loop():
    loop = ("{% load i18n %}{% for on in cells %}<td class=\"or-number\">{% if on %}"
            "<span aria-hidden=\"true\">■</span><span class=\"or-visually-hidden\">"
            "{% translate \"dienst\" %}</span>{% else %}<span class=\"or-visually-hidden\">"
            "{% translate \"geen dienst\" %}</span>{% endif %}</td>{% endfor %}")
    context = {"cells": [True, False, False, True]}
    assert _render("{% load operations %}{{ cells|week_cells }}", context) == _render(
        loop, context)


def test_status_options_are_the_template_loop():
    loop = ("{% for value, label in status_choices %}<option value=\"{{ value }}\""
            "{% if value == status %} selected{% endif %}>{{ label }}</option>{% endfor %}")
    for status in [*DecisionStatus.values, "onbekend"]:
        context = {"status_choices": DecisionStatus.choices, "status": status}
        assert _render("{% load meetings %}{{ status|status_options:status_choices }}",
                       context) == _render(loop, context)


def test_free_place_rows_are_the_template_loop():
    municipality = SimpleNamespace(name="Raalte <&>")
    rows = [
        FreePlaces(location=Location(pk=1, type=LocationType.CNO, municipality_id=1),
                   label="Hal \"A\"", places=1200, occupancy=3, free=1197, suitable=True,
                   enough=True),
        FreePlaces(location=Location(pk=2, type="onbekend", municipality_id=1),
                   label="B", places=5, occupancy=4, free=1, suitable=False, enough=False),
    ]
    for row in rows:
        row.location.__dict__["_state"].fields_cache["municipality"] = municipality
    loop = """{% load i18n %}{% for row in free %}
  <tr>
    <th scope="row">{{ row.label }}</th>
    <td>{{ row.location.municipality.name }}</td>
    <td>{{ row.location.get_type_display }}</td>
    <td class="or-number">{{ row.places }}</td>
    <td class="or-number">{{ row.occupancy }}</td>
    <td class="or-number">{{ row.free }}{% if row.enough %} <span class="or-badge">{% translate "genoeg" %}</span>{% endif %}</td>
    <td>{% if row.suitable %}{% translate "ja" %}{% else %}{% translate "nee" %}{% endif %}</td>
  </tr>
  {% endfor %}"""  # noqa: E501 (the template's lines)
    context = {"free": rows}
    assert _render("{% load operations %}{{ free|free_place_rows }}", context) == _render(
        loop, context)

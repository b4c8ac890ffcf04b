"""The meeting page writes its decisions, actions and due rows in Python (`meetings` template
tags): the same HTML as the templates they replaced, masked for the reader as before."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from opvangregie.capacity.models import LocationType
from opvangregie.capacity.services import location_create
from opvangregie.meetings import selectors, services
from opvangregie.meetings.models import DecisionStatus, Horizon

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SECRET = "Geheime Hoeve Zuid"

# meetings/_decisions.html and meetings/_actions.html as they were.
DECISIONS_TEMPLATE = """{% load i18n opvangregie meetings %}<div class="or-table-wrapper" role="region" tabindex="0" aria-label="{% translate 'Besluiten' %}"><table class="or-table">
  <caption>{% translate "Besluiten" %}</caption>
  <thead><tr><th scope="col">{% translate "Besluit" %}</th><th scope="col">{% translate "Eigenaar" %}</th><th scope="col">{% translate "Termijn" %}</th><th scope="col">{% translate "Uiterlijk" %}</th><th scope="col">{% translate "Status" %}</th></tr></thead>
  <tbody>
  {% for decision in decisions %}
  <tr id="besluit-{{ decision.pk }}">
    <th scope="row">{{ decision.text|guarded:request.user }}</th>
    <td>{{ decision.owner|guarded:request.user }}</td>
    <td>{{ decision.get_horizon_display }}</td>
    <td>{{ decision.due_date|short_date|default:"—" }}</td>
    <td>{{ decision.get_status_display }}
      {% if can_manage %}
      <form method="post" action="{% url 'meetings:decision_status' pk=decision.pk %}" class="or-inline-form">
        {% csrf_token %}
        <input type="hidden" name="expected_version" value="{{ decision.version }}">
        <label for="status-{{ decision.pk }}" class="or-visually-hidden">{% translate "Nieuwe status" %}</label>
        <select name="status" id="status-{{ decision.pk }}">{{ decision.status|status_options:status_choices }}</select>
        <button type="submit" class="or-button or-button--subtle">{% translate "Wijzig" %}<span class="or-visually-hidden"> {% translate "status van dit besluit" %}</span></button>
      </form>
      {% endif %}
    </td>
  </tr>
  {% endfor %}
  </tbody>
</table></div>
"""  # noqa: E501
ACTIONS_TEMPLATE = """{% load i18n opvangregie %}<div class="or-table-wrapper" role="region" tabindex="0" aria-label="{% translate 'Acties' %}"><table class="or-table">
  <caption>{% translate "Acties" %}</caption>
  <thead><tr><th scope="col">{% translate "Actie" %}</th><th scope="col">{% translate "Eigenaar" %}</th><th scope="col">{% translate "Uiterlijk" %}</th><th scope="col">{% translate "Stand" %}</th></tr></thead>
  <tbody>
  {% for action in actions %}
  <tr id="actie-{{ action.pk }}">
    <th scope="row">{{ action.text|guarded:request.user }}</th>
    <td>{{ action.owner|guarded:request.user }}</td>
    <td>{{ action.due_date|short_date|default:"—" }}</td>
    <td>{% if action.done_at %}{% blocktranslate with at=action.done_at|date:"j-n-Y" %}afgerond op {{ at }}{% endblocktranslate %}{% else %}{% translate "open" %}
      {% if can_manage %}<form method="post" action="{% url 'meetings:action_done' pk=action.pk %}" class="or-inline-form">{% csrf_token %}<button type="submit" class="or-button or-button--subtle">{% translate "Afgerond" %}<span class="or-visually-hidden"> {% translate "deze actie markeren als afgerond" %}</span></button></form>{% endif %}{% endif %}
    </td>
  </tr>
  {% endfor %}
  </tbody>
</table></div>
"""  # noqa: E501
DUE_TEMPLATE = """{% load i18n opvangregie %}  <tbody>
  {% for item in due %}
  <tr>
    <th scope="row">{{ item.due_date|short_date }}</th>
    <td>{% if item.kind == "action" %}{% translate "actie" %}{% else %}{% translate "besluit" %}{% endif %}</td>
    <td>{{ item.text|guarded:request.user }}</td>
    <td>{{ item.owner|guarded:request.user }}</td>
    <td><a href="{% url 'meetings:meeting_detail' pk=item.meeting.pk %}">{{ item.meeting.date|short_date }}</a></td>
  </tr>
  {% endfor %}
  </tbody>"""  # noqa: E501


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


@pytest.fixture
def contents(ijsselland, zwolle, coordinator):
    location_create(actor=None, name=SECRET, municipality=zwolle, type=LocationType.CNO,
                    is_confidential=True)
    earlier = services.meeting_create(actor=None, safety_region=ijsselland,
                                      date=date(2022, 8, 17))
    meeting = services.meeting_create(actor=None, safety_region=ijsselland,
                                      date=date(2022, 8, 31))
    services.meeting_create(actor=None, safety_region=ijsselland, date=date(2022, 9, 14))
    item = services.agenda_item_create(actor=None, meeting=meeting, title="CNO <fase 2>")
    services.action_create(actor=None, meeting=earlier, text="Eerder & open", owner="PM",
                           due_date=date(2022, 9, 1))
    services.decision_create(actor=None, meeting=earlier, text="Oud besluit", owner="B",
                             horizon=Horizon.SHORT, due_date=date(2022, 9, 10))
    services.decision_create(actor=None, meeting=meeting, text=f"Onderzoek {SECRET} \"nu\"",
                             owner="Gemeente <Zwolle>", horizon=Horizon.SHORT,
                             agenda_item=item, due_date=date(2022, 9, 7))
    services.decision_create(actor=None, meeting=meeting, text="Afgerond besluit", owner="R",
                             horizon=Horizon.LONG, status=DecisionStatus.DONE)
    services.action_create(actor=None, meeting=meeting, text=f"Bezoek {SECRET}", owner="PM",
                           due_date=date(2022, 9, 14), agenda_item=item)
    done = services.action_create(actor=None, meeting=meeting, text="Klaar", owner="PM")
    services.action_complete(actor=None, action=done, done_at=at(date(2022, 9, 2), 23))
    return selectors.meeting_contents(meeting)


@pytest.mark.parametrize("who", ["coordinator", "zwolle_officer", "board_member"])
@pytest.mark.parametrize("can_manage", [True, False])
def test_the_tables_are_written_as_their_templates_wrote_them(request, contents, who,
                                                              can_manage):
    user = request.getfixturevalue(who)
    page_request = RequestFactory().get("/")
    page_request.user = user
    context = {"request": page_request, "can_manage": can_manage, "csrf_token": "t0k<en>",
               "status_choices": DecisionStatus.choices, "decisions": contents.decisions,
               "actions": contents.actions, "due": contents.due}
    assert contents.decisions and contents.actions and len(contents.due) == 4

    def both(old: str, new: str) -> tuple[str, str]:
        return (Template(old).render(Context(context)),
                Template("{% load meetings %}" + new).render(Context(context)))

    for old, new in [(DECISIONS_TEMPLATE, "{% decisions_table decisions %}"),
                     (ACTIONS_TEMPLATE, "{% actions_table actions %}"),
                     (DUE_TEMPLATE, "  <tbody>\n  {% due_rows due %}\n  </tbody>")]:
        expected, written = both(old, new)
        assert written == expected
        # The region's coordinator and the location's municipality read the name; a board
        # member reads "[vertrouwelijke locatie]".
        assert (SECRET in written) == (who != "board_member")

"""`{% load operations %}{% unread_notifications as n %}`: the user's unread notifications."""

import html
from functools import lru_cache

from django import template
from django.template import engines
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opvangregie.capacity.models import LocationType
from opvangregie.core.html import text
from opvangregie.core.templatetags.opvangregie import fraction, short_date
from opvangregie.operations.selectors import unread_notification_count
from opvangregie.reports.presentation import NumberFormatter

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """Counted once per request: the menu and the operations pages' own menu both show it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    counted = getattr(request, "_unread_notifications", None)
    if counted is None or counted[0] != user.pk:
        counted = request._unread_notifications = (user.pk, unread_notification_count(user))
    return counted[1]


def _pk_url(name: str, last: str = "pk", **kwargs) -> tuple[str, str]:
    """The URL `name` (with `kwargs`) as the escaped text before and after the pk a table
    fills in per row (the argument `last`): reversed once per table rather than per row."""
    before, after = reverse(name, kwargs={**kwargs, last: 0}).rsplit("/0/", 1)
    return text(f"{before}/"), text(f"/{after}")


@register.simple_tag
def slot_rows(slots, rota_pk: int, can_change: bool) -> str:
    """The rows of a rota's table of periods (`views.rota_detail`'s slots): number, dates,
    who is on duty (with a link to change each turn when `can_change`), places.

    Written here rather than by a template loop: a national rota has a turn per region and
    period, each with a link and two translated texts. Every value goes through the
    template engine's escaping and localisation (`core.html.text`).
    """
    if can_change:
        before, after = _pk_url("operations:turn_change", "turn_pk", pk=rota_pk)
        change = text(_("wijzigen"))
    parts = []
    for slot in slots:
        start = text(short_date(slot["start"]))
        turns = []
        for item in slot["turns"]:
            label = text(item["label"])
            if can_change:
                hidden = _("(dienst van %(who)s vanaf %(d)s)") % {"who": label, "d": start}
                turns.append(f'<li>{label} — <a href="{before}{item["turn"].pk:d}{after}">'
                             f'{change}<span class="or-visually-hidden"> {hidden}</span></a></li>')
            else:
                turns.append(f"<li>{label}</li>")
        parts.append(
            f'\n  <tr>\n    <th scope="row" class="or-number">{text(slot["number"])}</th>'
            f'\n    <td class="or-nowrap">{start}</td>'
            f'\n    <td class="or-nowrap">{text(short_date(slot["end"]))}</td>'
            f'\n    <td><ul>{"".join(turns)}</ul></td>'
            f'\n    <td class="or-number">{text(slot["places"])}</td>'
            "\n  </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


@register.filter
def week_headers(weeks) -> str:
    """The header cells of a rota's calendar, one per week (its Monday): "wk 23" with the
    Monday's date in the title."""
    wk = text(_("wk"))
    return mark_safe("".join(  # noqa: S308 (every value is escaped)
        f'<th scope="col" class="or-number"><abbr title="'
        f'{_("week vanaf %(d)s") % {"d": text(short_date(week))}}">'
        f"{wk} {week.isocalendar()[1]}</abbr></th>"
        for week in weeks))


@register.filter
def calendar_rows(rows) -> str:
    """The rows of a rota's calendar (`selectors.WeekRow`): the participant and a cell per
    week."""
    return mark_safe("".join(  # noqa: S308 (every value is escaped)
        f'\n  <tr>\n    <th scope="row">{text(row.label)}</th>\n    {week_cells(row.cells)}'
        "\n  </tr>\n  "
        for row in rows))


@register.filter
def week_cells(cells) -> str:
    """The cells of a participant's row in a rota's calendar (on duty in that week or not).

    Written here rather than by a template loop: a rota of a year has hundreds of cells, and
    every cell is one of these two.
    """
    on, off = _week_cell_markup(get_language())
    return mark_safe("".join(on if cell else off for cell in cells))  # noqa: S308 (both escaped)


@lru_cache(maxsize=8)
def _week_cell_markup(language: str) -> tuple[str, str]:
    """The two cells in `language` (the active one: the key only keeps languages apart)."""
    on = format_html('<td class="or-number"><span aria-hidden="true">■</span>'
                     '<span class="or-visually-hidden">{}</span></td>', _("dienst"))
    off = format_html('<td class="or-number"><span class="or-visually-hidden">{}</span></td>',
                      _("geen dienst"))
    return on, off


@register.filter
def occupancy_rows(rows, day_query: str = "") -> str:
    """The rows of the occupancy table of the stays page (`selectors.occupancy_on`), each
    linking to the location's page (`day_query`: the chosen day, or "").

    Written here rather than by a template loop: a region has dozens of emergency shelter
    locations, and the template's per-cell work (lookups, localising each number, escaping
    through lazy strings) cost more than the rest of the page. Every text is escaped.
    """
    number = NumberFormatter()
    escape = html.escape
    query = escape(day_query)
    before, after = _pk_url("operations:stay_location")
    parts = []
    for row in rows:
        label = escape(str(row.label))
        parts.append(
            f'\n  <tr>\n    <th scope="row"><a href="{before}{row.location.pk}{after}{query}">'
            f"{label}</a></th>"
            f"\n    <td>{escape(row.location.municipality.name)}</td>"
            f'\n    <td class="or-number">{number(row.arrivals_today)}</td>'
            f'\n    <td class="or-number">{number(row.departures_today)}</td>'
            f'\n    <td class="or-number">{number(row.present)}</td>'
            f'\n    <td class="or-number">{number(row.tracked)}</td>'
            "\n  </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


@register.filter
def two_week_rows(rows) -> str:
    """The rows of the stays page's two-week list (`selectors.StayRow`): reference, location
    (linked), arrival, day, last day, state.

    Written here rather than by a template loop, as the occupancy rows; every value goes
    through the template engine's escaping and localisation (`core.html.text`).
    """
    before, after = _pk_url("operations:stay_location")
    overdue = f"<strong>{text(_('termijn verstreken'))}</strong>"
    approaching = text(_("nadert de twee weken"))
    parts = []
    for row in rows:
        stay = row.stay
        parts.append(
            f'\n  <tr>\n    <th scope="row">{text(stay.reference)}</th>'
            f'\n    <td><a href="{before}{stay.location_id:d}{after}">{text(row.label)}</a></td>'
            f"\n    <td>{text(short_date(stay.arrived_on))}</td>"
            f'\n    <td class="or-number">{text(row.day)}</td>'
            f"\n    <td>{text(short_date(row.deadline))}</td>"
            f"\n    <td>{overdue if row.is_overdue else approaching}</td>"
            "\n  </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


@lru_cache(maxsize=1)
def _periods_template():
    return engines["django"].from_string(
        "{% for period in periods %}{{ period.0 }} t/m {{ period.1 }}"
        "{% if not forloop.last %}; {% endif %}{% endfor %}")


@register.filter
def participant_rows(participants, rota_pk) -> str:
    """The rows of a rota's table of participants (`{"p": participant, "label": ...}`):
    label, weight, proportional number, turns, unavailable periods, the .ics link.

    Written here rather than by a template loop (two exact fractions per row); every value
    goes through the template engine's escaping and localisation (`core.html.text`).
    """
    before, after = _pk_url("operations:participant_ics", "participant_pk", pk=rota_pk)
    parts = []
    for item in participants:
        participant, label = item["p"], item["label"]
        periods = participant.unavailable
        unavailable = _periods_template().render({"periods": periods}) if periods else "—"
        url = f"{before}{participant.pk:d}{after}"
        ics = _("agendabestand van %(who)s") % {"who": text(label)}
        parts.append(
            f'\n  <tr>\n    <th scope="row">{text(label)}</th>'
            f'\n    <td class="or-number">{text(fraction(participant.weight, 0))}</td>'
            f'\n    <td class="or-number">{text(fraction(participant.quota, 2))}</td>'
            f'\n    <td class="or-number">{text(participant.turn_count)}</td>'
            f"\n    <td>{unavailable}</td>"
            f'\n    <td><a href="{url}">.ics<span class="or-visually-hidden"> {ics}</span></a></td>'
            "\n  </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


@register.filter
def free_place_rows(rows) -> str:
    """The rows of the emergency request's table of free places (`selectors.FreePlaces`).

    Written here rather than by a template loop (nine lookups and three translations per
    row); every value goes through the template engine's escaping and localisation.
    """
    types = dict(LocationType.choices)
    enough = f' <span class="or-badge">{text(_("genoeg"))}</span>'
    yes, no = text(_("ja")), text(_("nee"))
    parts = []
    for row in rows:
        location = row.location
        parts.append(
            f'\n  <tr>\n    <th scope="row">{text(row.label)}</th>'
            f"\n    <td>{text(location.municipality.name)}</td>"
            f"\n    <td>{text(types.get(location.type, location.type))}</td>"
            f'\n    <td class="or-number">{text(row.places)}</td>'
            f'\n    <td class="or-number">{text(row.occupancy)}</td>'
            f'\n    <td class="or-number">{text(row.free)}{enough if row.enough else ""}</td>'
            f"\n    <td>{yes if row.suitable else no}</td>"
            "\n  </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)

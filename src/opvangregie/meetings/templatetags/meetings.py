"""Template tags for blocks other pages include.

`{% load meetings %}{% location_report_block location as block %}` on the location page (the
include `meetings/_location_reports.html` does this itself), and
`{% overdue_proposals region as proposals %}` for the region dashboard's block
`meetings/_overdue_proposals.html`.

`{% decisions_table decisions %}`, `{% actions_table actions %}` and `{% due_rows due %}` write
the meeting page's tables in Python: a meeting with a dozen decisions and actions spent most of
its time in their includes (a `{% url %}`, a CSRF field and a dozen lookups per row). Every
value is escaped as `{{ value }}` (`core.html.text`); free text is masked for the reader as the
`guarded` filter does. A test compares them with the templates they replaced.
"""

import html

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

from opvangregie.capacity.selectors import location_details_visible
from opvangregie.core.html import text
from opvangregie.core.templatetags.opvangregie import short_date
from opvangregie.meetings.selectors import (
    location_reports,
    may_report,
    overdue_proposals_for_user,
)
from opvangregie.regions.selectors import default_region_for_user
from opvangregie.textguard import mask

register = template.Library()


@register.filter
def status_options(current: str, choices) -> str:
    """The `<option>`s of a decision's status select, `current` selected: written here rather
    than by a template loop per decision and choice. Every text is escaped."""
    return mark_safe("".join(  # noqa: S308 (escaped)
        f'<option value="{html.escape(str(value))}"{" selected" if value == current else ""}>'
        f"{html.escape(str(label))}</option>"
        for value, label in choices
    ))


def _user(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@register.simple_tag(takes_context=True)
def location_report_block(context, location, can_report=None, visible=False) -> dict:
    """The location's report history and whether the user may add one.

    `can_report`: the page's own answer when it has one (the location page asks the same
    question, "may change the location", for its figures form), to save the query.
    `visible`: True when the page read the location through `locations_for_user` for this
    user (the location page does), to save the query that asks it again.
    """
    user = _user(context)
    if user is None or location is None:
        return {"reports": [], "can_report": False, "show_text": False}
    return {"reports": location_reports(user, location, visible=visible),
            "can_report": may_report(user, location) if can_report is None else can_report,
            # Free text may name a confidential location: only for those who may see its name.
            "show_text": location_details_visible(user, location)}


@register.simple_tag(takes_context=True)
def overdue_proposals(context, region=None) -> list:
    user = _user(context)
    if user is None:
        return []
    region = region or default_region_for_user(user)
    if region is None:
        return []
    return overdue_proposals_for_user(user, region)


def _csrf_field(context) -> str:
    """What `{% csrf_token %}` writes, with the token of this page's context."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's marker, not a secret
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{text(str(token))}">'


def _url_of(name: str):
    """`{% url name pk=… %}` for many rows: reversed once, the pk filled in per row."""
    head, tail = reverse(name, kwargs={"pk": 0}).rsplit("/0/", 1)
    return lambda pk: f"{head}/{pk}/{tail}"


@register.simple_tag(takes_context=True)
def decisions_table(context, decisions) -> str:
    """What `meetings/_decisions.html` wrote: the decisions, and for a manager a status form."""
    user = context["request"].user
    form_tail = ""
    if context.get("can_manage"):
        url = _url_of("meetings:decision_status")
        csrf = _csrf_field(context)
        choices = context.get("status_choices")
        new_status = text(_("Nieuwe status"))
        change = (f'{text(_("Wijzig"))}<span class="or-visually-hidden"> '
                  f'{text(_("status van dit besluit"))}</span>')
    rows = []
    for decision in decisions:
        pk = decision.pk
        if context.get("can_manage"):
            form_tail = (
                f'\n      <form method="post" action="{url(pk)}" class="or-inline-form">\n'
                f"        {csrf}\n"
                f'        <input type="hidden" name="expected_version" '
                f'value="{text(decision.version)}">\n'
                f'        <label for="status-{pk}" class="or-visually-hidden">{new_status}'
                "</label>\n"
                f'        <select name="status" id="status-{pk}">'
                f"{status_options(decision.status, choices)}</select>\n"
                f'        <button type="submit" class="or-button or-button--subtle">{change}'
                "</button>\n"
                "      </form>\n      "
            )
        rows.append(
            f'\n  <tr id="besluit-{pk}">\n'
            f'    <th scope="row">{text(mask(decision.text, user))}</th>\n'
            f"    <td>{text(mask(decision.owner, user))}</td>\n"
            f"    <td>{text(decision.get_horizon_display())}</td>\n"
            f"    <td>{text(short_date(decision.due_date) or '—')}</td>\n"
            f"    <td>{text(decision.get_status_display())}\n      {form_tail}\n    </td>\n"
            "  </tr>\n  "
        )
    return _table(_("Besluiten"), (_("Besluit"), _("Eigenaar"), _("Termijn"), _("Uiterlijk"),
                                  _("Status")), rows)


@register.simple_tag(takes_context=True)
def actions_table(context, actions) -> str:
    """What `meetings/_actions.html` wrote: the actions, and for a manager "Afgerond"."""
    user = context["request"].user
    can_manage = context.get("can_manage")
    if can_manage:
        url = _url_of("meetings:action_done")
        csrf = _csrf_field(context)
        done = (f'{text(_("Afgerond"))}<span class="or-visually-hidden"> '
                f'{text(_("deze actie markeren als afgerond"))}</span>')
    still_open = text(_("open"))
    rows = []
    for action in actions:
        pk = action.pk
        if action.done_at:
            local = template_localtime(action.done_at)
            state = _("afgerond op %(at)s") % {
                "at": text(f"{local.day}-{local.month}-{local.year}")}
        else:
            state = still_open + "\n      "
            if can_manage:
                state += (f'<form method="post" action="{url(pk)}" class="or-inline-form">'
                          f'{csrf}<button type="submit" class="or-button or-button--subtle">'
                          f"{done}</button></form>")
        rows.append(
            f'\n  <tr id="actie-{pk}">\n'
            f'    <th scope="row">{text(mask(action.text, user))}</th>\n'
            f"    <td>{text(mask(action.owner, user))}</td>\n"
            f"    <td>{text(short_date(action.due_date) or '—')}</td>\n"
            f"    <td>{state}\n    </td>\n"
            "  </tr>\n  "
        )
    return _table(_("Acties"), (_("Actie"), _("Eigenaar"), _("Uiterlijk"), _("Stand")), rows)


def _table(caption: str, headers, rows: list[str]) -> str:
    """A captioned table in its scrollable wrapper, as the two templates wrote it."""
    caption = text(caption)
    header_cells = "".join(f'<th scope="col">{text(header)}</th>' for header in headers)
    return mark_safe(  # noqa: S308 - every value is escaped by `text`
        f'<div class="or-table-wrapper" role="region" tabindex="0" aria-label="{caption}">'
        f'<table class="or-table">\n  <caption>{caption}</caption>\n'
        f"  <thead><tr>{header_cells}</tr></thead>\n  <tbody>\n  {''.join(rows)}\n  </tbody>\n"
        "</table></div>\n"
    )


@register.simple_tag(takes_context=True)
def due_rows(context, due) -> str:
    """The rows of "Af te ronden vóór het volgende overleg" (`selectors.DueItem`s)."""
    user = context["request"].user
    url = _url_of("meetings:meeting_detail")
    kinds = {"action": text(_("actie")), "decision": text(_("besluit"))}
    return mark_safe("".join(  # noqa: S308 - every value is escaped by `text`
        "\n  <tr>\n"
        f'    <th scope="row">{text(short_date(item.due_date))}</th>\n'
        f"    <td>{kinds['action' if item.kind == 'action' else 'decision']}</td>\n"
        f"    <td>{text(mask(item.text, user))}</td>\n"
        f"    <td>{text(mask(item.owner, user))}</td>\n"
        f'    <td><a href="{url(item.meeting.pk)}">{text(short_date(item.meeting.date))}</a>'
        "</td>\n  </tr>\n  "
        for item in due
    ))

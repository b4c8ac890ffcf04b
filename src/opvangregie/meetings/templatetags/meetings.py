"""Template tags for blocks other pages include.

`{% load meetings %}{% location_report_block location as block %}` on the location page (the
include `meetings/_location_reports.html` does this itself), and
`{% overdue_proposals region as proposals %}` for the region dashboard's block
`meetings/_overdue_proposals.html`.
"""

import html

from django import template
from django.utils.safestring import mark_safe

from opvangregie.capacity.selectors import location_details_visible
from opvangregie.meetings.selectors import (
    location_reports,
    may_report,
    overdue_proposals_for_user,
)
from opvangregie.regions.selectors import default_region_for_user

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

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

BLANK = "—"


@register.filter
def figure(value):
    """A whole number or place-weeks (Decimal, one decimal) in Dutch notation; blank as —."""
    if value is None or value == "":
        return BLANK
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=1, force_grouping=True)
    return number_format(value, decimal_pos=0, force_grouping=True)


ARROWS = {"ascending": "▲", "descending": "▼"}


@register.simple_tag
def sort_header(link: dict, label, *, number: bool = False, rowspan: int | None = None,
                detail: bool = False):
    """A sortable column header: a link that sorts by it, its aria-sort state and arrow.

    A tag instead of an included template: the overview has twelve of them, and an include
    per header took a noticeable part of the page's time.
    """
    classes = " ".join(c for c in ("or-number" if number else "",
                                    "or-detail" if detail else "") if c)
    attributes = format_html(
        '{}{}{}',
        format_html(' class="{}"', classes) if classes else "",
        format_html(' rowspan="{}"', rowspan) if rowspan else "",
        format_html(' aria-sort="{}"', link["aria_sort"]) if link["aria_sort"] else "",
    )
    arrow = ARROWS.get(link["aria_sort"], "")
    hint = _("sorteer %(direction)s") % {"direction": link["next"]}
    return format_html(
        '<th scope="col"{}><a href="{}">{}<span class="or-visually-hidden"> ({})</span></a>{}</th>',
        attributes, link["url"], label, hint,
        format_html(' <span aria-hidden="true">{}</span>', arrow) if arrow else "",
    )



@register.simple_tag
def header_cell(cell, sort: dict):
    """A header cell of the overview (`reports.presentation.HeaderCell`): a group header, a
    sortable column header (`sort_header`, with the link from `sort`), or a plain one."""
    if cell.group:
        return format_html('<th scope="colgroup" colspan="{}"{}>{}</th>', cell.colspan,
                           format_html(' class="{}"', "or-detail") if cell.detail else "",
                           cell.label)
    if cell.sortable:
        return sort_header(sort[cell.key], cell.label, number=cell.number,
                           rowspan=cell.rowspan if cell.rowspan > 1 else None,
                           detail=cell.detail)
    classes = " ".join(c for c in ("or-number" if cell.number else "",
                                    "or-detail" if cell.detail else "",
                                    "or-screen-only" if cell.screen_only else "") if c)
    return format_html(
        '<th scope="col"{}{}>{}</th>',
        format_html(' class="{}"', classes) if classes else "",
        format_html(' rowspan="{}"', cell.rowspan) if cell.rowspan > 1 else "",
        cell.label,
    )

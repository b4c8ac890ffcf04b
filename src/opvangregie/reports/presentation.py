"""The overview's table as the page shows it, rendered once per revision of the figures.

Formatting ~400 cells through template filters, and a template loop per cell and per row,
took longer than computing the overview. Here each cell is formatted with the active
language's separators (Dutch: 1.234 and 150,0) by plain Python, each row is rendered to HTML
once (every value escaped), and the result is kept in the cache with the overview itself
(`overview_page`): a reader who sorts or reloads gets the same rows without formatting them
again. Blanks (no target, nothing to compute) show as "—".

Nothing per request goes into a cached row: the "Nog juist" buttons belong to one form
outside the table (`form="…"`), which carries the CSRF token and the way back.
"""

import functools
import html
from dataclasses import dataclass
from decimal import Decimal

from django.urls import get_script_prefix, reverse
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from opvangregie.core.cache import cached
from opvangregie.reports.overview import (
    Overview,
    OverviewRow,
    OverviewTotals,
    overview_for_user,
)

BLANK = "—"
CONFIRM_FORM_ID = "nog-juist"


class NumberFormatter:
    def __init__(self):
        self.thousands = get_format("THOUSAND_SEPARATOR")
        self.decimal = get_format("DECIMAL_SEPARATOR")

    def __call__(self, value) -> str:
        if value is None:
            return BLANK
        text = f"{value:,.1f}" if isinstance(value, Decimal) else f"{value:,d}"
        return text.replace(",", "\0").replace(".", self.decimal).replace("\0", self.thousands)


@dataclass(frozen=True)
class OverviewPage:
    """The overview and its table rendered: a `<tr>` per municipality (by pk), the totals."""

    overview: Overview
    row_html: dict[int, SafeString]
    totals_html: SafeString
    can_confirm_any: bool

    def rows_html(self, rows: list[OverviewRow]) -> list[SafeString]:
        """The rendered rows in the order of `rows` (sorted by the reader's choice)."""
        return [self.row_html[row.municipality.pk] for row in rows]


def overview_page(user, *, region, as_of, stale_after_days: int) -> OverviewPage:
    """`overview_for_user` with its table rendered, cached the same way.

    The overview itself comes from `overview_for_user`, so the page, the Excel export and the
    deck share one computation per revision.
    """
    def compute() -> OverviewPage:
        return render_page(overview_for_user(
            user, region=region, as_of=as_of, stale_after_days=stale_after_days
        ))

    if user.pk is None:
        return compute()
    return cached("overview-page", (user.pk, region.pk, as_of, stale_after_days), compute)


def render_page(overview: Overview) -> OverviewPage:
    fmt = NumberFormatter()
    can_confirm_any = any(row.can_confirm for row in overview.rows)
    totals = overview.totals
    return OverviewPage(
        overview=overview,
        row_html={
            row.municipality.pk: row_html(row, _cells(row, fmt), can_confirm_any)
            for row in overview.rows
        },
        totals_html=number_cells(
            [fmt(value) for value in _figures(totals)] + [fmt(totals.ukrainian_target)]
        ),
        can_confirm_any=can_confirm_any,
    )


def _figures(item: OverviewRow | OverviewTotals) -> list:
    return [
        item.quota, item.housed, item.carried_over, item.saldo_1, item.quota_informal,
        item.saldo_2, *item.cno_per_week_rounded, item.cno_total_rounded, item.cno_share,
        item.azc_places, item.ukrainian_places,
    ]


def _cells(row: OverviewRow, fmt: NumberFormatter) -> list[str]:
    """The number cells in the order of the table's columns (the last: the regional target)."""
    return [fmt(value) for value in _figures(row)] + [BLANK]


def number_cells(cells: list[str]) -> SafeString:
    """`<td class="or-number">…</td>` for each cell, each escaped.

    The standard library's `html.escape` and a join: `format_html`, or Django's `escape`
    with its lazy-string wrapper, per cell cost more than all other work on the cells.
    """
    joined = "".join(f'<td class="or-number">{html.escape(cell)}</td>' for cell in cells)
    return mark_safe(joined)  # noqa: S308 (every cell is escaped above)


def row_html(row: OverviewRow, cells: list[str], confirm_column: bool) -> SafeString:
    """One `<tr>` of the overview table; every value is escaped by `format_html`."""
    municipality = row.municipality
    if row.last_update:
        day = row.last_update_date
        # "j-n-Y", as the `short_date` filter writes it; digits only, the same in any language.
        updated = format_html('<time datetime="{}">{}</time>', day.isoformat(),
                              f"{day.day}-{day.month}-{day.year}")
    else:
        updated = _("nooit")
    stale = (
        format_html(' <span class="or-badge or-badge--illustrative">{}</span>', _("verouderd"))
        if row.stale
        else ""
    )
    action = ""
    if confirm_column:
        button = ""
        if row.can_confirm:
            button = format_html(
                '<button type="submit" form="{}" formaction="{}" '
                'class="or-button or-button--subtle">{}'
                '<span class="or-visually-hidden"> — {}</span></button>',
                CONFIRM_FORM_ID, municipality_url("overview_confirm", municipality.code),
                _("Nog juist"), _("cijfers van %(name)s") % {"name": municipality.name},
            )
        action = format_html("<td>{}</td>", button)
    return format_html(
        '<tr><th scope="row"><a href="{}">{}</a></th>{}<td class="or-nowrap">{}{}</td>{}</tr>',
        municipality_url("municipality_detail", municipality.code), municipality.name,
        number_cells(cells), updated, stale, action,
    )


def municipality_url(name: str, code: str) -> str:
    """`reverse(name, kwargs={"code": code})`, remembered: a region's rows reverse the same few."""
    return _reversed(name, code, get_script_prefix())


@functools.lru_cache(maxsize=2048)
def _reversed(name: str, code: str, prefix: str) -> str:
    return reverse(name, kwargs={"code": code})

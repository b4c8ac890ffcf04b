"""The overview's table as the page shows it, rendered once per revision of the figures.

Header rows, colgroups, rows and totals are rendered by looping over the column
specification (`reports.columns`), as the Excel export and the deck do.

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
import hashlib
import html
from dataclasses import dataclass, fields, replace
from decimal import Decimal

from django.core.cache import cache
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opvangregie.core.cache import TIMEOUT_SECONDS
from opvangregie.reports.columns import (
    BREAKDOWN,
    NAME,
    NUMBER,
    TEXT,
    UPDATED,
    Column,
    overview_columns,
)
from opvangregie.reports.overview import Overview, OverviewRow, overview_for_user

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
class HeaderCell:
    """A header cell of the page's two header rows (plain data: it is cached)."""

    key: str  # the column's key, or the group's
    label: str
    group: bool = False  # a group header above its columns
    colspan: int = 1
    rowspan: int = 1
    number: bool = False
    sortable: bool = False
    detail: bool = False  # folded away until the reader shows the weeks
    screen_only: bool = False  # a control (the "Nog juist" buttons): left off paper


@dataclass(frozen=True)
class OverviewPage:
    """The overview and its table rendered: a `<tr>` per municipality (by pk), the totals."""

    overview: Overview
    row_html: dict[int, SafeString]
    totals_html: SafeString
    can_confirm_any: bool
    header_top: tuple[HeaderCell, ...]
    header_bottom: tuple[HeaderCell, ...]
    colgroup_spans: tuple[int, ...]  # one `<colgroup>` per ungrouped column or group
    column_count: int  # including the "Actie" column when there is one
    has_detail: bool = False  # some columns fold away (the weeks)
    cno_chart: object = None  # `web_charts.cno_weeks_chart`: None without CNO effort

    def rows_html(self, rows: list[OverviewRow]) -> list[SafeString]:
        """The rendered rows in the order of `rows` (sorted by the reader's choice)."""
        return [self.row_html[row.municipality.pk] for row in rows]


def overview_page(user, *, region, as_of, stale_after_days: int) -> OverviewPage:
    """`overview_for_user` with its table rendered, cached the same way.

    The overview itself comes from `overview_for_user`, so the page, the Excel export and the
    deck share one computation per revision; the rendered table is kept apart, by what the
    overview was made from (`_table_kept`).
    """
    overview = overview_for_user(user, region=region, as_of=as_of,
                                 stale_after_days=stale_after_days)
    table = _table_kept(user, overview)
    return OverviewPage(overview, *table)


def _table_kept(user, overview: Overview) -> tuple:
    """`_table(overview)`, kept by what the overview was made from (`Overview.inputs`, which
    holds the revision of what it read): an overview made from the same parts again (after a
    registration it does not show) has the same table, and no revision is read for it."""
    if user.pk is None or not overview.inputs:
        return _table(overview)
    content = repr((user.pk, overview.inputs, translation.get_language() or "",
                    get_script_prefix()))
    key = "opvangregie:overview-table:" + hashlib.sha256(content.encode()).hexdigest()
    table = cache.get(key)
    if table is None:
        table = _table(overview)
        cache.set(key, table, TIMEOUT_SECONDS)
    return table


def _table(overview: Overview) -> tuple:
    """The fields of `OverviewPage` after `overview`, in their order: plain data, cached."""
    # Imported here: web_charts imports the status report, which imports this module.
    from opvangregie.reports import web_charts

    fmt = NumberFormatter()
    columns = [c for c in overview_columns(overview) if c.on_page]
    can_confirm_any = any(row.can_confirm for row in overview.rows)
    top, bottom, spans = _header(columns)
    if can_confirm_any:
        top.append(HeaderCell("actie", _("Actie"), rowspan=2, screen_only=True))
        spans.append(1)
    return (
        rows_html_kept(overview.rows, columns, fmt, can_confirm_any),
        totals_html(overview, columns, fmt, can_confirm_any),
        can_confirm_any,
        tuple(top),
        tuple(bottom),
        tuple(spans),
        len(columns) + (1 if can_confirm_any else 0),
        any(c.detail for c in columns),
        web_charts.cno_weeks_chart(overview),
    )


def _header(columns: list[Column]) -> tuple[list[HeaderCell], list[HeaderCell], list[int]]:
    """Two header rows: a column without a group spans both, a group spans its columns."""
    top: list[HeaderCell] = []
    bottom: list[HeaderCell] = []
    spans: list[int] = []
    for column in columns:
        cell = HeaderCell(column.key, column.page_header, number=column.kind == NUMBER,
                          sortable=column.sortable, detail=column.detail)
        if column.group is None:
            top.append(replace(cell, rowspan=2))
            spans.append(1)
            continue
        bottom.append(cell)
        # A group's detail columns get a header of their own: folded away, they must not
        # leave the group's header spanning empty columns.
        key = f"{column.group.key}-detail" if column.detail else column.group.key
        if top and top[-1].group and top[-1].key == key:
            top[-1] = replace(top[-1], colspan=top[-1].colspan + 1)
            spans[-1] += 1
        else:
            label = (column.group.detail_header or column.group.header) if column.detail \
                else column.group.header
            top.append(HeaderCell(key, label, group=True, detail=column.detail))
            spans.append(1)
    return top, bottom, spans


NUMBER_CLASS = "or-number"
DETAIL_NUMBER_CLASS = "or-number or-detail"  # a detail column's cell (`Column.detail`)


def rows_html_kept(rows, columns: list[Column], fmt: NumberFormatter,
                   confirm_column: bool) -> dict[int, SafeString]:
    """`row_html` of each row by municipality pk, kept in the cache by the row's content.

    The key holds everything the HTML is made of (the row's values, the municipality's code
    and name, the columns, the language and its separators, the script prefix), so a row
    whose figures did not change since it was last rendered is taken as it is: after a
    registration, the rows of the other municipalities.
    """
    language = translation.get_language() or ""
    common = (language, fmt.thousands, fmt.decimal, get_script_prefix(), confirm_column,
              tuple((c.key, c.kind, c.detail) for c in columns))
    keys = {}
    for row in rows:
        municipality = row.municipality
        values = tuple(getattr(row, f.name) for f in fields(row) if f.name != "municipality")
        content = repr((common, municipality.pk, municipality.code, municipality.name, values))
        keys[municipality.pk] = "opvangregie:overview-row:" + hashlib.sha256(
            content.encode()).hexdigest()
    found = cache.get_many(list(keys.values()))
    result, missing = {}, {}
    for row in rows:
        key = keys[row.municipality.pk]
        if key in found:
            result[row.municipality.pk] = found[key]
        else:
            result[row.municipality.pk] = missing[key] = row_html(row, columns, fmt,
                                                                  confirm_column)
    if missing:
        cache.set_many(missing, TIMEOUT_SECONDS)
    return result


def number_cells(cells: list[str], css: str = NUMBER_CLASS) -> SafeString:
    """`<td class="or-number">…</td>` for each cell, each escaped.

    The standard library's `html.escape` and a join: `format_html`, or Django's `escape`
    with its lazy-string wrapper, per cell cost more than all other work on the cells.
    """
    joined = "".join(f'<td class="{css}">{html.escape(cell)}</td>' for cell in cells)
    return mark_safe(joined)  # noqa: S308 (every cell is escaped above)


def row_html(row: OverviewRow, columns: list[Column], fmt: NumberFormatter,
             confirm_column: bool) -> SafeString:
    """One `<tr>` of the overview table, a cell per column; every value is escaped."""
    parts: list[str] = []
    numbers: list[str] = []  # consecutive number cells, escaped and joined at once
    detail = False  # whether `numbers` are cells of detail columns

    def flush():
        if numbers:
            parts.append(number_cells(numbers, DETAIL_NUMBER_CLASS if detail else NUMBER_CLASS))
            numbers.clear()

    for column in columns:
        if column.kind == NUMBER:
            if column.detail != detail:
                flush()
                detail = column.detail
            numbers.append(fmt(column.row(row)))
            continue
        flush()
        if column.kind == NAME:
            parts.append(format_html(
                '<th scope="row"><a href="{}">{}</a></th>',
                municipality_url("municipality_detail", row.municipality.code),
                column.row(row),
            ))
        elif column.kind == UPDATED:
            parts.append(_updated_cell(row))
        elif column.kind == BREAKDOWN:
            parts.append(breakdown_cell(column.row(row), fmt))
        elif column.kind == TEXT:
            parts.append(text_cell(column.row(row)))
    flush()
    if confirm_column:
        parts.append(_confirm_cell(row))
    return mark_safe("<tr>" + "".join(parts) + "</tr>")  # noqa: S308 (parts are escaped)


def text_cell(text: str) -> SafeString:
    """A short explanation folded behind "waarom?" (a native <details>), so a column that
    is empty for most rows does not widen the table; "—" when there is none."""
    if not text:
        return format_html("<td>{}</td>", "—")
    return format_html(
        '<td><details class="or-breakdown"><summary>{}</summary><p>{}</p></details></td>',
        _("waarom?"), text)


def breakdown_cell(parts: list[tuple[str, int]], fmt: NumberFormatter) -> SafeString:
    """An expandable list "label: number" (a native <details>: keyboard and screen reader
    work without script); "—" when there is nothing to break down."""
    if not parts:
        return format_html("<td>{}</td>", "—")
    items = format_html_join("", "<li>{}: {}</li>", ((label, fmt(n)) for label, n in parts))
    summary = _("uitsplitsing")
    return format_html(
        '<td><details class="or-breakdown"><summary>{}</summary><ul>{}</ul></details></td>',
        summary, items)


def _updated_cell(row: OverviewRow) -> SafeString:
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
    return format_html('<td class="or-nowrap">{}{}</td>', updated, stale)


def _confirm_cell(row: OverviewRow) -> SafeString:
    button = ""
    if row.can_confirm:
        municipality = row.municipality
        button = format_html(
            '<button type="submit" form="{}" formaction="{}" '
            'class="or-button or-button--subtle">{}'
            '<span class="or-visually-hidden"> — {}</span></button>',
            CONFIRM_FORM_ID, municipality_url("overview_confirm", municipality.code),
            _("Nog juist"), _("cijfers van %(name)s") % {"name": municipality.name},
        )
    return format_html('<td class="or-screen-only">{}</td>', button)


def totals_html(overview: Overview, columns: list[Column], fmt: NumberFormatter,
                confirm_column: bool) -> SafeString:
    """The totals row: sums where a column has them, the count of stale municipalities."""
    totals = overview.totals
    count = len(overview.rows)
    parts: list[str] = []
    for column in columns:
        if column.kind == TEXT:
            parts.append("<td></td>")
        elif column.kind == NUMBER:
            parts.append(number_cells([fmt(column.total(totals))],
                                      DETAIL_NUMBER_CLASS if column.detail else NUMBER_CLASS))
        elif column.kind == NAME:
            parts.append(format_html('<th scope="row">{}</th>', ngettext(
                "Totaal (%(n)s gemeente)", "Totaal (%(n)s gemeenten)", count) % {"n": count}))
        elif column.kind == BREAKDOWN:
            parts.append(breakdown_cell(column.total(totals), fmt))
        elif column.kind == UPDATED:
            parts.append(format_html("<td>{}</td>", ngettext(
                "%(n)s verouderd", "%(n)s verouderd", totals.stale) % {"n": totals.stale}))
    if confirm_column:
        parts.append('<td class="or-screen-only"></td>')
    return mark_safe("<tr>" + "".join(parts) + "</tr>")  # noqa: S308 (parts are escaped)


def municipality_url(name: str, code: str) -> str:
    """`reverse(name, kwargs={"code": code})`, remembered: a region's rows reverse the same few."""
    return _reversed(name, code, get_script_prefix())


@functools.lru_cache(maxsize=2048)
def _reversed(name: str, code: str, prefix: str) -> str:
    return reverse(name, kwargs={"code": code})

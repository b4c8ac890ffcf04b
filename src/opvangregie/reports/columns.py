"""The columns of the overview "Inzage opgaven asielketen": one specification for every view.

Each column is defined once, below: its key (the `sorteer` parameter), its headers, the group
it belongs to, how to read its value from a row and from the totals, its Excel number format
and width, and whether the page and the deck show it. The page (`reports.presentation`:
header rows, colspans, rows and totals), the Excel export (`reports.xlsx`) and the status
report's overview table (`reports.status_report`: deck, workbook, printable page) all loop
over `overview_columns(overview)`; nothing matches a column by its position.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from opvangregie.capacity.models import HousingInstrument
from opvangregie.core.templatetags.opvangregie import short_date
from opvangregie.reports.overview import (
    Overview,
    OverviewRow,
    OverviewTotals,
    rounded_place_weeks,
    week_label,
)

INTEGER = "#,##0"
PLACE_WEEKS = "#,##0.0"
DAY = "DD-MM-YYYY"

# How the page shows a column's cells (the Excel sheet and the deck show the values as such).
NAME = "name"  # the municipality: a row header with a link
NUMBER = "number"  # a figure; blank as "—"
UPDATED = "updated"  # the last update, with the "verouderd" badge
TEXT = "text"  # a short explanation, e.g. why a quota differs from the plain share
FLAG = "flag"  # a word or nothing ("verouderd"); on the page it is the badge of UPDATED
# A list of (label, number) pairs: on the page an expandable detail; the Excel sheet has a
# number column per part instead (BREAKDOWN columns are page-only: `in_export=False`).
BREAKDOWN = "breakdown"


@dataclass(frozen=True)
class Group:
    """Columns shown under one group header on the page."""

    key: str
    header: str
    # The page's header above the group's detail columns, which fold away (`Column.detail`).
    detail_header: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # on its own: the Excel sheet and the deck
    page_header: str  # on the page, under its group header
    row: Callable[[OverviewRow], object]  # the value in a municipality's row
    total: Callable[[OverviewTotals], object]  # the value in the totals row
    group: Group | None = None
    kind: str = NUMBER
    number_format: str | None = INTEGER
    width: int = 12  # Excel characters; relative width in the deck
    on_page: bool = True
    in_deck: bool = False
    # A detail column (a week of CNO place-weeks): folded away on the page until the reader
    # opens it, so the table fits a laptop screen; the export and the deck are unaffected.
    detail: bool = False
    in_export: bool = True  # the Excel sheet

    @property
    def sortable(self) -> bool:
        return self.key in SORT_KEYS


def amount_text(number: int) -> str:
    return number_format(number, force_grouping=True)


def cno_share_label(overview: Overview) -> str:
    label = _("CNO-aandeel okt–jan")
    if overview.cno_share_computed:
        label += " " + _("(berekend, niet vastgesteld)")
    return label


def instrument_parts(row: OverviewRow | OverviewTotals) -> list[tuple[str, int]]:
    """Of the housed permit holders, how many through each instrument, in the choice order;
    then those of months registered without a breakdown."""
    parts = [(str(label), row.housed_by_instrument[code])
             for code, label in HousingInstrument.choices if row.housed_by_instrument.get(code)]
    if parts and row.housed_unassigned:
        parts.append((_("niet uitgesplitst"), row.housed_unassigned))
    return parts


def overview_columns(overview: Overview) -> list[Column]:
    """Every column of the overview, in order, with the headers of this overview."""
    official, informal = overview.official_target, overview.informal_target
    permit = Group("vergunninghouders", _("Vergunninghouders %(half)s")
                   % {"half": overview.half_year})
    cno = Group("cno", _("Crisisnoodopvang (CNO): plekweken %(start)s – %(end)s")
                % {"start": short_date(overview.cno_start), "end": short_date(overview.cno_end)},
                detail_header=_("CNO-plekweken per week"))
    places = Group("plekken", _("Plekken op de peildatum"))
    housed = _("Gehuisvest t/m %(day)s") % {"day": short_date(overview.as_of)}
    columns = [
        Column("gemeente", _("Gemeente"), _("Gemeente"), lambda r: r.municipality.name,
               lambda t: _("Totaal"), kind=NAME, number_format=None, width=20,
               in_deck=True),
        Column(
            "taakstelling",
            _("Taakstelling %(half)s (%(amount)s)")
            % {"half": overview.half_year, "amount": amount_text(official.amount) if official
               else "—"},
            _("Taakstelling (%(amount)s)") % {"amount": amount_text(official.amount)} if official
            else _("Taakstelling"),
            lambda r: r.quota, lambda t: t.quota, permit, in_deck=True,
        ),
        Column("gehuisvest", housed, housed, lambda r: r.housed, lambda t: t.housed, permit,
               in_deck=True),
        Column("gehuisvest_instrumenten", _("Gehuisvest per instrument"),
               _("Per instrument"), instrument_parts, instrument_parts, permit,
               kind=BREAKDOWN, number_format=None, in_export=False),
        *[
            Column(
                f"gehuisvest_{code}", _("Gehuisvest via %(instrument)s") % {"instrument": label},
                label, lambda r, c=code: r.housed_by_instrument.get(c, 0),
                lambda t, c=code: t.housed_by_instrument.get(c, 0), permit, on_page=False,
            )
            for code, label in HousingInstrument.choices
        ],
        Column("gehuisvest_niet_uitgesplitst", _("Gehuisvest, niet uitgesplitst"),
               _("Niet uitgesplitst"), lambda r: r.housed_unassigned,
               lambda t: t.housed_unassigned, permit, on_page=False),
        Column("overloop", _("Saldo vorig halfjaar"), _("Saldo vorig halfjaar"),
               lambda r: r.carried_over, lambda t: t.carried_over, permit),
        Column("saldo1", _("Saldo I"), _("Saldo I"), lambda r: r.saldo_1, lambda t: t.saldo_1,
               permit, width=9, in_deck=True),
        Column(
            "taakstelling_informeel",
            _("Taakstelling informeel (%(amount)s)")
            % {"amount": amount_text(informal.amount) if informal else "—"},
            _("Taakstelling informeel (%(amount)s)") % {"amount": amount_text(informal.amount)}
            if informal else _("Taakstelling informeel"),
            lambda r: r.quota_informal, lambda t: t.quota_informal, permit,
            in_deck=True,
        ),
        Column("saldo2", _("Saldo II"), _("Saldo II"), lambda r: r.saldo_2,
               lambda t: t.saldo_2, permit, width=9, in_deck=True),
        # Why a quota differs from the plain share: regional agreements (issue 15).
        Column("reden", _("Reden afwijking taakstelling of aandeel"), _("Reden afwijking"),
               lambda r: r.reason, lambda t: None, permit, width=40, in_deck=True, kind=TEXT),
    ]
    for index, week in enumerate(overview.weeks):
        label = week_label(week)
        columns.append(Column(
            f"cno_wk_{week[0]}_{week[1]}", _("CNO-plekweken %(week)s") % {"week": label}, label,
            # One week rounded, not the whole row's list per cell.
            lambda r, i=index: rounded_place_weeks(r.cno_per_week[i]),
            lambda t, i=index: rounded_place_weeks(t.cno_per_week[i]),
            cno, number_format=PLACE_WEEKS, width=10, detail=True,
        ))
    columns += [
        Column("cno", _("CNO-plekweken totaal"), _("Totaal plekweken"),
               lambda r: r.cno_total_rounded, lambda t: t.cno_total_rounded, cno,
               number_format=PLACE_WEEKS, in_deck=True),
        Column("cno_aandeel", cno_share_label(overview), _("Aandeel okt–jan"),
               lambda r: r.cno_share, lambda t: t.cno_share, cno, width=14,
               in_deck=True),
        Column("azc", _("AZC-plekken"), _("AZC"), lambda r: r.azc_places,
               lambda t: t.azc_places, places, in_deck=True),
        Column("oekraine", _("Plekken Oekraïense ontheemden"), _("Oekraïense ontheemden"),
               lambda r: r.ukrainian_places, lambda t: t.ukrainian_places, places, width=14,
               in_deck=True),
        # The target is regional, not distributed: only the totals row has it.
        Column("opgave_oekraine", _("Opgave Oekraïense ontheemden (regio)"),
               _("Opgave Oekraïense ontheemden (regio)"), lambda r: None,
               lambda t: t.ukrainian_target, places, width=14),
        Column("bijgewerkt", _("Laatst bijgewerkt"), _("Laatst bijgewerkt"),
               lambda r: r.last_update_date, lambda t: None, kind=UPDATED, number_format=DAY),
        Column("verouderd", _("Verouderd"), _("Verouderd"),
               lambda r: _("verouderd") if r.stale else "", lambda t: t.stale, kind=FLAG,
               number_format=None, width=10, on_page=False),
    ]
    return columns


# --- sorting ----------------------------------------------------------------------------------

# What the page sorts by where it is not the shown value: the name without case, the exact
# place-weeks rather than the rounded ones, the moment of the last update rather than its day.
SORT_KEYS: dict[str, Callable[[OverviewRow], object]] = {
    "gemeente": lambda r: r.municipality.name.casefold(),
    "taakstelling": lambda r: r.quota,
    "gehuisvest": lambda r: r.housed,
    "overloop": lambda r: r.carried_over,
    "saldo1": lambda r: r.saldo_1,
    "taakstelling_informeel": lambda r: r.quota_informal,
    "saldo2": lambda r: r.saldo_2,
    "reden": lambda r: r.reason,
    "cno": lambda r: r.cno_total,
    "cno_aandeel": lambda r: r.cno_share,
    "azc": lambda r: r.azc_places,
    "oekraine": lambda r: r.ukrainian_places,
    "bijgewerkt": lambda r: r.last_update,
}
DEFAULT_SORT = "gemeente"


def sorted_rows(rows: list[OverviewRow], key: str, *, descending: bool = False):
    """Rows sorted by a column; blanks (no target, never updated) always last, ties by name."""
    getter = SORT_KEYS.get(key, SORT_KEYS[DEFAULT_SORT])
    with_value = [r for r in rows if getter(r) is not None]
    blank = [r for r in rows if getter(r) is None]
    by_name = sorted(with_value, key=SORT_KEYS[DEFAULT_SORT])
    ordered = sorted(by_name, key=getter, reverse=descending)
    return ordered + sorted(blank, key=SORT_KEYS[DEFAULT_SORT])

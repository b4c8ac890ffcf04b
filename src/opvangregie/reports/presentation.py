"""The overview's numbers as the page shows them, formatted once per request.

Formatting ~400 cells through template filters took longer than computing the overview; here
each cell is formatted with the active language's separators (Dutch: 1.234 and 150,0) by plain
Python. Blanks (no target, nothing to compute) show as "—".
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import get_format

from opvangregie.reports.overview import Overview, OverviewRow, OverviewTotals

BLANK = "—"


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
class PageRow:
    row: OverviewRow
    cells: list[str]


def _figures(item: OverviewRow | OverviewTotals) -> list:
    return [
        item.quota, item.housed, item.carried_over, item.saldo_1, item.quota_informal,
        item.saldo_2, *item.cno_per_week_rounded, item.cno_total_rounded, item.cno_share,
        item.azc_places, item.ukrainian_places,
    ]


def page_rows(rows: list[OverviewRow]) -> list[PageRow]:
    """Per municipality the number cells in the order of the table's columns."""
    fmt = NumberFormatter()
    return [PageRow(row, [fmt(value) for value in _figures(row)] + [BLANK]) for row in rows]


def total_cells(overview: Overview) -> list[str]:
    fmt = NumberFormatter()
    totals = overview.totals
    return [fmt(value) for value in _figures(totals)] + [fmt(totals.ukrainian_target)]

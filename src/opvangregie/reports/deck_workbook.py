"""The status report as an Excel workbook: one sheet per section of the deck.

The same sections, tables and numbers as the deck and the printable page; numbers stay
numbers (place-weeks with one decimal), dates stay dates. Every sheet starts with its title,
the reference date and its source. Charts are native Excel charts over the figures below them.
"""

from datetime import date
from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from opvangregie.reports.status_report import Section, StatusReport, Table
from opvangregie.safecells import write_cell

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INVALID_SHEET_CHARACTERS = str.maketrans({c: " " for c in "[]:*?/\\"})
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)


def file_name(report: StatusReport) -> str:
    return f"tussenstand-{report.region.code}-{report.as_of.isoformat()}.xlsx"


def sheet_title(section: Section, used: set[str]) -> str:
    title = section.title.translate(INVALID_SHEET_CHARACTERS)[:31].strip()
    candidate, n = title, 2
    while candidate in used:
        suffix = f" {n}"
        candidate = title[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate)
    return candidate


def _value(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def _format(value) -> str | None:
    if isinstance(value, Decimal):
        return "#,##0.0"
    if isinstance(value, int) and not isinstance(value, bool):
        return "#,##0"
    if isinstance(value, date):
        return "DD-MM-YYYY"
    return None


def _write_table(sheet, table: Table, row: int) -> int:
    write_cell(sheet, row, 1, table.caption).font = BOLD
    row += 1
    for col, header in enumerate(table.headers, start=1):
        cell = write_cell(sheet, row, col, header)
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = len(table.rows) - 1
    for index, values in enumerate(table.rows):
        row += 1
        for col, value in enumerate(values, start=1):
            cell = write_cell(sheet, row, col, _value(value))
            number_format = _format(value)
            if number_format:
                cell.number_format = number_format
            if not table.numeric[col - 1]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if table.has_total_row and index == last:
                cell.font = BOLD
    return row + 2


def _write_chart(sheet, section: Section, row: int) -> int:
    chart = section.chart
    write_cell(sheet, row, 1, _("Grafiekgegevens: %(title)s") % {
        "title": chart.title}).font = BOLD
    header = row + 1
    write_cell(sheet, header, 1, _("Categorie")).font = BOLD
    for col, (name, _values) in enumerate(chart.series, start=2):
        write_cell(sheet, header, col, name).font = BOLD
    for index, category in enumerate(chart.categories, start=1):
        write_cell(sheet, header + index, 1, category)
        for col, (_name, values) in enumerate(chart.series, start=2):
            cell = write_cell(sheet, header + index, col, values[index - 1])
            cell.number_format = chart.number_format
    last = header + len(chart.categories)
    if chart.kind == "line":
        graphic = LineChart()
    else:
        graphic = BarChart()
        graphic.type = "bar" if chart.kind == "bar" else "col"
    graphic.title = chart.title
    graphic.height, graphic.width = 9, 18
    data = Reference(sheet, min_col=2, max_col=1 + len(chart.series), min_row=header,
                     max_row=last)
    graphic.add_data(data, titles_from_data=True)
    graphic.set_categories(Reference(sheet, min_col=1, min_row=header + 1, max_row=last))
    column = get_column_letter(max(3 + len(chart.series), 5))
    sheet.add_chart(graphic, f"{column}{row}")
    return max(last + 2, row + 20)


def _write_section(sheet, report: StatusReport, section: Section) -> None:
    write_cell(sheet, 1, 1, section.title).font = TITLE
    write_cell(sheet, 2, 1, report.as_of_line)
    write_cell(sheet, 3, 1, _("Bron: %(source)s") % {"source": section.source})
    row = 5
    for line in section.lines:
        write_cell(sheet, row, 1, line)
        row += 1
    row += 1
    for table in section.tables:
        row = _write_table(sheet, table, row)
    if section.chart is not None and section.chart.categories:
        _write_chart(sheet, section, row)
    widths = [24] + [14] * 12
    for table in section.tables:
        if table.widths:
            for index, weight in enumerate(table.widths):
                widths[index] = max(widths[index], min(60, weight * 1.2))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def build_workbook(report: StatusReport) -> Workbook:
    workbook = Workbook()
    cover = workbook.active
    cover.title = _("Tussenstand")
    write_cell(cover, 1, 1, report.title).font = TITLE
    write_cell(cover, 2, 1, report.as_of_line)
    write_cell(cover, 4, 1, _("Onderdelen")).font = BOLD
    used = {cover.title}
    for index, section in enumerate(report.sections, start=5):
        title = sheet_title(section, used)
        write_cell(cover, index, 1, title)
        _write_section(workbook.create_sheet(title), report, section)
    cover.column_dimensions["A"].width = 70
    return workbook


def workbook_bytes(report: StatusReport) -> bytes:
    buffer = BytesIO()
    build_workbook(report).save(buffer)
    return buffer.getvalue()

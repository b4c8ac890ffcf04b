"""Reading national and regional figures from a CSV or Excel file: every row checked first.

Reading and checking are pure (no writes): `parse_rows` turns the file's rows into
`FigureRow`s and `RowError`s that name the row as the spreadsheet shows it and the column.
Only when no row has an error does the view hand the rows to
`services.series_values_import`, which writes them all in one transaction.

The cell rules (dates, counts, text) and the workbook limits are those of the capacity
upload (`capacity.upload`), so one date or number is accepted or refused the same way.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from opvangregie import input_limits
from opvangregie.capacity.upload import (
    CellError,
    RowError,
    UploadFileError,
    parse_count,
    parse_date,
    parse_text,
    read_workbook,
)

SHEET = "Reeksen"  # the sheet read from a workbook; a CSV file is one sheet of this name
MAX_ROWS = 10_000
MAX_CSV_SIZE = input_limits.MAX_XLSX_FILE_SIZE
HEADERS = {
    "reeks": "series",
    "datum": "day",
    "waarde": "value",
    "bron": "source",
    "illustratief": "illustrative",
}
REQUIRED = ("reeks", "datum", "waarde", "bron")
YES = {"ja", "j", "yes", "y", "1", "true", "waar", "x"}
NO = {"", "nee", "n", "no", "0", "false", "onwaar"}


@dataclass
class FigureRow:
    row: int
    series_code: str
    day: date
    value: int
    source: str
    is_illustrative: bool
    series: object = None  # set by `resolve_rows`


@dataclass
class ParsedFigures:
    rows: list[FigureRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _illustrative(value) -> bool:
    text = "" if value is None else str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(_("'%(value)s' is geen ja of nee.") % {"value": value})


def rows_from_file(fileobj, *, name: str, size: int | None = None) -> list[tuple]:
    """The file's rows (header first) as tuples of cell values; UploadFileError otherwise."""
    lowered = name.lower()
    if lowered.endswith(".csv"):
        if size is not None and size > MAX_CSV_SIZE:
            raise UploadFileError(_("Het bestand is groter dan %(mb)s MB.") % {
                "mb": MAX_CSV_SIZE // (1024 * 1024)})
        raw = fileobj.read(MAX_CSV_SIZE + 1)
        if len(raw) > MAX_CSV_SIZE:
            raise UploadFileError(_("Het bestand is groter dan %(mb)s MB.") % {
                "mb": MAX_CSV_SIZE // (1024 * 1024)})
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UploadFileError(_("Het CSV-bestand is geen UTF-8-tekst. Sla het op als "
                                    "'CSV UTF-8' en probeer het opnieuw.")) from None
        # Dutch Excel writes semicolons; others write commas.
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
        return [tuple(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    if lowered.endswith(".xlsx"):
        workbook = read_workbook(fileobj, name=name, size=size)
        try:
            sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
            return [tuple(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    raise UploadFileError(_("Alleen CSV- (.csv) en Excel-bestanden (.xlsx) kunnen worden "
                            "ingelezen."))


def parse_rows(rows: list[tuple]) -> ParsedFigures:
    """Check every row; an error names the row number as the spreadsheet shows it."""
    parsed = ParsedFigures()
    if not rows:
        parsed.errors.append(RowError(SHEET, None, None, _("het bestand is leeg.")))
        return parsed
    positions: dict[str, int] = {}
    for index, header in enumerate(rows[0]):
        key = "" if header is None else str(header).strip().lower()
        if key in HEADERS:
            positions[key] = index
    missing = [header for header in REQUIRED if header not in positions]
    if missing:
        parsed.errors.append(RowError(SHEET, 1, None, _(
            "de kolommen %(missing)s ontbreken; verwacht: Reeks, Datum, Waarde, Bron en "
            "eventueel Illustratief.") % {"missing": ", ".join(m.capitalize() for m in missing)}))
        return parsed
    if len(rows) - 1 > MAX_ROWS:
        parsed.errors.append(RowError(SHEET, None, None, _(
            "meer dan %(n)s rijen; verdeel de cijfers over meer bestanden.") % {"n": MAX_ROWS}))
        return parsed
    parsers = {
        "reeks": lambda v: parse_text(v).lower(),
        "datum": parse_date,
        "waarde": parse_count,
        "bron": parse_text,
        "illustratief": _illustrative,
    }
    for number, row in enumerate(rows[1:], start=2):
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        values = {}
        for header, position in positions.items():
            cell = row[position] if position < len(row) else None
            try:
                values[header] = parsers[header](cell)
            except CellError as exc:
                parsed.errors.append(RowError(SHEET, number, header.capitalize(), str(exc)))
        for header in ("reeks", "bron"):
            if header in values and not values[header]:
                parsed.errors.append(RowError(SHEET, number, header.capitalize(),
                                              _("vul dit in.")))
                values.pop(header)
        if all(header in values for header in REQUIRED):
            parsed.rows.append(FigureRow(
                row=number, series_code=values["reeks"], day=values["datum"],
                value=values["waarde"], source=values["bron"],
                is_illustrative=values.get("illustratief", False),
            ))
    return parsed


def resolve_rows(parsed: ParsedFigures, *, series_by_code: dict, may_enter) -> ParsedFigures:
    """Attach each row's series; a row naming an unknown or closed series is an error."""
    seen: dict[tuple[str, date], int] = {}
    for row in parsed.rows:
        series = series_by_code.get(row.series_code)
        if series is None:
            parsed.errors.append(RowError(SHEET, row.row, "Reeks", _(
                "'%(code)s' is geen bekende reeks.") % {"code": row.series_code}))
            continue
        if not may_enter(series):
            parsed.errors.append(RowError(SHEET, row.row, "Reeks", _(
                "u mag de reeks '%(code)s' niet aanvullen.") % {"code": row.series_code}))
            continue
        key = (row.series_code, row.day)
        if key in seen:
            parsed.errors.append(RowError(SHEET, row.row, "Datum", _(
                "dezelfde reeks en datum staan ook in rij %(other)s.") % {"other": seen[key]}))
            continue
        seen[key] = row.row
        row.series = series
    parsed.errors.sort(key=lambda error: (error.row or 0))
    return parsed

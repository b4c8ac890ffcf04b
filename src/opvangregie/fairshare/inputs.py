"""Reading a distribution table from CSV or XLSX, with Dutch errors that point at the cell.

* CSV: UTF-8 with or without BOM; the separator (``;``, ``,`` or tab) is taken from the header
  line. Rows are counted as data rows (1 = first row under the header) and as file lines.
* XLSX: the first sheet, read-only; rows are also reported with their Excel row number.
* Numbers may use a decimal point or a Dutch decimal comma: ``1234.5``, ``1234,5``,
  ``1.234,5`` and ``1,234.5`` all mean 1234.5. A single ``.`` or ``,`` is always the decimal
  separator (``1.234`` is 1.234, not 1234); thousands separators are recognised when both
  separators occur or one of them occurs more than once (``1.234.567``).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

from opvangregie.input_limits import (
    MAX_XLSX_FILE_SIZE,
    MAX_XLSX_UNPACKED_SIZE,
    XlsxLimitError,
    check_xlsx_archive,
    read_limited,
)

from .errors import FairShareError

_NUMBER = re.compile(r"^[+-]?(\d[\d.,]*|[.,]\d+)$")


@dataclass(frozen=True)
class Row:
    number: int  # 1-based data row
    line: int  # file line (CSV) or Excel row (XLSX)
    values: dict[str, object]


@dataclass(frozen=True)
class Table:
    path: str
    columns: list[str]
    rows: list[Row]
    excel: bool

    def where(self, row: Row, *, capital: bool = False) -> str:
        """Where a row is, in words: data row number and file line (or Excel row)."""
        word = "Rij" if capital else "rij"
        if self.excel:
            return f"{word} {row.number} (Excel-rij {row.line})"
        return f"{word} {row.number} (regel {row.line} van het bestand)"

    def column(self, wanted: str) -> str:
        """The real column name for ``wanted`` (exact, else case-insensitive)."""
        if wanted in self.columns:
            return wanted
        for column in self.columns:
            if column.lower() == wanted.strip().lower():
                return column
        raise FairShareError(
            f"De kolom '{wanted}' bestaat niet in {self.path}. Beschikbare kolommen: "
            f"{', '.join(self.columns)}.",
            code="missing_column",
        )

    def number(self, row: Row, column: str, *, empty: Fraction | None = None) -> Fraction | None:
        """The cell as an exact, non-negative number; ``empty`` when the cell is blank."""
        raw = row.values.get(column)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if empty is None:
                raise FairShareError(
                    f"{self.where(row, capital=True)}, kolom '{column}': de cel is leeg.",
                    code="empty_cell",
                )
            return empty
        value = parse_number(raw)
        if value is None:
            raise FairShareError(
                f"{self.where(row, capital=True)}, kolom '{column}': '{raw}' is geen getal.",
                code="not_a_number",
            )
        if value < 0:
            raise FairShareError(
                f"{self.where(row, capital=True)}, kolom '{column}': {raw} is negatief; "
                "alleen 0 of meer is toegestaan.",
                code="negative",
            )
        return value


def parse_number(raw: object) -> Fraction | None:
    """An exact number from a cell, or None when it is not a number (see module docstring)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Fraction(raw)
    if isinstance(raw, float):
        return Fraction(repr(raw)) if raw == raw and abs(raw) != float("inf") else None
    if isinstance(raw, Decimal):
        return Fraction(raw) if raw.is_finite() else None
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(text):
        return None
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        if text.count(decimal_mark) > 1:
            return None
        text = text.replace(thousands, "").replace(",", ".")
    elif commas > 1 or dots > 1:
        text = text.replace(",", "").replace(".", "")
    else:
        text = text.replace(",", ".")
    try:
        return Fraction(Decimal(text))
    except (InvalidOperation, ValueError):
        return None


def read_table(path: str | Path) -> Table:
    """Read the first sheet of an XLSX file, or a CSV file, into a :class:`Table`."""
    path = Path(path)
    if not path.is_file():
        raise FairShareError(f"Het bestand {path} bestaat niet.", code="missing_file")
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        header, records = _read_xlsx(path)
        excel = True
    else:
        header, records = _read_csv(path)
        excel = False
    columns = [str(c).strip() if c is not None else "" for c in header]
    if not any(columns):
        raise FairShareError(f"Het bestand {path} heeft geen kopregel.", code="empty_file")
    for index, column in enumerate(columns):
        if not column:
            raise FairShareError(
                f"Kolom {index + 1} in de kopregel van {path} heeft geen naam.", code="bad_header"
            )
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        raise FairShareError(
            f"Kolomnamen komen dubbel voor in {path}: {', '.join(duplicates)}.", code="bad_header"
        )
    rows = []
    for line, cells in records:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        if len(cells) > len(columns) and any(
            c is not None and str(c).strip() for c in cells[len(columns) :]
        ):
            where = f"Excel-rij {line}" if excel else f"regel {line} van het bestand"
            raise FairShareError(
                f"{where[0].upper() + where[1:]} heeft meer cellen dan de kopregel kolommen heeft.",
                code="bad_row",
            )
        values = {
            column: (cells[i] if i < len(cells) else None) for i, column in enumerate(columns)
        }
        rows.append(Row(number=len(rows) + 1, line=line, values=values))
    if not rows:
        raise FairShareError(f"Het bestand {path} bevat geen gegevensrijen.", code="empty_file")
    return Table(path=str(path), columns=columns, rows=rows, excel=excel)


def _read_csv(path: Path) -> tuple[list[object], list[tuple[int, list[object]]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FairShareError(
            f"Het bestand {path} is geen UTF-8-tekst; sla het op als 'CSV UTF-8'.",
            code="bad_encoding",
        ) from error
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    if not header_line:
        raise FairShareError(f"Het bestand {path} is leeg.", code="empty_file")
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t")}
    delimiter = max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[object]]] = []
    header: list[object] | None = None
    try:
        for cells in reader:
            if header is None:
                if not any(cell.strip() for cell in cells):
                    continue
                header = list(cells)
                continue
            records.append((reader.line_num, list(cells)))
    except csv.Error as error:
        raise FairShareError(
            f"Regel {reader.line_num} van {path} is geen geldige CSV: {error}.", code="bad_csv"
        ) from error
    return header or [], records


def _read_xlsx(path: Path) -> tuple[list[object], list[tuple[int, list[object]]]]:
    from openpyxl import load_workbook

    unreadable = f"Het bestand {path} is geen leesbaar Excel-bestand (.xlsx)."
    try:
        data = read_limited(path)
        check_xlsx_archive(data)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except XlsxLimitError as error:
        if error.kind == "too_large":
            raise FairShareError(
                f"Het bestand {path} is groter dan {MAX_XLSX_FILE_SIZE // (1024 * 1024)} MB.",
                code="too_large",
            ) from None
        if error.kind == "unpacked_too_large":
            raise FairShareError(
                f"Het bestand {path} is uitgepakt groter dan "
                f"{MAX_XLSX_UNPACKED_SIZE // (1024 * 1024)} MB en wordt niet ingelezen.",
                code="too_large",
            ) from None
        raise FairShareError(unreadable, code="bad_xlsx") from None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise FairShareError(unreadable, code="bad_xlsx") from error
    try:
        sheet = workbook.worksheets[0]
        header: list[object] = []
        records: list[tuple[int, list[object]]] = []
        for line, cells in enumerate(
            _readable_rows(sheet.iter_rows(values_only=True), path), start=1
        ):
            values = list(cells)
            if not header:
                if any(v is not None and str(v).strip() for v in values):
                    header = values
                    while header and (header[-1] is None or not str(header[-1]).strip()):
                        header.pop()
                continue
            records.append((line, values))
        return header, records
    finally:
        workbook.close()


def _readable_rows(rows, path: Path):
    """openpyxl converts cells while iterating and raises on values Python cannot hold (a
    number of thousands of digits, a date beyond the year 9999): name the Excel row."""
    line = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except (ValueError, OverflowError, ArithmeticError):
            raise FairShareError(
                f"Excel-rij {line + 1} van {path} kan niet worden gelezen: een cel bevat een "
                "getal met te veel cijfers of een onmogelijke datum.",
                code="bad_xlsx",
            ) from None
        line += 1
        yield row

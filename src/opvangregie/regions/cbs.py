"""Reading CBS StatLine exports in the format of table 70072NED ("Regionale kerncijfers").

Parsing only: nothing here touches the database, so a malformed file is rejected as a whole
before anything is written.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from opvangregie import input_limits

PERIOD = "Perioden"
REGION = "Regio's"
# Matched on part of the StatLine column title, which carries the topic path and unit.
VALUE_COLUMNS = {
    "population": "totale bevolking",
    "population_density": "bevolkingsdichtheid",
    "land_area": "oppervlakte land",
}
YEAR = re.compile(r"^(\d{4})(JJ00)?$")
# Below the smallest max_digits of the value columns (IndicatorValue: 14 digits, 2 decimals).
MAX_VALUE = Decimal(10) ** 12
MAX_REPORTED_ERRORS = 20


class CbsFileError(ValueError):
    """A file that cannot be read as a whole; `problems` name line and column in Dutch."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class CbsValue:
    line: int
    region_name: str
    indicator: str
    reference_date: date
    value: Decimal


@dataclass
class CbsFile:
    values: list[CbsValue] = field(default_factory=list)
    rows: int = 0


def _number(text: str) -> Decimal | None:
    text = text.strip()
    if text in {"", ".", "-"}:  # StatLine writes "." or nothing for "no figure"
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    value = Decimal(text)
    if not value.is_finite():  # "NaN", "Infinity"
        raise InvalidOperation(text)
    return value


def _clipped(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 40 else f"{text[:20]}… ({len(text)} tekens)"


def parse_cbs_file(raw: bytes) -> CbsFile:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CbsFileError(
            [_("Het bestand is geen UTF-8-tekst (fout bij byte %(pos)s).") % {"pos": error.start}]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"')
    try:
        header = next(reader)
    except StopIteration:
        raise CbsFileError([_("Het bestand is leeg.")]) from None
    header = [title.strip() for title in header]
    columns = {title.lower(): index for index, title in enumerate(header)}
    problems = []
    for required in (PERIOD, REGION):
        if required.lower() not in columns:
            problems.append(
                _("Regel 1: de kolom '%(column)s' ontbreekt in de kopregel.") % {"column": required}
            )
    value_columns = {
        code: index
        for code, fragment in VALUE_COLUMNS.items()
        for index, title in enumerate(header)
        if fragment in title.lower()
    }
    if not value_columns:
        problems.append(
            _(
                "Regel 1: geen bekende kolom met cijfers gevonden (verwacht bijvoorbeeld "
                "'Totale bevolking' of 'Bevolkingsdichtheid')."
            )
        )
    if problems:
        raise CbsFileError(problems)

    period_at, region_at = columns[PERIOD.lower()], columns[REGION.lower()]
    parsed = CbsFile()
    for line_number, row in enumerate(reader, start=2):
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(problems) >= MAX_REPORTED_ERRORS:
            break
        parsed.rows += 1
        if len(row) != len(header):
            problems.append(
                _("Regel %(line)s: %(found)s velden gevonden, %(expected)s verwacht.")
                % {"line": line_number, "found": len(row), "expected": len(header)}
            )
            continue
        year = YEAR.match(row[period_at].strip())
        if not year:
            problems.append(
                _("Regel %(line)s, kolom '%(column)s': '%(value)s' is geen jaartal.")
                % {"line": line_number, "column": PERIOD, "value": row[period_at]}
            )
            continue
        if not input_limits.is_plausible_date(date(max(int(year[1]), 1), 1, 1)):
            problems.append(
                _("Regel %(line)s, kolom '%(column)s': jaar %(value)s: %(message)s")
                % {"line": line_number, "column": PERIOD, "value": year[1],
                   "message": _(input_limits.DATE_RANGE_MESSAGE)}
            )
            continue
        region_name = row[region_at].strip()
        if not region_name:
            problems.append(
                _("Regel %(line)s, kolom '%(column)s': de naam ontbreekt.")
                % {"line": line_number, "column": REGION}
            )
            continue
        for indicator, index in value_columns.items():
            try:
                value = _number(row[index])
            except InvalidOperation:
                problems.append(
                    _("Regel %(line)s, kolom '%(column)s': '%(value)s' is geen getal.")
                    % {"line": line_number, "column": header[index], "value": row[index]}
                )
                continue
            if value is None:
                continue
            if value < 0:
                problems.append(
                    _("Regel %(line)s, kolom '%(column)s': %(value)s is negatief.")
                    % {"line": line_number, "column": header[index], "value": row[index]}
                )
                continue
            if value >= MAX_VALUE:
                problems.append(
                    _("Regel %(line)s, kolom '%(column)s': %(value)s is te groot.")
                    % {"line": line_number, "column": header[index],
                       "value": _clipped(row[index])}
                )
                continue
            parsed.values.append(
                CbsValue(line_number, region_name, indicator, date(int(year[1]), 1, 1), value)
            )
    if problems:
        raise CbsFileError(problems)
    if parsed.rows == 0:
        raise CbsFileError([_("Het bestand bevat geen regels met gegevens.")])
    return parsed

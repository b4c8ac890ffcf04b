"""Entering figures from an Excel file: the template, reading, and checking every row.

Reading and checking are separate from writing: `read_workbook` and `parse_workbook` are pure
functions that turn a file into rows and errors; `resolve_rows` checks the rows against what the
user may change (passed in as plain dictionaries); only when no row has an error does the view
hand the rows to `services.figures_upload_register`, which writes them all in one transaction.

Every error names the sheet, the row number as Excel shows it and the column header, so an
officer can find the cell: "Blad 'Capaciteit', rij 4, kolom 'Plekken': 'veel' is geen geheel
getal."
"""

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from opvangregie import input_limits
from opvangregie.capacity.models import CapacityKind
from opvangregie.safecells import append_row

CAPACITY_SHEET = "Capaciteit"
HOUSING_SHEET = "Vergunninghouders"
HELP_SHEET = "Toelichting"

MAX_FILE_SIZE = input_limits.MAX_XLSX_FILE_SIZE  # shared with `opvangregie distribute`
MAX_UNPACKED_SIZE = input_limits.MAX_XLSX_UNPACKED_SIZE
MAX_ROWS = 10_000  # per sheet
MAX_ERRORS = 50  # shown; the rest are counted
MAX_NUMBER = 1_000_000
MAX_REASON = 300

KIND_WORDS = {
    "gerealiseerd": CapacityKind.REALISED,
    "gepland": CapacityKind.PLANNED,
    "realised": CapacityKind.REALISED,
    "realized": CapacityKind.REALISED,
    "planned": CapacityKind.PLANNED,
}


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    required: bool  # the header must be present (a cell may still be optional)


CAPACITY_COLUMNS = (
    Column("Locatie-ID", "location_id", True),
    Column("Locatie", "location_name", False),
    Column("Gemeente", "municipality", False),
    Column("Vanaf", "valid_from", True),
    Column("Tot en met", "valid_to", True),
    Column("Plekken", "places", True),
    Column("Bezetting", "occupancy", True),
    Column("Soort", "kind", True),
    Column("Toelichting", "reason", False),
)
HOUSING_COLUMNS = (
    Column("Gemeente", "municipality", True),
    Column("Maand", "month", True),
    Column("Gehuisvest", "housed", True),
    Column("Toelichting", "reason", False),
)
SHEETS = {CAPACITY_SHEET: CAPACITY_COLUMNS, HOUSING_SHEET: HOUSING_COLUMNS}


class UploadFileError(Exception):
    """The file as a whole cannot be read (too large, not an .xlsx, damaged)."""


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None and self.column is None:
            return _("Blad '%(sheet)s': %(message)s") % {"sheet": self.sheet,
                                                          "message": self.message}
        if self.column is None:
            return _("Blad '%(sheet)s', rij %(row)s: %(message)s") % {
                "sheet": self.sheet, "row": self.row, "message": self.message}
        if self.row is None:
            return _("Blad '%(sheet)s', kolom '%(column)s': %(message)s") % {
                "sheet": self.sheet, "column": self.column, "message": self.message}
        return _("Blad '%(sheet)s', rij %(row)s, kolom '%(column)s': %(message)s") % {
            "sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}


@dataclass
class CapacityRow:
    row: int
    location_id: int
    valid_from: date
    valid_to: date | None
    places: int
    occupancy: int | None
    kind: str
    reason: str = ""
    location: object = None  # set by resolve_rows


@dataclass
class HousingRow:
    row: int
    municipality_ref: str
    month: date
    housed: int
    reason: str = ""
    municipality: object = None  # set by resolve_rows


@dataclass
class ParsedUpload:
    capacity_rows: list[CapacityRow] = field(default_factory=list)
    housing_rows: list[HousingRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.capacity_rows) + len(self.housing_rows)

    def shown_errors(self) -> list[RowError]:
        return self.errors[:MAX_ERRORS]

    @property
    def hidden_error_count(self) -> int:
        return max(0, len(self.errors) - MAX_ERRORS)


# --- reading the file -------------------------------------------------------------------------


def read_workbook(fileobj, *, name: str = "", size: int | None = None):
    """Open an uploaded .xlsx file read-only; UploadFileError with a Dutch message otherwise."""
    from openpyxl import load_workbook

    if name and not name.lower().endswith(".xlsx"):
        raise UploadFileError(_("Alleen Excel-bestanden (.xlsx) kunnen worden ingelezen."))
    if size is not None and size > MAX_FILE_SIZE:
        raise UploadFileError(
            _("Het bestand is groter dan %(mb)s MB. Verdeel de cijfers over meer bestanden.")
            % {"mb": MAX_FILE_SIZE // (1024 * 1024)}
        )
    not_xlsx = _("Dit is geen geldig Excel-bestand (.xlsx). Sla het in Excel op als "
                 "'Excel-werkmap (*.xlsx)' en probeer het opnieuw.")
    data = fileobj.read(MAX_FILE_SIZE + 1)
    try:
        input_limits.check_xlsx_archive(data)
    except input_limits.XlsxLimitError as exc:
        if exc.kind == "too_large":
            raise UploadFileError(
                _("Het bestand is groter dan %(mb)s MB. Verdeel de cijfers over meer bestanden.")
                % {"mb": MAX_FILE_SIZE // (1024 * 1024)}
            ) from None
        if exc.kind == "unpacked_too_large":
            raise UploadFileError(_("Het bestand is uitgepakt te groot om in te lezen.")) from None
        raise UploadFileError(not_xlsx) from None
    buffer = io.BytesIO(data)
    buffer.seek(0)
    try:
        return load_workbook(buffer, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise UploadFileError(not_xlsx) from exc


# --- cell values ------------------------------------------------------------------------------


class CellError(ValueError):
    pass


def _shown(value) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"'{value.day}-{value.month}-{value.year}'"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"'{value}'"


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")


def parse_date(value) -> date:
    day = _as_date(value)
    if not input_limits.is_plausible_date(day):
        raise CellError(_("%(value)s: %(message)s") % {
            "value": _shown(day), "message": _(input_limits.DATE_RANGE_MESSAGE)})
    return day


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise CellError(
        _("%(value)s is geen datum; gebruik een Excel-datum of dag-maand-jaar, "
          "bijvoorbeeld 1-6-2022.") % {"value": _shown(value)}
    )


MONTH_PATTERNS = (
    re.compile(r"^(?P<year>\d{4})[-/](?P<month>\d{1,2})$"),
    re.compile(r"^(?P<month>\d{1,2})[-/](?P<year>\d{4})$"),
)


def parse_month(value) -> date:
    if isinstance(value, str):
        text = value.strip()
        for pattern in MONTH_PATTERNS:
            match = pattern.match(text)
            if match and 1 <= int(match["month"]) <= 12:
                month = date(int(match["year"]), int(match["month"]), 1)
                if not input_limits.is_plausible_date(month):
                    raise CellError(_("%(value)s: %(message)s") % {
                        "value": _shown(value), "message": _(input_limits.DATE_RANGE_MESSAGE)})
                return month
    try:
        day = _as_date(value)
    except CellError:
        raise CellError(
            _("%(value)s is geen maand; gebruik jaar-maand (2022-06) of een datum in die "
              "maand.") % {"value": _shown(value)}
        ) from None
    return parse_date(day).replace(day=1)


def parse_count(value) -> int:
    number = None
    if isinstance(value, str) and len(value.strip()) > input_limits.MAX_NUMBER_DIGITS:
        # Python will not even convert such a digit string; no count is that long.
        raise CellError(_("het getal heeft meer dan %(n)s cijfers; vul een aantal tot %(max)s "
                          "in.") % {"n": input_limits.MAX_NUMBER_DIGITS,
                                    "max": f"{MAX_NUMBER:,}".replace(",", ".")})
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif (isinstance(value, float) and value.is_integer()) or (
        isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value)
    ):
        number = int(value)
    if number is None:
        raise CellError(_("%(value)s is geen geheel getal.") % {"value": _shown(value)})
    if number < 0:
        raise CellError(_("%(value)s is negatief; vul 0 of meer in.") % {"value": _shown(value)})
    if number > MAX_NUMBER:
        raise CellError(_("%(value)s is groter dan %(max)s.") % {
            "value": _shown(value), "max": f"{MAX_NUMBER:,}".replace(",", ".")})
    return number


def parse_kind(value) -> str:
    if _is_empty(value):
        return CapacityKind.REALISED
    kind = KIND_WORDS.get(str(value).strip().lower())
    if kind is None:
        raise CellError(_("%(value)s is geen soort; kies 'gepland' of 'gerealiseerd'.")
                        % {"value": _shown(value)})
    return kind


def parse_text(value) -> str:
    text = "" if _is_empty(value) else str(value).strip()
    if len(text) > MAX_REASON:
        raise CellError(_("de tekst is langer dan %(n)s tekens.") % {"n": MAX_REASON})
    return text


# --- the sheets -------------------------------------------------------------------------------


def _header_positions(sheet: str, header_row, columns, errors) -> dict[str, int] | None:
    by_header = {c.header.lower(): c for c in columns}
    positions: dict[str, int] = {}
    for index, value in enumerate(header_row or ()):
        if _is_empty(value):
            continue
        column = by_header.get(str(value).strip().lower())
        if column is None:
            continue  # extra columns (notes) are ignored
        if column.key in positions:
            errors.append(RowError(sheet, 1, column.header,
                                   _("deze kolom staat twee keer in de kopregel.")))
            return None
        positions[column.key] = index
    missing = [c.header for c in columns if c.required and c.key not in positions]
    for header in missing:
        errors.append(RowError(
            sheet, 1, header,
            _("deze kolom ontbreekt in de kopregel. Gebruik het sjabloon; de kopregel moet "
              "staan in rij 1."),
        ))
    return None if missing else positions


def _cells(row, positions: dict[str, int]) -> dict:
    return {key: (row[index] if index < len(row) else None) for key, index in positions.items()}


class _RowParser:
    def __init__(self, sheet: str, row: int, columns, errors: list[RowError]):
        self.sheet, self.row, self.errors = sheet, row, errors
        self.headers = {c.key: c.header for c in columns}
        self.ok = True

    def take(self, key: str, value, parse, *, required: bool):
        if _is_empty(value):
            if required:
                self.fail(key, _("vul dit veld in."))
            return None
        try:
            return parse(value)
        except CellError as exc:
            self.fail(key, str(exc))
            return None

    def fail(self, key: str | None, message: str) -> None:
        self.ok = False
        self.errors.append(RowError(self.sheet, self.row,
                                    self.headers[key] if key else None, message))


def _short(day: date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def _parse_capacity_row(number: int, cells: dict, errors) -> CapacityRow | None:
    figures = ("valid_from", "valid_to", "places", "occupancy")
    if all(_is_empty(cells.get(k)) for k in figures):
        return None  # a listed location without figures (as in the template): nothing to do
    p = _RowParser(CAPACITY_SHEET, number, CAPACITY_COLUMNS, errors)
    location_id = p.take("location_id", cells.get("location_id"), parse_count, required=True)
    valid_from = p.take("valid_from", cells.get("valid_from"), parse_date, required=True)
    valid_to = p.take("valid_to", cells.get("valid_to"), parse_date, required=False)
    places = p.take("places", cells.get("places"), parse_count, required=True)
    occupancy = p.take("occupancy", cells.get("occupancy"), parse_count, required=False)
    kind = p.take("kind", cells.get("kind"), parse_kind, required=False) or (
        CapacityKind.REALISED
    )
    reason = p.take("reason", cells.get("reason"), parse_text, required=False) or ""
    if valid_from and valid_to and valid_to < valid_from:
        p.fail("valid_to", _("%(to)s ligt vóór 'Vanaf' (%(from)s).")
               % {"to": _shown(valid_to), "from": _short(valid_from)})
    if places is not None and occupancy is not None and occupancy > places:
        p.fail("occupancy", _("De bezetting (%(o)s) is groter dan het aantal plekken (%(p)s).")
               % {"o": occupancy, "p": places})
    if not p.ok:
        return None
    return CapacityRow(number, location_id, valid_from, valid_to, places, occupancy, kind, reason)


def _parse_housing_row(number: int, cells: dict, errors) -> HousingRow | None:
    if all(_is_empty(cells.get(k)) for k in ("month", "housed")):
        return None
    p = _RowParser(HOUSING_SHEET, number, HOUSING_COLUMNS, errors)
    municipality = p.take("municipality", cells.get("municipality"),
                          lambda v: str(v).strip(), required=True)
    month = p.take("month", cells.get("month"), parse_month, required=True)
    housed = p.take("housed", cells.get("housed"), parse_count, required=True)
    reason = p.take("reason", cells.get("reason"), parse_text, required=False) or ""
    if not p.ok:
        return None
    return HousingRow(number, municipality, month, housed, reason)


def _readable_rows(rows, sheet: str, errors: list[RowError]):
    """The rows until one cannot be read; that row gets an error and the sheet stops.

    openpyxl converts cells while iterating and raises on values Python cannot hold: a number
    of thousands of digits, a date serial beyond the year 9999.
    """
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except (ValueError, OverflowError, ArithmeticError):
            errors.append(RowError(sheet, number + 1, None, _(
                "deze rij kan niet worden gelezen: een cel bevat een getal met te veel cijfers "
                "of een onmogelijke datum.")))
            return
        number += 1
        yield row


def parse_workbook(workbook) -> ParsedUpload:
    """Rows and errors from an opened workbook; no database, nothing written."""
    parsed = ParsedUpload()
    errors = parsed.errors
    known = {name.lower(): name for name in (*SHEETS, HELP_SHEET)}
    found = set()
    for title in workbook.sheetnames:
        canonical = known.get(title.strip().lower())
        if canonical is None:
            errors.append(RowError(title, None, None, _(
                "dit blad is onbekend. Gebruik de bladen 'Capaciteit' en 'Vergunninghouders' "
                "uit het sjabloon.")))
            continue
        if canonical == HELP_SHEET:
            continue
        found.add(canonical)
        columns = SHEETS[canonical]
        worksheet = workbook[title]
        if hasattr(worksheet, "reset_dimensions"):
            worksheet.reset_dimensions()  # some tools write a wrong size; read to the end
        rows = _readable_rows(worksheet.iter_rows(values_only=True), canonical, errors)
        header = next(rows, None)
        positions = _header_positions(canonical, header, columns, errors)
        if positions is None:
            continue
        seen: dict[tuple, int] = {}
        for number, row in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                errors.append(RowError(canonical, number, None, _(
                    "een blad mag hoogstens %(n)s regels bevatten.") % {"n": MAX_ROWS}))
                break
            if row is None or all(_is_empty(v) for v in row):
                continue
            cells = _cells(row, positions)
            if canonical == CAPACITY_SHEET:
                parsed_row = _parse_capacity_row(number, cells, errors)
                if parsed_row is None:
                    continue
                key = (parsed_row.location_id, parsed_row.valid_from)
                target = parsed.capacity_rows
                duplicate = _("locatie %(id)s met 'Vanaf' %(day)s staat ook in rij %(other)s; "
                              "één regel per locatie en begindatum.")
                info = {"id": parsed_row.location_id, "day": _short(parsed_row.valid_from)}
            else:
                parsed_row = _parse_housing_row(number, cells, errors)
                if parsed_row is None:
                    continue
                key = (parsed_row.municipality_ref.lower(), parsed_row.month)
                target = parsed.housing_rows
                duplicate = _("gemeente %(id)s met maand %(day)s staat ook in rij %(other)s; "
                              "één regel per gemeente en maand.")
                info = {"id": parsed_row.municipality_ref,
                        "day": f"{parsed_row.month.month}-{parsed_row.month.year}"}
            if key in seen:
                errors.append(RowError(canonical, number, None,
                                       duplicate % {**info, "other": seen[key]}))
                continue
            seen[key] = number
            target.append(parsed_row)
    if not found and not errors:
        errors.append(RowError(CAPACITY_SHEET, None, None, _(
            "het bestand bevat geen blad 'Capaciteit' of 'Vergunninghouders'.")))
    return parsed


# --- checking against what the user may change ------------------------------------------------


def resolve_rows(
    parsed: ParsedUpload, *, editable_locations: dict[int, object], visible_location_ids: set[int],
    editable_municipalities: dict[str, object], visible_municipalities: dict[str, object],
) -> ParsedUpload:
    """Link rows to the locations and municipalities the user may change; errors otherwise.

    `*_municipalities` map both the CBS code and the name (lower case) to a municipality.
    Nothing here reveals a location the user may not see: an unknown and an invisible location
    get the same message.
    """
    header = {c.key: c.header for c in CAPACITY_COLUMNS}
    for row in parsed.capacity_rows:
        location = editable_locations.get(row.location_id)
        if location is None:
            if row.location_id in visible_location_ids:
                message = _("u mag de cijfers van locatie %(id)s niet wijzigen; alleen die van "
                            "uw eigen gemeente.") % {"id": row.location_id}
            else:
                message = _("locatie %(id)s bestaat niet of u heeft er geen toegang toe.") % {
                    "id": row.location_id}
            parsed.errors.append(RowError(CAPACITY_SHEET, row.row, header["location_id"],
                                          message))
            continue
        row.location = location
    for row in parsed.housing_rows:
        ref = row.municipality_ref.lower()
        municipality = editable_municipalities.get(ref)
        if municipality is None:
            if ref in visible_municipalities:
                message = _("u mag de cijfers van gemeente %(ref)s niet wijzigen.") % {
                    "ref": row.municipality_ref}
            else:
                message = _("%(ref)s is geen gemeente die u kent; gebruik de CBS-code, "
                            "bijvoorbeeld GM0193.") % {"ref": _shown(row.municipality_ref)}
            parsed.errors.append(RowError(HOUSING_SHEET, row.row, "Gemeente", message))
            continue
        row.municipality = municipality
    parsed.errors.sort(key=lambda e: (e.sheet != CAPACITY_SHEET, e.sheet, e.row or 0))
    return parsed


def municipality_lookup(municipalities) -> dict[str, object]:
    lookup: dict[str, object] = {}
    for municipality in municipalities:
        lookup[municipality.code.lower()] = municipality
        lookup.setdefault(municipality.name.lower(), municipality)
    return lookup


# --- the template -----------------------------------------------------------------------------


HELP_LINES = (
    (N_("Cijfers invoeren met Excel"), True),
    (N_("Vul de bladen 'Capaciteit' en 'Vergunninghouders' in en upload het bestand op de pagina "
        "'Cijfers uploaden'. Laat de kopregel (rij 1) staan."), False),
    (N_("Alles of niets: eerst wordt elke regel gecontroleerd. Bevat één regel een fout, dan wordt "
        "niets opgeslagen en ziet u alle fouten met blad, rij en kolom."), False),
    ("", False),
    (N_("Blad 'Capaciteit'"), True),
    (N_("Locatie-ID: het nummer van de locatie in Opvangregie (verplicht). Het staat al ingevuld "
        "voor de locaties die u mag wijzigen."), False),
    (N_("Locatie en Gemeente: alleen ter herkenning; ze worden niet ingelezen."), False),
    (N_("Vanaf: de eerste dag van de periode (verplicht). Tot en met: de laatste dag (leeg: "
        "loopt door)."), False),
    (N_("Plekken: aantal plekken (geheel getal, 0 of meer). Bezetting: aantal bezette plekken "
        "(niet verplicht, niet meer dan Plekken)."), False),
    (N_("Soort: 'gerealiseerd' of 'gepland' (leeg: gerealiseerd). Toelichting: niet "
        "verplicht."), False),
    (N_("Een regel met dezelfde locatie en dezelfde 'Vanaf' als een bestaande registratie "
        "corrigeert die registratie; de oude blijft bewaard in de geschiedenis. Een andere "
        "'Vanaf' is een nieuwe periode."), False),
    (N_("Een regel die precies overeenkomt met wat al bekend is, verandert niets. U kunt dit "
        "bestand dus gerust opnieuw uploaden."), False),
    (N_("Regels met alleen een locatie en geen cijfers worden overgeslagen."), False),
    ("", False),
    (N_("Blad 'Vergunninghouders'"), True),
    (N_("Gemeente: de CBS-code, bijvoorbeeld GM0193 (Zwolle). Maand: jaar-maand (2022-06) of "
        "een datum in die maand. Gehuisvest: aantal gehuisveste vergunninghouders in die "
        "maand."), False),
    (N_("Een tweede regel voor dezelfde gemeente en maand met een ander aantal corrigeert de "
        "eerdere registratie."), False),
)


def build_template(*, capacity_rows, housing_rows) -> bytes:
    """The template workbook; rows are tuples in the order of the columns, dates as `date`.

    Pure: the caller decides which rows the user may see (only locations whose name they may
    see, see views.upload_template).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    capacity = workbook.active
    capacity.title = CAPACITY_SHEET
    append_row(capacity, [c.header for c in CAPACITY_COLUMNS])
    for row in capacity_rows:
        append_row(capacity, list(row))
    last = max(capacity.max_row, 2) + 500
    for letter in ("D", "E"):
        for cell in capacity[letter][1:last]:
            cell.number_format = "DD-MM-YYYY"
    for letter, width in zip("ABCDEFGHI", (11, 36, 20, 13, 13, 10, 11, 14, 40), strict=True):
        capacity.column_dimensions[letter].width = width
    kinds = DataValidation(
        type="list", formula1='"gerealiseerd,gepland"', allow_blank=True, showErrorMessage=True,
        errorTitle=_("Soort"), error=_("Kies 'gerealiseerd' of 'gepland'."),
    )
    capacity.add_data_validation(kinds)
    kinds.add(f"H2:H{last}")
    counts = DataValidation(
        type="whole", operator="between", formula1="0", formula2=str(MAX_NUMBER),
        allow_blank=True, showErrorMessage=True, errorTitle=_("Aantal"),
        error=_("Vul een geheel getal van 0 of meer in."),
    )
    capacity.add_data_validation(counts)
    counts.add(f"F2:G{last}")

    housing = workbook.create_sheet(HOUSING_SHEET)
    append_row(housing, [c.header for c in HOUSING_COLUMNS])
    for row in housing_rows:
        append_row(housing, list(row))
    for letter, width in zip("ABCD", (14, 12, 12, 40), strict=True):
        housing.column_dimensions[letter].width = width
    housed = DataValidation(
        type="whole", operator="between", formula1="0", formula2=str(MAX_NUMBER),
        allow_blank=True, showErrorMessage=True, errorTitle=_("Gehuisvest"),
        error=_("Vul een geheel getal van 0 of meer in."),
    )
    housing.add_data_validation(housed)
    housed.add(f"C2:C{max(housing.max_row, 2) + 500}")

    for sheet in (capacity, housing):
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)

    help_sheet = workbook.create_sheet(HELP_SHEET)
    help_sheet.column_dimensions["A"].width = 110
    for text, bold in HELP_LINES:
        append_row(help_sheet, [_(text) if text else None])
        if bold:
            help_sheet.cell(row=help_sheet.max_row, column=1).font = Font(bold=True)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- the user's side (reads through the scoped selectors) --------------------------------------


KIND_WORD = {CapacityKind.REALISED: "gerealiseerd", CapacityKind.PLANNED: "gepland"}


def resolve_for_user(parsed: ParsedUpload, user) -> ParsedUpload:
    """`resolve_rows` with what this user may see and change."""
    from opvangregie.capacity.selectors import locations_for_user
    from opvangregie.regions.selectors import municipalities_for_user

    ids = {row.location_id for row in parsed.capacity_rows}
    editable = {loc.pk: loc for loc in locations_for_user(user, editable=True).filter(pk__in=ids)}
    visible = set(locations_for_user(user).filter(pk__in=ids).values_list("pk", flat=True))
    return resolve_rows(
        parsed,
        editable_locations=editable,
        visible_location_ids=visible,
        editable_municipalities=municipality_lookup(municipalities_for_user(user, editable=True)),
        visible_municipalities=municipality_lookup(municipalities_for_user(user)),
    )


def template_for_user(user) -> tuple[bytes, list[int]]:
    """The template, pre-filled with the figures as known now of the locations the user may
    change and whose name they may see; returns the workbook and the locations in it."""
    from opvangregie.capacity.selectors import (
        current_capacity_records,
        location_details_visible_ids,
        locations_for_user,
        permit_housing_current,
    )
    from opvangregie.regions.selectors import municipalities_for_user

    editable = list(locations_for_user(user, editable=True).order_by("municipality__name", "pk"))
    shown = location_details_visible_ids(user, editable)
    locations = [loc for loc in editable if loc.pk in shown]
    records: dict[int, list] = {}
    for record in current_capacity_records(locations):
        records.setdefault(record.location_id, []).append(record)
    capacity_rows = []
    for loc in locations:
        listed = (loc.pk, loc.name, loc.municipality.name)
        for r in records.get(loc.pk, []):
            capacity_rows.append((*listed, r.valid_from, r.valid_to, r.places, r.occupancy,
                                  KIND_WORD.get(r.kind, r.kind), None))
        if loc.pk not in records:
            capacity_rows.append(listed)
    housing_rows = [
        (h.municipality.code, f"{h.month:%Y-%m}", h.housed, None)
        for h in sorted(permit_housing_current(municipalities_for_user(user, editable=True)),
                        key=lambda h: (h.municipality.name, h.month))
    ]
    return (build_template(capacity_rows=capacity_rows, housing_rows=housing_rows),
            [loc.pk for loc in locations])

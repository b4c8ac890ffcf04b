"""The overview as an Excel workbook: the same columns and numbers as the page.

Sheet "Inzage opgaven": one header row, one row per municipality, a totals row; the columns
are those of `reports.columns` (each with its own header, number format and width).
Sheet "Toelichting": sources, the reference date and what every column means.
No location is named anywhere: the overview only has figures per municipality.
"""

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from opvangregie.core.templatetags.opvangregie import short_date
from opvangregie.reports.columns import amount_text, overview_columns
from opvangregie.reports.overview import Overview, OverviewRow
from opvangregie.safecells import append_row
from opvangregie.targets.progress import Progress

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE = "Inzage opgaven"
NOTES_TITLE = "Toelichting"


def _cell_value(value):
    # Place-weeks are Decimals rounded to one decimal; Excel gets the same number as a float.
    if isinstance(value, Decimal):
        return float(value)
    return value


def notes(overview: Overview) -> list[tuple[str, str]]:
    """(term, explanation) lines for the sheet "Toelichting"; also used by the page's tests."""
    lines = [
        (_("Veiligheidsregio"), f"{overview.region.name} ({overview.region.code})"),
        (_("Peildatum"), _("Cijfers zoals bekend op %(day)s (alle registraties tot en met die "
                           "dag; latere correcties tellen niet mee).")
         % {"day": short_date(overview.as_of)}),
        (_("Bron inwoners"),
         _("CBS, StatLine tabel 70072NED, inwoners op %(day)s (CC BY 4.0).")
         % {"day": short_date(overview.population_date) if overview.population_date else "—"}),
    ]
    for label, target in (
        (_("Taakstelling (Saldo I)"), overview.official_target),
        (_("Informele taakstelling (Saldo II)"), overview.informal_target),
        (_("CNO-opgave okt–jan"), overview.cno_target),
        (_("Opgave Oekraïense ontheemden"), overview.ukrainian_target),
    ):
        lines.append((label, _target_text(target)))
    lines += [
        (_("Taakstelling"), _(
            "Landelijke taakstelling × inwoners van de gemeente ÷ inwoners van Nederland op "
            "1 januari van het jaar ervoor, naar boven afgerond (Huisvestingswet 2014, art. 29)."
        )),
        (_("Gehuisvest"), _(
            "Gehuisveste vergunninghouders in de maanden van het halfjaar tot en met de peildatum."
        )),
        (_("Saldo vorig halfjaar"), _(
            "Het saldo van het vorige halfjaar tegen zijn eigen officiële taakstelling "
            "(inclusief wat dat halfjaar zelf meenam); 0 als er voor dat halfjaar geen "
            "taakstelling is vastgelegd."
        )),
        (_("Saldo I / Saldo II"), _(
            "Gehuisvest + saldo vorig halfjaar − taakstelling, tegen de officiële (I) en de "
            "informele (II) taakstelling. Negatief is een achterstand."
        )),
        (_("CNO-plekweken"), _(
            "Plekken × dagen ÷ 7 van crisisnoodopvanglocaties (gerealiseerd en gepland) per "
            "ISO-week, van %(start)s tot en met %(end)s."
        ) % {"start": short_date(overview.cno_start), "end": short_date(overview.cno_end)}),
        (_("CNO-aandeel okt–jan"), _cno_share_text(overview)),
        (_("AZC-plekken"), _(
            "Gerealiseerde plekken van AZC-locaties die op de peildatum gelden."
        )),
        (_("Plekken Oekraïense ontheemden"), _(
            "Gerealiseerde plekken van locaties voor Oekraïense ontheemden die op de peildatum "
            "gelden. De opgave is regionaal en staat alleen in de totaalregel."
        )),
        (_("Laatst bijgewerkt / verouderd"), _(
            "De laatste registratie van plekken of huisvesting, of de laatste bevestiging "
            "'nog juist'. Verouderd: langer dan %(days)s dagen vóór de peildatum, of nooit."
        ) % {"days": overview.stale_after_days}),
        (_("Vertrouwelijkheid"), _(
            "Dit overzicht bevat alleen cijfers per gemeente, geen namen of adressen van locaties."
        )),
    ]
    return lines


def _target_text(target) -> str:
    if target is None:
        return _("geen opgave vastgelegd")
    text = _("%(name)s: %(amount)s, %(start)s – %(end)s. Bron: %(source)s") % {
        "name": target.name,
        "amount": amount_text(target.amount),
        "start": short_date(target.period_start),
        "end": short_date(target.period_end),
        "source": target.source,
    }
    if target.is_illustrative:
        text += " " + _("(illustratief)")
    return text


def _cno_share_text(overview: Overview) -> str:
    if overview.cno_target is None:
        return _("Geen CNO-opgave die in oktober begint.")
    if overview.cno_share_error:
        return _("Niet te berekenen: %(error)s") % {"error": overview.cno_share_error}
    if overview.cno_share_adopted:
        return _("Vastgestelde verdeling (%(decision)s).") % {
            "decision": overview.cno_share_decision or _("besluit niet genoemd")
        }
    return _(
        "Berekend, niet vastgesteld: verdeelsleutel 50% inwoners en 50% landoppervlakte, "
        "grootste overschot (Hamilton), met de CNO-plekweken hierboven als eerdere inzet."
    )


PROGRESS_TITLE = "Voortgang CNO"


def _progress_sheet(workbook: Workbook, progress: Progress) -> None:
    """Delivery against the share per municipality, and the region's totals."""
    sheet = workbook.create_sheet(PROGRESS_TITLE)
    if progress.error:
        append_row(sheet, [progress.error])
        return
    append_row(sheet, [_("Gemeente"), _("Aandeel (plekken)"), _("Te leveren (plekweken)"),
                       _("Gerealiseerd (plekweken)"), _("Gepland (plekweken)"),
                       _("Verschil (plekweken)"), _("Stand"),
                       _("Verrekend in het aandeel (plekweken)"), _("Reden afwijking")])
    for line in [*progress.lines, progress.totals]:
        append_row(sheet, [line.name, line.share] + [
            round(float(value), 1)
            for value in (line.due, line.realised, line.planned, line.gap)
        ] + [line.marker_label, round(float(line.credited), 1), line.reason])
    bold = Font(bold=True)
    for cell in (*sheet[1], *sheet[sheet.max_row]):
        cell.font = bold
    for letter, width in zip("ABCDEFGHI", (18, 10, 14, 14, 14, 14, 12, 16, 50), strict=True):
        sheet.column_dimensions[letter].width = width
        for cell in sheet[letter][1:]:
            if letter in "CDEFH":
                cell.number_format = "#,##0.0"
    sheet.freeze_panes = "B2"


def build_workbook(overview: Overview, rows: list[OverviewRow],
                   progress: Progress | None = None) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    cols = [c for c in overview_columns(overview) if c.in_export]
    append_row(sheet, [c.header for c in cols])
    for row in rows:
        append_row(sheet, [_cell_value(c.row(row)) for c in cols])
    append_row(sheet, [_cell_value(c.total(overview.totals)) for c in cols])
    bold = Font(bold=True)
    last = sheet.max_row
    for index, column in enumerate(cols, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        header = sheet.cell(row=1, column=index)
        header.font = bold
        header.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=last, column=index).font = bold
        if column.number_format:
            for r in range(2, last + 1):
                sheet.cell(row=r, column=index).number_format = column.number_format
    sheet.freeze_panes = "B2"

    notes_sheet = workbook.create_sheet(NOTES_TITLE)
    append_row(notes_sheet, [_("Onderdeel"), _("Toelichting")])
    notes_sheet["A1"].font = bold
    notes_sheet["B1"].font = bold
    for term, text in notes(overview):
        append_row(notes_sheet, [term, text])
    notes_sheet.column_dimensions["A"].width = 34
    notes_sheet.column_dimensions["B"].width = 110
    for cell in notes_sheet["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if progress is not None:
        _progress_sheet(workbook, progress)
    return workbook


def workbook_bytes(overview: Overview, rows: list[OverviewRow],
                   progress: Progress | None = None) -> bytes:
    """The workbook; with `progress` (`targets.progress.overview_progress`) a sheet
    "Voortgang CNO" too."""
    buffer = BytesIO()
    build_workbook(overview, rows, progress).save(buffer)
    return buffer.getvalue()


def file_name(overview: Overview) -> str:
    return f"inzage-opgaven-{overview.region.code}-{overview.as_of.isoformat()}.xlsx"

"""The longlist as an Excel workbook, built from CandidateViews only (never from models)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from opvangregie.safecells import append_row


def longlist_workbook(views, *, region_name: str, generated_at) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Longlist")
    header = [
        _("Nummer"), _("Locatie"), _("Gemeente"), _("Soort"), _("Bestemd voor"),
        _("Mogelijke plekken"), _("Vroegste opening"), _("Snelheidsklasse"), _("Score"),
        _("Status"), _("Adres"), _("Eigenaar"),
    ]
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for view in views:
        append_row(sheet, [
            view.number, view.label, view.municipality, view.kind,
            ", ".join(view.intended_use), view.possible_places, view.earliest_opening,
            view.band, round(view.score, 1) if view.score is not None else None, view.status,
            view.address or "", view.owner or "",
        ])
    notes = workbook.create_sheet(_("Toelichting"))
    append_row(notes, [_("Regio"), region_name])
    append_row(notes, [_("Gemaakt op"), generated_at.strftime("%d-%m-%Y %H:%M")])
    append_row(notes, [_("Vertrouwelijk"), _(
        "Namen, adressen en eigenaren staan alleen in dit bestand voor wie ze mag zien; "
        "anderen zien 'Locatie N — gemeente — plekken — status'. Niet doorsturen."
    )])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

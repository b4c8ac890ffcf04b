"""`opvangregie deck --region NAME --as-of YYYY-MM-DD -o FILE.pptx` (or FILE.xlsx).

Reads as the unsaved system user (`reports/system.py`): the access selectors then give
everything, but the status report still names only candidates that were released by the
reference date and never a confidential location, so the file may be forwarded.
"""

from datetime import date
from pathlib import Path
from time import perf_counter

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from opvangregie.input_limits import DATE_RANGE_MESSAGE, is_plausible_date
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports import deck, deck_workbook
from opvangregie.reports.status_report import status_report_for_user
from opvangregie.reports.system import system_user

WRITERS = {".pptx": deck.deck_bytes, ".xlsx": deck_workbook.workbook_bytes}


class Command(BaseCommand):
    # A plain string: argparse cannot format a lazy translation (Dutch is the product language).
    help = (
        "Schrijft de tussenstand voor het bestuurlijk overleg van een veiligheidsregio naar een "
        "PowerPoint-bestand (.pptx) of Excel-bestand (.xlsx), met de cijfers zoals bekend op "
        "de peildatum."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", "--regio", dest="region",
                            help="naam of code van de veiligheidsregio, bijv. IJsselland of VR04")
        parser.add_argument("--as-of", "--peildatum", dest="as_of",
                            help="peildatum als JJJJ-MM-DD")
        parser.add_argument("-o", "--output", dest="output",
                            help="het bestand: .pptx (presentatie) of .xlsx (werkmap)")

    def handle(self, *args, region=None, as_of=None, output=None, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(region, as_of, output)

    def _handle(self, region, as_of, output):
        if not region:
            raise CommandError(_("Noem de veiligheidsregio met --region, bijv. --region VR04."))
        if not as_of:
            raise CommandError(_("Noem de peildatum met --as-of, bijv. --as-of 2022-08-31."))
        if not output:
            raise CommandError(_("Noem het bestand met -o, bijv. -o tussenstand.pptx."))
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            raise CommandError(
                _("Ongeldige peildatum '%(value)s': schrijf de datum als JJJJ-MM-DD.")
                % {"value": as_of}
            ) from None
        if not is_plausible_date(day):
            raise CommandError(
                _("Ongeldige peildatum '%(value)s': %(message)s")
                % {"value": as_of, "message": _(DATE_RANGE_MESSAGE)}
            )
        path = Path(output)
        writer = WRITERS.get(path.suffix.lower())
        if writer is None:
            raise CommandError(
                _("Het bestand moet op .pptx of .xlsx eindigen: %(path)s") % {"path": path}
            )
        if not path.parent.exists():
            raise CommandError(_("De map %(path)s bestaat niet.") % {"path": path.parent})
        found = SafetyRegion.objects.filter(
            Q(name__iexact=region.strip()) | Q(code__iexact=region.strip())
        ).first()
        if found is None:
            raise CommandError(
                _("Onbekende veiligheidsregio '%(name)s'. Noem de naam of de code, "
                  "bijv. IJsselland of VR04.") % {"name": region}
            )
        started = perf_counter()
        # Typed text masked as for a reader without rights: the file may be forwarded.
        report = status_report_for_user(system_user(), region=found, as_of=day,
                                        text_reader=AnonymousUser())
        path.write_bytes(writer(report))
        self.stdout.write(
            _("Tussenstand van %(region)s op %(day)s geschreven naar %(path)s (%(seconds)s s).")
            % {"region": found.name, "day": day.isoformat(), "path": path,
               "seconds": f"{perf_counter() - started:.2f}"}
        )

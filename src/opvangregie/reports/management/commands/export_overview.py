"""`opvangregie export-overview --region NAME --as-of YYYY-MM-DD -o FILE.xlsx`."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from opvangregie.input_limits import DATE_RANGE_MESSAGE, is_plausible_date
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports import xlsx
from opvangregie.reports.columns import sorted_rows
from opvangregie.reports.overview import DEFAULT_STALE_AFTER_DAYS, overview_for_user
from opvangregie.reports.system import system_user
from opvangregie.targets.progress import overview_progress


class Command(BaseCommand):
    # A plain string: argparse cannot format a lazy translation (Dutch is the product language).
    help = (
        "Schrijft het overzicht 'Inzage opgaven asielketen' van een veiligheidsregio naar een "
        "Excel-bestand, met de cijfers zoals bekend op de peildatum."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--region", "--regio", dest="region",
            help=_("naam of code van de veiligheidsregio, bijv. IJsselland of VR04"),
        )
        parser.add_argument("--as-of", "--peildatum", dest="as_of",
                            help=_("peildatum als JJJJ-MM-DD"))
        parser.add_argument("-o", "--output", dest="output", help=_("het Excel-bestand (.xlsx)"))
        parser.add_argument("--stale-days", "--dagen", dest="stale_days", type=str,
                            default=str(DEFAULT_STALE_AFTER_DAYS),
                            help=_("verouderd na zoveel dagen (standaard 14)"))

    def handle(self, *args, region=None, as_of=None, output=None, stale_days="14", **options):
        if not region:
            raise CommandError(_("Noem de veiligheidsregio met --region, bijv. --region VR04."))
        if not as_of:
            raise CommandError(_("Noem de peildatum met --as-of, bijv. --as-of 2022-08-31."))
        if not output:
            raise CommandError(_("Noem het bestand met -o, bijv. -o overzicht.xlsx."))
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
        if not stale_days.isdigit():
            raise CommandError(
                _("Ongeldig aantal dagen '%(value)s': noem een geheel getal vanaf 0.")
                % {"value": stale_days}
            )
        path = Path(output)
        if path.suffix.lower() != ".xlsx":
            raise CommandError(_("Het bestand moet op .xlsx eindigen: %(path)s") % {"path": path})
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
        user = system_user()
        overview = overview_for_user(
            user, region=found, as_of=day, stale_after_days=int(stale_days)
        )
        path.write_bytes(xlsx.workbook_bytes(overview, sorted_rows(overview.rows, "gemeente"),
                                             overview_progress(user, overview)))
        self.stdout.write(
            _("Overzicht van %(region)s op %(day)s geschreven naar %(path)s (%(rows)s gemeenten).")
            % {"region": found.name, "day": day.isoformat(), "path": path,
               "rows": len(overview.rows)}
        )

"""`opvangregie progress --region NAME --target ID --as-of DATE --format table|csv|json`.

Delivery against the share (`targets.progress`), as known at the end of the date. Reads as
the system identity (`reports.system`), like `export-overview`.
"""

import io
import json
from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _
from rich.console import Console
from rich.table import Table

from opvangregie.input_limits import DATE_RANGE_MESSAGE, is_plausible_date
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports.system import system_user
from opvangregie.safecells import csv_writer
from opvangregie.targets.progress import progress_for_user, target_for_progress

FORMATS = ("table", "csv", "json")


def _decimal(value) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def _dutch(value) -> str:
    return f"{float(value):,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


class Command(BaseCommand):
    # A plain string: argparse cannot format a lazy translation (Dutch is the product language).
    help = (
        "Toont per gemeente de voortgang tegen het aandeel in een opgave: plekweken te leveren, "
        "gerealiseerd, gepland en het verschil, zoals bekend op de peildatum."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", "--regio", dest="region",
                            help=_("naam of code van de veiligheidsregio, bijv. IJsselland"))
        parser.add_argument("--target", "--opgave", dest="target",
                            help=_("het nummer (id) van de opgave"))
        parser.add_argument("--as-of", "--peildatum", dest="as_of",
                            help=_("peildatum als JJJJ-MM-DD (standaard vandaag)"))
        parser.add_argument("--format", dest="format", default="table",
                            help=_("table, csv of json (standaard table)"))

    def handle(self, *args, region=None, target=None, as_of=None, format="table", **options):
        if not region:
            raise CommandError(_("Noem de veiligheidsregio met --region, bijv. --region VR04."))
        if not target or not str(target).isdigit():
            raise CommandError(_("Noem het nummer van de opgave met --target, bijv. --target 1."))
        if format not in FORMATS:
            raise CommandError(_("Onbekend formaat '%(value)s': kies table, csv of json.")
                               % {"value": format})
        day = date.today()
        if as_of:
            try:
                day = date.fromisoformat(as_of)
            except ValueError:
                raise CommandError(
                    _("Ongeldige peildatum '%(value)s': schrijf de datum als JJJJ-MM-DD.")
                    % {"value": as_of}
                ) from None
            if not is_plausible_date(day):
                raise CommandError(_("Ongeldige peildatum '%(value)s': %(message)s")
                                   % {"value": as_of, "message": _(DATE_RANGE_MESSAGE)})
        found = SafetyRegion.objects.filter(
            Q(name__iexact=region.strip()) | Q(code__iexact=region.strip())
        ).first()
        if found is None:
            raise CommandError(
                _("Onbekende veiligheidsregio '%(name)s'. Noem de naam of de code, "
                  "bijv. IJsselland of VR04.") % {"name": region}
            )
        user = system_user()
        chosen = target_for_progress(user, pk=int(target), region=found, as_of=day)
        if chosen is None:
            raise CommandError(
                _("Geen opgave %(id)s voor %(region)s bekend op %(day)s.")
                % {"id": target, "region": found.name, "day": day.isoformat()}
            )
        progress = progress_for_user(user, region=found, target=chosen, as_of=day)
        if format == "json":
            self.stdout.write(json.dumps(progress.to_dict(), ensure_ascii=False, indent=2))
            return
        if progress.error:
            raise CommandError(progress.error)
        lines = [*progress.lines, progress.totals]
        headers = [_("Gemeente"), _("Aandeel"), _("Te leveren"), _("Gerealiseerd"),
                   _("Gepland"), _("Verschil"), _("Stand"), _("Verrekend")]
        if format == "csv":
            buffer = io.StringIO()
            writer = csv_writer(buffer, lineterminator="\n")
            writer.writerow(headers)
            for line in lines:
                writer.writerow([line.name, line.share] + [
                    _decimal(v) for v in (line.due, line.realised, line.planned, line.gap)
                ] + [line.marker_label, _decimal(line.credited)])
            self.stdout.write(buffer.getvalue(), ending="")
            return
        table = Table(title=_("%(target)s — %(region)s, zoals bekend op %(day)s (plekweken)")
                      % {"target": chosen.name, "region": found.name,
                         "day": day.strftime("%d-%m-%Y")})
        for index, header in enumerate(headers):
            table.add_column(header, justify="left" if index in (0, 6) else "right")
        for line in lines:
            table.add_row(line.name, str(line.share), _dutch(line.due), _dutch(line.realised),
                          _dutch(line.planned), _dutch(line.gap), line.marker_label,
                          _dutch(line.credited), end_section=line is progress.lines[-1])
        console = Console(file=self.stdout, width=140, color_system=None)
        console.print(table)

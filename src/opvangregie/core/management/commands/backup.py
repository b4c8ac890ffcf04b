"""`opvangregie backup -o FILE`: the database and the uploads in one file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from opvangregie.core.backup import BackupError, backup_create


class Command(BaseCommand):
    # A plain string: argparse cannot format a lazy translation (Dutch is the product language).
    help = (
        "Schrijft de database en de geüploade bestanden naar één reservekopie (.tar.gz), ook "
        "terwijl de applicatie draait. Terugzetten met 'opvangregie restore BESTAND'."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", dest="output", metavar="BESTAND",
                            help="de reservekopie, bijv. opvangregie-2022-08-31.tar.gz")

    def handle(self, *args, output=None, **options):
        if not output:
            raise CommandError(_("Noem het bestand met -o, bijv. -o reservekopie.tar.gz."))
        try:
            summary = backup_create(output=Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Reservekopie geschreven naar %(path)s: %(rows)s rijen, %(files)s "
                            "bestanden.") % {"path": summary.path, "rows": summary.rows,
                                             "files": summary.files})

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opvangregie.regions.cbs import CbsFileError
from opvangregie.regions.services import cbs_import


class Command(BaseCommand):
    help = (
        "Leest een CBS StatLine-export in het formaat van tabel 70072NED (';'-gescheiden, "
        "UTF-8) en voegt gedateerde indicatorwaarden toe; een gewijzigde waarde wordt een "
        "correctie en de oude blijft bewaard. Alles of niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="BESTAND.csv", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            raw = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {file} niet lezen: {error.strerror}.") from None
        try:
            summary = cbs_import(raw=raw)
        except CbsFileError as error:
            raise CommandError(
                "Er is niets ingelezen. " + " ".join(error.problems)
            ) from None
        self.stdout.write(summary.as_text())

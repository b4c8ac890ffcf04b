"""`opvangregie restore FILE [--yes]`: a backup into an empty or new database and data folder."""

import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from opvangregie.core.backup import (
    BackupError,
    backup_read,
    backup_restore,
    target_description,
    target_in_use,
)


class Command(BaseCommand):
    help = (
        "Zet een reservekopie van 'opvangregie backup' terug in een lege of nieuwe database en "
        "datamap. Een database met gegevens wordt nooit overschreven."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="BESTAND", type=Path)
        parser.add_argument("--yes", "--ja", dest="yes", action="store_true",
                            help="niet om bevestiging vragen")

    def handle(self, *args, file: Path, yes=False, **options):
        with tempfile.TemporaryDirectory(prefix="opvangregie-restore-") as work:
            backup, counts = self._restore(file, Path(work), yes)
        self.stdout.write(_("Reservekopie van %(when)s hersteld: %(rows)s rijen, %(files)s "
                            "bestanden.") % {"when": backup.manifest.get("created_at"),
                                             "rows": sum(counts.values()),
                                             "files": len(backup.uploads)})

    def _restore(self, file: Path, work: Path, yes: bool):
        try:
            backup = backup_read(file, work=work)
            in_use = target_in_use()
            if in_use:
                raise BackupError(
                    _("Er is niets hersteld: het doel bevat al gegevens (%(what)s). Herstel "
                      "alleen in een lege of nieuwe database en datamap.")
                    % {"what": "; ".join(in_use[:5])})
            if not yes:
                self._confirm(backup.manifest)
            return backup, backup_restore(backup)
        except BackupError as error:
            raise CommandError(str(error)) from None

    def _confirm(self, manifest: dict) -> None:
        if not sys.stdin.isatty():
            raise BackupError(_("Er is niets hersteld: bevestig met --yes (er is geen terminal "
                                "om het te vragen)."))
        question = _("De reservekopie van %(when)s wordt teruggezet in %(target)s. Typ 'ja' om "
                     "door te gaan: ") % {"when": manifest.get("created_at"),
                                          "target": target_description()}
        if input(question).strip().lower() not in {"ja", "j", "yes", "y"}:
            raise BackupError(_("Er is niets hersteld."))

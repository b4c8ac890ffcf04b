"""`opvangregie api-schema`: write the OpenAPI document to docs/api/openapi.yaml.

`--check` writes nothing and fails when the committed copy differs from the generated one.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from opvangregie.api.schema import COMMITTED, schema_yaml


class Command(BaseCommand):
    help = "Schrijft het OpenAPI-document van de API naar docs/api/openapi.yaml."

    def add_arguments(self, parser):
        parser.add_argument("--file", "-o", dest="file", default=str(COMMITTED),
                            help=_("het bestand (standaard docs/api/openapi.yaml)"))
        parser.add_argument("--check", action="store_true",
                            help=_("alleen vergelijken met het bestand"))

    def handle(self, *args, file: str, check: bool = False, **options):
        path = Path(file)
        generated = schema_yaml()
        if check:
            if not path.exists() or path.read_bytes() != generated:
                raise CommandError(_("%(file)s is niet actueel: draai `opvangregie api-schema`.")
                                   % {"file": path})
            self.stdout.write(_("%(file)s is actueel.") % {"file": path})
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(generated)
        self.stdout.write(_("Geschreven: %(file)s") % {"file": path})

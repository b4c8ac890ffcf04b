"""The `opvangregie` console script: Django's management commands with the settings preset.

Commands are typed with hyphens (`opvangregie import-cbs`) and map to the management command
with underscores. `distribute` and `rota` need no database and go straight to their pure
Python command-line modules.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    from opvangregie.config import PRIVATE_UMASK

    os.umask(PRIVATE_UMASK)
    if len(argv) > 1 and argv[1] == "distribute":
        from opvangregie.fairshare.cli import main as distribute_main

        return distribute_main(argv[2:])
    if len(argv) > 1 and argv[1] == "rota":
        from opvangregie.operations.rota_cli import main as rota_main

        return rota_main(argv[2:])
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opvangregie.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())

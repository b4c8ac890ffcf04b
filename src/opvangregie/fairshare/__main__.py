"""``python -m opvangregie.fairshare INPUT --total N ...`` runs the distribute command."""

import sys

from .cli import main

raise SystemExit(main(sys.argv[1:]))

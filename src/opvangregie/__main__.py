import sys

from opvangregie.cli import main

sys.exit(main())

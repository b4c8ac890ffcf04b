"""argparse that speaks Dutch and raises instead of exiting, for the Django-free CLIs.

Shared by `opvangregie distribute` and `opvangregie rota`, which must print nothing on stdout
and exit 2 with a Dutch message on bad input.
"""

import argparse
import re

_ARGPARSE_DUTCH = (
    (r"the following arguments are required: (.*)", r"verplichte argumenten ontbreken: \1"),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (r"argument (\S+): expected one argument", r"argument \1: verwacht één waarde"),
    (r"ambiguous option: (.*)", r"dubbelzinnige optie: \1"),
)


class UsageError(Exception):
    """A command-line mistake; the message is Dutch."""


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, replacement in _ARGPARSE_DUTCH:
            message = re.sub(pattern, replacement, message)
        raise UsageError(message)


class DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, prefix or "gebruik: ")

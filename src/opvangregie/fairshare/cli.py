"""``opvangregie distribute``: a distribution from a CSV or XLSX table, on the command line.

``main(argv)`` gets the arguments after the word ``distribute`` and returns the exit status:
0 on success, 2 on bad input (a Dutch message on stderr, nothing on stdout).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Sequence
from fractions import Fraction

from opvangregie.dutch_argparse import DutchArgumentParser, DutchHelpFormatter, UsageError
from opvangregie.safecells import csv_writer

from .engine import Unit, distribute
from .errors import FairShareError
from .inputs import Row, Table, parse_number, read_table
from .methods import METHOD_LABELS, METHODS, normalise_method
from .numbers import dutch, to_fraction
from .result import Distribution

PROG = "opvangregie distribute"
FORMATS = ("table", "csv", "json")


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog=PROG,
        add_help=False,
        formatter_class=DutchHelpFormatter,
        description=(
            "Verdeel een totaal aantal plaatsen eerlijk over gemeenten (of andere eenheden) "
            "volgens een verdeelsleutel, met verrekening van eerdere inzet en grenzen."
        ),
        epilog=(
            "De eerste kolom (of de kolom 'name') bevat de naam; andere kolommen bevatten "
            "getallen (decimaalpunt of -komma). Fouten geven exitstatus 2."
        ),
    )
    parser._positionals.title = "argumenten"
    parser._optionals.title = "opties"
    parser.add_argument("input", metavar="INVOER", help="CSV-bestand (; of ,) of XLSX-bestand")
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    parser.add_argument("--total", metavar="N", help="te verdelen aantal plaatsen (verplicht)")
    parser.add_argument(
        "--method",
        metavar="M",
        default="hamilton",
        help=f"afrondingsmethode: {', '.join(METHODS)} (standaard: hamilton)",
    )
    parser.add_argument(
        "--key",
        metavar="KOL=G,...",
        help="verdeelsleutel, bijv. inwoners=0.5,oppervlakte=0.5 of inwoners=1/3,... "
        "(gewichten tellen op tot 1; zonder --key: de enige getallenkolom)",
    )
    parser.add_argument("--credit", metavar="KOL", help="kolom met eerdere inzet in plaatsweken")
    parser.add_argument(
        "--window-weeks", metavar="W", help="aantal weken van de opgave (nodig bij --credit)"
    )
    parser.add_argument("--min", metavar="KOL", help="kolom met ondergrens per eenheid")
    parser.add_argument(
        "--max", metavar="KOL", help="kolom met bovengrens per eenheid (lege cel: geen grens)"
    )
    parser.add_argument(
        "--fixed", metavar="KOL", help="kolom met vast afgesproken aantal (lege cel: geen)"
    )
    parser.add_argument(
        "--format",
        metavar="F",
        default="table",
        help="uitvoer: table (standaard), csv of json",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        output = _run(args)
    except SystemExit as done:  # --help
        return int(done.code or 0)
    except UsageError as error:
        sys.stderr.write(parser.format_usage())
        sys.stderr.write(f"{PROG}: fout: {error}\n")
        return 2
    except FairShareError as error:
        sys.stderr.write(f"{PROG}: fout: {error.message}\n")
        return 2
    sys.stdout.write(output)
    return 0


def _run(args: argparse.Namespace) -> str:
    if args.total is None:
        raise UsageError("verplicht argument ontbreekt: --total")
    total = _whole(args.total, "--total")
    method = normalise_method(args.method)
    output_format = str(args.format).strip().lower()
    if output_format not in FORMATS:
        raise UsageError(f"onbekend formaat '{args.format}'; kies uit: {', '.join(FORMATS)}")
    if args.credit and args.window_weeks is None:
        raise UsageError("--credit vereist --window-weeks (het aantal weken van de opgave)")
    weeks = None
    if args.window_weeks is not None:
        weeks = to_fraction(args.window_weeks, "--window-weeks")
        if weeks <= 0:
            raise UsageError("--window-weeks moet groter dan 0 zijn")

    table = read_table(args.input)
    name_column = next((c for c in table.columns if c.lower() == "name"), table.columns[0])
    special = {
        option: table.column(getattr(args, option))
        for option in ("credit", "min", "max", "fixed")
        if getattr(args, option)
    }
    key = _parse_key(args.key, table) if args.key else _default_key(table, name_column, special)

    units = []
    for row in table.rows:
        name = row.values.get(name_column)
        if name is None or not str(name).strip():
            raise FairShareError(
                f"{table.where(row, capital=True)}, kolom '{name_column}': de naam ontbreekt.",
                code="missing_name",
            )
        indicators = {column: table.number(row, column) for column in key}
        credit = (
            table.number(row, special["credit"], empty=Fraction(0)) if "credit" in special else 0
        )
        lower = _bound(table, row, special.get("min"), default=0)
        upper = _bound(table, row, special.get("max"), default=None)
        fixed = _bound(table, row, special.get("fixed"), default=None)
        units.append(
            Unit(
                name=str(name).strip(),
                indicators=indicators,  # type: ignore[arg-type]
                credit=credit,  # type: ignore[arg-type]
                lower=lower or 0,
                upper=upper,
                fixed=fixed,
            )
        )
    result = distribute(units, total, key, method, window_weeks=weeks)
    if output_format == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if output_format == "csv":
        return _as_csv(result)
    return _as_table(result)


def _whole(text: str, option: str) -> int:
    try:
        value = to_fraction(text, option)
    except FairShareError:
        value = None
    if value is None or value.denominator != 1 or value < 0:
        raise UsageError(f"{option} moet een geheel getal van 0 of meer zijn, niet '{text}'")
    return int(value)


def _bound(table: Table, row: Row, column: str | None, default: int | None) -> int | None:
    if column is None:
        return default
    value = table.number(row, column, empty=Fraction(-1))  # -1 marks a blank cell
    if value is None or value == -1:
        return default
    if value.denominator != 1:
        raise FairShareError(
            f"{table.where(row, capital=True)}, kolom '{column}': een grens moet een geheel "
            f"aantal plaatsen zijn, niet {dutch(value)}.",
            code="not_a_count",
        )
    return int(value)


def _parse_key(text: str, table: Table) -> dict[str, Fraction]:
    """``population=0.5,land_area=0.5``; a comma only separates parts when a name= follows,
    so Dutch decimal commas (``inwoners=0,5``) also work."""
    key: dict[str, Fraction] = {}
    for part in re.split(r"[,;](?=\s*[^,;=\s][^,;=]*=)", text):
        if "=" not in part:
            raise UsageError(f"--key: '{part}' heeft niet de vorm KOLOM=GEWICHT")
        column, weight = part.split("=", 1)
        key[table.column(column.strip())] = to_fraction(
            weight.strip(), f"--key: gewicht van '{column.strip()}'"
        )
    return key


def _default_key(table: Table, name_column: str, special: dict[str, str]) -> dict[str, Fraction]:
    used = {name_column, *special.values()}
    candidates = [
        column
        for column in table.columns
        if column not in used and any(_looks_numeric(row.values.get(column)) for row in table.rows)
    ]
    if len(candidates) == 1:
        return {candidates[0]: Fraction(1)}
    if not candidates:
        raise FairShareError(
            f"{table.path} heeft geen kolom met getallen om naar te verdelen.", code="bad_key"
        )
    raise FairShareError(
        f"Er zijn meerdere getallenkolommen ({', '.join(candidates)}); kies de verdeelsleutel "
        "met --key, bijvoorbeeld --key "
        + ",".join(f"{c}=1/{len(candidates)}" for c in candidates)
        + ".",
        code="bad_key",
    )


def _looks_numeric(value: object) -> bool:
    return value is not None and parse_number(value) is not None


def _as_csv(result: Distribution) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "name",
            "share",
            "fair_part",
            "credit",
            "remaining",
            "quota",
            "apportioned",
            "allocation",
            "decided_by",
            "explanation",
        ]
    )
    for unit in result.units:
        writer.writerow(
            [
                unit.name,
                f"{float(unit.share):.6f}",
                f"{float(unit.fair_part):.4f}",
                f"{float(unit.credit):g}",
                f"{float(unit.remaining):.4f}",
                f"{float(unit.quota):.4f}",
                unit.apportioned,
                unit.allocation,
                unit.decided_by.code,
                "; ".join(reason.text for reason in unit.reasons),
            ]
        )
    return buffer.getvalue()


def _as_table(result: Distribution) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable

    weeks = result.window_weeks
    effort_unit = f"plaatsweken, {dutch(weeks)} weken" if weeks is not None else "plaatsen"
    table = RichTable(
        title=f"Verdeling van {result.total} plaatsen — {METHOD_LABELS[result.method]}",
        caption=f"Eerlijk deel, inzet en resterend in {effort_unit}; quotum en toegewezen in "
        "plaatsen.",
        show_footer=True,
    )
    units = result.units
    sums = {
        "fair": sum((u.fair_part for u in units), Fraction(0)),
        "credit": sum((u.credit for u in units), Fraction(0)),
        "remaining": sum((u.remaining for u in units), Fraction(0)),
        "quota": sum((u.quota for u in units), Fraction(0)),
        "allocation": sum(u.allocation for u in units),
    }
    table.add_column("Eenheid", footer="Totaal")
    table.add_column("Aandeel", justify="right", footer="100%")
    table.add_column("Eerlijk deel", justify="right", footer=dutch(sums["fair"], 1))
    table.add_column("Inzet", justify="right", footer=dutch(sums["credit"], 1))
    table.add_column("Resterend", justify="right", footer=dutch(sums["remaining"], 1))
    table.add_column("Quotum", justify="right", footer=dutch(sums["quota"], 2))
    table.add_column("Toegewezen", justify="right", footer=str(sums["allocation"]))
    table.add_column("Besluit")
    for unit in units:
        table.add_row(
            unit.name,
            f"{dutch(unit.share * 100, 2)}%",
            dutch(unit.fair_part, 1),
            dutch(unit.credit, 1),
            dutch(unit.remaining, 1),
            dutch(unit.quota, 2),
            str(unit.allocation),
            unit.decided_by.text,
        )
    buffer = io.StringIO()
    console = Console(file=buffer, width=160, color_system=None, force_terminal=False)
    console.print(table)
    for tie in result.ties:
        console.print(tie.text)
    return buffer.getvalue()

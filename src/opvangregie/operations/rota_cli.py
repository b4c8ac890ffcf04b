"""``opvangregie rota``: a fair duty rota from a CSV or XLSX list of participants.

``main(argv)`` gets the arguments after the word ``rota`` and returns the exit status: 0 on
success, 2 on bad input (a Dutch message on stderr, nothing on stdout). No Django needed.

    opvangregie rota --participants FILE --start DATE --end DATE [--turn-weeks 2]
                     [--parallel 4] [--places 150] [--weight COL] [--unavailable COL]
                     [--method sainte-lague] [--format table|csv|json|ics]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
from collections.abc import Sequence
from datetime import date

from opvangregie.dutch_argparse import DutchArgumentParser, DutchHelpFormatter, UsageError
from opvangregie.fairshare.errors import FairShareError
from opvangregie.fairshare.inputs import Table, parse_number, read_table
from opvangregie.fairshare.numbers import dutch
from opvangregie.safecells import csv_writer

from .ics import IcsEvent, ics_calendar
from .rota import DEFAULT_METHOD, Participant, Rota, RotaError, parse_date, parse_periods, plan_rota

PROG = "opvangregie rota"
FORMATS = ("table", "csv", "json", "ics")

def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog=PROG, add_help=False, formatter_class=DutchHelpFormatter,
        description=(
            "Maak een eerlijk dienstrooster: deelnemers (regio's, gemeenten of locaties) hebben "
            "naar verhouding van hun gewicht dienst, gelijkmatig over de periode verspreid."
        ),
        epilog=(
            "DEELNEMERS is een CSV- of XLSX-bestand met een kolom 'name' en een kolom met "
            "gewichten (bijv. inwoners). Niet-beschikbare data in een kolom, bijv. "
            "'2022-07-01..2022-07-14; 2022-08-01'. Fouten geven exitstatus 2."
        ),
    )
    parser._optionals.title = "opties"
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    parser.add_argument("--participants", metavar="BESTAND", required=True,
                        help="CSV- of XLSX-bestand met de deelnemers (verplicht)")
    parser.add_argument("--start", metavar="DATUM", required=True,
                        help="eerste dag van het rooster, bijv. 2022-06-01 (verplicht)")
    parser.add_argument("--end", metavar="DATUM", required=True,
                        help="laatste dag van het rooster (tot en met), bijv. 2022-08-31")
    parser.add_argument("--turn-weeks", metavar="W", default="2",
                        help="lengte van een dienst in weken (standaard 2)")
    parser.add_argument("--parallel", metavar="N", default="4",
                        help="aantal deelnemers tegelijk op dienst (standaard 4)")
    parser.add_argument("--places", metavar="N", default="150",
                        help="plekken per dienst per deelnemer (standaard 150)")
    parser.add_argument("--weight", metavar="KOL",
                        help="kolom met het gewicht (standaard: de enige getallenkolom)")
    parser.add_argument("--unavailable", metavar="KOL",
                        help="kolom met data waarop een deelnemer niet kan")
    parser.add_argument("--method", metavar="M", default=DEFAULT_METHOD,
                        help="delermethode voor aantal en volgorde (standaard sainte-lague)")
    parser.add_argument("--format", metavar="F", default="table",
                        help="uitvoer: table (standaard), csv, json of ics")
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
    except (FairShareError, RotaError) as error:
        sys.stderr.write(f"{PROG}: fout: {error.message}\n")
        return 2
    sys.stdout.write(output)
    return 0


def _whole(text: str, option: str, minimum: int) -> int:
    value = parse_number(text)
    if value is None or value.denominator != 1 or value < minimum:
        raise UsageError(f"{option} moet een geheel getal van {minimum} of meer zijn, "
                          f"niet '{text}'")
    return int(value)


def _date(text: str, option: str) -> date:
    try:
        return parse_date(text)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from error


def _run(args: argparse.Namespace) -> str:
    output_format = str(args.format).strip().lower()
    if output_format not in FORMATS:
        raise UsageError(f"onbekend formaat '{args.format}'; kies uit: {', '.join(FORMATS)}")
    start = _date(args.start, "--start")
    end = _date(args.end, "--end")
    turn_weeks = _whole(args.turn_weeks, "--turn-weeks", 1)
    parallel = _whole(args.parallel, "--parallel", 1)
    places = _whole(args.places, "--places", 0)
    participants = read_participants(args.participants, weight=args.weight,
                                     unavailable=args.unavailable)
    rota = plan_rota(participants, start=start, end=end, turn_days=7 * turn_weeks,
                     parallel=parallel, places=places, method=args.method)
    if output_format == "json":
        return json.dumps(rota.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if output_format == "csv":
        return as_csv(rota)
    if output_format == "ics":
        return as_ics(rota)
    return as_table(rota)


def read_participants(path: str, *, weight: str | None = None,
                      unavailable: str | None = None) -> list[Participant]:
    table = read_table(path)
    name_column = next((c for c in table.columns if c.lower() in ("name", "naam")),
                       table.columns[0])
    unavailable_column = table.column(unavailable) if unavailable else None
    weight_column = table.column(weight) if weight else _weight_column(
        table, {name_column, unavailable_column})
    participants = []
    for row in table.rows:
        name = row.values.get(name_column)
        if name is None or not str(name).strip():
            raise RotaError(
                f"{table.where(row, capital=True)}, kolom '{name_column}': de naam ontbreekt.",
                code="missing_name",
            )
        periods: tuple = ()
        if unavailable_column:
            cell = row.values.get(unavailable_column)
            text = cell.isoformat() if isinstance(cell, date) else str(cell or "")
            try:
                periods = parse_periods(text)
            except ValueError as error:
                raise RotaError(
                    f"{table.where(row, capital=True)}, kolom '{unavailable_column}': {error}.",
                    code="bad_date",
                ) from error
        participants.append(Participant(
            name=str(name).strip(), weight=table.number(row, weight_column),
            unavailable=periods,
        ))
    return participants


def _weight_column(table: Table, used: set) -> str:
    candidates = [
        column for column in table.columns
        if column not in used
        and any(parse_number(row.values.get(column)) is not None for row in table.rows
                if row.values.get(column) is not None)
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise RotaError(f"{table.path} heeft geen kolom met gewichten (getallen).",
                        code="bad_weight")
    raise RotaError(
        f"Er zijn meerdere getallenkolommen ({', '.join(candidates)}); kies het gewicht met "
        f"--weight, bijvoorbeeld --weight {candidates[0]}.", code="bad_weight",
    )


def turn_uid(turn) -> str:
    digest = hashlib.sha256(
        f"{turn.participant}|{turn.start.isoformat()}|{turn.end.isoformat()}".encode()
    ).hexdigest()[:24]
    return f"{digest}@opvangregie"


def as_ics(rota: Rota) -> str:
    events = [
        IcsEvent(
            uid=turn_uid(turn), start=turn.start, end=turn.end,
            summary=f"Dienst crisisnoodopvang: {turn.participant} ({turn.places} plekken)",
            description=f"Rooster {rota.start.isoformat()} t/m {rota.end.isoformat()}, "
            f"{rota.parallel} tegelijk op dienst.",
        )
        for turn in rota.turns
    ]
    return ics_calendar(events, name="Rooster crisisnoodopvang")


def as_csv(rota: Rota) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\n")
    writer.writerow(["participant", "start", "end", "places"])
    for turn in rota.turns:
        writer.writerow([turn.participant, turn.start.isoformat(), turn.end.isoformat(),
                         turn.places])
    return buffer.getvalue()


def as_table(rota: Rota) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable

    schedule = RichTable(
        title=f"Rooster {rota.start:%d-%m-%Y} t/m {rota.end:%d-%m-%Y}: {rota.parallel} "
        f"tegelijk, {rota.places} plekken per dienst",
    )
    schedule.add_column("Dienst", justify="right")
    schedule.add_column("Van")
    schedule.add_column("Tot en met")
    schedule.add_column("Op dienst")
    schedule.add_column("Plekken", justify="right")
    for slot in rota.slots:
        on_duty = [t for t in rota.turns if t.slot == slot.index]
        schedule.add_row(str(slot.index + 1), f"{slot.start:%d-%m-%Y}", f"{slot.end:%d-%m-%Y}",
                         ", ".join(t.participant for t in on_duty),
                         str(sum(t.places for t in on_duty)))
    fairness = RichTable(title="Aantal diensten per deelnemer", show_footer=True)
    fairness.add_column("Deelnemer", footer="Totaal")
    fairness.add_column("Aandeel", justify="right", footer="100%")
    fairness.add_column("Naar verhouding", justify="right",
                        footer=dutch(sum(p.quota for p in rota.participants), 2))
    fairness.add_column("Diensten", justify="right", footer=str(len(rota.turns)))
    for p in rota.participants:
        fairness.add_row(p.name, f"{dutch(p.share * 100, 2)}%", dutch(p.quota, 2), str(p.turns))
    buffer = io.StringIO()
    console = Console(file=buffer, width=140, color_system=None, force_terminal=False)
    console.print(schedule)
    console.print(fairness)
    for tie in rota.ties:
        console.print(tie)
    return buffer.getvalue()

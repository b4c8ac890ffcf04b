import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from opvangregie.demo.scenario import ACCOUNTS, SCENARIO, demo_accounts_ensure, scenario_load


class Command(BaseCommand):
    help = (
        "Maakt de database aan, laadt eenmalig het demoscenario 'IJsselland 2022' met "
        "demo-accounts en start de applicatie op http://127.0.0.1:8000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Poort (standaard 8000).")
        parser.add_argument(
            "--reset", action="store_true",
            help="Begin opnieuw: wist alle gegevens in de database en laadt het scenario opnieuw.",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Vraag bij --reset niet om bevestiging."
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Alleen laden, daarna stoppen."
        )

    def handle(self, *args, port, reset, yes, no_serve, **options):
        if not 1 <= port <= 65535:
            raise CommandError("--port moet tussen 1 en 65535 liggen.")
        console = Console()
        call_command("migrate", interactive=False, verbosity=0)
        if reset:
            if not yes and not self._confirmed():
                raise CommandError("Afgebroken: er is niets gewist.")
            call_command("flush", interactive=False, verbosity=0)
            console.print("Alle gegevens zijn gewist.")
        with console.status("Demoscenario laden…"):
            loaded = scenario_load()
            passwords = demo_accounts_ensure()
        if loaded:
            console.print(f"Scenario '{SCENARIO}' is geladen.")
        else:
            console.print(
                f"Scenario '{SCENARIO}' was al geladen; wijzigingen van gebruikers blijven staan."
            )
        table = Table(title="Demo-accounts")
        for column in ("gebruikersnaam", "wachtwoord", "rol"):
            table.add_column(column)
        for account in ACCOUNTS:
            table.add_row(account.username, passwords[account.username], account.description)
        console.print(table)
        if no_serve:
            return
        console.print(
            f"Opvangregie draait op http://127.0.0.1:{port}/ — stoppen met Ctrl+C.",
            style="bold",
        )
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)

    def _confirmed(self) -> bool:
        if not sys.stdin.isatty():
            raise CommandError(
                "--reset wist alle gegevens; bevestig met --yes als er geen invoer mogelijk is."
            )
        answer = input("Alle gegevens in de database wissen en opnieuw beginnen? [j/N] ")
        return answer.strip().lower() in {"j", "ja", "y", "yes"}

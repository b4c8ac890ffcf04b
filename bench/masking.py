"""Benchmark of the free-text guard: masking on vs. off, in the same run.

    uv run python bench/masking.py [--candidates 300] [--runs 15]

Builds a throwaway SQLite database in a temporary data folder (never DATABASE_URL): the demo
scenario "IJsselland 2022" with its meetings, `--candidates` unreleased candidates and 40
confidential locations in IJsselland (so a board member has that many hidden terms), and on
the meeting of 31-08-2022 60 decisions and 60 actions whose text names a candidate or a
confidential location, in other case and without accents. Then, as the board member (every
name is masked for them) and as the coordinator (none is), it measures:

- the status report object (`status_report_for_user` + its sections), the deck (pptx) and the
  workbook (xlsx), each with a fresh user object, so the matcher is built every time;
- the meeting detail page `/overleg/<pk>/` through the test client;

each with masking off (`textguard.mask` and `masker` replaced by the identity) and on,
alternating run by run, and prints the medians and the ratio on/off. Target: ratio ≤ 1.1.
"""

import argparse
import os
import statistics
import tempfile
import time
from contextlib import contextmanager, nullcontext
from datetime import date, datetime
from zoneinfo import ZoneInfo

from deck import setup_django  # bench/ is the script's folder: one set-up for both

AS_OF = date(2022, 8, 31)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def generate(candidates: int):
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Max

    from opvangregie.capacity.models import Location, LocationType
    from opvangregie.demo.scenario import demo_accounts_ensure, scenario_load
    from opvangregie.meetings.demo import meetings_demo_load
    from opvangregie.meetings.models import Horizon
    from opvangregie.meetings.services import action_create, decision_create
    from opvangregie.pipeline.models import CandidateKind, CandidateLocation
    from opvangregie.regions.models import SafetyRegion

    call_command("migrate", verbosity=0)
    os.environ.setdefault("OPVANGREGIE_DEMO_PASSWORD", "bench-wachtwoord")
    scenario_load()
    demo_accounts_ensure()
    region = SafetyRegion.objects.get(code="VR04")
    if not region.meetings.filter(date=AS_OF).exists():
        meetings_demo_load(region)
    municipalities = list(region.municipalities.filter(exists_until=None).order_by("code"))
    first = (CandidateLocation.objects.filter(safety_region=region)
             .aggregate(n=Max("number"))["n"] or 0) + 1
    created = datetime(2022, 8, 1, 9, tzinfo=AMSTERDAM)
    with transaction.atomic():
        CandidateLocation.objects.bulk_create([
            CandidateLocation(
                safety_region=region, number=first + i,
                municipality=municipalities[i % len(municipalities)],
                name=f"Boerderij Zuiderkämp {i}", address=f"Brinkweg {100 + i}",
                owner=f"Stichting Wïlgenhorst {i}", kind=CandidateKind.BUILDING,
                possible_places=10 + i % 90, created_at=created)
            for i in range(candidates)
        ])
        Location.objects.bulk_create([
            Location(name=f"Kamp Welgelëgen {i}", address=f"Heideweg {i}",
                     municipality=municipalities[i % len(municipalities)],
                     type=LocationType.CNO, is_confidential=True)
            for i in range(40)
        ])
        meeting = region.meetings.get(date=AS_OF)
        at = datetime(2022, 8, 31, 17, tzinfo=AMSTERDAM)
        for i in range(60):
            decision_create(
                actor=None, meeting=meeting, horizon=Horizon.SHORT if i % 2 else Horizon.LONG,
                text=f"Het bestuur vraagt de gemeente om boerderij ZUIDERKAMP {i * 5 % candidates}"
                     f" en kamp welgelegen {i % 40} te vergelijken en in het volgende overleg "
                     "terug te komen met een voorstel over plekken, kosten en planning.",
                owner="Regiocoördinator", created_at=at)
            action_create(
                actor=None, meeting=meeting, owner="Gemeente",
                text=f"Schouw op brinkweg {100 + i} plannen met stichting wilgenhorst {i}.",
                created_at=at)
    print(f"generated: {CandidateLocation.objects.count()} candidates, "
          f"{Location.objects.filter(is_confidential=True).count()} confidential locations, "
          f"{meeting.decisions.count()} decisions and {meeting.actions.count()} actions on "
          f"the meeting of {AS_OF}")
    return region, meeting


@contextmanager
def masking_off():
    """`mask` and `masker` as the identity, where the pages and the report look them up."""
    from opvangregie import textguard
    from opvangregie.reports import status_report

    saved = textguard.mask, textguard.masker, status_report.masker
    textguard.mask = lambda text, user: text
    identity = lambda user: (lambda text: text)  # noqa: E731
    textguard.masker = status_report.masker = identity
    try:
        yield
    finally:
        textguard.mask, textguard.masker, status_report.masker = saved


def compare(label: str, function, runs: int) -> float:
    function()  # warm up both paths (templates, translations) before timing
    with masking_off():
        function()
    off, on = [], []

    def timed(times, masked: bool):
        with nullcontext() if masked else masking_off():
            started = time.perf_counter()
            function()
            times.append(time.perf_counter() - started)

    for run in range(runs):
        # Alternate which goes first, so a slower second call (GC, caches) favours neither.
        for times, masked in ((off, False), (on, True))[:: 1 if run % 2 else -1]:
            timed(times, masked)
    ratio = statistics.median(on) / statistics.median(off)
    print(f"{label:<52} off {statistics.median(off) * 1000:7.1f} ms   "
          f"on {statistics.median(on) * 1000:7.1f} ms   ratio {ratio:5.2f}")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=300)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opvangregie-bench-masking-") as data_dir:
        setup_django(data_dir)
        started = time.perf_counter()
        region, meeting = generate(args.candidates)
        print(f"generating took {time.perf_counter() - started:.1f} s\n")

        from django.test import Client
        from django.utils import translation

        from opvangregie.accounts.models import User
        from opvangregie.reports import deck, deck_workbook
        from opvangregie.reports.status_report import status_report_for_user
        from opvangregie.textguard import hidden_terms

        ratios = []
        for username in ("bestuur", "coordinator"):
            terms = len(hidden_terms(User.objects.get(username=username)))
            print(f"as {username}: {terms} hidden terms")

            def report(username=username):
                # A fresh user object, as each request has: the matcher is built every time.
                user = User.objects.get(username=username)
                built = status_report_for_user(user, region=region, as_of=AS_OF)
                built.sections  # noqa: B018 (the sections apply the mask)
                return built

            client = Client()
            client.force_login(User.objects.get(username=username))
            with translation.override("nl"):
                ratios.append(compare(f"  status report object + sections ({username})", report,
                                      args.runs))
                ratios.append(compare(f"  deck pptx ({username})",
                                      lambda report=report: deck.deck_bytes(report()),
                                      args.runs))
                ratios.append(compare(f"  workbook xlsx ({username})",
                                      lambda report=report: deck_workbook.workbook_bytes(
                                          report()), args.runs))
            url = f"/overleg/{meeting.pk}/"
            ratios.append(compare(f"  meeting page {url} ({username})",
                                  lambda client=client, url=url: client.get(url), args.runs))
        print(f"\nworst ratio on/off: {max(ratios):.2f}   (target <= 1.10)")


if __name__ == "__main__":
    main()

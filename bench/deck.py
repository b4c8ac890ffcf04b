"""Benchmark of the status deck ("tussenstand") for one region.

    uv run python bench/deck.py [--locations 150] [--runs 10]

Builds a throwaway SQLite database in a temporary data folder (never DATABASE_URL): the demo
scenario "IJsselland 2022" with its meetings, plus `--locations` extra locations in IJsselland
with weekly capacity records through 2022 (a busy region: ~160 locations, ~8,000 records),
40 candidate locations and 60 decisions. Then it measures, as the `deck` command does (the
system user), for the reference date 31-08-2022:

- the data object (`status_report_for_user`) with its query count;
- the PowerPoint deck (data + rendering), the Excel workbook, and the printable page;

and prints the median and the slowest of N runs. Target: the region's deck in ≤ 1 s.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

AS_OF = date(2022, 8, 31)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def setup_django(data_dir: str) -> None:
    os.environ["OPVANGREGIE_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)  # always the throwaway SQLite database
    os.environ["DJANGO_SETTINGS_MODULE"] = "opvangregie.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()


def generate(extra_locations: int) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from opvangregie.capacity.models import CapacityKind, CapacityRecord, Location, LocationType
    from opvangregie.demo.scenario import scenario_load
    from opvangregie.meetings.demo import meetings_demo_load
    from opvangregie.meetings.models import Horizon
    from opvangregie.meetings.services import decision_create
    from opvangregie.pipeline.models import CandidateKind
    from opvangregie.pipeline.services import candidate_submit
    from opvangregie.regions.models import SafetyRegion

    call_command("migrate", verbosity=0)
    scenario_load()
    region = SafetyRegion.objects.get(code="VR04")
    meetings_demo_load(region)
    municipalities = list(region.municipalities.filter(exists_until=None).order_by("code"))
    known = datetime(2022, 1, 3, tzinfo=AMSTERDAM)
    with transaction.atomic():
        types = [LocationType.CNO, LocationType.GOO, LocationType.HOTEL, LocationType.AZC]
        locations = Location.objects.bulk_create([
            Location(name=f"Benchlocatie {i}", municipality=municipalities[i % len(
                municipalities)], type=types[i % len(types)], for_ukrainians=i % 4 == 1,
                is_confidential=i % 5 == 0)
            for i in range(extra_locations)
        ])
        records = []
        for index, location in enumerate(locations):
            day = date(2022, 1, 3)
            while day < date(2022, 12, 26):
                records.append(CapacityRecord(
                    location=location, valid_from=day, valid_to=day + timedelta(days=6),
                    places=20 + index % 30, kind=CapacityKind.REALISED,
                    registered_at=known + timedelta(days=(day - date(2022, 1, 3)).days)))
                day += timedelta(days=7)
        CapacityRecord.objects.bulk_create(records, batch_size=2000)
        for i in range(40):
            candidate_submit(actor=None, safety_region=region,
                             municipality=municipalities[i % len(municipalities)],
                             name=f"Benchkandidaat {i}", kind=CandidateKind.BUILDING,
                             possible_places=10 + i)
        meeting = region.meetings.get(date=AS_OF)
        for i in range(60):
            decision_create(actor=None, meeting=meeting, text=f"Benchbesluit {i}", owner="PM",
                            horizon=Horizon.SHORT if i % 2 else Horizon.LONG,
                            created_at=datetime(2022, 8, 31, 17, tzinfo=AMSTERDAM))
    print(f"generated: {Location.objects.filter(municipality__safety_region=region).count()} "
          f"locations, {CapacityRecord.objects.count()} capacity records in the region's "
          "database")


def measure(label: str, function, runs: int) -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        function()
    queries = len(captured)  # count now: reset_queries() below empties the log
    times = []
    for _ in range(runs):
        reset_queries()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    print(f"{label:<48} median {statistics.median(times) * 1000:8.0f} ms   "
          f"max {max(times) * 1000:6.0f} ms   queries {queries}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locations", type=int, default=150)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opvangregie-bench-deck-") as data_dir:
        setup_django(data_dir)
        started = time.perf_counter()
        generate(args.locations)
        print(f"generating took {time.perf_counter() - started:.1f} s\n")

        from django.test import Client
        from django.utils import translation

        from opvangregie.accounts.models import User
        from opvangregie.regions.models import SafetyRegion
        from opvangregie.reports import deck, deck_workbook
        from opvangregie.reports.status_report import status_report_for_user
        from opvangregie.reports.system import system_user

        region = SafetyRegion.objects.get(code="VR04")
        user = system_user()
        coordinator = User.objects.create_user("bench-coordinator", role="coordinator",
                                               safety_region=region)
        client = Client()
        client.force_login(coordinator)
        query = {"regio": "VR04", "peildatum": AS_OF.isoformat()}

        def report():
            return status_report_for_user(user, region=region, as_of=AS_OF)

        with translation.override("nl"):
            size = len(deck.deck_bytes(report()))
            slides = len(deck.build_deck(report()).slides)
            print(f"deck: {slides} slides, {size / 1024:.0f} KiB\n")
            measure("data object (status_report_for_user)", report, args.runs)
            measure("PowerPoint deck (data + pptx)", lambda: deck.deck_bytes(report()),
                    args.runs)
            measure("Excel workbook (data + xlsx)",
                    lambda: deck_workbook.workbook_bytes(report()), args.runs)
        measure("download /overleg/tussenstand.pptx (coordinator)",
                lambda: client.get("/overleg/tussenstand.pptx", query), args.runs)
        measure("printable page /overleg/tussenstand/",
                lambda: client.get("/overleg/tussenstand/", query), args.runs)
        print("\ntarget: the region's deck in <= 1 s (issue 18)")


if __name__ == "__main__":
    main()

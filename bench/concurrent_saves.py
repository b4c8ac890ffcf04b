"""Benchmark: officers saving capacity figures at the same moment on SQLite.

    uv run python bench/concurrent_saves.py [--officers 8] [--saves 12]

In a throwaway data folder (never DATABASE_URL), twice in one run, on a fresh SQLite file:

- **baseline**: the settings before ADR 7 (rollback journal, deferred transactions, a 20 s
  busy timeout);
- **configured**: the project's settings (WAL, `synchronous=NORMAL`, IMMEDIATE transactions,
  20 s busy timeout).

Each officer has an own location; all officers start together (one thread each, Django's test
client through the real view `capacity:capacity_register`) and each registers `--saves` periods.
It prints per mode the saves that succeeded, the failed ones (an error page, e.g. "database is
locked") and the wall-clock time, and the ratio of the times. Target: no failed save when
configured.
"""

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

BASELINE_OPTIONS = {"timeout": 20}


def setup_django(data_dir: str) -> None:
    os.environ["OPVANGREGIE_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)  # always the throwaway SQLite database
    os.environ["DJANGO_SETTINGS_MODULE"] = "opvangregie.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()


def use_database(path: Path, options: dict) -> None:
    """Point the default connection at a new file with these options, and migrate it."""
    from django.core.management import call_command
    from django.db import connections

    connections.close_all()
    settings_dict = connections.settings["default"]
    settings_dict["NAME"] = str(path)
    settings_dict["OPTIONS"] = dict(options)
    connections["default"].settings_dict.update(NAME=str(path), OPTIONS=dict(options))
    call_command("migrate", verbosity=0)


def run(officers: int, saves: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from opvangregie.accounts.models import Role, User
    from opvangregie.capacity.models import CapacityRecord, Location
    from opvangregie.regions.models import Municipality
    from opvangregie.regions.services import reference_data_load

    reference_data_load()
    municipalities = list(Municipality.objects.filter(safety_region__code="VR04"))
    clients = []
    for index in range(officers):
        municipality = municipalities[index % len(municipalities)]
        user = User.objects.create(username=f"officer{index}", role=Role.OFFICER)
        user.municipalities.set([municipality])
        location = Location.objects.create(name=f"Locatie {index}", municipality=municipality,
                                           type="cno")
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append((client, location))

    outcome = {"ok": 0, "failed": 0}
    lock = threading.Lock()
    barrier = threading.Barrier(officers)

    def officer(client, location):
        url = reverse("capacity:capacity_register", kwargs={"pk": location.pk})
        barrier.wait()
        try:
            for week in range(saves):
                start = date(2022, 6, 1) + timedelta(weeks=week)
                response = client.post(url, {
                    "valid_from": start.isoformat(),
                    "valid_to": (start + timedelta(days=6)).isoformat(),
                    "places": str(50 + week), "occupancy": "", "kind": "realised",
                    "reason": "", "seen_up_to": "",
                })
                with lock:
                    outcome["ok" if response.status_code == 302 else "failed"] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=officer, args=pair) for pair in clients]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome["seconds"] = time.perf_counter() - started
    outcome["records"] = CapacityRecord.objects.count()
    return outcome


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=8)
    parser.add_argument("--saves", type=int, default=12)
    args = parser.parse_args(argv)

    data_dir = Path(tempfile.mkdtemp(prefix="opvangregie-bench-"))
    setup_django(str(data_dir))
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # failures are counted

    from django.conf import settings

    configured = dict(settings.DATABASES["default"]["OPTIONS"])
    print(f"Data folder (throwaway SQLite): {data_dir}")
    print(f"{args.officers} officers × {args.saves} saves at the same moment\n")
    results = {}
    for mode, options in (("baseline", BASELINE_OPTIONS), ("configured", configured)):
        use_database(data_dir / f"{mode}.sqlite3", options)
        results[mode] = run(args.officers, args.saves)
        r = results[mode]
        print(f"{mode:>10}: {r['ok']:>4} saved, {r['failed']:>4} failed, "
              f"{r['records']:>4} records, {r['seconds']:.2f} s   options={options}")
    ratio = results["configured"]["seconds"] / results["baseline"]["seconds"]
    print(f"\nconfigured / baseline wall-clock time: {ratio:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

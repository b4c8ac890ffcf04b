"""Benchmark of the overview "Inzage opgaven asielketen" at national scale.

    uv run python bench/overview.py [--locations 5000] [--runs 30]

Builds a throwaway SQLite database in a temporary data folder (never DATABASE_URL): the CBS
reference data (25 regions, 342 municipalities), ~5,000 locations with weekly capacity records
from 2021-01-01 to 2023-12-31 (some corrected later), monthly permit-holder housing, targets and
adopted CNO distributions for half of the regions. Then, in one run, it measures with Django's
test client:

- a trivial logged-in page: a 404 page (URL resolution fails, the 404 template extending
  base.html is rendered for the logged-in user; session, auth and every middleware run);
- the overview of IJsselland (VR04) for its coordinator and for an administrator, twice:
  computed from the database (the cache emptied before every run: the first view after any
  change of a figure) and again from the cache (every later view until the next change);
- its Excel export (computed and cached);
- the computation for every one of the 25 regions in a loop (the whole country, no cache).

It prints the median server time over N runs and the number of database queries, and ratios
against the trivial page. Targets: the query count does not depend on the number of
municipalities or locations; the region overview takes ≤ 100 ms and ≤ 3× the trivial page.
"""

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

AS_OF = date(2022, 8, 31)
FIRST_DAY, LAST_DAY = date(2021, 1, 1), date(2023, 12, 31)


def setup_django(data_dir: str) -> None:
    os.environ["OPVANGREGIE_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)  # always the throwaway SQLite database
    os.environ["DJANGO_SETTINGS_MODULE"] = "opvangregie.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()


def generate(locations_wanted: int, seed: int = 2022) -> dict:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from opvangregie.accounts.models import Role, User
    from opvangregie.capacity.models import (
        CapacityKind,
        CapacityRecord,
        FiguresConfirmation,
        Location,
        LocationType,
        PermitHolderHousing,
    )
    from opvangregie.regions.models import Municipality, SafetyRegion
    from opvangregie.regions.services import reference_data_load
    from opvangregie.targets.distribution import DistributionInput, distribution_compute
    from opvangregie.targets.models import Target
    from opvangregie.targets.services import (
        distribution_adopt,
        distribution_save,
        target_create,
    )

    rng = random.Random(seed)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    reference_data_load()
    regions = list(SafetyRegion.objects.order_by("code"))
    municipalities = [m for m in Municipality.objects.order_by("code") if m.exists_on(AS_OF)]

    def aware(day: date, hour: int = 12) -> datetime:
        return timezone.make_aware(datetime(day.year, day.month, day.day, hour))

    types = [LocationType.CNO] * 25 + [LocationType.AZC] * 10 + [LocationType.GOO] * 30 + [
        LocationType.HOTEL, LocationType.HOLIDAY_PARK, LocationType.BOAT,
        LocationType.INTERMEDIATE, LocationType.FLEX_HOMES, LocationType.BNB, LocationType.OTHER,
    ] * 5
    with transaction.atomic():
        locations = Location.objects.bulk_create(
            Location(
                name=f"Locatie {i}",
                municipality=municipalities[i % len(municipalities)],
                type=(kind := rng.choice(types)),
                for_ukrainians=kind == LocationType.GOO or rng.random() < 0.1,
                for_asylum_seekers=kind in (LocationType.AZC, LocationType.CNO),
                is_confidential=rng.random() < 0.3,
            )
            for i in range(locations_wanted)
        )
        monday = FIRST_DAY - timedelta(days=FIRST_DAY.weekday())
        weeks = []
        while monday <= LAST_DAY:
            weeks.append(monday)
            monday += timedelta(weeks=1)
        records = []
        batch = 20_000
        created = corrected = 0
        for location in locations:
            places = rng.randint(20, 400)
            for start in weeks:
                places = max(0, places + rng.randint(-10, 10))
                records.append(CapacityRecord(
                    location=location, valid_from=max(start, FIRST_DAY),
                    valid_to=min(start + timedelta(days=6), LAST_DAY), places=places,
                    occupancy=places * rng.randint(60, 100) // 100,
                    kind=CapacityKind.PLANNED if rng.random() < 0.1 else CapacityKind.REALISED,
                    registered_at=aware(start - timedelta(days=rng.randint(0, 7))),
                ))
            if len(records) >= batch:
                created += _insert(records, rng, aware)
                corrected += len(records) // 100
                records = []
        if records:
            created += _insert(records, rng, aware)
        # Months a loaded scenario (bench/load.py loads the demo first) already counted are
        # left to it: one current count per municipality and month.
        counted = set(PermitHolderHousing.objects.values_list("municipality_id", "month"))
        housing = [
            PermitHolderHousing(municipality=m, month=date(year, month, 1),
                                housed=rng.randint(0, 40),
                                registered_at=aware(date(year, month, 1) + timedelta(days=27)))
            for m in municipalities
            for year in (2021, 2022, 2023)
            for month in range(1, 13)
            if (m.pk, date(year, month, 1)) not in counted
        ]
        PermitHolderHousing.objects.bulk_create(housing, batch_size=2000)

    coordinator = User.objects.create_user(
        "bench-coordinator", role=Role.COORDINATOR,
        safety_region=SafetyRegion.objects.get(code="VR04"),
    )
    administrator = User.objects.create_user(
        "bench-admin", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True
    )
    FiguresConfirmation.objects.bulk_create(
        FiguresConfirmation(municipality=m, confirmed_by=coordinator,
                            confirmed_at=aware(AS_OF - timedelta(days=rng.randint(0, 40))))
        for m in municipalities if rng.random() < 0.5
    )
    # Targets: official national numbers per half-year (illustrative apart from 2022-2),
    # the informal 20,000, and per region CNO (Oct–Dec) and Ukrainian targets; registered
    # before the reference date, so an overview "as known on" it reads them.
    known = aware(date(2021, 1, 1))
    for year, half, amount in ((2021, 1, 11500), (2021, 2, 13000), (2022, 1, 11800),
                               (2022, 2, 13500), (2023, 1, 19000), (2023, 2, 19000)):
        start = date(year, 1 if half == 1 else 7, 1)
        end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
        target_create(name=f"Taakstelling {half}e helft {year}", kind=Target.Kind.PERMIT_HOLDERS,
                      scope=Target.Scope.NATIONAL, amount=amount, unit=Target.Unit.PERSONS,
                      period_start=start, period_end=end, source="bench", registered_at=known)
    target_create(name="Informele taakstelling 2e helft 2022", kind=Target.Kind.PERMIT_HOLDERS,
                  scope=Target.Scope.NATIONAL, amount=20000, unit=Target.Unit.PERSONS,
                  period_start=date(2022, 7, 1), period_end=date(2022, 12, 31), source="bench",
                  is_informal=True, registered_at=known)
    adopted = 0
    for index, region in enumerate(regions):
        cno = target_create(name=f"CNO {region.code}", kind=Target.Kind.CNO,
                            scope=Target.Scope.REGIONAL, safety_region=region, amount=450,
                            unit=Target.Unit.PLACES, period_start=date(2022, 10, 1),
                            period_end=date(2022, 12, 31), source="bench",
                            registered_at=known)
        target_create(name=f"Oekraïners {region.code}", kind=Target.Kind.UKRAINIANS,
                      scope=Target.Scope.REGIONAL, safety_region=region, amount=2400,
                      unit=Target.Unit.PLACES, period_start=date(2022, 7, 1),
                      period_end=date(2022, 12, 31), source="bench", registered_at=known)
        if index % 2:  # VR02, VR04, … stay computed; VR01, VR03, … adopted
            continue
        computed = distribution_compute(DistributionInput(
            target=cno, region=region, credit_from=date(2022, 6, 1),
            credit_until=date(2022, 9, 30), credit_location_type=LocationType.CNO,
            credit_as_of=AS_OF))
        saved = distribution_save(actor=None, computed=computed)
        distribution_adopt(actor=None, distribution=saved, decision_reference="bench")
        Distribution = type(saved)
        Distribution.objects.filter(pk=saved.pk).update(adopted_at=aware(AS_OF, 9))
        adopted += 1
    # Table statistics, as a deployment has them: PostgreSQL's autovacuum gathers them, and
    # `migrate` runs ANALYZE on SQLite (core.apps); a fresh bulk load has none yet.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "regions": len(regions),
        "municipalities": len(municipalities),
        "locations": len(locations),
        "records": CapacityRecord.objects.count(),
        "corrections": CapacityRecord.objects.filter(corrects__isnull=False).count(),
        "housing": len(housing),
        "adopted": adopted,
        "seconds": time.perf_counter() - started,
        "coordinator": coordinator,
        "administrator": administrator,
        "regions_list": regions,
    }


def reused() -> dict:
    from opvangregie.accounts.models import User
    from opvangregie.capacity.models import CapacityRecord, Location, PermitHolderHousing
    from opvangregie.regions.models import Municipality, SafetyRegion
    from opvangregie.targets.models import Distribution

    return {
        "regions": SafetyRegion.objects.count(),
        "municipalities": sum(1 for m in Municipality.objects.all() if m.exists_on(AS_OF)),
        "locations": Location.objects.count(),
        "records": CapacityRecord.objects.count(),
        "corrections": CapacityRecord.objects.filter(corrects__isnull=False).count(),
        "housing": PermitHolderHousing.objects.count(),
        "adopted": Distribution.objects.filter(status="adopted").count(),
        "seconds": 0.0,
        "coordinator": User.objects.get(username="bench-coordinator"),
        "administrator": User.objects.get(username="bench-admin"),
        "regions_list": list(SafetyRegion.objects.order_by("code")),
    }


def _insert(records, rng, aware) -> int:
    """Insert a batch; correct 1 % of it later (a correction registered weeks afterwards)."""
    from opvangregie.capacity.models import CapacityRecord

    created = CapacityRecord.objects.bulk_create(records, batch_size=5000)
    corrections = [
        CapacityRecord(
            location_id=r.location_id, valid_from=r.valid_from, valid_to=r.valid_to,
            places=max(r.occupancy or 0, r.places - rng.randint(1, 10)), occupancy=r.occupancy,
            kind=r.kind, corrects=r, reason="telfout",
            registered_at=r.registered_at + timedelta(days=rng.randint(3, 60)),
        )
        for r in rng.sample(created, len(created) // 100)
    ]
    # As the service does: a corrected record is superseded first, so the database's one
    # current record per location and start date holds (ADR 7).
    for correction in corrections:
        correction.corrects.superseded_at = correction.registered_at
    CapacityRecord.objects.bulk_update([c.corrects for c in corrections], ["superseded_at"],
                                       batch_size=5000)
    CapacityRecord.objects.bulk_create(corrections, batch_size=5000)
    return len(created) + len(corrections)


def measure(call, runs: int, before=None) -> tuple[float, int]:
    """Median milliseconds over `runs` (after 3 warm-ups) and the query count of one call.

    `before` runs ahead of every call, outside the timing (e.g. emptying the cache).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    before = before or (lambda: None)
    for _ in range(3):
        before()
        call()
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    before()
    with CaptureQueriesContext(connection) as context:
        call()
    return statistics.median(times), len(context.captured_queries)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locations", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    parser.add_argument("--reuse", metavar="FOLDER",
                        help="measure again on a folder kept earlier with --keep")
    args = parser.parse_args(argv)

    data_dir = args.reuse or tempfile.mkdtemp(prefix="opvangregie-bench-")
    setup_django(data_dir)
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404s are on purpose

    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from opvangregie.regions.models import SafetyRegion
    from opvangregie.reports.overview import overview_compute

    print(f"Data folder (throwaway SQLite): {data_dir}")
    data = reused() if args.reuse else generate(args.locations)
    print(
        f"Generated in {data['seconds']:.1f} s: {data['regions']} regions, "
        f"{data['municipalities']} municipalities, {data['locations']} locations, "
        f"{data['records']:,} capacity records ({data['corrections']:,} corrections), "
        f"{data['housing']:,} housing rows, {data['adopted']} adopted CNO distributions."
    )

    coordinator_client, admin_client = Client(), Client()
    coordinator_client.force_login(data["coordinator"])
    admin_client.force_login(data["administrator"])
    query = f"peildatum={AS_OF.isoformat()}"
    overview_url = f"{reverse('overview')}?{query}"
    export_url = f"{reverse('overview_export')}?{query}"

    def get(client, url, status=200):
        def call():
            response = client.get(url)
            assert response.status_code == status, (url, response.status_code)
        return call

    results = {}
    empty = cache.clear
    results["trivial"] = measure(get(coordinator_client, "/overzicht/bestaat-niet/", 404),
                                 args.runs)
    results["region_coordinator_cold"] = measure(get(coordinator_client, overview_url),
                                                 args.runs, before=empty)
    results["region_coordinator"] = measure(get(coordinator_client, overview_url), args.runs)
    admin_url = overview_url + "&regio=VR04"
    results["region_admin_cold"] = measure(get(admin_client, admin_url), args.runs, before=empty)
    results["region_admin"] = measure(get(admin_client, admin_url), args.runs)
    results["export_cold"] = measure(get(coordinator_client, export_url),
                                     max(5, args.runs // 3), before=empty)
    results["export"] = measure(get(coordinator_client, export_url), max(5, args.runs // 3))

    # The whole country: the selector for each of the 25 regions.
    administrator = data["administrator"]
    per_region = []
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for region in SafetyRegion.objects.order_by("code"):
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            overview = overview_compute(administrator, region=region, as_of=AS_OF)
            elapsed = (time.perf_counter() - started) * 1000
        per_region.append((region.code, len(overview.rows), overview.cno_share_adopted,
                           len(context.captured_queries), elapsed))
    country = []
    for _ in range(max(3, args.runs // 10)):
        started = time.perf_counter()
        for region in data["regions_list"]:
            overview_compute(administrator, region=region, as_of=AS_OF)
        country.append((time.perf_counter() - started) * 1000)

    trivial_ms, trivial_q = results["trivial"]
    print()
    print(f"Median server time over {args.runs} runs (Django test client, SQLite), as of "
          f"{AS_OF:%d-%m-%Y}:")
    print(f"{'page':<58}{'median ms':>10}{'queries':>9}{'× trivial':>11}")
    labels = {
        "trivial": "trivial logged-in page (404 page)",
        "region_coordinator_cold": "overview VR04, coordinator, computed (CNO share too)",
        "region_coordinator": "overview VR04, coordinator, from the cache",
        "region_admin_cold": "overview VR04, administrator, computed",
        "region_admin": "overview VR04, administrator, from the cache",
        "export_cold": "Excel export VR04, coordinator, computed",
        "export": "Excel export VR04, coordinator, from the cache",
    }
    for key, label in labels.items():
        ms, queries = results[key]
        print(f"{label:<58}{ms:>10.1f}{queries:>9}{ms / trivial_ms:>11.1f}")
    print()
    counts_adopted = {q for _c, _n, adopted, q, _ms in per_region if adopted}
    counts_computed = {q for _c, _n, adopted, q, _ms in per_region if not adopted}
    rows = [n for _c, n, _a, _q, _ms in per_region]
    slowest = max(per_region, key=lambda item: item[4])
    print(f"Computation for all {len(per_region)} regions ({sum(rows)} municipalities): "
          f"median {statistics.median(country):.0f} ms for the whole country; "
          f"slowest region {slowest[0]} ({slowest[1]} municipalities) {slowest[4]:.0f} ms.")
    print(f"Queries per region: {sorted(counts_adopted)} with an adopted distribution, "
          f"{sorted(counts_computed)} with a computed one, for regions of "
          f"{min(rows)}–{max(rows)} municipalities.")

    region_ms, _queries = results["region_coordinator"]
    cold_ms, _queries = results["region_coordinator_cold"]
    constant = len(counts_adopted) <= 1 and len(counts_computed) <= 1
    print()
    print("Summary")
    print(f"  query count constant in municipalities/locations: {'yes' if constant else 'NO'}")
    print(f"  region overview ≤ 100 ms: {'yes' if max(region_ms, cold_ms) <= 100 else 'NO'} "
          f"({region_ms:.1f} ms from the cache, {cold_ms:.1f} ms computed)")
    print(f"  region overview ≤ 3× trivial page: "
          f"{'yes' if region_ms <= 3 * trivial_ms else 'NO'} from the cache "
          f"({region_ms / trivial_ms:.1f}× of {trivial_ms:.1f} ms); "
          f"computed after a change: {cold_ms / trivial_ms:.1f}×")
    if not args.keep and not args.reuse:
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

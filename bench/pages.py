"""Benchmark of every main page at national scale, on SQLite and on PostgreSQL.

    uv run python bench/pages.py [--database sqlite|postgres] [--data FOLDER] [--reuse]
                                 [--locations 5000] [--runs 15]

Fills a database once with the demo scenario of IJsselland (meetings, candidates, emergency
rota, a CNO distribution) and the national-scale generator of bench/overview.py (25 regions,
342 municipalities, ~5,000 locations with three years of weekly capacity records, ~800,000
records). SQLite: a file in --data (default /tmp/opvangregie-bench-pages); PostgreSQL: the
database `bench_pages` on 127.0.0.1 (--database-url, loopback only), recreated unless --reuse.
With --reuse the data of an earlier run is measured again (generating takes minutes).

Then, in one run, with Django's test client, for the demo's regional coordinator of
IJsselland and for the municipal officer of Zwolle, it measures every main page: a trivial
logged-in page (a 404 page rendered for the logged-in user: session, auth, every middleware),
the dashboard, the location list (and a filtered one), a location detail, the overview (from
the cache and computed: the first view after a change), the distributions, the candidates,
the meetings, a meeting, the CNO/emergency pages, the stays and the notifications. It prints
per page the median server time over N runs, the ratio to the trivial page of the same run
and the query count. Targets: every page ≤ 3× the trivial page; a query count that does not
grow with the data (compare the counts of --locations 1000 and 5000).
"""

import argparse
import logging
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

PASSWORD = "bench-pages-" + "wachtwoord-voor-de-test"
AS_OF = "2022-08-31"


def loopback_only(url: str) -> None:
    if urlsplit(url).hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("bench/pages.py only talks to a database on this machine (127.0.0.1).")


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or name in {"test", "test_test", "postgres"}:
        raise SystemExit(f"Not a benchmark database: {name!r}")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


def setup_django(data_dir: str, database_url: str | None) -> None:
    os.makedirs(data_dir, exist_ok=True)
    os.environ["OPVANGREGIE_DATA_DIR"] = data_dir
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "opvangregie.settings"
    os.environ["OPVANGREGIE_DEMO_PASSWORD"] = PASSWORD
    import django

    django.setup()


def fill(locations: int) -> dict:
    import overview  # bench/overview.py: the national-scale generator
    from django.core.management import call_command

    from opvangregie.demo.scenario import demo_accounts_ensure, scenario_load

    call_command("migrate", verbosity=0)
    # The demo scenario first: it looks up its own CNO target, which the generator would
    # otherwise duplicate.
    scenario_load()
    data = overview.generate(locations)
    demo_accounts_ensure()
    return data


def measure(call, trivial, runs: int, before=None) -> tuple[float, float, int]:
    """Median milliseconds of `call` and of `trivial` over `runs`, interleaved (after 2
    warm-ups), and the query count of one call.

    The trivial page is requested right before each run of the page, so that a ratio compares
    two timings taken under the same load (the machine may be shared).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    before = before or (lambda: None)
    for _ in range(2):
        before()
        call()
    times, trivials, writes = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        trivial()
        trivials.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        before()
        writes.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    before()
    with CaptureQueriesContext(connection) as context:
        call()
    measure.write_ms = statistics.median(writes)  # the change before each run, if any
    return statistics.median(times), statistics.median(trivials), len(context.captured_queries)


def pages(user) -> list[tuple[str, str, int, bool | str]]:
    """(label, URL, expected status, before) of every main page, the trivial page first.

    `before`: what happens before each run: True empties the cache (the first view after any
    change); "elsewhere"/"here" registers a week's figures of a location in another region or
    in the coordinator's own region (IJsselland), as the weekly registrations do (in 2030:
    nothing the overview of AS_OF shows changes); "here-visible" changes CNO places in
    IJsselland that the overview of AS_OF counts (`visible_change`); "meeting" changes the
    notes of a meeting of IJsselland, which the overview does not read (`meeting_change`);
    "location-elsewhere"/"location-here" rename a location in another region or in
    IJsselland (`location_change`): a change of a region's set-up (ADR 14); "national-target"
    renames a national target and "membership" gives another user a municipality or takes it
    away again (`setup_change`): a change of the set-up of no region (ADR 14).
    """
    from opvangregie.capacity.selectors import locations_for_user
    from opvangregie.meetings.models import Meeting
    from opvangregie.national.models import Series as NationalSeries
    from opvangregie.operations.models import EmergencyRequest, Rota
    from opvangregie.pipeline.models import CandidateLocation
    from opvangregie.targets.models import Distribution, Target

    visible = locations_for_user(user).order_by("pk")
    # A busy location: the demo's own (with its history), else the first visible one.
    location = (visible.filter(name__startswith="Locatie").first() or visible.first())
    demo_location = visible.exclude(name__startswith="Locatie").first()
    result = [
        ("trivial page (404 for a logged-in user)", "/overzicht/bestaat-niet/", 404, False),
        ("dashboard", "/", 200, False),
        ("location list", "/locaties/", 200, False),
        ("location list, type CNO", "/locaties/?soort=cno", 200, False),
        ("location detail (generated)", f"/locaties/{location.pk}/", 200, False),
    ]
    if demo_location:
        result.append(("location detail (demo)", f"/locaties/{demo_location.pk}/", 200, False))
    result += [
        ("permit-holder housing", "/locaties/vergunninghouders/", 200, False),
        ("overview, from the cache", f"/overzicht/?peildatum={AS_OF}", 200, False),
        ("overview, computed (cache emptied)", f"/overzicht/?peildatum={AS_OF}", 200, True),
        ("overview, after a registration elsewhere", f"/overzicht/?peildatum={AS_OF}", 200,
         "elsewhere"),
        ("overview, after a registration here", f"/overzicht/?peildatum={AS_OF}", 200, "here"),
        ("overview, after a visible change here", f"/overzicht/?peildatum={AS_OF}", 200,
         "here-visible"),
        ("overview, after a meeting's change here", f"/overzicht/?peildatum={AS_OF}", 200,
         "meeting"),
        ("overview, after a location's change elsewhere", f"/overzicht/?peildatum={AS_OF}",
         200, "location-elsewhere"),
        ("overview, after a location's change here", f"/overzicht/?peildatum={AS_OF}", 200,
         "location-here"),
        ("overview, after a national target's change", f"/overzicht/?peildatum={AS_OF}", 200,
         "national-target"),
        ("overview, after a membership's change", f"/overzicht/?peildatum={AS_OF}", 200,
         "membership"),
        ("distributions", "/verdelingen/", 200, False),
    ]
    distribution = Distribution.objects.filter(safety_region__code="VR04").order_by("pk").first()
    if distribution:
        result.append(("distribution detail", f"/verdelingen/{distribution.pk}/", 200, False))
    result.append(("candidates (search)", "/zoektocht/", 200, False))
    candidate = CandidateLocation.objects.filter(safety_region__code="VR04").order_by("pk").first()
    if candidate:
        result.append(("candidate detail", f"/zoektocht/kandidaten/{candidate.pk}/", 200, False))
    result.append(("meetings", "/overleg/", 200, False))
    meeting = Meeting.objects.filter(safety_region__code="VR04").order_by("-date").first()
    if meeting:
        result.append(("meeting", f"/overleg/{meeting.pk}/", 200, False))
    result += [
        ("status report (printable)", f"/overleg/tussenstand/?peildatum={AS_OF}", 200, False),
        ("CNO / emergency index", "/noodopvang/", 200, False),
        ("stays", "/noodopvang/verblijf/", 200, False),
        ("emergency requests", "/noodopvang/noodknop/", 200, False),
        ("notifications", "/noodopvang/meldingen/", 200, False),
    ]
    result += [
        ("agreements", "/afspraken/", 200, False),
        ("flex-home projects", "/flexwonen/", 200, False),
        ("national picture", "/landelijk-beeld/", 200, False),
    ]
    series = NationalSeries.objects.order_by("pk").first()
    if series:
        result.append(("national series", f"/landelijk-beeld/{series.code}/", 200, False))
    cno_target = Target.objects.filter(safety_region__code="VR04", kind=Target.Kind.CNO).first()
    if cno_target:
        result.append(("target progress", f"/opgaven/{cno_target.pk}/voortgang/"
                       f"?peildatum=2022-10-20", 200, False))
    rota = Rota.objects.order_by("pk").first()
    if rota:
        result.append(("rota", f"/noodopvang/roosters/{rota.pk}/", 200, False))
    emergency = EmergencyRequest.objects.order_by("pk").first()
    if emergency:
        result.append(("emergency request", f"/noodopvang/noodknop/{emergency.pk}/", 200, False))
    return result


def visible_change():
    """A function that changes a figure the overview of AS_OF shows: CNO places of a location
    in IJsselland in the CNO window, known before the reference date, each time a number of
    places it never had before (so no overview made earlier fits). It takes back the one it
    added the time before (a delete, as the admin would), so the data stay as they were."""
    import itertools
    from datetime import date, datetime, timedelta

    from django.utils import timezone

    from opvangregie.capacity.models import CapacityKind, CapacityRecord, Location, LocationType

    location = (Location.objects.filter(municipality__safety_region__code="VR04",
                                        type=LocationType.CNO).order_by("pk").first())
    known = timezone.make_aware(datetime(2022, 8, 30, 12))
    taken = set(CapacityRecord.objects.filter(location=location)
                .values_list("valid_from", flat=True))
    start = next(day for day in (date(2022, 8, 1) + timedelta(days=n) for n in range(60))
                 if day not in taken)  # a record's start is unique per location
    added = []
    counts = itertools.count(1000 + int(time.time()) % 1_000_000)  # new on every bench run too

    def change():
        for record in added:
            record.delete()
        added.clear()
        added.append(CapacityRecord.objects.create(
            location=location, valid_from=start, valid_to=start + timedelta(days=6),
            places=next(counts), kind=CapacityKind.REALISED,
            registered_at=known + timedelta(microseconds=1)))

    return change


def meeting_change():
    """A function that changes the notes of IJsselland's first meeting (a save with its
    signals): a change of the region that its overview does not read (ADR 14)."""
    import itertools

    from opvangregie.meetings.models import Meeting

    meeting = Meeting.objects.filter(safety_region__code="VR04").order_by("pk").first()
    counts = itertools.count(1)

    def change():
        meeting.notes = f"Bijgewerkt voor de meting ({next(counts)})."
        meeting.save(update_fields=["notes"])

    return change


def location_change(where: str):
    """A function that renames a location of another region ("elsewhere") or of IJsselland
    ("here") through the ORM (a save with its signals), as a coordinator correcting a name."""
    import itertools

    from opvangregie.capacity.models import Location

    locations = Location.objects.order_by("pk")
    location = (locations.filter(municipality__safety_region__code="VR04") if where == "here"
                else locations.exclude(municipality__safety_region__code="VR04")).last()
    name = location.name.split(" (meting")[0]
    counts = itertools.count(1)

    def change():
        location.name = f"{name} (meting {next(counts)})"
        location.save()

    return change


def setup_change(what: str):
    """A function that changes the set-up of no region through the ORM (a save with its
    signals): renames a national target, or adds or removes a municipality of another region
    to the memberships of a user who is neither of the bench's readers."""
    import itertools

    from opvangregie.accounts.models import User
    from opvangregie.regions.models import Municipality
    from opvangregie.targets.models import Target

    counts = itertools.count(1)
    if what == "national-target":
        target = Target.objects.filter(safety_region__isnull=True).order_by("pk").first()
        name = target.name.split(" (meting")[0]

        def change():
            target.name = f"{name} (meting {next(counts)})"
            target.save()

        return change
    user, _created = User.objects.get_or_create(username="bench-lidmaatschap")
    municipality = Municipality.objects.exclude(safety_region__code="VR04").order_by(
        "pk").first()

    def change():
        if next(counts) % 2:
            user.municipalities.add(municipality)
        else:
            user.municipalities.remove(municipality)

    return change


def registration(where: str):
    """A function that registers one week's places of a location in IJsselland ("here") or in
    another region ("elsewhere"), as a municipality does every week: a new record through the
    ORM, so with the save signals a real registration sends (core.cache)."""
    from datetime import date, timedelta

    from django.utils import timezone

    from opvangregie.capacity.models import CapacityKind, CapacityRecord, Location

    locations = Location.objects.order_by("pk")
    location = (locations.filter(municipality__safety_region__code="VR04") if where == "here"
                else locations.exclude(municipality__safety_region__code="VR04")).first()
    latest = (CapacityRecord.objects.filter(location=location).order_by("-valid_from")
              .values_list("valid_from", flat=True).first())
    day = max(latest or date(2030, 1, 6), date(2030, 1, 6))

    def register():
        nonlocal day
        day += timedelta(days=7)  # a week after the last one: never the same start twice
        CapacityRecord.objects.create(location=location, valid_from=day,
                                      valid_to=day + timedelta(days=6), places=10,
                                      kind=CapacityKind.PLANNED, registered_at=timezone.now())

    return register


def change_before(before_each: bool | str, cache):
    """What to do before each run of a page (`pages`), or None."""
    if before_each is True:
        return cache.clear
    if not before_each:
        return None
    if before_each == "here-visible":
        return visible_change()
    if before_each == "meeting":
        return meeting_change()
    if before_each.startswith("location-"):
        return location_change(before_each.removeprefix("location-"))
    if before_each in ("national-target", "membership"):
        return setup_change(before_each)
    return registration(before_each)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-url",
                        default="postgres://postgres@127.0.0.1:5432/bench_pages")
    parser.add_argument("--data", default=os.path.join(tempfile.gettempdir(),
                                                       "opvangregie-bench-pages"),
                        help="data folder (SQLite file, media); kept for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure data filled earlier")
    parser.add_argument("--locations", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", help="measure only pages whose label contains this")
    args = parser.parse_args(argv)

    url = None
    data_dir = args.data
    if args.database == "postgres":
        url = args.database_url
        loopback_only(url)
        if not args.reuse:
            recreate_database(url)
    else:
        data_dir = os.path.join(args.data, "sqlite")
        if not args.reuse and os.path.exists(os.path.join(data_dir, "opvangregie.sqlite3")):
            import shutil

            shutil.rmtree(data_dir)
    setup_django(data_dir, url)
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404s are on purpose

    import overview
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from opvangregie.accounts.models import User

    if args.reuse:
        call_command("migrate", verbosity=0)
        data = overview.reused()
    else:
        data = fill(args.locations)
    print(f"{args.database}: {data['regions']} regions, {data['municipalities']} "
          f"municipalities, {data['locations']} locations, {data['records']:,} capacity "
          f"records (filled in {data['seconds']:.0f} s).")

    users = [("coordinator", User.objects.get(username="coordinator")),
             ("officer", User.objects.get(username="zwolle"))]
    rows, writes = [], []
    for role, user in users:
        client = Client()
        client.force_login(user)
        trivial_url = "/overzicht/bestaat-niet/"

        def trivial(client=client, trivial_url=trivial_url):
            assert client.get(trivial_url).status_code == 404

        for label, page_url, status, before_each in pages(user)[1:]:
            if args.only and args.only not in label:
                continue
            first = client.get(page_url).status_code
            if first != status:  # not a page for this user (e.g. 403 for an officer)
                print(f"  {role:<12}{label:<42} status {first}: left out", flush=True)
                continue

            def call(page_url=page_url, status=status, client=client):
                response = client.get(page_url)
                assert response.status_code == status, (page_url, response.status_code)

            before = change_before(before_each, cache)
            ms, trivial_ms, queries = measure(call, trivial, args.runs, before=before)
            rows.append((role, label, ms, trivial_ms, queries))
            print(f"  {role:<12}{label:<42}{ms:>9.1f} ms{ms / trivial_ms:>7.1f}×{queries:>5} q",
                  flush=True)
            if isinstance(before_each, str):
                # A change commits and then makes the region's overviews read lately again
                # (reports.refresh, ADR 13, 14): what that costs the writer.
                writes.append((role, label, measure.write_ms))

    print()
    print(f"Median server time over {args.runs} runs ({args.database}), Django test client; "
          "the trivial page (a 404 page for the logged-in user) measured right before each run:")
    print(f"{'user':<12}{'page':<42}{'median ms':>10}{'trivial ms':>11}{'× trivial':>10}"
          f"{'queries':>9}")
    for role, label, ms, trivial_ms, queries in rows:
        ratio = ms / trivial_ms
        flag = "" if ratio <= 3 else "  > 3×"
        print(f"{role:<12}{label:<42}{ms:>10.1f}{trivial_ms:>11.1f}{ratio:>10.1f}{queries:>9}"
              f"{flag}")
    if writes:
        print("\nThe change before each run (a save through the ORM, committed, with the"
              " refresh of the region's overviews read lately), median ms:")
        for role, label, ms in writes:
            print(f"{role:<12}{label:<42}{ms:>10.1f}")
    if not rows:
        return 0
    worst = max(rows, key=lambda row: row[2] / row[3])
    print(f"\nSlowest against the trivial page: {worst[0]} {worst[1]} "
          f"{worst[2] / worst[3]:.1f}×; pages over 3×: "
          f"{sum(1 for row in rows if row[2] > 3 * row[3])} of {len(rows)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Load test of `opvangregie serve` on PostgreSQL with national-scale data.

    uv run python bench/load.py [--duration 60] [--locations 5000] [--workers N] [--reuse]

Setup: (re)creates the PostgreSQL database `bench_load` on 127.0.0.1 (override with
--database-url, loopback only), fills it with the generator of bench/overview.py (25 regions,
342 municipalities, ~5,000 locations with three years of weekly capacity records) plus the demo
scenario of IJsselland (meetings, candidates, a deck), and makes 16 users of the four roles.
Coordinators and administrators get an authenticator app: they sign in with a TOTP code, as
production requires. Then it starts `opvangregie serve` with OPVANGREGIE_PRODUCTION=1 on
127.0.0.1, signs the 16 users in over HTTP (as behind the TLS proxy: X-Forwarded-Proto), and
for a bounded time each user walks a realistic mix of pages: once with 1 s think time between
requests, once without.

It prints per page the p50/p95/p99 in milliseconds and the errors (an unexpected status or a
failed connection), requests per second, each page's p50 against a trivial logged-in page (a
404 page rendered for the logged-in user) measured in the same run, and the memory (RSS) of
each server worker. Targets: 0 errors; with think time, p50 ≤ 3× trivial on every page except
downloads. Traffic goes only to 127.0.0.1; every loop stops by time and by count.
"""

import argparse
import functools
import http.client
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit

print = functools.partial(print, flush=True)  # noqa: A001  (progress shows when piped)
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

PASSWORD = "bench-load-" + "wachtwoord-voor-de-test"
MAX_REQUESTS_PER_USER = 100_000  # a second bound next to the duration
DOWNLOADS = {"deck"}


def loopback_only(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("bench/load.py only talks to a database on this machine (127.0.0.1).")


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"Unexpected database name: {name!r}")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


def setup_django(data_dir: str, database_url: str) -> None:
    os.environ["OPVANGREGIE_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "opvangregie.settings"
    import django

    django.setup()


def make_users() -> list[dict]:
    """16 users: 4 coordinators, 6 officers, 4 board members, 2 administrators."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from opvangregie.accounts.models import Role, User
    from opvangregie.accounts.services import user_create
    from opvangregie.regions.models import SafetyRegion

    User.objects.filter(username__startswith="load-").delete()
    regions = {r.code: r for r in SafetyRegion.objects.all()}
    ijsselland = regions["VR04"]
    own = list(ijsselland.municipalities.order_by("code"))
    plan = (
        [(Role.COORDINATOR, code) for code in ("VR04", "VR04", "VR05", "VR13")]
        + [(Role.OFFICER, None)] * 6
        + [(Role.BOARD, code) for code in ("VR04", "VR04", "VR06", "VR17")]
        + [(Role.ADMINISTRATOR, None)] * 2
    )
    users = []
    for index, (role, code) in enumerate(plan):
        user = user_create(
            username=f"load-{role}-{index}", password=PASSWORD, role=role,
            safety_region=regions[code] if code else None,
            municipalities=[own[index % len(own)]] if role == Role.OFFICER else (),
        )
        key = None
        if role in (Role.COORDINATOR, Role.ADMINISTRATOR):
            key = secrets.token_hex(20)
            TOTPDevice.objects.create(user=user, name="app", key=key, confirmed=True)
        users.append({"username": user.username, "role": role, "key": key,
                      "region": (regions[code].code if code else "VR04")})
    return users


def page_plan(users: list[dict]) -> dict:
    """Per region of the users, ids that exist and that its users may open."""
    from opvangregie.capacity.models import Location
    from opvangregie.meetings.models import Meeting
    from opvangregie.targets.models import Target

    plan = {}
    for code in {u["region"] for u in users}:
        plan[code] = {
            "locations": list(Location.objects.filter(municipality__safety_region__code=code)
                              .order_by("pk").values_list("pk", flat=True)[:200]),
            "meetings": list(Meeting.objects.filter(safety_region__code=code)
                             .values_list("pk", flat=True)),
            "targets": list(Target.objects.filter(scope="regional", safety_region__code=code)
                            .values_list("pk", flat=True)),
        }
    return plan


def choose_page(rng: random.Random, plan: dict, user: dict) -> tuple[str, str, int]:
    """(page kind, URL, expected status), weighted roughly as a working day looks."""
    own = plan[user["region"]]
    region = f"regio={user['region']}&" if user["role"] == "administrator" else ""
    kinds = [("dashboard", 20), ("overview", 15), ("whatif", 10), ("location_list", 15),
             ("location_detail", 15), ("search", 10), ("meeting", 8), ("deck", 2),
             ("trivial", 5)]
    kind = rng.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]
    if kind == "dashboard":
        return kind, f"/?{region}".rstrip("?&"), 200
    if kind == "overview":
        return kind, f"/overzicht/?{region}peildatum=2022-08-31", 200
    if kind == "whatif" and own["targets"]:
        method = rng.choice(["hamilton", "dhondt", "sainte-lague"])
        return kind, (f"/?{region}doel={rng.choice(own['targets'])}&methode={method}"
                      "&verrekenen=on"), 200
    if kind == "location_list":
        return kind, "/locaties/", 200
    if kind == "location_detail" and own["locations"]:
        return kind, f"/locaties/{rng.choice(own['locations'])}/", 200
    if kind == "search":
        query = urlencode({"soort": rng.choice(["cno", "azc", "goo", ""])})
        return kind, f"/locaties/?{query}", 200
    if kind == "meeting" and own["meetings"]:
        return kind, f"/overleg/{rng.choice(own['meetings'])}/", 200
    if kind == "deck":
        return kind, "/overleg/tussenstand.pptx", 200
    return "trivial", "/overzicht/bestaat-niet/", 404


class Session:
    """One signed-in user over one keep-alive connection, cookies kept by hand (the server's
    cookies are Secure; the bench talks plain HTTP to 127.0.0.1 as the TLS proxy would)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: dict | None = None):
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                # Gunicorn recycles workers (max_requests): reconnect once.
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port,
                                                             timeout=60)
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location", ""), content

    def log_in(self, user: dict) -> None:
        from django_otp.oath import totp

        _status, _location, page = self.request("GET", "/inloggen/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, location, _ = self.request("POST", "/inloggen/", {
            "csrfmiddlewaretoken": token.decode(), "username": user["username"],
            "password": PASSWORD, "next": "/"})
        if status != 302:
            raise RuntimeError(f"login of {user['username']} answered {status}")
        if user["key"]:
            _status, _location, page = self.request("GET", "/account/tweede-factor/")
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            status, location, _ = self.request("POST", "/account/tweede-factor/", {
                "csrfmiddlewaretoken": token.decode(),
                "code": f"{totp(bytes.fromhex(user['key'])):06d}", "next": "/"})
            if status != 302:
                raise RuntimeError(f"second factor of {user['username']} answered {status}")


def wait_until_up(port: int, server: subprocess.Popen, seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("The server stopped during start-up.")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/inloggen/", headers={"X-Forwarded-Proto": "https"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("The server did not answer in time.")


def worker_rss(server_pid: int) -> list[int]:
    """RSS in MiB of each gunicorn worker (the children of the server process)."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        ppid = re.search(r"^PPid:\s+(\d+)", text, re.M)
        rss = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
        if ppid and rss and int(ppid.group(1)) == server_pid:
            sizes.append(int(rss.group(1)) // 1024)
    return sorted(sizes)


def run_phase(sessions, users, plan, duration: float, think: float, seed: int):
    timings = defaultdict(list)
    errors = defaultdict(int)
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def walk(session, user, rng):
        for _ in range(MAX_REQUESTS_PER_USER):
            if time.monotonic() >= deadline:
                return
            kind, url, expected = choose_page(rng, plan, user)
            started = time.perf_counter()
            try:
                status, _location, _content = session.request("GET", url)
            except (http.client.HTTPException, OSError):
                status = -1
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                timings[kind].append(elapsed)
                if status != expected:
                    errors[kind] += 1
                    if errors[kind] <= 3:
                        print(f"  error: {user['username']} {url} -> {status}")
            if think:
                time.sleep(min(think, max(0.0, deadline - time.monotonic())))

    threads = [threading.Thread(target=walk, args=(s, u, random.Random(seed + i)))
               for i, (s, u) in enumerate(zip(sessions, users, strict=True))]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + 120)
    return timings, errors, time.monotonic() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def report(title: str, timings, errors, elapsed: float, rss: list[int], think: bool) -> bool:
    total = sum(len(v) for v in timings.values())
    trivial = statistics.median(timings["trivial"]) if timings["trivial"] else float("nan")
    print(f"\n{title}: {total} requests in {elapsed:.1f} s = {total / elapsed:.1f} req/s")
    print(f"{'page':16} {'n':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'×triv':>7} {'errors':>6}")
    ok = True
    for kind in sorted(timings, key=lambda k: (k == "trivial", k)):
        values = timings[kind]
        p50 = statistics.median(values)
        ratio = p50 / trivial if trivial else float("nan")
        mark = ""
        if think and kind not in DOWNLOADS | {"trivial"} and ratio > 3:
            mark, ok = "  > 3× trivial", False
        print(f"{kind:16} {len(values):>6} {p50:>8.1f} {percentile(values, .95):>8.1f} "
              f"{percentile(values, .99):>8.1f} {ratio:>7.2f} {errors.get(kind, 0):>6}{mark}")
    print(f"errors: {sum(errors.values())}; RSS per worker (MiB): {rss}")
    return ok and not sum(errors.values())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds per phase")
    parser.add_argument("--locations", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database-url",
                        default="postgres://postgres@127.0.0.1:5432/bench_load")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the database of an earlier run (skip generating)")
    args = parser.parse_args(argv)
    loopback_only(args.database_url)
    if args.duration <= 0 or args.duration > 3600:
        raise SystemExit("--duration is between 0 and 3600 seconds.")

    data_dir = tempfile.mkdtemp(prefix="opvangregie-load-")
    if not args.reuse:
        recreate_database(args.database_url)
    setup_django(data_dir, args.database_url)
    import overview  # bench/overview.py: the national-scale generator
    from django.core.management import call_command

    if args.reuse:
        call_command("migrate", verbosity=0)
        data = overview.reused()
    else:
        # The demo scenario first (its meetings, candidates and deck for IJsselland): it looks
        # up its own CNO target, which the generator would otherwise duplicate.
        from opvangregie.demo.scenario import scenario_load

        call_command("migrate", verbosity=0)
        os.environ.setdefault("OPVANGREGIE_DEMO_PASSWORD", PASSWORD)
        scenario_load()
        data = overview.generate(args.locations)
    print(f"Database {urlsplit(args.database_url).path.lstrip('/')}: {data['regions']} regions, "
          f"{data['municipalities']} municipalities, {data['locations']} locations, "
          f"{data['records']:,} capacity records (generated in {data['seconds']:.0f} s).")
    users = make_users()
    plan = page_plan(users)
    from django.db import connections

    connections.close_all()

    env = {**os.environ, "OPVANGREGIE_PRODUCTION": "1", "OPVANGREGIE_DATA_DIR": data_dir,
           "DATABASE_URL": args.database_url, "SECRET_KEY": secrets.token_urlsafe(50),
           "ALLOWED_HOSTS": "127.0.0.1", "REQUEST_LOG_LEVEL": "WARNING",
           "EMAIL_URL": "consolemail://"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(  # noqa: S603  (our own console script, fixed arguments)
        [sys.executable, "-m", "opvangregie", "serve", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=open(Path(data_dir) / "serve.log", "w"),  # noqa: SIM115
    )
    ok = True
    try:
        wait_until_up(args.port, server)
        sessions = []
        for user in users:
            session = Session(args.port)
            session.log_in(user)
            sessions.append(session)
        print(f"Server: {args.workers} workers; 16 users signed in "
              f"({sum(1 for u in users if u['key'])} with a TOTP code).")
        # Warm-up: every worker imports templates and fills its cache once.
        run_phase(sessions, users, plan, min(10.0, args.duration / 3), 0, seed=1)
        for title, think in (("With 1 s think time", 1.0), ("Without think time", 0.0)):
            timings, errors, elapsed = run_phase(sessions, users, plan, args.duration, think,
                                                 seed=100 if think else 200)
            ok &= report(title, timings, errors, elapsed, worker_rss(server.pid), bool(think))
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
    print("\nTargets met." if ok else "\nTargets NOT met (see above).")
    print(f"Server log: {Path(data_dir) / 'serve.log'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

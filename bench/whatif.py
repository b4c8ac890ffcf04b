"""Benchmark of the national what-if against a trivial page, in one run.

    uv run python bench/whatif.py [--runs 40]

Builds a throwaway SQLite database in a temporary data folder (never DATABASE_URL) with the
shipped CBS reference data (25 safety regions, the municipalities of 2022 and 2023 and their
figures), a national target of 96,000 places and a national coordinator (the group
"Landelijk coördinator"). Then it measures with Django's test client, as the same user:

- a trivial logged-in page: a 404 page (URL resolution fails, the 404 template extending
  base.html is rendered; session, auth and every middleware run), as ``bench/overview.py``;
- the national what-if over the 342 municipalities of 2023 (50/50 key, Hamilton) with
  96,000 and with 10,000 places, the htmx request a slider move sends (the results only) and
  the full page, with two agreements (a fixed amount and an upper bound);
- the same over the 25 safety regions;
- the first request after a CBS figure changed (the units are read again from the database).

It prints the median server time over N runs (wall clock, ``time.perf_counter``), the number
of database queries of one request and each figure's ratio to the trivial page. Target: the
national what-if ≤ 3× the trivial page.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from deck import setup_django  # noqa: E402  (bench/ is the script's folder: one set-up)
from overview import measure  # noqa: E402  (the same median and query count)

TARGET = 3.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args(argv)

    data_dir = tempfile.mkdtemp(prefix="opvangregie-bench-whatif-")
    setup_django(data_dir)
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404s are on purpose

    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from opvangregie.accounts.models import Role, User
    from opvangregie.regions.services import reference_data_load
    from opvangregie.targets import national
    from opvangregie.targets.models import Target

    print(f"Data folder (throwaway SQLite): {data_dir}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    reference_data_load()
    target = Target.objects.create(
        name="Spreidingswet", kind=Target.Kind.ASYLUM, scope=Target.Scope.NATIONAL,
        amount=96_000, unit=Target.Unit.PLACES, period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31), source="bench",
    )
    user = User.objects.create_user("landelijk", role=Role.BOARD)  # force_login only
    user.groups.add(Group.objects.get(name="Landelijk coördinator"))
    print(f"Reference data loaded in {time.perf_counter() - started:.1f} s.")

    client = Client()
    client.force_login(user)
    url = reverse("national_whatif")

    def get(path, params=None, status=200, htmx=False):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

        def call():
            response = client.get(path, params or {}, **headers)
            assert response.status_code == status, (path, response.status_code)

        return call

    agreements = {"eenheid_1": "Amsterdam", "soort_1": "vast", "plekken_1": 4000,
                  "eenheid_2": "Zwolle", "soort_2": "max", "plekken_2": 300}
    common = {"peildatum": "2023-01-01", "gewicht_inwoners": 50, "methode": "hamilton"}
    cases = [
        ("trivial logged-in page (404 page)", get("/overzicht/bestaat-niet/", status=404), None),
    ]
    for level, label in (("gemeenten", "342 municipalities"), ("regios", "25 regions")):
        for total in (96_000, 10_000):
            params = {**common, **agreements, "niveau": level, "aantal": total}
            if level == "regios":
                params.update(eenheid_1="Amsterdam-Amstelland", eenheid_2="IJsselland")
            cases.append((f"what-if, {label}, {total:,} places, htmx",
                          get(url, params, htmx=True), None))
        params = {**common, **agreements, "niveau": level, "doel": target.pk}
        if level == "regios":
            params.update(eenheid_1="Amsterdam-Amstelland", eenheid_2="IJsselland")
        cases.append((f"what-if, {label}, the national target, full page", get(url, params),
                      None))
    cases.append((
        "what-if, 342 municipalities, first view after a CBS change",
        get(url, {**common, **agreements, "niveau": "gemeenten", "aantal": 96_000}, htmx=True),
        national._CACHE.clear,
    ))

    results = []
    for label, call, before in cases:
        runs = args.runs if before is None else max(5, args.runs // 4)
        results.append((label, *measure(call, runs, before=before)))
    trivial_ms = results[0][1]
    print()
    print(f"{'page':<62}{'median ms':>10}{'queries':>9}{'× trivial':>11}")
    ok = True
    for label, ms, queries in results:
        ratio = ms / trivial_ms
        checked = label.startswith("what-if") and "CBS change" not in label
        mark = ""
        if checked:
            mark = "  met" if ratio <= TARGET else "  NOT met"
            ok = ok and ratio <= TARGET
        print(f"{label:<62}{ms:>10.1f}{queries:>9}{ratio:>11.2f}{mark}")
    print()
    print(f"Target: every what-if ≤ {TARGET}× the trivial page: {'met' if ok else 'NOT met'}.")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

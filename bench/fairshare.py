"""Benchmark of the fairshare engine against the `apportionment` package (PyPI).

    uv run --group bench python bench/fairshare.py [--runs 25] [--their-runs 5] [--profile]

The `apportionment` package is in the ``bench`` dependency group only (not a runtime or dev
dependency), hence ``--group bench``. Input: the 342 municipalities of 1 January 2023 from the
CBS reference data the package ships (``src/opvangregie/regions/data/gemeenten_2022_2023.csv``:
population 2023 and land area derived from CBS density), read directly, without Django.

In one run it prints, for totals of 10,000 and 96,000 places:

- for every method both implement (Hamilton, D'Hondt, Sainte-Laguë, Huntington-Hill, Adams),
  on two sets of weights (population; the 50/50 population/land-area key as exact integers):
  whether the places are identical, the median time of ``apportion`` and of
  ``apportionment.methods.compute``, and the ratio ours/theirs (target ≤ 0.5);
- at both totals, the median time of a credited national distribution with bounds (342 units,
  50/50 key, credits over a 13-week window, upper and lower bounds, fixed amounts) read as a
  what-if reads it (``distribute(...).allocations``), with every unit's explanation built
  (``to_dict`` of every unit) and with the Fraction reference; whether the fast path and the
  reference give the same result; and the first figure's ratio to the package's plain
  Hamilton on the same units and key (target ≤ 0.5);
- with ``--profile``, cProfile listings of the credited distribution and of the slowest method.

Figures are medians over N runs of the CPU time of this process (``time.process_time``), so
other processes on a shared machine do not inflate either side; ratios compare figures
measured in the same run.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import gc
import io
import pstats
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from opvangregie.fairshare import Unit, apportion, distribute  # noqa: E402
from opvangregie.fairshare.engine import distribute_exact  # noqa: E402

DATA = ROOT / "src" / "opvangregie" / "regions" / "data" / "gemeenten_2022_2023.csv"
TOTALS = (10_000, 96_000)
# Our method name → the package's name for the same method.
SHARED_METHODS = {
    "hamilton": "largest_remainder",
    "dhondt": "dhondt",
    "sainte-lague": "saintelague",
    "huntington-hill": "huntington",
    "adams": "adams",
}
# Methods the package has and the engine does not: quota (Balinski-Young), dean,
# modified_saintelague. The engine's "ceiling" (Huisvestingswet art. 29) is not in the package.
TARGET = 0.5


def municipalities() -> list[tuple[str, int, Decimal]]:
    """(name, population 1-1-2023, land area km²) of the 342 municipalities of 2023."""
    with DATA.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["bestaat_1jan2023"] == "1"]
    return [
        (row["gemeente"], int(row["inwoners_2023"]), Decimal(row["landopp_km2_2023_afgeleid"]))
        for row in rows
    ]


def half_half_weights(data: list[tuple[str, int, Decimal]]) -> list[int]:
    """The 50/50 key share of each municipality times 2·P·A·100: exact integers, same ratios."""
    population = sum(p for _, p, _ in data)
    area = sum(int(a * 100) for _, _, a in data)
    return [p * area + int(a * 100) * population for _, p, a in data]


def median_ms(function, runs: int) -> float:
    """Median CPU time of this process per call, in ms.

    CPU time rather than wall time: with 2 cores shared by many processes, a call of a few ms
    is often paused by the scheduler for longer than it runs, which says nothing about the
    code. Neither side starts threads, so CPU time is the time the call costs."""
    timings = []
    gc.collect()
    clock = time.process_time
    for _ in range(runs):
        start = clock()
        function()
        timings.append(clock() - start)
    return statistics.median(timings) * 1000


def credited_units(
    data: list[tuple[str, int, Decimal]], total: int = 10_000, seed: int = 2023
) -> list[Unit]:
    """The 342 municipalities with credits for about a third, an upper bound (capacity) for
    about a tenth, a lower bound for some and a fixed amount for two; credits and bounds are
    scaled to ``total``."""
    rng = random.Random(seed)
    population = sum(p for _, p, _ in data)
    units = []
    for index, (name, people, area) in enumerate(data):
        fair = total * people / population
        credit = rng.randint(0, int(fair * 13 * 1.5)) if rng.random() < 0.35 else 0
        upper = max(1, int(fair * 0.7)) if rng.random() < 0.10 else None
        lower = int(fair * 0.5) if upper is None and rng.random() < 0.05 else 0
        fixed = 0 if index in (7, 200) else None
        units.append(
            Unit(
                name,
                indicators={"population": people, "land_area": area},
                credit=credit,
                lower=0 if fixed is not None else lower,
                upper=None if fixed is not None else upper,
                fixed=fixed,
            )
        )
    return units


KEY = {"population": Decimal("0.5"), "land_area": Decimal("0.5")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=25, help="runs of our engine (median)")
    parser.add_argument(
        "--their-runs", type=int, default=5, help="runs of the apportionment package (median)"
    )
    parser.add_argument("--profile", action="store_true", help="print cProfile listings")
    args = parser.parse_args(argv)

    try:
        from apportionment import methods as theirs
    except ImportError:
        print(
            "The apportionment package is missing: run with "
            "`uv run --group bench python bench/fairshare.py`.",
            file=sys.stderr,
        )
        return 2

    data = municipalities()
    names = [name for name, _, _ in data]
    weight_sets = {
        "population": [p for _, p, _ in data],
        "50/50 key": half_half_weights(data),
    }
    print(
        f"{len(data)} municipalities (CBS, 1-1-2023); median CPU time of {args.runs} runs (ours) "
        f"and {args.their_runs} runs (apportionment {_version()})."
    )
    print()
    header = (
        f"{'total':>6}  {'method':<16} {'weights':<11} {'identical':<9} "
        f"{'ours ms':>9} {'theirs ms':>10} {'ratio':>7}  target ≤ {TARGET}"
    )
    print(header)
    print("-" * len(header))
    rows = []
    for total in TOTALS:
        for method, their_method in SHARED_METHODS.items():
            for label, weights in weight_sets.items():
                ours = list(apportion(weights, total, method).seats)
                reference = theirs.compute(their_method, weights, total, parties=names)
                identical = ours == list(reference)
                ours_ms = median_ms(
                    lambda w=weights, t=total, m=method: apportion(w, t, m), args.runs
                )
                theirs_ms = median_ms(
                    lambda w=weights, t=total, m=their_method: theirs.compute(
                        m, w, t, parties=names
                    ),
                    args.their_runs,
                )
                ratio = ours_ms / theirs_ms
                rows.append((total, method, label, identical, ours_ms, theirs_ms, ratio))
                print(
                    f"{total:>6}  {method:<16} {label:<11} {'yes' if identical else 'NO':<9} "
                    f"{ours_ms:>9.3f} {theirs_ms:>10.3f} {ratio:>7.3f}  "
                    f"{'met' if ratio <= TARGET else 'NOT met'}"
                )

    key_weights = weight_sets["50/50 key"]
    credited_rows = []
    for total in TOTALS:
        credited_rows.append(_credited(data, names, total, key_weights, theirs, args))
    ratio = max(row for row in credited_rows)

    failed = [row for row in rows if row[6] > TARGET or not row[3]]
    print()
    print(f"Methods: {len(rows) - len(failed)} of {len(rows)} rows identical and within target.")

    if args.profile:
        units = credited_units(data)
        _profile(
            "credited national distribution (fast path)",
            lambda: distribute(units, 10_000, KEY, "hamilton", window_weeks=13),
        )
        slowest = max(rows, key=lambda row: row[4])
        weights = weight_sets[slowest[2]]
        _profile(
            f"slowest method: {slowest[1]}, {slowest[2]}, {slowest[0]} places",
            lambda: apportion(weights, slowest[0], slowest[1]),
        )
    return 0 if not failed and ratio <= TARGET else 1


def _credited(data, names, total, key_weights, theirs, args) -> float:
    """Print the credited national distribution at ``total`` places; return its ratio to the
    package's plain Hamilton (or infinity when the fast path and the reference differ)."""
    units = credited_units(data, total)

    def what_if() -> dict[str, int]:
        # What a what-if reads on every slider move: the places of every unit. The
        # explanation (shares, quotas, reasons as UnitResults) is built when first read.
        return distribute(units, total, KEY, "hamilton", window_weeks=13).allocations

    def explained() -> list:
        return [
            unit.to_dict()
            for unit in distribute(units, total, KEY, "hamilton", window_weeks=13).units
        ]

    fast_result = distribute(units, total, KEY, "hamilton", window_weeks=13)
    exact_result = distribute_exact(units, total, KEY, "hamilton", window_weeks=13)
    same = fast_result.to_dict() == exact_result.to_dict() and (
        fast_result.level,
        fast_result.effort,
        fast_result.allocations,
    ) == (exact_result.level, exact_result.effort, exact_result.allocations)
    fast_ms = median_ms(what_if, args.runs * 4)
    explained_ms = median_ms(explained, args.runs)
    exact_ms = median_ms(
        lambda: distribute_exact(units, total, KEY, "hamilton", window_weeks=13),
        max(3, args.runs // 5),
    )
    hamilton_ms = median_ms(
        lambda: theirs.compute("largest_remainder", key_weights, total, parties=names),
        max(args.their_runs, 15) * 4,
    )
    print()
    print(f"Credited national distribution: 342 units, 50/50 key, 13 weeks, {total:,} places")
    credited = sum(1 for u in units if u.credit)
    bounded = sum(1 for u in units if u.upper is not None or u.lower or u.fixed is not None)
    over = sum(1 for u in fast_result.units if u.decided_by.code == "over_contribution")
    capped = sum(1 for u in fast_result.units if u.decided_by.code == "upper_bound")
    print(
        f"  {credited} units with credit ({over} over-contributors), {bounded} with a bound or "
        f"fixed amount ({capped} capped); ties: {len(fast_result.ties)}"
    )
    print(f"  fast path and Fraction reference give the same result: {'yes' if same else 'NO'}")
    print(f"  distribute + allocations (fast)   {fast_ms:>9.3f} ms")
    print(f"  distribute + every unit explained {explained_ms:>9.3f} ms  (UnitResult.to_dict)")
    print(f"  distribute_exact (reference)      {exact_ms:>9.3f} ms")
    print(f"  apportionment largest_remainder   {hamilton_ms:>9.3f} ms  (plain Hamilton, same key)")
    ratio = fast_ms / hamilton_ms
    print(
        f"  ratio distribute / their Hamilton {ratio:>9.3f}     target ≤ {TARGET}: "
        f"{'met' if ratio <= TARGET else 'NOT met'}"
    )
    return ratio if same else float("inf")


def _profile(title: str, function) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        function()
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(12)
    print()
    print(f"Profile, 20 calls: {title}")
    print(stream.getvalue())


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("apportionment")
    except PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: the time of one series' forecast with its nested backtest, against one fit.

    uv run python bench/forecast.py [--repeat 3]

No database: demo-like weekly series (a levelling-off rise, a steady rise, a decay with noise;
26 weeks, like the demo's) go straight into `opvangregie.forecast.model`. Per series it prints
the median wall-clock time of

- **baseline**: one forecast without backtest (the model chosen on the last weeks, one fit with
  bands; what the dashboard asks);
- **full**: the forecast with the backtest of the whole procedure (12 origins, each choosing
  its model on the weeks before it), as the series page and the command ask;

and their ratio. The fits are shared between the choice and the backtest, so the full run is
about a score of small fits. Target: full ≤ ~1 s a series on an idle machine (the result is
cached per figures, so a reader waits once).
"""

import argparse
import math
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from opvangregie.forecast.model import forecast  # noqa: E402

START = date(2022, 3, 8)
WEEKS = 26


def series(rng: random.Random) -> dict[str, list[tuple[date, float]]]:
    days = [START + timedelta(weeks=k) for k in range(WEEKS)]
    shapes = {
        "levelling-off": [47_500 * (1 - math.exp(-(k + 1) / 5.2)) * (1 + rng.gauss(0, 0.008))
                          for k in range(WEEKS)],
        "steady-rise": [31_000 + 560 * k + rng.gauss(0, 300) for k in range(WEEKS)],
        "decay": [9_000 * math.exp(-k / 5) + 700 + rng.gauss(0, 150) for k in range(WEEKS)],
    }
    return {name: list(zip(days, values, strict=True)) for name, values in shapes.items()}


def timed(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = series(random.Random(2022))  # noqa: S311 - benchmark figures
    as_of = START + timedelta(weeks=WEEKS - 1)
    forecast(data["steady-rise"], as_of=as_of, weeks=4)  # load statsmodels outside the timing
    print(f"{'series':<14} {'baseline s':>10} {'full s':>8} {'ratio':>6}  model, mae vs naive")
    for name, observations in data.items():
        base = timed(lambda obs=observations: forecast(obs, as_of=as_of, weeks=4,
                                                       with_backtest=False), args.repeat)
        full = timed(lambda obs=observations: forecast(obs, as_of=as_of, weeks=4), args.repeat)
        result = forecast(observations, as_of=as_of, weeks=4)
        print(f"{name:<14} {base:>10.2f} {full:>8.2f} {full / base:>6.1f}  {result.model}, "
              f"{result.backtest.mae} vs {result.backtest.naive_mae}")


if __name__ == "__main__":
    main()

"""The national picture of the demo: the public figures the seeds give, the rest illustrative.

Public (BAO slides of 25-05-2022): on 24 May 2022 the national emergency shelter for
Ukrainians had 46,091 places, 38,949 occupied. Every other value is made up around those two
so that the pages, the forecast and its backtest have a history to work with; those rows carry
`is_illustrative` and the page marks them.
"""

import math
import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from opvangregie.national.models import Measure, Series, SeriesKind
from opvangregie.national.services import _register

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SEED_SOURCE = "Landelijk beeld, BAO 25-05-2022 (24 mei: 46.091 plekken, 38.949 bezet)"
ILLUSTRATIVE = "illustratief (demoscenario)"
PUBLIC_DAY = date(2022, 5, 24)
PUBLIC = {"oekraine-plekken": 46_091, "oekraine-bezet": 38_949}
START = date(2022, 3, 8)  # a Tuesday, like 24 May 2022: the weekly grid meets the public day
WEEKS = 26  # up to 30 August 2022, the day before the August meeting


def _series(region):
    return [
        ("oekraine-plekken", "Noodopvang Oekraïners: plekken (landelijk)",
         SeriesKind.UKRAINIANS, Measure.PLACES, None),
        ("oekraine-bezet", "Noodopvang Oekraïners: bezet (landelijk)",
         SeriesKind.UKRAINIANS, Measure.OCCUPIED, None),
        ("oekraine-instroom", "Noodopvang Oekraïners: instroom per week (landelijk)",
         SeriesKind.UKRAINIANS, Measure.INFLOW, None),
        ("coa-plekken", "Asielopvang COA: plekken (landelijk)",
         SeriesKind.ASYLUM, Measure.PLACES, None),
        ("coa-bezet", "Asielopvang COA: bezet (landelijk)",
         SeriesKind.ASYLUM, Measure.OCCUPIED, None),
        (f"cno-bezet-{region.code.lower()}", f"CNO: bezet ({region.name})",
         SeriesKind.CNO, Measure.OCCUPIED, region),
        (f"cno-plekken-{region.code.lower()}", f"CNO: plekken ({region.name})",
         SeriesKind.CNO, Measure.PLACES, region),
    ]


def _values(code: str, rng: random.Random) -> list[tuple[date, int]]:
    days = [START + timedelta(weeks=k) for k in range(WEEKS)]
    public_week = (PUBLIC_DAY - START).days // 7

    def saturating(top: float, at_public: float, noise: float) -> list[int]:
        # top × (1 − e^(−t/τ)) through the public figure in week `public_week`.
        tau = -public_week / math.log(1 - at_public / top)
        return [round(top * (1 - math.exp(-(k + 1) / tau)) * (1 + rng.gauss(0, noise)))
                for k in range(WEEKS)]

    if code == "oekraine-plekken":
        values = saturating(52_000, PUBLIC["oekraine-plekken"] * 0.995, 0.006)
    elif code == "oekraine-bezet":
        values = saturating(47_500, PUBLIC["oekraine-bezet"] * 0.995, 0.008)
    elif code == "oekraine-instroom":
        values = [round(9_000 * math.exp(-k / 5) + 700 + rng.gauss(0, 150)) for k in range(WEEKS)]
    elif code == "coa-plekken":
        values = [round(36_000 + 420 * k + rng.gauss(0, 250)) for k in range(WEEKS)]
    elif code == "coa-bezet":
        values = [round(31_000 + 560 * k + rng.gauss(0, 300)) for k in range(WEEKS)]
    elif code.startswith("cno-plekken"):
        days = [date(2022, 6, 7) + timedelta(weeks=k) for k in range(13)]
        return [(day, 150) for day in days]
    else:  # cno-bezet: phase 1 of the seeds, 150 places per region from 1 June
        days = [date(2022, 6, 7) + timedelta(weeks=k) for k in range(13)]
        return [(day, max(0, min(150, round(40 + 7 * k + rng.gauss(0, 8)))))
                for k, day in enumerate(days)]
    return list(zip(days, [max(0, v) for v in values], strict=True))


@transaction.atomic
def national_demo_load(region) -> bool:
    """Create the demo series and their values once; False when they already exist."""
    if Series.objects.filter(code="oekraine-plekken").exists():
        return False
    rng = random.Random(2022)  # noqa: S311 - demo figures, the same every time
    for code, name, kind, measure, scope in _series(region):
        series = Series.objects.create(code=code, name=name, kind=kind, measure=measure,
                                       region=scope)
        for day, value in _values(code, rng):
            public = day == PUBLIC_DAY and code in PUBLIC
            _register(
                series=series, day=day, value=PUBLIC[code] if public else value,
                source=SEED_SOURCE if public else ILLUSTRATIVE, is_illustrative=not public,
                registered_by=None,
                # Known at the end of the day of the count, as the national picture came in.
                now=datetime.combine(day, time(18), tzinfo=AMSTERDAM),
            )
    return True

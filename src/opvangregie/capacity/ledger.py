"""Place-weeks from dated capacity: pure functions, no database.

A location offering p places from day a up to and including day b contributes
p × (b − a + 1) / 7 place-weeks, split over the ISO weeks the days fall in.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction


@dataclass(frozen=True)
class Span:
    """Places offered by one unit (a municipality, a location) over an inclusive period."""

    unit: object
    start: date
    end: date | None  # open-ended spans run to the end of the window
    places: int


IsoWeek = tuple[int, int]


def iso_week(day: date) -> IsoWeek:
    year, week, _weekday = day.isocalendar()
    return year, week


def weeks_between(start: date, end_exclusive: date) -> list[IsoWeek]:
    weeks: list[IsoWeek] = []
    day = start
    while day < end_exclusive:
        week = iso_week(day)
        if not weeks or weeks[-1] != week:
            weeks.append(week)
        day += timedelta(days=1)
    return weeks


def place_weeks_per_week(
    spans: Iterable[Span], start: date, end_exclusive: date
) -> dict[object, dict[IsoWeek, Fraction]]:
    """Per unit and ISO week, the place-weeks offered within [start, end_exclusive).

    Whole place-days are counted as integers and divided by 7 once per unit and week: a
    region has thousands of weekly records, and a Fraction per record and week was most of
    the overview's time.
    """
    days: dict[object, dict[IsoWeek, int]] = defaultdict(lambda: defaultdict(int))
    for span in spans:
        day = max(span.start, start)
        last_exclusive = min((span.end + timedelta(days=1)) if span.end else end_exclusive,
                             end_exclusive)
        while day < last_exclusive:
            # Jump to the end of this ISO week (Sunday) or the end of the span, whichever first.
            upto = min(day + timedelta(days=8 - day.isoweekday()), last_exclusive)
            days[span.unit][iso_week(day)] += span.places * (upto - day).days
            day = upto
    return {
        unit: {week: Fraction(count, 7) for week, count in weeks.items()}
        for unit, weeks in days.items()
    }


def total_place_weeks(per_week: dict[IsoWeek, Fraction]) -> Fraction:
    return sum(per_week.values(), Fraction(0))

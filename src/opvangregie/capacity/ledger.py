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
    return {
        unit: {week: Fraction(count, 7) for week, count in weeks.items()}
        for unit, weeks in place_days_per_week(spans, start, end_exclusive).items()
    }


def place_days_per_week(
    spans: Iterable[Span], start: date, end_exclusive: date
) -> dict[object, dict[IsoWeek, int]]:
    """Per unit and ISO week, the place-days offered within [start, end_exclusive): sums of
    places × days (a Fraction where a span's places are one)."""
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
    return {unit: dict(weeks) for unit, weeks in days.items()}


def total_place_weeks(per_week: dict[IsoWeek, Fraction]) -> Fraction:
    return sum(per_week.values(), Fraction(0))


@dataclass(frozen=True)
class KindSpan:
    """A capacity record of one location as a span, with whether it is realised or planned."""

    location: object
    unit: object  # what the place-weeks are counted for, e.g. the municipality
    start: date
    end: date | None
    places: int
    realised: bool
    registered_at: object = None  # when the record was registered (a datetime), if known


def realised_supersedes_planned(spans: Iterable[KindSpan], end: date) -> list[KindSpan]:
    """The spans with every planned day that a realised record of the same location covers
    taken out: planned effort that was later realised counts once, as realised.

    Open-ended spans are closed at `end` (the last day of the window being counted), so the
    result holds only closed spans. Realised spans of one location are kept as they are.
    """
    closed = (
        KindSpan(s.location, s.unit, s.start, s.end if s.end is not None else end, s.places,
                 s.realised, s.registered_at)
        for s in spans
    )
    spans = [s for s in closed if s.start <= s.end]
    realised_days: dict[object, list[tuple[date, date]]] = defaultdict(list)
    for span in spans:
        if span.realised:
            realised_days[span.location].append((span.start, span.end))
    result: list[KindSpan] = []
    for span in spans:
        if span.realised:
            result.append(span)
            continue
        pieces = [(span.start, span.end)]
        for covered_start, covered_end in realised_days.get(span.location, ()):
            next_pieces = []
            for start, last in pieces:
                if covered_end < start or covered_start > last:
                    next_pieces.append((start, last))
                    continue
                if start < covered_start:
                    next_pieces.append((start, covered_start - timedelta(days=1)))
                if last > covered_end:
                    next_pieces.append((covered_end + timedelta(days=1), last))
            pieces = next_pieces
        result += [KindSpan(span.location, span.unit, start, last, span.places, False,
                            span.registered_at)
                   for start, last in pieces]
    return result

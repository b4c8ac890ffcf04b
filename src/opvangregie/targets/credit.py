"""Earlier effort per municipality, in place-weeks, from the capacity register."""

from datetime import date
from fractions import Fraction

from opvangregie.capacity.ledger import total_place_weeks
from opvangregie.capacity.selectors import end_of_day, place_weeks_per_municipality


def place_weeks_by_municipality(
    municipalities, *, start: date, until: date, location_type: str | None, as_of: date
) -> dict[int, Fraction]:
    """Place-weeks (planned and realised) per municipality id within [start, until]."""
    per_week = place_weeks_per_municipality(
        [m.pk for m in municipalities], start=start, until=until, as_of=end_of_day(as_of),
        location_type=location_type,
    )
    return {m.pk: total_place_weeks(per_week.get(m.pk, {})) for m in municipalities}

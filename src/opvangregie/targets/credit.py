"""Earlier effort per municipality, in place-weeks, from the capacity register."""

from datetime import date, timedelta
from fractions import Fraction

from opvangregie.capacity.ledger import Span, place_weeks_per_week, total_place_weeks
from opvangregie.capacity.models import Location
from opvangregie.capacity.selectors import capacity_records_as_known, end_of_day


def place_weeks_by_municipality(
    municipalities, *, start: date, until: date, location_type: str | None, as_of: date
) -> dict[int, Fraction]:
    """Place-weeks (planned and realised) per municipality id within [start, until]."""
    locations = Location.objects.filter(municipality__in=municipalities)
    if location_type:
        locations = locations.filter(type=location_type)
    records = capacity_records_as_known(
        locations, as_of=end_of_day(as_of), overlapping=(start, until)
    )
    spans = [Span(r.location.municipality_id, r.valid_from, r.valid_to, r.places) for r in records]
    per_week = place_weeks_per_week(spans, start, until + timedelta(days=1))
    return {m.pk: total_place_weeks(per_week.get(m.pk, {})) for m in municipalities}

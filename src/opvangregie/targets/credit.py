"""Earlier effort per municipality, in place-weeks, from the capacity register.

A distribution credits (domain.md, "Crediting earlier effort"):

- the effort in its credit window (realised and planned, e.g. CNO places 1 June – 30 September);
- plus the planned effort registered for the target's own window at the locations the board
  named (`planned_locations`; the seeds' Zwartewaterland boat, 4 weeks × 84 places after
  1 October). Only named locations: a municipality's other plans for the window are how it
  delivers its share, not earlier effort.

Nothing is counted twice: per location, a day with a realised record does not count its
planned record too (`capacity.ledger.realised_supersedes_planned`), so planned effort that is
later realised keeps its place-weeks, once.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from django.utils import timezone

from opvangregie.capacity.ledger import (
    Span,
    place_weeks_per_week,
    realised_supersedes_planned,
    total_place_weeks,
)
from opvangregie.capacity.models import Location
from opvangregie.capacity.selectors import capacity_spans_as_known, end_of_day


def _place_weeks(spans, start: date, until: date, unit) -> dict:
    per_week = place_weeks_per_week(
        [Span(unit(s), s.start, s.end, s.places) for s in spans], start,
        until + timedelta(days=1),
    )
    return {key: total_place_weeks(weeks) for key, weeks in per_week.items()}


def place_weeks_by_municipality(
    municipalities, *, start: date, until: date, location_type: str | None, as_of: date
) -> dict[int, Fraction]:
    """Place-weeks (planned and realised, each day of a location once) per municipality id
    within [start, until], as known at the end of `as_of`."""
    spans = realised_supersedes_planned(
        capacity_spans_as_known([m.pk for m in municipalities], start=start, until=until,
                                as_of=end_of_day(as_of), location_type=location_type),
        until,
    )
    totals = _place_weeks(spans, start, until, lambda s: s.unit)
    return {m.pk: totals.get(m.pk, Fraction(0)) for m in municipalities}


def planned_window(target, credit_until: date | None) -> tuple[date, date]:
    """The part of the target's period whose effort at named locations is credited: after the
    credit window, so no day is credited twice."""
    start = target.period_start
    if credit_until is not None and credit_until >= start:
        start = credit_until + timedelta(days=1)
    return start, target.period_end


def window_locations(municipality_ids, *, target, location_type: str) -> list[int]:
    """The locations of `location_type` with capacity records (as known now) in the target's
    period: what a board may name as planned effort to credit."""
    spans = capacity_spans_as_known(municipality_ids, start=target.period_start,
                                    until=target.period_end, as_of=timezone.now(),
                                    location_type=location_type)
    return sorted({span.location for span in spans})


@dataclass(frozen=True)
class WindowEffort:
    """The effort of one named location within the target's window, as credited."""

    location_id: int
    municipality_id: int
    place_weeks: Fraction  # realised and planned, each day once
    planned_place_weeks: Fraction  # of which still planned
    registered_at: datetime | None  # the latest registration of the planned records counted


def window_effort(
    municipalities, *, location_ids, start: date, until: date, as_of: date
) -> list[WindowEffort]:
    """Per named location (of the municipalities) its place-weeks within [start, until], as
    known at the end of `as_of`. A named location without any place-weeks gives 0: planned
    effort that fell through stays visible as such."""
    location_ids = list(location_ids)
    if not location_ids or start > until:
        return []
    raw = capacity_spans_as_known([m.pk for m in municipalities], start=start, until=until,
                                  as_of=end_of_day(as_of), location_ids=location_ids)
    spans = realised_supersedes_planned(raw, until)
    owner = {s.location: s.unit for s in raw}
    if len(owner) < len(location_ids):
        owner |= dict(Location.objects.filter(pk__in=location_ids)
                      .values_list("pk", "municipality_id"))
    total = _place_weeks(spans, start, until, lambda s: s.location)
    planned = _place_weeks([s for s in spans if not s.realised], start, until,
                           lambda s: s.location)
    result = []
    for location_id in location_ids:
        registered = [s.registered_at for s in spans
                      if s.location == location_id and not s.realised and s.registered_at]
        result.append(WindowEffort(
            location_id, owner[location_id], total.get(location_id, Fraction(0)),
            planned.get(location_id, Fraction(0)), max(registered) if registered else None,
        ))
    return result


@dataclass(frozen=True)
class PlannedCreditNow:
    """Planned effort a distribution credited, beside the same effort as known now."""

    credit: object  # targets.models.PlannedEffortCredit
    now: Fraction  # its place-weeks in the window as known at the end of the day asked

    @property
    def fell_through(self) -> bool:
        return self.now < Fraction(self.credit.place_weeks) - Fraction(1, 100)


def planned_credits_now(distribution, *, on: date) -> list[PlannedCreditNow]:
    """The distribution's credited planned effort (`PlannedEffortCredit`), each with its
    place-weeks as known at the end of `on`: less than credited means (part of) it fell
    through, and the share can be recomputed (`targets.services.distribution_recompute`)."""
    credits = list(distribution.planned_credits.select_related("municipality"))
    if not credits:
        return []
    start, until = planned_window(distribution.target, distribution.credit_until)
    now = {
        effort.location_id: effort.place_weeks
        for effort in window_effort(
            [c.municipality for c in credits], location_ids=[c.location_id for c in credits],
            start=start, until=until, as_of=on,
        )
    }
    return [PlannedCreditNow(c, now.get(c.location_id, Fraction(0))) for c in credits]

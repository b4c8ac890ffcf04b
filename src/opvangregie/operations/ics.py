"""iCalendar (RFC 5545) for duty turns, written with the `icalendar` library (no Django).

All-day events: DTSTART is the first day on duty and DTEND the day *after* the last one (the
end is exclusive in iCalendar). Folding, escaping and line endings are the library's job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

PRODID = "-//Opvangregie//Roosters crisisnoodopvang//NL"


@dataclass(frozen=True)
class IcsEvent:
    uid: str
    start: date
    end: date  # inclusive: the last day
    summary: str
    description: str = ""


def ics_calendar(
    events: Iterable[IcsEvent], *, name: str, dtstamp: datetime | None = None
) -> str:
    stamp = (dtstamp or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.start)
        event.add("dtend", item.end + timedelta(days=1))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")

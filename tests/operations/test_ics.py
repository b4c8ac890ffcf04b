"""The iCalendar output is all-day per turn and parses back to the same turns."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from opvangregie.operations.ics import IcsEvent, ics_calendar
from opvangregie.operations.rota_cli import main

from .test_rota_cli import ARGS


def test_long_dutch_text_survives_folding_and_escaping():
    icalendar = pytest.importorskip("icalendar")
    summary = "Crisisnoodopvang Zwartewaterland; één boot, " * 4
    text = ics_calendar([IcsEvent("y@opvangregie", date(2022, 6, 1), date(2022, 6, 14),
                                  summary)], name="Rooster")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event.get("SUMMARY")) == summary


def test_dates_are_all_day_and_the_end_is_exclusive():
    calendar = ics_calendar(
        [IcsEvent("x@opvangregie", date(2022, 6, 1), date(2022, 6, 14), "Dienst")],
        name="Rooster", dtstamp=datetime(2022, 5, 25, 10, 0, tzinfo=UTC),
    )
    assert "DTSTART;VALUE=DATE:20220601\r\n" in calendar
    assert "DTEND;VALUE=DATE:20220615\r\n" in calendar
    assert "DTSTAMP:20220525T100000Z\r\n" in calendar
    assert "UID:x@opvangregie\r\n" in calendar
    assert "\n" not in calendar.replace("\r\n", "")


def test_ics_parses_back_to_the_same_turns(regions_csv, capsys):
    icalendar = pytest.importorskip("icalendar")
    assert main([f"--participants={regions_csv}", *ARGS, "--format", "json"]) == 0
    turns = json.loads(capsys.readouterr().out)["turns"]
    assert main([f"--participants={regions_csv}", *ARGS, "--format", "ics"]) == 0
    calendar = icalendar.Calendar.from_ical(capsys.readouterr().out)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(turns)
    parsed = sorted(
        (str(e.get("SUMMARY")), e.decoded("DTSTART"), e.decoded("DTEND") - timedelta(days=1))
        for e in events
    )
    expected = sorted(
        (f"Dienst crisisnoodopvang: {t['participant']} ({t['places']} plekken)",
         date.fromisoformat(t["start"]), date.fromisoformat(t["end"]))
        for t in turns
    )
    assert parsed == expected
    assert len({str(e.get("UID")) for e in events}) == len(events)

"""Place-weeks from dated capacity (capacity/ledger.py)."""

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from opvangregie.capacity.ledger import (
    Span,
    place_weeks_per_week,
    total_place_weeks,
    weeks_between,
)


def test_two_weeks_of_75_places_are_150_place_weeks_split_over_three_iso_weeks():
    # 1 June 2022 is a Wednesday (ISO week 22); 14 June a Tuesday (ISO week 24).
    span = Span("Ommen", date(2022, 6, 1), date(2022, 6, 14), 75)
    per_week = place_weeks_per_week([span], date(2022, 6, 1), date(2022, 10, 1))["Ommen"]
    assert per_week == {
        (2022, 22): Fraction(5, 7) * 75,
        (2022, 23): Fraction(7, 7) * 75,
        (2022, 24): Fraction(2, 7) * 75,
    }
    assert total_place_weeks(per_week) == 150


def test_an_open_ended_record_runs_to_the_end_of_the_window():
    span = Span("Raalte", date(2022, 9, 26), None, 14)  # Monday of ISO week 39
    per_week = place_weeks_per_week([span], date(2022, 6, 1), date(2022, 10, 1))["Raalte"]
    # 26 September up to and including 30 September: 5 days.
    assert per_week == {(2022, 39): Fraction(14 * 5, 7)}
    assert total_place_weeks(per_week) == 10


def test_days_outside_the_window_do_not_count():
    span = Span("Kampen", date(2022, 5, 30), date(2022, 6, 5), 7)  # one whole ISO week
    per_week = place_weeks_per_week([span], date(2022, 6, 1), date(2022, 6, 3))["Kampen"]
    assert per_week == {(2022, 22): Fraction(2)}  # 1 and 2 June


def test_spans_of_one_unit_add_up():
    spans = [Span("Zwolle", date(2022, 6, 6), date(2022, 6, 12), 10),
             Span("Zwolle", date(2022, 6, 6), date(2022, 6, 12), 4)]
    result = place_weeks_per_week(spans, date(2022, 6, 1), date(2022, 7, 1))
    assert result["Zwolle"] == {(2022, 23): Fraction(14)}


@given(
    spans=st.lists(
        st.tuples(st.integers(0, 150), st.one_of(st.none(), st.integers(0, 40)),
                  st.integers(0, 500)),
        max_size=20,
    )
)
def test_the_weeks_add_up_to_places_times_days_in_the_window_divided_by_seven(spans):
    window_start, window_end = date(2022, 6, 1), date(2022, 10, 1)
    first = date(2022, 5, 1)
    made = [Span("x", first + timedelta(days=a), None if length is None
                 else first + timedelta(days=a + length), places)
            for a, length, places in spans]
    expected = Fraction(0)
    for span in made:
        start = max(span.start, window_start)
        end = min(span.end + timedelta(days=1) if span.end else window_end, window_end)
        expected += Fraction(span.places * max(0, (end - start).days), 7)
    per_week = place_weeks_per_week(made, window_start, window_end).get("x", {})
    assert total_place_weeks(per_week) == expected
    assert all(week in weeks_between(window_start, window_end) for week in per_week)

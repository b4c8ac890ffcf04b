"""Reading an upload, without the database: cell values, duplicates, the error limit."""

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from opvangregie.capacity.upload import (
    MAX_ERRORS,
    CellError,
    parse_count,
    parse_date,
    parse_month,
    parse_workbook,
)
from tests.capacity.conftest import xlsx


def parse(file):
    return parse_workbook(load_workbook(file, read_only=True, data_only=True))


@pytest.mark.parametrize("value, expected", [
    (datetime(2022, 6, 1, 0, 0), date(2022, 6, 1)),
    ("1-6-2022", date(2022, 6, 1)),
    ("01-06-2022", date(2022, 6, 1)),
    ("2022-06-01", date(2022, 6, 1)),
    ("1/6/2022", date(2022, 6, 1)),
])
def test_dates_are_read_as_dutch_officials_write_them(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("2022-06", date(2022, 6, 1)), ("6-2022", date(2022, 6, 1)),
    (datetime(2022, 6, 17), date(2022, 6, 1)), ("17-6-2022", date(2022, 6, 1)),
])
def test_a_month_is_its_first_day(value, expected):
    assert parse_month(value) == expected


@pytest.mark.parametrize("value", ["veel", 7.5, True, "1.000", -1])
def test_counts_are_whole_numbers_of_zero_or_more(value):
    with pytest.raises(CellError):
        parse_count(value)


def test_counts_from_excel_floats_and_text_are_accepted():
    assert (parse_count(75.0), parse_count(" 12 "), parse_count(0)) == (75, 12, 0)


def test_the_same_location_and_start_twice_in_one_file_is_an_error():
    parsed = parse(xlsx([[1, "", "", date(2022, 6, 1), None, 5, None, ""],
                         [1, "", "", date(2022, 6, 1), None, 6, None, ""]]))
    assert [str(e) for e in parsed.errors] == [
        "Blad 'Capaciteit', rij 3: locatie 1 met 'Vanaf' 1-6-2022 staat ook in rij 2; één "
        "regel per locatie en begindatum."
    ]


def test_listed_locations_without_figures_and_empty_rows_are_skipped():
    parsed = parse(xlsx([[1, "Sporthal", "Zwolle"], [None] * 8, [],
                         [2, "", "", "2022-06-01", "", 5, "", "gepland"]]))
    assert parsed.errors == []
    assert [(r.row, r.location_id, r.kind) for r in parsed.capacity_rows] == [
        (5, 2, "planned")]


def test_at_most_fifty_errors_are_shown_and_the_rest_counted():
    parsed = parse(xlsx([[1, "", "", f"dag {n}", None, 5, None, ""] for n in range(70)]))
    assert len(parsed.errors) == 70
    assert len(parsed.shown_errors()) == MAX_ERRORS == 50
    assert parsed.hidden_error_count == 20

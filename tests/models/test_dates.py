import datetime as dt

import pytest

from desktop.models.dates import (
    add_months,
    format_date,
    format_time,
    full_months_between,
    parse_date,
    parse_partial_date,
    parse_time,
)
from desktop.models.enums import DatePrecision


def test_parse_and_format_dd_mm_yyyy() -> None:
    assert parse_date("05/02/2026") == dt.date(2026, 2, 5)
    assert parse_date("5.2.2026") == dt.date(2026, 2, 5)
    assert format_date(dt.date(2026, 2, 5)) == "05/02/2026"


@pytest.mark.parametrize("text", ["31/02/2020", "2026-02-05", "05/02/26", "", "ngày 5"])
def test_parse_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_partial_dates_keep_their_precision() -> None:
    assert parse_partial_date("1950") == (dt.date(1950, 1, 1), DatePrecision.YEAR)
    assert parse_partial_date("03/1950") == (dt.date(1950, 3, 1), DatePrecision.MONTH)
    assert parse_partial_date("17/03/1950") == (dt.date(1950, 3, 17), DatePrecision.DAY)
    assert format_date(dt.date(1950, 3, 1), DatePrecision.MONTH) == "03/1950"
    assert format_date(dt.date(1950, 1, 1), DatePrecision.YEAR) == "1950"


def test_month_arithmetic_clamps_to_month_end() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 2, 28), 12) == dt.date(2024, 2, 28)
    assert full_months_between(dt.date(2000, 5, 20), dt.date(2018, 5, 19)) == 215
    assert full_months_between(dt.date(2000, 5, 20), dt.date(2018, 5, 20)) == 216


@pytest.mark.parametrize("text, expected", [
    ("7:30", dt.time(7, 30)), ("07:30", dt.time(7, 30)), ("7h30", dt.time(7, 30)), ("14H", dt.time(14, 0)),
    ("14g30", dt.time(14, 30)), (" 8.05 ", dt.time(8, 5)),
])
def test_parse_time_as_minutes_write_it(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected
    assert format_time(expected) == f"{expected.hour:02d}:{expected.minute:02d}"


@pytest.mark.parametrize("text", ["", "7", "25:00", "7:60", "7:3", "bảy giờ"])
def test_parse_time_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time(text)

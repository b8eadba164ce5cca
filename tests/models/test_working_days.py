"""Deadlines in working days (§10.2): weekends and the office's days off are skipped."""

import datetime as dt

import pytest

from desktop.models.working_days import WorkingCalendar

# Tết 2026 as migration 0007 seeds it: Monday 16/02 to Friday 20/02.
TET_2026 = [dt.date(2026, 2, day) for day in range(16, 21)]


def test_weekends_are_never_working_days() -> None:
    calendar = WorkingCalendar()
    assert calendar.is_working_day(dt.date(2026, 12, 4))  # Friday
    assert not calendar.is_working_day(dt.date(2026, 12, 5))  # Saturday
    assert not calendar.is_working_day(dt.date(2026, 12, 6))  # Sunday


def test_counting_starts_the_day_after_and_skips_weekends() -> None:
    calendar = WorkingCalendar()
    friday = dt.date(2026, 12, 4)
    assert calendar.add_working_days(friday, 0) == friday
    assert calendar.add_working_days(friday, 1) == dt.date(2026, 12, 7)  # Monday
    assert calendar.add_working_days(friday, 5) == dt.date(2026, 12, 11)
    assert calendar.add_working_days(friday, 30) == dt.date(2027, 1, 15)


def test_days_off_push_a_deadline_back() -> None:
    plain, with_tet = WorkingCalendar(), WorkingCalendar(TET_2026)
    start = dt.date(2026, 2, 13)  # the Friday before Tết
    assert plain.add_working_days(start, 1) == dt.date(2026, 2, 16)
    assert with_tet.add_working_days(start, 1) == dt.date(2026, 2, 23)
    assert with_tet.add_working_days(start, 30) == plain.add_working_days(start, 35)


def test_working_days_between_is_the_inverse_of_adding() -> None:
    calendar = WorkingCalendar(TET_2026)
    start = dt.date(2026, 1, 30)
    for count in (0, 1, 7, 30, 61):
        end = calendar.add_working_days(start, count)
        assert calendar.working_days_between(start, end) == count
        assert calendar.working_days_between(end, start) == -count


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar().add_working_days(dt.date(2026, 1, 1), -1)

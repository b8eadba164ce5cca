"""Working days (ngày làm việc, domain spec §10.2): Monday to Friday except the days off.

Pure arithmetic over a set of days off; the days themselves are rows of `public_holiday`
kept by the office (desktop.services.working_calendar loads them). Deadlines "N ngày làm việc
kể từ …" count from the day after the starting day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

_SATURDAY = 5
_ONE_DAY = dt.timedelta(days=1)


class WorkingCalendar:
    def __init__(self, days_off: Iterable[dt.date] = ()) -> None:
        self._days_off = frozenset(days_off)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < _SATURDAY and day not in self._days_off

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (the deadline of "`count` ngày làm việc kể
        từ `start`"); 0 gives `start` itself."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        while count:
            day += _ONE_DAY
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when `end` is earlier):
        the inverse of add_working_days, for "còn N ngày làm việc"."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count

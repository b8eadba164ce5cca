"""Dates as Vietnamese offices write them (dd/mm/yyyy), partial dates and month arithmetic."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from desktop.models.enums import DatePrecision

_DAY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_MONTH = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})\s*[:hg.]\s*(\d{2})?$", re.IGNORECASE)


def parse_date(text: str) -> dt.date:
    """'05/02/2026' → date(2026, 2, 5); ValueError for anything else."""
    match = _DAY.match(text.strip())
    if not match:
        raise ValueError(text)
    day, month, year = (int(part) for part in match.groups())
    return dt.date(year, month, day)


def parse_partial_date(text: str) -> tuple[dt.date, DatePrecision]:
    """A full date, 'mm/yyyy' or 'yyyy'; unknown parts are stored as the first day/month."""
    cleaned = text.strip()
    if _DAY.match(cleaned):
        return parse_date(cleaned), DatePrecision.DAY
    if match := _MONTH.match(cleaned):
        month, year = int(match.group(1)), int(match.group(2))
        return dt.date(year, month, 1), DatePrecision.MONTH
    if match := _YEAR.match(cleaned):
        return dt.date(int(match.group(1)), 1, 1), DatePrecision.YEAR
    raise ValueError(text)


def format_date(value: dt.date | None, precision: DatePrecision = DatePrecision.DAY) -> str:
    if value is None:
        return ""
    if precision is DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision is DatePrecision.MONTH:
        return f"{value.month:02d}/{value.year:04d}"
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def parse_time(text: str) -> dt.time:
    """'7:30', '07:30', '7h30', '14h' (as minutes write times) → time; ValueError otherwise."""
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(text)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    return dt.time(hour, minute)


def format_time(value: dt.time | None) -> str:
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def add_months(value: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's end (31/01 + 1 → 28 or 29/02)."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(value.day, last_day))


def full_months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (ages 'counted in months', §10.2)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


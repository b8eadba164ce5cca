"""The office's days off (public_holiday) as a WorkingCalendar, and their upkeep.

Deadlines in working days (R-MEM-2, transfers, the admission steps) are computed with the
calendar these functions return; the office corrects the days when the government decides
Tết and the compensatory days of a year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.holidays import PublicHoliday
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.text import nfc
from desktop.models.working_days import WorkingCalendar
from desktop.services.access import require
from desktop.services.errors import ValidationFailed

HOLIDAY_NAME_MAX = 100  # the column's length


@dataclass(frozen=True)
class DayOff:
    day: dt.date
    name: str


def load_calendar(session: Session) -> WorkingCalendar:
    """Every day off (a few hundred rows at most: 12 a year)."""
    return WorkingCalendar(session.scalars(select(PublicHoliday.day)))


def working_calendar(database: Database) -> WorkingCalendar:
    with database.reading() as session:
        return load_calendar(session)


def days_off(database: Database, year: int) -> list[DayOff]:
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        rows = session.execute(
            select(PublicHoliday.day, PublicHoliday.name)
            .where(PublicHoliday.day >= dt.date(year, 1, 1), PublicHoliday.day <= dt.date(year, 12, 31))
            .order_by(PublicHoliday.day)
        )
        return [DayOff(*row) for row in rows]


def add_day_off(database: Database, day: dt.date, name: str) -> None:
    """A day off for everyone (a weekday: weekends are never working days)."""
    require(database, Permission.EDIT_REGISTER)
    name = nfc(name) or ""
    problems: list[Problem] = []
    if not name:
        problems.append(Problem("name", ProblemCode.REQUIRED))
    elif len(name) > HOLIDAY_NAME_MAX:
        problems.append(Problem("name", ProblemCode.TEXT_TOO_LONG, {"max": HOLIDAY_NAME_MAX}))
    if day.weekday() >= 5:
        problems.append(Problem("day", ProblemCode.DAY_OFF_ON_WEEKEND))
    with database.transaction() as session:
        if session.scalar(select(PublicHoliday.id).where(PublicHoliday.day == day)) is not None:
            problems.append(Problem("day", ProblemCode.DAY_OFF_DUPLICATE))
        if problems:
            raise ValidationFailed(problems)
        session.add(PublicHoliday(day=day, name=name))


def remove_day_off(database: Database, day: dt.date) -> None:
    """A day listed by mistake becomes a working day again."""
    require(database, Permission.EDIT_REGISTER)
    with database.transaction() as session:
        holiday = session.scalar(select(PublicHoliday).where(PublicHoliday.day == day))
        if holiday is not None:
            session.delete(holiday)  # through the ORM: the audit trail records it

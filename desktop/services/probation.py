"""Probationary members due for recognition (R-MEM-2, R-MEM-3, §3.3) and their recognition.

The due list shows every probationary member whose 12 months end within a chosen window or
have ended: the day the probation ends (the official date the decision will name), the cell's
deadline to consider it (RECOGNITION_CELL_DEADLINE_WD working days later) and how much of it
is left. A probationary member who does not qualify is removed (xóa tên): there is no
extension of probation in the Statute.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.enums import DatePrecision, MemberEventKind, MemberStatus
from desktop.models.member import Member
from desktop.models.member_lifecycle import EventDraft, recognition_date
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.models.rules import RuleBook, RuleCode
from desktop.services import clock
from desktop.services.access import require, require_organization_in_scope
from desktop.services.member_events import record_member_event
from desktop.services.organizations import in_subtree
from desktop.services.working_calendar import load_calendar


class ProbationState(enum.Enum):
    UPCOMING = "UPCOMING"  # the 12 months have not ended yet
    DUE = "DUE"  # ended: the cell is within its deadline to consider recognition
    OVERDUE = "OVERDUE"  # the cell's deadline has passed without a decision recorded


@dataclass(frozen=True)
class ProbationDueRow:
    member_id: int
    version: int
    full_name: str
    date_of_birth: dt.date
    dob_precision: DatePrecision
    cell_id: int
    cell_name: str
    admission_date: dt.date
    probation_end: dt.date
    cell_deadline: dt.date
    deadline_days: int  # RECOGNITION_CELL_DEADLINE_WD on the end date (for "30 ngày làm việc …")
    days_to_end: int  # calendar days; negative once it has ended
    working_days_left: int  # to the cell's deadline; negative when overdue
    state: ProbationState


def probation_due(
    database: Database, organization_id: int, within_days: int, today: dt.date | None = None
) -> list[ProbationDueRow]:
    """Probationary members of the subtree whose probation ends within `within_days` days of
    today, or has ended; soonest first (the overdue at the top)."""
    actor = require(database, Permission.VIEW_REGISTER)
    today = today or clock.today()
    horizon = today + dt.timedelta(days=max(within_days, 0))
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        rules = RuleBook.load(session)
        calendar = load_calendar(session)
        rows = session.execute(
            select(Member.id, Member.version, Member.full_name, Member.date_of_birth, Member.dob_precision,
                   Member.cell_id, PartyOrganization.name, Member.admission_date)
            .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
            .where(Member.status == MemberStatus.PROBATIONARY, in_subtree(path))
        ).all()
    due: list[ProbationDueRow] = []
    for member_id, version, name, born, precision, cell_id, cell_name, admitted in rows:
        end = recognition_date(admitted, rules)
        if end > horizon:
            continue
        days = int(rules.value(RuleCode.RECOGNITION_CELL_DEADLINE_WD, end))
        deadline = calendar.add_working_days(end, days)
        left = calendar.working_days_between(today, deadline)
        state = (ProbationState.UPCOMING if end > today
                 else ProbationState.OVERDUE if today > deadline else ProbationState.DUE)
        due.append(ProbationDueRow(member_id, version, name, born, precision, cell_id, cell_name, admitted, end,
                                   deadline, days, (end - today).days, left, state))
    due.sort(key=lambda row: (row.probation_end, row.full_name))
    return due


@dataclass(frozen=True)
class RecognitionDraft:
    """The documents of a recognition: the cell's resolution and the committee's decision."""

    resolution_number: str | None
    resolution_date: dt.date | None
    decision_number: str | None
    decision_date: dt.date | None
    issuing_body: str | None = None
    note: str | None = None


def recognise(
    database: Database, member_id: int, expected_version: int, draft: RecognitionDraft,
    today: dt.date | None = None,
) -> int:
    """Record the recognition as an official member, dated the day the probation ends
    (R-MEM-3), whatever day the decision was signed. The id of the event."""
    require(database, Permission.EDIT_REGISTER)
    with database.reading() as session:
        member = session.get(Member, member_id)
        admitted = member.admission_date if member is not None else None
        end = recognition_date(admitted, RuleBook.load(session)) if admitted else None
    return record_member_event(database, member_id, EventDraft(
        MemberEventKind.RECOGNISED_FULL, end, decision_number=draft.decision_number,
        decision_date=draft.decision_date, issuing_body=draft.issuing_body, note=draft.note,
        resolution_number=draft.resolution_number, resolution_date=draft.resolution_date,
    ), expected_version=expected_version, today=today)

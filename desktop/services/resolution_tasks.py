"""Following resolutions up (theo dõi thực hiện nghị quyết, domain spec §4.5): the tasks the
adopted resolutions of an organisation subtree assign, those not done first by due date, the
overdue ones flagged; a completion recorded (or withdrawn) after the minutes are signed.

Public API:
    ResolutionTaskQuery, ResolutionTaskRow
    count_resolution_tasks(database, query) -> int
    fetch_resolution_task_rows(database, query, offset, limit) -> list[ResolutionTaskRow]
    record_task_done(database, task_id, done_on, note, today=None) -> None
    withdraw_task_done(database, task_id) -> None
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.document_header import default_issuer_code, document_number
from desktop.models.meeting_rules import check_task_done
from desktop.models.meetings import Meeting, MeetingResolution, MeetingResolutionTask, MeetingState
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Actor, Permission
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import require, require_organization_in_scope, scope_condition
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.meeting_records import RESOLUTION_KIND_CODE


@dataclass(frozen=True)
class ResolutionTaskQuery:
    organization_id: int
    open_only: bool = True  # the tasks not done yet
    today: dt.date | None = None  # for the overdue flag; None: the clock's today


@dataclass(frozen=True)
class ResolutionTaskRow:
    id: int
    meeting_id: int
    organization_name: str
    resolution_number: str
    resolution_subject: str
    meeting_date: dt.date
    description: str
    owner_name: str | None
    due_date: dt.date | None
    done_on: dt.date | None
    done_note: str | None
    overdue: bool


def _filtered(session: Session, actor: Actor, query: ResolutionTaskQuery, columns: Select) -> Select:  # type: ignore[type-arg]
    path = require_organization_in_scope(session, actor, query.organization_id)
    statement = (columns.join(MeetingResolution, MeetingResolution.id == MeetingResolutionTask.resolution_id)
                 .join(Meeting, Meeting.id == MeetingResolution.meeting_id)
                 .join(PartyOrganization, PartyOrganization.id == MeetingResolution.organization_id)
                 .where(scope_condition(actor), Meeting.state == MeetingState.FINALISED,
                        PartyOrganization.path >= path, PartyOrganization.path < subtree_upper_bound(path)))
    if query.open_only:
        statement = statement.where(MeetingResolutionTask.done_on.is_(None))
    return statement


def count_resolution_tasks(database: Database, query: ResolutionTaskQuery) -> int:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        return int(session.scalar(_filtered(session, actor, query, select(func.count(MeetingResolutionTask.id))))
                   or 0)


def fetch_resolution_task_rows(database: Database, query: ResolutionTaskQuery, offset: int,
                               limit: int) -> list[ResolutionTaskRow]:
    """Not done first, by due date (no date last), then the done ones, newest first."""
    actor = require(database, Permission.VIEW_REGISTER)
    today = query.today or clock.today()
    columns = select(
        MeetingResolutionTask.id, Meeting.id, PartyOrganization.name, PartyOrganization.kind,
        PartyOrganization.issuer_code, MeetingResolution.sequence, MeetingResolution.subject, Meeting.meeting_date,
        MeetingResolutionTask.description, Member.full_name, MeetingResolutionTask.due_date,
        MeetingResolutionTask.done_on, MeetingResolutionTask.done_note,
    ).outerjoin(Member, Member.id == MeetingResolutionTask.owner_member_id)
    undated = dt.date.max
    with database.reading() as session:
        statement = _filtered(session, actor, query, columns).order_by(
            MeetingResolutionTask.done_on.is_not(None), MeetingResolutionTask.done_on.desc(),
            func.coalesce(MeetingResolutionTask.due_date, undated), MeetingResolutionTask.id,
        ).offset(offset).limit(limit)
        return [_row(row, today) for row in session.execute(statement)]


def _row(row, today: dt.date) -> ResolutionTaskRow:  # type: ignore[no-untyped-def]
    (task_id, meeting_id, org_name, org_kind, issuer_code, sequence, subject, meeting_date, description,
     owner, due, done_on, note) = row
    number = document_number(sequence, RESOLUTION_KIND_CODE, issuer_code or default_issuer_code(org_kind))
    return ResolutionTaskRow(task_id, meeting_id, org_name, number, subject, meeting_date, description, owner, due,
                             done_on, note, overdue=done_on is None and due is not None and due < today)


def _task(session: Session, actor: Actor, task_id: int) -> tuple[MeetingResolutionTask, Meeting]:
    task = session.get(MeetingResolutionTask, task_id)
    if task is None:
        raise RecordNotFound(task_id)
    meeting = session.scalar(select(Meeting).join(MeetingResolution, MeetingResolution.meeting_id == Meeting.id)
                             .where(MeetingResolution.id == task.resolution_id))
    assert meeting is not None
    require_organization_in_scope(session, actor, meeting.organization_id)
    return task, meeting


def record_task_done(database: Database, task_id: int, done_on: dt.date, note: str | None = None,
                     today: dt.date | None = None) -> None:
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with database.transaction() as session:
        task, meeting = _task(session, actor, task_id)
        note = nfc(note) or None
        problems = check_task_done(meeting.meeting_date, meeting.state is MeetingState.FINALISED, done_on, today,
                                   note)
        if problems:
            raise ValidationFailed(problems)
        task.done_on = done_on
        task.done_note = note


def withdraw_task_done(database: Database, task_id: int) -> None:
    """The completion was recorded by mistake: the task is open again."""
    actor = require(database, Permission.EDIT_REGISTER)
    with database.transaction() as session:
        task, _meeting = _task(session, actor, task_id)
        task.done_on = None
        task.done_note = None

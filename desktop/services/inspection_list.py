"""Lists and counts of cases and letters (paged SQL, inspection role, the actor's subtree):
the case list with its next due step and overdue flag, the letter registry by deadline, and
the dashboard's counts. Nobody else gets a row or a number (domain spec §10.3).

Public API:
    CaseListQuery, CaseRow, count_cases, fetch_case_rows
    LetterListQuery, LetterRow, count_letters, fetch_letter_rows
    DashboardCounts, dashboard_counts(database, today=None)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, and_, func, select, true
from sqlalchemy.orm import aliased

from desktop.db.database import Database
from desktop.models.inspection import CaseKind, CaseState, CaseStep, CaseSubject, InspectionCase
from desktop.models.letters import ComplaintLetter, LetterKind, LetterStatus
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Actor
from desktop.models.rules import RuleBook, RuleCode
from desktop.services import clock
from desktop.services.access import require_organization_in_scope
from desktop.services.inspection_access import require_inspection
from desktop.services.inspection_detail import case_number
from desktop.services.letters import letter_number

_OPEN_STATES = tuple(state for state in CaseState if state.is_open)
_PENDING_LETTERS = tuple(status for status in LetterStatus if status.is_pending)
_subject_org = aliased(PartyOrganization, name="subject_org")


def _next_due():  # type: ignore[no-untyped-def]
    """The earliest due date of the case's steps not done yet."""
    return (select(func.min(CaseStep.due_on))
            .where(CaseStep.case_id == InspectionCase.id, CaseStep.done_on.is_(None))
            .correlate(InspectionCase).scalar_subquery())


def _first_subject():  # type: ignore[no-untyped-def]
    return (select(func.coalesce(Member.full_name, _subject_org.name))
            .select_from(CaseSubject)
            .outerjoin(Member, Member.id == CaseSubject.member_id)
            .outerjoin(_subject_org, _subject_org.id == CaseSubject.organization_id)
            .where(CaseSubject.case_id == InspectionCase.id)
            .order_by(CaseSubject.id).limit(1)
            .correlate(InspectionCase).scalar_subquery())


def _subject_count():  # type: ignore[no-untyped-def]
    return (select(func.count(CaseSubject.id)).where(CaseSubject.case_id == InspectionCase.id)
            .correlate(InspectionCase).scalar_subquery())


def _scope_path(database: Database, actor: Actor, organization_id: int | None) -> str | None:
    if organization_id is None:
        return actor.scope_path
    with database.reading() as session:
        return require_organization_in_scope(session, actor, organization_id)


def _in_path(path: str | None):  # type: ignore[no-untyped-def]
    if path is None:
        return true()
    return and_(PartyOrganization.path >= path, PartyOrganization.path < subtree_upper_bound(path))


@dataclass(frozen=True)
class CaseListQuery:
    organization_id: int | None = None  # its subtree; None: the actor's scope
    kind: CaseKind | None = None
    open_only: bool = True
    overdue_only: bool = False
    year: int | None = None


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    kind: CaseKind
    state: CaseState
    title: str
    organization_name: str
    opened_on: dt.date
    subject: str
    subject_count: int
    next_due: dt.date | None
    overdue: bool


def _cases(statement: Select, query: CaseListQuery, path: str | None, today: dt.date) -> Select:  # type: ignore[type-arg]
    statement = (statement.select_from(InspectionCase)
                 .join(PartyOrganization, PartyOrganization.id == InspectionCase.organization_id)
                 .where(_in_path(path)))
    if query.kind is not None:
        statement = statement.where(InspectionCase.kind == query.kind)
    if query.open_only or query.overdue_only:
        statement = statement.where(InspectionCase.state.in_(_OPEN_STATES))
    if query.year is not None:
        statement = statement.where(InspectionCase.year == query.year)
    if query.overdue_only:
        statement = statement.where(_next_due() < today)
    return statement


def count_cases(database: Database, query: CaseListQuery, today: dt.date | None = None) -> int:
    actor = require_inspection(database)
    path = _scope_path(database, actor, query.organization_id)
    with database.reading() as session:
        return int(session.scalar(_cases(select(func.count(InspectionCase.id)), query, path,
                                         today or clock.today())) or 0)


def fetch_case_rows(database: Database, query: CaseListQuery, offset: int, limit: int,
                    today: dt.date | None = None) -> list[CaseRow]:
    """One page: open cases by their next due step (the most urgent first), then newest."""
    actor = require_inspection(database)
    today = today or clock.today()
    path = _scope_path(database, actor, query.organization_id)
    next_due = _next_due().label("next_due")
    statement = _cases(select(
        InspectionCase.id, InspectionCase.sequence, InspectionCase.year, InspectionCase.kind,
        InspectionCase.state, InspectionCase.title, PartyOrganization.name, InspectionCase.opened_on,
        _first_subject().label("subject"), _subject_count().label("subjects"), next_due,
    ), query, path, today)
    statement = statement.order_by(next_due.is_(None), next_due, InspectionCase.opened_on.desc(),
                                   InspectionCase.id.desc()).offset(offset).limit(limit)
    with database.reading() as session:
        return [CaseRow(
            id=row.id, number=case_number(row.sequence, row.year), kind=row.kind, state=row.state,
            title=row.title, organization_name=row.name, opened_on=row.opened_on, subject=row.subject or "",
            subject_count=int(row.subjects or 0), next_due=row.next_due,
            overdue=row.state.is_open and row.next_due is not None and row.next_due < today,
        ) for row in session.execute(statement)]


@dataclass(frozen=True)
class LetterListQuery:
    organization_id: int | None = None
    kind: LetterKind | None = None
    pending_only: bool = True
    overdue_only: bool = False
    due_soon_only: bool = False


@dataclass(frozen=True)
class LetterRow:
    id: int
    number: str
    received_on: dt.date
    kind: LetterKind
    is_anonymous: bool
    concerned: str
    status: LetterStatus
    deadline: dt.date | None
    overdue: bool
    summary: str


_DEADLINE = func.coalesce(ComplaintLetter.extended_to, ComplaintLetter.due_on)


def _letters(statement: Select, query: LetterListQuery, path: str | None, today: dt.date,  # type: ignore[type-arg]
             soon: dt.date) -> Select:  # type: ignore[type-arg]
    statement = (statement.select_from(ComplaintLetter)
                 .join(PartyOrganization, PartyOrganization.id == ComplaintLetter.organization_id)
                 .where(_in_path(path)))
    if query.kind is not None:
        statement = statement.where(ComplaintLetter.kind == query.kind)
    if query.pending_only or query.overdue_only or query.due_soon_only:
        statement = statement.where(ComplaintLetter.status.in_(_PENDING_LETTERS))
    if query.overdue_only and query.due_soon_only:
        statement = statement.where(_DEADLINE <= soon)
    elif query.overdue_only:
        statement = statement.where(_DEADLINE < today)
    elif query.due_soon_only:
        statement = statement.where(_DEADLINE >= today, _DEADLINE <= soon)
    return statement


def _soon(database: Database, today: dt.date) -> dt.date:
    with database.reading() as session:
        days = int(RuleBook.load(session).value(RuleCode.LETTER_DUE_SOON_DAYS, today))
    return today + dt.timedelta(days=days)


def count_letters(database: Database, query: LetterListQuery, today: dt.date | None = None) -> int:
    actor = require_inspection(database)
    today = today or clock.today()
    path = _scope_path(database, actor, query.organization_id)
    soon = _soon(database, today)
    with database.reading() as session:
        return int(session.scalar(_letters(select(func.count(ComplaintLetter.id)), query, path, today, soon)) or 0)


def fetch_letter_rows(database: Database, query: LetterListQuery, offset: int, limit: int,
                      today: dt.date | None = None) -> list[LetterRow]:
    """Pending letters by deadline, then the newest; no sender identity in a list row."""
    actor = require_inspection(database)
    today = today or clock.today()
    path = _scope_path(database, actor, query.organization_id)
    soon = _soon(database, today)
    concerned = func.coalesce(Member.full_name, _subject_org.name, ComplaintLetter.concerned_text)
    statement = _letters(select(
        ComplaintLetter.id, ComplaintLetter.sequence, ComplaintLetter.year, ComplaintLetter.received_on,
        ComplaintLetter.kind, ComplaintLetter.is_anonymous, concerned.label("concerned"),
        ComplaintLetter.status, _DEADLINE.label("deadline"), ComplaintLetter.summary,
    ), query, path, today, soon)
    statement = (statement.outerjoin(Member, Member.id == ComplaintLetter.concerned_member_id)
                 .outerjoin(_subject_org, _subject_org.id == ComplaintLetter.concerned_organization_id)
                 .order_by(_DEADLINE.is_(None), _DEADLINE, ComplaintLetter.received_on.desc(),
                           ComplaintLetter.id.desc()).offset(offset).limit(limit))
    with database.reading() as session:
        return [LetterRow(
            id=row.id, number=letter_number(row.sequence, row.year), received_on=row.received_on, kind=row.kind,
            is_anonymous=row.is_anonymous, concerned=row.concerned or "", status=row.status,
            deadline=row.deadline,
            overdue=row.status.is_pending and row.deadline is not None and row.deadline < today,
            summary=row.summary,
        ) for row in session.execute(statement)]


@dataclass(frozen=True)
class DashboardCounts:
    open_cases: int
    cases_with_overdue_steps: int
    overdue_steps: int
    open_by_kind: dict[CaseKind, int]
    letters_pending: int
    letters_due_soon: int
    letters_overdue: int


def dashboard_counts(database: Database, today: dt.date | None = None) -> DashboardCounts:
    """Counts with SQL GROUP BY over the actor's scope."""
    actor = require_inspection(database)
    today = today or clock.today()
    path = actor.scope_path
    soon = _soon(database, today)
    open_cases = (select(InspectionCase.kind, func.count(InspectionCase.id))
                  .join(PartyOrganization, PartyOrganization.id == InspectionCase.organization_id)
                  .where(_in_path(path), InspectionCase.state.in_(_OPEN_STATES))
                  .group_by(InspectionCase.kind))
    overdue = (select(func.count(CaseStep.id), func.count(func.distinct(CaseStep.case_id)))
               .join(InspectionCase, InspectionCase.id == CaseStep.case_id)
               .join(PartyOrganization, PartyOrganization.id == InspectionCase.organization_id)
               .where(_in_path(path), InspectionCase.state.in_(_OPEN_STATES),
                      CaseStep.done_on.is_(None), CaseStep.due_on < today))
    letters = (select(
        func.count(ComplaintLetter.id),
        func.count(ComplaintLetter.id).filter(and_(_DEADLINE >= today, _DEADLINE <= soon)),
        func.count(ComplaintLetter.id).filter(_DEADLINE < today))
        .join(PartyOrganization, PartyOrganization.id == ComplaintLetter.organization_id)
        .where(_in_path(path), ComplaintLetter.status.in_(_PENDING_LETTERS)))
    with database.reading() as session:
        by_kind = {kind: int(count) for kind, count in session.execute(open_cases)}
        steps, cases = session.execute(overdue).one()
        pending, due_soon, late = session.execute(letters).one()
    return DashboardCounts(
        open_cases=sum(by_kind.values()), cases_with_overdue_steps=int(cases or 0),
        overdue_steps=int(steps or 0), open_by_kind=by_kind, letters_pending=int(pending or 0),
        letters_due_soon=int(due_soon or 0), letters_overdue=int(late or 0))


"""Reading transfers: the list of those not yet received or overdue (paged SQL, limited to the
actor's scope), a member's transfers, and what the introduction letter prints.

A transfer is visible when its sending or its receiving cell is in the actor's scope; an
arrival from outside or a departure to outside has only one side in the database.

Public API:
    TransferListQuery, TransferRow
    count_transfers(database, query, today=None) -> int
    fetch_transfer_rows(database, query, offset, limit, today=None) -> list[TransferRow]
    get_transfer_row(database, transfer_id, today=None) -> TransferRow
    member_transfers(database, member_id, today=None) -> list[TransferRow]
    letter_facts(database, transfer_id) -> LetterFacts
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, and_, case, false, func, or_, select, true
from sqlalchemy.orm import aliased

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.enums import DatePrecision, Gender
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Actor, Permission
from desktop.models.rules import RuleBook
from desktop.models.transfer_rules import (
    is_open,
    is_overdue,
    report_deadline_days,
    working_days_left,
)
from desktop.models.transfers import MemberTransfer, TransferDirection, TransferKind, TransferState
from desktop.models.working_days import WorkingCalendar
from desktop.services import clock
from desktop.services.access import require, require_organization_in_scope
from desktop.services.errors import RecordNotFound
from desktop.services.transfers import open_transfer_condition
from desktop.services.working_calendar import load_calendar

_source = aliased(PartyOrganization, name="source_org")
_target = aliased(PartyOrganization, name="target_org")
_source_parent = aliased(PartyOrganization, name="source_parent")
_target_parent = aliased(PartyOrganization, name="target_parent")

# The day a transfer waits for: the reporting deadline of an issued letter, the expected
# end of a temporary stay already received.
_DUE = case(
    (MemberTransfer.state == TransferState.ISSUED, MemberTransfer.report_deadline),
    else_=MemberTransfer.expected_end,
)


@dataclass(frozen=True)
class TransferListQuery:
    organization_id: int | None = None  # transfers from or to its subtree; None: the actor's scope
    direction: TransferDirection | None = None
    kind: TransferKind | None = None
    states: tuple[TransferState, ...] | None = None  # None: the open ones
    overdue_only: bool = False
    member_id: int | None = None


@dataclass(frozen=True)
class TransferRow:
    id: int
    member_id: int
    member_name: str
    date_of_birth: dt.date
    dob_precision: DatePrecision
    kind: TransferKind
    direction: TransferDirection
    state: TransferState
    from_name: str  # a cell "Chi bộ 1 — Đảng bộ A" or the organisation outside, in words
    to_name: str
    from_org_id: int | None
    to_org_id: int | None
    letter_number: str | None
    letter_date: dt.date
    report_deadline: dt.date
    expected_end: dt.date | None
    received_date: dt.date | None
    returned_date: dt.date | None
    cancelled_date: dt.date | None
    reason: str | None
    due: dt.date | None  # the deadline an open transfer waits for
    days_left: int | None  # working days to `due` (negative: overdue); None when closed
    overdue: bool
    deadline_days: int  # TRANSFER_REPORT_DEADLINE_WD on the letter's date

    @property
    def birth_text(self) -> str:
        return format_date(self.date_of_birth, self.dob_precision)


def _path_in(alias, path: str):  # type: ignore[no-untyped-def]
    return and_(alias.path >= path, alias.path < subtree_upper_bound(path))


def _visible(path: str | None):  # type: ignore[no-untyped-def]
    """Sending or receiving side inside `path` (the organisation asked for, or the scope)."""
    if path is None:
        return true()
    return or_(_path_in(_source, path), _path_in(_target, path))


def _filtered(statement: Select, query: TransferListQuery, path: str | None,  # type: ignore[type-arg]
              today: dt.date) -> Select:  # type: ignore[type-arg]
    statement = (
        statement.select_from(MemberTransfer)
        .join(Member, Member.id == MemberTransfer.member_id)
        .outerjoin(_source, _source.id == MemberTransfer.from_org_id)
        .outerjoin(_target, _target.id == MemberTransfer.to_org_id)
        .where(_visible(path))
    )
    if query.direction is not None:
        statement = statement.where(MemberTransfer.direction == query.direction)
    if query.kind is not None:
        statement = statement.where(MemberTransfer.kind == query.kind)
    if query.member_id is not None:
        statement = statement.where(MemberTransfer.member_id == query.member_id)
    if query.states is None:
        statement = statement.where(open_transfer_condition())
    elif query.states:
        statement = statement.where(MemberTransfer.state.in_(query.states))
    else:
        statement = statement.where(false())
    if query.overdue_only:
        statement = statement.where(open_transfer_condition(), _DUE < today)
    return statement


def _scope_path(database: Database, actor: Actor, query: TransferListQuery) -> str | None:
    if query.organization_id is None:
        return actor.scope_path
    with database.reading() as session:
        return require_organization_in_scope(session, actor, query.organization_id)


def count_transfers(database: Database, query: TransferListQuery, today: dt.date | None = None) -> int:
    actor = require(database, Permission.VIEW_REGISTER)
    today = today or clock.today()
    path = _scope_path(database, actor, query)
    with database.reading() as session:
        statement = _filtered(select(func.count(MemberTransfer.id)), query, path, today)
        return int(session.scalar(statement) or 0)


def _side_name(org_name: str | None, parent_name: str | None, text: str | None) -> str:
    if org_name:
        return f"{org_name} — {parent_name}" if parent_name else org_name
    return text or ""


def _rows(database: Database, statement: Select, today: dt.date) -> list[TransferRow]:  # type: ignore[type-arg]
    with database.reading() as session:
        calendar = load_calendar(session)
        rules = RuleBook.load(session)
        return [_row(record, today, calendar, rules) for record in session.execute(statement)]


def _row(record, today: dt.date, calendar: WorkingCalendar, rules: RuleBook) -> TransferRow:  # type: ignore[no-untyped-def]
    t: MemberTransfer = record.MemberTransfer
    due = (t.report_deadline if t.state is TransferState.ISSUED else t.expected_end) if is_open(t.state, t.kind) else None
    return TransferRow(
        id=t.id, member_id=t.member_id, member_name=record.full_name, date_of_birth=record.date_of_birth,
        dob_precision=record.dob_precision, kind=t.kind, direction=t.direction, state=t.state,
        from_name=_side_name(record.source_name, record.source_parent_name, t.from_org_text),
        to_name=_side_name(record.target_name, record.target_parent_name, t.to_org_text),
        from_org_id=t.from_org_id, to_org_id=t.to_org_id,
        letter_number=t.letter_number, letter_date=t.letter_date, report_deadline=t.report_deadline,
        expected_end=t.expected_end, received_date=t.received_date, returned_date=t.returned_date,
        cancelled_date=t.cancelled_date, reason=t.reason, due=due,
        days_left=working_days_left(due, today, calendar) if due is not None else None,
        overdue=is_overdue(t.state, t.report_deadline, t.expected_end, today),
        deadline_days=report_deadline_days(t.letter_date, rules),
    )


def _row_select() -> Select:  # type: ignore[type-arg]
    return select(
        MemberTransfer, Member.full_name, Member.date_of_birth, Member.dob_precision,
        _source.name.label("source_name"), _source_parent.name.label("source_parent_name"),
        _target.name.label("target_name"), _target_parent.name.label("target_parent_name"),
    )


def _with_parents(statement: Select) -> Select:  # type: ignore[type-arg]
    return (statement
            .outerjoin(_source_parent, _source_parent.id == _source.parent_id)
            .outerjoin(_target_parent, _target_parent.id == _target.parent_id))


def fetch_transfer_rows(
    database: Database, query: TransferListQuery, offset: int, limit: int, today: dt.date | None = None
) -> list[TransferRow]:
    """One page, the most urgent first: by the day each waits for, then by letter date."""
    actor = require(database, Permission.VIEW_REGISTER)
    today = today or clock.today()
    path = _scope_path(database, actor, query)
    statement = _with_parents(_filtered(_row_select(), query, path, today))
    statement = statement.order_by(
        _DUE.is_(None), _DUE, MemberTransfer.letter_date.desc(), MemberTransfer.id.desc()
    ).offset(offset).limit(limit)
    return _rows(database, statement, today)


def get_transfer_row(database: Database, transfer_id: int, today: dt.date | None = None) -> TransferRow:
    actor = require(database, Permission.VIEW_REGISTER)
    today = today or clock.today()
    query = TransferListQuery(states=tuple(TransferState))
    statement = _with_parents(_filtered(_row_select(), query, actor.scope_path, today))
    rows = _rows(database, statement.where(MemberTransfer.id == transfer_id), today)
    if not rows:
        raise RecordNotFound(transfer_id)
    return rows[0]


def member_transfers(database: Database, member_id: int, today: dt.date | None = None) -> list[TransferRow]:
    """Every transfer of the member, oldest letter first (the member's transfer history)."""
    actor = require(database, Permission.VIEW_REGISTER)
    today = today or clock.today()
    query = TransferListQuery(states=tuple(TransferState), member_id=member_id)
    statement = _with_parents(_filtered(_row_select(), query, actor.scope_path, today))
    return _rows(database, statement.order_by(MemberTransfer.letter_date, MemberTransfer.id), today)


@dataclass(frozen=True)
class LetterFacts:
    """What the giấy giới thiệu sinh hoạt đảng says (desktop.reports.transfer_letter)."""

    transfer_id: int
    kind: TransferKind
    direction: TransferDirection
    issuing_org_id: int
    letter_sequence: int | None
    letter_date: dt.date
    report_deadline: dt.date
    deadline_days: int
    expected_end: dt.date | None
    full_name: str
    gender: Gender
    date_of_birth: dt.date
    dob_precision: DatePrecision
    admission_date: dt.date
    official_date: dt.date | None  # None or after the letter: probationary then
    party_card_number: str | None
    from_name: str
    to_name: str
    reason: str | None


def letter_facts(database: Database, transfer_id: int) -> LetterFacts:
    """PRINT_REPORTS; the sending side in scope. Only letters the database issued print."""
    actor = require(database, Permission.PRINT_REPORTS)
    with database.reading() as session:
        transfer = session.get(MemberTransfer, transfer_id)
        if transfer is None:
            raise RecordNotFound(transfer_id)
        if transfer.from_org_id is None or transfer.issuing_org_id is None:
            raise ValueError("an arrival from outside carries the other committee's letter")
        require_organization_in_scope(session, actor, transfer.from_org_id)
        member = session.get(Member, transfer.member_id)
        assert member is not None
        record = session.execute(
            _with_parents(_row_select().select_from(MemberTransfer)
                          .join(Member, Member.id == MemberTransfer.member_id)
                          .outerjoin(_source, _source.id == MemberTransfer.from_org_id)
                          .outerjoin(_target, _target.id == MemberTransfer.to_org_id))
            .where(MemberTransfer.id == transfer_id)
        ).one()
        rules = RuleBook.load(session)
        return LetterFacts(
            transfer_id=transfer.id, kind=transfer.kind, direction=transfer.direction,
            issuing_org_id=transfer.issuing_org_id, letter_sequence=transfer.letter_sequence,
            letter_date=transfer.letter_date, report_deadline=transfer.report_deadline,
            deadline_days=report_deadline_days(transfer.letter_date, rules),
            expected_end=transfer.expected_end, full_name=member.full_name, gender=member.gender,
            date_of_birth=member.date_of_birth, dob_precision=member.dob_precision,
            admission_date=member.admission_date, official_date=member.official_date,
            party_card_number=member.party_card_number,
            from_name=_side_name(record.source_name, record.source_parent_name, transfer.from_org_text),
            to_name=_side_name(record.target_name, record.target_parent_name, transfer.to_org_text),
            reason=transfer.reason,
        )

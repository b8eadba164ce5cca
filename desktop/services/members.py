"""Member register use cases: paged lists, reading a record, creating and editing it."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from desktop.db.bulk import bulk_insert
from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.enums import (
    CommitteeRole,
    DatePrecision,
    Gender,
    MemberEventKind,
    MemberStatus,
    OrgKind,
    OrgStatus,
)
from desktop.models.member import CommitteeMembership, Member, MemberEvent
from desktop.models.member_rules import TEXT_FIELDS, MemberDraft, check_member
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Actor, Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import (
    require,
    require_member_in_scope,
    require_path_in_scope,
    scope_root_id,
)
from desktop.services.audit import record_created, record_read
from desktop.services.editing import load_for_edit
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.member_writer import apply_member_keys, member_keys, sync_search_index
from desktop.services.organizations import (
    CELL_KINDS,
    is_whole_tree,
    organization_path,
    subtree_cell_ids,
)
from desktop.services.search import search_condition


class MemberSort(enum.Enum):
    NAME = "NAME"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    ADMISSION_DATE = "ADMISSION_DATE"


_SORT_COLUMNS = {
    MemberSort.NAME: Member.name_sort_key,
    MemberSort.DATE_OF_BIRTH: Member.date_of_birth,
    MemberSort.ADMISSION_DATE: Member.admission_date,
}


@dataclass(frozen=True)
class MemberListQuery:
    """What the member table shows: a subtree, statuses, a search text and an order."""

    organization_id: int | None = None
    statuses: tuple[MemberStatus, ...] = ()  # empty: every status
    search_text: str = ""
    sort: MemberSort = MemberSort.NAME
    descending: bool = False


@dataclass(frozen=True)
class MemberRow:
    id: int
    full_name: str
    gender: Gender
    date_of_birth: dt.date
    dob_precision: DatePrecision
    status: MemberStatus
    cell_name: str
    party_card_number: str | None
    national_id: str | None
    admission_date: dt.date
    official_date: dt.date | None

    @property
    def birth_text(self) -> str:
        return format_date(self.date_of_birth, self.dob_precision)


@dataclass(frozen=True)
class EventRow:
    kind: MemberEventKind
    effective_date: dt.date
    decision_number: str | None
    note: str | None
    # Transfers: the organisations left and joined (a cell's name, or one outside in words).
    from_name: str | None = None
    to_name: str | None = None


# Events whose organisation in words (counterpart) is the one the member comes from.
_ARRIVALS = (MemberEventKind.TRANSFER_OFFICIAL_IN, MemberEventKind.TRANSFER_TEMPORARY_IN)


def _event_row(kind: MemberEventKind, day: dt.date, decision: str | None, note: str | None,
               source: str | None, target: str | None, counterpart: str | None) -> EventRow:
    arriving = kind in _ARRIVALS
    return EventRow(kind, day, decision, note,
                    from_name=source or (counterpart if arriving else None),
                    to_name=target or (None if arriving else counterpart))


@dataclass(frozen=True)
class SeatRow:
    organization_name: str
    role: CommitteeRole
    start_date: dt.date


@dataclass(frozen=True)
class MemberRecord:
    """A member as the form edits it; `version` guards against overwriting someone's save."""

    id: int
    version: int
    status: MemberStatus
    draft: MemberDraft
    cell_name: str
    events: tuple[EventRow, ...]
    seats: tuple[SeatRow, ...]


def _filtered(statement: Select, database: Database, query: MemberListQuery) -> Select:  # type: ignore[type-arg]
    # No organisation: the whole register the user may see (their scope).
    org_id = query.organization_id
    if org_id is None:
        org_id = scope_root_id(require(database, Permission.VIEW_REGISTER))
    if org_id is not None:
        path = organization_path(database, org_id)  # PermissionDenied outside the scope
        if not is_whole_tree(database, org_id):
            statement = statement.where(Member.cell_id.in_(subtree_cell_ids(path)))
    if query.statuses:
        statement = statement.where(Member.status.in_(query.statuses))
    condition = search_condition(database, query.search_text)
    if condition is not None:
        statement = statement.where(condition)
    return statement


def count_members(database: Database, query: MemberListQuery) -> int:
    require(database, Permission.VIEW_REGISTER)
    statement = _filtered(select(func.count()).select_from(Member), database, query)
    with database.reading() as session:
        return int(session.scalar(statement) or 0)


# The columns of a MemberRow, in its field order.
_ROW_COLUMNS = (
    Member.id, Member.full_name, Member.gender, Member.date_of_birth, Member.dob_precision,
    Member.status, PartyOrganization.name, Member.party_card_number, Member.national_id,
    Member.admission_date, Member.official_date,
)


def ordered_member_select(database: Database, query: MemberListQuery, *columns: Any) -> Select:  # type: ignore[type-arg]
    """`columns` of the members the query lists, in its order (exports stream this)."""
    require(database, Permission.VIEW_REGISTER)
    sort_column = _SORT_COLUMNS[query.sort]
    order = (sort_column.desc(), Member.id.desc()) if query.descending else (sort_column, Member.id)
    return _filtered(select(*columns), database, query).order_by(*order)


def fetch_member_rows(
    database: Database, query: MemberListQuery, offset: int, limit: int
) -> list[MemberRow]:
    """One page of the list, in the query's order (ties broken by id, so pages never overlap)."""
    require(database, Permission.VIEW_REGISTER)
    sort_column = _SORT_COLUMNS[query.sort]
    order = (sort_column.desc(), Member.id.desc()) if query.descending else (sort_column, Member.id)
    # The offset is walked on ids alone (an index-only scan); only the page's rows are joined.
    page_ids = _filtered(select(Member.id), database, query).order_by(*order).offset(offset).limit(limit)
    statement = (
        select(*_ROW_COLUMNS)
        .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
        .where(Member.id.in_(page_ids.scalar_subquery()))
        .order_by(*order)
    )
    with database.reading() as session:
        return [MemberRow(*row) for row in session.execute(statement)]


def get_member_row(database: Database, member_id: int) -> MemberRow:
    """One member as a line of the register list (no file opened, so no READ entry)."""
    actor = require(database, Permission.VIEW_REGISTER)
    statement = (
        select(*_ROW_COLUMNS)
        .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
        .where(Member.id == member_id)
    )
    with database.reading() as session:
        require_member_in_scope(session, actor, member_id)
        row = session.execute(statement).first()
    if row is None:
        raise RecordNotFound(member_id)
    return MemberRow(*row)


def get_member(database: Database, member_id: int) -> MemberRecord:
    """A member's file; every opening is access-logged (a READ audit entry, domain spec §10.3)."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.transaction() as session:
        require_member_in_scope(session, actor, member_id)
        record = _record(session, member_id)
        record_read(session, Member.__tablename__, member_id)
        return record


def create_member(database: Database, draft: MemberDraft, today: dt.date | None = None) -> MemberRecord:
    """Register a member; their admission (and recognition) become the first history events."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    draft = normalised(draft)
    with database.transaction() as session:
        _require_cell_in_scope(session, actor, draft.cell_id)
        _validate(session, draft, today, member_id=None)
        [member_id] = insert_members(database, session, [draft])
        return _record(session, member_id)  # what was saved, not a read of the file: no READ entry


def insert_members(database: Database, session: Session, drafts: Sequence[MemberDraft]) -> list[int]:
    """Write new members from valid, normalised drafts, with their admission (and recognition)
    as the first history events, their search keys and a CREATE audit entry per member (with
    its first events): the form and imports both come here. Core statements, in bulk.
    """
    if not drafts:
        return []
    rows = []
    for draft in drafts:
        row: dict[str, Any] = dict(vars(draft))  # every field of the draft is a column
        row["status"] = MemberStatus.FULL if draft.official_date else MemberStatus.PROBATIONARY
        row["exempted_from_activities"] = False
        row["version"] = 1
        row["search_key"], row["name_sort_key"] = member_keys(draft)
        rows.append(row)
    members, history = Member.__table__, MemberEvent.__table__
    connection = session.connection()
    ids = database.adapter.allocate_ids(connection, members, len(rows))
    events: list[dict[str, Any]] = []
    for member_id, row in zip(ids, rows, strict=True):
        row["id"] = member_id
        events.append({"member_id": member_id, "kind": MemberEventKind.ADMITTED,
                       "effective_date": row["admission_date"],
                       "decision_date": row["admission_decision_date"]})
        if row["official_date"] is not None:
            events.append({"member_id": member_id, "kind": MemberEventKind.RECOGNISED_FULL,
                           "effective_date": row["official_date"], "decision_date": None})
    for event_id, event in zip(database.adapter.allocate_ids(connection, history, len(events)), events,
                               strict=True):
        event["id"] = event_id
    bulk_insert(connection, members, rows)
    bulk_insert(connection, history, events)
    # One entry per member, its first events in it: they follow from its own dates, and an
    # import of 78,432 members would otherwise write three entries each.
    first_events: dict[int, list[dict[str, Any]]] = {}
    for event in events:
        first_events.setdefault(event["member_id"], []).append(
            {key: value for key, value in event.items() if key != "member_id"})
    record_created(session, members.name, [
        (row["id"], {**row, "events": first_events[row["id"]]}) for row in rows
    ])
    database.adapter.write_search_keys(
        session.connection(), [(row["id"], row["search_key"]) for row in rows], new=True
    )
    return ids


def update_member(
    database: Database,
    member_id: int,
    expected_version: int,
    draft: MemberDraft,
    today: dt.date | None = None,
) -> MemberRecord:
    """Save an edited record, unless someone else saved it since it was opened."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    draft = normalised(draft)
    try:
        with database.transaction() as session:
            require_member_in_scope(session, actor, member_id)
            _require_cell_in_scope(session, actor, draft.cell_id)  # no move out of the scope
            member = load_for_edit(session, Member, member_id, expected_version)
            _validate(session, draft, today, member_id=member_id)
            apply_member_edit(database, session, member, draft, today)
            return _record(session, member_id)
    except StaleDataError as error:
        # Another writer committed between our read and our UPDATE ... WHERE version = :old.
        raise ConcurrentEdit(member_id) from error


def apply_member_edit(
    database: Database, session: Session, member: Member, draft: MemberDraft, today: dt.date
) -> None:
    """Copy a valid, normalised draft onto a member: status, keys, a move between cells
    recorded as an internal transfer, the status events in step (the form and imports)."""
    previous_cell = member.cell_id
    _copy_draft(draft, member)
    if member.status in (MemberStatus.PROBATIONARY, MemberStatus.FULL):
        member.status = MemberStatus.FULL if draft.official_date else MemberStatus.PROBATIONARY
    apply_member_keys(member)
    if previous_cell != member.cell_id:
        session.add(
            MemberEvent(
                member_id=member.id, kind=MemberEventKind.TRANSFER_INTERNAL,
                effective_date=today, from_org_id=previous_cell, to_org_id=member.cell_id,
            )
        )
    _sync_status_events(session, member)
    sync_search_index(database, session, [member])


def normalised(draft: MemberDraft) -> MemberDraft:
    """NFC, trimmed, blank → None for every text field (names keep their case as typed)."""
    changes: dict[str, object] = {}
    for name in TEXT_FIELDS:
        value = nfc(getattr(draft, name))
        changes[name] = value if value else (None if name != "full_name" else "")
    if changes.get("national_id"):
        changes["national_id"] = str(changes["national_id"]).replace(" ", "")
    if changes.get("ethnicity") is None:
        changes["ethnicity"] = draft.ethnicity
    if changes.get("religion") is None:
        changes["religion"] = draft.religion
    return replace(draft, **changes)


def _require_cell_in_scope(session: Session, actor: Actor, cell_id: int | None) -> None:
    """A missing or unknown cell is a validation problem (CELL_REQUIRED, CELL_NOT_A_CELL)."""
    if cell_id is None:
        return
    path = session.scalar(select(PartyOrganization.path).where(PartyOrganization.id == cell_id))
    if path is not None:
        require_path_in_scope(actor, path)


def _validate(session: Session, draft: MemberDraft, today: dt.date, member_id: int | None) -> None:
    problems = member_problems(session, draft, today, member_id)
    if problems:
        raise ValidationFailed(problems)


def member_problems(session: Session, draft: MemberDraft, today: dt.date, member_id: int | None) -> list[Problem]:
    """Every rule a normalised draft breaks: the record's own, its cell, unique numbers."""
    problems = check_member(draft, RuleBook.load(session), today)
    problems += _check_cell(session, draft.cell_id)
    problems += _check_unique(session, draft, member_id)
    return problems


def _check_cell(session: Session, cell_id: int | None) -> list[Problem]:
    if cell_id is None:
        return []  # reported as CELL_REQUIRED by check_member
    found = session.execute(
        select(PartyOrganization.kind, PartyOrganization.status).where(PartyOrganization.id == cell_id)
    ).first()
    return cell_problems(found.kind if found else None, found.status if found else None)


def cell_problems(kind: OrgKind | None, status: OrgStatus | None) -> list[Problem]:
    """A member's organisation must be an active cell (kind None: there is no such one)."""
    if kind is None or kind not in CELL_KINDS:
        return [Problem("cell_id", ProblemCode.CELL_NOT_A_CELL)]
    if status is not OrgStatus.ACTIVE:
        return [Problem("cell_id", ProblemCode.CELL_NOT_ACTIVE)]
    return []


# Fields no two members share, with the problem a second holder gets (imports check them too).
UNIQUE_FIELDS = (
    ("party_card_number", ProblemCode.CARD_DUPLICATE),
    ("national_id", ProblemCode.NATIONAL_ID_DUPLICATE),
    ("database_code", ProblemCode.DATABASE_CODE_DUPLICATE),
)


def _check_unique(session: Session, draft: MemberDraft, member_id: int | None) -> list[Problem]:
    problems: list[Problem] = []
    for name, code in UNIQUE_FIELDS:
        value = getattr(draft, name)
        if not value:
            continue
        column = getattr(Member, name)
        statement = select(Member.full_name).where(column == value)
        if member_id is not None:
            statement = statement.where(Member.id != member_id)
        holder = session.scalar(statement.limit(1))
        if holder is not None:
            problems.append(Problem(name, code, {"holder": holder}))
    return problems


def _copy_draft(draft: MemberDraft, member: Member) -> None:
    for item in fields(MemberDraft):
        setattr(member, item.name, getattr(draft, item.name))


def _sync_status_events(session: Session, member: Member) -> None:
    """Keep the ADMITTED and RECOGNISED_FULL events in step with the record's dates."""
    events = {
        event.kind: event
        for event in session.scalars(
            select(MemberEvent).where(
                MemberEvent.member_id == member.id,
                MemberEvent.kind.in_((MemberEventKind.ADMITTED, MemberEventKind.RECOGNISED_FULL)),
            )
        )
    }
    admitted = events.get(MemberEventKind.ADMITTED)
    if admitted is None:
        admitted = MemberEvent(member_id=member.id, kind=MemberEventKind.ADMITTED)
        session.add(admitted)
    admitted.effective_date = member.admission_date
    admitted.decision_date = member.admission_decision_date
    recognised = events.get(MemberEventKind.RECOGNISED_FULL)
    if member.official_date is None:
        if recognised is not None:
            session.delete(recognised)
    else:
        if recognised is None:
            recognised = MemberEvent(member_id=member.id, kind=MemberEventKind.RECOGNISED_FULL)
            session.add(recognised)
        recognised.effective_date = member.official_date


def _record(session: Session, member_id: int) -> MemberRecord:
    member = session.get(Member, member_id)
    if member is None:
        raise RecordNotFound(member_id)
    draft = MemberDraft(**{item.name: getattr(member, item.name) for item in fields(MemberDraft)})
    cell_name = session.scalar(
        select(PartyOrganization.name).where(PartyOrganization.id == member.cell_id)
    )
    source, target = aliased(PartyOrganization), aliased(PartyOrganization)
    events = session.execute(
        select(MemberEvent.kind, MemberEvent.effective_date, MemberEvent.decision_number, MemberEvent.note,
               source.name, target.name, MemberEvent.counterpart)
        .outerjoin(source, source.id == MemberEvent.from_org_id)
        .outerjoin(target, target.id == MemberEvent.to_org_id)
        .where(MemberEvent.member_id == member_id)
        .order_by(MemberEvent.effective_date, MemberEvent.id)
    )
    seats = session.execute(
        select(PartyOrganization.name, CommitteeMembership.role, CommitteeMembership.start_date)
        .join(PartyOrganization, PartyOrganization.id == CommitteeMembership.organization_id)
        .where(CommitteeMembership.member_id == member_id, CommitteeMembership.end_date.is_(None))
        .order_by(CommitteeMembership.start_date)
    )
    return MemberRecord(
        id=member.id, version=member.version, status=member.status, draft=draft,
        cell_name=cell_name or "", events=tuple(_event_row(*row) for row in events),
        seats=tuple(SeatRow(*row) for row in seats),
    )

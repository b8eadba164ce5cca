"""Study sessions of library documents (học tập, quán triệt nghị quyết; domain spec §9), one
transaction each.

- `expected_members`: who a session at an organisation lists: the active members of its
  subtree (official and probationary), except those exempted from activities.
- `save_study_session`: a new session (or a draft's replacement) with its attendance.
- `makeup_candidates`: the members absent from a session who have not studied since: the
  list of its make-up session.
- `delete_study_session`, `study_session_details`, `study_sessions`.

Permission: VIEW_REGISTER to read, EDIT_REGISTER to write; the organisation in scope.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, and_, case, exists, func, select
from sqlalchemy.orm import Session, aliased

from desktop.db.database import Database
from desktop.models.enums import MemberStatus
from desktop.models.library import LibraryDocument, StudyAttendance, StudyForm, StudySession
from desktop.models.library_rules import (
    AttendanceMark,
    StudyContext,
    StudySessionDraft,
    check_study_session,
)
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Permission
from desktop.models.text import nfc, nfc_paragraphs
from desktop.services import clock
from desktop.services.access import require, require_organization_in_scope, scope_condition
from desktop.services.editing import load_for_edit, refused_if_changed
from desktop.services.errors import RecordNotFound, ValidationFailed

ACTIVE_STATUSES = (MemberStatus.FULL, MemberStatus.PROBATIONARY)


def in_subtree(path: str) -> ColumnElement[bool]:
    return and_(PartyOrganization.path >= path, PartyOrganization.path < subtree_upper_bound(path))


def expected_member_condition() -> ColumnElement[bool]:
    """Members a study counts: official and probationary, not exempted (§9: the handbook's users)."""
    return and_(Member.status.in_(ACTIVE_STATUSES), Member.exempted_from_activities.is_(False))


@dataclass(frozen=True)
class ExpectedMember:
    member_id: int
    full_name: str
    cell_name: str


def expected_members(database: Database, organization_id: int) -> list[ExpectedMember]:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        return [ExpectedMember(*row) for row in session.execute(
            select(Member.id, Member.full_name, PartyOrganization.name)
            .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
            .where(in_subtree(path), expected_member_condition())
            .order_by(PartyOrganization.path, Member.name_sort_key))]


def _expected_ids(session: Session, path: str) -> frozenset[int]:
    return frozenset(session.scalars(
        select(Member.id).join(PartyOrganization, PartyOrganization.id == Member.cell_id)
        .where(in_subtree(path), expected_member_condition())))


def normalised_session(draft: StudySessionDraft) -> StudySessionDraft:
    return replace(draft, presenter=nfc(draft.presenter) or "", notes=nfc_paragraphs(draft.notes) or None,
                   attendance=tuple(replace(mark, absence_reason=None if mark.present else nfc(mark.absence_reason) or None)
                                    for mark in draft.attendance))


def save_study_session(database: Database, draft: StudySessionDraft, session_id: int | None = None,
                       expected_version: int | None = None) -> int:
    """Create the session (session_id None) or replace a session's contents with `draft`."""
    actor = require(database, Permission.EDIT_REGISTER)
    draft = normalised_session(draft)
    with refused_if_changed(session_id or 0), database.transaction() as session:
        path = require_organization_in_scope(session, actor, draft.organization_id)
        issued = session.scalar(select(LibraryDocument.issue_date).where(LibraryDocument.id == draft.document_id))
        if issued is None:
            raise RecordNotFound(draft.document_id)
        original_date = original_document = None
        if draft.makeup_of_id is not None:
            original = session.get(StudySession, draft.makeup_of_id)
            if original is None:
                raise RecordNotFound(draft.makeup_of_id)
            original_date, original_document = original.session_date, original.document_id
        context = StudyContext(clock.today(), issued, _expected_ids(session, path), original_date, original_document)
        if session_id is not None:
            assert expected_version is not None
            row = load_for_edit(session, StudySession, session_id, expected_version)
            require_organization_in_scope(session, actor, row.organization_id)
            # Members listed before stay listable even if they left the organisation since.
            context = replace(context, expected_member_ids=context.expected_member_ids | _listed_ids(session, session_id))
        problems = check_study_session(draft, context)
        if problems:
            raise ValidationFailed(problems)
        if session_id is None:
            row = StudySession()
            session.add(row)
        assert draft.session_date is not None
        row.document_id = draft.document_id
        row.organization_id = draft.organization_id
        row.session_date = draft.session_date
        row.form = draft.form
        row.presenter = draft.presenter
        row.makeup_of_id = draft.makeup_of_id
        row.notes = draft.notes
        session.flush()
        _write_attendance(session, row.id, draft)
        return row.id


def _listed_ids(session: Session, session_id: int) -> frozenset[int]:
    return frozenset(session.scalars(select(StudyAttendance.member_id).where(StudyAttendance.session_id == session_id)))


def _write_attendance(session: Session, session_id: int, draft: StudySessionDraft) -> None:
    """Rows updated in place, added or removed, so that the audit trail shows what changed."""
    existing = {row.member_id: row for row in session.scalars(
        select(StudyAttendance).where(StudyAttendance.session_id == session_id))}
    for mark in draft.attendance:
        row = existing.pop(mark.member_id, None)
        if row is None:
            session.add(StudyAttendance(session_id=session_id, document_id=draft.document_id, member_id=mark.member_id,
                                        present=mark.present, absence_reason=mark.absence_reason))
        else:
            row.document_id = draft.document_id
            row.present = mark.present
            row.absence_reason = mark.absence_reason
    for row in existing.values():
        session.delete(row)


def delete_study_session(database: Database, session_id: int) -> None:
    actor = require(database, Permission.EDIT_REGISTER)
    with database.transaction() as session:
        row = session.get(StudySession, session_id)
        if row is None:
            raise RecordNotFound(session_id)
        require_organization_in_scope(session, actor, row.organization_id)
        for attendance in session.scalars(select(StudyAttendance).where(StudyAttendance.session_id == session_id)):
            session.delete(attendance)
        session.delete(row)


# -- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StudySessionRow:
    id: int
    document_id: int
    document_number: str
    organization_id: int
    organization_name: str
    session_date: dt.date
    form: StudyForm
    presenter: str
    makeup_of_id: int | None
    listed: int
    present: int


@dataclass(frozen=True)
class StudySessionDetails:
    id: int
    version: int
    draft: StudySessionDraft
    names: dict[int, str]  # member id → full name, for every listed member


def study_sessions(database: Database, document_id: int | None = None, organization_id: int | None = None,
                   limit: int = 500) -> list[StudySessionRow]:
    """Sessions in the actor's scope, newest first (of one document and/or organisation subtree)."""
    actor = require(database, Permission.VIEW_REGISTER)
    present = func.sum(case((StudyAttendance.present.is_(True), 1), else_=0))
    with database.reading() as session:
        conditions: list[ColumnElement[bool]] = [scope_condition(actor)]
        if document_id is not None:
            conditions.append(StudySession.document_id == document_id)
        if organization_id is not None:
            conditions.append(in_subtree(require_organization_in_scope(session, actor, organization_id)))
        rows = session.execute(
            select(StudySession.id, StudySession.document_id, LibraryDocument.number, StudySession.organization_id,
                   PartyOrganization.name, StudySession.session_date, StudySession.form, StudySession.presenter,
                   StudySession.makeup_of_id, func.count(StudyAttendance.id), func.coalesce(present, 0))
            .join(LibraryDocument, LibraryDocument.id == StudySession.document_id)
            .join(PartyOrganization, PartyOrganization.id == StudySession.organization_id)
            .outerjoin(StudyAttendance, StudyAttendance.session_id == StudySession.id)
            .where(*conditions)
            .group_by(StudySession.id, LibraryDocument.number, PartyOrganization.name)
            .order_by(StudySession.session_date.desc(), StudySession.id.desc()).limit(limit))
        return [StudySessionRow(*row) for row in rows]


def study_session_details(database: Database, session_id: int) -> StudySessionDetails:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        row = session.get(StudySession, session_id)
        if row is None:
            raise RecordNotFound(session_id)
        require_organization_in_scope(session, actor, row.organization_id)
        marks = session.execute(
            select(StudyAttendance.member_id, StudyAttendance.present, StudyAttendance.absence_reason, Member.full_name)
            .join(Member, Member.id == StudyAttendance.member_id)
            .where(StudyAttendance.session_id == session_id).order_by(Member.name_sort_key)).all()
        draft = StudySessionDraft(
            document_id=row.document_id, organization_id=row.organization_id, session_date=row.session_date,
            form=row.form, presenter=row.presenter, makeup_of_id=row.makeup_of_id, notes=row.notes,
            attendance=tuple(AttendanceMark(member_id, present, reason) for member_id, present, reason, _ in marks))
        return StudySessionDetails(row.id, row.version, draft, {member_id: name for member_id, _, _, name in marks})


def makeup_candidates(database: Database, session_id: int) -> list[ExpectedMember]:
    """Members absent from the session who have not been present at any session of its
    document since: who the make-up session is for."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        row = session.get(StudySession, session_id)
        if row is None:
            raise RecordNotFound(session_id)
        require_organization_in_scope(session, actor, row.organization_id)
        studied = aliased(StudyAttendance)
        return [ExpectedMember(*item) for item in session.execute(
            select(Member.id, Member.full_name, PartyOrganization.name)
            .join(StudyAttendance, StudyAttendance.member_id == Member.id)
            .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
            .where(StudyAttendance.session_id == session_id, StudyAttendance.present.is_(False),
                   expected_member_condition(),
                   ~exists().where(studied.member_id == Member.id, studied.document_id == row.document_id,
                                   studied.present.is_(True)))
            .order_by(PartyOrganization.path, Member.name_sort_key))]


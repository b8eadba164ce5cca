"""Reading meetings: the list of an organisation subtree (paged SQL), one meeting as the form
and the minutes need it, the expected attendance for a new meeting, attachments.

Public API:
    MeetingListQuery, MeetingRow
    count_meetings(database, query) -> int
    fetch_meeting_rows(database, query, offset, limit) -> list[MeetingRow]
    meeting_roster(database, organization_id, kind, on) -> list[RosterEntry]
    meeting_quorum(database, kind, on) -> Share
    load_meeting(database, meeting_id) -> MeetingRecord
    attachment_content(database, attachment_id) -> tuple[str, str, bytes]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.document_header import default_issuer_code, document_number
from desktop.models.enums import OrgKind
from desktop.models.meeting_rules import (
    AgendaLine,
    AttendanceLine,
    GuestLine,
    MeetingDraft,
    ResolutionLine,
    ResolutionTaskLine,
    RosterEntry,
    Share,
    VoteLine,
    quorum_share,
)
from desktop.models.meetings import (
    Meeting,
    MeetingAgendaItem,
    MeetingAttachment,
    MeetingAttendance,
    MeetingGuest,
    MeetingKind,
    MeetingReopening,
    MeetingResolution,
    MeetingResolutionTask,
    MeetingState,
    MeetingVote,
)
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Actor, Permission
from desktop.models.rules import RuleBook
from desktop.services.access import require, require_organization_in_scope, scope_condition
from desktop.services.errors import RecordNotFound
from desktop.services.meeting_roster import roster_on

RESOLUTION_KIND_CODE = "NQ"


@dataclass(frozen=True)
class MeetingListQuery:
    organization_id: int | None = None  # meetings of its subtree; None: the actor's scope
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    kind: MeetingKind | None = None
    state: MeetingState | None = None


@dataclass(frozen=True)
class MeetingRow:
    id: int
    version: int
    organization_id: int
    organization_name: str
    kind: MeetingKind
    state: MeetingState
    meeting_date: dt.date
    includes_thematic: bool
    topic: str | None
    present_count: int | None
    expected_count: int | None


def _filtered(session: Session, actor: Actor, query: MeetingListQuery,
              columns: Select) -> Select:  # type: ignore[type-arg]
    statement = columns.join(PartyOrganization, PartyOrganization.id == Meeting.organization_id).where(
        scope_condition(actor))
    if query.organization_id is not None:
        path = require_organization_in_scope(session, actor, query.organization_id)
        statement = statement.where(PartyOrganization.path >= path, PartyOrganization.path < subtree_upper_bound(path))
    if query.date_from is not None:
        statement = statement.where(Meeting.meeting_date >= query.date_from)
    if query.date_to is not None:
        statement = statement.where(Meeting.meeting_date <= query.date_to)
    if query.kind is not None:
        statement = statement.where(Meeting.kind == query.kind)
    if query.state is not None:
        statement = statement.where(Meeting.state == query.state)
    return statement


def count_meetings(database: Database, query: MeetingListQuery) -> int:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        return int(session.scalar(_filtered(session, actor, query, select(func.count(Meeting.id)))) or 0)


def fetch_meeting_rows(database: Database, query: MeetingListQuery, offset: int, limit: int) -> list[MeetingRow]:
    """Newest first; ties in the order they were recorded."""
    actor = require(database, Permission.VIEW_REGISTER)
    columns = select(
        Meeting.id, Meeting.version, Meeting.organization_id, PartyOrganization.name, Meeting.kind, Meeting.state,
        Meeting.meeting_date, Meeting.includes_thematic, Meeting.topic, Meeting.present_count,
        Meeting.expected_count,
    )
    with database.reading() as session:
        statement = _filtered(session, actor, query, columns).order_by(
            Meeting.meeting_date.desc(), Meeting.id.desc()).offset(offset).limit(limit)
        return [MeetingRow(*row) for row in session.execute(statement)]


def meeting_roster(database: Database, organization_id: int, kind: MeetingKind, on: dt.date) -> list[RosterEntry]:
    """Who the form lists for a meeting of `organization_id` on `on`."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        require_organization_in_scope(session, actor, organization_id)
        return roster_on(session, organization_id, kind, on)


def meeting_quorum(database: Database, kind: MeetingKind, on: dt.date) -> Share:
    """The share of official members who must attend a meeting of `kind` on `on` (the form
    shows it while the roll is called)."""
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        return quorum_share(kind, on, RuleBook.load(session))


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    file_name: str
    media_type: str
    size_bytes: int
    added_at: dt.datetime
    added_by: str


@dataclass(frozen=True)
class ReopeningRow:
    reopened_at: dt.datetime
    reopened_by: str
    reason: str


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    version: int
    state: MeetingState
    draft: MeetingDraft
    organization_name: str
    organization_kind: OrgKind
    names: dict[int, str]  # member id → full name, for everyone the draft mentions
    official: dict[int, bool]  # as recorded in the attendance
    resolution_number: str | None  # "Số 07-NQ/CB" once finalised
    finalised_at: dt.datetime | None
    finalised_by: str | None
    attachments: tuple[AttachmentRow, ...]
    reopenings: tuple[ReopeningRow, ...]


def draft_of(session: Session, meeting: Meeting) -> MeetingDraft:
    """The meeting as the rules and the form see it."""
    def rows(model):  # type: ignore[no-untyped-def]
        return session.scalars(select(model).where(model.meeting_id == meeting.id).order_by(model.position))

    attendance = session.scalars(select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id)
                                 .order_by(MeetingAttendance.id))
    resolution = session.scalar(select(MeetingResolution).where(MeetingResolution.meeting_id == meeting.id))
    return MeetingDraft(
        organization_id=meeting.organization_id, kind=meeting.kind, meeting_date=meeting.meeting_date,
        start_time=meeting.start_time, end_time=meeting.end_time, place=meeting.place, topic=meeting.topic,
        includes_thematic=meeting.includes_thematic, chair_member_id=meeting.chair_member_id,
        secretary_member_id=meeting.secretary_member_id, invitation_sent_on=meeting.invitation_sent_on,
        documents_published_on=meeting.documents_published_on, minutes_approved_for=meeting.minutes_approved_for,
        notes=meeting.notes,
        attendance=tuple(AttendanceLine(a.member_id, a.status, a.reason) for a in attendance),
        guests=tuple(GuestLine(g.full_name, g.post, g.kind) for g in rows(MeetingGuest)),
        agenda=tuple(AgendaLine(a.title, a.discussion, a.conclusion) for a in rows(MeetingAgendaItem)),
        votes=tuple(VoteLine(v.subject, v.votes_for, v.votes_against, v.votes_abstain, v.method, v.threshold,
                             v.adopts_resolution) for v in rows(MeetingVote)),
        resolution=ResolutionLine(resolution.subject, resolution.body, tuple(
            ResolutionTaskLine(t.description, t.owner_member_id, t.due_date) for t in session.scalars(
                select(MeetingResolutionTask).where(MeetingResolutionTask.resolution_id == resolution.id)
                .order_by(MeetingResolutionTask.position)))) if resolution is not None else None,
    )


def load_meeting(database: Database, meeting_id: int) -> MeetingRecord:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise RecordNotFound(meeting_id)
        require_organization_in_scope(session, actor, meeting.organization_id)
        draft = draft_of(session, meeting)
        org = session.get(PartyOrganization, meeting.organization_id)
        assert org is not None
        named = session.execute(
            select(Member.id, Member.full_name, MeetingAttendance.official)
            .join(MeetingAttendance, and_(MeetingAttendance.member_id == Member.id,
                                          MeetingAttendance.meeting_id == meeting.id))
        ).all()
        names = {row[0]: row[1] for row in named}
        for member_id in (meeting.chair_member_id, meeting.secretary_member_id):
            if member_id is not None and member_id not in names:
                names[member_id] = session.scalar(select(Member.full_name).where(Member.id == member_id)) or ""
        resolution = session.scalar(select(MeetingResolution).where(MeetingResolution.meeting_id == meeting.id))
        number = None
        if resolution is not None and resolution.sequence is not None:
            number = document_number(resolution.sequence, RESOLUTION_KIND_CODE,
                                     org.issuer_code or default_issuer_code(org.kind))
        attachments = tuple(AttachmentRow(*row) for row in session.execute(
            select(MeetingAttachment.id, MeetingAttachment.file_name, MeetingAttachment.media_type,
                   MeetingAttachment.size_bytes, MeetingAttachment.added_at, MeetingAttachment.added_by)
            .where(MeetingAttachment.meeting_id == meeting.id).order_by(MeetingAttachment.id)))
        reopenings = tuple(ReopeningRow(*row) for row in session.execute(
            select(MeetingReopening.reopened_at, MeetingReopening.reopened_by, MeetingReopening.reason)
            .where(MeetingReopening.meeting_id == meeting.id).order_by(MeetingReopening.id)))
        return MeetingRecord(
            id=meeting.id, version=meeting.version, state=meeting.state, draft=draft, organization_name=org.name,
            organization_kind=org.kind,
            names=names, official={row[0]: bool(row[2]) for row in named}, resolution_number=number,
            finalised_at=meeting.finalised_at, finalised_by=meeting.finalised_by,
            attachments=attachments, reopenings=reopenings,
        )


def attachment_content(database: Database, attachment_id: int) -> tuple[str, str, bytes]:
    """(file name, media type, bytes) of one attachment."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        attachment = session.get(MeetingAttachment, attachment_id)
        if attachment is None:
            raise RecordNotFound(attachment_id)
        organization_id = session.scalar(select(Meeting.organization_id).where(Meeting.id == attachment.meeting_id))
        assert organization_id is not None
        require_organization_in_scope(session, actor, organization_id)
        return attachment.file_name, attachment.media_type, attachment.content

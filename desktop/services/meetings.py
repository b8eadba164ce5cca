"""Meeting records: the use cases that write, one transaction each (domain spec §4).

- `save_meeting`: a new meeting or changes to a draft, with its attendance, guests, agenda,
  votes and resolution, checked by desktop.models.meeting_rules.check_meeting.
- `finalise_meeting`: the minutes are approved and signed: the stricter checks, the
  resolution's number, the attendance figures of the compliance view; read-only after.
- `reopen_meeting`: back to draft, with who, when and why (meeting_reopening).
- `delete_meeting`: a draft only.
- `add_attachment`, `remove_attachment`: files kept with the meeting, within the size limit.

Permission: EDIT_REGISTER, the meeting's organisation in the actor's scope. Every save
returns the warnings that do not block (duration, documents published late).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from desktop.db.database import Database
from desktop.models.meeting_rules import (
    AgendaLine,
    AttendanceLine,
    GuestLine,
    MeetingContext,
    MeetingDraft,
    ResolutionLine,
    VoteLine,
    attendance_totals,
    check_finalise,
    check_meeting,
    meeting_warnings,
    month_key,
    quarter_key,
)
from desktop.models.meetings import (
    FILE_NAME_LENGTH,
    Meeting,
    MeetingAgendaItem,
    MeetingAttachment,
    MeetingAttendance,
    MeetingGuest,
    MeetingReopening,
    MeetingResolution,
    MeetingResolutionTask,
    MeetingState,
    MeetingVote,
)
from desktop.models.permissions import Actor, Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode
from desktop.models.text import nfc, nfc_paragraphs
from desktop.services import clock
from desktop.services.access import require, require_organization_in_scope
from desktop.services.editing import load_for_edit, refused_if_changed
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.meeting_roster import organization_kind, roster_on


@dataclass(frozen=True)
class SavedMeeting:
    meeting_id: int
    version: int
    warnings: tuple[Problem, ...]



def normalised_meeting(draft: MeetingDraft) -> MeetingDraft:
    """Every text as stored: NFC, single-line fields trimmed, paragraphs kept in long texts."""
    return replace(
        draft,
        place=nfc(draft.place) or None, topic=nfc(draft.topic) or None, notes=nfc_paragraphs(draft.notes) or None,
        attendance=tuple(replace(line, reason=nfc(line.reason) or None) for line in draft.attendance),
        guests=tuple(GuestLine(nfc(g.full_name) or "", nfc(g.post) or None, g.kind) for g in draft.guests),
        agenda=tuple(AgendaLine(nfc(a.title) or "", nfc_paragraphs(a.discussion) or None,
                                nfc_paragraphs(a.conclusion) or None) for a in draft.agenda),
        votes=tuple(replace(v, subject=nfc(v.subject) or "") for v in draft.votes),
        resolution=(ResolutionLine(nfc(draft.resolution.subject) or "", nfc_paragraphs(draft.resolution.body) or None,
                                   tuple(replace(task, description=nfc(task.description) or "")
                                         for task in draft.resolution.tasks))
                    if draft.resolution is not None else None),
    )


def _context(session: Session, draft: MeetingDraft) -> MeetingContext:
    roster = roster_on(session, draft.organization_id, draft.kind, draft.meeting_date)
    return MeetingContext(organization_kind(session, draft.organization_id),
                          {entry.member_id: entry for entry in roster})


def _editable(session: Session, actor: Actor, meeting_id: int, expected_version: int) -> Meeting:
    meeting = load_for_edit(session, Meeting, meeting_id, expected_version)
    require_organization_in_scope(session, actor, meeting.organization_id)
    if meeting.state is MeetingState.FINALISED:
        raise ValidationFailed([Problem("", ProblemCode.MEETING_FINALISED)])
    return meeting


def save_meeting(database: Database, draft: MeetingDraft, meeting_id: int | None = None,
                 expected_version: int | None = None) -> SavedMeeting:
    """Create the meeting (meeting_id None) or replace a draft's contents with `draft`."""
    actor = require(database, Permission.EDIT_REGISTER)
    draft = normalised_meeting(draft)
    with refused_if_changed(meeting_id or 0), database.transaction() as session:
        require_organization_in_scope(session, actor, draft.organization_id)
        if meeting_id is None:
            meeting = Meeting(organization_id=draft.organization_id, state=MeetingState.DRAFT)
        else:
            assert expected_version is not None
            meeting = _editable(session, actor, meeting_id, expected_version)
            if meeting.organization_id != draft.organization_id:
                raise ValueError("a meeting stays with its organisation")
        context = _context(session, draft)
        problems = check_meeting(draft, context)
        if problems:
            raise ValidationFailed(problems)
        if meeting_id is None:
            session.add(meeting)  # after the checks: their queries must not flush a half-filled row
        _write(session, meeting, draft, {k: v.official for k, v in context.roster.items()})
        session.flush()
        warnings = tuple(meeting_warnings(draft, RuleBook.load(session)))
        return SavedMeeting(meeting.id, meeting.version, warnings)


_HEADER_FIELDS = ("kind", "meeting_date", "start_time", "end_time", "place", "topic", "includes_thematic",
                  "chair_member_id", "secretary_member_id", "invitation_sent_on", "documents_published_on",
                  "minutes_approved_for", "notes")


def _write(session: Session, meeting: Meeting, draft: MeetingDraft, official_of: dict[int, bool]) -> None:
    for name in _HEADER_FIELDS:
        if getattr(meeting, name, None) != getattr(draft, name):
            setattr(meeting, name, getattr(draft, name))
    meeting.month_key = month_key(draft.meeting_date)
    meeting.quarter_key = quarter_key(draft.meeting_date)
    if meeting.id is not None:
        # A change to the attendance or the agenda only is a new version of the meeting too:
        # whoever saves from an older copy is refused.
        flag_modified(meeting, "month_key")
    session.flush()  # the id of a new meeting
    _sync_attendance(session, meeting.id, draft.attendance, official_of)
    _sync_rows(session, MeetingGuest, meeting.id, [
        {"kind": g.kind, "full_name": g.full_name, "post": g.post} for g in draft.guests])
    _sync_rows(session, MeetingAgendaItem, meeting.id, [
        {"title": a.title, "discussion": a.discussion, "conclusion": a.conclusion} for a in draft.agenda])
    _sync_rows(session, MeetingVote, meeting.id, [_vote_values(v) for v in draft.votes])
    _sync_resolution(session, meeting, draft.resolution)


def _vote_values(vote: VoteLine) -> dict[str, object]:
    return {"subject": vote.subject, "method": vote.method, "threshold": vote.threshold,
            "votes_for": vote.votes_for, "votes_against": vote.votes_against,
            "votes_abstain": vote.votes_abstain, "adopts_resolution": vote.adopts_resolution}


def _sync_attendance(session: Session, meeting_id: int, lines: tuple[AttendanceLine, ...],
                     official_of: dict[int, bool]) -> None:
    """Update rows in place (the audit trail then shows what changed, not a new list)."""
    existing = {row.member_id: row for row in session.scalars(
        select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting_id))}
    for line in lines:
        row = existing.pop(line.member_id, None)
        if row is None:
            session.add(MeetingAttendance(meeting_id=meeting_id, member_id=line.member_id, status=line.status,
                                          reason=line.reason, official=official_of[line.member_id]))
            continue
        if (row.status, row.reason, row.official) != (line.status, line.reason, official_of[line.member_id]):
            row.status, row.reason, row.official = line.status, line.reason, official_of[line.member_id]
    for row in existing.values():
        session.delete(row)


def _sync_rows(session: Session, model: type, parent_id: int, values: list[dict[str, object]],
               parent: str = "meeting_id") -> None:
    """Rows in their order: the n-th row is updated with the n-th values, extra rows go."""
    parent_column = getattr(model, parent)
    rows = list(session.scalars(select(model).where(parent_column == parent_id).order_by(model.position)))
    for position, row_values in enumerate(values, start=1):
        if position <= len(rows):
            row = rows[position - 1]
            for name, value in row_values.items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
            if row.position != position:
                row.position = position
        else:
            session.add(model(**{parent: parent_id}, position=position, **row_values))
    for row in rows[len(values):]:
        session.delete(row)


def _sync_resolution(session: Session, meeting: Meeting, line: ResolutionLine | None) -> None:
    row = session.scalar(select(MeetingResolution).where(MeetingResolution.meeting_id == meeting.id))
    if line is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = MeetingResolution(meeting_id=meeting.id, organization_id=meeting.organization_id,
                                year=meeting.meeting_date.year, subject=line.subject, body=line.body)
        session.add(row)
        session.flush()  # its id, for the tasks
    else:
        row.subject, row.body = line.subject, line.body
        if row.sequence is None:
            row.year = meeting.meeting_date.year
    # The n-th task row takes the n-th task; a completion already recorded stays with its row.
    _sync_rows(session, MeetingResolutionTask, row.id, [
        {"description": t.description, "owner_member_id": t.owner_member_id, "due_date": t.due_date}
        for t in line.tasks], parent="resolution_id")


def finalise_meeting(database: Database, meeting_id: int, expected_version: int,
                     today: dt.date | None = None) -> SavedMeeting:
    """The minutes are approved: read-only from now on; the resolution gets its number."""
    from desktop.services.meeting_records import draft_of

    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with refused_if_changed(meeting_id), database.transaction() as session:
        meeting = _editable(session, actor, meeting_id, expected_version)
        draft = draft_of(session, meeting)
        context = _context(session, draft)
        rules = RuleBook.load(session)
        problems = check_finalise(draft, context, today, rules)
        if problems:
            raise ValidationFailed(problems)
        totals = attendance_totals(draft.attendance, {k: v.official for k, v in context.roster.items()})
        meeting.state = MeetingState.FINALISED
        meeting.finalised_at = clock.now()
        meeting.finalised_by = actor.username
        meeting.expected_count = totals.expected
        meeting.present_count = totals.present
        resolution = session.scalar(select(MeetingResolution).where(MeetingResolution.meeting_id == meeting.id))
        if resolution is not None and resolution.sequence is None:
            resolution.year = meeting.meeting_date.year
            resolution.sequence = 1 + (session.scalar(
                select(func.max(MeetingResolution.sequence)).where(
                    MeetingResolution.organization_id == meeting.organization_id,
                    MeetingResolution.year == resolution.year)) or 0)
        session.flush()
        return SavedMeeting(meeting.id, meeting.version, tuple(meeting_warnings(draft, rules)))


def reopen_meeting(database: Database, meeting_id: int, expected_version: int, reason: str) -> int:
    """A finalised meeting back to draft; the reason is required and kept. Returns the version."""
    actor = require(database, Permission.EDIT_REGISTER)
    reason = nfc_paragraphs(reason) or ""
    with refused_if_changed(meeting_id), database.transaction() as session:
        meeting = load_for_edit(session, Meeting, meeting_id, expected_version)
        require_organization_in_scope(session, actor, meeting.organization_id)
        if meeting.state is not MeetingState.FINALISED:
            raise ValidationFailed([Problem("", ProblemCode.MEETING_NOT_FINALISED)])
        if not reason:
            raise ValidationFailed([Problem("reason", ProblemCode.REQUIRED)])
        session.add(MeetingReopening(meeting_id=meeting.id, reopened_at=clock.now(),
                                     reopened_by=actor.username, reason=reason))
        meeting.state = MeetingState.DRAFT
        meeting.finalised_at = None
        meeting.finalised_by = None
        meeting.expected_count = None
        meeting.present_count = None
        session.flush()
        return meeting.version


def delete_meeting(database: Database, meeting_id: int, expected_version: int) -> None:
    actor = require(database, Permission.EDIT_REGISTER)
    with refused_if_changed(meeting_id), database.transaction() as session:
        meeting = _editable(session, actor, meeting_id, expected_version)
        session.delete(meeting)


def _draft_meeting(session: Session, actor: Actor, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise RecordNotFound(meeting_id)
    require_organization_in_scope(session, actor, meeting.organization_id)
    if meeting.state is MeetingState.FINALISED:
        raise ValidationFailed([Problem("", ProblemCode.MEETING_FINALISED)])
    return meeting


def add_attachment(database: Database, meeting_id: int, file_name: str, media_type: str, content: bytes) -> int:
    actor = require(database, Permission.EDIT_REGISTER)
    file_name = (nfc(file_name) or "")[-FILE_NAME_LENGTH:]
    with database.transaction() as session:
        meeting = _draft_meeting(session, actor, meeting_id)
        limit_kb = int(RuleBook.load(session).value(RuleCode.MEETING_ATTACHMENT_MAX_KB, meeting.meeting_date))
        if not content:
            raise ValidationFailed([Problem("file", ProblemCode.MEETING_ATTACHMENT_EMPTY)])
        if len(content) > limit_kb * 1024:
            raise ValidationFailed([Problem("file", ProblemCode.MEETING_ATTACHMENT_TOO_LARGE,
                                            {"max_kb": limit_kb, "size_kb": -(-len(content) // 1024)})])
        attachment = MeetingAttachment(meeting_id=meeting.id, file_name=file_name, media_type=media_type[:100],
                                       size_bytes=len(content), content=content, added_at=clock.now(),
                                       added_by=actor.username)
        session.add(attachment)
        session.flush()
        return attachment.id


def remove_attachment(database: Database, attachment_id: int) -> None:
    actor = require(database, Permission.EDIT_REGISTER)
    with database.transaction() as session:
        attachment = session.get(MeetingAttachment, attachment_id)
        if attachment is None:
            raise RecordNotFound(attachment_id)
        _draft_meeting(session, actor, attachment.meeting_id)
        session.delete(attachment)

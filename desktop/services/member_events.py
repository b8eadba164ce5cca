"""Recording a member's history events: recognition, exits, exemptions, transfers, badges.

Every status change of a member goes through `apply_member_event` (the rules of
desktop.models.member_lifecycle, then the event row and the member's status, flags, cell and
dates in step) inside the caller's transaction; `record_member_event` is the use case of one
event typed in a form. The audit trail records the event and the member's changes.

Public API:
    record_member_event(database, member_id, draft, expected_version=None, today=None) -> int
    apply_member_event(session, member, draft, today, rules=None) -> MemberEvent
    member_timeline(database, member_id) -> list[TimelineEntry]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from desktop.db.database import Database
from desktop.models.enums import MemberEventKind, MemberStatus
from desktop.models.member import Member, MemberEvent
from desktop.models.member_lifecycle import (
    EventDraft,
    MemberState,
    changes_status,
    check_event,
    status_after,
)
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import require, require_member_in_scope, require_organization_in_scope
from desktop.services.editing import load_for_edit
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.members import cell_problems

_STATUS_KINDS = tuple(kind for kind in MemberEventKind if changes_status(kind)) + (MemberEventKind.ADMITTED,)
_TEXT_LIMITS = {"decision_number": 60, "issuing_body": 200, "counterpart": 300, "resolution_number": 60}


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a member's history, oldest first."""

    id: int
    kind: MemberEventKind
    effective_date: dt.date
    decision_number: str | None
    decision_date: dt.date | None
    issuing_body: str | None
    from_org_name: str | None
    to_org_name: str | None
    counterpart: str | None
    note: str | None
    resolution_number: str | None
    resolution_date: dt.date | None


def normalised_event(draft: EventDraft) -> EventDraft:
    """NFC and trimmed text; blank → None."""
    return replace(
        draft,
        decision_number=nfc(draft.decision_number) or None,
        issuing_body=nfc(draft.issuing_body) or None,
        counterpart=nfc(draft.counterpart) or None,
        note=nfc(draft.note) or None,
        resolution_number=nfc(draft.resolution_number) or None,
    )


def member_state(session: Session, member: Member) -> MemberState:
    last = session.scalar(
        select(func.max(MemberEvent.effective_date))
        .where(MemberEvent.member_id == member.id, MemberEvent.kind.in_(_STATUS_KINDS))
    )
    return MemberState(
        status=member.status, admission_date=member.admission_date,
        exempted=member.exempted_from_activities, cell_id=member.cell_id, last_status_change=last,
    )


def _length_problems(draft: EventDraft) -> list[Problem]:
    return [Problem(name, ProblemCode.TEXT_TOO_LONG, {"max": limit})
            for name, limit in _TEXT_LIMITS.items()
            if (value := getattr(draft, name)) and len(value) > limit]


def apply_member_event(
    session: Session, member: Member, draft: EventDraft, today: dt.date, rules: RuleBook | None = None
) -> MemberEvent:
    """Check the event against the member's state, then write it and bring the member in step.
    Raises ValidationFailed (nothing written) when a rule is broken. The caller checks scope."""
    draft = normalised_event(draft)
    rules = rules or RuleBook.load(session)
    state = member_state(session, member)
    problems = check_event(state, draft, rules, today) + _length_problems(draft)
    if draft.kind is MemberEventKind.TRANSFER_INTERNAL and draft.to_org_id is not None:
        problems += _destination_cell_problems(session, draft.to_org_id)
    if problems:
        raise ValidationFailed(problems)
    assert draft.effective_date is not None  # checked above
    event = MemberEvent(
        member_id=member.id, kind=draft.kind, effective_date=draft.effective_date,
        decision_number=draft.decision_number, decision_date=draft.decision_date,
        issuing_body=draft.issuing_body, counterpart=draft.counterpart, note=draft.note,
        resolution_number=draft.resolution_number, resolution_date=draft.resolution_date,
        from_org_id=draft.from_org_id if draft.from_org_id is not None else _from_org(draft, member),
        to_org_id=draft.to_org_id,
    )
    session.add(event)
    _bring_member_in_step(member, draft, state)
    session.flush()
    return event


def _from_org(draft: EventDraft, member: Member) -> int | None:
    leaving = (MemberEventKind.TRANSFER_INTERNAL, MemberEventKind.TRANSFER_OFFICIAL_OUT,
               MemberEventKind.TRANSFER_TEMPORARY_OUT)
    return member.cell_id if draft.kind in leaving else None


def _bring_member_in_step(member: Member, draft: EventDraft, state: MemberState) -> None:
    kind = draft.kind
    if kind is MemberEventKind.RECOGNISED_FULL:
        member.official_date = draft.effective_date
    member.status = status_after(kind, state, member.official_date)
    if kind is MemberEventKind.EXEMPTED:
        member.exempted_from_activities = True
    elif kind is MemberEventKind.EXEMPTION_ENDED:
        member.exempted_from_activities = False
    elif kind is MemberEventKind.TRANSFER_INTERNAL and draft.to_org_id is not None:
        member.cell_id = draft.to_org_id
    elif kind is MemberEventKind.TRANSFER_TEMPORARY_OUT:
        member.temporary_elsewhere = True
    elif kind is MemberEventKind.TRANSFER_TEMPORARY_IN:
        member.temporary_elsewhere = False  # back from the temporary stay
    if member.status not in (MemberStatus.PROBATIONARY, MemberStatus.FULL):
        member.temporary_elsewhere = False


def _destination_cell_problems(session: Session, cell_id: int) -> list[Problem]:
    found = session.execute(
        select(PartyOrganization.kind, PartyOrganization.status).where(PartyOrganization.id == cell_id)
    ).first()
    return [replace(problem, field="to_org_id")
            for problem in cell_problems(found.kind if found else None, found.status if found else None)]


def record_member_event(
    database: Database,
    member_id: int,
    draft: EventDraft,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> int:
    """One event typed in a form, in its own transaction; the id of the new event.
    `expected_version` (the member's, as opened) refuses to act on a record changed since."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    try:
        with database.transaction() as session:
            require_member_in_scope(session, actor, member_id)
            if draft.kind is MemberEventKind.TRANSFER_INTERNAL and draft.to_org_id is not None:
                require_organization_in_scope(session, actor, draft.to_org_id)
            if expected_version is None:
                member = session.get(Member, member_id)
                if member is None:
                    raise RecordNotFound(member_id)
            else:
                member = load_for_edit(session, Member, member_id, expected_version)
            event = apply_member_event(session, member, draft, today)
            return event.id
    except StaleDataError as error:
        raise ConcurrentEdit(member_id) from error


def member_timeline(database: Database, member_id: int) -> list[TimelineEntry]:
    """Every event of the member in date order (the member form's "Quá trình" page)."""
    actor = require(database, Permission.VIEW_REGISTER)
    source, target = aliased(PartyOrganization), aliased(PartyOrganization)
    with database.reading() as session:
        require_member_in_scope(session, actor, member_id)
        rows = session.execute(
            select(MemberEvent.id, MemberEvent.kind, MemberEvent.effective_date, MemberEvent.decision_number,
                   MemberEvent.decision_date, MemberEvent.issuing_body, source.name, target.name,
                   MemberEvent.counterpart, MemberEvent.note, MemberEvent.resolution_number,
                   MemberEvent.resolution_date)
            .outerjoin(source, source.id == MemberEvent.from_org_id)
            .outerjoin(target, target.id == MemberEvent.to_org_id)
            .where(MemberEvent.member_id == member_id)
            .order_by(MemberEvent.effective_date, MemberEvent.id)
        )
        return [TimelineEntry(*row) for row in rows]

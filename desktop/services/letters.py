"""The registry of complaint and denunciation letters (đơn thư, domain spec §6.9): register,
assign, extend, handle; one transaction each, inspection role only, the receiving organisation
in scope. A letter is never dropped: an anonymous one is registered NOT_ELIGIBLE (R-DEN-3).

The sender's identity is returned only to the inspector handling the letter or assigned to the
case opened from it; everyone else reads HIDDEN_IDENTITY. Every opening is access-logged.

Public API:
    LetterDraft, LetterDetail
    register_letter(database, draft, today=None) -> int
    assign_letter(database, letter_id, user_id) -> None
    extend_letter(database, letter_id) -> dt.date
    handle_letter(database, letter_id, status, on, *, reason=None, forwarded_to=None, result=None,
                  notified_on=None, today=None) -> None
    get_letter(database, letter_id) -> LetterDetail
    inspectors(database) -> [(user id, full name)]: who a letter may be assigned to
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.accounts import UserAccount
from desktop.models.inspection_rules import letter_due_on, letter_extended_to
from desktop.models.letters import (
    HIDDEN_IDENTITY,
    NAME_LENGTH,
    TEXT_LENGTH,
    ComplaintLetter,
    LetterChannel,
    LetterKind,
    LetterStatus,
)
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import (
    PermissionDenied,
    require_member_in_scope,
    require_organization_in_scope,
)
from desktop.services.audit import record_read
from desktop.services.errors import ValidationFailed
from desktop.services.inspection_access import (
    inspector_accounts,
    may_see_sender,
    require_inspection,
    require_letter,
)
from desktop.services.working_calendar import load_calendar

_HANDLED = (LetterStatus.NOT_ELIGIBLE, LetterStatus.FILED, LetterStatus.FORWARDED, LetterStatus.ANSWERED)


@dataclass(frozen=True)
class LetterDraft:
    organization_id: int
    received_on: dt.date | None
    channel: LetterChannel
    kind: LetterKind
    summary: str
    is_anonymous: bool = False
    postmark_on: dt.date | None = None
    sender_name: str | None = None
    sender_address: str | None = None
    sender_contact: str | None = None
    concerned_member_id: int | None = None
    concerned_organization_id: int | None = None
    concerned_text: str | None = None


@dataclass(frozen=True)
class LetterDetail:
    id: int
    number: str
    organization_id: int
    received_on: dt.date
    postmark_on: dt.date | None
    channel: LetterChannel
    kind: LetterKind
    is_anonymous: bool
    sender_name: str | None  # HIDDEN_IDENTITY unless the actor may see it
    sender_address: str | None
    sender_contact: str | None
    sender_visible: bool
    concerned: str
    concerned_member_id: int | None
    summary: str
    status: LetterStatus
    not_eligible_reason: str | None
    handler_user_id: int | None
    due_on: dt.date | None
    extended_to: dt.date | None
    forwarded_to: str | None
    result: str | None
    handled_on: dt.date | None
    notified_on: dt.date | None


def _text(value: str | None) -> str:
    return nfc(value or "").strip()


def _draft_problems(draft: LetterDraft, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    if draft.received_on is None:
        problems.append(Problem("received_on", ProblemCode.REQUIRED))
    for field in ("received_on", "postmark_on"):
        day = getattr(draft, field)
        if day is not None and day > today:
            problems.append(Problem(field, ProblemCode.DATE_IN_FUTURE))
    if not _text(draft.summary):
        problems.append(Problem("summary", ProblemCode.REQUIRED))
    sender = [_text(getattr(draft, f)) for f in ("sender_name", "sender_address", "sender_contact")]
    if draft.is_anonymous and any(sender):
        problems.append(Problem("sender_name", ProblemCode.LETTER_ANONYMOUS_WITH_SENDER))
    for field, limit in (("sender_name", NAME_LENGTH), ("sender_address", TEXT_LENGTH),
                         ("sender_contact", NAME_LENGTH), ("concerned_text", TEXT_LENGTH)):
        if len(_text(getattr(draft, field))) > limit:
            problems.append(Problem(field, ProblemCode.TEXT_TOO_LONG, {"max": limit}))
    return problems


def register_letter(database: Database, draft: LetterDraft, today: dt.date | None = None) -> int:
    """Register with its handling deadline; the registering inspector handles it."""
    actor = require_inspection(database)
    today = today or clock.today()
    problems = _draft_problems(draft, today)
    if problems:
        raise ValidationFailed(problems)
    assert draft.received_on is not None
    with database.transaction() as session:
        require_organization_in_scope(session, actor, draft.organization_id)
        if draft.concerned_member_id is not None:
            require_member_in_scope(session, actor, draft.concerned_member_id)
        if draft.concerned_organization_id is not None:
            require_organization_in_scope(session, actor, draft.concerned_organization_id)
        year = draft.received_on.year
        sequence = 1 + int(session.scalar(select(func.max(ComplaintLetter.sequence)).where(
            ComplaintLetter.organization_id == draft.organization_id, ComplaintLetter.year == year)) or 0)
        anonymous = draft.is_anonymous
        letter = ComplaintLetter(
            organization_id=draft.organization_id, year=year, sequence=sequence,
            received_on=draft.received_on, postmark_on=draft.postmark_on, channel=draft.channel,
            kind=draft.kind, is_anonymous=anonymous,
            sender_name=_text(draft.sender_name) or None, sender_address=_text(draft.sender_address) or None,
            sender_contact=_text(draft.sender_contact) or None,
            concerned_member_id=draft.concerned_member_id,
            concerned_organization_id=draft.concerned_organization_id,
            concerned_text=_text(draft.concerned_text) or None, summary=_text(draft.summary),
            # R-DEN-3: an anonymous letter is registered, not handled.
            status=LetterStatus.NOT_ELIGIBLE if anonymous else LetterStatus.RECEIVED,
            handled_on=draft.received_on if anonymous else None,
            handler_user_id=actor.user_id,
            due_on=None if anonymous else letter_due_on(
                draft.kind, draft.received_on, load_calendar(session), RuleBook.load(session)),
        )
        session.add(letter)
        session.flush()
        return letter.id


def assign_letter(database: Database, letter_id: int, user_id: int) -> None:
    actor = require_inspection(database)
    with database.transaction() as session:
        letter = require_letter(session, actor, letter_id)
        account = session.execute(inspector_accounts(actor).where(UserAccount.id == user_id)).first()
        if account is None:
            # Only an inspector of this subtree may handle a letter (and so see its sender, R-DEN-5).
            raise PermissionDenied(Permission.VIEW_INSPECTION, str(user_id))
        letter.handler_user_id = user_id


def extend_letter(database: Database, letter_id: int) -> dt.date:
    """The one extension of R-DEN-2; the new deadline."""
    actor = require_inspection(database)
    with database.transaction() as session:
        letter = require_letter(session, actor, letter_id)
        if not letter.status.is_pending or letter.due_on is None:
            raise ValidationFailed([Problem("", ProblemCode.LETTER_NOT_PENDING, {"status": letter.status})])
        if letter.extended_to is not None:
            raise ValidationFailed([Problem("", ProblemCode.LETTER_ALREADY_EXTENDED)])
        letter.extended_to = letter_extended_to(letter.due_on, load_calendar(session), RuleBook.load(session))
        return letter.extended_to


def handle_letter(
    database: Database, letter_id: int, status: LetterStatus, on: dt.date | None, *,
    reason: str | None = None, forwarded_to: str | None = None, result: str | None = None,
    notified_on: dt.date | None = None, today: dt.date | None = None,
) -> None:
    """File, forward, declare not eligible (with the reason) or answer (the result notified)."""
    if status not in _HANDLED:
        raise ValueError("a case is opened with inspection_cases.open_case")
    actor = require_inspection(database)
    today = today or clock.today()
    with database.transaction() as session:
        letter = require_letter(session, actor, letter_id)
        problems: list[Problem] = []
        if not letter.status.is_pending:
            problems.append(Problem("", ProblemCode.LETTER_NOT_PENDING, {"status": letter.status}))
        if on is None:
            problems.append(Problem("handled_on", ProblemCode.REQUIRED))
        elif on > today:
            problems.append(Problem("handled_on", ProblemCode.DATE_IN_FUTURE))
        elif on < letter.received_on:
            problems.append(Problem("handled_on", ProblemCode.INSPECTION_DATE_BEFORE_OPENED,
                                    {"opened": letter.received_on}))
        if status is LetterStatus.NOT_ELIGIBLE and not _text(reason):
            problems.append(Problem("not_eligible_reason", ProblemCode.LETTER_REASON_REQUIRED))
        if status is LetterStatus.FORWARDED and not _text(forwarded_to):
            problems.append(Problem("forwarded_to", ProblemCode.REQUIRED))
        if status is LetterStatus.ANSWERED and not _text(result):
            problems.append(Problem("result", ProblemCode.REQUIRED))
        if problems:
            raise ValidationFailed(problems)
        letter.status = status
        letter.handled_on = on
        letter.not_eligible_reason = _text(reason)[:TEXT_LENGTH] or None
        letter.forwarded_to = _text(forwarded_to)[:TEXT_LENGTH] or None
        letter.result = _text(result) or None
        letter.notified_on = notified_on


def letter_number(sequence: int, year: int) -> str:
    return f"{sequence:03d}/{year}"


def get_letter(database: Database, letter_id: int) -> LetterDetail:
    actor = require_inspection(database)
    with database.transaction() as session:
        letter = require_letter(session, actor, letter_id)
        visible = may_see_sender(session, actor, letter)
        concerned = letter.concerned_text or ""
        if letter.concerned_member_id is not None:
            concerned = session.scalar(select(Member.full_name).where(Member.id == letter.concerned_member_id)) or ""
        elif letter.concerned_organization_id is not None:
            concerned = session.scalar(select(PartyOrganization.name).where(
                PartyOrganization.id == letter.concerned_organization_id)) or ""

        def sender(value: str | None) -> str | None:
            return value if visible or value is None else HIDDEN_IDENTITY

        record_read(session, ComplaintLetter.__tablename__, letter.id)
        return LetterDetail(
            id=letter.id, number=letter_number(letter.sequence, letter.year), organization_id=letter.organization_id,
            received_on=letter.received_on, postmark_on=letter.postmark_on, channel=letter.channel,
            kind=letter.kind, is_anonymous=letter.is_anonymous, sender_name=sender(letter.sender_name),
            sender_address=sender(letter.sender_address), sender_contact=sender(letter.sender_contact),
            sender_visible=visible, concerned=concerned, concerned_member_id=letter.concerned_member_id,
            summary=letter.summary, status=letter.status, not_eligible_reason=letter.not_eligible_reason,
            handler_user_id=letter.handler_user_id, due_on=letter.due_on, extended_to=letter.extended_to,
            forwarded_to=letter.forwarded_to, result=letter.result, handled_on=letter.handled_on,
            notified_on=letter.notified_on)


def inspectors(database: Database) -> list[tuple[int, str]]:
    """The inspectors a letter may be handed to, by name."""
    actor = require_inspection(database)
    with database.reading() as session:
        return [(row.id, row.full_name) for row in session.execute(
            inspector_accounts(actor).order_by(UserAccount.full_name, UserAccount.id))]

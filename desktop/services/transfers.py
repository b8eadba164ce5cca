"""Transfers of party activity (chuyển sinh hoạt đảng): the use cases, one transaction each.

- `issue_transfer`: an official or temporary transfer out of the database, or a move between
  two cells of it (one action inside one grassroots committee; across two committees an
  official transfer out of one and into the other, received when the receiving cell confirms).
- `register_arrival`: an official transfer in from outside: a new member record, or a member
  who once transferred out coming back.
- `confirm_receipt`, `end_temporary_stay`, `cancel_transfer`.

Every status, flag or cell change is a history event written by apply_member_event; the
transfer row links to the events. Permission: EDIT_REGISTER; the sending side must be in the
actor's scope, and so must a receiving cell of the database.

Public API:
    issue_transfer(database, draft, today=None) -> int
    register_arrival(database, draft, member_draft=None, today=None) -> int
    confirm_receipt(database, transfer_id, received_date, today=None) -> None
    end_temporary_stay(database, transfer_id, returned_date, today=None) -> None
    cancel_transfer(database, transfer_id, cancelled_date, reason, today=None) -> None

The issuing committee and the letter numbers: desktop.services.transfer_letters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.enums import MemberEventKind
from desktop.models.member import Member, MemberEvent
from desktop.models.member_lifecycle import EventDraft
from desktop.models.member_rules import MemberDraft
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Actor, Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.text import nfc
from desktop.models.transfer_rules import (
    OpenTransfer,
    TransferDraft,
    check_closing_date,
    check_transfer,
    report_deadline,
)
from desktop.models.transfers import (
    ISSUING_BODY_LENGTH,
    LETTER_NUMBER_LENGTH,
    ORG_TEXT_LENGTH,
    MemberTransfer,
    TransferDirection,
    TransferKind,
    TransferState,
)
from desktop.services import clock
from desktop.services.access import require, require_member_in_scope, require_organization_in_scope
from desktop.services.editing import refused_if_changed
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.member_events import apply_member_event
from desktop.services.members import cell_problems, insert_members, member_problems, normalised
from desktop.services.transfer_letters import issuer_of_cell, letter_holder, letter_number_text
from desktop.services.working_calendar import load_calendar

_TEXT_LIMITS = {"to_org_text": ORG_TEXT_LENGTH, "from_org_text": ORG_TEXT_LENGTH,
                "letter_number": LETTER_NUMBER_LENGTH, "issuing_body": ISSUING_BODY_LENGTH}



def open_transfer_condition():  # type: ignore[no-untyped-def]
    """SQL: waiting for the receipt, or a temporary stay not ended yet (transfer_rules.is_open)."""
    return or_(
        MemberTransfer.state == TransferState.ISSUED,
        and_(MemberTransfer.state == TransferState.RECEIVED, MemberTransfer.kind == TransferKind.TEMPORARY),
    )


def normalised_transfer(draft: TransferDraft) -> TransferDraft:
    return replace(
        draft,
        to_org_text=nfc(draft.to_org_text) or None,
        from_org_text=nfc(draft.from_org_text) or None,
        reason=nfc(draft.reason) or None,
        letter_number=nfc(draft.letter_number) or None,
        issuing_body=nfc(draft.issuing_body) or None,
    )


def _length_problems(draft: TransferDraft) -> list[Problem]:
    return [Problem(name, ProblemCode.TEXT_TOO_LONG, {"max": limit})
            for name, limit in _TEXT_LIMITS.items()
            if (value := getattr(draft, name)) and len(value) > limit]


def _open_transfer(session: Session, member_id: int) -> OpenTransfer | None:
    row = session.execute(
        select(MemberTransfer.letter_number, MemberTransfer.letter_date)
        .where(MemberTransfer.member_id == member_id, open_transfer_condition())
        .limit(1)
    ).first()
    return OpenTransfer(row.letter_number, row.letter_date) if row else None


def _cell_state_problems(session: Session, cell_id: int, field: str = "to_org_id") -> list[Problem]:
    found = session.execute(
        select(PartyOrganization.kind, PartyOrganization.status).where(PartyOrganization.id == cell_id)
    ).first()
    return [replace(problem, field=field)
            for problem in cell_problems(found.kind if found else None, found.status if found else None)]


def _departure_kind(draft: TransferDraft, crosses_committees: bool) -> MemberEventKind:
    if draft.kind is TransferKind.TEMPORARY:
        return MemberEventKind.TRANSFER_TEMPORARY_OUT
    if draft.direction is TransferDirection.INTERNAL and not crosses_committees:
        return MemberEventKind.TRANSFER_INTERNAL
    return MemberEventKind.TRANSFER_OFFICIAL_OUT


def issue_transfer(database: Database, draft: TransferDraft, today: dt.date | None = None) -> int:
    """A letter out of the member's cell: to outside (OUT) or to another cell (INTERNAL).
    Returns the transfer's id; raises ValidationFailed with every problem, nothing written."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    draft = normalised_transfer(draft)
    if draft.direction is TransferDirection.IN or draft.member_id is None:
        raise ValueError("arrivals are registered with register_arrival")
    with refused_if_changed(draft.member_id), database.transaction() as session:
        require_member_in_scope(session, actor, draft.member_id)
        if draft.to_org_id is not None and draft.direction is TransferDirection.INTERNAL:
            require_organization_in_scope(session, actor, draft.to_org_id)
        member = session.get(Member, draft.member_id)
        assert member is not None  # in scope, so it exists
        rules = RuleBook.load(session)
        problems = check_transfer(
            draft, rules, today, admission_date=member.admission_date, current_cell_id=member.cell_id,
            open_transfer=_open_transfer(session, member.id),
        ) + _length_problems(draft)
        crosses = False
        if draft.direction is TransferDirection.INTERNAL and draft.to_org_id is not None:
            target_problems = _cell_state_problems(session, draft.to_org_id)
            problems += target_problems
            if not target_problems:
                crosses = (issuer_of_cell(session, draft.to_org_id).grassroots_id
                           != issuer_of_cell(session, member.cell_id).grassroots_id)
        issuer = issuer_of_cell(session, member.cell_id)
        number = None
        if draft.letter_sequence is not None and draft.letter_sequence > 0 and draft.letter_date is not None:
            number = letter_number_text(draft.letter_sequence, issuer.code)
            holder = letter_holder(session, issuer.organization_id, draft.letter_sequence, draft.letter_date)
            if holder is not None:
                problems.append(Problem("letter_sequence", ProblemCode.TRANSFER_LETTER_NUMBER_TAKEN,
                                        {"number": number, "holder": holder}))
        if problems:
            raise ValidationFailed(problems)
        assert draft.letter_date is not None
        kind = _departure_kind(draft, crosses)
        from_cell = member.cell_id
        event = apply_member_event(session, member, EventDraft(
            kind=kind, effective_date=draft.letter_date, decision_number=number,
            decision_date=draft.letter_date, issuing_body=issuer.name, to_org_id=draft.to_org_id,
            counterpart=draft.to_org_text, note=draft.reason,
        ), today, rules)
        done_at_once = kind is MemberEventKind.TRANSFER_INTERNAL
        transfer = MemberTransfer(
            member_id=member.id, kind=draft.kind, direction=draft.direction,
            state=TransferState.RECEIVED if done_at_once else TransferState.ISSUED,
            from_org_id=from_cell, to_org_id=draft.to_org_id, to_org_text=draft.to_org_text,
            reason=draft.reason, letter_sequence=draft.letter_sequence, letter_number=number,
            letter_date=draft.letter_date, issuing_org_id=issuer.organization_id, issuing_body=issuer.name,
            report_deadline=report_deadline(draft.letter_date, load_calendar(session), rules),
            expected_end=draft.expected_end if draft.kind is TransferKind.TEMPORARY else None,
            received_date=draft.letter_date if done_at_once else None,
            out_event_id=event.id, in_event_id=event.id if done_at_once else None,
        )
        session.add(transfer)
        session.flush()
        return transfer.id


def register_arrival(
    database: Database, draft: TransferDraft, member_draft: MemberDraft | None = None,
    today: dt.date | None = None,
) -> int:
    """An official transfer in from outside, recorded when the letter is presented: a new member
    (`member_draft`, placed in `draft.to_org_id`) or `draft.member_id`, who had transferred out."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    draft = replace(normalised_transfer(draft), kind=TransferKind.OFFICIAL, direction=TransferDirection.IN)
    if (draft.member_id is None) == (member_draft is None):
        raise ValueError("an arrival is either a new member or a member who transferred out")
    with refused_if_changed(draft.member_id or 0), database.transaction() as session:
        if draft.to_org_id is not None:
            require_organization_in_scope(session, actor, draft.to_org_id)
        if draft.member_id is not None:
            require_member_in_scope(session, actor, draft.member_id)
        rules = RuleBook.load(session)
        member = session.get(Member, draft.member_id) if draft.member_id is not None else None
        new_member = None
        if member_draft is not None:
            new_member = normalised(replace(member_draft, cell_id=draft.to_org_id))
        admission = member.admission_date if member is not None else (new_member.admission_date if new_member else None)
        problems = check_transfer(
            draft, rules, today, admission_date=admission, current_cell_id=None,
            open_transfer=_open_transfer(session, member.id) if member is not None else None,
        ) + _length_problems(draft)
        if draft.to_org_id is not None:
            problems += _cell_state_problems(session, draft.to_org_id)
        if new_member is not None:
            problems += [p for p in member_problems(session, new_member, today, None)
                         if p.field != "cell_id" or draft.to_org_id is not None]
        if problems:
            raise ValidationFailed(problems)
        assert draft.received_date is not None and draft.letter_date is not None and draft.to_org_id is not None
        event_draft = EventDraft(
            kind=MemberEventKind.TRANSFER_OFFICIAL_IN, effective_date=draft.received_date,
            decision_number=draft.letter_number, decision_date=draft.letter_date,
            issuing_body=draft.issuing_body, to_org_id=draft.to_org_id, counterpart=draft.from_org_text,
            note=draft.reason,
        )
        if member is not None:
            if member.cell_id != draft.to_org_id:
                # The cell the record leaves: the register as it stood before reads it from here.
                event_draft = replace(event_draft, from_org_id=member.cell_id)
            event = apply_member_event(session, member, event_draft, today, rules)
            member.cell_id = draft.to_org_id  # back on the register, in the receiving cell
            member_id = member.id
        else:
            assert new_member is not None
            [member_id] = insert_members(database, session, [new_member])
            # The record starts here with its own admission events; the arrival follows them.
            event = MemberEvent(
                member_id=member_id, kind=event_draft.kind, effective_date=draft.received_date,
                decision_number=draft.letter_number, decision_date=draft.letter_date,
                issuing_body=draft.issuing_body, to_org_id=draft.to_org_id,
                counterpart=draft.from_org_text, note=draft.reason,
            )
            session.add(event)
            session.flush()
        transfer = MemberTransfer(
            member_id=member_id, kind=TransferKind.OFFICIAL, direction=TransferDirection.IN,
            state=TransferState.RECEIVED, from_org_text=draft.from_org_text, to_org_id=draft.to_org_id,
            reason=draft.reason, letter_number=draft.letter_number, letter_date=draft.letter_date,
            issuing_body=draft.issuing_body,
            report_deadline=report_deadline(draft.letter_date, load_calendar(session), rules),
            received_date=draft.received_date, in_event_id=event.id,
        )
        session.add(transfer)
        session.flush()
        return transfer.id


def _load(session: Session, transfer_id: int) -> MemberTransfer:
    transfer = session.get(MemberTransfer, transfer_id)
    if transfer is None:
        raise RecordNotFound(transfer_id)
    return transfer


def _require_sending_side(session: Session, actor: Actor, transfer: MemberTransfer) -> None:
    if transfer.from_org_id is not None:
        require_organization_in_scope(session, actor, transfer.from_org_id)
    else:
        require_member_in_scope(session, actor, transfer.member_id)


def _member(session: Session, transfer: MemberTransfer) -> Member:
    member = session.get(Member, transfer.member_id)
    assert member is not None  # the transfer's foreign key
    return member


def confirm_receipt(
    database: Database, transfer_id: int, received_date: dt.date | None, today: dt.date | None = None
) -> None:
    """The receiving organisation confirms the member presented the letter. A move between two
    committees of the database puts the member on the receiving cell's list now."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with refused_if_changed(transfer_id), database.transaction() as session:
        transfer = _load(session, transfer_id)
        if transfer.to_org_id is not None:
            require_organization_in_scope(session, actor, transfer.to_org_id)
        else:
            _require_sending_side(session, actor, transfer)
        if transfer.state is not TransferState.ISSUED:
            code = (ProblemCode.TRANSFER_ALREADY_RECEIVED if transfer.state is TransferState.RECEIVED
                    else ProblemCode.TRANSFER_NOT_OPEN)
            raise ValidationFailed([Problem("state", code, {"state": transfer.state})])
        problems = check_closing_date(received_date, transfer.letter_date, today, "received_date")
        moves = transfer.direction is TransferDirection.INTERNAL and transfer.kind is TransferKind.OFFICIAL
        if moves and transfer.to_org_id is not None:
            problems += _cell_state_problems(session, transfer.to_org_id)
        if problems:
            raise ValidationFailed(problems)
        assert received_date is not None
        if moves:
            member = _member(session, transfer)
            event = apply_member_event(session, member, EventDraft(
                kind=MemberEventKind.TRANSFER_OFFICIAL_IN, effective_date=received_date,
                decision_number=transfer.letter_number, decision_date=transfer.letter_date,
                issuing_body=transfer.issuing_body, from_org_id=transfer.from_org_id,
                to_org_id=transfer.to_org_id, note=transfer.reason,
            ), today)
            member.cell_id = transfer.to_org_id  # the same record, now on the receiving cell's list
            transfer.in_event_id = event.id
        transfer.state = TransferState.RECEIVED
        transfer.received_date = received_date


def end_temporary_stay(
    database: Database, transfer_id: int, returned_date: dt.date | None, today: dt.date | None = None
) -> None:
    """The member is back at the home cell (TRANSFER_TEMPORARY_IN)."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with refused_if_changed(transfer_id), database.transaction() as session:
        transfer = _load(session, transfer_id)
        _require_sending_side(session, actor, transfer)
        if transfer.kind is not TransferKind.TEMPORARY:
            raise ValidationFailed([Problem("kind", ProblemCode.TRANSFER_NOT_TEMPORARY)])
        if transfer.state not in (TransferState.ISSUED, TransferState.RECEIVED):
            raise ValidationFailed([Problem("state", ProblemCode.TRANSFER_NOT_OPEN, {"state": transfer.state})])
        problems = check_closing_date(returned_date, transfer.letter_date, today, "returned_date")
        if problems:
            raise ValidationFailed(problems)
        assert returned_date is not None
        member = _member(session, transfer)
        event = apply_member_event(session, member, EventDraft(
            kind=MemberEventKind.TRANSFER_TEMPORARY_IN, effective_date=returned_date,
            from_org_id=transfer.to_org_id, to_org_id=transfer.from_org_id, counterpart=transfer.to_org_text,
            decision_number=transfer.letter_number, decision_date=transfer.letter_date,
        ), today)
        transfer.state = TransferState.RETURNED
        transfer.returned_date = returned_date
        transfer.in_event_id = event.id


def cancel_transfer(
    database: Database, transfer_id: int, cancelled_date: dt.date | None, reason: str | None,
    today: dt.date | None = None,
) -> None:
    """The letter is withdrawn before the member was received: an event puts the member back
    as before (the departure stays in the history, with the cancellation after it)."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    reason = nfc(reason) or None
    with refused_if_changed(transfer_id), database.transaction() as session:
        transfer = _load(session, transfer_id)
        _require_sending_side(session, actor, transfer)
        if transfer.state is TransferState.CANCELLED:
            raise ValidationFailed([Problem("state", ProblemCode.TRANSFER_NOT_OPEN, {"state": transfer.state})])
        if transfer.state is not TransferState.ISSUED:
            raise ValidationFailed([Problem("state", ProblemCode.TRANSFER_CANNOT_CANCEL)])
        problems = check_closing_date(cancelled_date, transfer.letter_date, today, "cancelled_date")
        if not reason:
            problems.append(Problem("cancel_reason", ProblemCode.REQUIRED))
        if problems:
            raise ValidationFailed(problems)
        assert cancelled_date is not None
        member = _member(session, transfer)
        temporary = transfer.kind is TransferKind.TEMPORARY
        event = apply_member_event(session, member, EventDraft(
            kind=MemberEventKind.TRANSFER_TEMPORARY_IN if temporary else MemberEventKind.TRANSFER_OFFICIAL_IN,
            effective_date=cancelled_date, decision_number=transfer.letter_number,
            decision_date=transfer.letter_date, issuing_body=transfer.issuing_body,
            # No cell left: the member never joined the receiving one (the history's cell moves).
            to_org_id=transfer.from_org_id,
            note=cancellation_note(transfer.letter_number, reason),
        ), today)
        transfer.state = TransferState.CANCELLED
        transfer.cancelled_date = cancelled_date
        transfer.cancel_reason = reason
        transfer.in_event_id = event.id


def cancellation_note(letter_number: str | None, reason: str | None) -> str:
    head = f"Hủy giấy giới thiệu số {letter_number}" if letter_number else "Hủy giấy giới thiệu"
    return f"{head}: {reason}" if reason else head

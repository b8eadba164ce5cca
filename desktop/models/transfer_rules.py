"""The rules of transfers of party activity (domain spec §2.5, §10.2): pure functions.

The history event each transfer writes is checked by desktop.models.member_lifecycle; these
rules add what belongs to the letter: its date, the destination, the length of a temporary
stay, one open transfer per member, the reporting deadline in working days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.models.dates import add_months
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode
from desktop.models.transfers import TransferDirection, TransferKind, TransferState
from desktop.models.working_days import WorkingCalendar


@dataclass(frozen=True)
class TransferDraft:
    """A transfer as the dialog or the command line describes it.

    OUT and INTERNAL leave the member's current cell; IN arrives at `to_org_id`. A side outside
    the database is named in words (`from_org_text`, `to_org_text`)."""

    kind: TransferKind
    direction: TransferDirection
    letter_date: dt.date | None
    member_id: int | None = None  # None for an arrival registered as a new member
    to_org_id: int | None = None
    to_org_text: str | None = None
    from_org_text: str | None = None
    reason: str | None = None
    letter_sequence: int | None = None  # letters we issue
    letter_number: str | None = None  # an arriving letter's own number ("125-GGT/HU")
    issuing_body: str | None = None  # an arriving letter's committee
    expected_end: dt.date | None = None  # temporary transfers
    received_date: dt.date | None = None  # arrivals: the day the letter was presented


@dataclass(frozen=True)
class OpenTransfer:
    letter_number: str | None
    letter_date: dt.date


def report_deadline(letter_date: dt.date, calendar: WorkingCalendar, rules: RuleBook) -> dt.date:
    """The last day to present the letter at the receiving organisation: N working days after
    the letter's date, N the TRANSFER_REPORT_DEADLINE_WD rule on that date."""
    days = int(rules.value(RuleCode.TRANSFER_REPORT_DEADLINE_WD, letter_date))
    return calendar.add_working_days(letter_date, days)


def report_deadline_days(letter_date: dt.date, rules: RuleBook) -> int:
    return int(rules.value(RuleCode.TRANSFER_REPORT_DEADLINE_WD, letter_date))


def latest_temporary_end(start: dt.date, rules: RuleBook) -> dt.date:
    months = int(rules.value(RuleCode.TEMPORARY_TRANSFER_MAX_MONTHS, start))
    return add_months(start, months)


def working_days_left(deadline: dt.date, today: dt.date, calendar: WorkingCalendar) -> int:
    """Working days from today to the deadline: positive ahead, 0 on the day, negative overdue."""
    return calendar.working_days_between(today, deadline)


def is_open(state: TransferState, kind: TransferKind) -> bool:
    """Waiting for the receipt, or a temporary stay not ended yet."""
    return state is TransferState.ISSUED or (state is TransferState.RECEIVED and kind is TransferKind.TEMPORARY)


def is_overdue(state: TransferState, deadline: dt.date, expected_end: dt.date | None, today: dt.date) -> bool:
    """An issued letter not presented by its deadline, or a temporary stay past its end."""
    if state is TransferState.ISSUED:
        return today > deadline
    if state is TransferState.RECEIVED and expected_end is not None:
        return today > expected_end
    return False


def check_transfer(
    draft: TransferDraft,
    rules: RuleBook,
    today: dt.date,
    *,
    admission_date: dt.date | None,
    current_cell_id: int | None,
    open_transfer: OpenTransfer | None,
) -> list[Problem]:
    """What is wrong with the letter itself (the event's own rules are checked on applying it)."""
    problems: list[Problem] = []
    day = draft.letter_date
    if day is None:
        problems.append(Problem("letter_date", ProblemCode.REQUIRED))
    elif day > today:
        problems.append(Problem("letter_date", ProblemCode.DATE_IN_FUTURE))
    elif admission_date is not None and day < admission_date:
        problems.append(Problem("letter_date", ProblemCode.EVENT_BEFORE_ADMISSION, {"admitted": admission_date}))
    if open_transfer is not None:
        problems.append(Problem("member_id", ProblemCode.TRANSFER_OPEN_EXISTS,
                                {"letter": open_transfer.letter_number or "", "date": open_transfer.letter_date}))
    direction, kind = draft.direction, draft.kind
    if direction is TransferDirection.IN:
        problems += _arrival_problems(draft, today)
    else:
        if direction is TransferDirection.INTERNAL:
            if draft.to_org_id is None:
                problems.append(Problem("to_org_id", ProblemCode.EVENT_DESTINATION_REQUIRED))
            elif draft.to_org_id == current_cell_id:
                problems.append(Problem("to_org_id", ProblemCode.EVENT_SAME_CELL))
        elif draft.to_org_id is not None:
            # A cell of the database is reached by a transfer between cells, which moves the record.
            problems.append(Problem("to_org_id", ProblemCode.TRANSFER_TARGET_IN_DATABASE))
        elif not draft.to_org_text:
            problems.append(Problem("to_org_text", ProblemCode.EVENT_DESTINATION_REQUIRED))
        if draft.letter_sequence is None:
            problems.append(Problem("letter_sequence", ProblemCode.REQUIRED))
        elif draft.letter_sequence < 1:
            problems.append(Problem("letter_sequence", ProblemCode.NUMBER_OUT_OF_RANGE, {"min": 1, "max": 9999}))
    if kind is TransferKind.TEMPORARY:
        if not draft.reason:
            problems.append(Problem("reason", ProblemCode.EVENT_REASON_REQUIRED))
        problems += _temporary_end_problems(draft, rules)
    return problems


def _arrival_problems(draft: TransferDraft, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    if draft.to_org_id is None:
        problems.append(Problem("to_org_id", ProblemCode.CELL_REQUIRED))
    if draft.member_id is None and not draft.from_org_text:
        problems.append(Problem("from_org_text", ProblemCode.TRANSFER_SOURCE_REQUIRED))
    if not draft.letter_number:
        problems.append(Problem("letter_number", ProblemCode.REQUIRED))
    received = draft.received_date
    if received is None:
        problems.append(Problem("received_date", ProblemCode.REQUIRED))
    elif received > today:
        problems.append(Problem("received_date", ProblemCode.DATE_IN_FUTURE))
    elif draft.letter_date is not None and received < draft.letter_date:
        problems.append(Problem("received_date", ProblemCode.TRANSFER_DATE_BEFORE_LETTER,
                                {"letter_date": draft.letter_date}))
    return problems


def _temporary_end_problems(draft: TransferDraft, rules: RuleBook) -> list[Problem]:
    end, start = draft.expected_end, draft.letter_date
    if end is None:
        return [Problem("expected_end", ProblemCode.TRANSFER_END_REQUIRED)]
    if start is None:
        return []
    if end <= start:
        return [Problem("expected_end", ProblemCode.TRANSFER_END_NOT_AFTER_START)]
    latest = latest_temporary_end(start, rules)
    if end > latest:
        months = int(rules.value(RuleCode.TEMPORARY_TRANSFER_MAX_MONTHS, start))
        return [Problem("expected_end", ProblemCode.TRANSFER_TOO_LONG, {"months": months, "latest": latest})]
    return []


def check_closing_date(day: dt.date | None, letter_date: dt.date, today: dt.date, field: str) -> list[Problem]:
    """The day a transfer is received, ended or cancelled: known, not ahead, not before the letter."""
    if day is None:
        return [Problem(field, ProblemCode.REQUIRED)]
    if day > today:
        return [Problem(field, ProblemCode.DATE_IN_FUTURE)]
    if day < letter_date:
        return [Problem(field, ProblemCode.TRANSFER_DATE_BEFORE_LETTER, {"letter_date": letter_date})]
    return []

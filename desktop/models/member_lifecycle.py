"""Which history events a member may receive, and what they change (domain spec §2.3-§2.5).

Pure rules over a member's current state and an event draft: desktop.services.member_events
applies them in one transaction. Every status change of a member is one of these events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.models.dates import add_months
from desktop.models.enums import MemberEventKind as Kind
from desktop.models.enums import MemberStatus as Status
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode

_ACTIVE = frozenset({Status.PROBATIONARY, Status.FULL})
_GONE_BY_DECISION = frozenset({Status.REMOVED, Status.EXPELLED, Status.LEFT})

# The statuses a member must have to receive each kind of event (§2.3). ADMITTED is written
# by the admission pipeline and the register form only; TRANSFER_OFFICIAL_IN creates or
# brings back a member through the transfer use case.
ALLOWED_FROM: dict[Kind, frozenset[Status]] = {
    Kind.RECOGNISED_FULL: frozenset({Status.PROBATIONARY}),
    Kind.TRANSFER_OFFICIAL_OUT: _ACTIVE,
    Kind.TRANSFER_OFFICIAL_IN: frozenset({Status.TRANSFERRED_OUT}),
    Kind.TRANSFER_TEMPORARY_OUT: _ACTIVE,
    Kind.TRANSFER_TEMPORARY_IN: _ACTIVE,
    Kind.TRANSFER_INTERNAL: _ACTIVE,
    Kind.EXEMPTED: _ACTIVE,
    Kind.EXEMPTION_ENDED: _ACTIVE,
    Kind.REMOVED: _ACTIVE,
    # An official member asks to leave; a probationary member who does is removed (§2.5).
    Kind.LEFT_ON_REQUEST: frozenset({Status.FULL}),
    # A probationary member is never expelled, only removed (R-MEM-4).
    Kind.EXPELLED: frozenset({Status.FULL}),
    Kind.DECEASED: _ACTIVE,
    Kind.NAME_CHANGED: _ACTIVE,
    Kind.DOB_CORRECTED: _ACTIVE,
    Kind.CARD_ISSUED: frozenset({Status.FULL}),
    Kind.CARD_REPLACED: frozenset({Status.FULL}),
    # Badges may be awarded posthumously (R-BADGE-3).
    Kind.BADGE_AWARDED: frozenset({Status.FULL, Status.DECEASED}),
    # A removal, expulsion or exit annulled as wrongful (QĐ 117-QĐ/TW 2023).
    Kind.REINSTATED: _GONE_BY_DECISION,
    # Written with a discipline record (desktop.services.discipline_records) only; a
    # probationary member is reprimanded or warned, never dismissed (§6.4).
    Kind.REPRIMANDED: _ACTIVE,
    Kind.WARNED: _ACTIVE,
    Kind.DISMISSED_FROM_POST: frozenset({Status.FULL}),
}

# The status each kind leads to; kinds not listed keep the status.
STATUS_AFTER: dict[Kind, Status] = {
    Kind.RECOGNISED_FULL: Status.FULL,
    Kind.TRANSFER_OFFICIAL_OUT: Status.TRANSFERRED_OUT,
    Kind.REMOVED: Status.REMOVED,
    Kind.LEFT_ON_REQUEST: Status.LEFT,
    Kind.EXPELLED: Status.EXPELLED,
    Kind.DECEASED: Status.DECEASED,
}

DISCIPLINE_KINDS = (Kind.REPRIMANDED, Kind.WARNED, Kind.DISMISSED_FROM_POST)

# Kinds decided by a committee or a cell resolution: the decision's number is required.
NEEDS_DECISION = frozenset({
    Kind.RECOGNISED_FULL, Kind.TRANSFER_OFFICIAL_OUT, Kind.TRANSFER_OFFICIAL_IN, Kind.REMOVED,
    Kind.LEFT_ON_REQUEST, Kind.EXPELLED, Kind.EXEMPTED, Kind.NAME_CHANGED, Kind.DOB_CORRECTED,
    Kind.BADGE_AWARDED, Kind.REINSTATED, *DISCIPLINE_KINDS,
})
# Kinds whose reason must be written down (grounds of a removal, why a member left, …).
NEEDS_REASON = frozenset({
    Kind.REMOVED, Kind.LEFT_ON_REQUEST, Kind.EXPELLED, Kind.EXEMPTED, Kind.REINSTATED,
    Kind.TRANSFER_TEMPORARY_OUT, *DISCIPLINE_KINDS,
})
# Kinds proposed by a resolution of the cell that the app must know of (§3.3).
NEEDS_RESOLUTION = frozenset({Kind.RECOGNISED_FULL})
# Kinds that send the member somewhere: an organisation of the database or one named in words.
NEEDS_DESTINATION = frozenset({Kind.TRANSFER_OFFICIAL_OUT, Kind.TRANSFER_TEMPORARY_OUT, Kind.TRANSFER_INTERNAL})
EXIT_KINDS = frozenset(STATUS_AFTER) - {Kind.RECOGNISED_FULL}


@dataclass(frozen=True)
class EventDraft:
    """A history event as a form or a use case describes it."""

    kind: Kind
    effective_date: dt.date | None
    decision_number: str | None = None
    decision_date: dt.date | None = None
    issuing_body: str | None = None
    from_org_id: int | None = None
    to_org_id: int | None = None
    # An organisation outside the database the member goes to or comes from (in words).
    counterpart: str | None = None
    note: str | None = None
    # The resolution of the cell (or committee) that proposed the decision, when there is one.
    resolution_number: str | None = None
    resolution_date: dt.date | None = None


@dataclass(frozen=True)
class MemberState:
    """What the rules need to know of the member receiving the event."""

    status: Status
    admission_date: dt.date
    exempted: bool
    cell_id: int
    last_status_change: dt.date | None  # effective date of the latest status-changing event


def kinds_allowed(status: Status, kinds: tuple[Kind, ...]) -> tuple[Kind, ...]:
    """Those of `kinds` a member of this status may receive (what a form offers)."""
    return tuple(kind for kind in kinds if status in ALLOWED_FROM.get(kind, ()))


def status_after(kind: Kind, state: MemberState, official_date: dt.date | None) -> Status:
    if kind is Kind.REINSTATED or kind is Kind.TRANSFER_OFFICIAL_IN:
        return Status.FULL if official_date else Status.PROBATIONARY
    return STATUS_AFTER.get(kind, state.status)


def changes_status(kind: Kind) -> bool:
    return kind in STATUS_AFTER or kind in (Kind.REINSTATED, Kind.TRANSFER_OFFICIAL_IN)


def recognition_date(admission_date: dt.date, rules: RuleBook) -> dt.date:
    """The day the probation ends, which the decision names as the official date (R-MEM-3)."""
    return add_months(admission_date, int(rules.value(RuleCode.PROBATION_MONTHS, admission_date)))


def check_event(state: MemberState, draft: EventDraft, rules: RuleBook, today: dt.date) -> list[Problem]:
    """Every rule the event breaks on this member; empty when it may be recorded."""
    problems: list[Problem] = []
    day = draft.effective_date
    if day is None:
        problems.append(Problem("effective_date", ProblemCode.REQUIRED))
    elif day > today:
        problems.append(Problem("effective_date", ProblemCode.DATE_IN_FUTURE))
    elif day < state.admission_date:
        problems.append(Problem("effective_date", ProblemCode.EVENT_BEFORE_ADMISSION,
                                {"admitted": state.admission_date}))
    elif changes_status(draft.kind) and state.last_status_change and day < state.last_status_change:
        problems.append(Problem("effective_date", ProblemCode.EVENT_BEFORE_LAST_CHANGE,
                                {"last": state.last_status_change}))
    if draft.decision_date is not None and draft.decision_date > today:
        problems.append(Problem("decision_date", ProblemCode.DECISION_DATE_AFTER_TODAY))
    if draft.resolution_date is not None and draft.resolution_date > today:
        problems.append(Problem("resolution_date", ProblemCode.DATE_IN_FUTURE))
    elif (draft.resolution_date and draft.decision_date and draft.decision_date < draft.resolution_date):
        problems.append(Problem("decision_date", ProblemCode.DECISION_BEFORE_RESOLUTION))
    allowed = ALLOWED_FROM.get(draft.kind)
    if allowed is None or state.status not in allowed:
        problems.append(Problem("kind", ProblemCode.EVENT_NOT_ALLOWED,
                                {"kind": draft.kind, "status": state.status}))
        return problems
    if draft.kind in NEEDS_DECISION and not draft.decision_number:
        problems.append(Problem("decision_number", ProblemCode.EVENT_DECISION_REQUIRED))
    if draft.kind in NEEDS_RESOLUTION and not (draft.resolution_number and draft.resolution_date):
        problems.append(Problem("resolution_number", ProblemCode.EVENT_RESOLUTION_REQUIRED))
    if draft.kind in NEEDS_REASON and not draft.note:
        problems.append(Problem("note", ProblemCode.EVENT_REASON_REQUIRED))
    if draft.kind in NEEDS_DESTINATION and draft.to_org_id is None and not draft.counterpart:
        problems.append(Problem("to_org_id", ProblemCode.EVENT_DESTINATION_REQUIRED))
    if draft.kind is Kind.TRANSFER_INTERNAL and draft.to_org_id == state.cell_id:
        problems.append(Problem("to_org_id", ProblemCode.EVENT_SAME_CELL))
    if draft.kind is Kind.EXEMPTED and state.exempted:
        problems.append(Problem("kind", ProblemCode.EVENT_ALREADY_EXEMPTED))
    if draft.kind is Kind.EXEMPTION_ENDED and not state.exempted:
        problems.append(Problem("kind", ProblemCode.EVENT_NOT_EXEMPTED))
    if draft.kind is Kind.RECOGNISED_FULL and day is not None and day >= state.admission_date:
        earliest = recognition_date(state.admission_date, rules)
        if day < earliest:
            months = int(rules.value(RuleCode.PROBATION_MONTHS, state.admission_date))
            problems.append(Problem("effective_date", ProblemCode.RECOGNITION_BEFORE_PROBATION_END,
                                    {"months": months, "earliest": earliest}))
        if draft.resolution_date is not None and draft.resolution_date < earliest:
            problems.append(Problem("resolution_date", ProblemCode.RESOLUTION_BEFORE_PROBATION_END,
                                    {"earliest": earliest}))
    return problems

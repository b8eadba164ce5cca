"""Inspection, supervision and discipline cases (domain spec §6.1-§6.2): the use cases that
open a case and carry it through its steps, one transaction each. Every entry point requires
the inspection role; the case's organisation, its subjects and any letter must be in scope.

Public API:
    SubjectDraft, CaseDraft, ConclusionDraft
    open_case(database, draft, today=None) -> int
    complete_step(database, case_id, step, done_on, note=None, today=None) -> None
    add_document(database, case_id, kind, title, file_name, media_type, content, step=None) -> int
    record_conclusion(database, case_id, draft, today=None) -> None
    archive_case(database, case_id, closed_on, today=None) -> None
    assign_case(database, case_id, user_id) -> None: one more inspector on the case team

Decisions and appeals: desktop.services.inspection_decisions; reading:
desktop.services.inspection_detail and desktop.services.inspection_list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.accounts import UserAccount
from desktop.models.inspection import (
    BODY_NAME_LENGTH,
    TITLE_LENGTH,
    CaseAssignee,
    CaseDocument,
    CaseDocumentKind,
    CaseKind,
    CaseState,
    CaseStep,
    CaseSubject,
    DecidingBodyKind,
    InspectionCase,
    LimitationException,
    Seriousness,
    StepKind,
    TargetScope,
)
from desktop.models.inspection_rules import step_due_dates
from desktop.models.letters import LetterStatus
from desktop.models.permissions import Actor, Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import (
    PermissionDenied,
    require_member_in_scope,
    require_organization_in_scope,
)
from desktop.services.audit import utc_now
from desktop.services.errors import ValidationFailed
from desktop.services.inspection_access import (
    inspector_accounts,
    require_case,
    require_inspection,
    require_letter,
)
from desktop.services.working_calendar import load_calendar

# Completing a step moves the case at least this far along §6.2.
_STEP_STATE = {
    StepKind.DECISION: CaseState.DECIDED,
    StepKind.PLAN: CaseState.PLANNED,
    StepKind.TEAM: CaseState.ANNOUNCED,
    StepKind.EXPLANATION: CaseState.EXPLANATION_RECEIVED,
    StepKind.VERIFICATION: CaseState.REPORTED,
}
_ORDER = list(CaseState)


@dataclass(frozen=True)
class SubjectDraft:
    member_id: int | None = None
    organization_id: int | None = None
    target_scope: TargetScope = TargetScope.MEMBER


@dataclass(frozen=True)
class CaseDraft:
    organization_id: int
    kind: CaseKind
    title: str
    deciding_body_kind: DecidingBodyKind
    deciding_body: str
    opened_on: dt.date | None
    subjects: tuple[SubjectDraft, ...]
    content: str | None = None
    letter_id: int | None = None
    violation_on: dt.date | None = None
    violation_ended_on: dt.date | None = None
    violation_end_unknown: bool = False
    discovered_on: dt.date | None = None
    new_violation_on: dt.date | None = None
    days_not_counted: int = 0
    limitation_exception: LimitationException | None = None
    no_limitation_reason: str | None = None
    assignee_user_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ConclusionDraft:
    concluded_on: dt.date | None
    seriousness: Seriousness | None
    violations_found: str | None
    conclusion_text: str


def _text(value: str | None) -> str:
    return nfc(value or "").strip()


def _case_problems(draft: CaseDraft, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    for field in ("title", "deciding_body"):
        value = _text(getattr(draft, field))
        if not value:
            problems.append(Problem(field, ProblemCode.REQUIRED))
    for field, limit in (("title", TITLE_LENGTH), ("deciding_body", BODY_NAME_LENGTH),
                         ("no_limitation_reason", TITLE_LENGTH)):
        if len(_text(getattr(draft, field))) > limit:
            problems.append(Problem(field, ProblemCode.TEXT_TOO_LONG, {"max": limit}))
    if draft.opened_on is None:
        problems.append(Problem("opened_on", ProblemCode.REQUIRED))
    for field in ("opened_on", "violation_on", "violation_ended_on", "discovered_on", "new_violation_on"):
        day = getattr(draft, field)
        if day is not None and day > today:
            problems.append(Problem(field, ProblemCode.DATE_IN_FUTURE))
    if not draft.subjects:
        problems.append(Problem("subjects", ProblemCode.INSPECTION_SUBJECT_REQUIRED))
    if draft.days_not_counted < 0:
        problems.append(Problem("days_not_counted", ProblemCode.NUMBER_OUT_OF_RANGE, {"min": 0, "max": 36500}))
    return problems


def _check_subjects(session: Session, actor: Actor, subjects: tuple[SubjectDraft, ...]) -> None:
    for subject in subjects:
        if (subject.member_id is None) == (subject.organization_id is None):
            raise ValueError("a subject is one member or one organisation")
        if subject.member_id is not None:
            require_member_in_scope(session, actor, subject.member_id)
        else:
            assert subject.organization_id is not None
            require_organization_in_scope(session, actor, subject.organization_id)


def _next_sequence(session: Session, organization_id: int, year: int) -> int:
    return 1 + int(session.scalar(select(func.max(InspectionCase.sequence)).where(
        InspectionCase.organization_id == organization_id, InspectionCase.year == year)) or 0)


def open_case(database: Database, draft: CaseDraft, today: dt.date | None = None) -> int:
    """Register a case with its subjects, assignees (the actor among them) and its steps due
    as INSPECTION_STEP_DEADLINES_WD says; a letter it comes from becomes CASE_OPENED."""
    actor = require_inspection(database)
    today = today or clock.today()
    problems = _case_problems(draft, today)
    if problems:
        raise ValidationFailed(problems)
    assert draft.opened_on is not None
    with database.transaction() as session:
        require_organization_in_scope(session, actor, draft.organization_id)
        _check_subjects(session, actor, draft.subjects)
        letter = require_letter(session, actor, draft.letter_id) if draft.letter_id is not None else None
        if letter is not None and letter.status is not LetterStatus.RECEIVED:
            raise ValidationFailed([Problem("letter_id", ProblemCode.LETTER_NOT_PENDING, {"status": letter.status})])
        case = InspectionCase(
            organization_id=draft.organization_id, year=draft.opened_on.year,
            sequence=_next_sequence(session, draft.organization_id, draft.opened_on.year),
            kind=draft.kind, state=CaseState.DETECTED, title=_text(draft.title),
            deciding_body_kind=draft.deciding_body_kind, deciding_body=_text(draft.deciding_body),
            opened_on=draft.opened_on, letter_id=draft.letter_id, content=_text(draft.content) or None,
            violation_on=draft.violation_on, violation_ended_on=draft.violation_ended_on,
            violation_end_unknown=draft.violation_end_unknown, discovered_on=draft.discovered_on,
            new_violation_on=draft.new_violation_on, days_not_counted=draft.days_not_counted,
            limitation_exception=draft.limitation_exception,
            no_limitation_reason=_text(draft.no_limitation_reason) or None,
        )
        session.add(case)
        session.flush()
        for subject in draft.subjects:
            session.add(CaseSubject(case_id=case.id, member_id=subject.member_id,
                                    organization_id=subject.organization_id, target_scope=subject.target_scope))
        for user_id in sorted({actor.user_id, *draft.assignee_user_ids}):
            session.add(CaseAssignee(case_id=case.id, user_id=user_id))
        due = step_due_dates(draft.opened_on, load_calendar(session), RuleBook.load(session))
        if letter is not None and letter.deadline is not None:
            # The letter's own deadline (R-DEN-2) bounds the conclusion and its notice.
            for kind in (StepKind.CONCLUSION, StepKind.NOTIFICATION):
                due[kind] = min(due[kind], letter.deadline)
        for kind, day in due.items():
            session.add(CaseStep(case_id=case.id, kind=kind, due_on=day))
        if letter is not None:
            letter.status = LetterStatus.CASE_OPENED
            letter.handled_on = draft.opened_on
        session.flush()
        return case.id


def _require_open(case: InspectionCase) -> None:
    if case.state is CaseState.ARCHIVED:
        raise ValidationFailed([Problem("", ProblemCode.INSPECTION_CASE_CLOSED)])


def _date_problems(case: InspectionCase, field: str, day: dt.date | None, today: dt.date) -> list[Problem]:
    if day is None:
        return [Problem(field, ProblemCode.REQUIRED)]
    if day > today:
        return [Problem(field, ProblemCode.DATE_IN_FUTURE)]
    if day < case.opened_on:
        return [Problem(field, ProblemCode.INSPECTION_DATE_BEFORE_OPENED, {"opened": case.opened_on})]
    return []


def advance(case: InspectionCase, state: CaseState) -> None:
    """Move the case forward to `state`, never back."""
    if _ORDER.index(state) > _ORDER.index(case.state):
        case.state = state


def mark_step_done(session: Session, case: InspectionCase, kind: StepKind, done_on: dt.date,
                   note: str | None = None) -> None:
    step = session.scalars(select(CaseStep).where(CaseStep.case_id == case.id, CaseStep.kind == kind)).one()
    step.done_on = done_on
    if note is not None:
        step.note = _text(note) or None


def complete_step(database: Database, case_id: int, step: StepKind, done_on: dt.date | None,
                  note: str | None = None, today: dt.date | None = None) -> None:
    actor = require_inspection(database)
    today = today or clock.today()
    with database.transaction() as session:
        case = require_case(session, actor, case_id)
        _require_open(case)
        problems = _date_problems(case, "done_on", done_on, today)
        if problems:
            raise ValidationFailed(problems)
        assert done_on is not None
        mark_step_done(session, case, step, done_on, note)
        if step in _STEP_STATE:
            advance(case, _STEP_STATE[step])
        elif step is StepKind.NOTIFICATION and case.state is CaseState.CONCLUDED:
            advance(case, CaseState.MONITORING)


def add_document(database: Database, case_id: int, kind: CaseDocumentKind, title: str, file_name: str,
                 media_type: str, content: bytes, step: StepKind | None = None) -> int:
    """A document kept with the case, refused above INSPECTION_DOCUMENT_MAX_KB."""
    actor = require_inspection(database)
    with database.transaction() as session:
        case = require_case(session, actor, case_id)
        _require_open(case)
        limit_kb = int(RuleBook.load(session).value(RuleCode.INSPECTION_DOCUMENT_MAX_KB, clock.today()))
        problems: list[Problem] = []
        if not content:
            problems.append(Problem("content", ProblemCode.INSPECTION_DOCUMENT_EMPTY))
        elif len(content) > limit_kb * 1024:
            problems.append(Problem("content", ProblemCode.INSPECTION_DOCUMENT_TOO_LARGE,
                                    {"max_kb": limit_kb, "size_kb": (len(content) + 1023) // 1024}))
        name = _text(file_name)[-255:]
        title = _text(title) or name
        if not title:
            problems.append(Problem("title", ProblemCode.REQUIRED))
        if problems:
            raise ValidationFailed(problems)
        document = CaseDocument(
            case_id=case.id, step_kind=step, kind=kind, title=title[:TITLE_LENGTH], file_name=name,
            media_type=(media_type or "application/octet-stream")[:100], size_bytes=len(content),
            content=content, added_at=utc_now().replace(tzinfo=None), added_by=actor.username)
        session.add(document)
        session.flush()
        return document.id


def _next_notice(session: Session, organization_id: int, year: int) -> int:
    return 1 + int(session.scalar(select(func.max(InspectionCase.notice_sequence)).where(
        InspectionCase.organization_id == organization_id,
        extract("year", InspectionCase.concluded_on) == year)) or 0)


def record_conclusion(database: Database, case_id: int, draft: ConclusionDraft,
                      today: dt.date | None = None) -> None:
    """The committee's conclusion; a notice number of the year; DISCIPLINE_OPENED when the
    violation warrants discipline (§6.3)."""
    actor = require_inspection(database)
    today = today or clock.today()
    with database.transaction() as session:
        case = require_case(session, actor, case_id)
        _require_open(case)
        problems = _date_problems(case, "concluded_on", draft.concluded_on, today)
        if draft.seriousness is None:
            problems.append(Problem("seriousness", ProblemCode.REQUIRED))
        if not _text(draft.conclusion_text):
            problems.append(Problem("conclusion_text", ProblemCode.REQUIRED))
        if problems:
            raise ValidationFailed(problems)
        assert draft.concluded_on is not None
        if case.notice_sequence is None or case.concluded_on is None or case.concluded_on.year != draft.concluded_on.year:
            case.notice_sequence = _next_notice(session, case.organization_id, draft.concluded_on.year)
        case.concluded_on = draft.concluded_on
        case.seriousness = draft.seriousness
        case.violations_found = _text(draft.violations_found) or None
        case.conclusion_text = _text(draft.conclusion_text)
        mark_step_done(session, case, StepKind.CONCLUSION, draft.concluded_on)
        advance(case, CaseState.DISCIPLINE_OPENED if draft.seriousness is Seriousness.DISCIPLINE_WARRANTED
                else CaseState.CONCLUDED)


def archive_case(database: Database, case_id: int, closed_on: dt.date | None, today: dt.date | None = None) -> None:
    actor = require_inspection(database)
    today = today or clock.today()
    with database.transaction() as session:
        case = require_case(session, actor, case_id)
        _require_open(case)
        problems = _date_problems(case, "closed_on", closed_on, today)
        if problems:
            raise ValidationFailed(problems)
        case.closed_on = closed_on
        case.state = CaseState.ARCHIVED


def assign_case(database: Database, case_id: int, user_id: int) -> None:
    """The case team sees the identity of a denouncer whose letter opened the case (R-DEN-5)."""
    actor = require_inspection(database)
    with database.transaction() as session:
        case = require_case(session, actor, case_id)
        _require_open(case)
        if session.execute(inspector_accounts(actor).where(UserAccount.id == user_id)).first() is None:
            raise PermissionDenied(Permission.VIEW_INSPECTION, str(user_id))
        present = session.scalar(select(CaseAssignee.id).where(
            CaseAssignee.case_id == case.id, CaseAssignee.user_id == user_id))
        if present is None:
            session.add(CaseAssignee(case_id=case.id, user_id=user_id))

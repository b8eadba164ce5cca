"""Discipline decisions of a case and the appeals against them (domain spec §6.3-§6.8).

A decision by a body without authority, or after the limitation period (unless the case
records why it does not apply), is refused; the same form may be recorded as a proposal to
the competent body instead. A decided form writes the member's (or organisation's) discipline
record through desktop.services.discipline_records.apply_discipline in the same transaction:
the history event (EXPELLED ends the membership) and the cap on the year's rating.

Public API:
    DecisionDraft
    limitation_facts(case) -> LimitationFacts
    record_decision(database, case_id, draft, today=None) -> int
    lodge_appeal(database, decision_id, lodged_on, resolver, today=None) -> int
    resolve_appeal(database, appeal_id, outcome, resolved_on, result, today=None) -> None
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.discipline import DisciplineForm, DisciplineRecord
from desktop.models.inspection import (
    BODY_NAME_LENGTH,
    AppealOutcome,
    CaseAppeal,
    CaseDecision,
    CaseState,
    CaseSubject,
    DecidingBodyKind,
    DecisionStatus,
    InspectionCase,
    TargetScope,
)
from desktop.models.inspection_rules import (
    LimitationFacts,
    appeal_deadline,
    appeal_in_time,
    appeal_resolution_due,
    decision_problems,
    effect_ends_on,
    limitation_expires_on,
    vote_problems,
)
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.discipline_records import DisciplineDraft, apply_discipline
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.inspection_access import require_case, require_inspection
from desktop.services.inspection_cases import advance
from desktop.services.working_calendar import load_calendar


@dataclass(frozen=True)
class DecisionDraft:
    subject_id: int
    form: DisciplineForm
    deciding_body_kind: DecidingBodyKind
    deciding_body: str
    decision_number: str
    decided_on: dt.date | None
    effective_on: dt.date | None  # the announcement
    reasons: str
    proposal: bool = False  # đề nghị cấp có thẩm quyền
    authorised_to_admit: bool = False  # the grassroots committee may expel (§6.5)
    rating_year: int | None = None
    voters: int | None = None  # members with a vote in the secret ballot (R-VOTE-1)
    votes_for: int | None = None


def limitation_facts(case: InspectionCase) -> LimitationFacts:
    """The case's facts; without a violation date the period counts from the opening."""
    return LimitationFacts(
        violation_on=case.violation_on or case.discovered_on or case.opened_on,
        ended_on=case.violation_ended_on, end_unknown=case.violation_end_unknown,
        discovered_on=case.discovered_on, new_violation_on=case.new_violation_on,
        days_not_counted=case.days_not_counted, exception=case.limitation_exception)


def _text(value: str | None) -> str:
    return nfc(value or "").strip()


def _required(draft: DecisionDraft) -> list[Problem]:
    problems = [Problem(field, ProblemCode.REQUIRED)
                for field in ("deciding_body", "decision_number", "reasons")
                if not _text(getattr(draft, field))]
    problems += [Problem(field, ProblemCode.REQUIRED)
                 for field in ("decided_on", "effective_on") if getattr(draft, field) is None]
    if len(_text(draft.deciding_body)) > BODY_NAME_LENGTH:
        problems.append(Problem("deciding_body", ProblemCode.TEXT_TOO_LONG, {"max": BODY_NAME_LENGTH}))
    return problems


def record_decision(database: Database, case_id: int, draft: DecisionDraft, today: dt.date | None = None) -> int:
    actor = require_inspection(database)
    today = today or clock.today()
    problems = _required(draft)
    if problems:
        raise ValidationFailed(problems)
    assert draft.decided_on is not None and draft.effective_on is not None
    with database.transaction() as session:
        case = require_case(session, actor, case_id)
        if case.state is CaseState.ARCHIVED:
            raise ValidationFailed([Problem("", ProblemCode.INSPECTION_CASE_CLOSED)])
        if case.concluded_on is None:
            raise ValidationFailed([Problem("", ProblemCode.INSPECTION_NOT_CONCLUDED)])
        subject = session.get(CaseSubject, draft.subject_id)
        if subject is None or subject.case_id != case.id:
            raise ValidationFailed([Problem("subject_id", ProblemCode.INSPECTION_SUBJECT_NOT_IN_CASE)])
        rules = RuleBook.load(session)
        for_organization = subject.organization_id is not None
        scope = TargetScope.ORGANIZATION if for_organization else subject.target_scope
        expires = limitation_expires_on(limitation_facts(case), draft.form, for_organization, rules)
        problems = decision_problems(
            body=draft.deciding_body_kind, scope=scope, form=draft.form, decided_on=draft.decided_on,
            expires_on=expires, no_limitation_reason=case.no_limitation_reason, rules=rules,
            authorised_to_admit=draft.authorised_to_admit, proposal=draft.proposal)
        problems += vote_problems(draft.form, draft.voters, draft.votes_for, draft.decided_on, rules)
        if not draft.proposal and _already_decided(session, subject.id):
            problems.append(Problem("subject_id", ProblemCode.INSPECTION_DECISION_EXISTS))
        if problems:
            raise ValidationFailed(problems)
        record_id = None
        if not draft.proposal:
            record_id = apply_discipline(session, DisciplineDraft(
                form=draft.form, deciding_body=draft.deciding_body, decision_number=draft.decision_number,
                decided_on=draft.decided_on, effective_on=draft.effective_on, violation_summary=draft.reasons,
                member_id=subject.member_id, organization_id=subject.organization_id,
                violation_on=case.violation_on if case.violation_on and case.violation_on <= draft.decided_on else None,
                rating_year=draft.rating_year, case_id=case.id,
                effect_ends_on=effect_ends_on(draft.effective_on, rules),
            ), today, rules).id
        decision = CaseDecision(
            case_id=case.id, subject_id=subject.id,
            status=DecisionStatus.PROPOSED if draft.proposal else DecisionStatus.DECIDED,
            form=draft.form, deciding_body_kind=draft.deciding_body_kind,
            deciding_body=_text(draft.deciding_body), decision_number=_text(draft.decision_number)[:60],
            decided_on=draft.decided_on, effective_on=draft.effective_on,
            appeal_deadline=appeal_deadline(draft.effective_on, load_calendar(session), rules),
            voters=draft.voters, votes_for=draft.votes_for,
            reasons=_text(draft.reasons), discipline_record_id=record_id)
        session.add(decision)
        advance(case, CaseState.DISCIPLINE_OPENED)
        session.flush()
        return decision.id


def _already_decided(session, subject_id: int) -> bool:  # type: ignore[no-untyped-def]
    """A decided form not annulled on appeal (an annulled or changed one may be replaced)."""
    return session.scalar(
        select(CaseDecision.id)
        .outerjoin(DisciplineRecord, DisciplineRecord.id == CaseDecision.discipline_record_id)
        .where(CaseDecision.subject_id == subject_id, CaseDecision.status == DecisionStatus.DECIDED,
               DisciplineRecord.annulled_on.is_(None))
        .limit(1)) is not None


def _decision_in_scope(session, actor, decision_id: int) -> CaseDecision:  # type: ignore[no-untyped-def]
    decision = session.get(CaseDecision, decision_id)
    if decision is None:
        raise RecordNotFound(decision_id)
    require_case(session, actor, decision.case_id)
    return decision


def lodge_appeal(database: Database, decision_id: int, lodged_on: dt.date | None, resolver: str,
                 today: dt.date | None = None) -> int:
    """A complaint about a decision: NOT_ACCEPTED at once when lodged after the window
    (R-CPL-1, R-CPL-3), otherwise PENDING with its resolution deadline."""
    actor = require_inspection(database)
    today = today or clock.today()
    problems = [Problem("resolver", ProblemCode.REQUIRED)] if not _text(resolver) else []
    if lodged_on is None:
        problems.append(Problem("lodged_on", ProblemCode.REQUIRED))
    elif lodged_on > today:
        problems.append(Problem("lodged_on", ProblemCode.DATE_IN_FUTURE))
    if problems:
        raise ValidationFailed(problems)
    assert lodged_on is not None
    with database.transaction() as session:
        decision = _decision_in_scope(session, actor, decision_id)
        if lodged_on < decision.effective_on:
            raise ValidationFailed([Problem("lodged_on", ProblemCode.DISCIPLINE_EFFECTIVE_BEFORE_DECISION)])
        in_time = appeal_in_time(decision.appeal_deadline, lodged_on)
        appeal = CaseAppeal(
            decision_id=decision.id, lodged_on=lodged_on, resolver=_text(resolver)[:BODY_NAME_LENGTH],
            outcome=AppealOutcome.PENDING if in_time else AppealOutcome.NOT_ACCEPTED,
            resolution_due_on=appeal_resolution_due(lodged_on, load_calendar(session), RuleBook.load(session))
            if in_time else None)
        session.add(appeal)
        session.flush()
        return appeal.id


def resolve_appeal(database: Database, appeal_id: int, outcome: AppealOutcome, resolved_on: dt.date | None,
                   result: str, today: dt.date | None = None) -> None:
    """ANNULLED or CHANGED: the discipline record stops counting (a changed form is then
    recorded as a new decision of the case)."""
    actor = require_inspection(database)
    today = today or clock.today()
    if outcome is AppealOutcome.PENDING:
        raise ValueError("an appeal is resolved with an outcome")
    with database.transaction() as session:
        appeal = session.get(CaseAppeal, appeal_id)
        if appeal is None:
            raise RecordNotFound(appeal_id)
        decision = _decision_in_scope(session, actor, appeal.decision_id)
        problems = []
        if appeal.outcome is not AppealOutcome.PENDING:
            problems.append(Problem("", ProblemCode.INSPECTION_APPEAL_RESOLVED))
        if resolved_on is None:
            problems.append(Problem("resolved_on", ProblemCode.REQUIRED))
        elif resolved_on > today:
            problems.append(Problem("resolved_on", ProblemCode.DATE_IN_FUTURE))
        if not _text(result):
            problems.append(Problem("result", ProblemCode.REQUIRED))
        if problems:
            raise ValidationFailed(problems)
        appeal.outcome = outcome
        appeal.resolved_on = resolved_on
        appeal.result = _text(result)
        if outcome in (AppealOutcome.ANNULLED, AppealOutcome.CHANGED) and decision.discipline_record_id:
            record = session.get(DisciplineRecord, decision.discipline_record_id)
            assert record is not None
            record.annulled_on = resolved_on
            record.annulment_reason = appeal.result[:300]

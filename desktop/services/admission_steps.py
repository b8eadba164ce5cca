"""Recording the steps of an admission case (domain spec §3.2) and the admission itself: the
ceremony creates the probationary member with the decision on its ADMITTED event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.db.database import Database
from desktop.models.admission import (
    AdmissionCase,
    AdmissionStep,
    AdmissionStepRecord,
    UnionIntroduction,
)
from desktop.models.admission_rules import (
    VOTED_STEPS,
    IntroducerFacts,
    ceremony_deadline,
    check_age,
    check_ceremony,
    check_certificate,
    check_introducers,
    check_step_document,
    check_step_order,
    check_vote,
)
from desktop.models.enums import MemberEventKind, MemberStatus
from desktop.models.member import Member, MemberEvent
from desktop.models.member_rules import check_member
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import require
from desktop.services.admission import (
    CandidateDraft,
    CaseRecord,
    case_in_scope,
    case_record,
    done_steps,
    is_under_section,
    member_draft_of,
    refresh_state,
    require_open,
)
from desktop.services.editing import load_for_edit
from desktop.services.errors import ConcurrentEdit, ValidationFailed
from desktop.services.members import insert_members
from desktop.services.working_calendar import load_calendar


@dataclass
class StepDraft:
    """One step as the form delivers it; the fields a step does not use stay empty."""

    step: AdmissionStep
    step_date: dt.date | None = None
    document_number: str | None = None
    issuing_body: str | None = None
    note: str | None = None
    votes_for: int | None = None
    votes_total: int | None = None  # the grassroots committee's members (the cell's are counted)
    # INTRODUCED: (member id, months worked or studied together), 1 or 2 of them.
    introducers: tuple[tuple[int, int | None], ...] = ()
    union_introduction: UnionIntroduction | None = None
    union_resolution_number: str | None = None
    # CEREMONY_HELD.
    mentor_id: int | None = None
    ceremony_late_consent: str | None = None


def cell_official_members(session: Session, cell_id: int) -> int:
    """The cell's official members: those who vote on an admission (§3.2 state 7)."""
    return session.scalar(select(func.count(Member.id)).where(
        Member.cell_id == cell_id, Member.status == MemberStatus.FULL)) or 0


def record_step(
    database: Database, case_id: int, expected_version: int, draft: StepDraft, today: dt.date | None = None,
) -> CaseRecord:
    """Record the next step of a case; the ceremony admits the candidate (admit)."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    draft = _normalised(draft)
    try:
        with database.transaction() as session:
            case_in_scope(session, actor, case_id)
            case = load_for_edit(session, AdmissionCase, case_id, expected_version)
            require_open(case)
            problems, facts = _check(session, case, draft, today)
            if problems:
                raise ValidationFailed(problems)
            _apply(session, case, draft, facts)
            session.add(AdmissionStepRecord(
                case_id=case.id, step=draft.step, step_date=draft.step_date, document_number=draft.document_number,
                issuing_body=draft.issuing_body, note=draft.note, votes_for=draft.votes_for,
                votes_total=facts.get("entitled")))
            session.flush()
            refresh_state(session, case)
            if draft.step is AdmissionStep.CEREMONY_HELD:
                _admit(database, session, case, today)
            session.flush()
            return case_record(session, case)
    except StaleDataError as error:
        raise ConcurrentEdit(case_id) from error


def _normalised(draft: StepDraft) -> StepDraft:
    draft.document_number = nfc(draft.document_number) or None
    draft.issuing_body = nfc(draft.issuing_body) or None
    draft.note = nfc(draft.note) or None
    draft.union_resolution_number = nfc(draft.union_resolution_number) or None
    draft.ceremony_late_consent = nfc(draft.ceremony_late_consent) or None
    return draft


def _facts(session: Session, member_id: int, months: int | None) -> IntroducerFacts | None:
    row = session.execute(select(Member.full_name, Member.status, Member.official_date)
                          .where(Member.id == member_id)).first()
    return IntroducerFacts(member_id, row.full_name, row.status, row.official_date, months) if row else None


def _check(session: Session, case: AdmissionCase, draft: StepDraft, today: dt.date) -> tuple[list[Problem], dict]:
    rules = RuleBook.load(session)
    facts: dict = {}
    if draft.step_date is None:
        return [Problem("step_date", ProblemCode.REQUIRED)], facts
    on = draft.step_date
    done = [(row.step, row.step_date) for row in done_steps(session, case.id)]
    problems = check_step_order(done, draft.step, on, today, is_under_section(session, case.cell_id))
    if problems:
        return problems, facts
    problems += check_step_document(draft.step, draft.document_number)
    if draft.step is AdmissionStep.INTRODUCED:
        introducers = [item for member_id, months in draft.introducers
                       if (item := _facts(session, member_id, months)) is not None]
        union = draft.union_introduction is not None
        problems += check_introducers(introducers, union, on, rules)
        if union and not draft.union_resolution_number:
            problems.append(Problem("union_resolution_number", ProblemCode.ADMISSION_DOCUMENT_NUMBER_REQUIRED))
    if draft.step is AdmissionStep.CELL_RESOLVED:
        problems += check_age(case.date_of_birth, on, rules)
        problems += check_certificate(case.certificate_date, on, rules)
    if draft.step in VOTED_STEPS:
        if draft.step is AdmissionStep.CELL_RESOLVED:
            entitled = cell_official_members(session, case.cell_id)
        else:
            entitled = draft.votes_total or 0
            if not draft.votes_total:
                problems.append(Problem("votes_total", ProblemCode.REQUIRED))
        facts["entitled"] = entitled
        if entitled:
            problems += check_vote(draft.votes_for, entitled, on, rules)
    if draft.step is AdmissionStep.CEREMONY_HELD:
        decided = dict(done)[AdmissionStep.DECIDED]
        deadline = ceremony_deadline(decided, rules, load_calendar(session))
        mentor = _facts(session, draft.mentor_id, None) if draft.mentor_id is not None else None
        problems += check_ceremony(on, deadline, draft.ceremony_late_consent, mentor)
        problems += _member_problems(session, case, on, decided, today)
    return problems, facts


def _member_problems(session: Session, case: AdmissionCase, held: dt.date, decided: dt.date,
                     today: dt.date) -> list[Problem]:
    """The member record the ceremony creates must itself be valid (and its national id free)."""
    member = member_draft_of(_candidate(case), admission_date=held, admission_decision_date=decided)
    problems = check_member(member, RuleBook.load(session), today)
    if case.national_id:
        holder = session.scalar(select(Member.full_name).where(Member.national_id == case.national_id).limit(1))
        if holder is not None:
            problems.append(Problem("national_id", ProblemCode.ADMISSION_ALREADY_MEMBER, {"holder": holder}))
    return problems


def _candidate(case: AdmissionCase) -> CandidateDraft:
    from dataclasses import fields

    return CandidateDraft(**{item.name: getattr(case, item.name) for item in fields(CandidateDraft)})


def _apply(session: Session, case: AdmissionCase, draft: StepDraft, facts: dict) -> None:
    if draft.step is AdmissionStep.COURSE_PASSED:
        case.certificate_number = draft.document_number
        case.certificate_date = draft.step_date
        case.certificate_issuer = draft.issuing_body
    elif draft.step is AdmissionStep.INTRODUCED:
        first = draft.introducers[0]
        second = draft.introducers[1] if len(draft.introducers) > 1 else (None, None)
        case.introducer1_id, case.introducer1_months = first
        case.introducer2_id, case.introducer2_months = second
        case.union_introduction = draft.union_introduction
        case.union_resolution_number = draft.union_resolution_number
    elif draft.step is AdmissionStep.CEREMONY_HELD:
        case.mentor_id = draft.mentor_id
        case.ceremony_late_consent = draft.ceremony_late_consent


def _admit(database: Database, session: Session, case: AdmissionCase, today: dt.date) -> None:
    """Create the probationary member: admitted on the ceremony, by the decision (number and
    issuing body on the ADMITTED event); the case keeps the member's id."""
    steps = {row.step: row for row in done_steps(session, case.id)}
    decision, ceremony = steps[AdmissionStep.DECIDED], steps[AdmissionStep.CEREMONY_HELD]
    draft = member_draft_of(_candidate(case), admission_date=ceremony.step_date,
                            admission_decision_date=decision.step_date)
    draft.admission_place = ceremony.issuing_body
    [member_id] = insert_members(database, session, [draft])
    session.execute(update(MemberEvent).where(
        MemberEvent.member_id == member_id, MemberEvent.kind == MemberEventKind.ADMITTED,
    ).values(decision_number=decision.document_number, issuing_body=decision.issuing_body))
    case.member_id = member_id
    case.next_deadline = None

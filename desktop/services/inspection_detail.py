"""One case as its workspace shows it, and its documents' contents. Every opening of a case
or of a document is access-logged (a READ audit entry, domain spec §6.9, §10.3).

Public API:
    CaseDetail, StepRow, SubjectRow, DocumentRow, DecisionRow, AppealRow
    get_case(database, case_id, today=None) -> CaseDetail
    document_content(database, document_id) -> (file_name, media_type, bytes)
    case_number(sequence, year) -> str
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop.db.database import Database
from desktop.models.accounts import UserAccount
from desktop.models.discipline import DisciplineForm
from desktop.models.inspection import (
    AppealOutcome,
    CaseAppeal,
    CaseAssignee,
    CaseDecision,
    CaseDocument,
    CaseDocumentKind,
    CaseKind,
    CaseState,
    CaseStep,
    CaseSubject,
    DecidingBodyKind,
    DecisionStatus,
    InspectionCase,
    LimitationException,
    Seriousness,
    StepKind,
    TargetScope,
)
from desktop.models.inspection_rules import (
    forms_for,
    is_overdue,
    limitation_expires_on,
    limitation_warning,
)
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.models.rules import RuleBook
from desktop.services import clock
from desktop.services.audit import record_read
from desktop.services.errors import RecordNotFound
from desktop.services.inspection_access import require_case, require_inspection
from desktop.services.inspection_decisions import limitation_facts


def case_number(sequence: int, year: int) -> str:
    return f"{sequence:02d}/{year}"


@dataclass(frozen=True)
class StepRow:
    kind: StepKind
    due_on: dt.date
    done_on: dt.date | None
    note: str | None
    overdue: bool


@dataclass(frozen=True)
class SubjectRow:
    id: int
    member_id: int | None
    organization_id: int | None
    name: str
    unit: str  # the member's cell, or the organisation's parent
    unit_id: int | None
    target_scope: TargetScope
    limitation: tuple[tuple[DisciplineForm, dt.date | None], ...]  # per form; None: no limitation


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: CaseDocumentKind
    step_kind: StepKind | None
    title: str
    file_name: str
    size_bytes: int
    added_at: dt.datetime
    added_by: str


@dataclass(frozen=True)
class AppealRow:
    id: int
    lodged_on: dt.date
    resolver: str
    outcome: AppealOutcome
    resolution_due_on: dt.date | None
    resolved_on: dt.date | None
    result: str | None


@dataclass(frozen=True)
class DecisionRow:
    id: int
    subject_id: int
    subject_name: str
    status: DecisionStatus
    form: DisciplineForm
    deciding_body_kind: DecidingBodyKind
    deciding_body: str
    decision_number: str
    decided_on: dt.date
    effective_on: dt.date
    appeal_deadline: dt.date
    reasons: str
    discipline_record_id: int | None
    appeals: tuple[AppealRow, ...]


@dataclass(frozen=True)
class CaseDetail:
    id: int
    number: str
    organization_id: int
    organization_name: str
    kind: CaseKind
    state: CaseState
    title: str
    deciding_body_kind: DecidingBodyKind
    deciding_body: str
    opened_on: dt.date
    letter_id: int | None
    content: str | None
    violation_on: dt.date | None
    limitation_exception: LimitationException | None
    no_limitation_reason: str | None
    concluded_on: dt.date | None
    seriousness: Seriousness | None
    violations_found: str | None
    conclusion_text: str | None
    notice_sequence: int | None
    closed_on: dt.date | None
    steps: tuple[StepRow, ...]
    subjects: tuple[SubjectRow, ...]
    documents: tuple[DocumentRow, ...]
    team: tuple[str, ...]  # full names of the assigned inspectors
    decisions: tuple[DecisionRow, ...]
    limitation_warning: bool  # some form's period ends within LIMITATION_WARNING_DAYS

    @property
    def overdue_steps(self) -> int:
        return sum(1 for step in self.steps if step.overdue)


def _subjects(session: Session, case: InspectionCase, rules: RuleBook) -> list[SubjectRow]:
    cell = aliased(PartyOrganization, name="cell")
    parent = aliased(PartyOrganization, name="parent")
    rows = session.execute(
        select(CaseSubject, Member.full_name, PartyOrganization.name, func.coalesce(cell.name, parent.name),
               func.coalesce(cell.id, parent.id))
        .outerjoin(Member, Member.id == CaseSubject.member_id)
        .outerjoin(cell, cell.id == Member.cell_id)
        .outerjoin(PartyOrganization, PartyOrganization.id == CaseSubject.organization_id)
        .outerjoin(parent, parent.id == PartyOrganization.parent_id)
        .where(CaseSubject.case_id == case.id).order_by(CaseSubject.id))
    facts = limitation_facts(case)
    subjects = []
    for subject, member_name, org_name, unit, unit_id in rows:
        for_org = subject.organization_id is not None
        limits = tuple((form, limitation_expires_on(facts, form, for_org, rules)) for form in forms_for(for_org))
        subjects.append(SubjectRow(subject.id, subject.member_id, subject.organization_id,
                                   member_name or org_name or "", unit or "", unit_id,
                                   subject.target_scope, limits))
    return subjects


def _decisions(session: Session, case_id: int, names: dict[int, str]) -> list[DecisionRow]:
    decisions = list(session.scalars(select(CaseDecision).where(CaseDecision.case_id == case_id)
                                     .order_by(CaseDecision.decided_on, CaseDecision.id)))
    appeals: dict[int, list[AppealRow]] = {}
    if decisions:
        for appeal in session.scalars(select(CaseAppeal).where(
                CaseAppeal.decision_id.in_([d.id for d in decisions])).order_by(CaseAppeal.lodged_on, CaseAppeal.id)):
            appeals.setdefault(appeal.decision_id, []).append(AppealRow(
                appeal.id, appeal.lodged_on, appeal.resolver, appeal.outcome, appeal.resolution_due_on,
                appeal.resolved_on, appeal.result))
    return [DecisionRow(
        d.id, d.subject_id, names.get(d.subject_id, ""), d.status, d.form, d.deciding_body_kind, d.deciding_body,
        d.decision_number, d.decided_on, d.effective_on, d.appeal_deadline, d.reasons, d.discipline_record_id,
        tuple(appeals.get(d.id, ()))) for d in decisions]


def get_case(database: Database, case_id: int, today: dt.date | None = None) -> CaseDetail:
    actor = require_inspection(database)
    today = today or clock.today()
    with database.transaction() as session:
        case = require_case(session, actor, case_id)
        rules = RuleBook.load(session)
        steps = [StepRow(s.kind, s.due_on, s.done_on, s.note, is_overdue(s.due_on, s.done_on, today))
                 for s in session.scalars(select(CaseStep).where(CaseStep.case_id == case.id))]
        steps.sort(key=lambda step: step.kind.position)
        subjects = _subjects(session, case, rules)
        documents = [DocumentRow(*row) for row in session.execute(
            select(CaseDocument.id, CaseDocument.kind, CaseDocument.step_kind, CaseDocument.title,
                   CaseDocument.file_name, CaseDocument.size_bytes, CaseDocument.added_at, CaseDocument.added_by)
            .where(CaseDocument.case_id == case.id).order_by(CaseDocument.added_at, CaseDocument.id))]
        decisions = _decisions(session, case.id, {s.id: s.name for s in subjects})
        organization_name = session.scalar(
            select(PartyOrganization.name).where(PartyOrganization.id == case.organization_id)) or ""
        warning = case.state.is_open and not case.no_limitation_reason and any(
            limitation_warning(expires, today, rules) for s in subjects for _, expires in s.limitation)
        team = tuple(session.scalars(
            select(UserAccount.full_name).join(CaseAssignee, CaseAssignee.user_id == UserAccount.id)
            .where(CaseAssignee.case_id == case.id).order_by(UserAccount.full_name)))
        record_read(session, InspectionCase.__tablename__, case.id)
        return CaseDetail(
            id=case.id, number=case_number(case.sequence, case.year), organization_id=case.organization_id,
            organization_name=organization_name, kind=case.kind, state=case.state, title=case.title,
            deciding_body_kind=case.deciding_body_kind, deciding_body=case.deciding_body,
            opened_on=case.opened_on, letter_id=case.letter_id, content=case.content,
            violation_on=case.violation_on, limitation_exception=case.limitation_exception,
            no_limitation_reason=case.no_limitation_reason, concluded_on=case.concluded_on,
            seriousness=case.seriousness, violations_found=case.violations_found,
            conclusion_text=case.conclusion_text, notice_sequence=case.notice_sequence,
            closed_on=case.closed_on, steps=tuple(steps), subjects=tuple(subjects),
            documents=tuple(documents), team=team, decisions=tuple(decisions), limitation_warning=warning)


def document_content(database: Database, document_id: int) -> tuple[str, str, bytes]:
    actor = require_inspection(database)
    with database.transaction() as session:
        document = session.get(CaseDocument, document_id)
        if document is None:
            raise RecordNotFound(document_id)
        require_case(session, actor, document.case_id)
        record_read(session, CaseDocument.__tablename__, document.id)
        return document.file_name, document.media_type, bytes(document.content)


def case_of_decision(database: Database, decision_id: int) -> int:
    """The case a decision belongs to (in the actor's scope)."""
    actor = require_inspection(database)
    with database.reading() as session:
        decision = session.get(CaseDecision, decision_id)
        if decision is None:
            raise RecordNotFound(decision_id)
        require_case(session, actor, decision.case_id)
        return decision.case_id

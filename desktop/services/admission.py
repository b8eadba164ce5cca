"""Use cases of the admission pipeline (domain spec §3): the candidates of an organisation
subtree with their state and next deadline, a candidate's file, creating and editing it,
going back a step, rejecting or withdrawing. Steps and the admission: admission_steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from desktop.db.database import Database
from desktop.models.admission import (
    AdmissionAction,
    AdmissionActionRecord,
    AdmissionCase,
    AdmissionState,
    AdmissionStep,
    AdmissionStepRecord,
    UnionIntroduction,
)
from desktop.models.admission_rules import (
    OPEN_STATES,
    Deadline,
    check_reason,
    decision_is_late,
    next_deadline,
    next_step,
    state_of,
)
from desktop.models.enums import DatePrecision, Gender, OrgKind
from desktop.models.member import Member
from desktop.models.member_rules import MemberDraft, check_member
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Actor, Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.text import name_sort_key, nfc
from desktop.services import clock
from desktop.services.access import require, require_organization_in_scope
from desktop.services.editing import load_for_edit
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.members import cell_problems
from desktop.services.working_calendar import load_calendar


@dataclass
class CandidateDraft:
    """The candidate's profile: the fields the member record will take at the ceremony."""

    full_name: str = ""
    gender: Gender | None = None
    date_of_birth: dt.date | None = None
    dob_precision: DatePrecision = DatePrecision.DAY
    cell_id: int | None = None
    listed_date: dt.date | None = None
    national_id: str | None = None
    birth_place: str | None = None
    home_town: str | None = None
    current_address: str | None = None
    phone: str | None = None
    ethnicity: str = "Kinh"
    religion: str = "Không"
    occupation: str | None = None
    general_education: str | None = None
    work_unit: str | None = None
    youth_union_join_date: dt.date | None = None


_TEXT_FIELDS = ("full_name", "national_id", "birth_place", "home_town", "current_address", "phone",
                "ethnicity", "religion", "occupation", "general_education", "work_unit")
# Problems of the member rules that concern the admission itself, judged later by the steps.
_MEMBER_ONLY_FIELDS = frozenset({"admission_date", "admission_decision_date", "official_date"})


def member_draft_of(draft: CandidateDraft, **dates: dt.date | None) -> MemberDraft:
    """The member record a candidate becomes (dates: admission_date, admission_decision_date)."""
    values = {item.name: getattr(draft, item.name) for item in fields(CandidateDraft) if item.name != "listed_date"}
    return MemberDraft(**values, **dates)  # type: ignore[arg-type]


@dataclass(frozen=True)
class AdmissionListQuery:
    organization_id: int
    state: AdmissionState | None = None  # None: every open case
    overdue_on: dt.date | None = None  # only cases whose deadline is before this day
    include_closed: bool = False


@dataclass(frozen=True)
class CaseRow:
    id: int
    full_name: str
    date_of_birth: dt.date
    dob_precision: DatePrecision
    cell_name: str
    state: AdmissionState
    next_deadline: dt.date | None


@dataclass(frozen=True)
class StepRow:
    step: AdmissionStep
    step_date: dt.date
    document_number: str | None
    issuing_body: str | None
    note: str | None
    votes_for: int | None
    votes_total: int | None
    late: bool  # a decision after its deadline


@dataclass(frozen=True)
class ActionRow:
    action: AdmissionAction
    action_date: dt.date
    state_before: AdmissionState
    reason: str


@dataclass(frozen=True)
class PersonRef:
    member_id: int
    full_name: str


@dataclass(frozen=True)
class CaseRecord:
    id: int
    version: int
    draft: CandidateDraft
    cell_name: str
    parent_id: int | None  # the organisation above the cell: where introducers and mentors are found
    state: AdmissionState
    under_section: bool
    steps: tuple[StepRow, ...]
    actions: tuple[ActionRow, ...]
    next_step: AdmissionStep | None
    deadline: Deadline | None
    certificate_number: str | None
    certificate_date: dt.date | None
    certificate_issuer: str | None
    introducers: tuple[tuple[PersonRef, int | None], ...]  # (introducer, months together)
    union_introduction: UnionIntroduction | None
    union_resolution_number: str | None
    mentor: PersonRef | None
    ceremony_late_consent: str | None
    closed_reason: str | None
    member_id: int | None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


_CELL = aliased(PartyOrganization)


def _listed(statement: Select, path: str, query: AdmissionListQuery) -> Select:  # type: ignore[type-arg]
    statement = statement.join(_CELL, _CELL.id == AdmissionCase.cell_id).where(
        _CELL.path >= path, _CELL.path < subtree_upper_bound(path))
    if query.state is not None:
        statement = statement.where(AdmissionCase.state == query.state)
    elif not query.include_closed:
        statement = statement.where(AdmissionCase.state.in_(sorted(OPEN_STATES, key=lambda s: s.value)))
    if query.overdue_on is not None:
        statement = statement.where(AdmissionCase.next_deadline < query.overdue_on)
    return statement


def _scoped_path(session: Session, actor: Actor, organization_id: int) -> str:
    return require_organization_in_scope(session, actor, organization_id)


def count_cases(database: Database, query: AdmissionListQuery) -> int:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = _scoped_path(session, actor, query.organization_id)
        return session.scalar(_listed(select(func.count(AdmissionCase.id)), path, query)) or 0


def fetch_cases(database: Database, query: AdmissionListQuery, offset: int, limit: int) -> list[CaseRow]:
    """One page of the candidates of the subtree, the nearest deadline first, then by name."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = _scoped_path(session, actor, query.organization_id)
        statement = _listed(select(
            AdmissionCase.id, AdmissionCase.full_name, AdmissionCase.date_of_birth, AdmissionCase.dob_precision,
            _CELL.name, AdmissionCase.state, AdmissionCase.next_deadline,
        ), path, query).order_by(
            AdmissionCase.next_deadline.is_(None), AdmissionCase.next_deadline,
            AdmissionCase.name_sort_key, AdmissionCase.id,
        ).offset(offset).limit(limit)
        return [CaseRow(*row) for row in session.execute(statement)]


def get_case(database: Database, case_id: int) -> CaseRecord:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        case = _case_in_scope(session, actor, case_id)
        return case_record(session, case)


def create_case(database: Database, draft: CandidateDraft, today: dt.date | None = None) -> CaseRecord:
    """List a candidate (quần chúng ưu tú) in a cell of the actor's scope."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    draft = normalised(draft)
    with database.transaction() as session:
        if draft.cell_id is not None:
            _require_cell_in_scope(session, actor, draft.cell_id)
        _validate(session, draft, today, None)
        case = AdmissionCase(state=AdmissionState.CANDIDATE, version=1)
        _copy(draft, case)
        session.add(case)
        session.flush()
        return case_record(session, case)


def update_case(
    database: Database, case_id: int, expected_version: int, draft: CandidateDraft, today: dt.date | None = None,
) -> CaseRecord:
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    draft = normalised(draft)
    try:
        with database.transaction() as session:
            _case_in_scope(session, actor, case_id)
            if draft.cell_id is not None:
                _require_cell_in_scope(session, actor, draft.cell_id)
            case = load_for_edit(session, AdmissionCase, case_id, expected_version)
            require_open(case)
            _validate(session, draft, today, case_id)
            _copy(draft, case)
            session.flush()
            return case_record(session, case)
    except StaleDataError as error:
        raise ConcurrentEdit(case_id) from error


def undo_last_step(
    database: Database, case_id: int, expected_version: int, reason: str, today: dt.date | None = None,
) -> CaseRecord:
    """Go back one step (a document recorded by mistake, a step to redo): the step's row goes,
    the action stays with its reason."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    reason = nfc(reason) or ""
    with database.transaction() as session:
        _case_in_scope(session, actor, case_id)
        case = load_for_edit(session, AdmissionCase, case_id, expected_version)
        require_open(case)
        last = session.scalars(select(AdmissionStepRecord).where(AdmissionStepRecord.case_id == case_id)
                               .order_by(AdmissionStepRecord.step_date.desc(), AdmissionStepRecord.id.desc())
                               .limit(1)).first()
        problems = check_reason(reason)
        if last is None:
            problems.append(Problem("", ProblemCode.ADMISSION_NOTHING_TO_UNDO))
        if problems:
            raise ValidationFailed(problems)
        assert last is not None
        session.add(AdmissionActionRecord(case_id=case_id, action=AdmissionAction.STEP_UNDONE, action_date=today,
                                          state_before=case.state, reason=reason))
        if last.step is AdmissionStep.COURSE_PASSED:
            case.certificate_number = case.certificate_date = case.certificate_issuer = None
        if last.step is AdmissionStep.INTRODUCED:
            case.introducer1_id = case.introducer2_id = None
            case.introducer1_months = case.introducer2_months = None
            case.union_introduction = case.union_resolution_number = None
        session.delete(last)
        session.flush()
        refresh_state(session, case)
        return case_record(session, case)


def close_case(
    database: Database, case_id: int, expected_version: int, action: AdmissionAction, reason: str,
    on: dt.date, today: dt.date | None = None,
) -> CaseRecord:
    """Reject (not admitted), withdraw (the candidate withdrew) or expire a case, with the reason."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    reason = nfc(reason) or ""
    if action is AdmissionAction.STEP_UNDONE:
        raise ValueError(action)
    with database.transaction() as session:
        _case_in_scope(session, actor, case_id)
        case = load_for_edit(session, AdmissionCase, case_id, expected_version)
        require_open(case)
        problems = check_reason(reason)
        if on > today:
            problems.append(Problem("action_date", ProblemCode.DATE_IN_FUTURE))
        if problems:
            raise ValidationFailed(problems)
        session.add(AdmissionActionRecord(case_id=case_id, action=action, action_date=on,
                                          state_before=case.state, reason=reason))
        case.state = AdmissionState[action.name]
        case.closed_reason = reason
        case.next_deadline = None
        session.flush()
        return case_record(session, case)


# Shared with admission_steps ---------------------------------------------------------------


def require_open(case: AdmissionCase) -> None:
    if case.state not in OPEN_STATES:
        raise ValidationFailed([Problem("", ProblemCode.ADMISSION_CASE_CLOSED, {"state": case.state})])


def _case_in_scope(session: Session, actor: Actor, case_id: int) -> AdmissionCase:
    case = session.get(AdmissionCase, case_id)
    if case is None:
        raise RecordNotFound(case_id)
    require_organization_in_scope(session, actor, case.cell_id)
    return case


case_in_scope = _case_in_scope


def is_under_section(session: Session, cell_id: int) -> bool:
    """Whether the cell sits under a section committee (đảng ủy bộ phận): then it appraises."""
    parent = aliased(PartyOrganization)
    kind = session.scalar(select(parent.kind).join(PartyOrganization, PartyOrganization.parent_id == parent.id)
                          .where(PartyOrganization.id == cell_id))
    return kind is OrgKind.SECTION_COMMITTEE


def done_steps(session: Session, case_id: int) -> list[AdmissionStepRecord]:
    return list(session.scalars(select(AdmissionStepRecord).where(AdmissionStepRecord.case_id == case_id)
                                .order_by(AdmissionStepRecord.step_date, AdmissionStepRecord.id)))


def refresh_state(session: Session, case: AdmissionCase) -> None:
    """The state and next deadline follow from the steps done (after a step or an undo)."""
    steps = done_steps(session, case.id)
    case.state = state_of([row.step for row in steps])
    deadline = next_deadline({row.step: row.step_date for row in steps}, RuleBook.load(session),
                             load_calendar(session))
    case.next_deadline = deadline.due if deadline else None


def case_record(session: Session, case: AdmissionCase) -> CaseRecord:
    rules, calendar = RuleBook.load(session), load_calendar(session)
    steps = done_steps(session, case.id)
    dates = {row.step: row.step_date for row in steps}
    under_section = is_under_section(session, case.cell_id)
    decision_due = (next_deadline({AdmissionStep.CELL_RESOLVED: dates[AdmissionStep.CELL_RESOLVED]}, rules, calendar)
                    if AdmissionStep.CELL_RESOLVED in dates else None)
    step_rows = tuple(
        StepRow(row.step, row.step_date, row.document_number, row.issuing_body, row.note, row.votes_for,
                row.votes_total, row.step is AdmissionStep.DECIDED and decision_due is not None
                and decision_is_late(row.step_date, decision_due))
        for row in steps)
    actions = tuple(ActionRow(*row) for row in session.execute(
        select(AdmissionActionRecord.action, AdmissionActionRecord.action_date, AdmissionActionRecord.state_before,
               AdmissionActionRecord.reason).where(AdmissionActionRecord.case_id == case.id)
        .order_by(AdmissionActionRecord.id)))
    draft = CandidateDraft(**{item.name: getattr(case, item.name) for item in fields(CandidateDraft)})
    cell_name, parent_id = session.execute(select(PartyOrganization.name, PartyOrganization.parent_id)
                                           .where(PartyOrganization.id == case.cell_id)).one()
    introducers = tuple((person, months) for person, months in (
        (_person(session, case.introducer1_id), case.introducer1_months),
        (_person(session, case.introducer2_id), case.introducer2_months)) if person is not None)
    open_case = case.state in OPEN_STATES
    return CaseRecord(
        id=case.id, version=case.version, draft=draft, cell_name=cell_name, parent_id=parent_id, state=case.state,
        under_section=under_section, steps=step_rows, actions=actions,
        next_step=next_step([row.step for row in steps], under_section) if open_case else None,
        deadline=next_deadline(dates, rules, calendar) if open_case else None,
        certificate_number=case.certificate_number, certificate_date=case.certificate_date,
        certificate_issuer=case.certificate_issuer, introducers=introducers,
        union_introduction=case.union_introduction, union_resolution_number=case.union_resolution_number,
        mentor=_person(session, case.mentor_id), ceremony_late_consent=case.ceremony_late_consent,
        closed_reason=case.closed_reason, member_id=case.member_id,
    )


def _person(session: Session, member_id: int | None) -> PersonRef | None:
    if member_id is None:
        return None
    name = session.scalar(select(Member.full_name).where(Member.id == member_id))
    return PersonRef(member_id, name) if name is not None else None


def normalised(draft: CandidateDraft) -> CandidateDraft:
    changes: dict[str, object] = {}
    for name in _TEXT_FIELDS:
        value = nfc(getattr(draft, name))
        changes[name] = value if value else ("" if name == "full_name" else None)
    if changes.get("national_id"):
        changes["national_id"] = str(changes["national_id"]).replace(" ", "")
    changes["ethnicity"] = changes["ethnicity"] or draft.ethnicity
    changes["religion"] = changes["religion"] or draft.religion
    return replace(draft, **changes)  # type: ignore[arg-type]


def _require_cell_in_scope(session: Session, actor: Actor, cell_id: int) -> None:
    path = session.scalar(select(PartyOrganization.path).where(PartyOrganization.id == cell_id))
    if path is not None:
        require_organization_in_scope(session, actor, cell_id)


def candidate_problems(session: Session, draft: CandidateDraft, today: dt.date, case_id: int | None) -> list[Problem]:
    """The member rules that apply to a person before admission, the cell, the national id."""
    member = member_draft_of(draft, admission_date=today)
    problems = [problem for problem in check_member(member, RuleBook.load(session), today)
                if problem.field not in _MEMBER_ONLY_FIELDS]
    if draft.listed_date is None:
        problems.append(Problem("listed_date", ProblemCode.REQUIRED))
    elif draft.listed_date > today:
        problems.append(Problem("listed_date", ProblemCode.DATE_IN_FUTURE))
    if draft.cell_id is not None:
        found = session.execute(select(PartyOrganization.kind, PartyOrganization.status)
                                .where(PartyOrganization.id == draft.cell_id)).first()
        problems += cell_problems(found.kind if found else None, found.status if found else None)
    if draft.national_id:
        holder = session.scalar(select(Member.full_name).where(Member.national_id == draft.national_id).limit(1))
        if holder is not None:
            problems.append(Problem("national_id", ProblemCode.ADMISSION_ALREADY_MEMBER, {"holder": holder}))
        other = select(AdmissionCase.full_name).where(
            AdmissionCase.national_id == draft.national_id,
            AdmissionCase.state.in_(sorted(OPEN_STATES, key=lambda s: s.value)))
        if case_id is not None:
            other = other.where(AdmissionCase.id != case_id)
        if (name := session.scalar(other.limit(1))) is not None:
            problems.append(Problem("national_id", ProblemCode.ADMISSION_CASE_OPEN_ELSEWHERE, {"holder": name}))
    return problems


def _validate(session: Session, draft: CandidateDraft, today: dt.date, case_id: int | None) -> None:
    problems = candidate_problems(session, draft, today, case_id)
    if problems:
        raise ValidationFailed(problems)


def _copy(draft: CandidateDraft, case: AdmissionCase) -> None:
    for item in fields(CandidateDraft):
        setattr(case, item.name, getattr(draft, item.name))
    case.name_sort_key = name_sort_key(draft.full_name)


@dataclass(frozen=True)
class OrganizationChoice:
    id: int
    name: str
    code: str


def find_organizations(database: Database, text: str, limit: int = 30) -> list[OrganizationChoice]:
    """Organisations of the actor's scope whose name or code contains the text (any case)."""
    actor = require(database, Permission.VIEW_REGISTER)
    pattern = f"%{text.strip().lower()}%"
    statement = select(PartyOrganization.id, PartyOrganization.name, PartyOrganization.code).where(
        func.lower(PartyOrganization.name).like(pattern) | func.lower(PartyOrganization.code).like(pattern))
    if actor.scope_path is not None:
        statement = statement.where(PartyOrganization.path >= actor.scope_path,
                                    PartyOrganization.path < subtree_upper_bound(actor.scope_path))
    with database.reading() as session:
        rows = session.execute(statement.order_by(PartyOrganization.level, PartyOrganization.path).limit(limit))
        return [OrganizationChoice(*row) for row in rows]


def default_organization(database: Database) -> OrganizationChoice | None:
    """The actor's scope organisation, or the first root: where the window opens."""
    actor = require(database, Permission.VIEW_REGISTER)
    statement = select(PartyOrganization.id, PartyOrganization.name, PartyOrganization.code)
    if actor.scope_path is not None:
        statement = statement.where(PartyOrganization.path == actor.scope_path)
    else:
        statement = statement.where(PartyOrganization.parent_id.is_(None)).order_by(PartyOrganization.position,
                                                                                     PartyOrganization.id)
    with database.reading() as session:
        row = session.execute(statement.limit(1)).first()
        return OrganizationChoice(*row) if row else None

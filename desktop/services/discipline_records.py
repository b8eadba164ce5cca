"""Discipline decisions on members and organisations: written with the member's history,
read by the annual rating (domain spec §5.4 R-EVAL-3, §5.6, §6.4).

The inspection cases (issue 9) call `apply_discipline` inside their own transaction when a
decision is taken; `record_discipline` enters a decision by itself (a cell's reprimand, an
older decision). Authority, votes and limitation periods belong to the cases; this module
keeps what every decision must satisfy wherever it comes from.

Public API:
    DisciplineDraft, DisciplineFact
    apply_discipline(session, draft, today, rules=None) -> DisciplineRecord
    record_discipline(database, draft, today=None) -> int
    annul_discipline(database, record_id, on, reason) -> None
    member_discipline_in_years(session, member_ids, first_year, last_year) -> {member_id: [fact]}
    organization_discipline_in_years(session, organization_ids, first_year, last_year) -> {org_id: [fact]}
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop.db.database import Database
from desktop.models.discipline import (
    MEMBER_FORMS,
    ORGANIZATION_FORMS,
    PROBATIONARY_MEMBER_FORMS,
    DisciplineForm,
    DisciplineRecord,
)
from desktop.models.enums import MemberEventKind, MemberStatus
from desktop.models.member import CommitteeMembership, Member
from desktop.models.member_lifecycle import EventDraft
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import (
    PermissionDenied,
    current_actor,
    require_member_in_scope,
    require_organization_in_scope,
)
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.member_events import apply_member_event

_EVENT_KIND = {
    DisciplineForm.REPRIMAND: MemberEventKind.REPRIMANDED,
    DisciplineForm.WARNING: MemberEventKind.WARNED,
    DisciplineForm.DISMISSAL: MemberEventKind.DISMISSED_FROM_POST,
    DisciplineForm.EXPULSION: MemberEventKind.EXPELLED,
}
_TEXT_LIMITS = {"deciding_body": 200, "decision_number": 60}
_IN_CHUNK = 500  # ids per IN (…) list: well under every backend's parameter limit


@dataclass(frozen=True)
class DisciplineDraft:
    """A discipline decision as a form or an inspection case describes it."""

    form: DisciplineForm
    deciding_body: str
    decision_number: str
    decided_on: dt.date | None
    effective_on: dt.date | None
    violation_summary: str
    member_id: int | None = None
    organization_id: int | None = None
    violation_on: dt.date | None = None
    # None: the year of the effective date. An earlier year when the violation was already
    # counted in that year's rating (one violation counts once, R-EVAL-3).
    rating_year: int | None = None
    self_remedied: bool = False
    case_id: int | None = None
    effect_ends_on: dt.date | None = None


@dataclass(frozen=True)
class DisciplineFact:
    """What the annual rating needs to know of one decision."""

    record_id: int
    member_id: int | None
    organization_id: int | None
    form: DisciplineForm
    effective_on: dt.date
    rating_year: int
    self_remedied: bool

    @property
    def caps_rating(self) -> bool:
        """The decision limits the subject's rating of its year to "not completed" (R-EVAL-3)."""
        return not self.self_remedied


def _normalised(draft: DisciplineDraft) -> DisciplineDraft:
    return DisciplineDraft(
        **{**draft.__dict__,
           "deciding_body": nfc(draft.deciding_body or "").strip(),
           "decision_number": nfc(draft.decision_number or "").strip(),
           "violation_summary": nfc(draft.violation_summary or "").strip()})


def _draft_problems(draft: DisciplineDraft, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    for field in ("deciding_body", "decision_number", "violation_summary", "decided_on", "effective_on"):
        if not getattr(draft, field):
            problems.append(Problem(field, ProblemCode.REQUIRED))
    for field, limit in _TEXT_LIMITS.items():
        if len(getattr(draft, field)) > limit:
            problems.append(Problem(field, ProblemCode.TEXT_TOO_LONG, {"max": limit}))
    for field in ("decided_on", "effective_on", "violation_on"):
        day = getattr(draft, field)
        if day is not None and day > today:
            problems.append(Problem(field, ProblemCode.DATE_IN_FUTURE))
    if draft.decided_on and draft.effective_on and draft.effective_on < draft.decided_on:
        problems.append(Problem("effective_on", ProblemCode.DISCIPLINE_EFFECTIVE_BEFORE_DECISION))
    if draft.violation_on and draft.decided_on and draft.violation_on > draft.decided_on:
        problems.append(Problem("violation_on", ProblemCode.DISCIPLINE_VIOLATION_AFTER_DECISION))
    if draft.rating_year is not None and draft.effective_on is not None:
        earliest = (draft.violation_on or draft.effective_on).year
        if not earliest <= draft.rating_year <= draft.effective_on.year:
            problems.append(Problem("rating_year", ProblemCode.DISCIPLINE_RATING_YEAR,
                                    {"earliest": earliest, "latest": draft.effective_on.year}))
    return problems


def _member_problems(session: Session, member: Member, draft: DisciplineDraft) -> list[Problem]:
    if not member.status.is_active:
        return [Problem("member_id", ProblemCode.DISCIPLINE_MEMBER_NOT_ACTIVE, {"status": member.status})]
    if draft.form not in MEMBER_FORMS:
        return [Problem("form", ProblemCode.DISCIPLINE_FORM_NOT_FOR_SUBJECT, {"form": draft.form})]
    if member.status is MemberStatus.PROBATIONARY and draft.form not in PROBATIONARY_MEMBER_FORMS:
        return [Problem("form", ProblemCode.DISCIPLINE_FORM_NOT_FOR_PROBATIONARY, {"form": draft.form})]
    if draft.form is DisciplineForm.DISMISSAL and draft.decided_on is not None:
        if not _holds_post(session, member.id, draft.decided_on):
            return [Problem("form", ProblemCode.DISCIPLINE_DISMISSAL_WITHOUT_POST, {"on": draft.decided_on})]
    return []


def _holds_post(session: Session, member_id: int, on: dt.date) -> bool:
    seat = session.scalar(
        select(CommitteeMembership.id).where(
            CommitteeMembership.member_id == member_id,
            CommitteeMembership.start_date <= on,
            (CommitteeMembership.end_date.is_(None)) | (CommitteeMembership.end_date >= on),
        ).limit(1))
    return seat is not None


def apply_discipline(
    session: Session, draft: DisciplineDraft, today: dt.date, rules: RuleBook | None = None
) -> DisciplineRecord:
    """Check the decision, write it and, for a member, the history event (EXPELLED for an
    expulsion, which ends the membership). In the caller's transaction; the caller checks
    permission and scope. Raises ValidationFailed (nothing written) when a rule is broken."""
    draft = _normalised(draft)
    problems = _draft_problems(draft, today)
    member: Member | None = None
    if (draft.member_id is None) == (draft.organization_id is None):
        raise ValueError("a discipline decision names exactly one member or one organisation")
    if draft.member_id is not None:
        member = session.get(Member, draft.member_id)
        if member is None:
            raise RecordNotFound(draft.member_id)
        problems += _member_problems(session, member, draft)
    elif draft.form not in ORGANIZATION_FORMS:
        problems.append(Problem("form", ProblemCode.DISCIPLINE_FORM_NOT_FOR_SUBJECT, {"form": draft.form}))
    if problems:
        raise ValidationFailed(problems)
    assert draft.effective_on is not None and draft.decided_on is not None  # checked above
    if member is not None:
        apply_member_event(session, member, EventDraft(
            kind=_EVENT_KIND[draft.form], effective_date=draft.effective_on,
            decision_number=draft.decision_number, decision_date=draft.decided_on,
            issuing_body=draft.deciding_body, note=draft.violation_summary,
        ), today, rules)
    record = DisciplineRecord(
        member_id=draft.member_id, organization_id=draft.organization_id, form=draft.form,
        deciding_body=draft.deciding_body, decision_number=draft.decision_number,
        decided_on=draft.decided_on, effective_on=draft.effective_on,
        effect_ends_on=draft.effect_ends_on, violation_on=draft.violation_on,
        rating_year=draft.rating_year or draft.effective_on.year,
        self_remedied=draft.self_remedied, case_id=draft.case_id,
        violation_summary=draft.violation_summary,
    )
    session.add(record)
    session.flush()
    return record


def _require_recorder(database: Database) -> None:
    """Decisions reach the record through the office (register) or the inspection committee."""
    actor = current_actor(database)
    if not (actor.may(Permission.EDIT_REGISTER) or actor.may(Permission.VIEW_INSPECTION)):
        raise PermissionDenied(Permission.EDIT_REGISTER, actor.username)


def record_discipline(database: Database, draft: DisciplineDraft, today: dt.date | None = None) -> int:
    """One decision entered by itself, in its own transaction; the id of the record."""
    _require_recorder(database)
    actor = current_actor(database)
    with database.transaction() as session:
        if draft.member_id is not None:
            require_member_in_scope(session, actor, draft.member_id)
        elif draft.organization_id is not None:
            require_organization_in_scope(session, actor, draft.organization_id)
        return apply_discipline(session, draft, today or clock.today()).id


def annul_discipline(database: Database, record_id: int, on: dt.date, reason: str) -> None:
    """A decision annulled or replaced on a complaint (§6.8): it stops counting anywhere.
    The history keeps its event; the annulment is the record's own, audited change."""
    _require_recorder(database)
    actor = current_actor(database)
    reason = nfc(reason or "").strip()
    with database.transaction() as session:
        record = session.get(DisciplineRecord, record_id)
        if record is None:
            raise RecordNotFound(record_id)
        if record.member_id is not None:
            require_member_in_scope(session, actor, record.member_id)
        elif record.organization_id is not None:
            require_organization_in_scope(session, actor, record.organization_id)
        problems = []
        if not reason:
            problems.append(Problem("annulment_reason", ProblemCode.REQUIRED))
        if on < record.decided_on:
            problems.append(Problem("annulled_on", ProblemCode.DISCIPLINE_EFFECTIVE_BEFORE_DECISION))
        if on > clock.today():
            problems.append(Problem("annulled_on", ProblemCode.DATE_IN_FUTURE))
        if problems:
            raise ValidationFailed(problems)
        record.annulled_on = on
        record.annulment_reason = reason[:300]


def _facts(
    session: Session, column: InstrumentedAttribute[int | None],
    ids: Select[tuple[int]] | Sequence[int], first_year: int, last_year: int,
) -> dict[int, list[DisciplineFact]]:
    record = DisciplineRecord
    base = select(record).where(record.rating_year >= first_year, record.rating_year <= last_year,
                                record.annulled_on.is_(None))
    conditions: list[ColumnElement[bool]]
    if isinstance(ids, Select):
        conditions = [column.in_(ids.scalar_subquery())]
    else:
        unique = sorted(set(ids))
        conditions = [column.in_(unique[i:i + _IN_CHUNK]) for i in range(0, len(unique), _IN_CHUNK)]
    found: dict[int, list[DisciplineFact]] = defaultdict(list)
    for condition in conditions:
        for row in session.scalars(base.where(condition).order_by(record.effective_on, record.id)):
            key = row.member_id if row.member_id is not None else row.organization_id
            assert key is not None
            found[key].append(DisciplineFact(
                record_id=row.id, member_id=row.member_id, organization_id=row.organization_id,
                form=row.form, effective_on=row.effective_on, rating_year=row.rating_year,
                self_remedied=row.self_remedied))
    return dict(found)


def member_discipline_in_years(
    session: Session, member_ids: Select[tuple[int]] | Sequence[int], first_year: int, last_year: int
) -> dict[int, list[DisciplineFact]]:
    """The decisions (not annulled) counting in the ratings of those years, by member.
    `member_ids` is a list or a SELECT of ids (a whole subtree without loading it)."""
    return _facts(session, DisciplineRecord.member_id, member_ids, first_year, last_year)


def organization_discipline_in_years(
    session: Session, organization_ids: Select[tuple[int]] | Sequence[int], first_year: int, last_year: int
) -> dict[int, list[DisciplineFact]]:
    """The decisions on organisations counting in those years' ratings, by organisation."""
    return _facts(session, DisciplineRecord.organization_id, organization_ids, first_year, last_year)

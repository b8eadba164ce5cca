"""Reading evaluations: a page of a cell's (or a subtree's) evaluations with the ceiling each
may reach, the quota of a grassroots organisation, the results per organisation, the members
by rating (streamed), and what the individual review form prints.

Public API:
    EvaluationQuery, EvaluationRow, QuotaStatus, ResultsRow, RatedMember, ReviewFormFacts
    count_evaluations(database, query) -> int
    fetch_evaluation_rows(database, query, offset, limit) -> list[EvaluationRow]
    quota_scopes(database, period_id, organization_id) -> list[(id, name)]
    quota_status(database, period_id, scope_id, pending_ids=()) -> QuotaStatus
    proposed_ratings(database, period_id, scope_id) -> {evaluation_id: Rating}
    results_by_organization(database, period_id, organization_id) -> (rows, total)
    members_by_rating(database, period_id, organization_id) -> Iterator[RatedMember]
    member_evaluation(database, period_id, member_id) -> (evaluation_id, cell_id) | None
    review_form_facts(database, evaluation_id) -> ReviewFormFacts
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, aliased

from desktop.db.database import Database
from desktop.models.enums import CommitteeRole, DatePrecision, MemberStatus, OrgKind
from desktop.models.evaluation_rules import Ceiling, QuotaUse, member_ceiling, quota_from_counts
from desktop.models.evaluations import (
    RATINGS_BEST_FIRST,
    Evaluation,
    EvaluationPeriod,
    EvaluationState,
    EvaluationSubject,
    Rating,
)
from desktop.models.member import CommitteeMembership, Member
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Permission
from desktop.models.rules import RuleBook
from desktop.services.access import require, require_organization_in_scope, require_path_in_scope
from desktop.services.errors import RecordNotFound
from desktop.services.evaluation_campaign import ProgressRow, child_rows, row_for, subtree_counts
from desktop.services.evaluation_facts import disciplined_members, disciplined_organizations


@dataclass(frozen=True)
class EvaluationQuery:
    period_id: int
    organization_id: int  # its subtree
    subject: EvaluationSubject = EvaluationSubject.MEMBER
    states: tuple[EvaluationState, ...] | None = None
    quota_scope_id: int | None = None


@dataclass(frozen=True)
class EvaluationRow:
    id: int
    version: int
    subject: EvaluationSubject
    name: str
    date_of_birth: dt.date | None
    dob_precision: DatePrecision
    probationary: bool
    organization_name: str
    state: EvaluationState
    self_rating: Rating | None
    self_score: int | None
    proposed_rating: Rating | None
    score: int | None
    votes_for: int | None
    votes_cast: int | None
    cell_comment: str | None
    decided_rating: Rating | None
    decision_number: str | None
    moved_in_on: dt.date | None
    previous_organization: str | None
    outside_comment: str | None
    ceiling: Ceiling


def _subtree(path: str):  # type: ignore[no-untyped-def]
    return (PartyOrganization.path >= path) & (PartyOrganization.path < subtree_upper_bound(path))


def _statement(session: Session, database: Database, query: EvaluationQuery, columns: Sequence[object]) -> Select:
    actor = require(database, Permission.VIEW_REGISTER)
    path = require_organization_in_scope(session, actor, query.organization_id)
    statement = (
        select(*columns)
        .select_from(Evaluation)
        .join(PartyOrganization, PartyOrganization.id == Evaluation.organization_id)
        .outerjoin(Member, Member.id == Evaluation.member_id)
        .where(Evaluation.period_id == query.period_id, Evaluation.subject == query.subject, _subtree(path)))
    if query.states is not None:
        statement = statement.where(Evaluation.state.in_(query.states))
    if query.quota_scope_id is not None:
        statement = statement.where(Evaluation.quota_scope_id == query.quota_scope_id)
    return statement


def count_evaluations(database: Database, query: EvaluationQuery) -> int:
    with database.reading() as session:
        return session.scalar(_statement(session, database, query, [func.count()])) or 0


def fetch_evaluation_rows(database: Database, query: EvaluationQuery, offset: int, limit: int) -> list[EvaluationRow]:
    """A page in list order: by cell, then by name as party lists sort them."""
    with database.reading() as session:
        statement = (_statement(session, database, query, [Evaluation, Member, PartyOrganization.name])
                     .order_by(PartyOrganization.path, Member.name_sort_key, Evaluation.id)
                     .offset(offset).limit(limit))
        rows = session.execute(statement).all()
        if not rows:
            return []
        period = session.get(EvaluationPeriod, query.period_id)
        assert period is not None
        rules = RuleBook.load(session)
        members = disciplined_members(session, [e.member_id for e, _m, _n in rows if e.member_id], period.year)
        orgs = disciplined_organizations(
            session, [e.organization_id for e, _m, _n in rows if e.subject is EvaluationSubject.ORGANIZATION],
            period.year)
    result = []
    for evaluation, member, org_name in rows:
        disciplined = (evaluation.member_id in members if member is not None
                       else evaluation.organization_id in orgs)
        score = evaluation.score if evaluation.score is not None else evaluation.self_score
        result.append(EvaluationRow(
            id=evaluation.id, version=evaluation.version, subject=evaluation.subject,
            name=member.full_name if member is not None else org_name,
            date_of_birth=member.date_of_birth if member is not None else None,
            dob_precision=member.dob_precision if member is not None else DatePrecision.DAY,
            probationary=member is not None and member.status is MemberStatus.PROBATIONARY,
            organization_name=org_name, state=evaluation.state, self_rating=evaluation.self_rating,
            self_score=evaluation.self_score, proposed_rating=evaluation.proposed_rating, score=evaluation.score,
            votes_for=evaluation.votes_for, votes_cast=evaluation.votes_cast, cell_comment=evaluation.cell_comment,
            decided_rating=evaluation.decided_rating, decision_number=evaluation.decision_number,
            moved_in_on=evaluation.moved_in_on, previous_organization=evaluation.previous_organization,
            outside_comment=evaluation.outside_comment,
            ceiling=member_ceiling(score, disciplined, rules, period.end_date)))
    return result


# --- quota --------------------------------------------------------------------------------

@dataclass(frozen=True)
class QuotaStatus:
    """The decided ratings of a scope, apart from the ones on screen, and the rule to count them."""

    scope_id: int
    scope_name: str
    excellent: int
    good: int
    rules: RuleBook
    on: dt.date

    def with_pending(self, ratings: Sequence[Rating | None]) -> QuotaUse:
        """The quota if the ratings on screen were decided as they stand."""
        excellent = self.excellent + sum(1 for r in ratings if r is Rating.EXCELLENT)
        good = self.good + sum(1 for r in ratings if r is Rating.GOOD)
        return quota_from_counts(excellent, good, self.rules, self.on)


def quota_scopes(database: Database, period_id: int, organization_id: int) -> list[tuple[int, str]]:
    """The grassroots organisations deciding members of the subtree (the quota's scopes)."""
    actor = require(database, Permission.VIEW_REGISTER)
    scope = aliased(PartyOrganization)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        statement = (select(scope.id, scope.name, scope.path).distinct()
                     .select_from(Evaluation)
                     .join(PartyOrganization, PartyOrganization.id == Evaluation.organization_id)
                     .join(scope, scope.id == Evaluation.quota_scope_id)
                     .where(Evaluation.period_id == period_id, Evaluation.subject == EvaluationSubject.MEMBER,
                            _subtree(path))
                     .order_by(scope.path))
        return [(row.id, row.name) for row in session.execute(statement)]


def quota_status(database: Database, period_id: int, scope_id: int, pending_ids: Sequence[int] = (),
                 subject: EvaluationSubject = EvaluationSubject.MEMBER) -> QuotaStatus:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = session.scalar(select(PartyOrganization.path).where(PartyOrganization.id == scope_id))
        if path is None:
            raise RecordNotFound(scope_id)
        if actor.scope_path is not None and not actor.scope_path.startswith(path):
            require_path_in_scope(actor, path)
        period = session.get(EvaluationPeriod, period_id)
        if period is None:
            raise RecordNotFound(period_id)
        statement = (select(Evaluation.decided_rating, func.count())
                     .where(Evaluation.period_id == period_id, Evaluation.quota_scope_id == scope_id,
                            Evaluation.subject == subject, Evaluation.quota_exempt_reason.is_(None),
                            Evaluation.decided_rating.in_((Rating.EXCELLENT, Rating.GOOD)))
                     .group_by(Evaluation.decided_rating))
        if pending_ids:
            statement = statement.where(Evaluation.id.not_in(list(pending_ids)))
        counts = dict(session.execute(statement).all())
        name = session.scalar(select(PartyOrganization.name).where(PartyOrganization.id == scope_id)) or ""
        return QuotaStatus(scope_id, name, counts.get(Rating.EXCELLENT, 0), counts.get(Rating.GOOD, 0),
                           RuleBook.load(session), period.end_date)


def proposed_ratings(database: Database, period_id: int, scope_id: int,
                     subject: EvaluationSubject = EvaluationSubject.MEMBER) -> dict[int, Rating]:
    """The proposals waiting for the committee in a quota scope: evaluation id → proposed rating."""
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        return dict(session.execute(select(Evaluation.id, Evaluation.proposed_rating).where(
            Evaluation.period_id == period_id, Evaluation.quota_scope_id == scope_id,
            Evaluation.subject == subject, Evaluation.state == EvaluationState.PROPOSED)).all())


# --- results ------------------------------------------------------------------------------

@dataclass
class ResultsRow:
    """Decided ratings of one organisation's subtree (None: not decided yet)."""

    organization_id: int
    name: str
    kind: OrgKind
    members: dict[Rating | None, int] = field(default_factory=dict)
    organizations: dict[Rating | None, int] = field(default_factory=dict)

    @property
    def member_total(self) -> int:
        return sum(self.members.values())

    @property
    def organization_total(self) -> int:
        return sum(self.organizations.values())


def results_by_organization(database: Database, period_id: int, organization_id: int
                            ) -> tuple[list[ResultsRow], ResultsRow]:
    """Per child of the organisation and in all: members and organisations at each rating."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        progress_rows, by_prefix = child_rows(session, organization_id, path)
        node = session.execute(select(PartyOrganization.name, PartyOrganization.kind)
                               .where(PartyOrganization.id == organization_id)).one()
        rows = {id(p): ResultsRow(p.organization_id, p.name, p.kind) for p in progress_rows}
        total = ResultsRow(organization_id, node.name, node.kind)
        # A rating counts once decided; announced results keep it.
        rating = case((Evaluation.state.in_((EvaluationState.DECIDED, EvaluationState.NOTIFIED)),
                       Evaluation.decided_rating), else_=None)
        for org_path, subject, decided, count in subtree_counts(session, period_id, path, rating):
            found: ProgressRow | None = row_for(org_path, path, by_prefix)
            targets = [total] if found is None else [rows[id(found)], total]
            key = decided if isinstance(decided, Rating) else (Rating[decided] if decided else None)
            for target in targets:
                bucket = target.members if subject is EvaluationSubject.MEMBER else target.organizations
                bucket[key] = bucket.get(key, 0) + count
    return [rows[id(p)] for p in progress_rows], total


@dataclass(frozen=True)
class RatedMember:
    rating: Rating | None
    full_name: str
    date_of_birth: dt.date
    dob_precision: DatePrecision
    cell_name: str
    decision_number: str | None


def members_by_rating(database: Database, period_id: int, organization_id: int, chunk: int = 2000
                      ) -> Iterator[RatedMember]:
    """The subtree's members, best rating first (not decided last), by cell and name; one
    sorted query streamed `chunk` rows at a time, so the whole list is never in memory."""
    actor = require(database, Permission.VIEW_REGISTER)
    rank = case(*[(Evaluation.decided_rating == r, index) for index, r in enumerate(RATINGS_BEST_FIRST)], else_=9)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        statement = (
            select(Evaluation.decided_rating, Evaluation.state, Member.full_name, Member.date_of_birth,
                   Member.dob_precision, PartyOrganization.name, Evaluation.decision_number)
            .join(PartyOrganization, PartyOrganization.id == Evaluation.organization_id)
            .join(Member, Member.id == Evaluation.member_id)
            .where(Evaluation.period_id == period_id, Evaluation.subject == EvaluationSubject.MEMBER,
                   _subtree(path))
            .order_by(rank, PartyOrganization.path, Member.name_sort_key, Evaluation.id)
            .execution_options(yield_per=chunk))
        for row in session.execute(statement):
            decided = row.state in (EvaluationState.DECIDED, EvaluationState.NOTIFIED)
            yield RatedMember(row.decided_rating if decided else None, row.full_name, row.date_of_birth,
                              row.dob_precision, row.name, row.decision_number if decided else None)


def member_evaluation(database: Database, period_id: int, member_id: int) -> tuple[int, int] | None:
    """(evaluation id, cell id) of the member in the period; None when not rated in it."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        found = session.execute(
            select(Evaluation.id, Evaluation.organization_id, PartyOrganization.path)
            .join(PartyOrganization, PartyOrganization.id == Evaluation.organization_id)
            .where(Evaluation.period_id == period_id, Evaluation.member_id == member_id)).first()
    if found is None:
        return None
    require_path_in_scope(actor, found.path)
    return found.id, found.organization_id


# --- the individual review form ------------------------------------------------------------

@dataclass(frozen=True)
class ReviewFormFacts:
    evaluation_id: int
    year: int
    period_title: str
    full_name: str
    date_of_birth: dt.date
    dob_precision: DatePrecision
    party_post: str
    government_post: str
    work_unit: str
    works_in_political_system: bool
    cell_name: str
    grassroots_name: str
    organization_id: int
    self_review: str | None
    self_rating: Rating | None
    self_score: int | None
    cell_comment: str | None
    proposed_rating: Rating | None
    score: int | None
    votes_for: int | None
    votes_cast: int | None
    decided_rating: Rating | None
    decision_number: str | None
    decided_on: dt.date | None


_POSTS = {CommitteeRole.SECRETARY: "Bí thư", CommitteeRole.DEPUTY_SECRETARY: "Phó Bí thư",
          CommitteeRole.STANDING_MEMBER: "Ủy viên Ban Thường vụ", CommitteeRole.MEMBER: "Cấp ủy viên",
          CommitteeRole.IC_CHAIR: "Chủ nhiệm Ủy ban Kiểm tra", CommitteeRole.IC_VICE_CHAIR: "Phó Chủ nhiệm Ủy ban Kiểm tra",
          CommitteeRole.IC_MEMBER: "Ủy viên Ủy ban Kiểm tra", CommitteeRole.CELL_INSPECTOR: "Đảng viên làm công tác kiểm tra"}


def review_form_facts(database: Database, evaluation_id: int) -> ReviewFormFacts:
    """A member's evaluation as the Bản kiểm điểm cá nhân prints it, pre-filled."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        found = session.execute(
            select(Evaluation, Member, PartyOrganization, EvaluationPeriod)
            .join(Member, Member.id == Evaluation.member_id)
            .join(PartyOrganization, PartyOrganization.id == Evaluation.organization_id)
            .join(EvaluationPeriod, EvaluationPeriod.id == Evaluation.period_id)
            .where(Evaluation.id == evaluation_id)).first()
        if found is None:
            raise RecordNotFound(evaluation_id)
        evaluation, member, cell, period = found
        require_path_in_scope(actor, cell.path)
        grassroots = session.scalar(select(PartyOrganization.name)
                                    .where(PartyOrganization.id == evaluation.quota_scope_id)) or ""
        seats = session.execute(
            select(CommitteeMembership.role, PartyOrganization.name)
            .join(PartyOrganization, PartyOrganization.id == CommitteeMembership.organization_id)
            .where(CommitteeMembership.member_id == member.id, CommitteeMembership.start_date <= period.end_date,
                   (CommitteeMembership.end_date.is_(None)) | (CommitteeMembership.end_date >= period.end_date))
        ).all()
    posts = "; ".join(f"{_POSTS.get(role, role.name)} {name}" for role, name in seats)
    return ReviewFormFacts(
        evaluation_id=evaluation.id, year=period.year, period_title=period.title, full_name=member.full_name,
        date_of_birth=member.date_of_birth, dob_precision=member.dob_precision, party_post=posts,
        government_post=member.position_gov or "", work_unit=member.work_unit or "",
        works_in_political_system=member.works_in_political_system, cell_name=cell.name,
        grassroots_name=grassroots, organization_id=cell.id, self_review=evaluation.self_review,
        self_rating=evaluation.self_rating, self_score=evaluation.self_score, cell_comment=evaluation.cell_comment,
        proposed_rating=evaluation.proposed_rating, score=evaluation.score, votes_for=evaluation.votes_for,
        votes_cast=evaluation.votes_cast,
        decided_rating=evaluation.decided_rating if evaluation.state.order >= EvaluationState.DECIDED.order else None,
        decision_number=evaluation.decision_number, decided_on=evaluation.decided_on)

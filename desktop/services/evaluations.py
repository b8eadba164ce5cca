"""The steps of an evaluation (domain spec §5.5): self-review, the cell's proposal with its vote,
the committee's decision, the announcement, and the recorded step back. Each call is one
transaction over one or many evaluations (a cell's grid, a committee's list): every problem
of every evaluation is reported and nothing is written if one is refused.

The decision checks what the committee must (§5.4): the proposal first, the ceiling of the
rating (points band, a discipline counted in the year, an organisation's members and
subordinates), and the quota of "excellent" in each grassroots organisation once the whole
batch is applied (R-EVAL-4).

Permission: EDIT_REGISTER (the office records what the cells and committees decided), every
evaluation's organisation in the actor's scope, the period open.

Public API:
    SelfReview, Proposal, Decision, CellEntry
    record_self_reviews(database, reviews, today=None) -> None
    record_proposals(database, proposals, today=None) -> None
    save_cell_entries(database, entries, on, today=None) -> None
    decide(database, decisions, today=None) -> None
    approve_as_proposed(database, period_id, organization_id, decision_number, on, today=None,
                        subject=EvaluationSubject.MEMBER) -> int
    notify(database, period_id, organization_id, on, today=None) -> int
    step_back(database, evaluation_id, reason, today=None) -> None
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.evaluation_rules import (
    ceiling_problems,
    member_ceiling,
    outside_comment_problems,
    score_problems,
    step_back_problems,
    step_date_problems,
    step_problems,
    vote_problems,
)
from desktop.models.evaluations import (
    DECISION_NUMBER_LENGTH,
    REASON_LENGTH,
    Evaluation,
    EvaluationPeriod,
    EvaluationState,
    EvaluationStepBack,
    EvaluationSubject,
    PeriodState,
    Rating,
)
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Actor, Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import require, require_organization_in_scope, require_path_in_scope
from desktop.services.editing import refused_if_changed
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.evaluation_campaign import scope_quota_problems
from desktop.services.evaluation_facts import (
    active_members_by_cell,
    disciplined_members,
    disciplined_organizations,
    organization_ceilings,
)


@dataclass(frozen=True)
class SelfReview:
    evaluation_id: int
    rating: Rating | None
    on: dt.date | None
    score: int | None = None
    text: str | None = None


@dataclass(frozen=True)
class Proposal:
    evaluation_id: int
    rating: Rating | None
    votes_for: int | None
    votes_cast: int | None
    on: dt.date | None
    score: int | None = None
    comment: str | None = None
    outside_comment: str | None = None  # the previous organisation's comments, when it applies


@dataclass(frozen=True)
class Decision:
    evaluation_id: int
    rating: Rating | None
    on: dt.date | None
    decision_number: str
    quota_exempt_reason: str | None = None  # an exceptional achievement decided by the committee


@dataclass
class _Loaded:
    evaluation: Evaluation
    name: str
    path: str  # of the member's cell or of the organisation rated
    period: EvaluationPeriod



def _load(session: Session, actor: Actor, ids: Sequence[int]) -> dict[int, _Loaded]:
    statement = (
        select(Evaluation, func.coalesce(Member.full_name, PartyOrganization.name), PartyOrganization.path,
               EvaluationPeriod)
        .join(PartyOrganization, PartyOrganization.id == Evaluation.organization_id)
        .join(EvaluationPeriod, EvaluationPeriod.id == Evaluation.period_id)
        .outerjoin(Member, Member.id == Evaluation.member_id)
        .where(Evaluation.id.in_(sorted(set(ids)))))
    found = {row[0].id: _Loaded(*row) for row in session.execute(statement)}
    for evaluation_id in ids:
        if evaluation_id not in found:
            raise RecordNotFound(evaluation_id)
    for loaded in found.values():
        require_path_in_scope(actor, loaded.path)
        if loaded.period.state is PeriodState.CLOSED:
            raise ValidationFailed([Problem("period_id", ProblemCode.EVALUATION_PERIOD_CLOSED)])
    return found


def _named(problems: list[Problem], loaded: _Loaded, many: bool) -> list[Problem]:
    if not many:
        return problems
    return [replace(p, params={**p.params, "name": loaded.name, "evaluation_id": loaded.evaluation.id})
            for p in problems]


def _text(value: str | None) -> str | None:
    return nfc(value or "").strip() or None


def _length(value: str | None, limit: int, field: str) -> list[Problem]:
    return [Problem(field, ProblemCode.TEXT_TOO_LONG, {"max": limit})] if value and len(value) > limit else []


def _rating_required(rating: Rating | None, field: str) -> list[Problem]:
    return [Problem(field, ProblemCode.REQUIRED)] if rating is None else []


def _disciplined(session: Session, loaded: dict[int, _Loaded]) -> tuple[set[int], set[int]]:
    """Members and organisations of these evaluations with a discipline capping their rating."""
    members = [item.evaluation.member_id for item in loaded.values() if item.evaluation.member_id is not None]
    orgs = [item.evaluation.organization_id for item in loaded.values()
            if item.evaluation.subject is EvaluationSubject.ORGANIZATION]
    years = {item.period.year for item in loaded.values()}
    found_members: set[int] = set()
    found_orgs: set[int] = set()
    for year in years:
        found_members |= disciplined_members(session, members, year)
        found_orgs |= disciplined_organizations(session, orgs, year)
    return found_members, found_orgs


def _is_disciplined(item: _Loaded, members: set[int], orgs: set[int]) -> bool:
    evaluation = item.evaluation
    if evaluation.subject is EvaluationSubject.MEMBER:
        return evaluation.member_id in members
    return evaluation.organization_id in orgs


def record_self_reviews(database: Database, reviews: Sequence[SelfReview], today: dt.date | None = None) -> None:
    """The subjects' self-reviews (bản kiểm điểm, báo cáo kiểm điểm) with their self-rating."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with refused_if_changed(reviews[0].evaluation_id if reviews else 0), database.transaction() as session:
        loaded = _load(session, actor, [review.evaluation_id for review in reviews])
        problems: list[Problem] = []
        for review in reviews:
            item = loaded[review.evaluation_id]
            found = step_problems(item.evaluation.state, EvaluationState.SELF_ASSESSED)
            found += _rating_required(review.rating, "self_rating")
            found += score_problems(review.score, "self_score")
            found += step_date_problems(review.on, None, today, "self_assessed_on")
            problems += _named(found, item, len(reviews) > 1)
        if problems:
            raise ValidationFailed(problems)
        for review in reviews:
            evaluation = loaded[review.evaluation_id].evaluation
            evaluation.state = EvaluationState.SELF_ASSESSED
            evaluation.self_rating = review.rating
            evaluation.self_score = review.score
            evaluation.self_review = _text(review.text)
            evaluation.self_assessed_on = review.on
            evaluation.self_assessed_by = actor.username


def record_proposals(database: Database, proposals: Sequence[Proposal], today: dt.date | None = None) -> None:
    """The cell's (or the organisation's meeting's) proposed ratings with their votes."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with refused_if_changed(proposals[0].evaluation_id if proposals else 0), database.transaction() as session:
        check_proposals(session, actor, proposals, today)


def check_proposals(session: Session, actor: Actor, proposals: Sequence[Proposal], today: dt.date,
                    many: bool = False) -> None:
    """Check and apply proposals in the caller's transaction (the cell grid saves self-reviews
    and proposals together)."""
    loaded = _load(session, actor, [proposal.evaluation_id for proposal in proposals])
    rules = RuleBook.load(session)
    members_by_cell = active_members_by_cell(
        session, {item.evaluation.organization_id for item in loaded.values()
                  if item.evaluation.subject is EvaluationSubject.MEMBER})
    disciplined_member_ids, disciplined_org_ids = _disciplined(session, loaded)
    problems: list[Problem] = []
    for proposal in proposals:
        item = loaded[proposal.evaluation_id]
        evaluation = item.evaluation
        on = proposal.on or today
        members = (members_by_cell.get(evaluation.organization_id, 0)
                   if evaluation.subject is EvaluationSubject.MEMBER else None)
        comment = _text(proposal.outside_comment) or evaluation.outside_comment
        found = step_problems(evaluation.state, EvaluationState.PROPOSED)
        found += _rating_required(proposal.rating, "proposed_rating")
        found += step_date_problems(proposal.on, evaluation.self_assessed_on, today, "proposed_on")
        found += vote_problems(proposal.votes_for, proposal.votes_cast, members, rules, on)
        found += score_problems(proposal.score)
        found += outside_comment_problems(evaluation.moved_in_on, evaluation.previous_organization, comment)
        if proposal.rating is not None:
            ceiling = member_ceiling(proposal.score, _is_disciplined(item, disciplined_member_ids,
                                                                     disciplined_org_ids), rules, on)
            found += ceiling_problems(proposal.rating, ceiling, "proposed_rating")
        problems += _named(found, item, many or len(proposals) > 1)
    if problems:
        raise ValidationFailed(problems)
    for proposal in proposals:
        evaluation = loaded[proposal.evaluation_id].evaluation
        evaluation.state = EvaluationState.PROPOSED
        evaluation.proposed_rating = proposal.rating
        evaluation.votes_for = proposal.votes_for
        evaluation.votes_cast = proposal.votes_cast
        evaluation.score = proposal.score
        evaluation.cell_comment = _text(proposal.comment)
        evaluation.outside_comment = _text(proposal.outside_comment) or evaluation.outside_comment
        evaluation.proposed_on = proposal.on
        evaluation.proposed_by = actor.username


@dataclass(frozen=True)
class CellEntry:
    """One row of a cell's grid: the self-rating (recorded first when not yet) and the cell's
    proposal with its vote."""

    evaluation_id: int
    self_rating: Rating | None
    proposal: Proposal | None


def save_cell_entries(database: Database, entries: Sequence[CellEntry], on: dt.date | None,
                      today: dt.date | None = None) -> None:
    """The grid of a cell in one transaction: missing self-reviews dated `on`, then the
    proposals; refused as a whole with every row's problems."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with refused_if_changed(entries[0].evaluation_id if entries else 0), database.transaction() as session:
        loaded = _load(session, actor, [entry.evaluation_id for entry in entries])
        problems: list[Problem] = []
        for entry in entries:
            item = loaded[entry.evaluation_id]
            if item.evaluation.state is EvaluationState.PLANNED and entry.self_rating is not None:
                found = step_date_problems(on, None, today, "self_assessed_on")
                problems += _named(found, item, True)
                if not found:
                    item.evaluation.state = EvaluationState.SELF_ASSESSED
                    item.evaluation.self_rating = entry.self_rating
                    item.evaluation.self_assessed_on = on
                    item.evaluation.self_assessed_by = actor.username
        if problems:
            raise ValidationFailed(problems)
        session.flush()
        proposals = [entry.proposal for entry in entries if entry.proposal is not None]
        if proposals:
            check_proposals(session, actor, proposals, today, many=True)


def decide(database: Database, decisions: Sequence[Decision], today: dt.date | None = None) -> None:
    """The competent committee's decisions; refused as a whole if one breaks a rule or the
    quota of a grassroots organisation would be exceeded once all are applied."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with refused_if_changed(decisions[0].evaluation_id if decisions else 0), database.transaction() as session:
        _apply_decisions(session, actor, decisions, today)


def _apply_decisions(session: Session, actor: Actor, decisions: Sequence[Decision], today: dt.date) -> None:
    loaded = _load(session, actor, [decision.evaluation_id for decision in decisions])
    rules = RuleBook.load(session)
    disciplined_member_ids, disciplined_org_ids = _disciplined(session, loaded)
    many = len(decisions) > 1
    problems: list[Problem] = []
    for decision in decisions:
        item = loaded[decision.evaluation_id]
        evaluation = item.evaluation
        number = _text(decision.decision_number)
        found = step_problems(evaluation.state, EvaluationState.DECIDED)
        found += _rating_required(decision.rating, "decided_rating")
        found += step_date_problems(decision.on, evaluation.proposed_on, today, "decided_on")
        found += [] if number else [Problem("decision_number", ProblemCode.REQUIRED)]
        found += _length(number, DECISION_NUMBER_LENGTH, "decision_number")
        found += _length(_text(decision.quota_exempt_reason), REASON_LENGTH, "quota_exempt_reason")
        if decision.rating is not None and evaluation.subject is EvaluationSubject.MEMBER:
            ceiling = member_ceiling(evaluation.score, _is_disciplined(item, disciplined_member_ids,
                                                                       disciplined_org_ids),
                                     rules, decision.on or today)
            found += ceiling_problems(decision.rating, ceiling, "decided_rating")
        problems += _named(found, item, many)
    if problems:
        raise ValidationFailed(problems)
    # Members first: an organisation's ceiling reads its members' decided ratings.
    ordered = sorted(decisions, key=lambda d: loaded[d.evaluation_id].evaluation.subject.value != "MEMBER")
    for decision in ordered:
        evaluation = loaded[decision.evaluation_id].evaluation
        evaluation.state = EvaluationState.DECIDED
        evaluation.decided_rating = decision.rating
        evaluation.decided_on = decision.on
        evaluation.decision_number = _text(decision.decision_number)
        evaluation.quota_exempt_reason = _text(decision.quota_exempt_reason)
        evaluation.decided_by = actor.username
    session.flush()
    for decision in ordered:
        item = loaded[decision.evaluation_id]
        if item.evaluation.subject is EvaluationSubject.ORGANIZATION and decision.rating is not None:
            found, ceiling = organization_ceilings(session, item.period, item.evaluation, item.path, rules)
            found += ceiling_problems(decision.rating, ceiling, "decided_rating")
            problems += _named(found, item, many)
    for period_id in {item.period.id for item in loaded.values()}:
        period = next(item.period for item in loaded.values() if item.period.id == period_id)
        scopes = sorted({item.evaluation.quota_scope_id for item in loaded.values() if item.period.id == period_id})
        problems += scope_quota_problems(session, period_id, scopes, rules, period.end_date)
    if problems:
        raise ValidationFailed(problems)


def _subtree_ids(session: Session, period_id: int, organization_id: int, state: EvaluationState,
                 subject: EvaluationSubject | None, actor: Actor) -> list[int]:
    path = require_organization_in_scope(session, actor, organization_id)
    statement = (
        select(Evaluation.id)
        .join(PartyOrganization, PartyOrganization.id == Evaluation.organization_id)
        .where(Evaluation.period_id == period_id, Evaluation.state == state,
               PartyOrganization.path >= path, PartyOrganization.path < subtree_upper_bound(path))
        .order_by(Evaluation.id))
    if subject is not None:
        statement = statement.where(Evaluation.subject == subject)
    return list(session.scalars(statement))


def approve_as_proposed(
    database: Database, period_id: int, organization_id: int, decision_number: str, on: dt.date | None,
    today: dt.date | None = None, subject: EvaluationSubject = EvaluationSubject.MEMBER,
) -> int:
    """Decide every proposal of the organisation's subtree as the cell proposed it, under one
    decision, with every check of `decide`; the number decided."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with database.transaction() as session:
        ids = _subtree_ids(session, period_id, organization_id, EvaluationState.PROPOSED, subject, actor)
        if not ids:
            raise ValidationFailed([Problem("", ProblemCode.EVALUATION_NOTHING_TO_APPROVE)])
        proposed = dict(session.execute(select(Evaluation.id, Evaluation.proposed_rating)
                                        .where(Evaluation.id.in_(ids))).all())
        with refused_if_changed(ids[0]):
            _apply_decisions(session, actor, [Decision(i, proposed[i], on, decision_number) for i in ids], today)
        return len(ids)


def notify(database: Database, period_id: int, organization_id: int, on: dt.date | None,
           today: dt.date | None = None) -> int:
    """Announce every decided result of the organisation's subtree; the number announced."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with database.transaction() as session:
        ids = _subtree_ids(session, period_id, organization_id, EvaluationState.DECIDED, None, actor)
        if not ids:
            return 0
        loaded = _load(session, actor, ids)
        problems: list[Problem] = []
        for item in loaded.values():
            problems += _named(step_date_problems(on, item.evaluation.decided_on, today, "notified_on"),
                               item, True)
        if problems:
            raise ValidationFailed(problems[:50])
        for item in loaded.values():
            item.evaluation.state = EvaluationState.NOTIFIED
            item.evaluation.notified_on = on
            item.evaluation.notified_by = actor.username
        return len(ids)


def step_back(database: Database, evaluation_id: int, reason: str, today: dt.date | None = None) -> None:
    """Undo the last step before the decision (a proposal to vote again, a self-review to
    rewrite): a recorded action with its reason; what the step held stays in the record."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    reason = nfc(reason or "").strip()
    with refused_if_changed(evaluation_id), database.transaction() as session:
        evaluation = _load(session, actor, [evaluation_id])[evaluation_id].evaluation
        problems = step_back_problems(evaluation.state)
        problems += [] if reason else [Problem("reason", ProblemCode.REQUIRED)]
        problems += _length(reason, REASON_LENGTH, "reason")
        if problems:
            raise ValidationFailed(problems)
        previous = evaluation.state
        if previous is EvaluationState.PROPOSED:
            cleared_rating, cleared_on = evaluation.proposed_rating, evaluation.proposed_on
            evaluation.proposed_rating = evaluation.votes_for = evaluation.votes_cast = None
            evaluation.score = evaluation.proposed_on = evaluation.proposed_by = evaluation.cell_comment = None
            evaluation.state = EvaluationState.SELF_ASSESSED
        else:
            cleared_rating, cleared_on = evaluation.self_rating, evaluation.self_assessed_on
            evaluation.self_rating = evaluation.self_score = evaluation.self_review = None
            evaluation.self_assessed_on = evaluation.self_assessed_by = None
            evaluation.state = EvaluationState.PLANNED
        session.add(EvaluationStepBack(
            evaluation_id=evaluation_id, from_state=previous, to_state=evaluation.state,
            cleared_rating=cleared_rating, cleared_on=cleared_on, reason=reason,
            stepped_back_on=today, stepped_back_by=actor.username))

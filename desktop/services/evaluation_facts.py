"""What the rating checks read from the rest of the register: discipline counted in the year
(desktop.services.discipline_records), members present in a cell, and the facts an
organisation's ceiling depends on (its members' decided ratings, its subordinates).

Public API:
    disciplined_members(session, member_ids, year) -> set[int]
    disciplined_organizations(session, organization_ids, year) -> set[int]
    active_members_by_cell(session, cell_ids) -> {cell_id: count}
    organization_ceilings(session, period, evaluation, path, rules) -> (problems, Ceiling)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desktop.models.enums import MemberStatus, OrgStatus
from desktop.models.evaluation_rules import Ceiling, MemberResults, organization_ceiling
from desktop.models.evaluations import (
    Evaluation,
    EvaluationPeriod,
    EvaluationState,
    EvaluationSubject,
    Rating,
)
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.services.discipline_records import (
    member_discipline_in_years,
    organization_discipline_in_years,
)


def disciplined_members(session: Session, member_ids: Select[tuple[int]] | Sequence[int], year: int) -> set[int]:
    """Members with a discipline counting in that year's rating (self-remedied ones excepted)."""
    if not isinstance(member_ids, Select) and not member_ids:
        return set()
    facts = member_discipline_in_years(session, member_ids, year, year)
    return {member for member, found in facts.items() if any(fact.caps_rating for fact in found)}


def disciplined_organizations(session: Session, organization_ids: Sequence[int], year: int) -> set[int]:
    if not organization_ids:
        return set()
    facts = organization_discipline_in_years(session, organization_ids, year, year)
    return {org for org, found in facts.items() if any(fact.caps_rating for fact in found)}


def active_members_by_cell(session: Session, cell_ids: Iterable[int]) -> dict[int, int]:
    """Members on the cell's list who may vote (full and probationary, not exempted)."""
    ids = sorted(set(cell_ids))
    if not ids:
        return {}
    statement = (select(Member.cell_id, func.count()).where(
        Member.cell_id.in_(ids), Member.status.in_((MemberStatus.FULL, MemberStatus.PROBATIONARY)),
        Member.exempted_from_activities.is_(False)).group_by(Member.cell_id))
    return {cell: count for cell, count in session.execute(statement)}


def _in_subtree(path: str):  # type: ignore[no-untyped-def]
    return (PartyOrganization.path >= path) & (PartyOrganization.path < subtree_upper_bound(path))


def organization_ceilings(
    session: Session, period: EvaluationPeriod, evaluation: Evaluation, path: str, rules: RuleBook
) -> tuple[list[Problem], Ceiling]:
    """An organisation's rating is decided once all its members' are (R-EVAL-5); its ceiling
    from its own and its subordinates' discipline and its members' results."""
    member_rows = (select(Evaluation.state, Evaluation.decided_rating, func.count())
                   .join(PartyOrganization, PartyOrganization.id == Evaluation.organization_id)
                   .where(Evaluation.period_id == period.id, Evaluation.subject == EvaluationSubject.MEMBER,
                          _in_subtree(path))
                   .group_by(Evaluation.state, Evaluation.decided_rating))
    ratings: list[Rating] = []
    waiting = 0
    for state, rating, count in session.execute(member_rows):
        if state in (EvaluationState.DECIDED, EvaluationState.NOTIFIED) and rating is not None:
            ratings += [rating] * count
        else:
            waiting += count
    problems = [Problem("decided_rating", ProblemCode.EVALUATION_MEMBERS_NOT_DECIDED, {"count": waiting})] \
        if waiting else []
    member_ids = (select(Evaluation.member_id)
                  .join(PartyOrganization, PartyOrganization.id == Evaluation.organization_id)
                  .where(Evaluation.period_id == period.id, Evaluation.subject == EvaluationSubject.MEMBER,
                         _in_subtree(path)))
    members_disciplined = len(disciplined_members(session, member_ids, period.year))  # type: ignore[arg-type]
    children = list(session.scalars(select(PartyOrganization.id).where(
        PartyOrganization.parent_id == evaluation.organization_id, PartyOrganization.status == OrgStatus.ACTIVE)))
    own = disciplined_organizations(session, [evaluation.organization_id], period.year)
    ceiling = organization_ceiling(
        evaluation.score, bool(own), MemberResults.of(ratings, members_disciplined),
        len(children), len(disciplined_organizations(session, children, period.year)), rules, period.end_date)
    return problems, ceiling

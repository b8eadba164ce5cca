"""The demo's rating campaigns keep the rules: last year's completed within the quota and the
organisations' ceilings, this year's at every step with valid votes and dates."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.evaluation_rules import step_date_problems, vote_problems
from desktop.models.evaluations import (
    Evaluation,
    EvaluationPeriod,
    EvaluationState,
    EvaluationSubject,
    PeriodState,
)
from desktop.models.organization import PartyOrganization
from desktop.models.rules import RuleBook
from desktop.services.evaluation_campaign import campaign_progress, scope_quota_problems
from desktop.services.evaluation_facts import organization_ceilings
from tests.conftest import TODAY


def test_last_years_campaign_is_complete_and_this_years_in_progress(demo_database: Database) -> None:
    with demo_database.reading() as session:
        periods = list(session.scalars(select(EvaluationPeriod).order_by(EvaluationPeriod.year)))
        assert [(p.year, p.state) for p in periods] == [(TODAY.year - 1, PeriodState.CLOSED),
                                                        (TODAY.year, PeriodState.OPEN)]
        last, this = periods
        rules = RuleBook.load(session)
        states = dict(session.execute(select(Evaluation.state, func.count()).where(
            Evaluation.period_id == last.id).group_by(Evaluation.state)).all())
        assert list(states) == [EvaluationState.NOTIFIED]
        assert scope_quota_problems(session, last.id, None, rules, last.end_date) == []
        assert scope_quota_problems(session, this.id, None, rules, this.end_date) == []
        current = list(session.scalars(select(Evaluation).where(Evaluation.period_id == this.id)))
        assert {e.state for e in current} == {EvaluationState.PLANNED, EvaluationState.SELF_ASSESSED,
                                              EvaluationState.PROPOSED, EvaluationState.DECIDED}
        for e in current:
            if e.state.order >= EvaluationState.PROPOSED.order:
                members = None if e.subject is EvaluationSubject.ORGANIZATION else e.votes_cast
                assert vote_problems(e.votes_for, e.votes_cast, members, rules, this.end_date) == []
                assert step_date_problems(e.proposed_on, e.self_assessed_on, TODAY, "x") == []
                assert e.moved_in_on is None or e.outside_comment
    progress = campaign_progress(demo_database, this.id, this.organization_id)
    assert progress.total.member_total == len([e for e in current if e.subject is EvaluationSubject.MEMBER])


def test_last_years_cells_are_rated_within_their_members_results(demo_database: Database) -> None:
    with demo_database.reading() as session:
        last = session.scalars(select(EvaluationPeriod).order_by(EvaluationPeriod.year)).first()
        assert last is not None
        rules = RuleBook.load(session)
        rows = session.execute(select(Evaluation, PartyOrganization.path, PartyOrganization.kind).join(
            PartyOrganization, PartyOrganization.id == Evaluation.organization_id).where(
            Evaluation.period_id == last.id, Evaluation.subject == EvaluationSubject.ORGANIZATION)).all()
        assert rows
        cells = [(evaluation, path) for evaluation, path, kind in rows if kind.is_cell]
        assert cells
        for evaluation, path in cells:
            problems, ceiling = organization_ceilings(session, last, evaluation, path, rules)
            assert problems == []
            assert evaluation.decided_rating is not None
            assert evaluation.decided_rating.rank <= ceiling.rating.rank

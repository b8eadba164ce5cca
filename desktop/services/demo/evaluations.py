"""Demo part: the annual rating of the whole organisation, last year's campaign completed
(every member and organisation decided and announced) and this year's in progress (cells at
every step, a few grassroots organisations already decided).

Ratings keep the rules: the quota of excellent in each grassroots organisation (and among
the organisations of each committee), a cell's rating within its members' results, the
previous organisation's comments for members who moved in, more than half of the votes.
Rows are built with desktop.services.evaluation_campaign.evaluation_rows and bulk-inserted.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from sqlalchemy import select

from desktop.models.evaluation_rules import MemberResults, excellent_limit, organization_ceiling
from desktop.models.evaluations import (
    Evaluation,
    EvaluationPeriod,
    EvaluationState,
    EvaluationSubject,
    PeriodKind,
    PeriodState,
    Rating,
)
from desktop.models.organization import PartyOrganization
from desktop.services.demo.generator import DemoPart
from desktop.services.evaluation_campaign import default_title, evaluation_rows

_OFFICE = "demo"
_MEMBER_WEIGHTS = ((Rating.EXCELLENT, 0.14), (Rating.GOOD, 0.70), (Rating.PASS, 0.145), (Rating.FAIL, 0.015))
# This year's cells: where each one stands (the rest of the step columns follow).
_STAGES = ((EvaluationState.PLANNED, 0.15), (EvaluationState.SELF_ASSESSED, 0.30),
           (EvaluationState.PROPOSED, 0.40), (EvaluationState.DECIDED, 0.15))
_STEP_KEYS = ("outside_comment", "self_rating", "self_score", "self_review", "self_assessed_on", "self_assessed_by",
              "proposed_rating", "score", "votes_for", "votes_cast", "cell_comment", "proposed_on", "proposed_by",
              "decided_rating", "decision_number", "quota_exempt_reason", "decided_on", "decided_by", "notified_on",
              "notified_by")
_SCORES = {Rating.EXCELLENT: (90, 98), Rating.GOOD: (72, 89), Rating.PASS: (52, 69), Rating.FAIL: (30, 49)}


def _pick(rng: random.Random, weights: tuple[tuple[Any, float], ...]) -> Any:
    roll = rng.random()
    for value, weight in weights:
        roll -= weight
        if roll < 0:
            return value
    return weights[-1][0]


def _period(part: DemoPart, period_id: int, root_id: int, year: int, closed: bool) -> dict[str, Any]:
    opened = dt.date(year, 11, 5)
    return {"id": period_id, "organization_id": root_id, "kind": PeriodKind.YEAR, "year": year,
            "title": default_title(year), "start_date": dt.date(year, 1, 1), "end_date": dt.date(year, 12, 31),
            "self_review_due": dt.date(year, 12, 5), "proposal_due": dt.date(year, 12, 15),
            "decision_due": dt.date(year + 1, 1, 15), "state": PeriodState.CLOSED if closed else PeriodState.OPEN,
            "opened_on": opened, "opened_by": _OFFICE, "closed_on": dt.date(year + 1, 1, 31) if closed else None,
            "closed_by": _OFFICE if closed else None, "version": 1}


class _Steps:
    """Fills the step columns of rows up to a state, with dates in order."""

    def __init__(self, rng: random.Random, year: int, today: dt.date) -> None:
        self.rng = rng
        self.year = year
        last = min(today, dt.date(year + 1, 1, 20))
        self.self_on = min(dt.date(year, 11, 25), last)
        self.proposed_on = min(dt.date(year, 12, 8), last)
        self.decided_on = min(dt.date(year, 12, 28) if today.year > year else last, last)
        self.notified_on = min(dt.date(year + 1, 1, 10), last)

    def fill(self, row: dict[str, Any], state: EvaluationState, rating: Rating, cast: int, number: str) -> None:
        rng = self.rng
        row.update(dict.fromkeys(_STEP_KEYS))
        row["state"] = state
        if state is EvaluationState.PLANNED:
            return
        low, high = _SCORES[rating]
        row.update(self_rating=rating, self_score=rng.randint(low, high), self_assessed_by=_OFFICE,
                   self_assessed_on=self.self_on - dt.timedelta(days=rng.randint(0, 10)))
        if state.order < EvaluationState.PROPOSED.order:
            return
        votes_for = cast if rng.random() < 0.8 else max(cast // 2 + 1, cast - rng.randint(1, 3))
        row.update(proposed_rating=rating, score=row["self_score"], votes_cast=cast, votes_for=votes_for,
                   proposed_on=self.proposed_on, proposed_by=_OFFICE,
                   outside_comment=("Nơi sinh hoạt trước nhận xét: hoàn thành nhiệm vụ được giao"
                                    if row["moved_in_on"] else None))
        if state.order < EvaluationState.DECIDED.order:
            return
        row.update(decided_rating=rating, decision_number=number, decided_on=self.decided_on, decided_by=_OFFICE)
        if state is EvaluationState.NOTIFIED:
            row.update(notified_on=self.notified_on, notified_by=_OFFICE)


def _within_quota(rows: list[dict[str, Any]], ratings: dict[int, Rating], part: DemoPart, on: dt.date) -> None:
    """Excellent beyond the quota of their scope become good (the committee's decision)."""
    by_scope: dict[int, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        by_scope[row["quota_scope_id"]].append(index)
    for indexes in by_scope.values():
        excellent = [i for i in indexes if ratings[i] is Rating.EXCELLENT]
        good = sum(1 for i in indexes if ratings[i] is Rating.GOOD)
        while excellent and len(excellent) > excellent_limit(good, part.rules, on):
            ratings[excellent.pop()] = Rating.GOOD
            good += 1


def _campaign(part: DemoPart, period_id: int, root_path: str, year: int, completed: bool,
              rng: random.Random) -> list[dict[str, Any]]:
    connection = part.session.connection()
    end = dt.date(year, 12, 31)
    rows = list(evaluation_rows(connection, period_id, root_path, dt.date(year, 1, 1), end, part.rules))
    members = [row for row in rows if row["subject"] is EvaluationSubject.MEMBER]
    organizations = [row for row in rows if row["subject"] is EvaluationSubject.ORGANIZATION]
    steps = _Steps(rng, year, part.today)
    stage: dict[int, EvaluationState] = {}
    cell_size: dict[int, int] = defaultdict(int)
    for row in members:
        cell_size[row["organization_id"]] += 1
    for cell in cell_size:
        stage[cell] = EvaluationState.NOTIFIED if completed else _pick(rng, _STAGES)
    ratings = {i: _pick(rng, _MEMBER_WEIGHTS) for i in range(len(members))}
    decided = [i for i, row in enumerate(members) if stage[row["organization_id"]].order >= EvaluationState.DECIDED.order]
    decided_rows = [members[i] for i in decided]
    decided_ratings = {j: ratings[i] for j, i in enumerate(decided)}
    _within_quota(decided_rows, decided_ratings, part, end)
    for j, i in enumerate(decided):
        ratings[i] = decided_ratings[j]
    results: dict[int, list[Rating]] = defaultdict(list)
    for i, row in enumerate(members):
        cell = row["organization_id"]
        cast = max(1, cell_size[cell] - rng.randint(0, min(2, cell_size[cell] - 1)))
        steps.fill(row, stage[cell], ratings[i], cast, f"{rng.randint(10, 99)}-QĐ/ĐU")
        if stage[cell].order >= EvaluationState.DECIDED.order:
            results[cell].append(ratings[i])
    _organizations(part, organizations, results, stage, completed, steps, rng, end)
    return rows


def _organizations(part: DemoPart, rows: list[dict[str, Any]], results: dict[int, list[Rating]],
                   stage: dict[int, EvaluationState], completed: bool, steps: _Steps, rng: random.Random,
                   end: dt.date) -> None:
    """Cells rated within their members' results; committees good; a fifth of the good ones
    excellent in each scope, when the members allow it. Only a decided cell's organisation is
    decided this year; committees only in the completed campaign."""
    ratings: dict[int, Rating] = {}
    for index, row in enumerate(rows):
        members = results.get(row["organization_id"])
        ceiling = Rating.EXCELLENT
        if members:
            ceiling = organization_ceiling(None, False, MemberResults.of(members, 0), 0, 0, part.rules, end).rating
        wished = Rating.EXCELLENT if rng.random() < 0.2 else Rating.GOOD
        ratings[index] = wished if wished.rank <= ceiling.rank else ceiling
    _within_quota(rows, ratings, part, end)
    for index, row in enumerate(rows):
        cell_stage = stage.get(row["organization_id"])
        if completed:
            state = EvaluationState.NOTIFIED
        elif cell_stage is EvaluationState.DECIDED:
            state = EvaluationState.PROPOSED  # the committee decides the cell after its members
        elif cell_stage is not None:
            state = cell_stage if cell_stage.order < EvaluationState.PROPOSED.order else EvaluationState.SELF_ASSESSED
        else:
            state = EvaluationState.PLANNED
        steps.fill(row, state, ratings[index], 7, f"{rng.randint(100, 199)}-QĐ/ĐU")


def write(part: DemoPart) -> None:
    root_id, root_path = part.session.execute(
        select(PartyOrganization.id, PartyOrganization.path).where(PartyOrganization.parent_id.is_(None))
        .order_by(PartyOrganization.id).limit(1)).one()
    rng = part.random("evaluations")
    first_id = part.next_id(EvaluationPeriod)
    year = part.today.year
    part.insert(EvaluationPeriod, [_period(part, first_id, root_id, year - 1, closed=True),
                                   _period(part, first_id + 1, root_id, year, closed=False)])
    part.tables_with_ids.append(EvaluationPeriod.__table__)
    part.session.flush()
    for period_id, period_year, completed in ((first_id, year - 1, True), (first_id + 1, year, False)):
        part.insert(Evaluation, _campaign(part, period_id, root_path, period_year, completed, rng))

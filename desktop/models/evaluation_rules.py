"""The rules of the annual rating (domain spec §5.3-§5.5): pure functions over plain values.

- which steps follow which, and which may be undone (§5.5; ratings are immutable once
  decided, §10.4);
- the ceiling of a rating: the points band (R-EVAL-1/2), a discipline counted in the year
  (R-EVAL-3), for an organisation its members' results and its subordinates' discipline
  (R-EVAL-3, R-EVAL-5);
- the quota of "Hoàn thành xuất sắc nhiệm vụ" against "Hoàn thành tốt nhiệm vụ" (R-EVAL-4);
- the cell's vote, the comments of the previous organisation, who is rated (R-EVAL-8).

Every number is a row of the rule table, read on the date the check is about.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from desktop.models.dates import add_months
from desktop.models.evaluations import RATINGS_BEST_FIRST, EvaluationState, Rating
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode

NEXT_STEP = {
    EvaluationState.PLANNED: EvaluationState.SELF_ASSESSED,
    EvaluationState.SELF_ASSESSED: EvaluationState.PROPOSED,
    EvaluationState.PROPOSED: EvaluationState.DECIDED,
    EvaluationState.DECIDED: EvaluationState.NOTIFIED,
}
# A decided rating is corrected by a new decision, never by going back (§10.4).
STEP_BACK = {
    EvaluationState.SELF_ASSESSED: EvaluationState.PLANNED,
    EvaluationState.PROPOSED: EvaluationState.SELF_ASSESSED,
}
# Steps that may be recorded again while they are the last one (a typing error in the
# self-review or the proposal, before anyone decided on it).
AMENDABLE = frozenset({EvaluationState.SELF_ASSESSED, EvaluationState.PROPOSED})


def step_problems(state: EvaluationState, step: EvaluationState) -> list[Problem]:
    """Recording `step` on an evaluation in `state`: the next step, or the same one amended."""
    if NEXT_STEP.get(state) is step or (state is step and step in AMENDABLE):
        return []
    return [Problem("state", ProblemCode.EVALUATION_STEP_NOT_ALLOWED, {"state": state, "step": step})]


def step_back_problems(state: EvaluationState) -> list[Problem]:
    if state in STEP_BACK:
        return []
    return [Problem("state", ProblemCode.EVALUATION_CANNOT_STEP_BACK, {"state": state})]


# --- ceilings -------------------------------------------------------------------------------

class CeilingReason:
    NONE = "NONE"
    SCORE = "SCORE"  # the points band
    DISCIPLINED = "DISCIPLINED"  # a discipline counted in the year (member or organisation)
    MEMBERS_RESULTS = "MEMBERS_RESULTS"  # the organisation's members' ratings
    MEMBER_DISCIPLINED = "MEMBER_DISCIPLINED"  # a member of the organisation disciplined
    SUBORDINATES_DISCIPLINED = "SUBORDINATES_DISCIPLINED"  # too many subordinate units disciplined


@dataclass(frozen=True)
class Ceiling:
    """The highest rating the rules allow, and why it is not higher."""

    rating: Rating
    reason: str = CeilingReason.NONE

    def lower(self, rating: Rating, reason: str) -> Ceiling:
        return Ceiling(rating, reason) if rating.rank < self.rating.rank else self


NO_CEILING = Ceiling(Rating.EXCELLENT)


def rating_for_score(score: int, rules: RuleBook, on: dt.date) -> Rating:
    """The band of a 100-point score: ≥ 90 excellent, ≥ 70 good, ≥ 50 pass, below: fail."""
    bands = rules.value(RuleCode.RATING_BANDS, on)
    for rating in RATINGS_BEST_FIRST[:-1]:
        if score >= int(bands[rating.value]):
            return rating
    return Rating.FAIL


def member_ceiling(score: int | None, disciplined: bool, rules: RuleBook, on: dt.date) -> Ceiling:
    """A member's ceiling: the points band if points were given; "not completed" when a
    discipline counts in the year (R-EVAL-3; self-remedied ones do not count)."""
    ceiling = NO_CEILING
    if score is not None:
        ceiling = ceiling.lower(rating_for_score(score, rules, on), CeilingReason.SCORE)
    if disciplined:
        ceiling = ceiling.lower(Rating.FAIL, CeilingReason.DISCIPLINED)
    return ceiling


@dataclass(frozen=True)
class MemberResults:
    """The decided ratings of an organisation's members (its whole subtree) in the period."""

    rated: int
    good_or_better: int
    failed: int
    disciplined: int

    @classmethod
    def of(cls, ratings: Iterable[Rating], disciplined: int) -> MemberResults:
        values = list(ratings)
        return cls(rated=len(values),
                   good_or_better=sum(1 for r in values if r.rank >= Rating.GOOD.rank),
                   failed=sum(1 for r in values if r is Rating.FAIL),
                   disciplined=disciplined)


def organization_ceiling(
    score: int | None, disciplined: bool, members: MemberResults,
    subordinates: int, subordinates_disciplined: int, rules: RuleBook, on: dt.date,
) -> Ceiling:
    """An organisation's ceiling (R-EVAL-3, R-EVAL-5): its own discipline, more than the
    ORG_SUBORDINATE_DISCIPLINE_FAIL_SHARE of its subordinate units disciplined, its members'
    results against ORG_RATING_MEMBER_LIMITS, and no disciplined member for "excellent"."""
    ceiling = member_ceiling(score, disciplined, rules, on)
    share = Decimal(str(rules.value(RuleCode.ORG_SUBORDINATE_DISCIPLINE_FAIL_SHARE, on)))
    if subordinates and Decimal(subordinates_disciplined) > share * subordinates:
        ceiling = ceiling.lower(Rating.FAIL, CeilingReason.SUBORDINATES_DISCIPLINED)
    if members.disciplined:
        ceiling = ceiling.lower(Rating.GOOD, CeilingReason.MEMBER_DISCIPLINED)
    limits = rules.value(RuleCode.ORG_RATING_MEMBER_LIMITS, on)
    allowed = Rating.FAIL
    for rating in RATINGS_BEST_FIRST[:-1]:
        if _members_meet(members, limits.get(rating.value, {})):
            allowed = rating
            break
    return ceiling.lower(allowed, CeilingReason.MEMBERS_RESULTS)


def _members_meet(members: MemberResults, limit: dict[str, str]) -> bool:
    if not members.rated:
        return True
    good_share = Decimal(members.good_or_better) / members.rated
    fail_share = Decimal(members.failed) / members.rated
    return (good_share >= Decimal(limit.get("min_share_good_or_better", "0"))
            and fail_share <= Decimal(limit.get("max_share_fail", "1")))


def ceiling_problems(rating: Rating, ceiling: Ceiling, field: str = "rating") -> list[Problem]:
    if rating.rank <= ceiling.rating.rank:
        return []
    return [Problem(field, ProblemCode.EVALUATION_ABOVE_CEILING,
                    {"rating": rating, "ceiling": ceiling.rating, "reason": ceiling.reason})]


# --- quota ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class QuotaUse:
    """Excellent ratings against the limit in one quota scope (R-EVAL-4)."""

    excellent: int
    good: int
    limit: int

    @property
    def exceeded(self) -> bool:
        return self.excellent > self.limit

    @property
    def left(self) -> int:
        return self.limit - self.excellent


def excellent_limit(good: int, rules: RuleBook, on: dt.date) -> int:
    """At most floor(ratio × good): 23 good → 4 excellent with the ratio 0.20."""
    quota = rules.value(RuleCode.EXCELLENT_QUOTA, on)
    product = Decimal(str(quota["ratio"])) * good
    if quota.get("rounding", "FLOOR") == "CEILING":
        return math.ceil(product)
    return math.floor(product)


def quota_use(ratings: Iterable[Rating], rules: RuleBook, on: dt.date) -> QuotaUse:
    """The quota of a scope from its ratings (exempted "exceptional achievements" left out)."""
    values = list(ratings)
    return quota_from_counts(sum(1 for r in values if r is Rating.EXCELLENT),
                             sum(1 for r in values if r is Rating.GOOD), rules, on)


def quota_from_counts(excellent: int, good: int, rules: RuleBook, on: dt.date) -> QuotaUse:
    return QuotaUse(excellent=excellent, good=good, limit=excellent_limit(good, rules, on))


def quota_problems(use: QuotaUse, scope_name: str) -> list[Problem]:
    if not use.exceeded:
        return []
    return [Problem("decided_rating", ProblemCode.EVALUATION_QUOTA_EXCEEDED,
                    {"organization": scope_name, "excellent": use.excellent, "good": use.good,
                     "limit": use.limit})]


# --- the cell's proposal ------------------------------------------------------------------

def vote_problems(votes_for: int | None, votes_cast: int | None, members: int | None,
                  rules: RuleBook, on: dt.date) -> list[Problem]:
    """The proposal is adopted by more than EVALUATION_VOTE_MAJORITY of the votes cast, and no
    more votes are cast than the organisation has members present to vote."""
    if votes_for is None or votes_cast is None:
        return [Problem("votes_for" if votes_for is None else "votes_cast", ProblemCode.REQUIRED)]
    if votes_for < 0 or votes_cast < 1:
        return [Problem("votes_cast", ProblemCode.NUMBER_OUT_OF_RANGE, {"min": 1, "max": members or votes_cast})]
    if votes_for > votes_cast:
        return [Problem("votes_for", ProblemCode.EVALUATION_VOTES_ABOVE_CAST, {"cast": votes_cast})]
    if members is not None and votes_cast > members:
        return [Problem("votes_cast", ProblemCode.EVALUATION_VOTES_ABOVE_MEMBERS, {"members": members})]
    numerator, denominator = (int(n) for n in rules.value(RuleCode.EVALUATION_VOTE_MAJORITY, on))
    if votes_for * denominator <= numerator * votes_cast:
        return [Problem("votes_for", ProblemCode.EVALUATION_MAJORITY_NOT_REACHED,
                        {"votes_for": votes_for, "cast": votes_cast})]
    return []


def score_problems(score: int | None, field: str = "score") -> list[Problem]:
    if score is not None and not 0 <= score <= 100:
        return [Problem(field, ProblemCode.NUMBER_OUT_OF_RANGE, {"min": 0, "max": 100})]
    return []


def outside_comment_problems(moved_in_on: dt.date | None, previous: str | None,
                             comment: str | None) -> list[Problem]:
    """A member who came from another organisation during the period is proposed with that
    organisation's comments on the months spent there (as R-EVAL-7 for the residence)."""
    if moved_in_on is not None and not (comment or "").strip():
        return [Problem("outside_comment", ProblemCode.EVALUATION_OUTSIDE_COMMENT_REQUIRED,
                        {"since": moved_in_on, "previous": previous or ""})]
    return []


def step_date_problems(on: dt.date | None, previous: dt.date | None, today: dt.date,
                       field: str) -> list[Problem]:
    if on is None:
        return [Problem(field, ProblemCode.REQUIRED)]
    if on > today:
        return [Problem(field, ProblemCode.DATE_IN_FUTURE)]
    if previous is not None and on < previous:
        return [Problem(field, ProblemCode.EVALUATION_STEP_BEFORE_PREVIOUS, {"previous": previous})]
    return []


# --- who is rated ---------------------------------------------------------------------------

def membership_cutoff(period_end: dt.date, rules: RuleBook) -> dt.date:
    """Members admitted after this day are too new to be rated in the period (R-EVAL-8)."""
    months = int(rules.value(RuleCode.EVALUATION_MIN_MEMBERSHIP_MONTHS, period_end))
    return add_months(period_end, -months)


def is_rated(admission_date: dt.date, exempted: bool, period_end: dt.date, rules: RuleBook) -> bool:
    """Probationary members are rated; members exempted from activities are not; members
    admitted during the period only once members for EVALUATION_MIN_MEMBERSHIP_MONTHS."""
    return not exempted and admission_date <= membership_cutoff(period_end, rules)

"""The pure rules of the annual rating: steps, ceilings, the quota at and over its limit, votes,
members too new to rate, the previous organisation's comments."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models.evaluation_rules import (
    CeilingReason,
    MemberResults,
    ceiling_problems,
    excellent_limit,
    is_rated,
    member_ceiling,
    organization_ceiling,
    outside_comment_problems,
    quota_problems,
    quota_use,
    rating_for_score,
    step_back_problems,
    step_date_problems,
    step_problems,
    vote_problems,
)
from desktop.models.evaluations import EvaluationState as S
from desktop.models.evaluations import Rating
from desktop.models.problems import ProblemCode
from desktop.models.rules import RuleBook
from desktop.texts import problem_message

FOUNDED = dt.date(1930, 2, 3)
ON = dt.date(2026, 12, 15)
RULES = RuleBook.from_rows([
    ("RATING_BANDS", FOUNDED, None, '{"EXCELLENT": 90, "GOOD": 70, "PASS": 50}'),
    ("EXCELLENT_QUOTA", FOUNDED, None, '{"ratio": "0.20", "base": "GOOD", "rounding": "FLOOR"}'),
    ("EVALUATION_VOTE_MAJORITY", FOUNDED, None, "[1, 2]"),
    ("EVALUATION_MIN_MEMBERSHIP_MONTHS", FOUNDED, None, "6"),
    ("ORG_RATING_MEMBER_LIMITS", FOUNDED, None,
     '{"EXCELLENT": {"min_share_good_or_better": "0.8", "max_share_fail": "0"},'
     ' "GOOD": {"min_share_good_or_better": "0.5", "max_share_fail": "0.2"},'
     ' "PASS": {"max_share_fail": "0.2"}}'),
    ("ORG_SUBORDINATE_DISCIPLINE_FAIL_SHARE", FOUNDED, None, '"0.20"'),
])


def codes(problems: list) -> list[ProblemCode]:
    return [problem.code for problem in problems]


def test_only_the_spec_transitions_are_allowed() -> None:
    allowed = {(S.PLANNED, S.SELF_ASSESSED), (S.SELF_ASSESSED, S.PROPOSED), (S.PROPOSED, S.DECIDED),
               (S.DECIDED, S.NOTIFIED), (S.SELF_ASSESSED, S.SELF_ASSESSED), (S.PROPOSED, S.PROPOSED)}
    for state in S:
        for step in S:
            expected = [] if (state, step) in allowed else [ProblemCode.EVALUATION_STEP_NOT_ALLOWED]
            assert codes(step_problems(state, step)) == expected, (state, step)
    # A decision needs the proposal first.
    assert "chưa thể ghi bước" in problem_message(step_problems(S.SELF_ASSESSED, S.DECIDED)[0])
    assert step_back_problems(S.PROPOSED) == [] and step_back_problems(S.SELF_ASSESSED) == []
    for state in (S.PLANNED, S.DECIDED, S.NOTIFIED):
        assert codes(step_back_problems(state)) == [ProblemCode.EVALUATION_CANNOT_STEP_BACK]


@pytest.mark.parametrize(("score", "rating"), [(100, Rating.EXCELLENT), (90, Rating.EXCELLENT),
                                               (89, Rating.GOOD), (70, Rating.GOOD), (69, Rating.PASS),
                                               (50, Rating.PASS), (49, Rating.FAIL), (0, Rating.FAIL)])
def test_points_bands(score: int, rating: Rating) -> None:
    assert rating_for_score(score, RULES, ON) is rating


def test_a_disciplined_member_cannot_be_rated_above_not_completed() -> None:
    ceiling = member_ceiling(95, disciplined=True, rules=RULES, on=ON)
    assert (ceiling.rating, ceiling.reason) == (Rating.FAIL, CeilingReason.DISCIPLINED)
    (problem,) = ceiling_problems(Rating.PASS, ceiling)
    assert problem.code is ProblemCode.EVALUATION_ABOVE_CEILING
    assert problem_message(problem) == ("Không thể xếp loại “Hoàn thành nhiệm vụ”: mức cao nhất được xếp là "
                                        "“Không hoàn thành nhiệm vụ” (bị kỷ luật trong năm).")
    assert ceiling_problems(Rating.FAIL, ceiling) == []
    # Points only lower the ceiling: 75 points, not disciplined → at most good; lowering is free.
    points = member_ceiling(75, disciplined=False, rules=RULES, on=ON)
    assert (points.rating, points.reason) == (Rating.GOOD, CeilingReason.SCORE)
    assert codes(ceiling_problems(Rating.EXCELLENT, points)) == [ProblemCode.EVALUATION_ABOVE_CEILING]
    assert ceiling_problems(Rating.PASS, points) == []
    assert member_ceiling(None, disciplined=False, rules=RULES, on=ON).rating is Rating.EXCELLENT


@pytest.mark.parametrize(("good", "limit"), [(0, 0), (4, 0), (5, 1), (9, 1), (10, 2), (23, 4), (25, 5)])
def test_the_excellent_limit_is_a_fifth_of_the_good_rounded_down(good: int, limit: int) -> None:
    assert excellent_limit(good, RULES, ON) == limit


def test_the_quota_exactly_at_the_limit_passes_and_one_over_is_refused() -> None:
    at_limit = quota_use([Rating.GOOD] * 23 + [Rating.EXCELLENT] * 4 + [Rating.PASS] * 3, RULES, ON)
    assert (at_limit.excellent, at_limit.good, at_limit.limit, at_limit.left) == (4, 23, 4, 0)
    assert quota_problems(at_limit, "Đảng bộ Khối") == []
    over = quota_use([Rating.GOOD] * 23 + [Rating.EXCELLENT] * 5, RULES, ON)
    (problem,) = quota_problems(over, "Đảng bộ Khối")
    assert problem.code is ProblemCode.EVALUATION_QUOTA_EXCEEDED
    assert problem_message(problem) == ("Đảng bộ Khối: số “Hoàn thành xuất sắc nhiệm vụ” (5) vượt quá 20% số "
                                        "“Hoàn thành tốt nhiệm vụ” (23); tối đa 4.")
    # Lowering a "good" to "pass" can push the excellent over the limit too.
    assert quota_use([Rating.GOOD] * 9 + [Rating.PASS] + [Rating.EXCELLENT] * 2, RULES, ON).exceeded


def test_an_organisation_is_limited_by_its_members_results() -> None:
    def ceiling(results: MemberResults, **changes: object) -> tuple[Rating, str]:
        values: dict[str, object] = {"score": None, "disciplined": False, "members": results,
                                     "subordinates": 0, "subordinates_disciplined": 0}
        values.update(changes)
        found = organization_ceiling(rules=RULES, on=ON, **values)  # type: ignore[arg-type]
        return found.rating, found.reason

    all_good = MemberResults.of([Rating.GOOD] * 8 + [Rating.PASS] * 2, disciplined=0)
    assert ceiling(all_good)[0] is Rating.EXCELLENT  # 80 % good or better, none failed
    one_fail = MemberResults.of([Rating.GOOD] * 9 + [Rating.FAIL], disciplined=0)
    assert ceiling(one_fail) == (Rating.GOOD, CeilingReason.MEMBERS_RESULTS)
    mostly_pass = MemberResults.of([Rating.GOOD] * 4 + [Rating.PASS] * 6, disciplined=0)
    assert ceiling(mostly_pass) == (Rating.PASS, CeilingReason.MEMBERS_RESULTS)
    many_fail = MemberResults.of([Rating.GOOD] * 7 + [Rating.FAIL] * 3, disciplined=0)
    assert ceiling(many_fail) == (Rating.FAIL, CeilingReason.MEMBERS_RESULTS)
    # A member disciplined: not "excellent"; the organisation disciplined: "not completed".
    assert ceiling(MemberResults.of([Rating.GOOD] * 9 + [Rating.FAIL], disciplined=1))[0] is Rating.GOOD
    assert ceiling(MemberResults.of([Rating.GOOD] * 10, disciplined=1)) == (
        Rating.GOOD, CeilingReason.MEMBER_DISCIPLINED)
    assert ceiling(all_good, disciplined=True) == (Rating.FAIL, CeilingReason.DISCIPLINED)
    # More than 20 % of the subordinate units disciplined: 1 of 5 is at the limit, 2 of 5 over.
    assert ceiling(all_good, subordinates=5, subordinates_disciplined=1)[0] is Rating.EXCELLENT
    assert ceiling(all_good, subordinates=5, subordinates_disciplined=2) == (
        Rating.FAIL, CeilingReason.SUBORDINATES_DISCIPLINED)


def test_the_cells_vote_needs_more_than_half_of_the_votes_cast() -> None:
    assert vote_problems(6, 10, 12, RULES, ON) == []
    assert codes(vote_problems(5, 10, 12, RULES, ON)) == [ProblemCode.EVALUATION_MAJORITY_NOT_REACHED]
    assert codes(vote_problems(11, 10, 12, RULES, ON)) == [ProblemCode.EVALUATION_VOTES_ABOVE_CAST]
    assert codes(vote_problems(10, 13, 12, RULES, ON)) == [ProblemCode.EVALUATION_VOTES_ABOVE_MEMBERS]
    assert codes(vote_problems(None, 10, 12, RULES, ON)) == [ProblemCode.REQUIRED]
    assert codes(vote_problems(0, 0, 12, RULES, ON)) == [ProblemCode.NUMBER_OUT_OF_RANGE]


def test_members_admitted_late_in_the_year_and_exempted_members_are_not_rated() -> None:
    end = dt.date(2026, 12, 31)
    assert is_rated(dt.date(2026, 6, 30), exempted=False, period_end=end, rules=RULES)
    assert not is_rated(dt.date(2026, 7, 1), exempted=False, period_end=end, rules=RULES)
    assert not is_rated(dt.date(2001, 1, 1), exempted=True, period_end=end, rules=RULES)


def test_a_member_transferred_in_mid_year_needs_the_previous_organisations_comments() -> None:
    moved = dt.date(2026, 7, 15)
    (problem,) = outside_comment_problems(moved, "Chi bộ Trường THPT Chu Văn An", "  ")
    assert problem_message(problem) == ("Đảng viên chuyển đến từ ngày 15/07/2026: cần ghi nhận xét của tổ chức "
                                        "đảng nơi sinh hoạt trước (Chi bộ Trường THPT Chu Văn An).")
    assert outside_comment_problems(moved, "Chi bộ X", "Hoàn thành tốt nhiệm vụ được giao") == []
    assert outside_comment_problems(None, None, None) == []


def test_step_dates_follow_each_other_and_are_not_in_the_future() -> None:
    today = dt.date(2026, 12, 20)
    assert step_date_problems(dt.date(2026, 12, 10), dt.date(2026, 12, 5), today, "proposed_on") == []
    assert codes(step_date_problems(dt.date(2026, 12, 1), dt.date(2026, 12, 5), today, "proposed_on")) == [
        ProblemCode.EVALUATION_STEP_BEFORE_PREVIOUS]
    assert codes(step_date_problems(dt.date(2026, 12, 21), None, today, "x")) == [ProblemCode.DATE_IN_FUTURE]
    assert codes(step_date_problems(None, None, today, "x")) == [ProblemCode.REQUIRED]

"""The annual rating campaign on a hand-built committee: opening a period, the steps in order,
the quota at and over its limit, discipline, a member moved in mid-year, organisations limited
by their members, bulk approval, step back, progress counts and closing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import NoResultFound

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.discipline import DisciplineForm
from desktop.models.evaluations import (
    EvaluationState,
    EvaluationStepBack,
    EvaluationSubject,
    PeriodState,
    Rating,
)
from desktop.models.problems import ProblemCode
from desktop.models.transfer_rules import TransferDraft
from desktop.models.transfers import TransferDirection, TransferKind
from desktop.services.access import PermissionDenied
from desktop.services.discipline_records import DisciplineDraft, record_discipline
from desktop.services.errors import ValidationFailed
from desktop.services.evaluation_campaign import (
    campaign_progress,
    close_period,
    list_periods,
)
from desktop.services.evaluations import (
    Decision,
    Proposal,
    SelfReview,
    approve_as_proposed,
    decide,
    notify,
    record_proposals,
    record_self_reviews,
    step_back,
)
from desktop.services.transfers import issue_transfer
from desktop.texts import problem_message
from tests.builders import add_account
from tests.evaluation_builders import DECIDED_ON, PROPOSED_ON, SELF_ON, TODAY, Campaign


@pytest.fixture
def campaign(database: Database) -> Campaign:
    return Campaign(database)


def codes(error: pytest.ExceptionInfo[ValidationFailed]) -> list[ProblemCode]:
    return [problem.code for problem in error.value.problems]


def test_opening_a_period_plans_every_member_rated_and_every_organisation_below_the_root(
    campaign: Campaign
) -> None:
    period = campaign.open()
    progress = campaign_progress(campaign.database, period, campaign.grassroots)
    # 35 members; the one admitted in August is too new (6 months); the two cells are rated.
    assert progress.total.members == {EvaluationState.PLANNED: 35}
    assert progress.total.organizations == {EvaluationState.PLANNED: 2}
    assert [(row.name, row.member_total) for row in progress.rows] == [("Chi bộ Kỹ thuật", 30),
                                                                       ("Chi bộ Kinh doanh", 5)]
    assert campaign.evaluation(campaign.members_a[0]).quota_scope_id == campaign.grassroots
    with pytest.raises(NoResultFound):
        campaign.evaluation(campaign.new_member)
    (summary,) = list_periods(campaign.database)
    assert (summary.title, summary.state) == ("Kiểm điểm, đánh giá, xếp loại chất lượng năm 2026", PeriodState.OPEN)
    with pytest.raises(ValidationFailed) as again:
        campaign.open()
    assert codes(again) == [ProblemCode.EVALUATION_PERIOD_EXISTS]


def test_the_steps_go_in_order_each_with_who_and_when(campaign: Campaign) -> None:
    campaign.open()
    (evaluation_id,) = campaign.ids(campaign.members_a[:1])
    with pytest.raises(ValidationFailed) as early:
        decide(campaign.database, [Decision(evaluation_id, Rating.GOOD, DECIDED_ON, "12-QĐ/ĐU")], today=TODAY)
    assert codes(early) == [ProblemCode.EVALUATION_STEP_NOT_ALLOWED]  # a decision needs the proposal
    record_self_reviews(campaign.database, [SelfReview(evaluation_id, Rating.GOOD, SELF_ON, 85,
                                                       "Hoàn thành tốt các nhiệm vụ được giao")], today=TODAY)
    record_proposals(campaign.database, [Proposal(evaluation_id, Rating.GOOD, 24, 28, PROPOSED_ON, 82)], today=TODAY)
    decide(campaign.database, [Decision(evaluation_id, Rating.GOOD, DECIDED_ON, "12-QĐ/ĐU")], today=TODAY)
    assert notify(campaign.database, campaign.period, campaign.grassroots, TODAY, today=TODAY) == 1
    saved = campaign.evaluation(campaign.members_a[0])
    assert (saved.state, saved.self_rating, saved.self_score, saved.proposed_rating, saved.votes_for,
            saved.votes_cast, saved.decided_rating, saved.decision_number) == (
        EvaluationState.NOTIFIED, Rating.GOOD, 85, Rating.GOOD, 24, 28, Rating.GOOD, "12-QĐ/ĐU")
    assert (saved.self_assessed_on, saved.proposed_on, saved.decided_on, saved.notified_on) == (
        SELF_ON, PROPOSED_ON, DECIDED_ON, TODAY)
    assert {saved.self_assessed_by, saved.proposed_by, saved.decided_by, saved.notified_by} == {"quantri"}
    with pytest.raises(ValidationFailed) as back:
        step_back(campaign.database, evaluation_id, "Sai sót", today=TODAY)
    assert codes(back) == [ProblemCode.EVALUATION_CANNOT_STEP_BACK]


def test_the_proposal_needs_a_majority_and_no_more_votes_than_members(campaign: Campaign) -> None:
    campaign.open()
    (evaluation_id,) = campaign.ids(campaign.members_b[:1])
    record_self_reviews(campaign.database, [SelfReview(evaluation_id, Rating.GOOD, SELF_ON)], today=TODAY)
    with pytest.raises(ValidationFailed) as refused:
        record_proposals(campaign.database, [Proposal(evaluation_id, Rating.GOOD, 3, 6, PROPOSED_ON)], today=TODAY)
    # Chi bộ Kinh doanh has 6 members on its list (the new member votes, is not rated).
    assert codes(refused) == [ProblemCode.EVALUATION_MAJORITY_NOT_REACHED]
    with pytest.raises(ValidationFailed) as too_many:
        record_proposals(campaign.database, [Proposal(evaluation_id, Rating.GOOD, 7, 7, PROPOSED_ON)], today=TODAY)
    assert codes(too_many) == [ProblemCode.EVALUATION_VOTES_ABOVE_MEMBERS]
    with pytest.raises(ValidationFailed) as before:
        record_proposals(campaign.database, [Proposal(evaluation_id, Rating.GOOD, 4, 6, dt.date(2026, 12, 1))],
                         today=TODAY)
    assert codes(before) == [ProblemCode.EVALUATION_STEP_BEFORE_PREVIOUS]


def test_the_quota_exactly_at_the_limit_is_decided_and_one_over_is_refused(campaign: Campaign) -> None:
    campaign.open()
    good = campaign.propose(campaign.members_a[:23], Rating.GOOD)
    excellent = campaign.propose(campaign.members_a[23:28], Rating.EXCELLENT)
    decisions = [Decision(i, Rating.GOOD, DECIDED_ON, "12-QĐ/ĐU") for i in good]
    with pytest.raises(ValidationFailed) as over:
        decide(campaign.database, decisions + [Decision(i, Rating.EXCELLENT, DECIDED_ON, "12-QĐ/ĐU")
                                               for i in excellent], today=TODAY)
    (problem,) = over.value.problems
    assert problem.code is ProblemCode.EVALUATION_QUOTA_EXCEEDED
    assert problem_message(problem) == ("Đảng bộ Công ty Điện lực: số “Hoàn thành xuất sắc nhiệm vụ” (5) vượt "
                                        "quá 20% số “Hoàn thành tốt nhiệm vụ” (23); tối đa 4.")
    assert campaign.evaluation(campaign.members_a[0]).state is EvaluationState.PROPOSED  # nothing written
    # Exactly at the limit: 23 good, 4 excellent; the fifth is decided "good".
    decide(campaign.database, decisions + [Decision(i, Rating.EXCELLENT, DECIDED_ON, "12-QĐ/ĐU")
                                           for i in excellent[:4]]
           + [Decision(excellent[4], Rating.GOOD, DECIDED_ON, "12-QĐ/ĐU")], today=TODAY)
    assert campaign.evaluation(campaign.members_a[27]).decided_rating is Rating.GOOD
    # The quota counts the whole grassroots organisation, not the cell: one more excellent in
    # the other cell is over (24 good → 4).
    (other,) = campaign.propose(campaign.members_b[:1], Rating.EXCELLENT, votes_for=4, votes_cast=6)
    with pytest.raises(ValidationFailed) as elsewhere:
        decide(campaign.database, [Decision(other, Rating.EXCELLENT, DECIDED_ON, "13-QĐ/ĐU")], today=TODAY)
    assert codes(elsewhere) == [ProblemCode.EVALUATION_QUOTA_EXCEEDED]
    # An exceptional achievement decided by the committee is outside the quota.
    decide(campaign.database, [Decision(other, Rating.EXCELLENT, DECIDED_ON, "13-QĐ/ĐU",
                                        "Thành tích đột xuất: cứu người trong bão")], today=TODAY)


def test_a_member_disciplined_in_the_year_cannot_be_proposed_above_not_completed(campaign: Campaign) -> None:
    campaign.open()
    member = campaign.members_a[0]
    record_discipline(campaign.database, DisciplineDraft(
        form=DisciplineForm.REPRIMAND, deciding_body="Chi bộ Kỹ thuật", decision_number="02-QĐ/CB",
        decided_on=dt.date(2026, 5, 4), effective_on=dt.date(2026, 5, 5),
        violation_summary="Vi phạm quy chế làm việc", member_id=member), today=TODAY)
    (evaluation_id,) = campaign.ids([member])
    record_self_reviews(campaign.database, [SelfReview(evaluation_id, Rating.GOOD, SELF_ON)], today=TODAY)
    with pytest.raises(ValidationFailed) as refused:
        record_proposals(campaign.database, [Proposal(evaluation_id, Rating.PASS, 20, 25, PROPOSED_ON)], today=TODAY)
    assert problem_message(refused.value.problems[0]) == (
        "Không thể xếp loại “Hoàn thành nhiệm vụ”: mức cao nhất được xếp là “Không hoàn thành nhiệm vụ” "
        "(bị kỷ luật trong năm).")
    record_proposals(campaign.database, [Proposal(evaluation_id, Rating.FAIL, 20, 25, PROPOSED_ON)], today=TODAY)
    # A disciplined member keeps the cell from "excellent" (R-EVAL-3 / R-EVAL-5).
    others = campaign.propose(campaign.members_a[1:], Rating.GOOD)
    approve_as_proposed(campaign.database, campaign.period, campaign.cell_a, "12-QĐ/ĐU", DECIDED_ON, today=TODAY)
    assert len(others) == 29
    cell = campaign.evaluation(organization_id=campaign.cell_a)
    record_self_reviews(campaign.database, [SelfReview(cell.id, Rating.EXCELLENT, SELF_ON)], today=TODAY)
    record_proposals(campaign.database, [Proposal(cell.id, Rating.EXCELLENT, 25, 30, PROPOSED_ON)], today=TODAY)
    with pytest.raises(ValidationFailed) as cell_refused:
        decide(campaign.database, [Decision(cell.id, Rating.EXCELLENT, DECIDED_ON, "20-QĐ/ĐU")], today=TODAY)
    assert problem_message(cell_refused.value.problems[0]).endswith("(có đảng viên bị kỷ luật trong năm).")
    decide(campaign.database, [Decision(cell.id, Rating.GOOD, DECIDED_ON, "20-QĐ/ĐU")], today=TODAY)


def test_an_organisation_is_decided_after_its_members_within_their_results(campaign: Campaign) -> None:
    campaign.open()
    cell = campaign.evaluation(organization_id=campaign.cell_b)
    record_self_reviews(campaign.database, [SelfReview(cell.id, Rating.EXCELLENT, SELF_ON)], today=TODAY)
    record_proposals(campaign.database, [Proposal(cell.id, Rating.EXCELLENT, 5, 6, PROPOSED_ON)], today=TODAY)
    with pytest.raises(ValidationFailed) as early:
        decide(campaign.database, [Decision(cell.id, Rating.EXCELLENT, DECIDED_ON, "20-QĐ/ĐU")], today=TODAY)
    # Organisations count in a quota too: one excellent cell needs five good ones.
    assert codes(early) == [ProblemCode.EVALUATION_MEMBERS_NOT_DECIDED, ProblemCode.EVALUATION_QUOTA_EXCEEDED]
    campaign.propose(campaign.members_b[:2], Rating.FAIL, votes_for=4, votes_cast=6)
    campaign.propose(campaign.members_b[2:], Rating.GOOD, votes_for=4, votes_cast=6)
    approve_as_proposed(campaign.database, campaign.period, campaign.cell_b, "12-QĐ/ĐU", DECIDED_ON, today=TODAY)
    with pytest.raises(ValidationFailed) as limited:
        decide(campaign.database, [Decision(cell.id, Rating.PASS, DECIDED_ON, "20-QĐ/ĐU")], today=TODAY)
    assert problem_message(limited.value.problems[0]) == (
        "Không thể xếp loại “Hoàn thành nhiệm vụ”: mức cao nhất được xếp là “Không hoàn thành nhiệm vụ” "
        "(theo kết quả xếp loại đảng viên).")  # 2 of 5 members failed: over 20 %
    decide(campaign.database, [Decision(cell.id, Rating.FAIL, DECIDED_ON, "20-QĐ/ĐU")], today=TODAY)


def test_a_member_moved_in_mid_year_is_proposed_with_the_previous_cells_comments(campaign: Campaign) -> None:
    member = campaign.members_b[0]
    issue_transfer(campaign.database, TransferDraft(
        kind=TransferKind.OFFICIAL, direction=TransferDirection.INTERNAL, letter_date=dt.date(2026, 7, 1),
        member_id=member, to_org_id=campaign.cell_a, reason="Điều động công tác", letter_sequence=1), today=dt.date(2026, 7, 1))
    campaign.open()
    evaluation = campaign.evaluation(member)
    assert (evaluation.organization_id, evaluation.moved_in_on, evaluation.previous_organization) == (
        campaign.cell_a, dt.date(2026, 7, 1), "Chi bộ Kinh doanh")
    record_self_reviews(campaign.database, [SelfReview(evaluation.id, Rating.GOOD, SELF_ON)], today=TODAY)
    with pytest.raises(ValidationFailed) as refused:
        record_proposals(campaign.database, [Proposal(evaluation.id, Rating.GOOD, 20, 25, PROPOSED_ON)], today=TODAY)
    assert codes(refused) == [ProblemCode.EVALUATION_OUTSIDE_COMMENT_REQUIRED]
    record_proposals(campaign.database, [Proposal(
        evaluation.id, Rating.GOOD, 20, 25, PROPOSED_ON,
        outside_comment="Chi bộ Kinh doanh: 6 tháng đầu năm hoàn thành tốt nhiệm vụ")], today=TODAY)
    assert campaign.evaluation(member).outside_comment.startswith("Chi bộ Kinh doanh: 6 tháng")


def test_a_step_back_is_recorded_with_its_reason_and_what_it_cleared(campaign: Campaign) -> None:
    campaign.open()
    (evaluation_id,) = campaign.propose(campaign.members_a[:1], Rating.GOOD)
    with pytest.raises(ValidationFailed) as no_reason:
        step_back(campaign.database, evaluation_id, "  ", today=TODAY)
    assert codes(no_reason) == [ProblemCode.REQUIRED]
    step_back(campaign.database, evaluation_id, "Biểu quyết lại do thiếu số phiếu", today=TODAY)
    saved = campaign.evaluation(campaign.members_a[0])
    assert (saved.state, saved.proposed_rating, saved.votes_for, saved.self_rating) == (
        EvaluationState.SELF_ASSESSED, None, None, Rating.GOOD)
    with campaign.database.reading() as session:
        (record,) = session.scalars(select(EvaluationStepBack)).all()
    assert (record.from_state, record.to_state, record.cleared_rating, record.cleared_on, record.reason,
            record.stepped_back_by) == (EvaluationState.PROPOSED, EvaluationState.SELF_ASSESSED, Rating.GOOD,
                                        PROPOSED_ON, "Biểu quyết lại do thiếu số phiếu", "quantri")


def test_bulk_approval_decides_a_cell_as_proposed_and_still_respects_the_quota(campaign: Campaign) -> None:
    campaign.open()
    campaign.propose(campaign.members_a[:9], Rating.GOOD)
    campaign.propose(campaign.members_a[9:11], Rating.EXCELLENT)  # 9 good → at most 1 excellent
    with pytest.raises(ValidationFailed) as refused:
        approve_as_proposed(campaign.database, campaign.period, campaign.cell_a, "12-QĐ/ĐU", DECIDED_ON, today=TODAY)
    assert codes(refused) == [ProblemCode.EVALUATION_QUOTA_EXCEEDED]
    campaign.propose(campaign.members_a[11:20], Rating.GOOD)
    assert approve_as_proposed(campaign.database, campaign.period, campaign.cell_a, "12-QĐ/ĐU", DECIDED_ON,
                               today=TODAY) == 20
    progress = campaign_progress(campaign.database, campaign.period, campaign.grassroots)
    first = progress.rows[0]
    assert first.members == {EvaluationState.DECIDED: 20, EvaluationState.PLANNED: 10}
    with pytest.raises(ValidationFailed) as nothing:
        approve_as_proposed(campaign.database, campaign.period, campaign.cell_a, "12-QĐ/ĐU", DECIDED_ON, today=TODAY)
    assert codes(nothing) == [ProblemCode.EVALUATION_NOTHING_TO_APPROVE]


def test_closing_needs_every_result_announced(database: Database) -> None:
    campaign = Campaign(database, members_a=3, members_b=0)
    period = campaign.open()
    with pytest.raises(ValidationFailed) as waiting:
        close_period(database, period, today=TODAY)
    assert codes(waiting) == [ProblemCode.EVALUATION_NOT_ALL_NOTIFIED]
    campaign.propose(campaign.members_a, Rating.GOOD, votes_for=3, votes_cast=3)
    approve_as_proposed(database, period, campaign.grassroots, "12-QĐ/ĐU", DECIDED_ON, today=TODAY)
    for org in (campaign.cell_a, campaign.cell_b):
        evaluation = campaign.evaluation(organization_id=org)
        record_self_reviews(database, [SelfReview(evaluation.id, Rating.GOOD, SELF_ON)], today=TODAY)
        record_proposals(database, [Proposal(evaluation.id, Rating.GOOD, 2, 3, PROPOSED_ON)], today=TODAY)
    approve_as_proposed(database, period, campaign.grassroots, "20-QĐ/ĐU", DECIDED_ON, today=TODAY,
                        subject=EvaluationSubject.ORGANIZATION)
    assert notify(database, period, campaign.grassroots, TODAY, today=TODAY) == 5
    close_period(database, period, today=TODAY)
    with pytest.raises(ValidationFailed) as closed:
        step_back(database, campaign.evaluation(campaign.members_a[0]).id, "Sai", today=TODAY)
    assert codes(closed) == [ProblemCode.EVALUATION_PERIOD_CLOSED]


def test_a_cell_secretary_works_only_in_the_own_cell(campaign: Campaign) -> None:
    campaign.open()
    outside = campaign.ids(campaign.members_b[:1])[0]
    add_account(campaign.database, "bithu", Role.OFFICE_CLERK, campaign.cell_a)
    with pytest.raises(PermissionDenied):
        record_self_reviews(campaign.database, [SelfReview(outside, Rating.GOOD, SELF_ON)], today=TODAY)
    assert campaign_progress(campaign.database, campaign.period, campaign.cell_a).total.member_total == 30
    assert [period.id for period in list_periods(campaign.database)] == [campaign.period]

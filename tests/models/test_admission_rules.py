"""The rules of the admission pipeline on hand-built facts (R-ADM-1..4, §3.2, §10.2)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models.admission import AdmissionStep
from desktop.models.admission_rules import (
    IntroducerFacts,
    ceremony_deadline,
    check_age,
    check_ceremony,
    check_certificate,
    check_introducers,
    check_step_order,
    check_vote,
    decision_deadline,
    decision_is_late,
    next_step,
)
from desktop.models.enums import MemberStatus
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.working_days import WorkingCalendar
from desktop.texts import problem_message

# Rows as migration 0007 and earlier seed them (the values the office starts with).
RULES = RuleBook.from_rows([
    ("MIN_AGE_MONTHS", dt.date(1930, 2, 3), None, "216"),
    ("MAX_AGE_YEARS", dt.date(1930, 2, 3), None, "60"),
    ("COURSE_CERTIFICATE_VALID_YEARS", dt.date(1930, 2, 3), None, "5"),
    ("INTRODUCER_MIN_MONTHS", dt.date(1930, 2, 3), None, "12"),
    ("CELL_RESOLUTION_MAJORITY", dt.date(1930, 2, 3), None, "[2, 3]"),
    ("ADMISSION_DECISION_DEADLINE_WD", dt.date(1930, 2, 3), None, "60"),
    ("CEREMONY_DEADLINE_WD", dt.date(1930, 2, 3), None, "30"),
])
TODAY = dt.date(2026, 12, 2)


def codes(problems: list[Problem]) -> list[ProblemCode]:
    return [problem.code for problem in problems]


def test_age_is_counted_in_months_on_the_day_the_cell_considers() -> None:
    born = dt.date(2008, 3, 15)
    assert check_age(born, dt.date(2026, 3, 15), RULES) == []  # exactly 18 years
    [problem] = check_age(born, dt.date(2026, 3, 14), RULES)  # a day short
    assert problem.code is ProblemCode.ADMISSION_TOO_YOUNG
    assert problem_message(problem) == (
        "Chưa đủ 18 tuổi (tính theo tháng) vào ngày chi bộ xét: đủ tuổi từ 15/03/2026.")


def test_sixty_years_is_the_oldest_age_counted_in_months() -> None:
    born = dt.date(1966, 5, 20)
    assert check_age(born, dt.date(2026, 5, 20), RULES) == []  # exactly 60
    assert check_age(born, dt.date(2026, 6, 19), RULES) == []  # 60 years and 0 months
    [problem] = check_age(born, dt.date(2026, 6, 20), RULES)  # 60 years and a month
    assert problem.code is ProblemCode.ADMISSION_TOO_OLD
    assert "cấp ủy trực thuộc Trung ương" in problem_message(problem)


def test_the_certificate_is_valid_five_years_up_to_the_day_before_its_anniversary() -> None:
    issued = dt.date(2021, 12, 10)
    assert check_certificate(issued, dt.date(2026, 12, 9), RULES) == []
    [problem] = check_certificate(issued, dt.date(2026, 12, 10), RULES)
    assert problem.code is ProblemCode.ADMISSION_CERTIFICATE_EXPIRED
    assert problem_message(problem) == (
        "Giấy chứng nhận cấp ngày 10/12/2021 đã hết hiệu lực từ 10/12/2026: phải học lại lớp "
        "bồi dưỡng nhận thức về Đảng.")
    assert codes(check_certificate(None, TODAY, RULES)) == [ProblemCode.ADMISSION_CERTIFICATE_MISSING]


def _official(member_id: int, official: dt.date | None = dt.date(2015, 1, 1), months: int | None = 24,
              status: MemberStatus = MemberStatus.FULL) -> IntroducerFacts:
    return IntroducerFacts(member_id, f"Đảng viên {member_id}", status, official, months)


def test_two_official_members_introduce() -> None:
    on = dt.date(2026, 6, 1)
    assert check_introducers([_official(1), _official(2)], False, on, RULES) == []
    assert codes(check_introducers([_official(1)], False, on, RULES)) == [ProblemCode.ADMISSION_INTRODUCER_COUNT]
    assert codes(check_introducers([_official(1), _official(1)], False, on, RULES)) == [
        ProblemCode.ADMISSION_INTRODUCER_TWICE]


def test_one_official_member_and_a_union_resolution_introduce() -> None:
    on = dt.date(2026, 6, 1)
    assert check_introducers([_official(1)], True, on, RULES) == []
    assert codes(check_introducers([_official(1), _official(2)], True, on, RULES)) == [
        ProblemCode.ADMISSION_INTRODUCER_COUNT]


def test_a_probationary_member_does_not_introduce() -> None:
    probationary = _official(2, official=None, status=MemberStatus.PROBATIONARY)
    [problem] = check_introducers([_official(1), probationary], False, dt.date(2026, 6, 1), RULES)
    assert (problem.field, problem.code) == ("introducer2", ProblemCode.ADMISSION_INTRODUCER_NOT_FULL)
    assert problem_message(problem) == "Đảng viên 2 chưa là đảng viên chính thức vào ngày giới thiệu (01/06/2026)."


def test_an_introducer_official_only_after_the_introduction_date_does_not_introduce() -> None:
    on = dt.date(2026, 6, 1)
    later = _official(2, official=dt.date(2026, 6, 2))
    assert codes(check_introducers([_official(1), later], False, on, RULES)) == [
        ProblemCode.ADMISSION_INTRODUCER_NOT_FULL]
    same_day = _official(2, official=on)
    assert check_introducers([_official(1), same_day], False, on, RULES) == []


def test_an_introducer_must_have_worked_with_the_candidate_twelve_months() -> None:
    on = dt.date(2026, 6, 1)
    assert check_introducers([_official(1, months=12), _official(2, months=12)], False, on, RULES) == []
    [problem] = check_introducers([_official(1, months=11), _official(2)], False, on, RULES)
    assert problem.code is ProblemCode.ADMISSION_INTRODUCER_TOO_SHORT
    assert problem_message(problem) == (
        "Đảng viên 1 phải cùng công tác hoặc học tập với người vào Đảng ít nhất 12 tháng.")
    assert codes(check_introducers([_official(7), _official(2)], False, on, RULES, candidate_member_id=7)) == [
        ProblemCode.ADMISSION_INTRODUCER_IS_CANDIDATE]


def test_steps_follow_the_order_of_the_spec() -> None:
    done = [(AdmissionStep.COURSE_PASSED, dt.date(2026, 1, 5))]
    assert check_step_order(done, AdmissionStep.APPLIED, dt.date(2026, 1, 5), TODAY, False) == []
    [problem] = check_step_order(done, AdmissionStep.INTRODUCED, dt.date(2026, 2, 1), TODAY, False)
    assert problem.code is ProblemCode.ADMISSION_STEP_OUT_OF_ORDER
    assert problem_message(problem) == (
        "Chưa đến bước “Giới thiệu người vào Đảng (3-KNĐ)”: bước tiếp theo là "
        "“Đơn xin vào Đảng và lý lịch (1-KNĐ, 2-KNĐ)”.")


def test_step_dates_do_not_go_back_nor_into_the_future() -> None:
    done = [(AdmissionStep.COURSE_PASSED, dt.date(2026, 1, 5))]
    assert codes(check_step_order(done, AdmissionStep.APPLIED, dt.date(2026, 1, 4), TODAY, False)) == [
        ProblemCode.ADMISSION_STEP_BEFORE_PREVIOUS]
    assert codes(check_step_order(done, AdmissionStep.APPLIED, TODAY + dt.timedelta(days=1), TODAY, False)) == [
        ProblemCode.DATE_IN_FUTURE]


def test_the_section_appraisal_comes_only_under_a_section_committee() -> None:
    done = [step for step in AdmissionStep][:6]  # up to the cell's resolution
    assert done[-1] is AdmissionStep.CELL_RESOLVED
    assert next_step(done, under_section=True) is AdmissionStep.SECTION_APPRAISED
    assert next_step(done, under_section=False) is AdmissionStep.GRASSROOTS_RESOLVED


@pytest.mark.parametrize(("votes", "entitled", "ok"), [(6, 9, True), (5, 9, False), (2, 3, True), (7, 10, True),
                                                        (6, 10, False), (4, 4, True)])
def test_the_resolution_needs_two_thirds_of_the_official_members(votes: int, entitled: int, ok: bool) -> None:
    problems = check_vote(votes, entitled, TODAY, RULES)
    assert (problems == []) is ok
    if not ok:
        assert problems[0].code is ProblemCode.ADMISSION_MAJORITY_NOT_REACHED


def test_votes_cannot_exceed_the_official_members() -> None:
    [problem] = check_vote(10, 9, TODAY, RULES)
    assert problem.code is ProblemCode.ADMISSION_VOTES_ABOVE_MEMBERS
    assert problem_message(problem) == "Số phiếu tán thành không thể vượt quá 9 người có quyền biểu quyết."
    assert problem_message(check_vote(5, 9, TODAY, RULES)[0]) == (
        "Chưa đủ 2/3 của 9 người có quyền biểu quyết tán thành: cần ít nhất 6 phiếu.")


def test_deadlines_are_counted_in_working_days_across_a_holiday() -> None:
    # Friday 28/08/2026; 31/08 (Monday) and 02/09 (Wednesday) are days off around National Day.
    calendar = WorkingCalendar([dt.date(2026, 9, 1), dt.date(2026, 9, 2)])
    resolved = dt.date(2026, 8, 28)
    ceremony = ceremony_deadline(resolved, RULES, calendar)
    # 30 working days after 28/08 without the two days off: 09/10/2026; with them: 13/10/2026.
    assert WorkingCalendar().add_working_days(resolved, 30) == dt.date(2026, 10, 9)
    assert ceremony.due == dt.date(2026, 10, 13)
    assert (ceremony.working_days, ceremony.start) == (30, resolved)
    decision = decision_deadline(resolved, RULES, calendar)
    assert decision.due == calendar.add_working_days(resolved, 60)
    assert not decision_is_late(decision.due, decision)
    assert decision_is_late(decision.due + dt.timedelta(days=1), decision)


def test_a_late_ceremony_needs_the_superiors_consent_and_a_full_member_mentors() -> None:
    calendar = WorkingCalendar([dt.date(2026, 9, 1), dt.date(2026, 9, 2)])
    deadline = ceremony_deadline(dt.date(2026, 8, 28), RULES, calendar)
    mentor = _official(3)
    assert check_ceremony(dt.date(2026, 10, 13), deadline, None, mentor) == []
    [late] = check_ceremony(dt.date(2026, 10, 14), deadline, None, mentor)
    assert late.code is ProblemCode.ADMISSION_CEREMONY_LATE
    assert problem_message(late) == (
        "Quá hạn tổ chức lễ kết nạp (13/10/2026, 30 ngày làm việc kể từ ngày quyết định 28/08/2026): "
        "ghi văn bản đồng ý của cấp ủy cấp trên.")
    assert check_ceremony(dt.date(2026, 10, 14), deadline, "Công văn 12-CV/ĐU", mentor) == []
    assert codes(check_ceremony(dt.date(2026, 10, 1), deadline, None, None)) == [
        ProblemCode.ADMISSION_MENTOR_REQUIRED]
    probationary = _official(4, official=None, status=MemberStatus.PROBATIONARY)
    assert codes(check_ceremony(dt.date(2026, 10, 1), deadline, None, probationary)) == [
        ProblemCode.ADMISSION_MENTOR_NOT_FULL]

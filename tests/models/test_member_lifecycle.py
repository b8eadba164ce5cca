"""Which history events a member may receive (§2.3-§2.5), checked without a database."""

import datetime as dt

import pytest

from desktop.models.enums import MemberEventKind as Kind
from desktop.models.enums import MemberStatus as Status
from desktop.models.member_lifecycle import EventDraft, MemberState, check_event, recognition_date
from desktop.models.problems import ProblemCode
from desktop.models.rules import RuleBook

TODAY = dt.date(2026, 12, 2)
ADMITTED = dt.date(2024, 2, 29)


@pytest.fixture
def rules() -> RuleBook:
    return RuleBook.from_rows([("PROBATION_MONTHS", dt.date(1930, 2, 3), None, "12")])


def state(status: Status = Status.FULL, **changes: object) -> MemberState:
    values: dict[str, object] = {"status": status, "admission_date": ADMITTED, "exempted": False,
                                 "cell_id": 1, "last_status_change": ADMITTED}
    values.update(changes)
    return MemberState(**values)  # type: ignore[arg-type]


def codes(problems: list) -> list[tuple[str, ProblemCode]]:
    return [(problem.field, problem.code) for problem in problems]


def test_a_complete_removal_of_an_official_member_is_accepted(rules: RuleBook) -> None:
    draft = EventDraft(Kind.REMOVED, dt.date(2026, 11, 30), decision_number="15-QĐ/ĐU",
                       note="Bỏ sinh hoạt đảng 3 tháng liền không có lý do chính đáng")
    assert check_event(state(), draft, rules, TODAY) == []


def test_a_probationary_member_is_removed_never_expelled(rules: RuleBook) -> None:
    draft = EventDraft(Kind.EXPELLED, dt.date(2026, 11, 30), decision_number="16-QĐ/ĐU", note="Vi phạm")
    [problem] = check_event(state(Status.PROBATIONARY), draft, rules, TODAY)
    assert (problem.code, problem.params) == (
        ProblemCode.EVENT_NOT_ALLOWED, {"kind": Kind.EXPELLED, "status": Status.PROBATIONARY})
    removal = EventDraft(Kind.REMOVED, dt.date(2026, 11, 30), decision_number="16-QĐ/ĐU", note="Vi phạm")
    assert check_event(state(Status.PROBATIONARY), removal, rules, TODAY) == []


@pytest.mark.parametrize("status", [Status.DECEASED, Status.REMOVED, Status.EXPELLED, Status.TRANSFERRED_OUT])
def test_a_member_who_is_gone_receives_no_exemption(rules: RuleBook, status: Status) -> None:
    draft = EventDraft(Kind.EXEMPTED, dt.date(2026, 11, 30), decision_number="NQ 05", note="Tuổi cao")
    assert codes(check_event(state(status), draft, rules, TODAY)) == [("kind", ProblemCode.EVENT_NOT_ALLOWED)]


def test_decisions_reasons_and_destinations_are_required(rules: RuleBook) -> None:
    assert codes(check_event(state(), EventDraft(Kind.LEFT_ON_REQUEST, dt.date(2026, 1, 5)), rules, TODAY)) == [
        ("decision_number", ProblemCode.EVENT_DECISION_REQUIRED), ("note", ProblemCode.EVENT_REASON_REQUIRED)]
    move = EventDraft(Kind.TRANSFER_INTERNAL, dt.date(2026, 1, 5))
    assert codes(check_event(state(), move, rules, TODAY)) == [("to_org_id", ProblemCode.EVENT_DESTINATION_REQUIRED)]
    same = EventDraft(Kind.TRANSFER_INTERNAL, dt.date(2026, 1, 5), to_org_id=1)
    assert codes(check_event(state(), same, rules, TODAY)) == [("to_org_id", ProblemCode.EVENT_SAME_CELL)]
    # A death is recorded by the cell: no decision is needed.
    assert check_event(state(), EventDraft(Kind.DECEASED, dt.date(2026, 1, 5)), rules, TODAY) == []


def test_dates_before_admission_after_today_or_before_the_last_change_are_refused(rules: RuleBook) -> None:
    def problems_on(day: dt.date, **changes: object) -> list[tuple[str, ProblemCode]]:
        return codes(check_event(state(**changes), EventDraft(Kind.DECEASED, day), rules, TODAY))

    assert problems_on(dt.date(2024, 2, 28)) == [("effective_date", ProblemCode.EVENT_BEFORE_ADMISSION)]
    assert problems_on(TODAY + dt.timedelta(days=1)) == [("effective_date", ProblemCode.DATE_IN_FUTURE)]
    assert problems_on(dt.date(2025, 3, 1), last_status_change=dt.date(2025, 3, 2)) == [
        ("effective_date", ProblemCode.EVENT_BEFORE_LAST_CHANGE)]
    assert problems_on(dt.date(2025, 3, 2), last_status_change=dt.date(2025, 3, 2)) == []


def test_exemption_and_its_end_follow_each_other(rules: RuleBook) -> None:
    exempt = EventDraft(Kind.EXEMPTED, dt.date(2026, 3, 1), decision_number="NQ 05", note="Sức khỏe yếu")
    back = EventDraft(Kind.EXEMPTION_ENDED, dt.date(2026, 9, 1))
    assert codes(check_event(state(exempted=True), exempt, rules, TODAY)) == [
        ("kind", ProblemCode.EVENT_ALREADY_EXEMPTED)]
    assert codes(check_event(state(), back, rules, TODAY)) == [("kind", ProblemCode.EVENT_NOT_EXEMPTED)]
    assert check_event(state(exempted=True), back, rules, TODAY) == []


def test_probation_ends_twelve_months_after_the_ceremony_even_from_a_leap_day(rules: RuleBook) -> None:
    assert recognition_date(ADMITTED, rules) == dt.date(2025, 2, 28)
    assert recognition_date(dt.date(2025, 1, 31), rules) == dt.date(2026, 1, 31)
    documents = {"decision_number": "20-QĐ/ĐU", "resolution_number": "05-NQ/CB",
                 "resolution_date": dt.date(2025, 3, 3)}
    early = EventDraft(Kind.RECOGNISED_FULL, dt.date(2025, 2, 27), **documents)
    [problem] = check_event(state(Status.PROBATIONARY), early, rules, TODAY)
    assert problem.code is ProblemCode.RECOGNITION_BEFORE_PROBATION_END
    assert problem.params == {"months": 12, "earliest": dt.date(2025, 2, 28)}
    on_time = EventDraft(Kind.RECOGNISED_FULL, dt.date(2025, 2, 28), **documents)
    assert check_event(state(Status.PROBATIONARY), on_time, rules, TODAY) == []
    hasty = EventDraft(Kind.RECOGNISED_FULL, dt.date(2025, 2, 28), decision_number="20-QĐ/ĐU",
                       resolution_number="05-NQ/CB", resolution_date=dt.date(2025, 2, 27))
    assert codes(check_event(state(Status.PROBATIONARY), hasty, rules, TODAY)) == [
        ("resolution_date", ProblemCode.RESOLUTION_BEFORE_PROBATION_END)]
    undocumented = EventDraft(Kind.RECOGNISED_FULL, dt.date(2025, 2, 28), decision_number="20-QĐ/ĐU")
    assert codes(check_event(state(Status.PROBATIONARY), undocumented, rules, TODAY)) == [
        ("resolution_number", ProblemCode.EVENT_RESOLUTION_REQUIRED)]
    assert codes(check_event(state(Status.FULL), on_time, rules, TODAY)) == [("kind", ProblemCode.EVENT_NOT_ALLOWED)]


def test_the_probation_read_is_the_rule_of_the_admission_date() -> None:
    rules = RuleBook.from_rows([("PROBATION_MONTHS", dt.date(1930, 2, 3), dt.date(2000, 1, 1), "6"),
                                ("PROBATION_MONTHS", dt.date(2000, 1, 1), None, "12")])
    assert recognition_date(dt.date(1999, 3, 10), rules) == dt.date(1999, 9, 10)
    assert recognition_date(dt.date(2000, 3, 10), rules) == dt.date(2001, 3, 10)


def test_only_a_member_removed_expelled_or_gone_is_reinstated(rules: RuleBook) -> None:
    draft = EventDraft(Kind.REINSTATED, dt.date(2026, 6, 1), decision_number="3-QĐ/TU", note="Quyết định oan sai")
    assert check_event(state(Status.EXPELLED), draft, rules, TODAY) == []
    assert codes(check_event(state(Status.DECEASED), draft, rules, TODAY)) == [("kind", ProblemCode.EVENT_NOT_ALLOWED)]

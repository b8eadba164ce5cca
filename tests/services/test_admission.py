"""Admission use cases: candidates, steps with their checks, the admission creating the member."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.admission import AdmissionAction, AdmissionState, AdmissionStep
from desktop.models.enums import MemberEventKind, MemberStatus
from desktop.models.member import Member, MemberEvent
from desktop.models.problems import ProblemCode
from desktop.services.access import PermissionDenied
from desktop.services.admission import (
    AdmissionListQuery,
    close_case,
    count_cases,
    fetch_cases,
    get_case,
    undo_last_step,
    update_case,
)
from desktop.services.admission_steps import StepDraft, record_step
from desktop.services.errors import ValidationFailed
from desktop.texts import problem_message
from tests.admission_builders import (
    TODAY,
    build_office,
    candidate,
    ceremony,
    new_case,
    run_steps,
    step_drafts,
)
from tests.builders import add_account


@pytest.fixture
def office(database: Database) -> dict[str, int]:
    return build_office(database)


def _codes(error: pytest.ExceptionInfo[ValidationFailed]) -> list[ProblemCode]:
    return [problem.code for problem in error.value.problems]


def test_a_candidate_is_listed_and_read_back(database: Database, office: dict[str, int]) -> None:
    record = new_case(database, office)
    assert record.state is AdmissionState.CANDIDATE
    assert record.next_step is AdmissionStep.COURSE_PASSED
    again = get_case(database, record.id)
    assert (again.draft.full_name, again.cell_name, again.draft.national_id) == (
        "Nguyễn Thị Hoa", "Chi bộ Vụ Tổng hợp", "001198012345")
    edited = update_case(database, record.id, record.version, replace(again.draft, phone="0912345678"), today=TODAY)
    assert get_case(database, record.id).draft.phone == "0912345678"
    assert edited.version == record.version + 1
    rows = fetch_cases(database, AdmissionListQuery(office["root"]), 0, 50)
    assert [(row.full_name, row.state) for row in rows] == [("Nguyễn Thị Hoa", AdmissionState.CANDIDATE)]
    assert count_cases(database, AdmissionListQuery(office["other"])) == 0


def test_a_member_s_national_id_cannot_be_a_candidate_s(database: Database, office: dict[str, int]) -> None:
    new_case(database, office)
    with pytest.raises(ValidationFailed) as error:
        new_case(database, office, full_name="Nguyễn Thị Hoa Khác")
    assert _codes(error) == [ProblemCode.ADMISSION_CASE_OPEN_ELSEWHERE]


def test_the_steps_go_in_order_and_the_ceremony_admits_the_probationary_member(
    database: Database, office: dict[str, int]
) -> None:
    record = run_steps(database, new_case(database, office), step_drafts(office))
    assert record.state is AdmissionState.DECIDED
    assert record.deadline is not None and record.deadline.after is AdmissionStep.DECIDED
    assert [row.step for row in record.steps][-1] is AdmissionStep.DECIDED
    cell_step = next(row for row in record.steps if row.step is AdmissionStep.CELL_RESOLVED)
    assert (cell_step.votes_for, cell_step.votes_total) == (3, 3)  # the cell's three official members
    assert [person.full_name for person, _ in record.introducers] == ["Trần Văn Ba", "Lê Thị Bốn"]

    admitted = record_step(database, record.id, record.version, ceremony(office), today=TODAY)
    assert admitted.state is AdmissionState.ADMITTED and admitted.member_id is not None
    assert admitted.mentor is not None and admitted.mentor.full_name == "Phạm Văn Năm"
    with database.reading() as session:
        member = session.get(Member, admitted.member_id)
        assert member is not None
        assert (member.full_name, member.status, member.cell_id) == (
            "Nguyễn Thị Hoa", MemberStatus.PROBATIONARY, office["cell"])
        assert (member.admission_date, member.admission_decision_date) == (dt.date(2026, 6, 15), dt.date(2026, 6, 1))
        [event] = session.scalars(select(MemberEvent).where(MemberEvent.member_id == member.id)).all()
        assert (event.kind, event.effective_date, event.decision_number, event.issuing_body) == (
            MemberEventKind.ADMITTED, dt.date(2026, 6, 15), "102-QĐ/ĐU", "Ban Thường vụ Đảng ủy Khối")
    assert count_cases(database, AdmissionListQuery(office["root"])) == 0  # closed cases leave the list
    with pytest.raises(ValidationFailed) as error:
        close_case(database, record.id, admitted.version, AdmissionAction.WITHDRAWN, "x", TODAY, today=TODAY)
    assert _codes(error) == [ProblemCode.ADMISSION_CASE_CLOSED]


def test_a_step_out_of_order_is_refused_and_nothing_is_written(database: Database, office: dict[str, int]) -> None:
    record = new_case(database, office)
    with pytest.raises(ValidationFailed) as error:
        record_step(database, record.id, record.version, step_drafts(office)[1], today=TODAY)
    assert _codes(error) == [ProblemCode.ADMISSION_STEP_OUT_OF_ORDER]
    assert get_case(database, record.id).steps == ()


def test_a_probationary_introducer_is_refused(database: Database, office: dict[str, int]) -> None:
    drafts = step_drafts(office)
    record = run_steps(database, new_case(database, office), drafts[:3])
    bad = replace(drafts[3], introducers=((office["full1"], 24), (office["probationary"], 24)))
    with pytest.raises(ValidationFailed) as error:
        record_step(database, record.id, record.version, bad, today=TODAY)
    assert _codes(error) == [ProblemCode.ADMISSION_INTRODUCER_NOT_FULL]
    assert problem_message(error.value.problems[0]).startswith("Đỗ Văn Sáu chưa là đảng viên chính thức")


def test_the_cell_resolution_checks_age_certificate_and_votes(database: Database, office: dict[str, int]) -> None:
    drafts = step_drafts(office)
    young = new_case(database, office, date_of_birth=dt.date(2008, 4, 2), national_id="001308012345")
    young = run_steps(database, young, drafts[:5])
    with pytest.raises(ValidationFailed) as error:
        record_step(database, young.id, young.version, replace(drafts[5], votes_for=1), today=TODAY)
    assert _codes(error) == [ProblemCode.ADMISSION_TOO_YOUNG, ProblemCode.ADMISSION_MAJORITY_NOT_REACHED]
    with pytest.raises(ValidationFailed) as error:
        record_step(database, young.id, young.version, replace(drafts[5], votes_for=4), today=TODAY)
    assert ProblemCode.ADMISSION_VOTES_ABOVE_MEMBERS in _codes(error)


def test_a_late_ceremony_needs_the_superiors_consent(database: Database, office: dict[str, int]) -> None:
    record = run_steps(database, new_case(database, office), step_drafts(office))
    assert record.deadline is not None
    late = record.deadline.due + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed) as error:
        record_step(database, record.id, record.version, ceremony(office, step_date=late), today=TODAY)
    assert _codes(error) == [ProblemCode.ADMISSION_CEREMONY_LATE]
    admitted = record_step(database, record.id, record.version,
                           ceremony(office, step_date=late, ceremony_late_consent="Công văn 30-CV/ĐUK"), today=TODAY)
    assert admitted.state is AdmissionState.ADMITTED
    assert admitted.ceremony_late_consent == "Công văn 30-CV/ĐUK"


def test_going_back_a_step_and_withdrawing_are_recorded_with_their_reason(
    database: Database, office: dict[str, int]
) -> None:
    record = run_steps(database, new_case(database, office), step_drafts(office)[:2])
    with pytest.raises(ValidationFailed) as error:
        undo_last_step(database, record.id, record.version, "  ", today=TODAY)
    assert _codes(error) == [ProblemCode.EVENT_REASON_REQUIRED]
    back = undo_last_step(database, record.id, record.version, "Đơn viết sai, làm lại", today=TODAY)
    assert back.state is AdmissionState.COURSE_PASSED
    assert [(row.action, row.state_before) for row in back.actions] == [
        (AdmissionAction.STEP_UNDONE, AdmissionState.APPLIED)]
    closed = close_case(database, record.id, back.version, AdmissionAction.WITHDRAWN, "Chuyển công tác",
                        TODAY, today=TODAY)
    assert (closed.state, closed.closed_reason) == (AdmissionState.WITHDRAWN, "Chuyển công tác")
    query = AdmissionListQuery(office["root"], include_closed=True)
    assert [row.state for row in fetch_cases(database, query, 0, 10)] == [AdmissionState.WITHDRAWN]


def test_overdue_cases_are_listed_by_their_deadline(database: Database, office: dict[str, int]) -> None:
    drafts = step_drafts(office)
    waiting = run_steps(database, new_case(database, office), drafts[:7])
    assert waiting.deadline is not None and waiting.deadline.after is AdmissionStep.CELL_RESOLVED
    new_case(database, office, full_name="Lê Văn Mới", national_id=None)
    overdue = AdmissionListQuery(office["root"], overdue_on=TODAY)
    assert [row.full_name for row in fetch_cases(database, overdue, 0, 10)] == ["Nguyễn Thị Hoa"]
    not_yet = AdmissionListQuery(office["root"], overdue_on=waiting.deadline.due)
    assert count_cases(database, not_yet) == 0


def test_a_clerk_outside_the_cell_can_neither_see_nor_record(database: Database, office: dict[str, int]) -> None:
    record = new_case(database, office)
    add_account(database, "vanthu.b", Role.OFFICE_CLERK, office["other"])
    with pytest.raises(PermissionDenied):
        get_case(database, record.id)
    with pytest.raises(PermissionDenied):
        fetch_cases(database, AdmissionListQuery(office["a"]), 0, 10)
    with pytest.raises(PermissionDenied):
        record_step(database, record.id, record.version, step_drafts(office)[0], today=TODAY)
    with pytest.raises(PermissionDenied):
        from desktop.services.admission import create_case

        create_case(database, candidate(office["cell"], national_id=None), today=TODAY)
    assert count_cases(database, AdmissionListQuery(office["other"])) == 0


def test_a_leader_reads_but_does_not_record(database: Database, office: dict[str, int]) -> None:
    record = new_case(database, office)
    add_account(database, "lanhdao", Role.LEADER)
    assert get_case(database, record.id).draft.full_name == "Nguyễn Thị Hoa"
    with pytest.raises(PermissionDenied):
        record_step(database, record.id, record.version, StepDraft(AdmissionStep.COURSE_PASSED), today=TODAY)

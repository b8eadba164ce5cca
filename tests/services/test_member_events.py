"""Recording history events: the member's status in step, history kept, the due list of probation."""

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.enums import MemberEventKind, MemberStatus, OrgKind
from desktop.models.holidays import PublicHoliday
from desktop.models.member import Member
from desktop.models.member_lifecycle import EventDraft
from desktop.models.problems import ProblemCode
from desktop.services.access import PermissionDenied
from desktop.services.errors import ConcurrentEdit, ValidationFailed
from desktop.services.member_events import member_timeline, record_member_event
from desktop.services.members import create_member, get_member
from desktop.services.probation import ProbationState, RecognitionDraft, probation_due, recognise
from tests.builders import add_account, add_org, member_draft, sign_in_as

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def cells(database: Database) -> dict[str, int]:
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    a = add_org(database, "K.A", "Đảng bộ Bộ A", OrgKind.GRASSROOTS_COMMITTEE, root)
    return {"root": root, "a": a,
            "a1": add_org(database, "K.A.1", "Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, a),
            "a2": add_org(database, "K.A.2", "Chi bộ Vụ Pháp chế", OrgKind.SUBORDINATE_CELL, a),
            "b": add_org(database, "K.B", "Chi bộ Báo Nhân Dân", OrgKind.GRASSROOTS_CELL, root)}


def probationer(database: Database, cell: int, name: str, admitted: dt.date) -> int:
    draft = member_draft(cell, full_name=name, admission_decision_date=admitted - dt.timedelta(days=10),
                         admission_date=admitted, official_date=None)
    return create_member(database, draft, today=TODAY).id


def status_of(database: Database, member_id: int) -> MemberStatus:
    with database.reading() as session:
        return session.scalars(select(Member.status).where(Member.id == member_id)).one()


def test_a_death_ends_membership_and_keeps_the_history(database: Database, cells: dict[str, int]) -> None:
    member_id = create_member(database, member_draft(cells["a1"]), today=TODAY).id
    record_member_event(database, member_id, EventDraft(
        MemberEventKind.DECEASED, dt.date(2026, 10, 1), note="Từ trần tại nhà riêng"), today=TODAY)
    assert status_of(database, member_id) is MemberStatus.DECEASED
    kinds = [(entry.kind, entry.effective_date) for entry in member_timeline(database, member_id)]
    assert kinds == [(MemberEventKind.ADMITTED, dt.date(2005, 4, 15)),
                     (MemberEventKind.RECOGNISED_FULL, dt.date(2006, 4, 15)),
                     (MemberEventKind.DECEASED, dt.date(2026, 10, 1))]
    with pytest.raises(ValidationFailed) as refused:  # nothing follows a death but a posthumous badge
        record_member_event(database, member_id, EventDraft(
            MemberEventKind.EXEMPTED, dt.date(2026, 11, 1), decision_number="NQ 1", note="x"), today=TODAY)
    assert [p.code for p in refused.value.problems] == [ProblemCode.EVENT_NOT_ALLOWED]


def test_removal_records_decision_resolution_and_reason(database: Database, cells: dict[str, int]) -> None:
    member_id = create_member(database, member_draft(cells["a1"]), today=TODAY).id
    record_member_event(database, member_id, EventDraft(
        MemberEventKind.REMOVED, dt.date(2026, 11, 20), decision_number="  45-QĐ/ĐU ",
        decision_date=dt.date(2026, 11, 20), issuing_body="Đảng ủy Bộ A", resolution_number="12-NQ/CB",
        resolution_date=dt.date(2026, 11, 5), note="Không đóng đảng phí 3 tháng trong năm"), today=TODAY)
    [*_, removal] = member_timeline(database, member_id)
    assert (removal.kind, removal.decision_number, removal.issuing_body, removal.resolution_number,
            removal.resolution_date, removal.note) == (
        MemberEventKind.REMOVED, "45-QĐ/ĐU", "Đảng ủy Bộ A", "12-NQ/CB", dt.date(2026, 11, 5),
        "Không đóng đảng phí 3 tháng trong năm")
    assert get_member(database, member_id).status is MemberStatus.REMOVED


def test_reinstatement_brings_back_the_status_before(database: Database, cells: dict[str, int]) -> None:
    member_id = create_member(database, member_draft(cells["a1"]), today=TODAY).id
    record_member_event(database, member_id, EventDraft(
        MemberEventKind.EXPELLED, dt.date(2026, 3, 1), decision_number="7-QĐ/ĐU", note="Vi phạm"), today=TODAY)
    record_member_event(database, member_id, EventDraft(
        MemberEventKind.REINSTATED, dt.date(2026, 9, 1), decision_number="2-QĐ/TU", note="Kết luận oan sai"),
        today=TODAY)
    assert status_of(database, member_id) is MemberStatus.FULL
    assert [e.kind for e in member_timeline(database, member_id)][-2:] == [
        MemberEventKind.EXPELLED, MemberEventKind.REINSTATED]


def test_exemption_sets_and_clears_the_flag(database: Database, cells: dict[str, int]) -> None:
    member_id = create_member(database, member_draft(cells["a1"]), today=TODAY).id
    record_member_event(database, member_id, EventDraft(
        MemberEventKind.EXEMPTED, dt.date(2026, 2, 1), decision_number="3-NQ/CB", note="Tuổi cao, sức khỏe yếu"),
        today=TODAY)
    with database.reading() as session:
        assert session.get(Member, member_id).exempted_from_activities is True
    record_member_event(database, member_id, EventDraft(MemberEventKind.EXEMPTION_ENDED, dt.date(2026, 8, 1)),
                        today=TODAY)
    with database.reading() as session:
        member = session.get(Member, member_id)
        assert (member.exempted_from_activities, member.status) == (False, MemberStatus.FULL)


def test_an_internal_transfer_moves_the_member_and_keeps_both_cells(database: Database, cells: dict[str, int]) -> None:
    member_id = create_member(database, member_draft(cells["a1"]), today=TODAY).id
    record_member_event(database, member_id, EventDraft(
        MemberEventKind.TRANSFER_INTERNAL, dt.date(2026, 6, 1), to_org_id=cells["a2"]), today=TODAY)
    [*_, move] = member_timeline(database, member_id)
    assert (move.from_org_name, move.to_org_name) == ("Chi bộ Vụ Tổng hợp", "Chi bộ Vụ Pháp chế")
    with database.reading() as session:
        assert session.get(Member, member_id).cell_id == cells["a2"]
    with pytest.raises(ValidationFailed) as refused:
        record_member_event(database, member_id, EventDraft(
            MemberEventKind.TRANSFER_INTERNAL, dt.date(2026, 7, 1), to_org_id=cells["a"]), today=TODAY)
    assert [(p.field, p.code) for p in refused.value.problems] == [("to_org_id", ProblemCode.CELL_NOT_A_CELL)]


def test_an_event_on_a_record_changed_since_it_was_opened_is_refused(database: Database, cells: dict[str, int]) -> None:
    record = create_member(database, member_draft(cells["a1"]), today=TODAY)
    record_member_event(database, record.id, EventDraft(MemberEventKind.DECEASED, dt.date(2026, 1, 1)),
                        expected_version=record.version, today=TODAY)
    with pytest.raises(ConcurrentEdit):
        record_member_event(database, record.id, EventDraft(MemberEventKind.DECEASED, dt.date(2026, 1, 2)),
                            expected_version=record.version, today=TODAY)


def test_readers_and_other_scopes_may_not_record(database: Database, cells: dict[str, int]) -> None:
    member_id = create_member(database, member_draft(cells["b"]), today=TODAY).id
    add_account(database, "lanhdao", Role.LEADER)
    draft = EventDraft(MemberEventKind.DECEASED, dt.date(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        record_member_event(database, member_id, draft, today=TODAY)
    add_account(database, "vanthu_a", Role.OFFICE_CLERK, cells["a"])
    with pytest.raises(PermissionDenied):
        record_member_event(database, member_id, draft, today=TODAY)
    sign_in_as(database)
    assert status_of(database, member_id) is MemberStatus.FULL


def test_the_due_list_counts_the_cell_deadline_in_working_days(database: Database, cells: dict[str, int]) -> None:
    overdue = probationer(database, cells["a1"], "Trần Văn Ba", dt.date(2025, 9, 1))  # ended 01/09/2026
    due = probationer(database, cells["a2"], "Lê Thị Bốn", dt.date(2025, 11, 20))  # ended 20/11/2026
    soon = probationer(database, cells["b"], "Phạm Văn Năm", dt.date(2025, 12, 20))  # ends 20/12/2026
    later = probationer(database, cells["a1"], "Hồ Văn Sáu", dt.date(2026, 3, 1))  # ends 01/03/2027
    rows = probation_due(database, cells["root"], within_days=30, today=TODAY)
    assert [(row.member_id, row.state) for row in rows] == [
        (overdue, ProbationState.OVERDUE), (due, ProbationState.DUE), (soon, ProbationState.UPCOMING)]
    assert later not in [row.member_id for row in rows]
    [_, second, third] = rows
    assert second.probation_end == dt.date(2026, 11, 20)
    # 30 working days after Friday 20/11/2026, with 01/01/2027 a day off: Monday 04/01/2027.
    assert second.cell_deadline == dt.date(2027, 1, 4)
    assert second.working_days_left == 22
    assert third.days_to_end == 18
    assert [row.member_id for row in probation_due(database, cells["a"], 30, today=TODAY)] == [overdue, due]


def test_a_day_off_added_by_the_office_moves_the_deadline(database: Database, cells: dict[str, int]) -> None:
    probationer(database, cells["a2"], "Lê Thị Bốn", dt.date(2025, 11, 20))
    with database.transaction() as session:
        session.add(PublicHoliday(day=dt.date(2026, 12, 31), name="Nghỉ bù"))
    [row] = probation_due(database, cells["a"], 0, today=TODAY)
    assert row.cell_deadline == dt.date(2027, 1, 5)


def test_recognition_is_dated_the_end_of_probation_and_leaves_the_due_list(
    database: Database, cells: dict[str, int]
) -> None:
    member_id = probationer(database, cells["a1"], "Trần Văn Ba", dt.date(2024, 2, 29))
    [row] = probation_due(database, cells["a"], 0, today=TODAY)
    recognise(database, member_id, row.version, RecognitionDraft(
        resolution_number="08-NQ/CB", resolution_date=dt.date(2025, 3, 10),
        decision_number="112-QĐ/ĐU", decision_date=dt.date(2025, 4, 2), issuing_body="Đảng ủy Bộ A"), today=TODAY)
    record = get_member(database, member_id)
    assert (record.status, record.draft.official_date) == (MemberStatus.FULL, dt.date(2025, 2, 28))
    assert probation_due(database, cells["a"], 0, today=TODAY) == []
    [*_, event] = member_timeline(database, member_id)
    assert (event.kind, event.effective_date, event.decision_number, event.resolution_number) == (
        MemberEventKind.RECOGNISED_FULL, dt.date(2025, 2, 28), "112-QĐ/ĐU", "08-NQ/CB")


def test_recognition_without_the_cell_resolution_is_refused(database: Database, cells: dict[str, int]) -> None:
    member_id = probationer(database, cells["a1"], "Trần Văn Ba", dt.date(2025, 1, 10))
    [row] = probation_due(database, cells["a"], 0, today=TODAY)
    with pytest.raises(ValidationFailed) as refused:
        recognise(database, member_id, row.version, RecognitionDraft(None, None, "1-QĐ/ĐU", dt.date(2026, 2, 1)),
                  today=TODAY)
    assert [p.code for p in refused.value.problems] == [ProblemCode.EVENT_RESOLUTION_REQUIRED]
    assert status_of(database, member_id) is MemberStatus.PROBATIONARY

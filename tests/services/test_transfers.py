"""Transfers of party activity: history kept, cells moved, deadlines, the pending list, refusals."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.enums import MemberEventKind, MemberStatus, OrgKind
from desktop.models.member import Member
from desktop.models.problems import ProblemCode
from desktop.models.transfer_rules import TransferDraft
from desktop.models.transfers import TransferDirection, TransferKind, TransferState
from desktop.services.access import PermissionDenied
from desktop.services.errors import ValidationFailed
from desktop.services.member_events import member_timeline
from desktop.services.members import MemberListQuery, count_members, create_member
from desktop.services.transfer_letters import suggested_letter_sequence
from desktop.services.transfer_list import (
    TransferListQuery,
    count_transfers,
    fetch_transfer_rows,
    member_transfers,
)
from desktop.services.transfers import (
    cancel_transfer,
    confirm_receipt,
    end_temporary_stay,
    issue_transfer,
    register_arrival,
)
from desktop.texts import problem_message
from tests.builders import add_account, add_org, member_draft

TODAY = dt.date(2026, 11, 21)
ACTIVE = (MemberStatus.FULL, MemberStatus.PROBATIONARY)


@pytest.fixture
def office(database: Database) -> dict[str, int]:
    """Two grassroots committees under one superior; two cells in A, one in B."""
    top = add_org(database, "S", "Đảng bộ Khối Doanh nghiệp", OrgKind.SUPERIOR_COMMITTEE)
    a = add_org(database, "A", "Đảng bộ Công ty Alpha", OrgKind.GRASSROOTS_COMMITTEE, top)
    b = add_org(database, "B", "Đảng bộ Công ty Beta", OrgKind.GRASSROOTS_COMMITTEE, top)
    a1 = add_org(database, "A1", "Chi bộ Kỹ thuật", OrgKind.SUBORDINATE_CELL, a)
    a2 = add_org(database, "A2", "Chi bộ Kinh doanh", OrgKind.SUBORDINATE_CELL, a)
    b1 = add_org(database, "B1", "Chi bộ Sản xuất", OrgKind.SUBORDINATE_CELL, b)
    member = create_member(database, member_draft(a1), today=TODAY).id
    return {"top": top, "a": a, "b": b, "a1": a1, "a2": a2, "b1": b1, "member": member}


def _member(database: Database, member_id: int) -> Member:
    with database.reading() as session:
        member = session.get(Member, member_id)
        assert member is not None
        session.expunge(member)
        return member


def _codes(error: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, ProblemCode]]:
    return [(p.field, p.code) for p in error.value.problems]


def _internal(member: int, to: int, day: dt.date = dt.date(2026, 10, 1), number: int = 1) -> TransferDraft:
    return TransferDraft(TransferKind.OFFICIAL, TransferDirection.INTERNAL, day, member_id=member,
                         to_org_id=to, reason="Điều động công tác", letter_sequence=number)


def test_a_move_inside_one_committee_changes_the_cell_at_once_and_keeps_history(
    database: Database, office: dict[str, int]
) -> None:
    transfer_id = issue_transfer(database, _internal(office["member"], office["a2"]), today=TODAY)

    member = _member(database, office["member"])
    assert (member.cell_id, member.status) == (office["a2"], MemberStatus.FULL)
    assert count_members(database, MemberListQuery(organization_id=office["a1"], statuses=ACTIVE)) == 0
    assert count_members(database, MemberListQuery(organization_id=office["a2"], statuses=ACTIVE)) == 1
    timeline = member_timeline(database, office["member"])
    assert [(e.kind, e.from_org_name, e.to_org_name) for e in timeline] == [
        (MemberEventKind.ADMITTED, None, None),
        (MemberEventKind.RECOGNISED_FULL, None, None),
        (MemberEventKind.TRANSFER_INTERNAL, "Chi bộ Kỹ thuật", "Chi bộ Kinh doanh"),
    ]
    assert timeline[-1].decision_number == "01-GGT/ĐU"
    [row] = member_transfers(database, office["member"], today=TODAY)
    assert (row.id, row.state, row.received_date) == (transfer_id, TransferState.RECEIVED, dt.date(2026, 10, 1))
    assert row.from_name == "Chi bộ Kỹ thuật — Đảng bộ Công ty Alpha"
    # Done at once: nothing waits in the list.
    assert count_transfers(database, TransferListQuery(), today=TODAY) == 0


def test_a_move_to_another_committee_waits_for_the_receiving_cell(
    database: Database, office: dict[str, int]
) -> None:
    transfer_id = issue_transfer(database, _internal(office["member"], office["b1"]), today=TODAY)

    member = _member(database, office["member"])
    assert (member.cell_id, member.status) == (office["a1"], MemberStatus.TRANSFERRED_OUT)
    [row] = fetch_transfer_rows(database, TransferListQuery(), 0, 50, today=TODAY)
    assert (row.id, row.state, row.to_name) == (transfer_id, TransferState.ISSUED,
                                                "Chi bộ Sản xuất — Đảng bộ Công ty Beta")

    confirm_receipt(database, transfer_id, dt.date(2026, 10, 20), today=TODAY)

    member = _member(database, office["member"])
    assert (member.id, member.cell_id, member.status) == (office["member"], office["b1"], MemberStatus.FULL)
    assert count_members(database, MemberListQuery(organization_id=office["b1"], statuses=ACTIVE)) == 1
    events = member_timeline(database, office["member"])[2:]
    assert [(e.kind, e.effective_date, e.from_org_name, e.to_org_name) for e in events] == [
        (MemberEventKind.TRANSFER_OFFICIAL_OUT, dt.date(2026, 10, 1), "Chi bộ Kỹ thuật", "Chi bộ Sản xuất"),
        (MemberEventKind.TRANSFER_OFFICIAL_IN, dt.date(2026, 10, 20), "Chi bộ Kỹ thuật", "Chi bộ Sản xuất"),
    ]
    assert count_transfers(database, TransferListQuery(), today=TODAY) == 0
    with pytest.raises(ValidationFailed) as refused:
        confirm_receipt(database, transfer_id, dt.date(2026, 10, 21), today=TODAY)
    assert problem_message(refused.value.problems[0]) == "Nơi đến đã xác nhận tiếp nhận đảng viên rồi."


def test_official_transfer_out_leaves_the_register_and_cancelling_brings_the_member_back(
    database: Database, office: dict[str, int]
) -> None:
    draft = TransferDraft(TransferKind.OFFICIAL, TransferDirection.OUT, dt.date(2026, 11, 2),
                          member_id=office["member"], to_org_text="Đảng bộ Sở Y tế tỉnh Nam Định",
                          reason="Chuyển công tác", letter_sequence=suggested_letter_sequence(
                              database, office["member"], dt.date(2026, 11, 2)))
    transfer_id = issue_transfer(database, draft, today=TODAY)
    assert _member(database, office["member"]).status is MemberStatus.TRANSFERRED_OUT
    assert count_members(database, MemberListQuery(organization_id=office["a"], statuses=ACTIVE)) == 0

    cancel_transfer(database, transfer_id, dt.date(2026, 11, 5), "Đảng viên không chuyển công tác nữa", today=TODAY)

    assert _member(database, office["member"]).status is MemberStatus.FULL
    events = member_timeline(database, office["member"])[2:]
    assert [(e.kind, e.counterpart) for e in events] == [
        (MemberEventKind.TRANSFER_OFFICIAL_OUT, "Đảng bộ Sở Y tế tỉnh Nam Định"),
        (MemberEventKind.TRANSFER_OFFICIAL_IN, None),
    ]
    assert events[1].note == "Hủy giấy giới thiệu số 01-GGT/ĐU: Đảng viên không chuyển công tác nữa"
    [row] = member_transfers(database, office["member"], today=TODAY)
    assert row.state is TransferState.CANCELLED


def test_temporary_transfer_keeps_the_member_on_the_home_list_until_the_return(
    database: Database, office: dict[str, int]
) -> None:
    draft = TransferDraft(TransferKind.TEMPORARY, TransferDirection.OUT, dt.date(2026, 3, 2),
                          member_id=office["member"], to_org_text="Chi bộ Học viện Chính trị khu vực I",
                          reason="Đi học cao cấp lý luận chính trị", letter_sequence=3,
                          expected_end=dt.date(2026, 9, 30))
    transfer_id = issue_transfer(database, draft, today=TODAY)
    member = _member(database, office["member"])
    assert (member.status, member.temporary_elsewhere, member.cell_id) == (MemberStatus.FULL, True, office["a1"])
    assert count_members(database, MemberListQuery(organization_id=office["a1"], statuses=ACTIVE)) == 1

    confirm_receipt(database, transfer_id, dt.date(2026, 3, 9), today=TODAY)
    # Received, but the stay ran past its expected end: still open, and overdue.
    [row] = fetch_transfer_rows(database, TransferListQuery(overdue_only=True), 0, 10, today=TODAY)
    assert (row.state, row.due, row.overdue) == (TransferState.RECEIVED, dt.date(2026, 9, 30), True)
    assert row.days_left is not None and row.days_left < 0

    end_temporary_stay(database, transfer_id, dt.date(2026, 10, 5), today=TODAY)

    assert _member(database, office["member"]).temporary_elsewhere is False
    kinds = [e.kind for e in member_timeline(database, office["member"])[2:]]
    assert kinds == [MemberEventKind.TRANSFER_TEMPORARY_OUT, MemberEventKind.TRANSFER_TEMPORARY_IN]
    assert count_transfers(database, TransferListQuery(), today=TODAY) == 0


def test_the_reporting_deadline_counts_working_days_across_the_national_day(
    database: Database, office: dict[str, int]
) -> None:
    # From Friday 28/08/2026: the weekends and 02-03/09 (Quốc khánh) are not counted.
    transfer_id = issue_transfer(database, _internal(office["member"], office["b1"], dt.date(2026, 8, 28)),
                                 today=TODAY)
    [row] = fetch_transfer_rows(database, TransferListQuery(), 0, 10, today=dt.date(2026, 10, 9))
    assert (row.id, row.report_deadline, row.deadline_days) == (transfer_id, dt.date(2026, 10, 13), 30)
    assert (row.days_left, row.overdue) == (2, False)  # Friday 09/10: Monday and Tuesday left
    [late] = fetch_transfer_rows(database, TransferListQuery(), 0, 10, today=dt.date(2026, 10, 16))
    assert (late.days_left, late.overdue) == (-3, True)


def test_the_pending_list_filters_and_orders_by_urgency(database: Database, office: dict[str, int]) -> None:
    others = [create_member(database, member_draft(office["a1"], full_name=name), today=TODAY).id
              for name in ("Trần Thị Bình", "Lê Văn Cường", "Phạm Văn Dũng")]
    # An overdue letter, one in time, a received one, a temporary stay still in time.
    late = issue_transfer(database, _internal(office["member"], office["b1"], dt.date(2026, 9, 1), 1), today=TODAY)
    fresh = issue_transfer(database, _internal(others[0], office["b1"], dt.date(2026, 11, 16), 2), today=TODAY)
    done = issue_transfer(database, _internal(others[1], office["b1"], dt.date(2026, 10, 1), 3), today=TODAY)
    confirm_receipt(database, done, dt.date(2026, 10, 2), today=TODAY)
    stay = issue_transfer(database, TransferDraft(
        TransferKind.TEMPORARY, TransferDirection.INTERNAL, dt.date(2026, 11, 2), member_id=others[2],
        to_org_id=office["a2"], reason="Biệt phái", letter_sequence=4, expected_end=dt.date(2027, 5, 1)),
        today=TODAY)

    def ids(query: TransferListQuery) -> list[int]:
        return [row.id for row in fetch_transfer_rows(database, query, 0, 50, today=TODAY)]

    # The stay is not received yet: it waits for its reporting deadline too (15/12 before 29/12).
    assert ids(TransferListQuery()) == [late, stay, fresh]
    assert ids(TransferListQuery(overdue_only=True)) == [late]
    assert ids(TransferListQuery(kind=TransferKind.TEMPORARY)) == [stay]
    assert ids(TransferListQuery(states=(TransferState.RECEIVED,), kind=TransferKind.OFFICIAL)) == [done]
    assert ids(TransferListQuery(organization_id=office["b"])) == [late, fresh]
    assert count_transfers(database, TransferListQuery(overdue_only=True), today=TODAY) == 1
    assert fetch_transfer_rows(database, TransferListQuery(), 2, 1, today=TODAY)[0].id == fresh


def test_arrival_from_outside_creates_the_member_with_its_history(database: Database, office: dict[str, int]) -> None:
    draft = TransferDraft(TransferKind.OFFICIAL, TransferDirection.IN, dt.date(2026, 10, 1), to_org_id=office["b1"],
                          from_org_text="Đảng bộ Trường Đại học Vinh", letter_number="215-GGT/ĐU",
                          issuing_body="Đảng ủy Trường Đại học Vinh", received_date=dt.date(2026, 10, 12))
    transfer_id = register_arrival(database, draft, member_draft(0, full_name="Hoàng Thị Lan"), today=TODAY)

    [row] = fetch_transfer_rows(database, TransferListQuery(states=(TransferState.RECEIVED,)), 0, 5, today=TODAY)
    assert (row.id, row.member_name, row.from_name, row.direction) == (
        transfer_id, "Hoàng Thị Lan", "Đảng bộ Trường Đại học Vinh", TransferDirection.IN)
    member = _member(database, row.member_id)
    assert (member.cell_id, member.status) == (office["b1"], MemberStatus.FULL)
    timeline = member_timeline(database, row.member_id)
    assert [(e.kind, e.counterpart, e.to_org_name) for e in timeline][-1] == (
        MemberEventKind.TRANSFER_OFFICIAL_IN, "Đảng bộ Trường Đại học Vinh", "Chi bộ Sản xuất")


def test_a_member_who_transferred_out_comes_back_as_the_same_record(database: Database, office: dict[str, int]) -> None:
    out = TransferDraft(TransferKind.OFFICIAL, TransferDirection.OUT, dt.date(2025, 3, 3), member_id=office["member"],
                        to_org_text="Đảng bộ Quân khu 3", reason="Nhập ngũ", letter_sequence=9)
    transfer_id = issue_transfer(database, out, today=TODAY)
    confirm_receipt(database, transfer_id, dt.date(2025, 3, 20), today=TODAY)
    back = TransferDraft(TransferKind.OFFICIAL, TransferDirection.IN, dt.date(2026, 9, 1), member_id=office["member"],
                         to_org_id=office["a2"], from_org_text="Đảng bộ Quân khu 3", letter_number="88-GGT/ĐU",
                         received_date=dt.date(2026, 9, 4))
    register_arrival(database, back, today=TODAY)
    member = _member(database, office["member"])
    assert (member.cell_id, member.status) == (office["a2"], MemberStatus.FULL)
    assert [t.state for t in member_transfers(database, office["member"], today=TODAY)] == [
        TransferState.RECEIVED, TransferState.RECEIVED]


def test_refusals_carry_vietnamese_messages(database: Database, office: dict[str, int]) -> None:
    member = office["member"]
    with pytest.raises(ValidationFailed) as refused:
        issue_transfer(database, TransferDraft(TransferKind.OFFICIAL, TransferDirection.OUT, dt.date(2026, 12, 1),
                                               member_id=member, letter_sequence=1), today=TODAY)
    assert _codes(refused) == [("letter_date", ProblemCode.DATE_IN_FUTURE),
                               ("to_org_text", ProblemCode.EVENT_DESTINATION_REQUIRED)]
    assert problem_message(refused.value.problems[1]).startswith("Chọn nơi chuyển đến")

    with pytest.raises(ValidationFailed) as refused:
        issue_transfer(database, _internal(member, office["a1"]), today=TODAY)
    assert _codes(refused) == [("to_org_id", ProblemCode.EVENT_SAME_CELL)]

    with pytest.raises(ValidationFailed) as refused:
        issue_transfer(database, replace(_internal(member, office["b1"]), letter_date=dt.date(2001, 1, 1)), today=TODAY)
    assert problem_message(refused.value.problems[0]) == "Ngày này trước ngày vào Đảng (15/04/2005)."

    with pytest.raises(ValidationFailed) as refused:
        issue_transfer(database, _internal(member, office["a"]), today=TODAY)  # a committee, not a cell
    assert _codes(refused) == [("to_org_id", ProblemCode.CELL_NOT_A_CELL)]

    temporary = TransferDraft(TransferKind.TEMPORARY, TransferDirection.OUT, dt.date(2026, 1, 5), member_id=member,
                              to_org_text="Chi bộ Bệnh viện Bạch Mai", reason="Điều trị dài ngày", letter_sequence=1,
                              expected_end=dt.date(2027, 3, 1))
    with pytest.raises(ValidationFailed) as refused:
        issue_transfer(database, temporary, today=TODAY)
    assert problem_message(refused.value.problems[0]) == (
        "Sinh hoạt tạm thời không quá 12 tháng: ngày kết thúc muộn nhất là 05/01/2027.")

    with pytest.raises(ValidationFailed) as refused:
        issue_transfer(database, replace(_internal(member, office["b1"]), to_org_id=None,
                                         direction=TransferDirection.OUT, to_org_text=None), today=TODAY)
    assert ProblemCode.EVENT_DESTINATION_REQUIRED in [code for _, code in _codes(refused)]

    with pytest.raises(ValidationFailed) as refused:
        issue_transfer(database, replace(_internal(member, office["b1"]), direction=TransferDirection.OUT), today=TODAY)
    assert problem_message(refused.value.problems[0]) == (
        "Nơi chuyển đến là một chi bộ trong đảng bộ: hãy dùng “Chuyển giữa các chi bộ”.")

    first = issue_transfer(database, _internal(member, office["b1"]), today=TODAY)
    other = create_member(database, member_draft(office["a1"], full_name="Trần Văn Hải"), today=TODAY).id
    with pytest.raises(ValidationFailed) as refused:
        issue_transfer(database, _internal(other, office["b1"]), today=TODAY)  # number 01 of 2026 taken
    assert problem_message(refused.value.problems[0]) == (
        "Số giấy giới thiệu 01-GGT/ĐU trong năm này đã cấp cho đảng viên Nguyễn Văn An.")
    confirm_receipt(database, first, dt.date(2026, 10, 2), today=TODAY)
    temp = issue_transfer(database, TransferDraft(
        TransferKind.TEMPORARY, TransferDirection.INTERNAL, dt.date(2026, 11, 2), member_id=member,
        to_org_id=office["a1"], reason="Biệt phái", letter_sequence=1, expected_end=dt.date(2027, 5, 1)),
        today=TODAY)
    with pytest.raises(ValidationFailed) as refused:
        issue_transfer(database, _internal(member, office["a1"], dt.date(2026, 11, 3), 2), today=TODAY)
    assert problem_message(refused.value.problems[0]).startswith(
        "Đảng viên đang có một lần chuyển sinh hoạt chưa kết thúc (giấy giới thiệu số 01-GGT/ĐU ngày 02/11/2026)")
    with pytest.raises(ValidationFailed) as refused:
        cancel_transfer(database, first, dt.date(2026, 11, 5), "Nhầm", today=TODAY)
    assert _codes(refused) == [("state", ProblemCode.TRANSFER_CANNOT_CANCEL)]
    with pytest.raises(ValidationFailed) as refused:
        end_temporary_stay(database, temp, dt.date(2026, 10, 1), today=TODAY)
    assert problem_message(refused.value.problems[0]) == "Ngày này trước ngày của giấy giới thiệu (02/11/2026)."
    with pytest.raises(ValidationFailed) as refused:
        cancel_transfer(database, temp, dt.date(2026, 11, 5), "  ", today=TODAY)
    assert _codes(refused) == [("cancel_reason", ProblemCode.REQUIRED)]


def test_a_clerk_may_not_send_or_receive_outside_their_committee(database: Database, office: dict[str, int]) -> None:
    add_account(database, "vanthu.a", Role.OFFICE_CLERK, office["a"])
    with pytest.raises(PermissionDenied):
        issue_transfer(database, _internal(office["member"], office["b1"]), today=TODAY)
    assert _member(database, office["member"]).cell_id == office["a1"]
    # Inside the committee the move is theirs to make.
    issue_transfer(database, _internal(office["member"], office["a2"]), today=TODAY)
    add_account(database, "vanthu.b", Role.OFFICE_CLERK, office["b"])
    with pytest.raises(PermissionDenied):
        issue_transfer(database, _internal(office["member"], office["b1"], dt.date(2026, 11, 2), 2), today=TODAY)
    add_account(database, "lanhdao", Role.LEADER)
    with pytest.raises(PermissionDenied):
        issue_transfer(database, _internal(office["member"], office["a1"], dt.date(2026, 11, 2), 2), today=TODAY)
    with database.reading() as session:
        assert session.scalar(select(Member.cell_id).where(Member.id == office["member"])) == office["a2"]


def test_the_list_shows_a_scoped_clerk_the_transfers_of_their_side(database: Database, office: dict[str, int]) -> None:
    to_b = issue_transfer(database, _internal(office["member"], office["b1"], dt.date(2026, 9, 1)), today=TODAY)
    other = create_member(database, member_draft(office["a1"], full_name="Trần Văn Hải"), today=TODAY).id
    inside_a = issue_transfer(database, _internal(other, office["a2"], dt.date(2026, 9, 2), 2), today=TODAY)
    assert inside_a  # received at once: not in the open list
    add_account(database, "vanthu.b", Role.OFFICE_CLERK, office["b"])
    assert [row.id for row in fetch_transfer_rows(database, TransferListQuery(), 0, 10, today=TODAY)] == [to_b]
    assert count_transfers(database, TransferListQuery(states=tuple(TransferState)), today=TODAY) == 1
    with pytest.raises(PermissionDenied):
        count_transfers(database, TransferListQuery(organization_id=office["a"]), today=TODAY)
    # The receiving side confirms the letter it received.
    confirm_receipt(database, to_b, dt.date(2026, 9, 10), today=TODAY)
    assert _member(database, office["member"]).cell_id == office["b1"]


def test_the_register_as_it_stood_puts_the_member_in_the_cell_of_that_day(
    database: Database, office: dict[str, int]
) -> None:
    from desktop.services.register_as_of import cell_on, on_register

    def where(day: dt.date) -> tuple[bool, int]:
        with database.reading() as session:
            row = session.execute(select(on_register(day), cell_on(day)).where(Member.id == office["member"])).one()
            return bool(row[0]), int(row[1])

    transfer_id = issue_transfer(database, _internal(office["member"], office["b1"], dt.date(2026, 9, 1)), today=TODAY)
    confirm_receipt(database, transfer_id, dt.date(2026, 9, 15), today=TODAY)
    assert where(dt.date(2026, 8, 31)) == (True, office["a1"])
    assert where(dt.date(2026, 9, 8))[0] is False  # in transit between the two committees
    assert where(dt.date(2026, 9, 15)) == (True, office["b1"])
    # A letter withdrawn: the member never was in the receiving cell.
    other = create_member(database, member_draft(office["a1"], full_name="Trần Văn Hải"), today=TODAY).id
    cancelled = issue_transfer(database, _internal(other, office["b1"], dt.date(2026, 10, 1), 2), today=TODAY)
    cancel_transfer(database, cancelled, dt.date(2026, 10, 5), "Không chuyển nữa", today=TODAY)
    with database.reading() as session:
        assert session.scalar(select(cell_on(dt.date(2026, 9, 1))).where(Member.id == other)) == office["a1"]

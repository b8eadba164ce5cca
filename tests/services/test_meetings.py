"""Meeting records: the attendance list of the date, saving and reading back, finalising,
read-only after, reopening recorded, attachments, the list and its scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.enums import CommitteeRole, OrgKind
from desktop.models.meeting_rules import (
    AgendaLine,
    AttendanceLine,
    GuestLine,
    MeetingDraft,
    ResolutionLine,
    VoteLine,
)
from desktop.models.meetings import AttendanceStatus, MeetingKind, MeetingReopening, MeetingState
from desktop.models.member import CommitteeMembership
from desktop.models.problems import ProblemCode
from desktop.models.transfer_rules import TransferDraft
from desktop.models.transfers import TransferDirection, TransferKind
from desktop.services.access import PermissionDenied
from desktop.services.errors import ConcurrentEdit, ValidationFailed
from desktop.services.meeting_records import (
    MeetingListQuery,
    attachment_content,
    count_meetings,
    fetch_meeting_rows,
    load_meeting,
    meeting_roster,
)
from desktop.services.meetings import (
    add_attachment,
    delete_meeting,
    finalise_meeting,
    reopen_meeting,
    save_meeting,
)
from desktop.services.members import create_member
from desktop.services.transfers import issue_transfer
from desktop.texts import problem_message
from tests.builders import add_account, add_org, member_draft

TODAY = dt.date(2026, 11, 21)
DAY = dt.date(2026, 10, 12)
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em")


@pytest.fixture
def office(database: Database) -> dict[str, int]:
    """A committee with two cells: five official members and one probationary in A1."""
    a = add_org(database, "A", "Đảng bộ Công ty Alpha", OrgKind.GRASSROOTS_COMMITTEE)
    a1 = add_org(database, "A1", "Chi bộ Kỹ thuật", OrgKind.SUBORDINATE_CELL, a)
    a2 = add_org(database, "A2", "Chi bộ Kinh doanh", OrgKind.SUBORDINATE_CELL, a)
    ids = {"a": a, "a1": a1, "a2": a2}
    for number, name in enumerate(NAMES, start=1):
        ids[f"m{number}"] = create_member(database, member_draft(a1, full_name=name), today=TODAY).id
    ids["probationary"] = create_member(database, member_draft(
        a1, full_name="Võ Thị Giang", admission_decision_date=dt.date(2026, 2, 20),
        admission_date=dt.date(2026, 3, 1), official_date=None), today=TODAY).id
    return ids


def _attendance(office: dict[str, int], absent: dict[str, AttendanceStatus] | None = None,
                ) -> tuple[AttendanceLine, ...]:
    absent = absent or {}
    return tuple(AttendanceLine(office[key], absent.get(key, AttendanceStatus.PRESENT),
                                "Ốm" if absent.get(key) is AttendanceStatus.ABSENT_EXCUSED else None)
                 for key in ("m1", "m2", "m3", "m4", "m5", "probationary"))


def _draft(office: dict[str, int], **changes) -> MeetingDraft:  # type: ignore[no-untyped-def]
    draft = MeetingDraft(
        organization_id=office["a1"], kind=MeetingKind.CELL_REGULAR, meeting_date=DAY,
        start_time=dt.time(8, 0), end_time=dt.time(10, 0), place="Phòng họp tầng 2",
        chair_member_id=office["m1"], secretary_member_id=office["m2"],
        documents_published_on=DAY - dt.timedelta(days=3), minutes_approved_for=4,
        attendance=_attendance(office, {"m5": AttendanceStatus.ABSENT_EXCUSED}),
        guests=(GuestLine("Đỗ Văn Hùng", "Đảng ủy viên phụ trách chi bộ"),),
        agenda=(AgendaLine("Đánh giá kết quả tháng 9", "Đ/c An: hoàn thành kế hoạch.\nĐ/c Bình: cần đôn đốc.",
                           "Chi bộ thống nhất đánh giá hoàn thành."),),
        votes=(VoteLine("Thông qua nghị quyết tháng 10", 4, 0, 0, adopts_resolution=True),),
        resolution=ResolutionLine("Nghị quyết sinh hoạt chi bộ tháng 10 năm 2026", "Nhiệm vụ tháng 11: …"),
    )
    return replace(draft, **changes)


def test_the_attendance_list_is_the_cell_on_the_meeting_date(database: Database, office: dict[str, int]) -> None:
    roster = meeting_roster(database, office["a1"], MeetingKind.CELL_REGULAR, DAY)
    assert len(roster) == 6
    assert {entry.full_name for entry in roster if not entry.official} == {"Võ Thị Giang"}
    # Before the probationary member's admission she is not listed.
    assert len(meeting_roster(database, office["a1"], MeetingKind.CELL_REGULAR, dt.date(2026, 2, 1))) == 5
    # A member who moved to A2 later is still on A1's list for the earlier date, not after.
    issue_transfer(database, TransferDraft(TransferKind.OFFICIAL, TransferDirection.INTERNAL, dt.date(2026, 11, 2),
                                           member_id=office["m4"], to_org_id=office["a2"], letter_sequence=1),
                   today=TODAY)
    assert office["m4"] in {e.member_id for e in meeting_roster(database, office["a1"], MeetingKind.CELL_REGULAR, DAY)}
    after = meeting_roster(database, office["a1"], MeetingKind.CELL_REGULAR, dt.date(2026, 11, 10))
    assert office["m4"] not in {e.member_id for e in after}
    assert [e.member_id for e in meeting_roster(database, office["a2"], MeetingKind.CELL_REGULAR,
                                                dt.date(2026, 11, 10))] == [office["m4"]]


def test_a_committee_meeting_lists_the_committee(database: Database, office: dict[str, int]) -> None:
    with database.transaction() as session:
        for key, role in (("m1", CommitteeRole.SECRETARY), ("m3", CommitteeRole.DEPUTY_SECRETARY)):
            session.add(CommitteeMembership(organization_id=office["a1"], member_id=office[key], role=role,
                                            start_date=dt.date(2025, 5, 1)))
    roster = meeting_roster(database, office["a1"], MeetingKind.COMMITTEE_REGULAR, DAY)
    assert {e.member_id for e in roster} == {office["m1"], office["m3"]}


def test_a_meeting_is_saved_and_read_back(database: Database, office: dict[str, int]) -> None:
    decomposed = "Phòng họp tầng 2".replace("ò", "o\u0300")
    saved = save_meeting(database, _draft(office, place=decomposed))
    assert saved.warnings == ()
    record = load_meeting(database, saved.meeting_id)
    assert record.state is MeetingState.DRAFT
    assert record.draft.place == "Phòng họp tầng 2"
    assert record.draft.agenda[0].discussion == "Đ/c An: hoàn thành kế hoạch.\nĐ/c Bình: cần đôn đốc."
    assert record.draft.attendance[4] == AttendanceLine(office["m5"], AttendanceStatus.ABSENT_EXCUSED, "Ốm")
    assert record.official[office["probationary"]] is False and record.official[office["m1"]] is True
    assert record.names[office["m1"]] == "Nguyễn Văn An"
    assert record.draft.votes[0].votes_for == 4 and record.draft.guests[0].full_name == "Đỗ Văn Hùng"
    # A second save from the same version changes rows in place; an old copy is refused.
    changed = replace(record.draft, agenda=record.draft.agenda + (AgendaLine("Nhiệm vụ tháng 11"),))
    again = save_meeting(database, changed, saved.meeting_id, record.version)
    assert len(load_meeting(database, saved.meeting_id).draft.agenda) == 2
    assert again.version > record.version
    with pytest.raises(ConcurrentEdit):
        save_meeting(database, changed, saved.meeting_id, record.version)


def test_a_chair_marked_absent_is_refused_and_nothing_is_written(database: Database, office: dict[str, int]) -> None:
    draft = _draft(office, attendance=_attendance(office, {"m1": AttendanceStatus.ABSENT_UNEXCUSED}))
    with pytest.raises(ValidationFailed) as error:
        save_meeting(database, draft)
    [problem] = error.value.problems
    assert problem.field == "chair_member_id"
    assert problem_message(problem) == "Đồng chí Nguyễn Văn An được ghi là vắng mặt: chủ trì và thư ký phải có mặt."
    assert count_meetings(database, MeetingListQuery()) == 0


def test_probationary_ballots_are_refused(database: Database, office: dict[str, int]) -> None:
    # Six present of whom one probationary: five voters.
    draft = _draft(office, attendance=_attendance(office), votes=(VoteLine("Thông qua nghị quyết", 6),))
    with pytest.raises(ValidationFailed) as error:
        save_meeting(database, draft)
    assert [p.code for p in error.value.problems] == [ProblemCode.MEETING_VOTES_ABOVE_VOTERS]


def test_finalising_checks_the_quorum_and_numbers_the_resolution(database: Database, office: dict[str, int]) -> None:
    absent = {key: AttendanceStatus.ABSENT_UNEXCUSED for key in ("m3", "m4", "m5")}
    thin = save_meeting(database, _draft(office, attendance=_attendance(office, absent),
                                         votes=(VoteLine("Thông qua nghị quyết", 2, adopts_resolution=True),),
                                         minutes_approved_for=2))
    with pytest.raises(ValidationFailed) as error:
        finalise_meeting(database, thin.meeting_id, thin.version, today=TODAY)
    codes = {p.code for p in error.value.problems}
    assert ProblemCode.MEETING_QUORUM_NOT_REACHED in codes  # 2 of 5 official members
    assert ProblemCode.MEETING_RESOLUTION_NOT_ADOPTED in codes

    first = save_meeting(database, _draft(office))
    done = finalise_meeting(database, first.meeting_id, first.version, today=TODAY)
    record = load_meeting(database, first.meeting_id)
    assert record.state is MeetingState.FINALISED and record.finalised_by
    assert record.resolution_number == "Số 01-NQ/CB"
    [row] = fetch_meeting_rows(database, MeetingListQuery(state=MeetingState.FINALISED), 0, 10)
    assert (row.present_count, row.expected_count) == (5, 6)
    second = save_meeting(database, _draft(office, meeting_date=dt.date(2026, 11, 9)))
    finalise_meeting(database, second.meeting_id, second.version, today=TODAY)
    assert load_meeting(database, second.meeting_id).resolution_number == "Số 02-NQ/CB"
    assert done.version > first.version


def test_a_finalised_meeting_is_read_only_until_reopened(database: Database, office: dict[str, int]) -> None:
    saved = save_meeting(database, _draft(office))
    done = finalise_meeting(database, saved.meeting_id, saved.version, today=TODAY)
    refused = (
        lambda: save_meeting(database, _draft(office, place="Hội trường"), saved.meeting_id, done.version),
        lambda: delete_meeting(database, saved.meeting_id, done.version),
        lambda: add_attachment(database, saved.meeting_id, "bien-ban.pdf", "application/pdf", b"%PDF-1.4"),
    )
    for attempt in refused:
        with pytest.raises(ValidationFailed) as error:
            attempt()
        assert [p.code for p in error.value.problems] == [ProblemCode.MEETING_FINALISED]
    with pytest.raises(ValidationFailed):
        reopen_meeting(database, saved.meeting_id, done.version, "   ")
    version = reopen_meeting(database, saved.meeting_id, done.version, "Sửa tên khách mời")
    with database.reading() as session:
        [reopening] = session.scalars(select(MeetingReopening)).all()
    assert reopening.reason == "Sửa tên khách mời" and reopening.reopened_by
    record = load_meeting(database, saved.meeting_id)
    assert record.state is MeetingState.DRAFT and record.reopenings[0].reason == "Sửa tên khách mời"
    save_meeting(database, _draft(office, place="Hội trường"), saved.meeting_id, version)
    assert load_meeting(database, saved.meeting_id).draft.place == "Hội trường"
    # The number it got stays when finalised again.
    again = load_meeting(database, saved.meeting_id)
    finalise_meeting(database, saved.meeting_id, again.version, today=TODAY)
    assert load_meeting(database, saved.meeting_id).resolution_number == "Số 01-NQ/CB"


def test_attachments_within_the_limit(database: Database, office: dict[str, int]) -> None:
    saved = save_meeting(database, _draft(office))
    attachment_id = add_attachment(database, saved.meeting_id, "Danh sách.xlsx", "application/vnd.ms-excel", b"PK\x03")
    assert attachment_content(database, attachment_id) == ("Danh sách.xlsx", "application/vnd.ms-excel", b"PK\x03")
    assert [a.size_bytes for a in load_meeting(database, saved.meeting_id).attachments] == [3]
    with pytest.raises(ValidationFailed) as error:
        add_attachment(database, saved.meeting_id, "video.mp4", "video/mp4", b"\0" * (20480 * 1024 + 1))
    assert "vượt giới hạn 20480 KB" in problem_message(error.value.problems[0])


def test_the_list_filters_and_stays_in_scope(database: Database, office: dict[str, int]) -> None:
    save_meeting(database, _draft(office))
    save_meeting(database, _draft(office, kind=MeetingKind.CELL_THEMATIC, meeting_date=dt.date(2026, 9, 20),
                                  topic="Học tập và làm theo tư tưởng Hồ Chí Minh", resolution=None,
                                  votes=()))
    rows = fetch_meeting_rows(database, MeetingListQuery(organization_id=office["a"]), 0, 10)
    assert [row.meeting_date for row in rows] == [DAY, dt.date(2026, 9, 20)]
    assert count_meetings(database, MeetingListQuery(kind=MeetingKind.CELL_THEMATIC)) == 1
    assert count_meetings(database, MeetingListQuery(date_from=dt.date(2026, 10, 1))) == 1
    assert count_meetings(database, MeetingListQuery(organization_id=office["a2"])) == 0

    add_account(database, "thuky", Role.OFFICE_CLERK, scope_organization_id=office["a2"])
    assert count_meetings(database, MeetingListQuery()) == 0
    with pytest.raises(PermissionDenied):
        load_meeting(database, rows[0].id)
    with pytest.raises(PermissionDenied):
        save_meeting(database, _draft(office))


def test_compliance_finds_the_months_and_the_quarter_missed(database: Database, office: dict[str, int]) -> None:
    from desktop.services.meeting_compliance import meeting_compliance

    for day, thematic in ((dt.date(2026, 7, 10), False), (dt.date(2026, 9, 11), True)):
        saved = save_meeting(database, _draft(office, meeting_date=day, includes_thematic=thematic,
                                              end_time=dt.time(10, 30)))
        finalise_meeting(database, saved.meeting_id, saved.version, today=TODAY)
    save_meeting(database, _draft(office, meeting_date=dt.date(2026, 8, 14)))  # a draft does not count
    results = {r.cell_id: r for r in meeting_compliance(database, office["a"], dt.date(2026, 7, 1),
                                                        dt.date(2026, 9, 30))}
    a1, a2 = results[office["a1"]], results[office["a2"]]
    assert (a1.months_required, a1.months_missed, a1.quarters_missed) == (3, (202608,), ())
    assert (a1.present, a1.expected, round(a1.attendance_rate or 0, 2)) == (10, 12, 83.33)
    assert (a2.months_missed, a2.quarters_missed, a2.attendance_rate) == ((202607, 202608, 202609), (20263,), None)
    # July alone demands July's meeting, not the quarter's thematic one.
    [july] = [r for r in meeting_compliance(database, office["a1"], dt.date(2026, 7, 1), dt.date(2026, 7, 31))]
    assert july.compliant and july.quarters_required == 0


def test_a_member_away_temporarily_on_the_date_is_marked_away(database: Database, office: dict[str, int]) -> None:
    issue_transfer(database, TransferDraft(
        TransferKind.TEMPORARY, TransferDirection.OUT, dt.date(2026, 9, 1), member_id=office["m3"],
        to_org_text="Chi bộ Trường Chính trị tỉnh", expected_end=dt.date(2027, 2, 28), letter_sequence=1,
        reason="Học lớp cao cấp lý luận chính trị"),
        today=TODAY)
    before = {e.member_id: e for e in meeting_roster(database, office["a1"], MeetingKind.CELL_REGULAR,
                                                     dt.date(2026, 8, 20))}
    during = {e.member_id: e for e in meeting_roster(database, office["a1"], MeetingKind.CELL_REGULAR, DAY)}
    assert before[office["m3"]].default_status is AttendanceStatus.PRESENT
    assert during[office["m3"]].default_status is AttendanceStatus.AWAY_TEMPORARY

"""Study sessions and completion: hand-built cells, attendance, make-up sessions, who has not
yet studied a resolution, scope."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.enums import MemberStatus, OrgKind
from desktop.models.library import StudyForm
from desktop.models.library_rules import AttendanceMark, StudySessionDraft
from desktop.models.member import Member
from desktop.models.problems import ProblemCode
from desktop.services.access import PermissionDenied
from desktop.services.errors import ValidationFailed
from desktop.services.members import create_member
from desktop.services.study import (
    delete_study_session,
    expected_members,
    makeup_candidates,
    save_study_session,
    study_session_details,
    study_sessions,
)
from desktop.services.study_completion import members_not_studied, study_completion
from tests.builders import add_account, add_org, member_draft, sign_in_as
from tests.library_builders import add_text_document

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def office(database: Database) -> dict[str, int]:
    """A committee with two cells: A1 has four members (one exempted), A2 has two."""
    a = add_org(database, "A", "Đảng bộ Công ty Alpha", OrgKind.GRASSROOTS_COMMITTEE)
    a1 = add_org(database, "A1", "Chi bộ Kỹ thuật", OrgKind.SUBORDINATE_CELL, a)
    a2 = add_org(database, "A2", "Chi bộ Kinh doanh", OrgKind.SUBORDINATE_CELL, a)
    ids = {"a": a, "a1": a1, "a2": a2}
    names = {"m1": ("Nguyễn Văn An", a1), "m2": ("Trần Thị Bình", a1), "m3": ("Lê Văn Cường", a1),
             "exempt": ("Phạm Văn Dũng", a1), "m5": ("Hoàng Thị Em", a2), "m6": ("Đỗ Văn Giang", a2)}
    for key, (name, cell) in names.items():
        ids[key] = create_member(database, member_draft(cell, full_name=name), today=TODAY).id
    with database.transaction() as session:
        session.execute(update(Member).where(Member.id == ids["exempt"]).values(exempted_from_activities=True))
    ids["doc"] = add_text_document(database, "Nghị quyết về công tác cán bộ.", issue_date=dt.date(2026, 3, 2))
    return ids


def draft(office: dict[str, int], org: str, marks: dict[str, bool], **changes: object) -> StudySessionDraft:
    values: dict[str, object] = dict(
        document_id=office["doc"], organization_id=office[org], session_date=dt.date(2026, 4, 10),
        form=StudyForm.IN_PERSON, presenter="Đồng chí Bí thư Chi bộ",
        attendance=tuple(AttendanceMark(office[key], present, None if present else "Đi công tác")
                         for key, present in marks.items()))
    values.update(changes)
    return StudySessionDraft(**values)  # type: ignore[arg-type]


def test_expected_members_leave_out_the_exempted(database: Database, office: dict[str, int]) -> None:
    assert [m.full_name for m in expected_members(database, office["a1"])] == [
        "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    assert len(expected_members(database, office["a"])) == 5


def test_completion_per_cell_and_who_has_not_studied(database: Database, office: dict[str, int]) -> None:
    first = save_study_session(database, draft(office, "a1", {"m1": True, "m2": True, "m3": False}))
    save_study_session(database, draft(office, "a2", {"m5": True, "m6": False}, form=StudyForm.ONLINE))
    summary = study_completion(database, office["doc"], office["a"])
    assert [(c.name, c.expected, c.studied, c.percent) for c in summary.cells] == [
        ("Chi bộ Kỹ thuật", 3, 2, 66), ("Chi bộ Kinh doanh", 2, 1, 50)]
    assert (summary.expected, summary.studied, summary.percent) == (5, 3, 60)
    assert [(m.full_name, m.cell_name) for m in members_not_studied(database, office["doc"], office["a"])] == [
        ("Lê Văn Cường", "Chi bộ Kỹ thuật"), ("Đỗ Văn Giang", "Chi bộ Kinh doanh")]

    # The make-up session is for Cường; once present, the cell is complete.
    assert [m.full_name for m in makeup_candidates(database, first)] == ["Lê Văn Cường"]
    save_study_session(database, draft(office, "a1", {"m3": True}, makeup_of_id=first,
                                       session_date=dt.date(2026, 4, 24)))
    assert makeup_candidates(database, first) == []
    cells = study_completion(database, office["doc"], office["a1"]).cells
    assert [(c.expected, c.studied) for c in cells] == [(3, 3)]
    rows = study_sessions(database, document_id=office["doc"])
    assert [(r.session_date, r.listed, r.present, r.makeup_of_id) for r in rows] == [
        (dt.date(2026, 4, 24), 1, 1, first), (dt.date(2026, 4, 10), 2, 1, None), (dt.date(2026, 4, 10), 3, 2, None)]


def test_a_member_who_left_is_no_longer_expected(database: Database, office: dict[str, int]) -> None:
    with database.transaction() as session:
        session.execute(update(Member).where(Member.id == office["m6"]).values(status=MemberStatus.DECEASED))
    save_study_session(database, draft(office, "a2", {"m5": True}))
    cells = study_completion(database, office["doc"], office["a2"]).cells
    assert [(c.expected, c.studied, c.percent) for c in cells] == [(1, 1, 100)]


def test_a_session_is_read_back_and_edited(database: Database, office: dict[str, int]) -> None:
    session_id = save_study_session(database, draft(office, "a1", {"m1": True, "m2": False},
                                                    notes="  Hội trường   tầng 3 "))
    details = study_session_details(database, session_id)
    assert details.draft.notes == "Hội trường tầng 3"
    assert [(m.member_id, m.present, m.absence_reason) for m in details.draft.attendance] == [
        (office["m1"], True, None), (office["m2"], False, "Đi công tác")]
    edited = draft(office, "a1", {"m1": True, "m2": True, "m3": True})
    save_study_session(database, edited, session_id, details.version)
    assert study_completion(database, office["doc"], office["a1"]).cells[0].studied == 3
    delete_study_session(database, session_id)
    assert study_completion(database, office["doc"], office["a1"]).cells[0].studied == 0


def test_wrong_sessions_are_refused_and_nothing_is_written(database: Database, office: dict[str, int]) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save_study_session(database, draft(office, "a1", {"m1": True, "m5": True}, session_date=dt.date(2026, 2, 1)))
    assert [p.code for p in refused.value.problems] == [ProblemCode.STUDY_BEFORE_ISSUE, ProblemCode.STUDY_MEMBER_OUTSIDE]
    first = save_study_session(database, draft(office, "a1", {"m1": True, "m3": False}))
    with pytest.raises(ValidationFailed) as makeup:
        save_study_session(database, draft(office, "a1", {"m3": True}, makeup_of_id=first))
    assert [p.code for p in makeup.value.problems] == [ProblemCode.STUDY_MAKEUP_NOT_AFTER]
    assert len(study_sessions(database)) == 1


def test_a_cell_secretary_account_sees_and_records_only_its_subtree(database: Database, office: dict[str, int]) -> None:
    save_study_session(database, draft(office, "a2", {"m5": True, "m6": True}))
    add_account(database, "thuky_a1", Role.OFFICE_CLERK, office["a1"])
    with pytest.raises(PermissionDenied):
        save_study_session(database, draft(office, "a2", {"m5": True}))
    with pytest.raises(PermissionDenied):
        study_completion(database, office["doc"], office["a"])
    assert study_sessions(database) == []
    sign_in_as(database)
    assert len(study_sessions(database)) == 1

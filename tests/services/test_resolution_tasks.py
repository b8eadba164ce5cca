"""The tasks of a resolution: saved with the minutes and read back, refused when their owner is
not on the list or their deadline precedes the meeting; followed up once the minutes are
signed: the open ones by due date with the overdue flagged, a completion recorded and withdrawn,
the scope kept."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.meeting_rules import ResolutionTaskLine
from desktop.models.problems import ProblemCode
from desktop.services.access import PermissionDenied
from desktop.services.errors import ValidationFailed
from desktop.services.meeting_records import load_meeting
from desktop.services.meetings import finalise_meeting, reopen_meeting, save_meeting
from desktop.services.resolution_tasks import (
    ResolutionTaskQuery,
    count_resolution_tasks,
    fetch_resolution_task_rows,
    record_task_done,
    withdraw_task_done,
)
from desktop.texts import problem_message
from tests.builders import add_account
from tests.services.test_meetings import DAY, TODAY, _draft, office  # noqa: F401  (fixture)


def _with_tasks(office: dict[str, int], *tasks: ResolutionTaskLine):  # type: ignore[no-untyped-def]  # noqa: F811
    draft = _draft(office)
    assert draft.resolution is not None
    return replace(draft, resolution=replace(draft.resolution, tasks=tasks))


def _tasks(office: dict[str, int]) -> tuple[ResolutionTaskLine, ...]:  # noqa: F811
    return (ResolutionTaskLine("Hoàn thành báo cáo quý IV", office["m2"], dt.date(2026, 11, 15)),
            ResolutionTaskLine("Giới thiệu quần chúng ưu tú", office["m3"], dt.date(2026, 12, 31)),
            ResolutionTaskLine("Tuyên truyền nghị quyết", None, None))


def test_tasks_are_saved_with_the_minutes_and_read_back(database: Database, office: dict[str, int]) -> None:  # noqa: F811
    saved = save_meeting(database, _with_tasks(office, *_tasks(office)))
    resolution = load_meeting(database, saved.meeting_id).draft.resolution
    assert resolution is not None and resolution.tasks == _tasks(office)
    # Editing keeps the order of the rows; a task removed goes.
    kept = _tasks(office)[1:]
    record = load_meeting(database, saved.meeting_id)
    save_meeting(database, _with_tasks(office, *kept), saved.meeting_id, record.version)
    resolution = load_meeting(database, saved.meeting_id).draft.resolution
    assert resolution is not None and resolution.tasks == kept


def test_a_task_for_someone_not_listed_or_due_before_the_meeting_is_refused(
        database: Database, office: dict[str, int]) -> None:  # noqa: F811
    with pytest.raises(ValidationFailed) as refused:
        save_meeting(database, _with_tasks(
            office, ResolutionTaskLine("Viết báo cáo", office["a2"] * 1000),
            ResolutionTaskLine("Chuẩn bị đại hội", office["m1"], DAY - dt.timedelta(days=1)),
            ResolutionTaskLine("   ", office["m1"])))
    codes = [(p.code, p.params.get("row")) for p in refused.value.problems]
    assert codes == [(ProblemCode.MEETING_TASK_OWNER_NOT_LISTED, 1), (ProblemCode.MEETING_TASK_DUE_BEFORE_MEETING, 2),
                     (ProblemCode.MEETING_ROW_TEXT_REQUIRED, 3)]
    assert problem_message(refused.value.problems[1]) == "Phân công, dòng 2: thời hạn không được trước ngày họp."


def test_the_follow_up_lists_the_signed_resolutions_tasks(database: Database, office: dict[str, int]) -> None:  # noqa: F811
    saved = save_meeting(database, _with_tasks(office, *_tasks(office)))
    query = ResolutionTaskQuery(office["a"], today=TODAY)
    assert count_resolution_tasks(database, query) == 0  # a draft's resolution is not in force yet
    finalise_meeting(database, saved.meeting_id, saved.version, today=TODAY)
    first_task = fetch_resolution_task_rows(database, query, 0, 10)[0].id
    with pytest.raises(ValidationFailed) as refused:
        record_task_done(database, first_task, DAY - dt.timedelta(days=1), today=TODAY)
    assert [p.code for p in refused.value.problems] == [ProblemCode.MEETING_TASK_DONE_BEFORE_MEETING]
    rows = fetch_resolution_task_rows(database, query, 0, 10)
    assert [(r.description, r.owner_name, r.overdue) for r in rows] == [
        ("Hoàn thành báo cáo quý IV", "Trần Thị Bình", True),  # due 15/11, today 21/11
        ("Giới thiệu quần chúng ưu tú", "Lê Văn Cường", False),
        ("Tuyên truyền nghị quyết", None, False)]
    assert rows[0].resolution_number == "Số 01-NQ/CB" and rows[0].meeting_date == DAY

    with pytest.raises(ValidationFailed) as refused:
        record_task_done(database, first_task, TODAY + dt.timedelta(days=1), today=TODAY)
    assert [p.code for p in refused.value.problems] == [ProblemCode.DATE_IN_FUTURE]
    record_task_done(database, first_task, dt.date(2026, 11, 14), "Đã gửi đảng ủy", today=TODAY)
    assert count_resolution_tasks(database, query) == 2
    every = fetch_resolution_task_rows(database, replace(query, open_only=False), 0, 10)
    assert (every[-1].id, every[-1].done_on, every[-1].done_note, every[-1].overdue) == (
        first_task, dt.date(2026, 11, 14), "Đã gửi đảng ủy", False)
    withdraw_task_done(database, first_task)
    assert count_resolution_tasks(database, query) == 3

    add_account(database, "thuky", Role.OFFICE_CLERK, scope_organization_id=office["a2"])
    with pytest.raises(PermissionDenied):
        count_resolution_tasks(database, query)
    with pytest.raises(PermissionDenied):
        record_task_done(database, first_task, DAY, today=TODAY)


def test_a_task_of_a_draft_cannot_be_marked_done(database: Database, office: dict[str, int]) -> None:  # noqa: F811
    saved = save_meeting(database, _with_tasks(office, *_tasks(office)))
    finalised = finalise_meeting(database, saved.meeting_id, saved.version, today=TODAY)
    task_id = fetch_resolution_task_rows(database, ResolutionTaskQuery(office["a"], today=TODAY), 0, 1)[0].id
    reopen_meeting(database, saved.meeting_id, finalised.version, "Sửa phân công")
    with pytest.raises(ValidationFailed) as refused:
        record_task_done(database, task_id, DAY, today=TODAY)
    assert [p.code for p in refused.value.problems] == [ProblemCode.MEETING_TASK_NEEDS_ADOPTED_RESOLUTION]

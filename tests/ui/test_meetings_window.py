"""The meetings window and the meeting form: a meeting recorded by keyboard and finalised,
refusals shown on their tab with nothing written, reopening with a reason, unsaved changes,
files, deleting a draft, printing the minutes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.db.database import Database
from desktop.models.meeting_rules import ResolutionTaskLine
from desktop.models.meetings import AttendanceStatus, MeetingState
from desktop.reports.catalogue import ReportKind
from desktop.services import clock
from desktop.services.meeting_records import MeetingListQuery, count_meetings, load_meeting
from desktop.services.meetings import finalise_meeting, save_meeting
from desktop.ui.meeting_attendance import COL_NAME, COL_REASON, COL_STATUS
from desktop.ui.meeting_form import TAB_ATTENDANCE, TAB_GENERAL, TAB_VOTES, MeetingForm
from desktop.ui.meetings_window import MeetingsWindow
from desktop.ui.resolution_tasks_panel import OVERDUE_COLOUR
from tests.services.test_meetings import NAMES, TODAY, _draft, office  # noqa: F401  (fixture)


@pytest.fixture
def window(qtbot: Any, database: Database, monkeypatch: Any, office: dict[str, int]) -> MeetingsWindow:  # noqa: F811
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    shown = MeetingsWindow(database)
    qtbot.addWidget(shown)
    shown.show()  # laid out: the buttons have their size, clicks land on them
    shown.tree.select_org(office["a1"])
    return shown


def _row_of(form: MeetingForm, name: str) -> int:
    table = form.attendance.table
    return next(row for row in range(table.rowCount()) if table.item(row, COL_NAME).text() == name)


def _new_form(qtbot: Any, window: MeetingsWindow) -> MeetingForm:
    qtbot.mouseClick(window.new_button, Qt.MouseButton.LeftButton)
    form = window.forms[-1]
    qtbot.addWidget(form)
    return form


def _fill_header(form: MeetingForm, office: dict[str, int]) -> None:  # noqa: F811
    form.meeting_date.setText("12/10/2026")
    form.meeting_date.editingFinished.emit()
    form.start_time.setText("8h00")
    form.end_time.setText("10:15")
    form.place.setText("Phòng họp tầng 2")
    form.documents_published_on.setText("08/10/2026")
    form.chair.setCurrentIndex(form.chair.findData(office["m1"]))
    form.secretary.setCurrentIndex(form.secretary.findData(office["m2"]))


def test_a_meeting_is_recorded_by_keyboard_saved_and_finalised(qtbot: Any, window: MeetingsWindow, database: Database,
                                                               office: dict[str, int], modals: Any) -> None:  # noqa: F811
    assert window.model.rowCount() == 0
    form = _new_form(qtbot, window)
    _fill_header(form, office)
    table = form.attendance.table
    # The roll call lists the cell on the meeting date, everyone present by default.
    assert sorted(table.item(row, COL_NAME).text() for row in range(table.rowCount())) == sorted(
        (*NAMES, "Võ Thị Giang"))
    assert {table.item(row, COL_STATUS).text() for row in range(table.rowCount())} == {"Có mặt"}
    # One key per status; an excused absence goes straight to its reason.
    row = _row_of(form, "Hoàng Văn Em")
    table.setCurrentCell(row, COL_STATUS)
    qtbot.keyClick(table, Qt.Key.Key_L)
    assert table.item(row, COL_STATUS).text() == "Vắng có lý do"
    editor = table.findChild(QLineEdit)
    assert editor is not None and table.currentColumn() == COL_REASON
    editor.setText("Ốm")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, COL_REASON).text() == "Ốm")  # the delegate commits queued
    other = _row_of(form, "Lê Văn Cường")
    table.setCurrentCell(other, COL_STATUS)
    qtbot.keyClick(table, Qt.Key.Key_K)
    assert table.item(other, COL_STATUS).text() == "Vắng không lý do"
    assert table.currentRow() == other + 1  # on to the next member
    qtbot.keyClick(table, Qt.Key.Key_C)
    assert "Đủ số lượng: 3/5 đảng viên chính thức có mặt." in form.attendance.totals.text()

    qtbot.mouseClick(form.agenda.add_button, Qt.MouseButton.LeftButton)
    form.agenda.title.setText("Đánh giá kết quả tháng 9")
    form.agenda.title.textEdited.emit("Đánh giá kết quả tháng 9")
    form.agenda.conclusion.setPlainText("Chi bộ thống nhất đánh giá hoàn thành.")
    form.minutes_approved_for.setValue(3)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.meeting_id is not None, form.general_error.text()
    assert window.model.rowCount() == 1
    record = load_meeting(database, form.meeting_id)
    assert (record.draft.start_time, record.draft.end_time) == (dt.time(8, 0), dt.time(10, 15))
    lines = {line.member_id: line for line in record.draft.attendance}
    assert (lines[office["m5"]].status, lines[office["m5"]].reason) == (AttendanceStatus.ABSENT_EXCUSED, "Ốm")
    assert lines[office["m3"]].status is AttendanceStatus.ABSENT_UNEXCUSED
    assert [item.title for item in record.draft.agenda] == ["Đánh giá kết quả tháng 9"]
    assert not form.has_unsaved_changes()

    modals.answer("ask_yes_no", True)
    qtbot.mouseClick(form.finalise_button, Qt.MouseButton.LeftButton)
    assert load_meeting(database, form.meeting_id).state is MeetingState.FINALISED
    assert not form.save_button.isEnabled() and form.reopen_button.isVisibleTo(form)
    assert "Đã hoàn tất" in form.status_line.text()
    qtbot.keyClick(table, Qt.Key.Key_K)  # read-only now: the key changes nothing
    assert load_meeting(database, form.meeting_id).draft.attendance == record.draft.attendance
    assert {table.item(r, COL_STATUS).text() for r in range(table.rowCount())} >= {"Vắng không lý do"}
    assert window.model.data(window.model.index(0, 5)) == "Đã hoàn tất"


def test_a_refusal_is_shown_on_its_tab_and_nothing_is_written(qtbot: Any, window: MeetingsWindow, database: Database,
                                                              office: dict[str, int], modals: Any) -> None:  # noqa: F811
    form = _new_form(qtbot, window)
    _fill_header(form, office)
    form.attendance.table.setCurrentCell(_row_of(form, NAMES[0]), COL_STATUS)
    qtbot.keyClick(form.attendance.table, Qt.Key.Key_3)  # the chair marked absent
    form.tabs.setCurrentIndex(TAB_GENERAL)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.meeting_id is None
    assert "chủ trì và thư ký phải có mặt" in form.errors["chair_member_id"].text()
    assert count_meetings(database, MeetingListQuery(organization_id=office["a1"])) == 0
    # A time that cannot be read is refused under its field before anything is sent.
    form.start_time.setText("tám giờ")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "Không đọc được giờ" in form.errors["start_time"].text()
    # Closing with changes asks first; "keep editing" keeps the form open.
    form.show()
    modals.answer("ask_discard_changes", False)
    form.reject()
    assert form.isVisible() and modals.names().count("ask_discard_changes") == 1
    modals.answer("ask_discard_changes", True)  # closing the window at the end of the test


def test_reopening_asks_for_a_reason_and_keeps_it(qtbot: Any, window: MeetingsWindow, database: Database,
                                                  office: dict[str, int], modals: Any) -> None:  # noqa: F811
    saved = save_meeting(database, _draft(office))
    finalise_meeting(database, saved.meeting_id, saved.version, today=TODAY)
    window.refresh()
    window.table.selectRow(0)
    window.open_selected()
    form = window.forms[-1]
    qtbot.addWidget(form)
    assert form.state is MeetingState.FINALISED and form.place.isReadOnly()
    assert form.resolution.number.text() == "Số 01-NQ/CB"
    modals.answer("ask_reason", None)
    qtbot.mouseClick(form.reopen_button, Qt.MouseButton.LeftButton)
    assert load_meeting(database, saved.meeting_id).state is MeetingState.FINALISED
    modals.answer("ask_reason", "Ghi thiếu ý kiến của đồng chí Cường")
    qtbot.mouseClick(form.reopen_button, Qt.MouseButton.LeftButton)
    record = load_meeting(database, saved.meeting_id)
    assert record.state is MeetingState.DRAFT
    assert [r.reason for r in record.reopenings] == ["Ghi thiếu ý kiến của đồng chí Cường"]
    assert form.save_button.isEnabled() and "Ghi thiếu ý kiến" in form.history.text()
    form.tabs.setCurrentIndex(TAB_ATTENDANCE)
    assert form.attendance.table.rowCount() == 6


def test_files_are_attached_to_a_saved_meeting(qtbot: Any, window: MeetingsWindow, database: Database,
                                               office: dict[str, int], modals: Any, tmp_path: Path) -> None:  # noqa: F811
    saved = save_meeting(database, _draft(office))
    form = MeetingForm.of_meeting(database, saved.meeting_id)
    qtbot.addWidget(form)
    scanned = tmp_path / "bien-ban-ky.pdf"
    scanned.write_bytes(b"%PDF-1.4 scanned minutes")
    modals.answer("choose_attachment_file", str(scanned))
    qtbot.mouseClick(form.files.add_button, Qt.MouseButton.LeftButton)
    assert form.files.list.count() == 1 and "bien-ban-ky.pdf" in form.files.list.item(0).text()
    form.files.list.setCurrentRow(0)
    copy = tmp_path / "copy.pdf"
    modals.answer("choose_attachment_save_path", str(copy))
    qtbot.mouseClick(form.files.save_button, Qt.MouseButton.LeftButton)
    assert copy.read_bytes() == b"%PDF-1.4 scanned minutes"
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    modals.answer("choose_attachment_file", str(empty))
    qtbot.mouseClick(form.files.add_button, Qt.MouseButton.LeftButton)
    assert modals.texts("show_error")[-1] == "Tệp đính kèm Tệp rỗng: không có gì để đính kèm."
    assert form.files.list.count() == 1


def test_a_draft_is_deleted_and_the_minutes_are_printed(qtbot: Any, window: MeetingsWindow, database: Database,
                                                        office: dict[str, int], modals: Any) -> None:  # noqa: F811
    kept = save_meeting(database, _draft(office))
    finalise_meeting(database, kept.meeting_id, kept.version, today=TODAY)
    save_meeting(database, _draft(office, meeting_date=dt.date(2026, 11, 9)))
    window.refresh()
    assert window.model.rowCount() == 2
    window.table.selectRow(0)  # newest first: the draft of 09/11
    assert window.delete_button.isEnabled()
    modals.answer("ask_yes_no", True)
    qtbot.mouseClick(window.delete_button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 1
    window.table.selectRow(0)
    assert not window.delete_button.isEnabled()  # finalised minutes are not deleted
    with qtbot.waitSignal(window.report_requested) as requested:
        qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    request = requested.args[0]
    assert (request.kind, request.record_id, request.organization_id) == (
        ReportKind.MINUTES, kept.meeting_id, office["a1"])
    window.state.setCurrentIndex(window.state.findData(MeetingState.DRAFT))
    assert window.model.rowCount() == 0


def test_the_form_prints_its_minutes_through_the_reports_window(qtbot: Any, window: MeetingsWindow,
                                                                database: Database, office: dict[str, int],  # noqa: F811
                                                                ) -> None:
    from desktop.ui.reports_panel import ReportsWindow
    from tests.reports.pdf_text import page_texts

    saved = save_meeting(database, _draft(office))
    reports = ReportsWindow(database)
    qtbot.addWidget(reports)
    window.report_requested.connect(reports.prepare)  # as the workspace wires it
    window.refresh()
    window.table.selectRow(0)
    window.open_selected()
    form = window.forms[-1]
    qtbot.addWidget(form)
    with qtbot.waitSignal(reports.generated, timeout=30_000):
        qtbot.mouseClick(form.print_button, Qt.MouseButton.LeftButton)
    assert reports.shown is not None
    text = "\n".join(page_texts(reports.shown.path))
    assert "BIÊN BẢN" in text and "Dự thảo" in text  # a draft's minutes say so
    assert "Nguyễn Văn An" in text and "Đánh giá kết quả tháng 9" in text
    assert saved.meeting_id == form.meeting_id


def test_the_resolutions_tasks_are_assigned_in_the_form(qtbot: Any, window: MeetingsWindow, database: Database,
                                                        office: dict[str, int]) -> None:  # noqa: F811
    saved = save_meeting(database, _draft(office))
    form = MeetingForm.of_meeting(database, saved.meeting_id)
    qtbot.addWidget(form)
    tasks = form.resolution.tasks
    qtbot.mouseClick(tasks.add_button, Qt.MouseButton.LeftButton)
    tasks.table.item(0, 0).setText("Giới thiệu quần chúng ưu tú")
    owner = tasks.table.cellWidget(0, 1)
    assert owner.count() == 7  # "— chưa giao —" and the six members listed
    owner.setCurrentIndex(owner.findData(office["m3"]))
    tasks.table.item(0, 2).setText("32/12/2026")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "dòng 1: không đọc được thời hạn" in form.general_error.text()
    assert form.tabs.currentIndex() == TAB_VOTES
    tasks.table.item(0, 2).setText("31/12/2026")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    resolution = load_meeting(database, saved.meeting_id).draft.resolution
    assert resolution is not None and resolution.tasks == (
        ResolutionTaskLine("Giới thiệu quần chúng ưu tú", office["m3"], dt.date(2026, 12, 31)),)


def test_the_follow_up_tab_lists_the_tasks_and_records_their_completion(
        qtbot: Any, window: MeetingsWindow, database: Database, office: dict[str, int],  # noqa: F811
        modals: Any) -> None:
    draft = _draft(office)
    assert draft.resolution is not None
    tasks = (ResolutionTaskLine("Hoàn thành báo cáo quý IV", office["m2"], dt.date(2026, 11, 15)),
             ResolutionTaskLine("Tuyên truyền nghị quyết", office["m4"], dt.date(2026, 12, 20)))
    saved = save_meeting(database, replace(draft, resolution=replace(draft.resolution, tasks=tasks)))
    finalise_meeting(database, saved.meeting_id, saved.version, today=TODAY)
    window.tabs.setCurrentWidget(window.tasks)
    panel = window.tasks
    assert panel.count_label.text() == "2 nhiệm vụ chưa hoàn thành."
    model = panel.model
    assert model.data(model.index(0, 1)) == "Hoàn thành báo cáo quý IV"
    assert model.data(model.index(0, 5)) == "Quá hạn"  # due 15/11, today 21/11
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOUR
    assert model.data(model.index(0, 3)).startswith("Số 01-NQ/CB (12/10/2026)")
    panel.table.selectRow(0)
    modals.answer("ask_task_done", (dt.date(2026, 11, 18), "Đã gửi đảng ủy"))
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert panel.count_label.text() == "1 nhiệm vụ chưa hoàn thành."
    panel.show_done.setChecked(True)
    assert model.rowCount() == 2 and model.data(model.index(1, 5)) == "18/11/2026: Đã gửi đảng ủy"
    panel.table.selectRow(1)
    assert panel.undo_button.isEnabled() and not panel.done_button.isEnabled()
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    panel.show_done.setChecked(False)
    assert panel.count_label.text() == "2 nhiệm vụ chưa hoàn thành."
    # A day before the meeting is refused with the reason.
    panel.table.selectRow(0)
    modals.answer("ask_task_done", (dt.date(2026, 10, 1), ""))
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert modals.texts("show_error")[-1].endswith("Ngày hoàn thành không được trước ngày họp.")

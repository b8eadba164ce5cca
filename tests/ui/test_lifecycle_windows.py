"""Recording decisions from the member file and the probation due list, clicked through."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QPlainTextEdit

from desktop.db.database import Database
from desktop.models.enums import MemberEventKind, MemberStatus, OrgKind
from desktop.services import clock
from desktop.services.member_events import member_timeline
from desktop.services.members import create_member, get_member
from desktop.ui import member_form as member_form_module
from desktop.ui.event_dialog import EventDialog
from desktop.ui.member_form import MemberForm
from desktop.ui.probation_window import ProbationWindow
from tests.builders import add_org, member_draft
from tests.ui.conftest import ModalCalls


@pytest.fixture
def cell(database: Database) -> int:
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    return add_org(database, "K.1", "Chi bộ Văn phòng", OrgKind.GRASSROOTS_CELL, root)


def fill(qtbot: Any, dialog: EventDialog, **texts: str) -> None:
    """Types ASCII text; Vietnamese text is inserted (QTest types ASCII keys only)."""
    for name, text in texts.items():
        editor = getattr(dialog, name)
        if text.isascii():
            qtbot.keyClicks(editor, text)
        elif isinstance(editor, QPlainTextEdit):
            editor.insertPlainText(text)
        else:
            editor.insert(text)


def test_a_death_is_recorded_from_the_member_file(
    qtbot: Any, database: Database, cell: int, monkeypatch: pytest.MonkeyPatch, modals: ModalCalls
) -> None:
    member_id = create_member(database, member_draft(cell)).id
    form = MemberForm(database, member_id)
    qtbot.addWidget(form)
    seen: list[EventDialog] = []

    def drive(parent: Any, name: str, kinds: Any, submit: Any) -> bool:
        dialog = EventDialog("Ghi", name, kinds, submit, parent=parent)
        seen.append(dialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData(MemberEventKind.DECEASED))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no date yet
        assert dialog.errors["effective_date"].text() == "Không được để trống."
        fill(qtbot, dialog, effective_date="05/11/2026", note="Từ trần do bệnh nặng")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(member_form_module, "ask_file_event", drive)
    assert form.history.record_button.isVisible() or not form.isVisible()
    form.record_event()
    assert get_member(database, member_id).status is MemberStatus.DECEASED
    assert "Đã từ trần" in form.heading.text()
    events = form.history.events
    last = events.rowCount() - 1
    assert [events.item(last, column).text() for column in (0, 1, 5)] == [
        "05/11/2026", "Từ trần", "Từ trần do bệnh nặng"]
    assert len(seen) == 1 and shiboken6.isValid(seen[0])


def test_an_expulsion_of_a_probationary_member_is_refused_in_the_dialog(
    qtbot: Any, database: Database, cell: int
) -> None:
    today = clock.today()
    draft = member_draft(cell, admission_decision_date=today - dt.timedelta(days=40),
                         admission_date=today - dt.timedelta(days=30), official_date=None)
    record = create_member(database, draft)
    from desktop.services.member_events import record_member_event

    dialog = EventDialog("Ghi", record.draft.full_name, [MemberEventKind.EXPELLED],
                         lambda event: record_member_event(database, record.id, event, record.version))
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, effective_date=today.strftime("%d/%m/%Y"), decision_number="5-QĐ/ĐU", note="Vi phạm")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "trạng thái “dự bị”" in dialog.general_error.text()
    assert get_member(database, record.id).status is MemberStatus.PROBATIONARY


def test_the_due_list_recognises_a_member_on_the_day_probation_ended(
    qtbot: Any, database: Database, cell: int
) -> None:
    today = clock.today()
    admitted = today.replace(year=today.year - 1) - dt.timedelta(days=10)
    record = create_member(database, member_draft(
        cell, full_name="Trần Văn Ba", admission_decision_date=admitted - dt.timedelta(days=5),
        admission_date=admitted, official_date=None))
    window = ProbationWindow(database)
    qtbot.addWidget(window)
    assert window.table.rowCount() == 1
    assert window.table.item(0, 0).text() == "Trần Văn Ba"
    assert "Đến hạn xét" in window.table.item(0, 6).text()
    assert not window.recognise_button.isEnabled()
    window.table.selectRow(0)
    assert window.recognise_button.isEnabled()
    dialog = window.recognition_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, decision_number="25-QĐ/ĐU", decision_date=today.strftime("%d/%m/%Y"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["resolution_number"].text() == "Ghi số và ngày nghị quyết của chi bộ."
    fill(qtbot, dialog, resolution_number="09-NQ/CB", resolution_date=today.strftime("%d/%m/%Y"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = get_member(database, record.id)
    assert stored.status is MemberStatus.FULL
    assert stored.draft.official_date == admitted.replace(year=admitted.year + 1)
    assert window.table.rowCount() == 0
    assert window.summary.text().startswith("0 đảng viên dự bị")
    assert member_timeline(database, record.id)[-1].resolution_number == "09-NQ/CB"


def test_printing_the_due_list_asks_the_reports_window_for_it(qtbot: Any, database: Database, cell: int) -> None:
    from desktop.reports.catalogue import ReportKind

    window = ProbationWindow(database)
    qtbot.addWidget(window)
    window.within.setValue(45)
    with qtbot.waitSignal(window.report_requested) as emitted:
        qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    [request] = emitted.args
    assert (request.kind, request.as_of) == (ReportKind.PROBATION_DUE, clock.today() + dt.timedelta(days=45))
    assert request.organization_id == window.tree.selected_org().id


def test_the_work_menu_opens_the_due_list_and_prints_it(qtbot: Any, main_window: Any) -> None:
    from desktop.ui.reports_panel import ReportsWindow

    action = main_window.findChild(QAction, "work_probation")
    assert action is not None and action.isEnabled() and action.isVisible()
    action.trigger()
    workspace = main_window.workspace()
    window = workspace.windows.get("probation")
    assert isinstance(window, ProbationWindow) and window.isVisible()
    assert window.table.rowCount() > 0  # the small demo has members on probation
    with qtbot.waitSignal(window.report_requested):
        qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    reports = workspace.windows.get("reports")
    assert isinstance(reports, ReportsWindow)
    qtbot.waitUntil(lambda: reports.generation.task is None and reports.shown is not None, timeout=30_000)
    assert reports.chooser.kind().name == "PROBATION_DUE"

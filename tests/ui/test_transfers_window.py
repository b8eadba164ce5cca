"""The "Chuyển sinh hoạt đảng" window: a move between cells, its receipt, the letter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.dates import format_date
from desktop.models.enums import MemberStatus
from desktop.models.member import Member
from desktop.models.transfer_rules import TransferDraft
from desktop.models.transfers import TransferDirection, TransferKind
from desktop.services import clock
from desktop.services.transfers import issue_transfer
from desktop.ui.transfer_dialog import TransferMode
from desktop.ui.transfer_table_model import COL_NAME, COL_STATE, OVERDUE_BACKGROUND
from desktop.ui.transfers_window import TransfersWindow
from desktop.ui.work_menu import work_windows
from tests.builders import add_account
from tests.reports.pdf_text import page_texts
from tests.services.test_transfers import office  # noqa: F401  (fixture)
from tests.ui.test_reports_panel import print_to_pdf


def _open(qtbot: Any, database: Database) -> TransfersWindow:
    window = TransfersWindow(database)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_is_in_the_work_menu() -> None:
    entry = next(entry for entry in work_windows() if entry.name == "transfers")
    assert entry.label == "Chuyển sinh hoạt đảng…"


def test_a_move_between_committees_is_listed_until_the_receiving_cell_confirms(
    qtbot: Any, database: Database, office: dict[str, int],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    window = _open(qtbot, database)
    assert window.model.rowCount() == 0

    dialog = window.new_transfer(TransferMode.BETWEEN_CELLS)
    dialog.member_picker.set_member_id(office["member"])
    dialog.suggest_number()
    assert dialog.letter_sequence.value() == 1
    dialog.to_cell.set_cell_id(office["a1"])  # the member's own cell: refused
    dialog.reason.setText("Điều động sang Công ty Beta")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.errors["to_org_id"].text() == "Đảng viên đang sinh hoạt ở chi bộ này."
    dialog.to_cell.set_cell_id(office["b1"])
    dialog.save()
    assert not dialog.isVisible()

    assert window.model.rowCount() == 1
    row = window.selected_row()
    assert row is not None and row.id == dialog.transfer_id
    assert window.model.index(0, COL_STATE).data() == "Chưa tiếp nhận"
    assert "30 ngày làm việc kể từ " + format_date(clock.today()) in window.details.text()
    assert ("Các lần chuyển sinh hoạt của đảng viên:\n- " + format_date(clock.today())
            + ": chính thức Chi bộ Kỹ thuật — Đảng bộ Công ty Alpha → Chi bộ Sản xuất — Đảng bộ Công ty Beta"
            + " (chưa tiếp nhận)") in window.details.text()
    assert window.receive_action.isEnabled() and window.cancel_action.isEnabled()
    assert not window.return_action.isEnabled()

    assert window.show_letter()
    assert window.preview.page_count() == 1
    assert window.letter_path is not None and window.save_action.isEnabled()
    assert "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG" in page_texts(window.letter_path)[0]
    printed = tmp_path / "printed.pdf"
    print_to_pdf(monkeypatch, printed)
    window.print_action.trigger()
    qtbot.waitUntil(lambda: window.print_job is None, timeout=30_000)
    assert len(PdfReader(printed).pages) == 1
    assert window.statusBar().currentMessage() == "Đã gửi 1 trang tới máy in."

    closing = window.confirm()
    assert closing is not None
    closing.date.setText("01/01/2020")
    closing.save()
    assert closing.isVisible() and "trước ngày của giấy giới thiệu" in closing.date_error.text()
    closing.date.setText(format_date(clock.today()))
    closing.save()
    assert not closing.isVisible()

    assert window.model.rowCount() == 0
    assert window.count_label.text() == "0 lần chuyển, 0 quá hạn"
    with database.reading() as session:
        member = session.get(Member, office["member"])
        assert member is not None
        assert (member.cell_id, member.status) == (office["b1"], MemberStatus.FULL)
    # Received transfers are still there under their own state.
    window.state.setCurrentIndex(window.state.findText("Đã tiếp nhận"))
    assert window.model.rowCount() == 1
    assert window.model.index(0, COL_NAME).data() == "Nguyễn Văn An"


def test_overdue_transfers_are_highlighted_and_filtered(
    qtbot: Any, database: Database, office: dict[str, int]  # noqa: F811
) -> None:
    issue_transfer(database, TransferDraft(
        TransferKind.OFFICIAL, TransferDirection.OUT, dt.date(2026, 6, 1), member_id=office["member"],
        to_org_text="Đảng bộ Sở Tài chính", reason="Chuyển công tác", letter_sequence=5))
    window = _open(qtbot, database)
    assert window.model.rowCount() == 1
    assert window.model.index(0, COL_NAME).data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert window.count_label.text() == "1 lần chuyển, 1 quá hạn"
    window.kind.setCurrentIndex(window.kind.findData(TransferKind.TEMPORARY))
    assert window.model.rowCount() == 0
    window.kind.setCurrentIndex(0)
    window.overdue.setChecked(True)
    assert window.model.rowCount() == 1


def test_an_arrival_from_outside_registers_the_new_member(
    qtbot: Any, database: Database, office: dict[str, int]  # noqa: F811
) -> None:
    window = _open(qtbot, database)
    window.state.setCurrentIndex(window.state.findText("Mọi tình trạng"))
    dialog = window.new_transfer(TransferMode.ARRIVAL)
    dialog.save()
    assert dialog.isVisible()
    assert dialog.errors["full_name"].text() == "Không được để trống."
    assert dialog.errors["from_org_text"].text() == "Ghi tên tổ chức đảng nơi đảng viên chuyển đến từ đó."
    dialog.full_name.setText("Hoàng Thị Lan")
    dialog.gender.setCurrentIndex(dialog.gender.findText("Nữ"))
    dialog.date_of_birth.setText("12/03/1990")
    dialog.admission_date.setText("19/05/2015")
    dialog.official_date.setText("19/05/2016")
    dialog.from_text.setText("Đảng bộ Trường Đại học Vinh")
    dialog.to_cell.set_cell_id(office["b1"])
    dialog.letter_number.setText("215-GGT/ĐU")
    dialog.letter_date.setText("02/11/2026")
    dialog.received_date.setText("05/11/2026")
    dialog.save()
    assert not dialog.isVisible(), dialog.general_error.text()
    row = window.selected_row()
    assert row is not None and row.member_name == "Hoàng Thị Lan"
    assert (row.from_name, row.to_name) == ("Đảng bộ Trường Đại học Vinh", "Chi bộ Sản xuất — Đảng bộ Công ty Beta")
    assert window.model.index(window.table.currentIndex().row(), COL_STATE).data() == "Đã tiếp nhận"
    assert not window.letter_action.isEnabled()  # the letter is the other committee's


def test_a_leader_reads_the_list_but_cannot_act(
    qtbot: Any, database: Database, office: dict[str, int]  # noqa: F811
) -> None:
    issue_transfer(database, TransferDraft(
        TransferKind.OFFICIAL, TransferDirection.OUT, dt.date(2026, 11, 2), member_id=office["member"],
        to_org_text="Đảng bộ Sở Tài chính", letter_sequence=5))
    add_account(database, "lanhdao", Role.LEADER)
    window = _open(qtbot, database)
    window.table.selectRow(0)
    assert window.selected_row() is not None
    assert not window.new_button.isEnabled()
    assert not window.receive_action.isEnabled() and not window.cancel_action.isEnabled()
    assert window.letter_action.isEnabled() and window.show_letter()  # leaders print reports


def test_the_nghiep_vu_menu_opens_the_window_on_the_demo(qtbot: Any, main_window: Any) -> None:
    from desktop.ui.main_window import MainWindow

    assert isinstance(main_window, MainWindow)
    action = next(action for action, _edits in main_window.work_actions if action.objectName() == "work_transfers")
    action.trigger()
    window = main_window.workspace().windows.get("transfers")
    assert isinstance(window, TransfersWindow)
    qtbot.waitExposed(window)
    # The small demo: three letters not received yet and one temporary stay running.
    assert window.model.rowCount() == 4
    assert window.count_label.text().startswith("4 lần chuyển")

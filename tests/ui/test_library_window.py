"""The library window: add a document with its PDF through the dialog, search a word typed
without diacritics and see the highlighted snippet; open the file; study sessions and
completion in the second tab."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop.db.database import Database
from desktop.models.enums import OrgKind
from desktop.models.library import DocumentKind
from desktop.reports.catalogue import ReportKind
from desktop.services import clock
from desktop.services.members import create_member
from desktop.ui import library_document_dialog, library_window
from desktop.ui.library_document_dialog import DocumentDialog
from desktop.ui.library_session_dialog import SessionDialog
from desktop.ui.library_window import LibraryWindow
from tests.builders import add_org, member_draft
from tests.library_builders import add_text_document
from tests.library_files import pdf_bytes

TODAY = dt.date(2026, 11, 21)


def test_add_a_document_and_find_it_without_diacritics(qtbot: Any, database: Database, tmp_path: Path,
                                                       monkeypatch: Any, modals: Any) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    add_org(database, "A", "Đảng bộ Công ty Alpha", OrgKind.GRASSROOTS_COMMITTEE)
    pdf = tmp_path / "NQ-05.pdf"
    pdf.write_bytes(pdf_bytes([["Mở đầu."], ["Chi bộ tổ chức quán triệt nghị quyết đến toàn thể đảng viên."]]))
    monkeypatch.setattr(library_document_dialog, "choose_document_files", lambda parent: [str(pdf)])

    class FilledDialog(DocumentDialog):
        def exec(self) -> int:  # the user fills the form, picks the file and saves
            self.kind.setCurrentIndex(self.kind.findData(DocumentKind.RESOLUTION))
            self.number.setText("05-NQ/ĐUK")
            self.issuer.setText("Đảng ủy Khối")
            self.issue_date.setText("02/03/2026")
            self.abstract.setPlainText("về nâng cao chất lượng sinh hoạt chi bộ")
            qtbot.mouseClick(self.add_files_button, Qt.MouseButton.LeftButton)
            assert self.file_list.count() == 1
            qtbot.mouseClick(self.save_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: not self.work.busy(), timeout=10_000)
            assert self.saved_id is not None, [label.text() for label in self.errors.values()]
            return self.result()

    monkeypatch.setattr(library_window, "DocumentDialog", FilledDialog)
    window = LibraryWindow(database)
    qtbot.addWidget(window)
    window.show()
    assert window.summary.text() == "Không tìm thấy văn bản nào."
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    assert window.results.count() == 1

    window.search_box.setText("quan triet")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.summary.text() == "1 văn bản; đang hiện 1."
    html = window.result_label(0).text()
    assert "<b>05-NQ/ĐUK</b>" in html
    assert '<b style="background-color:#ffe58a;">quán</b> <b style="background-color:#ffe58a;">triệt</b> nghị quyết' in html
    assert "Ngày ban hành" in window.details.text() and "02/03/2026" in window.details.text()
    assert window.files.count() == 1

    opened: list[Path] = []
    monkeypatch.setattr(library_window, "open_with_system_viewer", lambda path: opened.append(path) or True)
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert opened[0].name == "NQ-05.pdf" and opened[0].read_bytes() == pdf.read_bytes()

    window.search_box.setText("khong co tu nay")
    qtbot.mouseClick(window.search_button, Qt.MouseButton.LeftButton)
    assert window.summary.text() == "Không tìm thấy văn bản nào."
    with qtbot.waitSignal(window.report_requested) as requested:
        qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    assert requested.args[0].kind is ReportKind.LIBRARY_DOCUMENTS
    assert dict(requested.args[0].options) == {"text": "khong co tu nay"}


def test_a_duplicate_file_is_refused_in_the_dialog(qtbot: Any, database: Database, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Nội dung", encoding="utf-8")
    add_text_document(database, "Nội dung", number="01-NQ/ĐUK")  # the same bytes, already kept
    dialog = DocumentDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.number.setText("02-NQ/ĐUK")
    dialog.issuer.setText("Đảng ủy Khối")
    dialog.abstract.setPlainText("về công tác cán bộ")
    dialog.add_files([str(path)])
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.work.busy(), timeout=10_000)
    assert dialog.errors["file"].text() == "Tệp “a.txt” đã có trong thư viện (văn bản số 01-NQ/ĐUK): không lưu trùng."
    assert dialog.saved_id is None and dialog.number.text() == "02-NQ/ĐUK"


def test_a_secret_document_is_not_opened_outside(qtbot: Any, database: Database, monkeypatch: Any,
                                                 modals: Any) -> None:
    from desktop.models.library import Confidentiality

    add_text_document(database, "Nội dung mật", confidentiality=Confidentiality.CONFIDENTIAL)
    monkeypatch.setattr(library_window, "open_with_system_viewer", lambda path: (_ for _ in ()).throw(AssertionError))
    window = LibraryWindow(database)
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert modals.texts("show_error") == [
        "Thư viện văn bản Văn bản có độ mật: tệp chỉ được xem trong phần mềm, không mở ra ngoài hay sao chép."]


def test_study_tab_records_a_session_and_shows_who_has_not_studied(qtbot: Any, database: Database,
                                                                  monkeypatch: Any) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    a = add_org(database, "A", "Đảng bộ Công ty Alpha", OrgKind.GRASSROOTS_COMMITTEE)
    a1 = add_org(database, "A1", "Chi bộ Kỹ thuật", OrgKind.SUBORDINATE_CELL, a)
    an = create_member(database, member_draft(a1, full_name="Nguyễn Văn An"), today=TODAY).id
    create_member(database, member_draft(a1, full_name="Trần Thị Bình"), today=TODAY)
    add_text_document(database, "Nghị quyết về công tác cán bộ.")
    opened: list[SessionDialog] = []

    def record(dialog: SessionDialog) -> None:
        opened.append(dialog)
        dialog.presenter.setText("Đồng chí Bí thư Chi bộ")
        if dialog.makeup_of_id is None:
            dialog.session_date.setText("10/04/2026")
            dialog.set_present(an, False, "Đi công tác")
        else:
            dialog.session_date.setText("24/04/2026")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.saved_id is not None, [label.text() for label in dialog.errors.values()]

    window = LibraryWindow(database)
    qtbot.addWidget(window)
    window.show()
    panel = window.study
    monkeypatch.setattr(panel, "_open_dialog", lambda dialog: (record(dialog), panel.refresh()))
    window.tabs.setCurrentWidget(panel)
    assert panel.document_label.text().startswith("Văn bản: 05-NQ/ĐUK ngày 02/03/2026")
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    assert opened[0].table.rowCount() == 2
    qtbot.waitUntil(lambda: panel.summary.text() == "Đã học 1/2 đảng viên (50%).", timeout=10_000)
    assert [panel.completion.item(0, c).text() for c in range(5)] == ["Chi bộ Kỹ thuật", "2", "1", "1", "50%"]
    assert [panel.missing.item(i).text() for i in range(panel.missing.count())] == ["Nguyễn Văn An — Chi bộ Kỹ thuật"]

    panel.sessions.selectRow(0)
    qtbot.mouseClick(panel.makeup_button, Qt.MouseButton.LeftButton)
    makeup = opened[1]
    assert makeup.makeup_of_id is not None and makeup.table.rowCount() == 1
    qtbot.waitUntil(lambda: panel.summary.text() == "Đã học 2/2 đảng viên (100%).", timeout=10_000)
    assert panel.missing.count() == 0 and panel.sessions.rowCount() == 2
    assert panel.sessions.item(0, 5).text() == "Có"


def test_mark_a_document_replaced_by_its_number(qtbot: Any, database: Database, monkeypatch: Any,
                                                modals: Any) -> None:
    old = add_text_document(database, "Quy định cũ.", number="01-QĐi/ĐUK", kind=DocumentKind.REGULATION,
                            issue_date=dt.date(2020, 3, 1))
    add_text_document(database, "Quy định mới.", number="09-QĐi/ĐUK", kind=DocumentKind.REGULATION,
                      issue_date=dt.date(2026, 3, 1))
    answers = iter(["09-qdi/duk", "77-QĐi/ĐUK"])
    monkeypatch.setattr(library_window, "ask_replacing_number", lambda parent: next(answers))
    window = LibraryWindow(database)
    qtbot.addWidget(window)
    window.show()
    window.search_box.setText("quy dinh cu")
    qtbot.mouseClick(window.search_button, Qt.MouseButton.LeftButton)
    assert window.results.item(0).data(Qt.ItemDataRole.UserRole) == old
    qtbot.mouseClick(window.replace_button, Qt.MouseButton.LeftButton)
    assert "Được thay thế bởi" in window.details.text() and "09-QĐi/ĐUK (01/03/2026)" in window.details.text()
    assert "Đã được thay thế" in window.result_label(0).text()
    qtbot.mouseClick(window.replace_button, Qt.MouseButton.LeftButton)
    assert modals.texts("show_error") == [
        "Thư viện văn bản Không có văn bản số 77-QĐi/ĐUK trong thư viện: hãy thêm văn bản đó trước."]


def test_add_a_file_to_a_document(qtbot: Any, database: Database, tmp_path: Path, monkeypatch: Any,
                                  modals: Any) -> None:
    add_text_document(database, "Nội dung chính.")
    extra = tmp_path / "phu-luc.txt"
    extra.write_text("Phụ lục về thi đua khen thưởng.", encoding="utf-8")
    picks = iter([[str(extra)], [str(extra)]])
    monkeypatch.setattr(library_document_dialog, "choose_document_files", lambda parent: next(picks))
    window = LibraryWindow(database)
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.add_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.work.busy(), timeout=10_000)
    assert window.files.count() == 2
    window.search_box.setText("khen thuong")
    qtbot.mouseClick(window.search_button, Qt.MouseButton.LeftButton)
    assert window.summary.text() == "1 văn bản; đang hiện 1."
    qtbot.mouseClick(window.add_file_button, Qt.MouseButton.LeftButton)  # the same file again
    qtbot.waitUntil(lambda: not window.work.busy(), timeout=10_000)
    assert modals.texts("show_error") == [
        "Thư viện văn bản Tệp “phu-luc.txt” đã có trong thư viện (văn bản số 05-NQ/ĐUK): không lưu trùng."]


def test_remove_a_file_and_its_words_leave_the_search(qtbot: Any, database: Database, tmp_path: Path,
                                                      monkeypatch: Any, modals: Any) -> None:
    add_text_document(database, "Nội dung chính.")
    extra = tmp_path / "phu-luc.txt"
    extra.write_text("Phụ lục về thi đua khen thưởng.", encoding="utf-8")
    monkeypatch.setattr(library_document_dialog, "choose_document_files", lambda parent: [str(extra)])
    window = LibraryWindow(database)
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.add_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.work.busy(), timeout=10_000)
    assert window.files.count() == 2
    window.files.setCurrentRow(next(row for row in range(2) if "phu-luc" in window.files.item(row).text()))
    modals.answer("ask_yes_no", False)
    qtbot.mouseClick(window.remove_file_button, Qt.MouseButton.LeftButton)
    assert window.files.count() == 2  # "Không" keeps it
    modals.answer("ask_yes_no", True)
    qtbot.mouseClick(window.remove_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.work.busy(), timeout=10_000)
    assert window.files.count() == 1 and "phu-luc" not in window.files.item(0).text()
    window.search_box.setText("khen thuong")
    qtbot.mouseClick(window.search_button, Qt.MouseButton.LeftButton)
    assert window.summary.text() == "Không tìm thấy văn bản nào."

"""Import dialog and Excel exports, driven as a clerk would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.db.database import Database
from desktop.services.members import MemberListQuery, count_members
from desktop.services.organizations import find_cells
from desktop.services.tabular import mappings
from desktop.services.tabular.member_import import import_members
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import Workspace
from tests.conftest import TODAY
from tests.spreadsheets import read_back, write_xlsx
from tests.ui.conftest import ModalCalls


def workspace_of(window: MainWindow) -> Workspace:
    space = window.workspace()
    assert isinstance(space, Workspace)
    return space


def rows_for(cell_name: str) -> list[list[object]]:
    return [
        [1, "Nguyễn Văn Tèo", "Nam", "12/03/1985", "01/05/2010", "01/05/2011", None, None, cell_name],
        [2, "Trần Thị Hoa", "Nữ", 1979, "03/02/2000", None, None, None, cell_name],
    ]


def open_dialog(qtbot: Any, database: Database, path: Path) -> ImportDialog:
    dialog = ImportDialog(database, mappings.MEMBERS, None, "")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(str(path))
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.preview is not None, timeout=10_000)
    return dialog


def click_and_wait(qtbot: Any, dialog: ImportDialog, button: Any) -> None:
    button.click()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20_000)


def test_check_then_import_with_the_mapping_shown(qtbot: Any, demo_database: Database, tmp_path: Path) -> None:
    cell = find_cells(demo_database, "chi bo")[0]
    before = count_members(demo_database, MemberListQuery())
    path = write_xlsx(tmp_path / "ds.xlsx", rows_for(cell.code), titles=[
        "STT", "Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên",
        "Số CCCD", "Mã chi bộ"])
    dialog = open_dialog(qtbot, demo_database, path)
    assert dialog.combos["full_name"].currentText() == "B: Họ và tên"
    assert dialog.combos["cell_code"].currentText() == "I: Mã chi bộ"
    assert dialog.combos["notes"].currentText() == "— không nhập —"
    row = [column.key for column in dialog.columns].index("full_name")
    assert dialog.mapping_table.item(row, 2).text() == "Nguyễn Văn Tèo"  # the first row's value
    assert dialog.mapping_table.item(row, 0).text() == "Họ và tên *"

    click_and_wait(qtbot, dialog, dialog.check_button)
    assert dialog.summary.text() == "Đã kiểm tra 2 dòng: không có lỗi. Khi nhập sẽ có 2 mới, 0 cập nhật, 0 đã có nên bỏ qua."
    assert count_members(demo_database, MemberListQuery()) == before
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.busy())
    assert dialog.summary.text().startswith("Đã nhập 2 dòng: 2 mới")
    assert count_members(demo_database, MemberListQuery()) == before + 2


def test_problems_are_listed_and_saved_and_a_mapping_fixed_by_hand_is_remembered(
    qtbot: Any, demo_database: Database, tmp_path: Path, modals: ModalCalls
) -> None:
    cell = find_cells(demo_database, "chi bo")[0]
    titles = ["#", "Họ và tên", "Phái", "Ngày sinh", "Kết nạp", "Chính thức", "Thẻ", "ID", "Mã chi bộ"]
    rows = rows_for(cell.code)
    rows[1][4] = "ngày nào đó"
    dialog = open_dialog(qtbot, demo_database, write_xlsx(tmp_path / "ds.xlsx", rows, titles=titles))
    assert dialog.combos["gender"].currentIndex() == 0  # "Phái" is no known title
    dialog.combos["gender"].setCurrentIndex(3)  # C: Phái
    dialog.combos["admission_date"].setCurrentIndex(5)  # E: Kết nạp
    dialog.remember.setChecked(True)
    click_and_wait(qtbot, dialog, dialog.check_button)
    assert dialog.summary.text().startswith("Tệp có 1 lỗi: chưa có dữ liệu nào được ghi.")
    assert dialog.problems.rowCount() == 1
    assert [dialog.problems.item(0, column).text() for column in range(3)] == ["7", "Kết nạp", "ngày nào đó"]
    assert dialog.problems.item(0, 3).text().startswith("Không đọc được ngày")
    saved = tmp_path / "loi.xlsx"
    modals.answer("choose_xlsx_save_path", str(saved))
    dialog.save_problems_button.click()
    assert read_back(saved)[5][1:4] == [7, "Kết nạp", "ngày nào đó"]

    # The next file with these titles maps itself.
    again = open_dialog(qtbot, demo_database, write_xlsx(tmp_path / "again.xlsx", rows_for(cell.code), titles=titles))
    assert again.combos["gender"].currentText() == "C: Phái"
    assert "ghi nhớ" in again.mapping_note.text()


def test_export_the_list_as_shown_and_import_through_the_menu(
    qtbot: Any, main_window: MainWindow, modals: ModalCalls, tmp_path: Path, monkeypatch: Any
) -> None:
    space = workspace_of(main_window)
    target = tmp_path / "xuat.xlsx"
    modals.answer("choose_xlsx_save_path", str(target))
    main_window.export_members_action.trigger()
    qtbot.waitUntil(lambda: "Đã xuất" in main_window.statusBar().currentMessage(), timeout=20_000)
    rows = read_back(target)
    assert rows[2][0] == "Trạng thái: Đang sinh hoạt"
    assert len(rows) - 6 == space.table_model.rowCount()

    cell = find_cells(space.database, "chi bo")[0]
    source = write_xlsx(tmp_path / "moi.xlsx", rows_for(cell.name))
    shown_before = space.table_model.rowCount()

    def import_in_dialog(_parent: Any, database: Database, kind: str, org_id: Any, _name: str) -> bool:
        assert kind == mappings.MEMBERS and org_id == space.selected_org().id  # type: ignore[union-attr]
        return import_members(database, source, today=TODAY).written

    monkeypatch.setattr("desktop.ui.dialogs.ask_import", import_in_dialog)
    main_window.import_members_action.trigger()
    assert space.table_model.rowCount() == shown_before + 2  # the table was read again

"""Adding and editing organisations from the main window: dialog, red messages, the tree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.db.database import Database
from desktop.models.enums import OrgKind
from desktop.services.members import MemberListQuery, count_members
from desktop.services.organization_editing import get_organization
from desktop.services.organizations import (
    child_organizations,
    find_cells,
    organization_summary,
    root_organizations,
)
from desktop.ui.database_controller import DatabaseController
from desktop.ui.main_window import MainWindow
from desktop.ui.member_table_model import COL_CELL
from desktop.ui.organization_form import OrganizationForm
from desktop.ui.workspace import Workspace
from tests.ui.conftest import ModalCalls, open_window
from tests.ui.test_main_window import select_org

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def empty_window(
    qtbot: Any, database_path: Path, modals: ModalCalls
) -> Iterator[tuple[MainWindow, DatabaseController]]:
    window, controller = open_window(qtbot, str(database_path))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    yield window, controller
    modals.answer("ask_discard_changes", *[True] * 5)
    window.close()
    controller.close()


def space_of(window: MainWindow) -> Workspace:
    found = window.workspace()
    assert isinstance(found, Workspace)
    return found


def press_add(qtbot: Any, window: MainWindow) -> OrganizationForm | None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL_SHIFT)
    form = space_of(window).org_editor.form
    if form is not None:
        qtbot.waitExposed(form)
        form.activateWindow()
        qtbot.waitUntil(form.isActiveWindow)
    return form


def offered_kinds(form: OrganizationForm) -> list[OrgKind]:
    combo = form.fields["kind"].editor
    return [combo.itemData(row) for row in range(combo.count())]


def choose_kind(qtbot: Any, form: OrganizationForm, kind: OrgKind) -> None:
    combo = form.fields["kind"].editor
    combo.setFocus()
    for _ in range(offered_kinds(form).index(kind) + 1):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() is kind


def fill(qtbot: Any, form: OrganizationForm, code: str, name: str) -> None:
    qtbot.keyClicks(form.fields["code"].editor, code)
    # QTest types ASCII only; Vietnamese text arrives as an input method would commit it.
    form.fields["name"].editor.insert(name)


def test_an_empty_database_gets_a_committee_then_a_cell_that_takes_a_member(
    qtbot: Any, empty_window: tuple[MainWindow, DatabaseController]
) -> None:
    window, controller = empty_window
    database = controller.database
    assert database is not None
    space = space_of(window)
    assert "Thêm tổ chức đảng trực thuộc" in space.header.kind.text()
    assert space.header.add_button.isVisibleTo(space)
    assert not window.edit_org_action.isEnabled()

    form = press_add(qtbot, window)
    assert form is not None and form.parent_id is None
    assert offered_kinds(form) == [
        OrgKind.SUPERIOR_COMMITTEE, OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL,
    ]
    fill(qtbot, form, "DBK", "Đảng bộ Khối các cơ quan")
    choose_kind(qtbot, form, OrgKind.SUPERIOR_COMMITTEE)
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: space.org_editor.form is None)
    model = space.tree_model
    assert model.rowCount() == 1
    root_index = model.index(0, 0)
    assert model.data(root_index) == "Đảng bộ Khối các cơ quan"
    assert space.tree.currentIndex() == root_index
    assert space.header.title.text() == "Đảng bộ Khối các cơ quan"
    assert not space.header.add_button.isVisibleTo(space)
    assert window.edit_org_action.isEnabled()

    form = press_add(qtbot, window)
    assert form is not None
    assert form.parent_label.text() == "Đảng bộ Khối các cơ quan"
    fill(qtbot, form, "DBK.01", "Chi bộ Văn phòng")
    choose_kind(qtbot, form, OrgKind.GRASSROOTS_CELL)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: space.org_editor.form is None)
    assert space.tree.isExpanded(root_index)
    assert model.rowCount(root_index) == 1
    cell_index = model.index(0, 0, root_index)
    assert model.data(cell_index) == "Chi bộ Văn phòng"
    assert model.data(model.index(0, 1, root_index)) == "Chi bộ cơ sở"
    assert space.tree.currentIndex() == cell_index
    assert space.header.title.text() == "Chi bộ Văn phòng"
    cell_id = model.node(cell_index).id
    assert organization_summary(database, root_organizations(database)[0].id).cells == 1

    space.tree.setCurrentIndex(root_index)  # the tree lets the clerk move between them
    assert space.header.title.text() == "Đảng bộ Khối các cơ quan"
    space.tree.setCurrentIndex(cell_index)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    member_form = space.forms.forms()[-1]
    assert member_form.fields["cell_id"].editor.cell_id() == cell_id
    member_form.fields["full_name"].editor.insert("Lường Thị Xuyến")
    gender = member_form.fields["gender"].editor
    gender.setCurrentIndex(gender.findText("Nữ"))
    qtbot.keyClicks(member_form.fields["date_of_birth"].editor, "12/03/1990")
    qtbot.keyClicks(member_form.fields["admission_date"].editor, "19/05/2015")
    assert member_form.save()
    assert count_members(database, MemberListQuery(organization_id=cell_id)) == 1
    assert space.table_model.rowCount() == 1


def test_a_cell_takes_no_sub_organisation_and_no_form_opens(
    qtbot: Any, main_window: MainWindow, demo_database: Database, modals: ModalCalls
) -> None:
    space = space_of(main_window)
    cell = find_cells(demo_database, "", 1)[0]
    select_org(space, demo_database, cell.id)
    assert press_add(qtbot, main_window) is None
    assert modals.texts("show_error") == [
        "Không thêm được tổ chức trực thuộc Chi bộ không có tổ chức đảng trực thuộc: hãy chọn một đảng bộ."
    ]
    assert child_organizations(demo_database, cell.id) == []


def test_a_duplicate_code_is_shown_in_red_and_nothing_is_written(
    qtbot: Any, main_window: MainWindow, demo_database: Database, modals: ModalCalls
) -> None:
    space = space_of(main_window)
    root = root_organizations(demo_database)[0]
    before = child_organizations(demo_database, root.id)
    form = press_add(qtbot, main_window)
    assert form is not None and form.parent_id == root.id
    fill(qtbot, form, root.code.lower(), "Chi bộ Văn phòng")
    choose_kind(qtbot, form, OrgKind.GRASSROOTS_CELL)
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    code = form.fields["code"]
    assert code.error.isVisibleTo(form)
    assert code.error.text() == f"Mã này đã được dùng cho {root.name}."
    assert "Chưa lưu: có 1 chỗ cần sửa" in form.general_error.text()
    assert code.editor.hasFocus() and form.isVisible()
    assert child_organizations(demo_database, root.id) == before
    assert space.tree_model.rowCount(space.tree_model.index(0, 0)) == len(before)
    close_discarding(form, modals)


def close_discarding(form: OrganizationForm, modals: ModalCalls) -> None:
    """pytest-qt closes the main window before fixtures end: leave no unsaved form behind."""
    modals.answer("ask_discard_changes", True)
    assert form.close()


def test_a_cell_with_members_cannot_become_a_committee(
    qtbot: Any, main_window: MainWindow, demo_database: Database, modals: ModalCalls
) -> None:
    space = space_of(main_window)
    cell = next(
        c for c in find_cells(demo_database, "", 50)
        if get_organization(demo_database, c.id).draft.kind is OrgKind.SUBORDINATE_CELL
        and count_members(demo_database, MemberListQuery(organization_id=c.id))
    )
    select_org(space, demo_database, cell.id)
    before = get_organization(demo_database, cell.id)
    main_window.edit_org_action.trigger()
    form = space.org_editor.form
    assert form is not None and form.org_id == cell.id
    assert offered_kinds(form) == [OrgKind.SECTION_COMMITTEE, OrgKind.SUBORDINATE_CELL]
    form.fields["kind"].editor.setCurrentIndex(0)
    assert not form.save()
    members = organization_summary(demo_database, cell.id).members
    assert form.fields["kind"].error.text().startswith(
        "Không đổi thành đảng bộ được: chi bộ đang có "
    )
    assert str(members) in form.fields["kind"].error.text()
    assert get_organization(demo_database, cell.id) == before
    close_discarding(form, modals)


def test_a_renamed_cell_shows_its_new_name_in_the_tree_header_and_table(
    qtbot: Any, main_window: MainWindow, demo_database: Database, modals: ModalCalls
) -> None:
    space = space_of(main_window)
    cell = next(
        c for c in find_cells(demo_database, "", 50)
        if count_members(demo_database, MemberListQuery(organization_id=c.id))
    )
    select_org(space, demo_database, cell.id)
    index = space.tree.currentIndex()
    main_window.edit_org_action.trigger()
    form = space.org_editor.form
    assert form is not None
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    name = form.fields["name"].editor
    name.clear()
    name.insert("Chi bộ Phòng Đối ngoại")
    modals.answer("ask_discard_changes", False)
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # the clerk is asked, keeps editing
    assert modals.names() == ["ask_discard_changes"] and form.isVisible()
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: space.org_editor.form is None)
    model = space.tree_model
    assert model.data(model.index(index.row(), 0, index.parent())) == "Chi bộ Phòng Đối ngoại"
    assert space.header.title.text() == "Chi bộ Phòng Đối ngoại"
    table = space.table_model
    assert table.data(table.index(0, COL_CELL)) == "Chi bộ Phòng Đối ngoại"
    assert get_organization(demo_database, cell.id).draft.name == "Chi bộ Phòng Đối ngoại"


def test_document_settings_typed_in_the_form_are_saved(
    qtbot: Any, main_window: MainWindow, demo_database: Database, modals: ModalCalls
) -> None:
    space = space_of(main_window)
    root = root_organizations(demo_database)[0]
    form = press_add(qtbot, main_window)
    assert form is not None and form.parent_id == root.id
    assert form.document_group.title() == "Thể thức văn bản"
    fields = form.fields
    place, code = fields["place_name"].editor, fields["issuer_code"].editor
    assert form.document_group.isAncestorOf(place) and form.document_group.isAncestorOf(code)
    # Blank fields show what the header would print: the parent's place and name, the defaults.
    assert place.placeholderText() == "theo cấp trên: Hà Nội"
    assert fields["superior_name"].editor.placeholderText() == f"mặc định: {root.name}"
    fill(qtbot, form, "DBK.90", "Đảng bộ Bộ Y tế")
    choose_kind(qtbot, form, OrgKind.GRASSROOTS_COMMITTEE)
    assert fields["issuer_name"].editor.placeholderText() == "mặc định: Đảng ủy Bộ Y tế"
    assert code.placeholderText() == "mặc định: ĐU"

    place.insert("  Thành phố  Hà Nội ")
    code.insert("ĐU/YT")
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert fields["issuer_code"].error.text().startswith("Ký hiệu chỉ gồm chữ cái và chữ số")
    assert code.hasFocus() and form.isVisible()
    code.clear()
    code.insert("ĐUYT")
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: space.org_editor.form is None)

    added = next(o for o in child_organizations(demo_database, root.id) if o.code == "DBK.90")
    saved = get_organization(demo_database, added.id).draft
    assert (saved.place_name, saved.issuer_code, saved.issuer_name, saved.superior_name) == (
        "Thành phố Hà Nội", "ĐUYT", None, None,
    )

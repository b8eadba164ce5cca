"""The main window on the small demo: tree, selection, search, opening and adding members."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QLocale, Qt

from desktop.db.database import Database
from desktop.models.enums import MemberStatus
from desktop.models.text import fold
from desktop.services.members import MemberListQuery, count_members, fetch_member_rows, get_member
from desktop.services.organizations import ancestor_ids, child_organizations, root_organizations
from desktop.ui.main_window import MainWindow
from desktop.ui.member_table_model import COL_BIRTH, COL_CELL, COL_NAME
from desktop.ui.workspace import Workspace

ACTIVE = (MemberStatus.FULL, MemberStatus.PROBATIONARY)


def workspace(window: MainWindow) -> Workspace:
    found = window.workspace()
    assert isinstance(found, Workspace)
    return found


def select_org(space: Workspace, database: Database, org_id: int) -> None:
    index = space.tree_model.reveal(ancestor_ids(database, org_id))
    assert index.isValid()
    space.tree.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def a_member_cell(database: Database) -> int:
    row = fetch_member_rows(database, MemberListQuery(statuses=ACTIVE), 3, 1)[0]
    cell_id = get_member(database, row.id).draft.cell_id
    assert cell_id is not None
    return cell_id


def table_names(space: Workspace) -> list[str]:
    model = space.table_model
    return [model.data(model.index(row, COL_NAME)) for row in range(model.rowCount())]


def test_the_tree_shows_the_root_and_loads_levels_on_expand(
    main_window: MainWindow, demo_database: Database
) -> None:
    space = workspace(main_window)
    model = space.tree_model
    roots = root_organizations(demo_database)
    assert model.rowCount() == len(roots)
    root = model.index(0, 0)
    assert model.data(root) == roots[0].name
    assert space.header.title.text() == roots[0].name  # the root is selected at start
    children = child_organizations(demo_database, roots[0].id)
    assert model.rowCount(root) == len(children)  # expanded at start
    committee = next(i for i in range(len(children)) if children[i].has_children)
    committee_index = model.index(committee, 0, root)
    assert model.rowCount(committee_index) == 0 and model.canFetchMore(committee_index)
    space.tree.expand(committee_index)
    assert model.rowCount(committee_index) == len(
        child_organizations(demo_database, children[committee].id)
    )


def test_selecting_a_cell_shows_only_its_members_and_their_count(
    main_window: MainWindow, demo_database: Database
) -> None:
    space = workspace(main_window)
    cell_id = a_member_cell(demo_database)
    select_org(space, demo_database, cell_id)
    expected = count_members(
        demo_database, MemberListQuery(organization_id=cell_id, statuses=ACTIVE)
    )
    assert expected > 0
    assert space.table_model.rowCount() == expected
    assert main_window.member_count_text() == f"{QLocale().toString(expected)} đảng viên"
    cell_name = space.header.title.text()
    model = space.table_model
    assert {model.data(model.index(row, COL_CELL)) for row in range(expected)} == {cell_name}
    space.status_combo.setCurrentIndex(0)  # Tất cả
    assert space.table_model.rowCount() == count_members(
        demo_database, MemberListQuery(organization_id=cell_id)
    )


def test_search_without_diacritics_narrows_the_table_after_a_pause(
    qtbot: Any, main_window: MainWindow, demo_database: Database
) -> None:
    space = workspace(main_window)
    total = space.table_model.rowCount()
    target = fetch_member_rows(demo_database, MemberListQuery(statuses=ACTIVE), 7, 1)[0]
    typed = fold(target.full_name)
    assert typed != target.full_name.lower()  # the name really has diacritics
    main_window.activateWindow()
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert space.search.hasFocus()
    qtbot.keyClicks(space.search, typed)
    assert space.table_model.rowCount() == total  # nothing runs before the pause
    qtbot.waitUntil(lambda: space.table_model.rowCount() < total, timeout=3000)
    root = root_organizations(demo_database)[0].id
    query = MemberListQuery(organization_id=root, statuses=ACTIVE, search_text=typed)
    assert space.table_model.rowCount() == count_members(demo_database, query)
    assert target.full_name in table_names(space)
    assert (
        main_window.member_count_text()
        == f"{QLocale().toString(count_members(demo_database, query))} đảng viên"
    )


def test_enter_opens_the_form_and_ctrl_s_saves_into_the_table(
    qtbot: Any, main_window: MainWindow, demo_database: Database
) -> None:
    space = workspace(main_window)
    space.table.setFocus()
    space.table.setCurrentIndex(space.table_model.index(2, 0))
    member_id = space.table_model.member_id(2)
    assert member_id is not None
    qtbot.keyClick(space.table, Qt.Key.Key_Return)
    forms = space.forms.forms()
    assert len(forms) == 1 and forms[0].member_id == member_id
    form = forms[0]
    qtbot.waitExposed(form)
    before = get_member(demo_database, member_id).draft
    phone = form.fields["phone"].editor
    phone.clear()
    qtbot.keyClicks(phone, "0987 654 321")
    birth = form.fields["date_of_birth"].editor
    birth.clear()
    qtbot.keyClicks(birth, str(before.date_of_birth.year))  # only the year is known
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = get_member(demo_database, member_id).draft
    assert saved.phone == "0987 654 321"
    assert (
        saved.date_of_birth.year == before.date_of_birth.year and saved.dob_precision.name == "YEAR"
    )
    assert form.isVisible() and not form.is_dirty()
    model = space.table_model
    assert model.member_id(2) == member_id
    assert model.data(model.index(2, COL_BIRTH)) == str(before.date_of_birth.year)


def test_ctrl_n_adds_a_member_to_the_selected_cell_who_is_then_found(
    qtbot: Any, main_window: MainWindow, demo_database: Database
) -> None:
    space = workspace(main_window)
    cell_id = a_member_cell(demo_database)
    select_org(space, demo_database, cell_id)
    before = space.table_model.rowCount()
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = space.forms.forms()[-1]
    assert form.member_id is None and form.fields["cell_id"].editor.cell_id() == cell_id
    # QTest types ASCII only; Vietnamese text arrives as an input method would commit it.
    form.fields["full_name"].editor.insert("Lường Thị Xuyến")
    gender = form.fields["gender"].editor
    gender.setCurrentIndex(gender.findText("Nữ"))
    qtbot.keyClicks(form.fields["date_of_birth"].editor, "12/03/1990")
    qtbot.keyClicks(form.fields["admission_date"].editor, "19/05/2015")
    qtbot.keyClicks(form.fields["official_date"].editor, "19/05/2016")
    assert form.save()
    assert form.member_id is not None
    assert form.windowTitle() == "Hồ sơ đảng viên — Lường Thị Xuyến"
    assert space.table_model.rowCount() == before + 1
    space.search.setText("luong xuyen")
    qtbot.waitUntil(lambda: table_names(space) == ["Lường Thị Xuyến"], timeout=3000)
    assert get_member(demo_database, form.member_id).draft.cell_id == cell_id


def test_sorting_by_header_click_and_layout_persist(qtbot: Any, main_window: MainWindow) -> None:
    space = workspace(main_window)
    header = space.table.horizontalHeader()
    header.sectionClicked.emit(COL_BIRTH)
    assert space.table_model.sort_column() == COL_BIRTH and not space.table_model.query.descending
    header.sectionClicked.emit(COL_BIRTH)
    assert space.table_model.query.descending
    assert header.sortIndicatorSection() == COL_BIRTH
    header.sectionClicked.emit(COL_CELL)  # not sortable: the order stays
    assert (
        header.sortIndicatorSection() == COL_BIRTH and space.table_model.sort_column() == COL_BIRTH
    )
    space.status_combo.setCurrentIndex(3)
    header.resizeSection(COL_NAME, 333)
    from desktop.ui.settings import app_settings

    space.save_state(app_settings())
    space.status_combo.setCurrentIndex(1)
    header.resizeSection(COL_NAME, 120)
    space.restore_state(app_settings())
    assert header.sectionSize(COL_NAME) == 333
    assert space.status_combo.currentIndex() == 3
    assert space.table_model.sort_column() == COL_BIRTH and space.table_model.query.descending

"""The lazy member table: SQL count, bounded page cache, sorting in SQL, the model contract."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from desktop.db.database import Database
from desktop.models.enums import MemberStatus
from desktop.services.members import MemberListQuery, MemberSort, count_members, fetch_member_rows
from desktop.services.organizations import root_organizations
from desktop.ui.member_table_model import (
    COL_ADMISSION,
    COL_BIRTH,
    COL_CELL,
    COL_NAME,
    COL_STATUS,
    MEMBER_ID_ROLE,
    MemberTableModel,
)


def test_the_model_passes_the_qt_model_contract(
    qtmodeltester: Any, demo_database: Database
) -> None:
    model = MemberTableModel(demo_database, page_size=25, max_pages=3)
    qtmodeltester.check(model, force_py=True)


def test_rows_are_counted_in_sql_and_fetched_by_bounded_pages(demo_database: Database) -> None:
    total = count_members(demo_database, MemberListQuery())
    model = MemberTableModel(demo_database, page_size=10, max_pages=4)
    assert model.rowCount() == total > 100
    assert model.cached_row_count() == 0  # counting loads no row
    for row in range(total):  # touch every row, as scrolling to the end would
        model.data(model.index(row, COL_NAME))
    assert model.cached_row_count() <= 4 * 10 < total
    first = fetch_member_rows(demo_database, MemberListQuery(), 0, 1)[0]
    assert model.data(model.index(0, COL_NAME)) == first.full_name
    assert model.data(model.index(0, COL_NAME), MEMBER_ID_ROLE) == model.member_id(0) == first.id


def test_cells_show_vietnamese_labels_and_dd_mm_yyyy_dates(demo_database: Database) -> None:
    model = MemberTableModel(demo_database)
    row = fetch_member_rows(demo_database, MemberListQuery(), 0, 1)[0]
    assert model.data(model.index(0, COL_BIRTH)) == row.birth_text
    admission = model.data(model.index(0, COL_ADMISSION))
    assert admission == row.admission_date.strftime("%d/%m/%Y")
    assert model.data(model.index(0, COL_STATUS)) in (
        "Chính thức",
        "Dự bị",
        "Đã xóa tên",
        "Đã khai trừ",
        "Đã ra khỏi Đảng",
        "Đã từ trần",
        "Đã chuyển đi",
    )
    assert model.data(model.index(0, COL_CELL)) == row.cell_name
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Họ và tên"


def test_sorting_maps_columns_to_the_service_order(qtbot: Any, demo_database: Database) -> None:
    model = MemberTableModel(demo_database)
    with qtbot.waitSignal(model.modelReset):
        model.sort(COL_BIRTH, Qt.SortOrder.DescendingOrder)
    expected = fetch_member_rows(
        demo_database, MemberListQuery(sort=MemberSort.DATE_OF_BIRTH, descending=True), 0, 5
    )
    assert [model.member_id(row) for row in range(5)] == [row.id for row in expected]
    assert model.sort_column() == COL_BIRTH
    # Columns without an index do not sort: nothing changes.
    model.sort(COL_CELL, Qt.SortOrder.AscendingOrder)
    assert model.query.sort is MemberSort.DATE_OF_BIRTH


def test_set_query_filters_by_organisation_and_status(qtbot: Any, demo_database: Database) -> None:
    model = MemberTableModel(demo_database)
    root = root_organizations(demo_database)[0]
    query = MemberListQuery(organization_id=root.id, statuses=(MemberStatus.PROBATIONARY,))
    with qtbot.waitSignal(model.modelReset):
        model.set_query(query)
    assert model.rowCount() == count_members(demo_database, query)
    assert {model.data(model.index(row, COL_STATUS)) for row in range(model.rowCount())} == {
        "Dự bị"
    }
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None

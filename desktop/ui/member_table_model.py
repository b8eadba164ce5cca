"""The member list as a lazy table: SQL COUNT for the size, pages fetched on demand.

Only the pages the view has asked for are in memory, at most `max_pages` of them (least
recently used dropped first), so 78,432 members cost a COUNT and a few 200-row queries.
Sorting and filtering are ORDER BY / WHERE in the service query, never a proxy model.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.services.members import (
    MemberListQuery,
    MemberRow,
    MemberSort,
    count_members,
    fetch_member_rows,
)
from desktop.texts import label
from desktop.ui.page_cache import PageCache

_CONTEXT = "MemberTable"
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()  # the invisible root, as the default parent argument

COL_NAME, COL_GENDER, COL_BIRTH, COL_CELL, COL_STATUS, COL_CARD, COL_ADMISSION, COL_OFFICIAL = (
    range(8)
)
SORTABLE_COLUMNS = {
    COL_NAME: MemberSort.NAME,
    COL_BIRTH: MemberSort.DATE_OF_BIRTH,
    COL_ADMISSION: MemberSort.ADMISSION_DATE,
}


def column_titles() -> list[str]:
    tr = QCoreApplication.translate
    return [
        tr(_CONTEXT, "Họ và tên"),
        tr(_CONTEXT, "Giới tính"),
        tr(_CONTEXT, "Ngày sinh"),
        tr(_CONTEXT, "Chi bộ"),
        tr(_CONTEXT, "Trạng thái"),
        tr(_CONTEXT, "Số thẻ đảng viên"),
        tr(_CONTEXT, "Ngày vào Đảng"),
        tr(_CONTEXT, "Ngày chính thức"),
    ]


def _cell_text(row: MemberRow, column: int) -> str:
    if column == COL_NAME:
        return row.full_name
    if column == COL_GENDER:
        return label(row.gender)
    if column == COL_BIRTH:
        return row.birth_text
    if column == COL_CELL:
        return row.cell_name
    if column == COL_STATUS:
        return label(row.status)
    if column == COL_CARD:
        return row.party_card_number or ""
    if column == COL_ADMISSION:
        return format_date(row.admission_date)
    if column == COL_OFFICIAL:
        return format_date(row.official_date)
    return ""


class MemberTableModel(QAbstractTableModel):
    def __init__(
        self,
        database: Database,
        query: MemberListQuery | None = None,
        page_size: int = 200,
        max_pages: int = 30,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._query = query or MemberListQuery()
        self._cache: PageCache[MemberRow] = PageCache(
            lambda offset, limit: fetch_member_rows(self._database, self._query, offset, limit), page_size, max_pages
        )
        self._titles = column_titles()
        self._count = count_members(database, self._query)

    # -- query -------------------------------------------------------------------------

    @property
    def query(self) -> MemberListQuery:
        return self._query

    def set_query(self, query: MemberListQuery) -> None:
        """Show another selection: a new COUNT, an empty cache."""
        self.beginResetModel()
        self._query = query
        self._cache.clear()
        self._count = count_members(self._database, query)
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read after a save: keep the view's place when the number of rows is unchanged."""
        count = count_members(self._database, self._query)
        if count != self._count or count == 0:
            self.set_query(self._query)
            return
        self._cache.clear()
        self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(self._titles) - 1))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = SORTABLE_COLUMNS.get(column)
        if sort is None:
            return  # only indexed columns sort: a full-table sort would be slow
        descending = order == Qt.SortOrder.DescendingOrder
        if sort is self._query.sort and descending == self._query.descending:
            return
        self.set_query(replace(self._query, sort=sort, descending=descending))

    def sort_column(self) -> int:
        for column, sort in SORTABLE_COLUMNS.items():
            if sort is self._query.sort:
                return column
        return COL_NAME

    # -- cache -------------------------------------------------------------------------

    def _row(self, row: int) -> MemberRow | None:
        return self._cache.row(row)

    def cached_row_count(self) -> int:
        return self._cache.cached_row_count()

    def member_id(self, row: int) -> int | None:
        if not 0 <= row < self._count:
            return None
        found = self._row(row)
        return found.id if found else None

    # -- model -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ForegroundRole,
            MEMBER_ID_ROLE,
        ):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(row, index.column())
        if role == MEMBER_ID_ROLE:
            return row.id
        if not row.status.is_active:
            # Members no longer on the register are shown greyed out.
            return QBrush(
                QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._titles[section] if 0 <= section < len(self._titles) else None
        return section + 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

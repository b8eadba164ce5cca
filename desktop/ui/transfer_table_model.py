"""The transfers list as a lazy table: SQL COUNT for the size, pages fetched on demand; overdue
rows in red (desktop.services.transfer_list does the filtering and the deadlines)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.transfers import TransferDirection
from desktop.services.transfer_list import (
    TransferListQuery,
    TransferRow,
    count_transfers,
    fetch_transfer_rows,
)
from desktop.transfer_texts import deadline_text, transfer_label
from desktop.ui.page_cache import PageCache

_CONTEXT = "TransferTable"
TRANSFER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOUR = QColor("#b00020")
OVERDUE_BACKGROUND = QColor("#fde7ea")

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()

(COL_LETTER, COL_DATE, COL_NAME, COL_BIRTH, COL_KIND, COL_DIRECTION, COL_FROM, COL_TO, COL_STATE,
 COL_DUE, COL_LEFT) = range(11)


def _directions() -> dict[TransferDirection, str]:
    tr = QCoreApplication.translate
    return {
        TransferDirection.OUT: tr(_CONTEXT, "Chuyển đi"),
        TransferDirection.IN: tr(_CONTEXT, "Chuyển đến"),
        TransferDirection.INTERNAL: tr(_CONTEXT, "Giữa các chi bộ"),
    }


def column_titles() -> list[str]:
    tr = QCoreApplication.translate
    return [
        tr(_CONTEXT, "Số giấy giới thiệu"), tr(_CONTEXT, "Ngày"), tr(_CONTEXT, "Họ và tên"),
        tr(_CONTEXT, "Ngày sinh"), tr(_CONTEXT, "Hình thức"), tr(_CONTEXT, "Loại"), tr(_CONTEXT, "Nơi đi"),
        tr(_CONTEXT, "Nơi đến"), tr(_CONTEXT, "Tình trạng"), tr(_CONTEXT, "Hạn"),
        tr(_CONTEXT, "Còn lại"),
    ]


def _text(row: TransferRow, column: int) -> str:
    if column == COL_LETTER:
        return row.letter_number or ""
    if column == COL_DATE:
        return format_date(row.letter_date)
    if column == COL_NAME:
        return row.member_name
    if column == COL_BIRTH:
        return row.birth_text
    if column == COL_KIND:
        return transfer_label(row.kind)
    if column == COL_DIRECTION:
        return _directions()[row.direction]
    if column == COL_FROM:
        return row.from_name
    if column == COL_TO:
        return row.to_name
    if column == COL_STATE:
        return transfer_label(row.state)
    if column == COL_DUE:
        return format_date(row.due)
    if column == COL_LEFT:
        return deadline_text(row.days_left)
    return ""


class TransferTableModel(QAbstractTableModel):
    def __init__(self, database: Database, query: TransferListQuery | None = None, page_size: int = 200,
                 max_pages: int = 20, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._query = query or TransferListQuery()
        self._cache: PageCache[TransferRow] = PageCache(
            lambda offset, limit: fetch_transfer_rows(self._database, self._query, offset, limit), page_size, max_pages
        )
        self._titles = column_titles()
        self._count = count_transfers(database, self._query)

    @property
    def query(self) -> TransferListQuery:
        return self._query

    def set_query(self, query: TransferListQuery) -> None:
        self.beginResetModel()
        self._query = query
        self._cache.clear()
        self._count = count_transfers(self._database, query)
        self.endResetModel()

    def refresh(self) -> None:
        self.set_query(self._query)

    def row_at(self, row: int) -> TransferRow | None:
        if not 0 <= row < self._count:
            return None
        return self._cache.row(row)

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.BackgroundRole, TRANSFER_ID_ROLE):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(row, index.column())
        if role == TRANSFER_ID_ROLE:
            return row.id
        if not row.overdue:
            return None
        return QBrush(OVERDUE_COLOUR if role == Qt.ItemDataRole.ForegroundRole else OVERDUE_BACKGROUND)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._titles[section] if 0 <= section < len(self._titles) else None
        return section + 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

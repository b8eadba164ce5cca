"""The meetings of an organisation subtree as a lazy table: SQL COUNT for the size, pages
fetched on demand (desktop.services.meeting_records does the filtering and the scope)."""

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
from desktop.meeting_texts import meeting_label
from desktop.models.dates import format_date
from desktop.models.meetings import MeetingState
from desktop.services.meeting_records import (
    MeetingListQuery,
    MeetingRow,
    count_meetings,
    fetch_meeting_rows,
)
from desktop.ui.page_cache import PageCache

_CONTEXT = "MeetingTable"
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DRAFT_COLOUR = QColor("#7a5a00")

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()

COL_DATE, COL_ORGANIZATION, COL_KIND, COL_TOPIC, COL_ATTENDANCE, COL_STATE = range(6)


def column_titles() -> list[str]:
    tr = QCoreApplication.translate
    return [tr(_CONTEXT, "Ngày họp"), tr(_CONTEXT, "Tổ chức"), tr(_CONTEXT, "Loại cuộc họp"),
            tr(_CONTEXT, "Chủ đề, chuyên đề"), tr(_CONTEXT, "Có mặt"), tr(_CONTEXT, "Tình trạng")]


def _kind_text(row: MeetingRow) -> str:
    text = meeting_label(row.kind)
    if row.includes_thematic:
        text += QCoreApplication.translate(_CONTEXT, " (kết hợp chuyên đề)")
    return text


def _text(row: MeetingRow, column: int) -> str:
    if column == COL_DATE:
        return format_date(row.meeting_date)
    if column == COL_ORGANIZATION:
        return row.organization_name
    if column == COL_KIND:
        return _kind_text(row)
    if column == COL_TOPIC:
        return row.topic or ""
    if column == COL_ATTENDANCE:
        # Counted when the minutes are finalised; a draft shows nothing rather than a guess.
        return f"{row.present_count}/{row.expected_count}" if row.expected_count is not None else ""
    if column == COL_STATE:
        return meeting_label(row.state)
    return ""


class MeetingTableModel(QAbstractTableModel):
    def __init__(self, database: Database, query: MeetingListQuery | None = None, page_size: int = 200,
                 max_pages: int = 20, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._query = query
        self._cache: PageCache[MeetingRow] = PageCache(
            self._fetch, page_size, max_pages)
        self._titles = column_titles()
        # No query yet (no organisation chosen): an empty list.
        self._count = count_meetings(database, query) if query is not None else 0

    def _fetch(self, offset: int, limit: int) -> list[MeetingRow]:
        return fetch_meeting_rows(self._database, self._query, offset, limit) if self._query is not None else []

    @property
    def query(self) -> MeetingListQuery | None:
        return self._query

    def set_query(self, query: MeetingListQuery) -> None:
        count = count_meetings(self._database, query)  # a refusal leaves the list as it was
        self.beginResetModel()
        self._query = query
        self._cache.clear()
        self._count = count
        self.endResetModel()

    def refresh(self) -> None:
        if self._query is not None:
            self.set_query(self._query)

    def row_at(self, row: int) -> MeetingRow | None:
        if not 0 <= row < self._count:
            return None
        return self._cache.row(row)

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                                               Qt.ItemDataRole.TextAlignmentRole, MEETING_ID_ROLE):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(row, index.column())
        if role == MEETING_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if index.column() == COL_ATTENDANCE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return QBrush(DRAFT_COLOUR) if row.state is MeetingState.DRAFT else None

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

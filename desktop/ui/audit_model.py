"""The audit trail as a lazy table: newest first, one SQL page at a time as the view scrolls.

`canFetchMore` / `fetchMore` ask the service for the next `page_size` entries older than the
last one shown (keyset paging on the id, cheap however long the trail is). Only the entries
scrolled to are held, with their display texts computed once per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.audit_texts import action_label, changes_summary, record_text
from desktop.db.database import Database
from desktop.services.audit import AuditQuery, AuditRow, fetch_audit_page

_CONTEXT = "AuditTable"
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()

COL_TIME, COL_USER, COL_ACTION, COL_RECORD, COL_CHANGES = range(5)


def column_titles() -> list[str]:
    tr = QCoreApplication.translate
    return [
        tr(_CONTEXT, "Thời điểm"),
        tr(_CONTEXT, "Người thực hiện"),
        tr(_CONTEXT, "Thao tác"),
        tr(_CONTEXT, "Bản ghi"),
        tr(_CONTEXT, "Nội dung"),
    ]


@dataclass(frozen=True)
class _Shown:
    row: AuditRow
    texts: tuple[str, ...]


def _shown(row: AuditRow) -> _Shown:
    return _Shown(row, (
        row.local_at.strftime("%d/%m/%Y %H:%M:%S"),
        row.username,
        action_label(row.action),
        record_text(row.record_type, row.record_id),
        changes_summary(row.action, row.record_type, row.change_map()),
    ))


class AuditTableModel(QAbstractTableModel):
    def __init__(
        self, database: Database, query: AuditQuery | None = None, page_size: int = 200,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._query = query or AuditQuery()
        self.page_size = page_size
        self._titles = column_titles()
        self._rows: list[_Shown] = []
        self._exhausted = False
        self._load_first_page()

    @property
    def query(self) -> AuditQuery:
        return self._query

    def set_query(self, query: AuditQuery) -> None:
        self.beginResetModel()
        self._query = query
        self._load_first_page()
        self.endResetModel()

    def refresh(self) -> None:
        """Start again from the newest entry (after an export or a check added one)."""
        self.set_query(self._query)

    def _load_first_page(self) -> None:
        page = fetch_audit_page(self._database, self._query, None, self.page_size)
        self._rows = [_shown(row) for row in page]
        self._exhausted = len(page) < self.page_size

    def entry(self, row: int) -> AuditRow | None:
        return self._rows[row].row if 0 <= row < len(self._rows) else None

    # -- model -------------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = _NO_PARENT) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = _NO_PARENT) -> None:
        if parent.isValid() or self._exhausted:
            return
        before = self._rows[-1].row.id if self._rows else None
        page = fetch_audit_page(self._database, self._query, before, self.page_size)
        self._exhausted = len(page) < self.page_size
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(_shown(row) for row in page)
        self.endInsertRows()

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        shown = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown.texts[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_CHANGES:
            return shown.texts[COL_CHANGES]
        if role == ENTRY_ID_ROLE:
            return shown.row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._titles[section] if 0 <= section < len(self._titles) else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

"""A long list as a lazy read-only table: SQL COUNT for the size, pages fetched on demand
through a PageCache. Subclasses say how to count and fetch for a query and what a row shows;
`row_table_view` is the table every such list sits in (whole rows, one at a time)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.ui.page_cache import PageCache

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole,
          Qt.ItemDataRole.TextAlignmentRole, ROW_ID_ROLE)


class PagedTableModel(QAbstractTableModel):
    def __init__(self, titles: list[str], query: Any = None, page_size: int = 200, max_pages: int = 20,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._titles = titles
        self._query = query
        self._cache: PageCache[Any] = PageCache(self._fetch, page_size, max_pages)
        # No query yet (nothing chosen): an empty list.
        self._count = self.count_rows(query) if query is not None else 0

    # -- what subclasses provide ----------------------------------------------------------

    def count_rows(self, query: Any) -> int:
        raise NotImplementedError

    def fetch_rows(self, query: Any, offset: int, limit: int) -> list[Any]:
        raise NotImplementedError

    def cell_text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def cell_brush(self, row: Any, column: int, background: bool) -> QBrush | None:
        """The colour of a cell's text (or background): None keeps the view's."""
        return None

    def cell_alignment(self, row: Any, column: int) -> Qt.AlignmentFlag | None:
        return None

    # -- the list -------------------------------------------------------------------------

    def _fetch(self, offset: int, limit: int) -> list[Any]:
        return self.fetch_rows(self._query, offset, limit) if self._query is not None else []

    @property
    def query(self) -> Any:
        return self._query

    def set_query(self, query: Any) -> None:
        count = self.count_rows(query)  # a refusal leaves the list as it was
        self.beginResetModel()
        self._query = query
        self._cache.clear()
        self._count = count
        self.endResetModel()

    def refresh(self) -> None:
        if self._query is not None:
            self.set_query(self._query)

    def row_at(self, row: int) -> Any:
        return self._cache.row(row) if 0 <= row < self._count else None

    # -- Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in _ROLES:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, index.column())
        if role == ROW_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            alignment = self.cell_alignment(row, index.column())
            return int(alignment) if alignment is not None else None
        return self.cell_brush(row, index.column(), role == Qt.ItemDataRole.BackgroundRole)

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


def row_table_view(model: QAbstractTableModel, parent: QWidget | None = None,
                   widths: dict[int, int] | None = None) -> QTableView:
    """A list of records: whole rows selected one at a time, one line a row, the last column
    stretched; `widths`: column → pixels."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in (widths or {}).items():
        table.setColumnWidth(column, width)
    return table

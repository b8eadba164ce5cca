"""The case list and the letter registry as lazy tables: SQL COUNT for the size, pages fetched
on demand (desktop.ui.page_cache); overdue rows in red. Filtering, deadlines and access are
desktop.services.inspection_list's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.db.database import Database
from desktop.inspection_texts import inspection_label
from desktop.models.dates import format_date
from desktop.services.inspection_list import (
    CaseListQuery,
    CaseRow,
    LetterListQuery,
    LetterRow,
    count_cases,
    count_letters,
    fetch_case_rows,
    fetch_letter_rows,
)
from desktop.ui.page_cache import PageCache

_CONTEXT = "InspectionTables"
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_COLOUR = QColor("#b00020")
OVERDUE_BACKGROUND = QColor("#fde7ea")

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
Row = TypeVar("Row", CaseRow, LetterRow)
Query = TypeVar("Query", CaseListQuery, LetterListQuery)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def case_columns() -> list[str]:
    return [_tr("Số hồ sơ"), _tr("Ngày mở"), _tr("Loại việc"), _tr("Đối tượng"), _tr("Nội dung"),
            _tr("Tổ chức"), _tr("Tình trạng"), _tr("Hạn bước tiếp theo")]


def case_cells(row: CaseRow) -> Sequence[str]:
    subject = row.subject + (f" (+{row.subject_count - 1})" if row.subject_count > 1 else "")
    due = format_date(row.next_due) if row.next_due else ""
    return (row.number, format_date(row.opened_on), inspection_label(row.kind), subject, row.title,
            row.organization_name, inspection_label(row.state), due + (_tr(" (quá hạn)") if row.overdue else ""))


def letter_columns() -> list[str]:
    return [_tr("Số đơn"), _tr("Ngày nhận"), _tr("Loại đơn"), _tr("Người, tổ chức bị phản ánh"),
            _tr("Tóm tắt nội dung"), _tr("Tình trạng"), _tr("Hạn giải quyết")]


def letter_cells(row: LetterRow) -> Sequence[str]:
    kind = inspection_label(row.kind) + (_tr(" (nặc danh)") if row.is_anonymous else "")
    due = format_date(row.deadline) if row.deadline else ""
    return (row.number, format_date(row.received_on), kind, row.concerned, row.summary.splitlines()[0][:120],
            inspection_label(row.status), due + (_tr(" (quá hạn)") if row.overdue else ""))


class _LazyTable(QAbstractTableModel, Generic[Row, Query]):
    def __init__(self, database: Database, query: Query, count: Callable[[Database, Query], int],
                 fetch: Callable[[Database, Query, int, int], list[Row]], titles: list[str],
                 cells: Callable[[Row], Sequence[str]], page_size: int = 200, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._query = query
        self._count_rows = count
        self._cells = cells
        self._titles = titles
        self._cache: PageCache[Row] = PageCache(
            lambda offset, limit: fetch(self._database, self._query, offset, limit), page_size, 20)
        self._count = count(database, query)

    @property
    def query(self) -> Query:
        return self._query

    def set_query(self, query: Query) -> None:
        self.beginResetModel()
        self._query = query
        self._cache.clear()
        self._count = self._count_rows(self._database, query)
        self.endResetModel()

    def refresh(self) -> None:
        self.set_query(self._query)

    def row_at(self, row: int) -> Row | None:
        return self._cache.row(row) if 0 <= row < self._count else None

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                                               Qt.ItemDataRole.BackgroundRole, RECORD_ID_ROLE):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(row)[index.column()]
        if role == RECORD_ID_ROLE:
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


class CaseTableModel(_LazyTable[CaseRow, CaseListQuery]):
    def __init__(self, database: Database, query: CaseListQuery | None = None, parent: Any = None) -> None:
        super().__init__(database, query or CaseListQuery(), lambda db, q: count_cases(db, q),
                         lambda db, q, offset, limit: fetch_case_rows(db, q, offset, limit),
                         case_columns(), case_cells, parent=parent)


class LetterTableModel(_LazyTable[LetterRow, LetterListQuery]):
    def __init__(self, database: Database, query: LetterListQuery | None = None, parent: Any = None) -> None:
        super().__init__(database, query or LetterListQuery(), lambda db, q: count_letters(db, q),
                         lambda db, q, offset, limit: fetch_letter_rows(db, q, offset, limit),
                         letter_columns(), letter_cells, parent=parent)

"""Table models of the rating window: the campaign's progress per organisation, a cell's grid
of proposals (lazy, typed by keyboard: X, T, H, K for the four ratings) and the committee's
list of proposals to decide (lazy, the decided rating editable)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.evaluation_texts import evaluation_labels, rating_short_labels
from desktop.models.dates import format_date
from desktop.models.evaluations import EvaluationState, Rating
from desktop.services.evaluation_campaign import Progress, ProgressRow
from desktop.services.evaluation_list import EvaluationRow
from desktop.ui.page_cache import PageCache

_CONTEXT = "EvaluationsWindow"
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
PAGE = 100
_OVER = QBrush(QColor(180, 30, 30))


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# Keys typed in a rating cell: the initials of the Vietnamese names, or 1-4 best first.
_KEYS = {"x": Rating.EXCELLENT, "1": Rating.EXCELLENT, "t": Rating.GOOD, "2": Rating.GOOD,
         "h": Rating.PASS, "3": Rating.PASS, "k": Rating.FAIL, "4": Rating.FAIL}


def parse_rating(text: str) -> Rating | None | bool:
    """A typed rating; None for an empty cell; False when not understood."""
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    if cleaned in _KEYS:
        return _KEYS[cleaned]
    for rating, short in rating_short_labels().items():
        if cleaned in (short.lower(), evaluation_labels()[rating].lower()):
            return rating
    return False


def rating_text(rating: Rating | None) -> str:
    return rating_short_labels()[rating] if rating is not None else ""


class ProgressModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ProgressRow] = []
        self.total: ProgressRow | None = None
        self._states = list(EvaluationState)

    def set_progress(self, progress: Progress | None) -> None:
        self.beginResetModel()
        self.rows = list(progress.rows) if progress else []
        self.total = progress.total if progress else None
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows) + (1 if self.total else 0)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._states) + 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        titles = [_tr("Tổ chức"), _tr("Đảng viên"), _tr("Chưa kiểm điểm"), _tr("Tự kiểm điểm"), _tr("Đã đề xuất"),
                  _tr("Đã quyết định"), _tr("Đã thông báo"), _tr("Tổ chức đảng đã quyết định")]
        return titles[section]

    def row_at(self, row: int) -> ProgressRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()] if index.row() < len(self.rows) else self.total
        assert row is not None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return Qt.AlignmentFlag.AlignCenter
        if role != _DISPLAY:
            return None
        if column == 0:
            return _tr("Tổng cộng") if row is self.total else row.name
        if column == 1:
            return str(row.member_total)
        if column - 2 < len(self._states):
            return str(row.members.get(self._states[column - 2], 0))
        decided = row.organizations.get(EvaluationState.DECIDED, 0) + row.organizations.get(EvaluationState.NOTIFIED, 0)
        return f"{decided}/{row.organization_total}"


class _LazyEvaluations(QAbstractTableModel):
    """Rows read a page at a time through `fetch(offset, limit)`; `count()` says how many."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._count: Callable[[], int] = lambda: 0
        self._cache: PageCache[EvaluationRow] = PageCache(lambda offset, limit: [], PAGE, 8)
        self._total = 0
        self._shown = 0

    def load(self, count: Callable[[], int], fetch: Callable[[int, int], list[EvaluationRow]]) -> None:
        self.beginResetModel()
        self._count = count
        self._cache = PageCache(fetch, PAGE, 8)
        self._total = count()
        self._shown = min(self._total, PAGE)
        self._reset_edits()
        self.endResetModel()

    def _reset_edits(self) -> None:
        pass

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        more = min(PAGE, self._total - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> EvaluationRow | None:
        return self._cache.row(row) if 0 <= row < self._shown else None


class CellGridModel(_LazyEvaluations):
    """A cell's members: the self-rating and the proposal with its vote, typed in place."""

    NAME, BORN, STEP, SELF, PROPOSED, VOTES_FOR, VOTES_CAST, NOTE, OUTSIDE = range(9)
    _EDITABLE = (SELF, PROPOSED, VOTES_FOR, VOTES_CAST, OUTSIDE)

    def _reset_edits(self) -> None:
        self.edits: dict[int, dict[int, Any]] = {}  # evaluation id → column → value
        self.refused: str = ""

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        return [_tr("Họ và tên"), _tr("Ngày sinh"), _tr("Bước"), _tr("Tự xếp loại"), _tr("Chi bộ đề xuất"),
                _tr("Tán thành"), _tr("Biểu quyết"), _tr("Ghi chú"), _tr("Nhận xét nơi sinh hoạt trước")][section]

    def _editable_row(self, row: EvaluationRow) -> bool:
        return row.state.order <= EvaluationState.PROPOSED.order

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        row = self.row_at(index.row())
        if row is None or index.column() not in self._EDITABLE or not self._editable_row(row):
            return flags
        if index.column() == self.OUTSIDE and row.moved_in_on is None:
            return flags
        if index.column() == self.SELF and row.state is not EvaluationState.PLANNED:
            return flags
        return flags | Qt.ItemFlag.ItemIsEditable

    def value(self, row: EvaluationRow, column: int) -> Any:
        edited = self.edits.get(row.id, {})
        if column in edited:
            return edited[column]
        return {self.SELF: row.self_rating, self.PROPOSED: row.proposed_rating, self.VOTES_FOR: row.votes_for,
                self.VOTES_CAST: row.votes_cast, self.OUTSIDE: row.outside_comment}.get(column)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole and column == self.PROPOSED:
            proposed = self.value(row, column)
            if isinstance(proposed, Rating) and proposed.rank > row.ceiling.rating.rank:
                return _OVER
        if role == Qt.ItemDataRole.BackgroundRole and row.id in self.edits:
            return QBrush(QColor(255, 250, 220))
        if role not in (_DISPLAY, _EDIT):
            return None
        if column == self.NAME:
            return row.name
        if column == self.BORN:
            return format_date(row.date_of_birth, row.dob_precision)
        if column == self.STEP:
            return evaluation_labels()[row.state]
        if column in (self.SELF, self.PROPOSED):
            return rating_text(self.value(row, column))
        if column in (self.VOTES_FOR, self.VOTES_CAST):
            value = self.value(row, column)
            return "" if value is None else str(value)
        if column == self.NOTE:
            return self._note(row)
        return self.value(row, column) or ""

    def _note(self, row: EvaluationRow) -> str:
        notes = []
        if row.probationary:
            notes.append(_tr("Dự bị"))
        if row.ceiling.rating is Rating.FAIL and row.ceiling.reason == "DISCIPLINED":
            notes.append(_tr("Bị kỷ luật trong năm: tối đa “Không hoàn thành nhiệm vụ”"))
        if row.moved_in_on is not None:
            notes.append(_tr("Chuyển đến ngày {date}").format(date=format_date(row.moved_in_on)))
        return "; ".join(notes)

    def setData(self, index: _Index, value: Any, role: int = _EDIT) -> bool:
        row = self.row_at(index.row())
        if row is None or role != _EDIT or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        column = index.column()
        text = str(value or "")
        parsed: Any
        if column in (self.SELF, self.PROPOSED):
            parsed = parse_rating(text)
            if parsed is False:
                self.refused = _tr("Gõ X (xuất sắc), T (tốt), H (hoàn thành) hoặc K (không hoàn thành).")
                return False
        elif column in (self.VOTES_FOR, self.VOTES_CAST):
            if text.strip() and not text.strip().isdigit():
                self.refused = _tr("Số phiếu là một số nguyên.")
                return False
            parsed = int(text) if text.strip() else None
        else:
            parsed = text
        self.refused = ""
        self.edits.setdefault(row.id, {})[column] = parsed
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True

    def edited_rows(self) -> list[EvaluationRow]:
        rows = []
        for number in range(self._shown):
            row = self.row_at(number)
            if row is not None and row.id in self.edits:
                rows.append(row)
        return rows


class DecisionModel(_LazyEvaluations):
    """The proposals of a quota scope; the decided rating starts as proposed and may be changed."""

    NAME, CELL, PROPOSED, DECIDED, NOTE = range(5)

    def _reset_edits(self) -> None:
        self.overrides: dict[int, Rating] = {}
        self.refused = ""

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        return [_tr("Họ và tên"), _tr("Chi bộ"), _tr("Chi bộ đề xuất"), _tr("Quyết định"), _tr("Ghi chú")][section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.DECIDED else flags

    def decided(self, row: EvaluationRow) -> Rating | None:
        return self.overrides.get(row.id, row.proposed_rating)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or role not in (_DISPLAY, _EDIT):
            return None
        column = index.column()
        if column == self.NAME:
            return row.name
        if column == self.CELL:
            return row.organization_name
        if column == self.PROPOSED:
            return rating_text(row.proposed_rating)
        if column == self.DECIDED:
            return rating_text(self.decided(row))
        votes = f"{row.votes_for}/{row.votes_cast}" if row.votes_cast else ""
        return _tr("Tán thành {votes}").format(votes=votes) if votes else ""

    def setData(self, index: _Index, value: Any, role: int = _EDIT) -> bool:
        row = self.row_at(index.row())
        if row is None or role != _EDIT or index.column() != self.DECIDED:
            return False
        parsed = parse_rating(str(value or ""))
        if not isinstance(parsed, Rating):
            self.refused = _tr("Gõ X (xuất sắc), T (tốt), H (hoàn thành) hoặc K (không hoàn thành).")
            return False
        self.refused = ""
        self.overrides[row.id] = parsed
        self.dataChanged.emit(index, index)
        return True

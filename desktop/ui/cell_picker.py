"""Choosing a cell by typing part of its name or code (5,529 cells: no combo box)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from desktop.db.database import Database
from desktop.services.organizations import CellChoice, find_cells, get_cell_choice

_CONTEXT = "CellPicker"
CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUGGESTIONS = 30


def choice_text(choice: CellChoice) -> str:
    if choice.parent_name:
        return f"{choice.name} — {choice.parent_name}"
    return choice.name


class CellPicker(QLineEdit):
    """A line edit whose suggestions come from `find_cells`; `cell_id()` is the chosen cell."""

    chosen = Signal(int)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._cell_id: int | None = None
        self._chosen_text = ""
        self.setPlaceholderText(
            QCoreApplication.translate(
                _CONTEXT, "Gõ vài chữ của tên hoặc mã chi bộ rồi chọn trong danh sách"
            )
        )
        self.suggestions = QStandardItemModel(self)
        self._completer = QCompleter(self.suggestions, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated[QModelIndex].connect(self._on_activated)
        self.setCompleter(self._completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(self._on_edited)

    def cell_id(self) -> int | None:
        return self._cell_id

    def has_unchosen_text(self) -> bool:
        """Text was typed but no suggestion picked: the form cannot tell which cell is meant."""
        return bool(self.text().strip()) and self._cell_id is None

    def set_cell(self, choice: CellChoice | None) -> None:
        self._cell_id = choice.id if choice else None
        self._chosen_text = choice_text(choice) if choice else ""
        self.setText(self._chosen_text)

    def set_cell_id(self, cell_id: int | None) -> None:
        self.set_cell(get_cell_choice(self._database, cell_id) if cell_id is not None else None)

    def _on_edited(self, text: str) -> None:
        if text != self._chosen_text:
            self._cell_id = None
        self._timer.start()

    def search_now(self) -> None:
        """Replace the suggestions with the cells matching the typed text and show them."""
        text = self.text().strip()
        self.suggestions.clear()
        if not text:
            self._completer.popup().hide()
            return
        for choice in find_cells(self._database, text, SUGGESTIONS):
            item = QStandardItem(choice_text(choice))
            item.setData(choice.id, CELL_ID_ROLE)
            item.setToolTip(f"{choice.code} · {choice_text(choice)}")
            item.setEditable(False)
            self.suggestions.appendRow(item)
        if self.suggestions.rowCount() and self.hasFocus():
            self._completer.complete()

    def choose_row(self, row: int) -> None:
        """Pick one of the current suggestions (as clicking it does)."""
        item = self.suggestions.item(row)
        if item is not None:
            self._choose(int(item.data(CELL_ID_ROLE)), item.text())

    def _on_activated(self, index: QModelIndex) -> None:
        cell_id = index.data(CELL_ID_ROLE)
        if cell_id is not None:
            self._choose(int(cell_id), str(index.data(Qt.ItemDataRole.DisplayRole)))

    def _choose(self, cell_id: int, text: str) -> None:
        self._cell_id = cell_id
        self._chosen_text = text
        self.setText(text)
        self.chosen.emit(cell_id)

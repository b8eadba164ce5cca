"""A line edit that looks records up as the user types and remembers the one picked."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Suggestion:
    """One line of the list; `text` is also what the edit shows once the line is chosen."""

    id: int
    text: str
    tooltip: str = ""
    name: str = ""  # the record's bare name, where `text` adds more to tell records apart


class SearchPicker(QLineEdit):
    """Suggestions from `find` in a popup, refreshed a moment after the typing stops.

    Subclasses implement `find` (and `can_search` when searching needs more than text) and set
    `DEBOUNCE_MS` (the pause after a keystroke before searching) and `SUGGESTIONS` (how many).
    """

    DEBOUNCE_MS = 200
    SUGGESTIONS = 30

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choice: Suggestion | None = None
        self.suggestions = QStandardItemModel(self)
        self._completer = QCompleter(self.suggestions, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated[QModelIndex].connect(self._on_activated)
        self.setCompleter(self._completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(self._on_edited)

    def find(self, text: str) -> list[Suggestion]:
        """The records matching the typed (stripped, non-empty) text, at most `SUGGESTIONS`."""
        raise NotImplementedError

    def can_search(self) -> bool:
        """False hides the suggestions whatever is typed (nothing to search in yet)."""
        return True

    def choice(self) -> Suggestion | None:
        return self._choice

    def chosen_id(self) -> int | None:
        return self._choice.id if self._choice else None

    def has_unchosen_text(self) -> bool:
        """Text was typed but no suggestion picked: the form cannot tell which record is meant."""
        return bool(self.text().strip()) and self._choice is None

    def set_choice(self, choice: Suggestion | None) -> None:
        """Show `choice` as chosen (without emitting `chosen`), or empty the edit for None."""
        self._choice = choice
        self.setText(choice.text if choice else "")

    def _on_edited(self, text: str) -> None:
        if self._choice is not None and text != self._choice.text:
            self._choice = None
        self._timer.start()

    def search_now(self) -> None:
        """Replace the suggestions with the records matching the typed text and show them."""
        text = self.text().strip()
        self.suggestions.clear()
        if not text or not self.can_search():
            self._completer.popup().hide()
            return
        for suggestion in self.find(text):
            item = QStandardItem(suggestion.text)
            item.setData(suggestion, SUGGESTION_ROLE)
            if suggestion.tooltip:
                item.setToolTip(suggestion.tooltip)
            item.setEditable(False)
            self.suggestions.appendRow(item)
        if self.suggestions.rowCount() and self.hasFocus():
            self._completer.complete()

    def choose_row(self, row: int) -> None:
        """Pick one of the current suggestions (as clicking it does)."""
        item = self.suggestions.item(row)
        if item is not None:
            self._on_activated(item.index())

    def _on_activated(self, index: QModelIndex) -> None:
        choice = index.data(SUGGESTION_ROLE)
        if isinstance(choice, Suggestion):
            self.set_choice(choice)
            self.chosen.emit(choice.id)

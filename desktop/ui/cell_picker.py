"""Choosing a cell by typing part of its name or code (5,529 cells: no combo box)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.db.database import Database
from desktop.services.organizations import CellChoice, find_cells, get_cell_choice
from desktop.ui.search_picker import SearchPicker, Suggestion

_CONTEXT = "CellPicker"


def choice_text(choice: CellChoice) -> str:
    if choice.parent_name:
        return f"{choice.name} — {choice.parent_name}"
    return choice.name


def _suggestion(choice: CellChoice) -> Suggestion:
    text = choice_text(choice)
    return Suggestion(choice.id, text, tooltip=f"{choice.code} · {text}")


class CellPicker(SearchPicker):
    """A line edit whose suggestions come from `find_cells`; `cell_id()` is the chosen cell."""

    DEBOUNCE_MS = 200

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.setPlaceholderText(
            QCoreApplication.translate(
                _CONTEXT, "Gõ vài chữ của tên hoặc mã chi bộ rồi chọn trong danh sách"
            )
        )

    def cell_id(self) -> int | None:
        return self.chosen_id()

    def set_cell(self, choice: CellChoice | None) -> None:
        self.set_choice(_suggestion(choice) if choice else None)

    def set_cell_id(self, cell_id: int | None) -> None:
        self.set_cell(get_cell_choice(self._database, cell_id) if cell_id is not None else None)

    def find(self, text: str) -> list[Suggestion]:
        return [
            _suggestion(choice) for choice in find_cells(self._database, text, self.SUGGESTIONS)
        ]

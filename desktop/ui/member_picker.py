"""Choosing one member of an organisation by typing part of the name (or card, citizen ID)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.db.database import Database
from desktop.services.errors import RecordNotFound
from desktop.services.members import MemberListQuery, fetch_member_rows, get_member_row
from desktop.ui.search_picker import SearchPicker, Suggestion

_CONTEXT = "MemberPicker"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def member_text(full_name: str, birth: str, cell_name: str) -> str:
    return _tr("{name} — sinh {birth} — {cell}").format(name=full_name, birth=birth, cell=cell_name)


class MemberPicker(SearchPicker):
    """Suggestions are the members of the organisation set with `set_organization`."""

    DEBOUNCE_MS = 250

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._organization_id: int | None = None
        self.setPlaceholderText(_tr("Gõ họ tên (không dấu cũng được)"))
        self.setClearButtonEnabled(True)

    def member_id(self) -> int | None:
        return self.chosen_id()

    def member_name(self) -> str:
        choice = self.choice()
        return choice.name if choice else ""

    def set_organization(self, organization_id: int | None) -> None:
        self._organization_id = organization_id
        self.suggestions.clear()

    def set_member_id(self, member_id: int | None) -> None:
        if member_id is None:
            self.set_choice(None)
            return
        # A line of the register, not the member's file: preselecting is not an access to log.
        try:
            row = get_member_row(self._database, member_id)
        except RecordNotFound:
            self.set_choice(None)
            return
        text = member_text(row.full_name, row.birth_text, row.cell_name)
        self.set_choice(Suggestion(member_id, text, name=row.full_name))

    def set_choice(self, choice: Suggestion | None) -> None:
        super().set_choice(choice)
        self.setCursorPosition(0)  # the name, not the end of the line

    def can_search(self) -> bool:
        return self._organization_id is not None

    def find(self, text: str) -> list[Suggestion]:
        query = MemberListQuery(organization_id=self._organization_id, search_text=text)
        return [
            Suggestion(
                row.id,
                member_text(row.full_name, row.birth_text, row.cell_name),
                name=row.full_name,
            )
            for row in fetch_member_rows(self._database, query, 0, self.SUGGESTIONS)
        ]

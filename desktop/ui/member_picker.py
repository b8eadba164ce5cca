"""Choosing one member of an organisation by typing part of the name (or card, citizen ID)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.services.errors import RecordNotFound
from desktop.services.members import MemberListQuery, MemberRow, fetch_member_rows, get_member

_CONTEXT = "MemberPicker"
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MEMBER_NAME_ROLE = Qt.ItemDataRole.UserRole + 2
SUGGESTIONS = 30


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def member_text(full_name: str, birth: str, cell_name: str) -> str:
    return _tr("{name} — sinh {birth} — {cell}").format(name=full_name, birth=birth, cell=cell_name)


class MemberPicker(QLineEdit):
    """Suggestions are the members of the organisation set with `set_organization`."""

    chosen = Signal(int)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._organization_id: int | None = None
        self._member_id: int | None = None
        self._member_name = ""
        self._chosen_text = ""
        self.setPlaceholderText(_tr("Gõ họ tên (không dấu cũng được)"))
        self.setClearButtonEnabled(True)
        self.suggestions = QStandardItemModel(self)
        self._completer = QCompleter(self.suggestions, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated[QModelIndex].connect(self._on_activated)
        self.setCompleter(self._completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(self._on_edited)

    def member_id(self) -> int | None:
        return self._member_id

    def member_name(self) -> str:
        return self._member_name

    def has_unchosen_text(self) -> bool:
        return bool(self.text().strip()) and self._member_id is None

    def set_organization(self, organization_id: int | None) -> None:
        self._organization_id = organization_id
        self.suggestions.clear()

    def set_member_id(self, member_id: int | None) -> None:
        if member_id is None:
            self._set(None, "", "")
            return
        try:
            record = get_member(self._database, member_id)
        except RecordNotFound:
            self._set(None, "", "")
            return
        draft = record.draft
        birth = format_date(draft.date_of_birth, draft.dob_precision)
        self._set(member_id, draft.full_name, member_text(draft.full_name, birth, record.cell_name))

    def _set(self, member_id: int | None, name: str, text: str) -> None:
        self._member_id = member_id
        self._member_name = name
        self._chosen_text = text
        self.setText(text)
        self.setCursorPosition(0)

    def _on_edited(self, text: str) -> None:
        if text != self._chosen_text:
            self._member_id = None
            self._member_name = ""
        self._timer.start()

    def search_now(self) -> None:
        """Replace the suggestions with the organisation's members matching the typed text."""
        text = self.text().strip()
        self.suggestions.clear()
        if not text or self._organization_id is None:
            self._completer.popup().hide()
            return
        query = MemberListQuery(organization_id=self._organization_id, search_text=text)
        for row in fetch_member_rows(self._database, query, 0, SUGGESTIONS):
            self.suggestions.appendRow(self._item(row))
        if self.suggestions.rowCount() and self.hasFocus():
            self._completer.complete()

    @staticmethod
    def _item(row: MemberRow) -> QStandardItem:
        item = QStandardItem(member_text(row.full_name, row.birth_text, row.cell_name))
        item.setData(row.id, MEMBER_ID_ROLE)
        item.setData(row.full_name, MEMBER_NAME_ROLE)
        item.setEditable(False)
        return item

    def choose_row(self, row: int) -> None:
        """Pick one of the current suggestions (as clicking it does)."""
        item = self.suggestions.item(row)
        if item is not None:
            self._choose(item.index())

    def _on_activated(self, index: QModelIndex) -> None:
        self._choose(index)

    def _choose(self, index: QModelIndex) -> None:
        member_id = index.data(MEMBER_ID_ROLE)
        if member_id is None:
            return
        self._set(
            int(member_id),
            str(index.data(MEMBER_NAME_ROLE)),
            str(index.data(Qt.ItemDataRole.DisplayRole)),
        )
        self.chosen.emit(int(member_id))

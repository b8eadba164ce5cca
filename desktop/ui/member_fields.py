"""Field editors, one per draft field, each with its red message line.

The member form and the organisation form share them: a field reads and writes the draft
attribute of its name (MemberDraft, OrganizationDraft).
"""

from __future__ import annotations

import abc
import enum
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.models.enums import DatePrecision
from desktop.texts import label
from desktop.ui.cell_picker import CellPicker
from desktop.ui.widgets import DateLineEdit, ErrorLabel

_CONTEXT = "MemberForm"


class Field(abc.ABC):
    """One field of the form: its editor, the red line under it and the tab it is on."""

    def __init__(self, name: str, editor: QWidget) -> None:
        self.name = name
        self.editor = editor
        self.error = ErrorLabel()
        self.page = -1
        self.container = QWidget()
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(self.error)

    @abc.abstractmethod
    def load(self, draft: Any) -> None:
        """Show the draft's value."""

    @abc.abstractmethod
    def store(self, values: dict[str, Any]) -> None:
        """Put this field's value(s) into `values` (the draft's keyword arguments)."""

    @abc.abstractmethod
    def snapshot(self) -> object:
        """What the user sees, to tell whether anything was changed."""

    def input_problem(self) -> str | None:
        """A message when the text cannot even be read (a malformed date); rules are the service's."""
        return None

    def set_read_only(self) -> None:
        """Shown, selectable, not editable (a role that only reads the register)."""
        set_read_only = getattr(self.editor, "setReadOnly", None)
        if set_read_only is not None:
            set_read_only(True)
        else:
            self.editor.setEnabled(False)


class TextField(Field):
    editor: QLineEdit

    def __init__(self, name: str, max_length: int) -> None:
        editor = QLineEdit()
        editor.setMaxLength(max_length)
        super().__init__(name, editor)

    def load(self, draft: Any) -> None:
        self.editor.setText(getattr(draft, self.name) or "")
        self.editor.setCursorPosition(0)  # a long address shows its beginning

    def store(self, values: dict[str, Any]) -> None:
        values[self.name] = self.editor.text()

    def snapshot(self) -> object:
        return self.editor.text()


class NotesField(Field):
    editor: QPlainTextEdit

    def __init__(self, name: str) -> None:
        editor = QPlainTextEdit()
        editor.setTabChangesFocus(True)
        super().__init__(name, editor)

    def load(self, draft: Any) -> None:
        self.editor.setPlainText(getattr(draft, self.name) or "")

    def store(self, values: dict[str, Any]) -> None:
        values[self.name] = self.editor.toPlainText()

    def snapshot(self) -> object:
        return self.editor.toPlainText()


class DateField(Field):
    editor: DateLineEdit

    def __init__(self, name: str, partial: bool = False) -> None:
        super().__init__(name, DateLineEdit(partial=partial))
        self.editor.setMaximumWidth(self.editor.fontMetrics().averageCharWidth() * 34)
        self.editor.editingFinished.connect(self._check)

    def _check(self) -> None:
        self.error.show_message(self.input_problem())

    def load(self, draft: Any) -> None:
        self.editor.set_value(getattr(draft, self.name))

    def store(self, values: dict[str, Any]) -> None:
        values[self.name] = self.editor.date()

    def snapshot(self) -> object:
        return self.editor.text()

    def input_problem(self) -> str | None:
        return self.editor.parse_problem()


class BirthDateField(DateField):
    """Date of birth: a full date, or only month/year or year, kept with its precision."""

    def __init__(self) -> None:
        super().__init__("date_of_birth", partial=True)

    def load(self, draft: Any) -> None:
        self.editor.set_value(draft.date_of_birth, draft.dob_precision)

    def store(self, values: dict[str, Any]) -> None:
        value, precision = self.editor.value()
        values["date_of_birth"] = value
        values["dob_precision"] = precision if value is not None else DatePrecision.DAY


class EnumField(Field):
    editor: QComboBox

    def __init__(
        self,
        name: str,
        enum_type: type[enum.Enum],
        optional: bool = False,
        values: Iterable[enum.Enum] | None = None,
    ) -> None:
        combo = QComboBox()
        self._optional = optional
        if optional:
            combo.setPlaceholderText(QCoreApplication.translate(_CONTEXT, "— chọn —"))
        super().__init__(name, combo)
        self.set_values(enum_type if values is None else values)

    def set_values(self, values: Iterable[enum.Enum]) -> None:
        """Offer only these values (in this order); the selection is cleared."""
        self.editor.clear()
        for value in values:
            self.editor.addItem(label(value), value)
        self.editor.setCurrentIndex(-1)

    def load(self, draft: Any) -> None:
        value = getattr(draft, self.name)
        self.editor.setCurrentIndex(self.editor.findData(value) if value is not None else -1)

    def store(self, values: dict[str, Any]) -> None:
        values[self.name] = self.editor.currentData() if self.editor.currentIndex() >= 0 else None

    def snapshot(self) -> object:
        return self.editor.currentIndex()


class ChoiceField(Field):
    """A value from an official list stored as text (ethnicity, religion)."""

    editor: QComboBox

    def __init__(self, name: str, choices: Iterable[str], editable: bool = False) -> None:
        combo = QComboBox()
        combo.addItems(list(choices))
        combo.setMaxVisibleItems(15)
        # Editable: the list only suggests, any text may be typed (an open list).
        combo.setEditable(editable)
        super().__init__(name, combo)

    def load(self, draft: Any) -> None:
        value = getattr(draft, self.name)
        if self.editor.isEditable():
            self.editor.setCurrentText(value or "")
            return
        index = self.editor.findText(value)
        if index < 0 and value:
            # A value outside today's list (old data) is kept and shown, not silently replaced.
            self.editor.addItem(value)
            index = self.editor.count() - 1
        self.editor.setCurrentIndex(index)

    def store(self, values: dict[str, Any]) -> None:
        values[self.name] = self.editor.currentText()

    def snapshot(self) -> object:
        return self.editor.currentText()


class BoolField(Field):
    editor: QCheckBox

    def __init__(self, name: str, text: str) -> None:
        super().__init__(name, QCheckBox(text))

    def load(self, draft: Any) -> None:
        self.editor.setChecked(bool(getattr(draft, self.name)))

    def store(self, values: dict[str, Any]) -> None:
        values[self.name] = self.editor.isChecked()

    def snapshot(self) -> object:
        return self.editor.isChecked()


class CellField(Field):
    editor: CellPicker

    def __init__(self, picker: CellPicker) -> None:
        super().__init__("cell_id", picker)

    def load(self, draft: Any) -> None:
        self.editor.set_cell_id(draft.cell_id)

    def store(self, values: dict[str, Any]) -> None:
        values["cell_id"] = self.editor.cell_id()

    def snapshot(self) -> object:
        return (self.editor.cell_id(), self.editor.text())

    def input_problem(self) -> str | None:
        if self.editor.has_unchosen_text():
            return QCoreApplication.translate(
                _CONTEXT, "Hãy chọn một chi bộ trong danh sách gợi ý hiện ra khi gõ."
            )
        return None

"""What the dialogs that take a password share: password fields, the red line under each
field, and running the Argon2 work (about 50 ms a hash) off the GUI thread.

A password is read from its field only when the user submits, handed to the worker, and the
field is emptied as soon as the answer is back (and when the dialog closes): nothing keeps it
longer, and nothing here logs it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.tasks import Task
from desktop.ui.widgets import ErrorLabel

_CONTEXT = "Credentials"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(200)
    return edit


class FieldRow:
    """An editor with its red message line, added to a form layout under a caption."""

    def __init__(self, form: QFormLayout, caption: str, editor: QWidget) -> None:
        self.editor = editor
        self.error = ErrorLabel()
        self.container = QWidget()
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        label = QLabel(caption)
        label.setBuddy(editor)
        form.addRow(label, self.container)


class BusyDialog(QDialog):
    """A dialog whose submit runs a service call on a worker thread.

    While the call runs the inputs are disabled, the cursor shows it is busy and the dialog
    cannot be closed; `on_done(result, error)` runs on the GUI thread afterwards.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: Task | None = None
        self._password_edits: list[QLineEdit] = []
        self.general_error = ErrorLabel()

    def track_passwords(self, *edits: QLineEdit) -> None:
        self._password_edits.extend(edits)

    def clear_passwords(self) -> None:
        for edit in self._password_edits:
            edit.clear()

    def busy(self) -> bool:
        return self.task is not None

    def inputs(self) -> Sequence[QWidget]:
        """What is disabled while the work runs (the buttons and fields)."""
        return ()

    def run(self, work: Callable[[], Any], on_done: Callable[[Any, BaseException | None], None]) -> None:
        if self.task is not None:
            return
        self.general_error.show_message(None)
        disabled = [widget for widget in self.inputs() if widget.isEnabled()]
        # Disabling the default button hands "default" to another one (Enter would then press
        # Thoát): it is given back afterwards.
        default = [b for b in disabled if isinstance(b, QPushButton) and b.isDefault()]
        for widget in disabled:
            widget.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        task = Task(lambda _context: work(), self)
        self.task = task

        def finished(result: object, error: object) -> None:
            self.task = None
            task.deleteLater()
            self.unsetCursor()
            for widget in disabled:
                widget.setEnabled(True)
            for button in default:
                button.setDefault(True)
            if error is not None and not isinstance(error, Exception):
                raise error  # type: ignore[misc]  # KeyboardInterrupt, SystemExit
            on_done(result, error)  # type: ignore[arg-type]
            self.fit_height()

        task.finished.connect(finished)
        task.start()

    def fit_height(self) -> None:
        """Grow to show every red line (wrapped labels do not raise a window's minimum height)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def show_unexpected(self, error: BaseException) -> None:
        """A failure the dialog has no words for (the database went away, …)."""
        self.general_error.show_message(
            _tr("Không thực hiện được: {detail}").format(detail=type(error).__name__)
        )

    def reject(self) -> None:
        if self.busy():
            return
        super().reject()

    def done(self, result: int) -> None:
        if self.busy():
            return
        self.clear_passwords()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy():
            event.ignore()
            return
        super().closeEvent(event)

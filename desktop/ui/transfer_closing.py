"""The small dialog that ends a transfer: the day it was received, the day a temporary stay
ended, or the day and reason a letter was withdrawn. The action is the service's; its problems
show under the fields and nothing is closed until it succeeds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import ConcurrentEdit, ValidationFailed
from desktop.texts import concurrent_edit_message, permission_denied_message, problem_message
from desktop.ui.widgets import DateLineEdit, ErrorLabel, save_and_close_buttons

_CONTEXT = "TransferClosing"

ClosingAction = Callable[[dt.date | None, str | None], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class ClosingDialog(QDialog):
    def __init__(self, title: str, summary: str, date_label: str, action: ClosingAction, *,
                 with_reason: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._action = action
        self.date = DateLineEdit()
        self.date.set_value(clock.today())
        self.date_error = ErrorLabel()
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason_error = ErrorLabel()
        self.general_error = ErrorLabel()
        text = QLabel(summary)
        text.setWordWrap(True)
        form = QFormLayout()
        form.addRow(date_label, self._column(self.date, self.date_error))
        if with_reason:
            form.addRow(_tr("Lý do hủy"), self._column(self.reason, self.reason_error))
        self.save_button, close_button = save_and_close_buttons(self, _tr("Ghi (Ctrl+S)"), self.save)
        self.save_button.setText(_tr("&Ghi"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self._with_reason = with_reason

    @staticmethod
    def _column(widget: QWidget, error: ErrorLabel) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        column.addWidget(error)
        return box

    def save(self) -> None:
        for label in (self.date_error, self.reason_error, self.general_error):
            label.show_message(None)
        unreadable = self.date.parse_problem()
        if unreadable is not None:
            self.date_error.show_message(unreadable)
            return
        try:
            self._action(self.date.date(), self.reason.text() if self._with_reason else None)
        except ValidationFailed as failed:
            general = []
            for problem in failed.problems:
                if problem.field.endswith("_date"):
                    self.date_error.show_message(problem_message(problem))
                elif problem.field == "cancel_reason":
                    self.reason_error.show_message(problem_message(problem))
                else:
                    general.append(problem_message(problem))
            self.general_error.show_message("\n".join(general) or None)
            return
        except PermissionDenied:
            self.general_error.show_message(permission_denied_message())
            return
        except ConcurrentEdit:
            self.general_error.show_message(concurrent_edit_message())
            return
        self.accept()

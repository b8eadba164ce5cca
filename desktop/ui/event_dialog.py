"""Recording a decision in a member's history: recognition, removal, leaving, expulsion, death,
exemption and its end, reinstatement (domain spec §2.5). The rules are the services'; this
dialog collects the documents and shows each refusal under its field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.models.dates import format_date
from desktop.models.enums import MemberEventKind
from desktop.models.member_lifecycle import EventDraft
from desktop.services.access import PermissionDenied
from desktop.services.errors import ConcurrentEdit, ValidationFailed
from desktop.texts import concurrent_edit_message, label, permission_denied_message, problem_message
from desktop.ui import dialogs
from desktop.ui.widgets import DateLineEdit, ErrorLabel

_CONTEXT = "EventDialog"

# The decisions a clerk records from the member file; transfers have their own window.
FILE_EVENT_KINDS = (
    MemberEventKind.EXEMPTED, MemberEventKind.EXEMPTION_ENDED, MemberEventKind.REMOVED,
    MemberEventKind.LEFT_ON_REQUEST, MemberEventKind.EXPELLED, MemberEventKind.DECEASED,
    MemberEventKind.REINSTATED,
)

Submit = Callable[[EventDraft], object]


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class EventDialog(QDialog):
    """`submit(draft)` records the event (raising the services' errors); accepted once it did."""

    def __init__(
        self, title: str, member_name: str, kinds: Sequence[MemberEventKind], submit: Submit,
        fixed_date: dt.date | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._submit = submit
        self._fixed_date = fixed_date
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(label(kind), kind)
        self.effective_date = DateLineEdit()
        self.resolution_number = QLineEdit()
        self.resolution_number.setMaxLength(60)
        self.resolution_date = DateLineEdit()
        self.decision_number = QLineEdit()
        self.decision_number.setMaxLength(60)
        self.decision_number.setPlaceholderText(_tr("ví dụ 125-QĐ/ĐU"))
        self.decision_date = DateLineEdit()
        self.issuing_body = QLineEdit()
        self.issuing_body.setMaxLength(200)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().height() * 4)
        self.errors: dict[str, ErrorLabel] = {}
        self.general_error = ErrorLabel()

        form = QFormLayout()
        heading = QLabel(member_name)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        form.addRow(_tr("Đảng viên:"), heading)
        if len(kinds) > 1:
            self._row(form, _tr("&Nội dung:"), "kind", self.kind)
        else:
            self.kind.hide()
        if fixed_date is None:
            self._row(form, _tr("Ngày &hiệu lực: *"), "effective_date", self.effective_date)
        else:
            form.addRow(_tr("Ngày hiệu lực:"), QLabel(format_date(fixed_date)))
        self._row(form, _tr("Số nghị quyết chi bộ:"), "resolution_number", self.resolution_number)
        self._row(form, _tr("Ngày nghị quyết:"), "resolution_date", self.resolution_date)
        self._row(form, _tr("Số &quyết định:"), "decision_number", self.decision_number)
        self._row(form, _tr("Ngày quyết định:"), "decision_date", self.decision_date)
        self._row(form, _tr("Cơ quan ra quyết định:"), "issuing_body", self.issuing_body)
        self._row(form, _tr("&Lý do, ghi chú:"), "note", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_tr("&Ghi vào hồ sơ"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("&Hủy"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(QLabel(_tr("Các mục có dấu * là bắt buộc; quyết định của cấp ủy cần số quyết định.")))
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height())

    def _row(self, form: QFormLayout, text: str, name: str, editor: QWidget) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(editor)
        error = ErrorLabel()
        column.addWidget(error)
        self.errors[name] = error
        caption = QLabel(text)
        caption.setBuddy(editor)
        form.addRow(caption, box)

    def chosen_kind(self) -> MemberEventKind:
        kind: MemberEventKind = self.kind.currentData()
        return kind

    def draft(self) -> EventDraft | None:
        """What the fields say, or None after showing which date cannot be read."""
        dates: dict[str, dt.date | None] = {}
        unreadable = False
        editors = {"resolution_date": self.resolution_date, "decision_date": self.decision_date}
        if self._fixed_date is None:
            editors["effective_date"] = self.effective_date
        for name, editor in editors.items():
            problem = editor.parse_problem()
            self.errors[name].show_message(problem)
            unreadable = unreadable or problem is not None
            dates[name] = None if problem else editor.date()
        if unreadable:
            return None
        return EventDraft(
            self.chosen_kind(), self._fixed_date or dates["effective_date"],
            decision_number=self.decision_number.text(), decision_date=dates["decision_date"],
            issuing_body=self.issuing_body.text(), note=self.note.toPlainText(),
            resolution_number=self.resolution_number.text(), resolution_date=dates["resolution_date"],
        )

    def submit(self) -> None:
        for error in self.errors.values():
            error.show_message(None)
        self.general_error.show_message(None)
        draft = self.draft()
        if draft is None:
            return
        try:
            self._submit(draft)
        except ValidationFailed as failed:
            general = []
            for problem in failed.problems:
                target = self.errors.get(problem.field)  # a field of this dialog, or none
                if target is not None:
                    target.show_message(problem_message(problem))
                else:
                    general.append(problem_message(problem))
            self.general_error.show_message("\n".join(general) or None)
            return
        except ConcurrentEdit:
            dialogs.show_error(self, _tr("Không ghi được"), concurrent_edit_message())
            self.reject()
            return
        except PermissionDenied:
            dialogs.show_error(self, _tr("Không có quyền"), permission_denied_message())
            return
        self.accept()


def ask_file_event(
    parent: QWidget, member_name: str, kinds: Sequence[MemberEventKind], submit: Submit
) -> bool:
    """The dialog of the member file; True once an event was recorded."""
    dialog = EventDialog(_tr("Ghi quyết định, biến động"), member_name, kinds, submit, parent=parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    return dialog.exec() == QDialog.DialogCode.Accepted

"""Buổi học tập, quán triệt: date, form, presenter and the attendance of every member listed
(the organisation's members, or for a make-up session the ones who missed the session)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.library_texts import library_field_label, library_label
from desktop.models.library import StudyForm
from desktop.models.library_rules import AttendanceMark, StudySessionDraft
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import ValidationFailed
from desktop.services.study import ExpectedMember, save_study_session
from desktop.texts import permission_denied_message, problem_message
from desktop.ui.widgets import DateLineEdit, ErrorLabel, save_and_close_buttons

_CONTEXT = "LibrarySessionDialog"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class SessionDialog(QDialog):
    def __init__(self, database: Database, document_id: int, organization_id: int, members: list[ExpectedMember],
                 parent: QWidget | None = None, makeup_of_id: int | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.document_id = document_id
        self.organization_id = organization_id
        self.makeup_of_id = makeup_of_id
        self.members = members
        self.saved_id: int | None = None
        self.setWindowTitle(_tr("Buổi học bù") if makeup_of_id else _tr("Buổi học tập, quán triệt"))
        self.resize(720, 600)
        self.session_date = DateLineEdit(parent=self)
        self.session_date.set_value(clock.today())
        self.form = QComboBox(self)
        for form in StudyForm:
            self.form.addItem(library_label(form), form)
        self.presenter = QLineEdit(self)
        self.presenter.setPlaceholderText(_tr("ví dụ Đồng chí Bí thư Chi bộ"))
        self.table = QTableWidget(len(members), 3, self)
        self.table.setHorizontalHeaderLabels([_tr("Đảng viên"), _tr("Chi bộ"), _tr("Lý do vắng")])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, member in enumerate(members):
            name = QTableWidgetItem(member.full_name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)  # present unless unticked
            name.setData(Qt.ItemDataRole.UserRole, member.member_id)
            cell = QTableWidgetItem(member.cell_name)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, cell)
            self.table.setItem(row, 2, QTableWidgetItem(""))
        self.all_present = QPushButton(_tr("Tất cả có mặt"), self)
        self.errors = {name: ErrorLabel(self) for name in ("session_date", "presenter", "attendance", "")}
        form = QFormLayout()
        form.addRow(library_field_label("session_date") + ":", self.session_date)
        form.addRow("", self.errors["session_date"])
        form.addRow(library_field_label("form") + ":", self.form)
        form.addRow(library_field_label("presenter") + ":", self.presenter)
        form.addRow("", self.errors["presenter"])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.errors["attendance"])
        layout.addWidget(self.errors[""])
        self.save_button, self.close_button = save_and_close_buttons(
            self, _tr("Lưu buổi học tập (Ctrl+S)"), self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_present)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.all_present.clicked.connect(self._all_present)

    def _all_present(self) -> None:
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setCheckState(Qt.CheckState.Checked)

    def set_present(self, member_id: int, present: bool, reason: str = "") -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == member_id:
                self.table.item(row, 0).setCheckState(Qt.CheckState.Checked if present else Qt.CheckState.Unchecked)
                self.table.item(row, 2).setText(reason)

    def draft(self) -> StudySessionDraft | None:
        problem = self.session_date.parse_problem()
        self.errors["session_date"].show_message(problem)
        if problem:
            return None
        marks = []
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 0)
            present = name.checkState() == Qt.CheckState.Checked
            marks.append(AttendanceMark(name.data(Qt.ItemDataRole.UserRole), present,
                                        None if present else self.table.item(row, 2).text()))
        return StudySessionDraft(self.document_id, self.organization_id, self.session_date.date(),
                                 self.form.currentData(), self.presenter.text(), tuple(marks), self.makeup_of_id)

    def save(self) -> None:
        for label in self.errors.values():
            label.show_message(None)
        draft = self.draft()
        if draft is None:
            return
        try:
            self.saved_id = save_study_session(self.database, draft)
        except ValidationFailed as failed:
            texts: dict[str, list[str]] = {}
            for problem in failed.problems:
                name = problem.field if problem.field in self.errors else ""
                texts.setdefault(name, []).append(problem_message(problem))
            for name, lines in texts.items():
                self.errors[name].show_message("\n".join(lines))
            return
        except PermissionDenied:
            self.errors[""].show_message(permission_denied_message())
            return
        self.accept()

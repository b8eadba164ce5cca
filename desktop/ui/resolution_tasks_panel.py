"""Theo dõi thực hiện nghị quyết: the tasks of the signed resolutions of an organisation subtree
as a lazy table (the open ones by due date, overdue in red), a completion recorded or withdrawn
(desktop.services.resolution_tasks does the filtering and the checks)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.permissions import Permission
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.resolution_tasks import (
    ResolutionTaskQuery,
    ResolutionTaskRow,
    count_resolution_tasks,
    fetch_resolution_task_rows,
    record_task_done,
    withdraw_task_done,
)
from desktop.texts import permission_denied_message, problem_message
from desktop.ui import dialogs
from desktop.ui.paged_table_model import PagedTableModel, row_table_view

_CONTEXT = "ResolutionTasks"
OVERDUE_COLOUR = QColor("#b00020")
DONE_COLOUR = QColor("#2e7d32")
COL_DUE, COL_TASK, COL_OWNER, COL_RESOLUTION, COL_ORGANIZATION, COL_DONE = range(6)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _text(row: ResolutionTaskRow, column: int) -> str:
    if column == COL_DUE:
        return format_date(row.due_date)
    if column == COL_TASK:
        return row.description
    if column == COL_OWNER:
        return row.owner_name or ""
    if column == COL_RESOLUTION:
        return f"{row.resolution_number} ({format_date(row.meeting_date)}): {row.resolution_subject}"
    if column == COL_ORGANIZATION:
        return row.organization_name
    if column == COL_DONE:
        if row.done_on is None:
            return _tr("Quá hạn") if row.overdue else ""
        return format_date(row.done_on) + (f": {row.done_note}" if row.done_note else "")
    return ""


class ResolutionTaskTableModel(PagedTableModel):
    def __init__(self, database: Database, parent: Any = None) -> None:
        self._database = database
        super().__init__([_tr("Thời hạn"), _tr("Nhiệm vụ"), _tr("Người phụ trách"), _tr("Nghị quyết"),
                          _tr("Tổ chức"), _tr("Hoàn thành")], parent=parent)

    def count_rows(self, query: ResolutionTaskQuery) -> int:
        return count_resolution_tasks(self._database, query)

    def fetch_rows(self, query: ResolutionTaskQuery, offset: int, limit: int) -> list[ResolutionTaskRow]:
        return fetch_resolution_task_rows(self._database, query, offset, limit)

    def cell_text(self, row: ResolutionTaskRow, column: int) -> str:
        return _text(row, column)

    def cell_brush(self, row: ResolutionTaskRow, column: int, background: bool) -> QBrush | None:
        if background:
            return None
        if row.overdue:
            return QBrush(OVERDUE_COLOUR)
        return QBrush(DONE_COLOUR) if row.done_on is not None else None


class ResolutionTasksPanel(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.organization_id: int | None = None
        actor = database.actor
        self.may_edit = actor is not None and actor.may(Permission.EDIT_REGISTER)
        self.show_done = QCheckBox(_tr("Cả nhiệm vụ đã hoàn thành"), self)
        self.count_label = QLabel(self)
        self.model = ResolutionTaskTableModel(database, self)
        self.table = row_table_view(self.model, self, {COL_TASK: 280, COL_OWNER: 170, COL_RESOLUTION: 300,
                                                       COL_ORGANIZATION: 200})
        self.done_button = QPushButton(_tr("Ghi đã hoàn thành…"), self)
        self.undo_button = QPushButton(_tr("Bỏ ghi hoàn thành"), self)
        self.undo_button.setToolTip(_tr("Ghi nhầm: nhiệm vụ trở lại chưa hoàn thành"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_done)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.show_done.toggled.connect(lambda _on: self.refresh())
        self.done_button.clicked.connect(self.mark_done)
        self.undo_button.clicked.connect(self.withdraw)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self._update_buttons()

    def set_organization(self, organization_id: int | None) -> None:
        self.organization_id = organization_id
        self.refresh()

    def refresh(self) -> None:
        if self.organization_id is None:
            return
        try:
            self.model.set_query(ResolutionTaskQuery(self.organization_id, open_only=not self.show_done.isChecked(),
                                                     today=clock.today()))
        except (PermissionDenied, RecordNotFound):
            dialogs.show_error(self, _tr("Theo dõi thực hiện nghị quyết"), permission_denied_message())
            return
        text = _tr("{count} nhiệm vụ chưa hoàn thành.") if not self.show_done.isChecked() else _tr("{count} nhiệm vụ.")
        self.count_label.setText(text.format(count=self.model.rowCount()))
        self._update_buttons()

    def selected(self) -> ResolutionTaskRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.done_button.setEnabled(self.may_edit and row is not None and row.done_on is None)
        self.undo_button.setEnabled(self.may_edit and row is not None and row.done_on is not None)

    def _act(self, action) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except ValidationFailed as failed:
            dialogs.show_error(self, _tr("Theo dõi thực hiện nghị quyết"),
                               "\n".join(problem_message(p) for p in failed.problems))
            return
        except (PermissionDenied, RecordNotFound):
            dialogs.show_error(self, _tr("Theo dõi thực hiện nghị quyết"), permission_denied_message())
        self.refresh()

    def mark_done(self) -> None:
        row = self.selected()
        if row is None or row.done_on is not None:
            return
        answer = dialogs.ask_task_done(self, row.description, clock.today())
        if answer is not None:
            done_on, note = answer
            self._act(lambda: record_task_done(self.database, row.id, done_on, note))

    def withdraw(self) -> None:
        row = self.selected()
        if row is not None and row.done_on is not None:
            self._act(lambda: withdraw_task_done(self.database, row.id))

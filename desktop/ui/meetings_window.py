"""The "Sinh hoạt chi bộ, họp cấp ủy" window (menu Nghiệp vụ): the meetings of the organisation
chosen in the tree and of everything under it, by period, kind and state; a new meeting for
the organisation chosen; a meeting opened in its form; a draft deleted; the minutes printed.

The list is desktop.services.meeting_records, paged in SQL; every write is in the form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.meeting_texts import meeting_label
from desktop.models.dates import format_date
from desktop.models.meetings import MeetingKind, MeetingState
from desktop.models.permissions import Permission
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.meeting_records import MeetingListQuery, MeetingRow
from desktop.services.meetings import delete_meeting
from desktop.services.organizations import OrgNode
from desktop.texts import concurrent_edit_message, permission_denied_message, problem_message
from desktop.ui import dialogs
from desktop.ui.meeting_form import MeetingForm
from desktop.ui.meeting_table_model import COL_KIND, COL_ORGANIZATION, COL_TOPIC, MeetingTableModel
from desktop.ui.org_tree_pane import OrgTreePane
from desktop.ui.paged_table_model import row_table_view
from desktop.ui.resolution_tasks_panel import ResolutionTasksPanel
from desktop.ui.widgets import date_edit

_CONTEXT = "MeetingsWindow"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class MeetingsWindow(QWidget):
    report_requested = Signal(object)  # a ReportRequest for the Reports window

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.database = database
        self.node: OrgNode | None = None
        self.forms: list[MeetingForm] = []
        actor = database.actor
        self.may_edit = actor is not None and actor.may(Permission.EDIT_REGISTER)
        self.setWindowTitle(_tr("Sinh hoạt chi bộ, họp cấp ủy"))
        self.resize(1250, 720)

        self.tree = OrgTreePane(database, self)
        today = clock.today()
        self.date_from = date_edit(dt.date(today.year, 1, 1), self)
        self.date_to = date_edit(dt.date(today.year, 12, 31), self)
        self.kind = QComboBox(self)
        self.kind.addItem(_tr("Mọi loại cuộc họp"), None)
        for kind in MeetingKind:
            self.kind.addItem(meeting_label(kind), kind)
        self.state = QComboBox(self)
        self.state.addItem(_tr("Mọi tình trạng"), None)
        for state in MeetingState:
            self.state.addItem(meeting_label(state), state)
        self.count_label = QLabel(self)
        self.model = MeetingTableModel(database, parent=self)
        self.table = row_table_view(self.model, self, {COL_ORGANIZATION: 260, COL_KIND: 250, COL_TOPIC: 240})
        self.table.doubleClicked.connect(lambda _index: self.open_selected())

        self.new_button = QPushButton(_tr("Ghi biên bản mới…"), self)
        self.new_button.setToolTip(_tr("Cuộc họp mới của tổ chức đang chọn bên trái"))
        self.open_button = QPushButton(_tr("Mở biên bản"), self)
        self.delete_button = QPushButton(_tr("Xóa bản đang ghi…"), self)
        self.delete_button.setToolTip(_tr("Xóa biên bản chưa hoàn tất (ghi nhầm, cuộc họp không diễn ra)"))
        self.print_button = QPushButton(_tr("In biên bản…"), self)
        self.refresh_button = QPushButton(_tr("Làm mới"), self)
        self.new_button.clicked.connect(self.new_meeting)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.refresh_button.clicked.connect(self.refresh)

        filters = QHBoxLayout()
        for label, widget in ((_tr("Từ ngày:"), self.date_from), (_tr("Đến ngày:"), self.date_to),
                              (_tr("Loại:"), self.kind), (_tr("Tình trạng:"), self.state)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.delete_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        meetings = QWidget(self)
        meetings_layout = QVBoxLayout(meetings)
        meetings_layout.addLayout(filters)
        meetings_layout.addWidget(self.count_label)
        meetings_layout.addWidget(self.table, 1)
        meetings_layout.addLayout(buttons)
        self.tasks = ResolutionTasksPanel(database, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(meetings, _tr("Cuộc họp, biên bản"))
        self.tabs.addTab(self.tasks, _tr("Theo dõi thực hiện nghị quyết"))
        self.tabs.currentChanged.connect(lambda _index: self._refresh_tasks())
        splitter = QSplitter(self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 950])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        for widget in (self.date_from, self.date_to):
            widget.dateChanged.connect(lambda _date: self.refresh())
        for combo in (self.kind, self.state):
            combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.tree.node_changed.connect(self._on_node)
        self.tree.select_first()
        self.tree.expand(self.tree.currentIndex())
        self._update_buttons()

    # -- list -----------------------------------------------------------------------------

    def _query(self) -> MeetingListQuery:
        return MeetingListQuery(
            organization_id=self.node.id if self.node is not None else None,
            date_from=self.date_from.date().toPython(), date_to=self.date_to.date().toPython(),
            kind=self.kind.currentData(), state=self.state.currentData())

    def _on_node(self, node: OrgNode | None) -> None:
        self.node = node
        self.refresh()
        self._refresh_tasks()

    def _refresh_tasks(self) -> None:
        # Read when shown: the follow-up list is not queried while the meetings tab is in front.
        if self.tabs.currentWidget() is self.tasks and self.node is not None:
            self.tasks.set_organization(self.node.id)

    def refresh(self) -> None:
        if self.node is None:
            return
        try:
            self.model.set_query(self._query())
        except (PermissionDenied, RecordNotFound):
            dialogs.show_error(self, self.windowTitle(), permission_denied_message())
            return
        if self.date_from.date() > self.date_to.date():
            self.count_label.setText(_tr("Ngày đầu kỳ phải trước ngày cuối kỳ."))
        else:
            self.count_label.setText(_tr("{count} cuộc họp của {name} và các tổ chức trực thuộc.").format(
                count=self.model.rowCount(), name=self.node.name))
        self._update_buttons()

    def selected_row(self) -> MeetingRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.new_button.setEnabled(self.may_edit and self.node is not None)
        self.open_button.setEnabled(row is not None)
        self.print_button.setEnabled(row is not None)
        self.delete_button.setEnabled(self.may_edit and row is not None and row.state is MeetingState.DRAFT)

    # -- actions --------------------------------------------------------------------------

    def form_of(self, meeting_id: int) -> MeetingForm | None:
        return next((form for form in self.forms if form.meeting_id == meeting_id), None)

    def _show_form(self, form: MeetingForm) -> None:
        self.forms.append(form)
        form.saved.connect(lambda _meeting_id: (self.refresh(), self._refresh_tasks()))
        form.minutes_requested.connect(lambda meeting_id, chosen=form: self._emit_minutes(
            chosen.organization_id, chosen.meeting_date.date() or clock.today(), meeting_id))
        form.finished.connect(lambda _result, chosen=form: self.forms.remove(chosen))
        form.show()

    def new_meeting(self) -> None:
        if self.node is None or not self.may_edit:
            return
        # Children of the window: deleted with it, no signal of a form left pointing at it.
        self._show_form(MeetingForm(self.database, self.node.id, self.node.name, self.node.kind, parent=self))

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        existing = self.form_of(row.id)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return
        try:
            form = MeetingForm.of_meeting(self.database, row.id, self)
        except (PermissionDenied, RecordNotFound):
            dialogs.show_error(self, self.windowTitle(), _tr("Không mở được biên bản này (đã bị xóa hoặc "
                                                             "ngoài phạm vi được giao)."))
            self.refresh()
            return
        self._show_form(form)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.state is not MeetingState.DRAFT:
            return
        if not dialogs.ask_yes_no(
                self, _tr("Xóa biên bản"),
                _tr("Xóa biên bản {kind} ngày {date} của {name}? Không lấy lại được.").format(
                    kind=meeting_label(row.kind).lower(), date=format_date(row.meeting_date),
                    name=row.organization_name),
                yes_text=_tr("Xóa"), no_text=_tr("Không xóa")):
            return
        try:
            delete_meeting(self.database, row.id, row.version)
        except ValidationFailed as failed:
            dialogs.show_error(self, self.windowTitle(), "\n".join(problem_message(p) for p in failed.problems))
        except ConcurrentEdit:
            dialogs.show_error(self, self.windowTitle(), concurrent_edit_message())
        except (PermissionDenied, RecordNotFound):
            dialogs.show_error(self, self.windowTitle(), permission_denied_message())
        self.refresh()

    def print_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._emit_minutes(row.organization_id, row.meeting_date, row.id)

    def _emit_minutes(self, organization_id: int, day: dt.date, meeting_id: int) -> None:
        self.report_requested.emit(ReportRequest(ReportKind.MINUTES, organization_id, day, record_id=meeting_id))

    def closeEvent(self, event: Any) -> None:
        for form in list(self.forms):
            if not form.close():
                event.ignore()
                return
        super().closeEvent(event)

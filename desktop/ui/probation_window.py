"""The "Đảng viên dự bị đến hạn" window (Nghiệp vụ menu): probationary members of an
organisation whose probation ends within the chosen days or has ended, with the day it ends,
the cell's deadline to consider recognition and what is left of it (R-MEM-2, §3.3), and the
two outcomes: recognition as an official member, or removal when the member does not qualify.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.enums import MemberEventKind
from desktop.models.member_lifecycle import EventDraft
from desktop.models.permissions import Permission
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.services import clock
from desktop.services.member_events import record_member_event
from desktop.services.probation import (
    ProbationDueRow,
    ProbationState,
    RecognitionDraft,
    probation_due,
    recognise,
)
from desktop.services.session import may
from desktop.ui.event_dialog import EventDialog
from desktop.ui.org_tree_pane import OrgTreePane

_CONTEXT = "ProbationWindow"
DEFAULT_WITHIN_DAYS = 60
_OVERDUE = QColor("#fde7e9")
_DUE = QColor("#fff4ce")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def column_titles() -> list[str]:
    return [_tr("Họ và tên"), _tr("Ngày sinh"), _tr("Chi bộ"), _tr("Ngày vào Đảng"), _tr("Hết dự bị"),
            _tr("Hạn chi bộ xét"), _tr("Tình trạng")]


def state_text(row: ProbationDueRow) -> str:
    if row.state is ProbationState.UPCOMING:
        return _tr("Còn {days} ngày đến hết dự bị").format(days=row.days_to_end)
    if row.state is ProbationState.DUE:
        return _tr("Đến hạn xét: còn {left} ngày làm việc").format(left=row.working_days_left)
    return _tr("Quá hạn xét {late} ngày làm việc").format(late=-row.working_days_left)


class ProbationWindow(QMainWindow):
    # A ReportRequest for the Reports window (the workspace connects it): the list in print.
    report_requested = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.database = database
        self.rows: list[ProbationDueRow] = []
        self.may_edit = may(database, Permission.EDIT_REGISTER)
        self.setWindowTitle(_tr("Đảng viên dự bị đến hạn xét công nhận chính thức"))

        self.tree = OrgTreePane(database)
        self.tree.organization_changed.connect(lambda _id: self.refresh())
        self.within = QSpinBox()
        self.within.setRange(0, 366)
        self.within.setValue(DEFAULT_WITHIN_DAYS)
        self.within.setSuffix(_tr(" ngày tới"))
        self.within.valueChanged.connect(lambda _value: self.refresh())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        titles = column_titles()
        self.table = QTableWidget(0, len(titles))
        self.table.setHorizontalHeaderLabels(titles)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.recognise_button = QPushButton(_tr("&Công nhận chính thức…"))
        self.recognise_button.clicked.connect(self.recognise_selected)
        self.remove_button = QPushButton(_tr("&Không công nhận, xóa tên…"))
        self.remove_button.setToolTip(_tr("Đảng viên dự bị không đủ điều kiện thì bị xóa tên (không gia hạn dự bị)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.print_button = QPushButton(_tr("&In danh sách…"))
        self.print_button.setToolTip(_tr("Xem trước, in hoặc lưu PDF danh sách đang xem (Báo cáo)"))
        self.print_button.clicked.connect(self.print_list)
        self.refresh_button = QPushButton(_tr("&Làm mới"))
        self.refresh_button.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_button.clicked.connect(self.refresh)

        controls = QHBoxLayout()
        controls.addWidget(QLabel(_tr("Hết dự bị trong")))
        controls.addWidget(self.within)
        controls.addWidget(QLabel(_tr("hoặc đã hết")))
        controls.addStretch(1)
        controls.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        for button in (self.recognise_button, self.remove_button):
            button.setVisible(self.may_edit)
            actions.addWidget(button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addLayout(controls)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        self.setCentralWidget(splitter)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 170, metrics.height() * 36)
        splitter.setSizes([metrics.averageCharWidth() * 40, metrics.averageCharWidth() * 130])
        self.tree.select_first()
        self._update_buttons()

    def refresh(self) -> None:
        node = self.tree.selected_org()
        self.rows = probation_due(self.database, node.id, self.within.value()) if node else []
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            values = (row.full_name, format_date(row.date_of_birth, row.dob_precision), row.cell_name,
                      format_date(row.admission_date), format_date(row.probation_end),
                      format_date(row.cell_deadline), state_text(row))
            shade = {ProbationState.OVERDUE: _OVERDUE, ProbationState.DUE: _DUE}.get(row.state)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 5:
                    item.setToolTip(_tr("{days} ngày làm việc kể từ ngày hết dự bị {end}").format(
                        days=row.deadline_days, end=format_date(row.probation_end)))
                if shade is not None:
                    item.setBackground(QBrush(shade))
                self.table.setItem(index, column, item)
        counts = {state: sum(1 for row in self.rows if row.state is state) for state in ProbationState}
        self.summary.setText(_tr(
            "{total} đảng viên dự bị: {overdue} quá hạn xét, {due} đang trong hạn xét, "
            "{upcoming} sắp hết dự bị.").format(total=len(self.rows), overdue=counts[ProbationState.OVERDUE],
                                                due=counts[ProbationState.DUE],
                                                upcoming=counts[ProbationState.UPCOMING]))
        self._update_buttons()

    def selected_row(self) -> ProbationDueRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) and self.table.selectedItems() else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        ended = row is not None and row.state is not ProbationState.UPCOMING
        self.recognise_button.setEnabled(self.may_edit and ended)
        self.remove_button.setEnabled(self.may_edit and row is not None)

    def recognition_dialog(self) -> EventDialog | None:
        row = self.selected_row()
        if row is None:
            return None

        def submit(draft: EventDraft) -> object:
            return recognise(self.database, row.member_id, row.version, RecognitionDraft(
                draft.resolution_number, draft.resolution_date, draft.decision_number, draft.decision_date,
                draft.issuing_body, draft.note))

        dialog = EventDialog(_tr("Công nhận đảng viên chính thức"), row.full_name,
                             [MemberEventKind.RECOGNISED_FULL], submit, fixed_date=row.probation_end, parent=self)
        dialog.accepted.connect(self.refresh)
        return dialog

    def removal_dialog(self) -> EventDialog | None:
        row = self.selected_row()
        if row is None:
            return None

        def submit(draft: EventDraft) -> object:
            return record_member_event(self.database, row.member_id, draft, expected_version=row.version)

        dialog = EventDialog(_tr("Xóa tên đảng viên dự bị"), row.full_name, [MemberEventKind.REMOVED], submit,
                             parent=self)
        dialog.accepted.connect(self.refresh)
        return dialog

    def print_list(self) -> None:
        node = self.tree.selected_org()
        if node is not None:
            until = clock.today() + dt.timedelta(days=self.within.value())
            self.report_requested.emit(ReportRequest(ReportKind.PROBATION_DUE, node.id, until))

    def recognise_selected(self) -> None:
        dialog = self.recognition_dialog()
        if dialog is not None:
            dialog.open()

    def remove_selected(self) -> None:
        dialog = self.removal_dialog()
        if dialog is not None:
            dialog.open()

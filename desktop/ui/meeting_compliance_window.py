"""Tình hình sinh hoạt chi bộ: for an organisation and a period, the cells that missed a monthly
regular meeting or a quarter's thematic meeting, and every cell's attendance rate
(desktop.services.meeting_compliance computes it; this window only shows and prints it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import RecordNotFound
from desktop.services.meeting_compliance import CellCompliance, meeting_compliance
from desktop.texts import permission_denied_message
from desktop.ui import dialogs
from desktop.ui.badge_fee_widgets import org_combo
from desktop.ui.tasks import WindowWork
from desktop.ui.widgets import date_edit

_CONTEXT = "MeetingComplianceWindow"
_SHORT_COLOUR = QColor("#b00020")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",") + "%"


class MeetingComplianceWindow(QWidget):
    # A ReportRequest for the Reports window (the workspace connects it).
    report_requested = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(_tr("Tình hình sinh hoạt chi bộ"))
        self.resize(980, 620)
        self._results: list[CellCompliance] = []
        # A year of a large committee takes most of a second: off the UI thread.
        self.work = WindowWork(self, self.close)
        self.work.changed.connect(lambda: self.show_button.setEnabled(not self.work.busy()))
        today = clock.today()
        quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        previous_end = quarter_start - dt.timedelta(days=1)
        self.organization: QComboBox = org_combo(database, self)
        self.date_from = date_edit(dt.date(previous_end.year, 3 * ((previous_end.month - 1) // 3) + 1, 1), self)
        self.date_to = date_edit(previous_end, self)
        self.short_only = QCheckBox(_tr("Chỉ chi bộ chưa sinh hoạt đủ"), self)
        self.short_only.setChecked(True)
        self.show_button = QPushButton(_tr("Xem"), self)
        self.print_button = QPushButton(_tr("In báo cáo…"), self)
        self.summary = QLabel(self)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([
            _tr("Chi bộ"), _tr("Tháng thiếu sinh hoạt thường kỳ"), _tr("Quý thiếu chuyên đề"),
            _tr("Lượt dự / phải dự"), _tr("Tỷ lệ dự họp")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)

        filters = QHBoxLayout()
        for label, widget in ((_tr("Tổ chức:"), self.organization), (_tr("Từ ngày:"), self.date_from),
                              (_tr("Đến ngày:"), self.date_to)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addWidget(self.short_only)
        filters.addStretch(1)
        filters.addWidget(self.show_button)
        filters.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

        self.show_button.clicked.connect(self.refresh)
        self.short_only.toggled.connect(self._fill)
        self.print_button.clicked.connect(self.print_report)

    def _period(self) -> tuple[dt.date, dt.date] | None:
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        if first > last:
            dialogs.show_error(self, self.windowTitle(), _tr("Ngày đầu kỳ phải trước ngày cuối kỳ."))
            return None
        return first, last

    def refresh(self) -> None:
        period = self._period()
        if period is None or self.organization.currentData() is None:
            return
        # The work runs on a pool thread: it holds the database and plain values, never the
        # window (a window released there would be destroyed off the GUI thread).
        database, organization_id = self.database, self.organization.currentData()

        def done(result: object, error: object) -> None:
            if isinstance(error, (PermissionDenied, RecordNotFound)):
                dialogs.show_error(self, self.windowTitle(), permission_denied_message())
                return
            if error is not None:
                raise error  # type: ignore[misc]
            self._results = result  # type: ignore[assignment]
            self._fill()

        self.work.run(lambda _context: meeting_compliance(database, organization_id, *period), done,
                      _tr("Đang tổng hợp tình hình sinh hoạt…"))

    def _fill(self) -> None:
        shown = [r for r in self._results if not (self.short_only.isChecked() and r.compliant)]
        short = sum(1 for r in self._results if not r.compliant)
        self.summary.setText(_tr("{cells} chi bộ; sinh hoạt đủ {full}; chưa đủ {short}.").format(
            cells=len(self._results), full=len(self._results) - short, short=short))
        self.table.setRowCount(len(shown))
        for row, result in enumerate(shown):
            months = ", ".join(f"{key % 100:02d}/{key // 100}" for key in result.months_missed)
            quarters = ", ".join(_tr("Quý {q}/{year}").format(q=key % 10, year=key // 10)
                                 for key in result.quarters_missed)
            values = (result.cell_name, months, quarters, f"{result.present}/{result.expected}" if result.expected else "—",
                      _percent(result.attendance_rate))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if not result.compliant:
                    item.setForeground(QBrush(_SHORT_COLOUR))
                if column >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)

    def print_report(self) -> None:
        period = self._period()
        if period is None or self.organization.currentData() is None:
            return
        self.report_requested.emit(ReportRequest(ReportKind.MEETING_COMPLIANCE, self.organization.currentData(),
                                                 period[1], period_start=period[0]))

    def closeEvent(self, event: Any) -> None:
        if not self.work.close_waits(event):
            super().closeEvent(event)

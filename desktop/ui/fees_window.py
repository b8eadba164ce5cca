"""Đảng phí: a cell's collection of a month (each member's fee by the rules, paid or not,
date and receipt, typed fast with the keyboard, saved in one transaction), the arrears of the
year, the member's fee profile, and the cell's list and the committee's report printed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.dates import format_date, parse_date
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.reports.numbers import number
from desktop.services import clock
from desktop.services.errors import ValidationFailed
from desktop.services.fees import (
    CollectionEntry,
    FeeSheetRow,
    cell_fee_sheet,
    member_arrears,
    save_collection,
)
from desktop.ui import dialogs
from desktop.ui.badge_fee_widgets import org_combo, refusal_text
from desktop.ui.cell_picker import CellPicker

_CONTEXT = "FeesWindow"
PAID_COLUMN, DATE_COLUMN, RECEIPT_COLUMN, VOLUNTARY_COLUMN = 3, 4, 5, 6


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class FeesWindow(QWidget):
    # A ReportRequest for the Reports window (the workspace connects it).
    report_requested = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._rows: list[FeeSheetRow] = []
        self._cell_id: int | None = None
        self.setWindowTitle(_tr("Đảng phí"))
        self.resize(1000, 620)
        self.cell = CellPicker(database, self)
        self.month = QDateEdit(QDate.currentDate(), self)
        self.month.setDisplayFormat("MM/yyyy")
        self.load_button = QPushButton(_tr("Mở danh sách thu"), self)
        self.load_button.clicked.connect(self.load)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels([
            _tr("Họ và tên"), _tr("Mức lương, thu nhập"), _tr("Đảng phí phải nộp"), _tr("Đã nộp"),
            _tr("Ngày nộp"), _tr("Số phiếu thu"), _tr("Tự nguyện")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.save_button = QPushButton(_tr("Lưu"), self)
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        self.profile_button = QPushButton(_tr("Mức đóng của người đã chọn…"), self)
        self.profile_button.clicked.connect(self.edit_profile)
        self.arrears_button = QPushButton(_tr("Nợ đảng phí trong năm"), self)
        self.arrears_button.clicked.connect(self.show_arrears)
        self.print_cell_button = QPushButton(_tr("In danh sách thu…"), self)
        self.print_cell_button.clicked.connect(self.print_cell)
        self.organization = org_combo(database, self)
        self.print_report_button = QPushButton(_tr("In báo cáo đảng phí từ đầu năm…"), self)
        self.print_report_button.clicked.connect(self.print_report)
        self.arrears = QTableWidget(0, 4, self)
        self.arrears.setHorizontalHeaderLabels([_tr("Họ và tên"), _tr("Chi bộ"), _tr("Tháng chưa nộp"), _tr("Ghi chú")])
        self.arrears.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.arrears.horizontalHeader().setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(_tr("Chi bộ:"), self))
        top.addWidget(self.cell, 1)
        top.addWidget(QLabel(_tr("Tháng:"), self))
        top.addWidget(self.month)
        top.addWidget(self.load_button)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.profile_button)
        actions.addWidget(self.print_cell_button)
        actions.addWidget(self.arrears_button)
        actions.addStretch(1)
        actions.addWidget(QLabel(_tr("Báo cáo của:"), self))
        actions.addWidget(self.organization)
        actions.addWidget(self.print_report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(self.arrears, 1)

    def _month(self):  # type: ignore[no-untyped-def]
        return self.month.date().toPython().replace(day=1)

    def load(self) -> None:
        cell_id = self.cell.cell_id()
        if cell_id is None:
            dialogs.show_error(self, _tr("Đảng phí"), _tr("Chọn chi bộ."))
            return
        self._cell_id = cell_id
        self._rows = cell_fee_sheet(self._database, cell_id, self._month())
        self.table.setRowCount(len(self._rows))
        for index, row in enumerate(self._rows):
            fixed = (row.full_name, number(row.base_amount) if row.base_amount else "",
                     number(row.amount_due) if row.amount_due is not None else _tr("chưa có mức đóng"))
            for column, value in enumerate(fixed):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(index, column, item)
            paid = QTableWidgetItem()
            paid.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            paid.setCheckState(Qt.CheckState.Checked if row.paid else Qt.CheckState.Unchecked)
            self.table.setItem(index, PAID_COLUMN, paid)
            self.table.setItem(index, DATE_COLUMN, QTableWidgetItem(format_date(row.paid_on) if row.paid_on else ""))
            self.table.setItem(index, RECEIPT_COLUMN, QTableWidgetItem(row.receipt_no or ""))
            self.table.setItem(index, VOLUNTARY_COLUMN, QTableWidgetItem(
                str(row.voluntary_paid if row.paid else row.voluntary_due) if (row.voluntary_paid or row.voluntary_due)
                else ""))
        self._summarise()

    def _summarise(self) -> None:
        paid = sum(1 for r in self._rows if r.paid)
        amount = sum(r.amount_paid or 0 for r in self._rows if r.paid)
        self.summary.setText(_tr("{paid}/{count} đảng viên đã nộp, {amount} đồng.").format(
            paid=paid, count=len(self._rows), amount=number(amount)))

    def entries(self) -> list[CollectionEntry]:
        """What the grid says, row by row; a bad date or amount raises ValueError with the row."""
        result = []
        for index, row in enumerate(self._rows):
            paid = self.table.item(index, PAID_COLUMN).checkState() == Qt.CheckState.Checked
            date_text = self.table.item(index, DATE_COLUMN).text().strip()
            voluntary_text = self.table.item(index, VOLUNTARY_COLUMN).text().strip().replace(".", "")
            try:
                paid_on = parse_date(date_text) if date_text else None
                voluntary = int(voluntary_text) if voluntary_text else 0
            except ValueError:
                raise ValueError(row.full_name) from None
            result.append(CollectionEntry(row.member_id, paid, paid_on if paid else None,
                                          self.table.item(index, RECEIPT_COLUMN).text(), voluntary if paid else 0))
        return result

    def save(self) -> None:
        if self._cell_id is None:
            return
        try:
            entries = self.entries()
        except ValueError as bad:
            dialogs.show_error(self, _tr("Chưa lưu"), _tr("{name}: ngày nộp (ngày/tháng/năm) hoặc số tiền tự nguyện "
                                                  "không hợp lệ.").format(name=bad.args[0]))
            return
        try:
            count = save_collection(self._database, self._cell_id, self._month(), entries)
        except ValidationFailed as failed:
            names = {str(row.member_id): row.full_name for row in self._rows}
            dialogs.show_error(self, _tr("Chưa lưu"), refusal_text(failed.problems, names))
            return
        self.load()
        self.summary.setText(self.summary.text() + " " + _tr("Đã lưu ({count} đã nộp).").format(count=count))

    def edit_profile(self) -> None:
        """The fee profile of the member on the current row; the grid is read again after."""
        from desktop.ui.fee_profile_dialog import FeeProfileDialog

        index = self.table.currentRow()
        if not 0 <= index < len(self._rows):
            dialogs.show_error(self, _tr("Đảng phí"), _tr("Chọn một đảng viên trong danh sách thu."))
            return
        row = self._rows[index]
        if FeeProfileDialog(self._database, row.member_id, row.full_name, self).exec():
            self.load()

    def show_arrears(self) -> None:
        organization_id = self._cell_id or self.organization.currentData()
        if organization_id is None:
            return
        rows = member_arrears(self._database, organization_id, clock.today().year)
        self.arrears.setRowCount(len(rows))
        for index, row in enumerate(rows):
            months = ", ".join(f"{m.month:02d}/{m.year}" for m in row.unpaid_months)
            warning = _tr("Đủ căn cứ xem xét xóa tên") if row.removal_warning else ""
            for column, value in enumerate((row.full_name, row.cell_name, months, warning)):
                self.arrears.setItem(index, column, QTableWidgetItem(value))

    def print_cell(self) -> None:
        """The cell's list of the month in print, through the Reports window."""
        if self._cell_id is not None:
            self.report_requested.emit(ReportRequest(ReportKind.CELL_FEES, self._cell_id, self._month()))

    def print_report(self) -> None:
        """The committee's report from January to the chosen month, through the Reports window."""
        month = self._month()
        self.report_requested.emit(ReportRequest(
            ReportKind.FEE_REPORT, self.organization.currentData(), month, period_start=month.replace(month=1)))

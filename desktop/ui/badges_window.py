"""Huy hiệu Đảng: the members of an organisation due a badge on an award occasion (early
proposals of seriously ill members flagged), the award of the selected ones by a decision,
and the list printed as a party document."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.services import clock
from desktop.services.badges import (
    AwardDraft,
    BadgeDueRow,
    badge_occasions,
    badges_due,
    record_badge_awards,
)
from desktop.services.errors import ValidationFailed
from desktop.ui import dialogs
from desktop.ui.badge_fee_widgets import org_combo, refusal_text

_CONTEXT = "BadgesWindow"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class BadgesWindow(QWidget):
    # A ReportRequest for the Reports window (the workspace connects it).
    report_requested = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._rows: list[BadgeDueRow] = []
        self.setWindowTitle(_tr("Huy hiệu Đảng"))
        self.resize(1000, 600)
        self.organization = org_combo(database, self)
        self.occasion = QComboBox(self)
        for day in badge_occasions(database):
            self.occasion.addItem(format_date(day), day)
        self.show_button = QPushButton(_tr("Xem danh sách"), self)
        self.show_button.clicked.connect(self.refresh)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels([
            _tr("Họ và tên"), _tr("Ngày sinh"), _tr("Chi bộ"), _tr("Tuổi đảng"), _tr("Huy hiệu"),
            _tr("Ngày đủ tuổi đảng"), _tr("Ghi chú")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.decision_number = QLineEdit(self)
        self.decision_number.setPlaceholderText(_tr("Số quyết định, ví dụ 125-QĐ/TU"))
        self.decision_date = QDateEdit(QDate(clock.today()), self)
        self.decision_date.setDisplayFormat("dd/MM/yyyy")
        self.decision_date.setCalendarPopup(True)
        self.award_button = QPushButton(_tr("Ghi tặng huy hiệu cho người đã chọn"), self)
        self.award_button.clicked.connect(self.award_selected)
        self.print_button = QPushButton(_tr("In danh sách…"), self)
        self.print_button.clicked.connect(self.print_list)

        top = QHBoxLayout()
        for label, widget in ((_tr("Tổ chức:"), self.organization), (_tr("Đợt trao tặng:"), self.occasion)):
            top.addWidget(QLabel(label, self))
            top.addWidget(widget)
        top.addWidget(self.show_button)
        top.addStretch(1)
        award = QHBoxLayout()
        award.addWidget(QLabel(_tr("Quyết định số:"), self))
        award.addWidget(self.decision_number)
        award.addWidget(QLabel(_tr("ngày"), self))
        award.addWidget(self.decision_date)
        award.addWidget(self.award_button)
        award.addStretch(1)
        award.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(award)

    def refresh(self) -> None:
        occasion = self.occasion.currentData()
        if occasion is None or self.organization.currentData() is None:
            return
        self._rows = badges_due(self._database, self.organization.currentData(), occasion)
        self.table.setRowCount(len(self._rows))
        for index, row in enumerate(self._rows):
            note = _tr("Đề nghị sớm (ốm nặng)") if row.early else (_tr("Ốm nặng") if row.seriously_ill else "")
            values = (row.full_name, format_date(row.date_of_birth, row.dob_precision), row.cell_name,
                      _tr("{years} năm {months} tháng").format(years=row.party_age.years, months=row.party_age.months),
                      _tr("{years} năm").format(years=row.milestone), format_date(row.reached_on), note)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in (1, 3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(index, column, item)
        self.summary.setText(_tr("{count} đảng viên đến hạn tặng Huy hiệu Đảng đợt {date}.").format(
            count=len(self._rows), date=format_date(occasion)))

    def selected_rows(self) -> list[BadgeDueRow]:
        indexes = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self._rows[i] for i in indexes]

    def award_selected(self) -> None:
        chosen = self.selected_rows()
        if not chosen:
            dialogs.show_error(self, _tr("Huy hiệu Đảng"), _tr("Chọn các đảng viên được tặng huy hiệu trong danh sách."))
            return
        occasion = self.occasion.currentData()
        decided = self.decision_date.date().toPython()
        drafts = [AwardDraft(row.member_id, row.milestone, occasion, self.decision_number.text(), decided)
                  for row in chosen]
        try:
            record_badge_awards(self._database, drafts)
        except ValidationFailed as failed:
            names = {str(row.member_id): row.full_name for row in chosen}
            dialogs.show_error(self, _tr("Chưa ghi được"), refusal_text(failed.problems, names))
            return
        dialogs.show_info(self, _tr("Huy hiệu Đảng"), _tr("Đã ghi tặng huy hiệu cho {count} đảng viên.").format(
            count=len(drafts)))
        self.refresh()

    def print_list(self) -> None:
        """The list in print, through the Reports window (background, preview, print, save)."""
        self.report_requested.emit(ReportRequest(
            ReportKind.BADGES_DUE, self.organization.currentData(), self.occasion.currentData()))

"""The "Ngày nghỉ lễ, Tết" window (Nghiệp vụ menu): the days off that deadlines in working days
skip (domain spec §10.2), year by year; the office adds the days the government decides (Tết,
compensatory days) and removes a day listed by mistake."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.permissions import Permission
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import ValidationFailed
from desktop.services.session import may
from desktop.services.working_calendar import DayOff, add_day_off, days_off, remove_day_off
from desktop.texts import permission_denied_message, problem_message
from desktop.ui import dialogs
from desktop.ui.widgets import DateLineEdit, ErrorLabel

_CONTEXT = "DaysOffWindow"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def weekday_name(index: int) -> str:
    return (_tr("Thứ Hai"), _tr("Thứ Ba"), _tr("Thứ Tư"), _tr("Thứ Năm"), _tr("Thứ Sáu"), _tr("Thứ Bảy"),
            _tr("Chủ nhật"))[index]


class DaysOffWindow(QMainWindow):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.database = database
        self.days: list[DayOff] = []
        self.may_edit = may(database, Permission.EDIT_REGISTER)
        self.setWindowTitle(_tr("Ngày nghỉ lễ, Tết"))
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(clock.today().year)
        self.year.valueChanged.connect(lambda _value: self.refresh())
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_tr("Ngày"), _tr("Thứ"), _tr("Tên ngày nghỉ")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.new_day = DateLineEdit()
        self.new_name = QLineEdit()
        self.new_name.setMaxLength(100)
        self.new_name.setPlaceholderText(_tr("ví dụ: Nghỉ bù Quốc khánh"))
        self.new_name.returnPressed.connect(self.add)
        self.add_button = QPushButton(_tr("&Thêm ngày nghỉ"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_tr("&Bỏ ngày đã chọn"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = ErrorLabel()

        top = QHBoxLayout()
        top.addWidget(QLabel(_tr("Năm:")))
        top.addWidget(self.year)
        top.addStretch(1)
        adding = QHBoxLayout()
        adding.addWidget(QLabel(_tr("Ngày:")))
        adding.addWidget(self.new_day)
        adding.addWidget(QLabel(_tr("Tên:")))
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.add_button)
        note = QLabel(_tr(
            "Thứ Bảy, Chủ nhật luôn là ngày nghỉ. Các ngày dưới đây không tính vào thời hạn “ngày làm việc” "
            "(xét công nhận đảng viên chính thức, chuyển sinh hoạt đảng, kết nạp). Hằng năm hãy đối chiếu "
            "với thông báo nghỉ Tết, nghỉ bù của Chính phủ."))
        note.setWordWrap(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        if self.may_edit:
            layout.addLayout(adding)
            layout.addWidget(self.error)
            buttons = QHBoxLayout()
            buttons.addStretch(1)
            buttons.addWidget(self.remove_button)
            layout.addLayout(buttons)
        self.setCentralWidget(central)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.height() * 30)
        self.refresh()

    def refresh(self) -> None:
        self.days = days_off(self.database, self.year.value())
        self.table.setRowCount(len(self.days))
        for row, day in enumerate(self.days):
            for column, text in enumerate((format_date(day.day), weekday_name(day.day.weekday()), day.name)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.may_edit and bool(self.table.selectedItems()))

    def add(self) -> None:
        self.error.show_message(None)
        problem = self.new_day.parse_problem()
        day = None if problem else self.new_day.date()
        if day is None:
            self.error.show_message(problem or _tr("Nhập ngày nghỉ (ngày/tháng/năm)."))
            return
        try:
            add_day_off(self.database, day, self.new_name.text())
        except ValidationFailed as failed:
            self.error.show_message("\n".join(problem_message(p) for p in failed.problems))
            return
        except PermissionDenied:
            dialogs.show_error(self, _tr("Không có quyền"), permission_denied_message())
            return
        self.new_day.clear()
        self.new_name.clear()
        if self.year.value() != day.year:
            self.year.setValue(day.year)  # shows the year of the new day
        else:
            self.refresh()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.days) or not self.table.selectedItems():
            return
        day = self.days[row]
        question = _tr("Bỏ ngày {date} ({name}) khỏi danh sách ngày nghỉ? Ngày này sẽ được tính là ngày làm việc.")
        if not dialogs.ask_yes_no(self, _tr("Bỏ ngày nghỉ"), question.format(date=format_date(day.day), name=day.name)):
            return
        try:
            remove_day_off(self.database, day.day)
        except PermissionDenied:
            dialogs.show_error(self, _tr("Không có quyền"), permission_denied_message())
            return
        self.refresh()

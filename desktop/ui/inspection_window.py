"""The "Kiểm tra, giám sát, kỷ luật" window (menu Nghiệp vụ, inspection role only): a dashboard
of open cases, overdue steps and letters due; the case list with filters (overdue in red);
the letter registry by handling deadline, with the letter's details (the sender hidden from
everyone but its handler and the case team); a case opens in its own workspace.

Lists are paged in SQL (desktop.ui.inspection_models); every action is a service call that
checks the role, the scope and the rules.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.inspection_texts import inspection_label
from desktop.models.dates import format_date
from desktop.models.inspection import CaseKind
from desktop.models.letters import LetterStatus
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import ValidationFailed
from desktop.services.inspection_list import CaseListQuery, LetterListQuery, dashboard_counts
from desktop.services.letters import (
    LetterDetail,
    assign_letter,
    extend_letter,
    get_letter,
    handle_letter,
    inspectors,
)
from desktop.texts import permission_denied_message, problem_message
from desktop.ui.inspection_case_window import CaseWindow
from desktop.ui.inspection_dialogs import CaseDialog, LetterDialog, organization_combo
from desktop.ui.inspection_models import RECORD_ID_ROLE, CaseTableModel, LetterTableModel
from desktop.ui.widgets import DateLineEdit, ErrorLabel

_CONTEXT = "InspectionWindow"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _view(model: object, widths: tuple[int, ...]) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class InspectionWindow(QMainWindow):
    report_requested = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.database = database
        self.setWindowTitle(_tr("Kiểm tra, giám sát, kỷ luật đảng"))
        self.case_windows: dict[int, CaseWindow] = {}
        self.errors = ErrorLabel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._dashboard_tab(), _tr("Tổng quan"))
        self.tabs.addTab(self._cases_tab(), _tr("Hồ sơ"))
        self.tabs.addTab(self._letters_tab(), _tr("Đơn thư"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.tabs)
        layout.addWidget(self.errors)
        self.setCentralWidget(central)
        self.resize(1100, 680)
        self.refresh_dashboard()

    # -- dashboard ----------------------------------------------------------------------

    def _dashboard_tab(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        self.counts: dict[str, QLabel] = {}
        rows = (("open_cases", _tr("Hồ sơ đang giải quyết")),
                ("cases_with_overdue_steps", _tr("Hồ sơ có bước quá hạn")),
                ("overdue_steps", _tr("Số bước quá hạn")),
                ("letters_pending", _tr("Đơn thư chờ giải quyết")),
                ("letters_due_soon", _tr("Đơn thư sắp đến hạn")),
                ("letters_overdue", _tr("Đơn thư quá hạn")))
        for number, (key, text) in enumerate(rows):
            value = QLabel()
            value.setObjectName(key)
            value.setStyleSheet("font-size: 18pt; font-weight: bold")
            grid.addWidget(QLabel(text), number, 0)
            grid.addWidget(value, number, 1)
            self.counts[key] = value
        self.by_kind = QLabel()
        self.by_kind.setWordWrap(True)
        grid.addWidget(self.by_kind, len(rows), 0, 1, 2)
        self.stats_from = DateLineEdit()
        self.stats_from.set_value(clock.today().replace(month=1, day=1))
        self.stats_to = DateLineEdit()
        self.stats_to.set_value(clock.today())
        self.stats_org = organization_combo(self.database)
        print_stats = QPushButton(_tr("In thống kê kiểm tra, giám sát, kỷ luật…"))
        print_stats.clicked.connect(self.request_statistics)
        row = QHBoxLayout()
        for widget in (self.stats_org, QLabel(_tr("từ")), self.stats_from, QLabel(_tr("đến")), self.stats_to,
                       print_stats):
            row.addWidget(widget)
        grid.addLayout(row, len(rows) + 1, 0, 1, 2)
        grid.setRowStretch(len(rows) + 2, 1)
        return page

    def refresh_dashboard(self) -> None:
        counts = dashboard_counts(self.database)
        for key, label in self.counts.items():
            label.setText(str(getattr(counts, key)))
        red = "color: #b00020; font-size: 18pt; font-weight: bold"
        normal = "font-size: 18pt; font-weight: bold"
        for key in ("cases_with_overdue_steps", "overdue_steps", "letters_overdue"):
            self.counts[key].setStyleSheet(red if getattr(counts, key) else normal)
        kinds = "; ".join(f"{inspection_label(kind)}: {count}"
                          for kind, count in sorted(counts.open_by_kind.items(), key=lambda item: -item[1]))
        self.by_kind.setText(_tr("Đang giải quyết theo loại việc: {kinds}").format(kinds=kinds) if kinds else "")

    def request_statistics(self) -> None:
        for edit in (self.stats_from, self.stats_to):
            problem = edit.parse_problem()
            if problem:
                self.errors.show_message(problem)
                return
        first, last = self.stats_from.date(), self.stats_to.date() or clock.today()
        self.report_requested.emit(ReportRequest(ReportKind.INSPECTION_STATISTICS, self.stats_org.currentData(),
                                                 last, period_start=first))

    # -- cases --------------------------------------------------------------------------

    def _cases_tab(self) -> QWidget:
        self.case_kind = QComboBox()
        self.case_kind.addItem(_tr("Mọi loại việc"), None)
        for kind in CaseKind:
            self.case_kind.addItem(inspection_label(kind), kind)
        self.all_cases = QCheckBox(_tr("Cả hồ sơ đã kết thúc"))
        self.overdue_cases = QCheckBox(_tr("Chỉ hồ sơ có bước quá hạn"))
        new = QPushButton(_tr("Mở hồ sơ mới…"))
        new.clicked.connect(self.new_case)
        open_button = QPushButton(_tr("Xem hồ sơ"))
        open_button.clicked.connect(self.open_selected_case)
        for widget in (self.case_kind,):
            widget.currentIndexChanged.connect(self.apply_case_filters)
        for box in (self.all_cases, self.overdue_cases):
            box.toggled.connect(self.apply_case_filters)
        self.case_model = CaseTableModel(self.database)
        self.case_view = _view(self.case_model, (70, 80, 220, 160, 260, 180, 170))
        self.case_view.doubleClicked.connect(lambda index: self.open_case(self._id(self.case_view, index)))
        self.case_count = QLabel()
        filters = QHBoxLayout()
        for widget in (self.case_kind, self.all_cases, self.overdue_cases):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(open_button)
        filters.addWidget(new)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(self.case_view)
        layout.addWidget(self.case_count)
        self._show_case_count()
        return page

    def _show_case_count(self) -> None:
        self.case_count.setText(_tr("{count} hồ sơ").format(count=self.case_model.rowCount()))

    def apply_case_filters(self) -> None:
        self.case_model.set_query(CaseListQuery(kind=self.case_kind.currentData(),
                                                open_only=not self.all_cases.isChecked(),
                                                overdue_only=self.overdue_cases.isChecked()))
        self._show_case_count()

    @staticmethod
    def _id(view: QTableView, index: QModelIndex | None = None) -> int | None:
        index = index if index is not None else view.currentIndex()
        return index.data(RECORD_ID_ROLE) if index.isValid() else None

    def new_case(self, letter_id: int | None = None) -> CaseDialog:
        dialog = CaseDialog(self.database, self, letter_id=letter_id)
        dialog.accepted.connect(lambda: self._case_opened(dialog.saved_id))
        dialog.open()
        return dialog

    def _case_opened(self, case_id: int | None) -> None:
        self.refresh()
        if case_id is not None:
            self.open_case(case_id)

    def open_selected_case(self) -> None:
        self.open_case(self._id(self.case_view))

    def open_case(self, case_id: int | None) -> CaseWindow | None:
        if case_id is None:
            return None
        window = self.case_windows.get(case_id)
        if window is None or not shiboken6.isValid(window):  # closed windows delete themselves
            try:
                # A child window: it goes with this one, and no signal outlives either.
                window = CaseWindow(self.database, case_id, self)
            except PermissionDenied:
                self.errors.show_message(permission_denied_message())
                return None
            window.report_requested.connect(self.report_requested)
            window.changed.connect(self.refresh)
            self.case_windows[case_id] = window
        window.show()
        window.raise_()
        return window

    # -- letters ------------------------------------------------------------------------

    def _letters_tab(self) -> QWidget:
        self.all_letters = QCheckBox(_tr("Cả đơn đã xử lý"))
        self.overdue_letters = QCheckBox(_tr("Chỉ đơn quá hạn"))
        self.due_soon_letters = QCheckBox(_tr("Chỉ đơn sắp đến hạn"))
        for box in (self.all_letters, self.overdue_letters, self.due_soon_letters):
            box.toggled.connect(self.apply_letter_filters)
        new = QPushButton(_tr("Vào sổ đơn thư…"))
        new.clicked.connect(self.new_letter)
        self.letter_model = LetterTableModel(self.database)
        self.letter_view = _view(self.letter_model, (70, 80, 130, 180, 380, 180))
        self.letter_view.selectionModel().currentRowChanged.connect(lambda *_: self.show_letter())
        self.letter_detail = QPlainTextEdit()
        self.letter_detail.setReadOnly(True)
        self.letter_detail.setMaximumHeight(150)
        self.handling = QComboBox()
        for status in (LetterStatus.ANSWERED, LetterStatus.FILED, LetterStatus.FORWARDED, LetterStatus.NOT_ELIGIBLE):
            self.handling.addItem(inspection_label(status), status)
        self.handling_text = QLineEdit()
        self.handling_text.setPlaceholderText(_tr("Kết quả, nơi chuyển đến hoặc lý do"))
        self.handled_on = DateLineEdit()
        self.handled_on.set_value(clock.today())
        handle = QPushButton(_tr("Ghi xử lý"))
        handle.clicked.connect(self.handle_selected_letter)
        extend = QPushButton(_tr("Gia hạn"))
        extend.clicked.connect(self.extend_selected_letter)
        self.handler = QComboBox()
        for user_id, name in inspectors(self.database):
            self.handler.addItem(name, user_id)
        assign = QPushButton(_tr("Giao xử lý"))
        assign.setToolTip(_tr("Chỉ người được giao và tổ kiểm tra của hồ sơ thấy thông tin người gửi"))
        assign.clicked.connect(self.assign_selected_letter)
        to_case = QPushButton(_tr("Thụ lý thành hồ sơ…"))
        to_case.clicked.connect(lambda: self.new_case(self._id(self.letter_view)))
        filters = QHBoxLayout()
        for widget in (self.all_letters, self.overdue_letters, self.due_soon_letters):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(QLabel(_tr("Người xử lý")))
        filters.addWidget(self.handler)
        filters.addWidget(assign)
        filters.addWidget(new)
        actions = QHBoxLayout()
        for widget in (self.handling, self.handling_text, self.handled_on, handle, extend, to_case):
            actions.addWidget(widget)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(self.letter_view, 1)
        layout.addWidget(self.letter_detail)
        layout.addLayout(actions)
        return page

    def apply_letter_filters(self) -> None:
        self.letter_model.set_query(LetterListQuery(pending_only=not self.all_letters.isChecked(),
                                                    overdue_only=self.overdue_letters.isChecked(),
                                                    due_soon_only=self.due_soon_letters.isChecked()))
        self.letter_detail.clear()

    def new_letter(self) -> LetterDialog:
        dialog = LetterDialog(self.database, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def show_letter(self) -> LetterDetail | None:
        letter_id = self._id(self.letter_view)
        if letter_id is None:
            self.letter_detail.clear()
            return None
        letter = get_letter(self.database, letter_id)
        deadline = letter.extended_to or letter.due_on
        lines = [_tr("Đơn số {number}, nhận ngày {on} ({channel}); {kind}").format(
                     number=letter.number, on=format_date(letter.received_on),
                     channel=inspection_label(letter.channel), kind=inspection_label(letter.kind)),
                 _tr("Người gửi: {name}; địa chỉ: {address}").format(
                     name=_tr("nặc danh") if letter.is_anonymous else letter.sender_name or "",
                     address=letter.sender_address or ""),
                 _tr("Người, tổ chức bị phản ánh: {who}").format(who=letter.concerned),
                 _tr("Tình trạng: {status}; hạn giải quyết: {due}").format(
                     status=inspection_label(letter.status), due=format_date(deadline) if deadline else "—"),
                 letter.summary]
        self.letter_detail.setPlainText("\n".join(lines))
        return letter

    def _letter_action(self, action) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except ValidationFailed as failed:
            self.errors.show_message("\n".join(problem_message(p) for p in failed.problems))
            return
        except PermissionDenied:
            self.errors.show_message(permission_denied_message())
            return
        self.errors.show_message(None)
        self.refresh()

    def handle_selected_letter(self) -> None:
        letter_id = self._id(self.letter_view)
        problem = self.handled_on.parse_problem()
        if letter_id is None or problem:
            self.errors.show_message(problem)
            return
        status: LetterStatus = self.handling.currentData()
        text = self.handling_text.text()
        self._letter_action(lambda: handle_letter(
            self.database, letter_id, status, self.handled_on.date(),
            reason=text if status is LetterStatus.NOT_ELIGIBLE else None,
            forwarded_to=text if status is LetterStatus.FORWARDED else None,
            result=text if status in (LetterStatus.ANSWERED, LetterStatus.FILED) else None,
            notified_on=self.handled_on.date() if status is LetterStatus.ANSWERED else None))

    def assign_selected_letter(self) -> None:
        letter_id = self._id(self.letter_view)
        user_id = self.handler.currentData()
        if letter_id is not None and user_id is not None:
            self._letter_action(lambda: assign_letter(self.database, letter_id, user_id))

    def extend_selected_letter(self) -> None:
        letter_id = self._id(self.letter_view)
        if letter_id is not None:
            self._letter_action(lambda: extend_letter(self.database, letter_id))

    def refresh(self) -> None:
        self.case_model.refresh()
        self._show_case_count()
        self.letter_model.refresh()
        self.letter_detail.clear()
        self.refresh_dashboard()

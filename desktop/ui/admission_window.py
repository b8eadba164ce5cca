"""Nghiệp vụ → Phát triển đảng viên: the candidates of an organisation (filters: state,
overdue), a case with its steps and deadline, the next step, the admission (domain spec §3)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.admission_texts import state_label
from desktop.db.database import Database
from desktop.models.admission import AdmissionState
from desktop.models.admission_rules import OPEN_STATES
from desktop.models.dates import format_date
from desktop.models.permissions import Permission
from desktop.services import clock
from desktop.services.admission import (
    AdmissionListQuery,
    CaseRecord,
    CaseRow,
    count_cases,
    default_organization,
    fetch_cases,
    find_organizations,
    get_case,
)
from desktop.ui.admission_candidate_form import CandidateForm
from desktop.ui.admission_case_panel import CasePanel
from desktop.ui.search_picker import SearchPicker, Suggestion

_PAGE = 200
_ALL_OPEN = "open"
_ALL = "all"


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdmissionWindow", text)


def _headers() -> tuple[str, ...]:
    return (_tr("Họ và tên"), _tr("Ngày sinh"), _tr("Chi bộ"), _tr("Trạng thái"), _tr("Hạn tiếp theo"))


class OrganizationPicker(SearchPicker):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.setPlaceholderText(_tr("Gõ tên hoặc mã tổ chức đảng rồi chọn"))

    def find(self, text: str) -> list[Suggestion]:
        return [Suggestion(choice.id, choice.name, tooltip=choice.code, name=choice.name)
                for choice in find_organizations(self._database, text, self.SUGGESTIONS)]


class CaseListModel(QAbstractTableModel):
    """The candidates page by page (fetchMore), as the SQL returns them."""


    def __init__(self, database: Database) -> None:
        super().__init__()
        self._database = database
        self._query: AdmissionListQuery | None = None
        self._rows: list[CaseRow] = []
        self._total = 0

    def set_query(self, query: AdmissionListQuery | None) -> None:
        self.beginResetModel()
        self._query = query
        self._rows = []
        self._total = count_cases(self._database, query) if query else 0
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    @property
    def total(self) -> int:
        return self._total

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_headers())

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._query is not None and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if self._query is None:
            return
        rows = fetch_cases(self._database, self._query, len(self._rows), _PAGE)
        if not rows:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        overdue = row.next_deadline is not None and row.next_deadline < clock.today()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.full_name, format_date(row.date_of_birth, row.dob_precision), row.cell_name,
                    state_label(row.state), format_date(row.next_deadline))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole and overdue:
            return _tr("Đã quá hạn")
        return None

    def case_id(self, row: int) -> int:
        return self._rows[row].id


class AdmissionWindow(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.setWindowTitle(_tr("Phát triển đảng viên"))
        self.resize(1300, 800)
        may_edit = bool(database.actor and database.actor.may(Permission.EDIT_REGISTER))
        self.organization = OrganizationPicker(database)
        self.organization.chosen.connect(lambda _choice: self.refresh())
        self.state = QComboBox()
        self.state.addItem(_tr("Mọi hồ sơ đang xét"), _ALL_OPEN)
        for state in AdmissionState:
            self.state.addItem(state_label(state), state)
        self.state.addItem(_tr("Tất cả, kể cả đã kết thúc"), _ALL)
        self.state.currentIndexChanged.connect(lambda _index: self.refresh())
        self.overdue = QCheckBox(_tr("Chỉ hồ sơ quá hạn"))
        self.overdue.toggled.connect(lambda _checked: self.refresh())
        self.count = QLabel()
        self.new_button = QPushButton(_tr("Thêm quần chúng…"))
        self.new_button.setEnabled(may_edit)
        self.new_button.clicked.connect(self.new_candidate)
        self.model = CaseListModel(database)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.candidate = CandidateForm(database)
        self.candidate.set_editable(may_edit)
        self.candidate.saved.connect(self._on_saved)
        self.case_panel = CasePanel(database)
        self.case_panel.changed.connect(self._on_saved)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(_tr("Tổ chức")))
        filters.addWidget(self.organization, 2)
        filters.addWidget(self.state, 1)
        filters.addWidget(self.overdue)
        filters.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.case_panel)
        right_layout.addWidget(self.candidate)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(right)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([600, 700])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        start = default_organization(database)
        if start is not None:
            self.organization.set_choice(Suggestion(start.id, start.name, name=start.name))
        self.refresh()

    def query(self) -> AdmissionListQuery | None:
        organization_id = self.organization.chosen_id()
        if organization_id is None:
            return None
        choice = self.state.currentData()
        return AdmissionListQuery(
            organization_id, state=choice if isinstance(choice, AdmissionState) else None,
            overdue_on=clock.today() if self.overdue.isChecked() else None, include_closed=choice == _ALL)

    def refresh(self) -> None:
        self.model.set_query(self.query())
        self.count.setText(_tr("{count} hồ sơ").format(count=self.model.total))

    def new_candidate(self) -> None:
        self.table.clearSelection()
        self.case_panel.show_case(None)
        self.candidate.load(None)
        self.candidate.full_name.setFocus()

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.open_case(self.model.case_id(current.row()))

    def open_case(self, case_id: int) -> None:
        record = get_case(self._database, case_id)
        self.case_panel.show_case(record)
        self.candidate.load(record)
        may_edit = bool(self._database.actor and self._database.actor.may(Permission.EDIT_REGISTER))
        self.candidate.set_editable(may_edit and record.is_open)

    def _on_saved(self, record: CaseRecord) -> None:
        self.refresh()
        self.case_panel.show_case(record)
        self.candidate.load(record)
        self.candidate.set_editable(record.state in OPEN_STATES)

"""The tabs of the member form, grouped as in the member's profile (lý lịch đảng viên)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.catalogues import ETHNICITIES, RELIGIONS
from desktop.models.dates import format_date
from desktop.models.enums import AcademicTitle, Gender, PoliticalTheory, ProfessionalDegree
from desktop.services.member_events import TimelineEntry
from desktop.services.members import MemberRecord
from desktop.texts import field_label, label
from desktop.ui.cell_picker import CellPicker
from desktop.ui.member_fields import (
    BirthDateField,
    BoolField,
    CellField,
    ChoiceField,
    DateField,
    EnumField,
    Field,
    NotesField,
    TextField,
)

_CONTEXT = "MemberForm"
REQUIRED = ("full_name", "gender", "date_of_birth", "admission_date", "cell_id")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _pages(database: Database) -> list[tuple[str, list[Field]]]:
    placeholder = {
        "national_id": _tr("12 chữ số"),
        "general_education": _tr("ví dụ 12/12"),
        "phone": _tr("ví dụ 0912 345 678"),
        "foreign_languages": _tr("ví dụ Tiếng Anh B1"),
        "it_level": _tr("ví dụ Ứng dụng CNTT cơ bản"),
    }
    fields: list[tuple[str, list[Field]]] = [
        (
            _tr("Sơ yếu lý lịch"),
            [
                TextField("full_name", 100),
                TextField("birth_name", 100),
                TextField("alias", 100),
                EnumField("gender", Gender, optional=True),
                BirthDateField(),
                TextField("birth_place", 200),
                TextField("home_town", 200),
                TextField("permanent_address", 300),
                TextField("current_address", 300),
                TextField("national_id", 15),
                TextField("phone", 40),
                TextField("email", 200),
                ChoiceField("ethnicity", ETHNICITIES),
                ChoiceField("religion", RELIGIONS),
            ],
        ),
        (
            _tr("Trình độ"),
            [
                TextField("general_education", 10),
                EnumField("professional_degree", ProfessionalDegree),
                TextField("professional_field", 150),
                EnumField("academic_title", AcademicTitle),
                EnumField("political_theory", PoliticalTheory),
                TextField("foreign_languages", 150),
                TextField("it_level", 100),
            ],
        ),
        (
            _tr("Công tác"),
            [
                TextField("occupation", 100),
                TextField("work_unit", 200),
                TextField("position_gov", 150),
                BoolField(
                    "works_in_political_system",
                    _tr("Có (cán bộ, công chức, viên chức trong hệ thống chính trị)"),
                ),
            ],
        ),
        (
            _tr("Đảng"),
            [
                CellField(CellPicker(database)),
                DateField("admission_decision_date"),
                DateField("admission_date"),
                TextField("admission_place", 200),
                DateField("official_date"),
                TextField("official_place", 200),
                TextField("party_card_number", 20),
                DateField("party_card_issue_date"),
                TextField("database_code", 30),
                DateField("youth_union_join_date"),
            ],
        ),
        (_tr("Ghi chú"), [NotesField("notes")]),
    ]
    for _title, page_fields in fields:
        for item in page_fields:
            text = placeholder.get(item.name)
            if text and isinstance(item, TextField):
                item.editor.setPlaceholderText(text)
    return fields


def build_tabs(database: Database, tabs: QTabWidget) -> dict[str, Field]:
    """Add the editing tabs to `tabs`; returns the fields by MemberDraft name."""
    by_name: dict[str, Field] = {}
    for title, page_fields in _pages(database):
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        index = tabs.count()
        for item in page_fields:
            text = field_label(item.name) + (" *" if item.name in REQUIRED else "")
            caption = QLabel(text)
            caption.setBuddy(item.editor)
            form.addRow(caption, item.container)
            item.page = index
            by_name[item.name] = item
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        tabs.addTab(scroll, title)
    return by_name


class HistoryPage(QWidget):
    """Read-only: every event of the member in order with its documents, and the current
    committee seats; the button records a new decision (for roles that may edit)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = self._table([
            _tr("Ngày"), _tr("Sự kiện"), _tr("Nơi đi / đến"), _tr("Nghị quyết"), _tr("Quyết định"),
            _tr("Lý do, ghi chú"),
        ])
        header = self.events.horizontalHeader()
        for column in range(2, 6):  # the texts share the width and wrap; dates and kinds fit
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.events.setWordWrap(True)
        self.events.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wrapped texts need their rows re-measured whenever the columns change width.
        header.sectionResized.connect(lambda *_args: self.events.resizeRowsToContents())
        self.seats = self._table([_tr("Chức vụ"), _tr("Cấp ủy / tổ chức"), _tr("Từ ngày")])
        self.record_button = QPushButton(_tr("Ghi &quyết định, biến động…"))
        self.record_button.setToolTip(_tr(
            "Miễn sinh hoạt, trở lại sinh hoạt, xóa tên, xin ra khỏi Đảng, khai trừ, từ trần, phục hồi"))
        heading = QHBoxLayout()
        heading.addWidget(QLabel(_tr("Quá trình sinh hoạt đảng")), 1)
        heading.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.events, 3)
        layout.addWidget(QLabel(_tr("Chức vụ trong cấp ủy hiện nay")))
        layout.addWidget(self.seats, 1)

    @staticmethod
    def _table(titles: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(titles))
        table.setHorizontalHeaderLabels(titles)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def show_history(self, timeline: list[TimelineEntry], record: MemberRecord) -> None:
        self.events.setRowCount(len(timeline))
        for row, event in enumerate(timeline):
            values = (
                format_date(event.effective_date), label(event.kind), _places(event),
                _document(event.resolution_number, event.resolution_date, None),
                _document(event.decision_number, event.decision_date, event.issuing_body),
                event.note or "",
            )
            for column, value in enumerate(values):
                self.events.setItem(row, column, QTableWidgetItem(value))
        self.events.resizeRowsToContents()
        self.seats.clearSpans()
        if record.seats:
            self.seats.setRowCount(len(record.seats))
            for row, seat in enumerate(record.seats):
                values = (label(seat.role), seat.organization_name, format_date(seat.start_date))
                for column, value in enumerate(values):
                    self.seats.setItem(row, column, QTableWidgetItem(value))
        else:
            self.seats.setRowCount(1)
            none = QTableWidgetItem(_tr("Không giữ chức vụ nào trong cấp ủy."))
            self.seats.setItem(0, 0, none)
            self.seats.setSpan(0, 0, 1, 3)


def _places(event: TimelineEntry) -> str:
    source = event.from_org_name
    target = event.to_org_name or event.counterpart
    if source and target:
        return f"{source} → {target}"
    return target or source or ""


def _document(number: str | None, day: object, body: str | None) -> str:
    parts = [part for part in (number, _tr("ngày {date}").format(date=format_date(day)) if day else None, body)
             if part]
    return ", ".join(parts)

"""The left-hand side of the reports window: which report, of which organisation, at which
date, and for the profile sheet which member.

It only describes the choice (`request`) and says in place what is missing; making the
report is the window's business, asked for with `generate_requested`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.services import clock
from desktop.services.organizations import OrgNode
from desktop.ui.member_picker import MemberPicker
from desktop.ui.org_tree_pane import OrgTreePane
from desktop.ui.report_names import report_description, report_title
from desktop.ui.widgets import DateLineEdit, ErrorLabel

# The reports window's context, shared by the modules it is built from (see report_names).
_CONTEXT = "ReportsPanel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _heading(text: str) -> QLabel:
    heading = QLabel(text)
    font = QFont(heading.font())
    font.setBold(True)
    heading.setFont(font)
    return heading


class ReportChooser(QWidget):
    generate_requested = Signal()  # the button, or Enter in the date field

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)

        layout.addWidget(_heading(_tr("Báo cáo")))
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[ReportKind, QRadioButton] = {}
        for kind in ReportKind:
            if kind.needs_record or kind.needs_inspection:
                continue  # printed from the window showing the record, or the inspection windows
            button = QRadioButton(report_title(kind))
            button.setToolTip(report_description(kind))
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            layout.addWidget(button)
        # One description, of the chosen kind: nine of them would crowd out the tree.
        self.kind_description = QLabel()
        self.kind_description.setWordWrap(True)
        self.kind_description.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # secondary text
        layout.addWidget(self.kind_description)
        self.kind_buttons[ReportKind.ROSTER].setChecked(True)
        self.kind_group.buttonToggled.connect(lambda _button, _on: self._on_kind_changed())

        layout.addSpacing(6)
        layout.addWidget(_heading(_tr("Tổ chức đảng")))
        self.org_tree = OrgTreePane(database)
        self.org_model = self.org_tree.org_model
        self.org_tree.node_changed.connect(self._on_org_changed)
        layout.addWidget(self.org_tree, 1)

        form = QFormLayout()
        form.setContentsMargins(0, 6, 0, 0)
        self.as_of_edit = DateLineEdit()
        self.as_of_edit.set_value(clock.today())
        self.as_of_edit.setToolTip(_tr("Báo cáo lấy số liệu đến hết ngày này (ngày/tháng/năm)"))
        self.as_of_edit.setMaximumWidth(self.as_of_edit.fontMetrics().averageCharWidth() * 16)
        self.as_of_edit.returnPressed.connect(self.generate_requested)
        self.period_label = QLabel(_tr("Từ ngày:"))
        self.period_start_edit = DateLineEdit()
        today = clock.today()
        self.period_start_edit.set_value(today.replace(month=1, day=1))
        self.period_start_edit.setToolTip(_tr("Ngày đầu của kỳ báo cáo biến động (ngày/tháng/năm)"))
        self.period_start_edit.setMaximumWidth(self.as_of_edit.maximumWidth())
        form.addRow(self.period_label, self.period_start_edit)
        form.addRow(_tr("Ngày số liệu:"), self.as_of_edit)
        self.member_label = QLabel(_tr("Đảng viên:"))
        self.member_picker = MemberPicker(database)
        form.addRow(self.member_label, self.member_picker)
        layout.addLayout(form)

        self.form_error = ErrorLabel()
        layout.addWidget(self.form_error)
        self.generate_button = QPushButton(_tr("Tạo báo cáo"))
        # The Ctrl+Enter shortcut belongs to the window, so that it works from the preview too.
        self.generate_button.setToolTip(_tr("Tạo báo cáo và xem trước (Ctrl+Enter)"))
        self.generate_button.clicked.connect(self.generate_requested)
        layout.addWidget(self.generate_button)
        self._on_kind_changed()

    # -- the choice --------------------------------------------------------------------

    def kind(self) -> ReportKind:
        for kind, button in self.kind_buttons.items():
            if button.isChecked():
                return kind
        return ReportKind.ROSTER

    def set_kind(self, kind: ReportKind) -> None:
        self.kind_buttons[kind].setChecked(True)

    def selected_org(self) -> OrgNode | None:
        return self.org_model.node(self.org_tree.currentIndex())

    def member_name(self) -> str:
        """The chosen member's name when this kind of report is about one member, else ''."""
        return self.member_picker.member_name() if self.kind().needs_member else ""

    def preselect(self, organization_id: int | None, member_id: int | None) -> None:
        """Start from what the main window has selected (the organisation, the member)."""
        if organization_id is not None:
            self.select_org(organization_id)
        elif self.selected_org() is None:
            self.org_tree.select_first()
        self.member_picker.set_member_id(member_id)

    def select_org(self, organization_id: int) -> None:
        self.org_tree.select_org(organization_id)

    def _on_org_changed(self, node: OrgNode | None) -> None:
        self.member_picker.set_organization(node.id if node is not None else None)
        self.form_error.show_message(None)

    def _on_kind_changed(self) -> None:
        self.kind_description.setText(report_description(self.kind()))
        needs_member = self.kind().needs_member
        self.member_label.setEnabled(needs_member)
        self.member_picker.setEnabled(needs_member)
        needs_period = self.kind().needs_period
        self.period_label.setEnabled(needs_period)
        self.period_start_edit.setEnabled(needs_period)
        self.form_error.show_message(None)

    # -- what is missing ---------------------------------------------------------------

    def request(self) -> ReportRequest | None:
        """The request the choices describe, or None after saying what is missing."""
        node = self.selected_org()
        if node is None:
            return self._refuse(_tr("Chọn tổ chức đảng cần in báo cáo trong cây bên trên."), self.org_tree)
        if not self.as_of_edit.text().strip():
            return self._refuse(_tr("Nhập ngày số liệu (ngày/tháng/năm)."), self.as_of_edit)
        problem = self.as_of_edit.parse_problem()
        if problem:
            return self._refuse(problem, self.as_of_edit)
        as_of = self.as_of_edit.date()
        assert as_of is not None
        member_id = None
        if self.kind().needs_member:
            member_id = self.member_picker.member_id()
            if member_id is None:
                return self._refuse(
                    _tr("Chọn đảng viên cần in phiếu: gõ họ tên rồi chọn trong danh sách gợi ý."),
                    self.member_picker,
                )
        period_start = None
        if self.kind().needs_period:
            problem = self.period_start_edit.parse_problem()
            period_start = None if problem else self.period_start_edit.date()
            if problem or period_start is None:
                return self._refuse(problem or _tr("Nhập ngày đầu kỳ (ngày/tháng/năm)."), self.period_start_edit)
            if period_start > as_of:
                return self._refuse(_tr("Ngày đầu kỳ phải trước ngày số liệu."), self.period_start_edit)
        self.form_error.show_message(None)
        return ReportRequest(self.kind(), node.id, as_of, member_id, period_start)

    def _refuse(self, text: str, field: QWidget) -> None:
        self.form_error.show_message(text)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        return None

"""One case's workspace: the timeline of its steps (overdue ones in red), its subjects with
their limitation periods, its documents, the conclusion and the discipline decisions with
their appeal deadlines. Every action goes through the services, which check the role, the
scope and the rules; the notice and the decision print through the Reports window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.discipline_texts import discipline_labels
from desktop.inspection_texts import inspection_label
from desktop.models.dates import format_date
from desktop.models.discipline import DisciplineForm
from desktop.models.inspection import AppealOutcome, CaseDocumentKind, DecidingBodyKind, Seriousness
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import ValidationFailed
from desktop.services.inspection_cases import (
    ConclusionDraft,
    add_document,
    assign_case,
    complete_step,
    record_conclusion,
)
from desktop.services.inspection_decisions import (
    DecisionDraft,
    lodge_appeal,
    record_decision,
    resolve_appeal,
)
from desktop.services.inspection_detail import CaseDetail, document_content, get_case
from desktop.services.letters import inspectors
from desktop.texts import permission_denied_message, problem_message
from desktop.ui.inspection_dialogs import enum_combo
from desktop.ui.inspection_models import OVERDUE_BACKGROUND, OVERDUE_COLOUR
from desktop.ui.widgets import DateLineEdit, ErrorLabel

_CONTEXT = "InspectionCase"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def choose_document_file(parent: QWidget | None) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(parent, _tr("Chọn tài liệu của hồ sơ"))
    return path or None


def choose_document_copy_path(parent: QWidget | None, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _tr("Lưu bản sao tài liệu"), suggested)
    return path or None


def _table(titles: list[str], widths: tuple[int, ...] = ()) -> QTableWidget:
    table = QTableWidget(0, len(titles))
    table.setHorizontalHeaderLabels(titles)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], overdue: list[bool] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if overdue and overdue[r]:
                item.setForeground(QBrush(OVERDUE_COLOUR))
                item.setBackground(QBrush(OVERDUE_BACKGROUND))
            table.setItem(r, c, item)


class CaseWindow(QWidget):
    report_requested = Signal(object)
    changed = Signal()

    def __init__(self, database: Database, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.database = database
        self.case_id = case_id
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setStyleSheet(f"color: {OVERDUE_COLOUR.name()}")
        self.errors = ErrorLabel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._steps_tab(), _tr("Tiến trình"))
        self.tabs.addTab(self._subjects_tab(), _tr("Đối tượng, tài liệu"))
        self.tabs.addTab(self._conclusion_tab(), _tr("Kết luận"))
        self.tabs.addTab(self._decision_tab(), _tr("Kỷ luật"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.warning)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.errors)
        self.resize(900, 640)
        self.reload()

    # -- tabs ---------------------------------------------------------------------------

    def _steps_tab(self) -> QWidget:
        self.steps = _table([_tr("Bước"), _tr("Hạn"), _tr("Hoàn thành"), _tr("Ghi chú")], (300, 100, 100))
        self.step_date = DateLineEdit()
        self.step_note = QLineEdit()
        self.step_note.setPlaceholderText(_tr("Số, ngày văn bản; ghi chú"))
        done = QPushButton(_tr("Đánh dấu bước đã chọn là hoàn thành"))
        done.clicked.connect(self.complete_selected_step)
        row = QHBoxLayout()
        for widget in (QLabel(_tr("Ngày hoàn thành")), self.step_date, self.step_note, done):
            row.addWidget(widget)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.steps)
        layout.addLayout(row)
        return page

    def _subjects_tab(self) -> QWidget:
        self.subjects = _table([_tr("Đối tượng"), _tr("Đơn vị"), _tr("Thời hiệu xử lý kỷ luật")], (200, 260))
        self.documents = _table([_tr("Loại tài liệu"), _tr("Tên tài liệu"), _tr("Tệp"), _tr("Dung lượng"),
                                 _tr("Người thêm")], (200, 260, 200, 90))
        self.document_kind = enum_combo(CaseDocumentKind)
        self.document_title = QLineEdit()
        self.document_title.setPlaceholderText(_tr("Tên tài liệu (để trống: tên tệp)"))
        add = QPushButton(_tr("Thêm tài liệu…"))
        add.clicked.connect(self.add_document)
        save_copy = QPushButton(_tr("Lưu bản sao tài liệu đã chọn…"))
        save_copy.clicked.connect(self.save_document_copy)
        row = QHBoxLayout()
        for widget in (self.document_kind, self.document_title, add, save_copy):
            row.addWidget(widget)
        self.team = QLabel()
        self.team.setWordWrap(True)
        self.team_member = QComboBox()
        for user_id, name in inspectors(self.database):
            self.team_member.addItem(name, user_id)
        add_member = QPushButton(_tr("Thêm vào tổ kiểm tra"))
        add_member.clicked.connect(self.add_team_member)
        team_row = QHBoxLayout()
        for widget in (self.team, self.team_member, add_member):
            team_row.addWidget(widget)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(team_row)
        layout.addWidget(self.subjects)
        layout.addWidget(self.documents)
        layout.addLayout(row)
        return page

    def _conclusion_tab(self) -> QWidget:
        self.concluded_on = DateLineEdit()
        self.seriousness = enum_combo(Seriousness)
        self.violations = QPlainTextEdit()
        self.conclusion = QPlainTextEdit()
        save = QPushButton(_tr("Ghi kết luận"))
        save.clicked.connect(self.save_conclusion)
        self.print_notice = QPushButton(_tr("In thông báo kết luận…"))
        self.print_notice.clicked.connect(self.request_notice)
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(_tr("Ngày họp kết luận"), self.concluded_on)
        form.addRow(_tr("Mức độ"), self.seriousness)
        form.addRow(_tr("Vi phạm"), self.violations)
        form.addRow(_tr("Nội dung kết luận"), self.conclusion)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(self.print_notice)
        form.addRow(buttons)
        return page

    def _decision_tab(self) -> QWidget:
        self.decisions = _table([_tr("Đối tượng"), _tr("Hình thức"), _tr("Quyết định / đề nghị"), _tr("Số"),
                                 _tr("Ngày hiệu lực"), _tr("Hạn khiếu nại"), _tr("Khiếu nại")],
                                (180, 90, 170, 110, 100, 100))
        self.decision_subject = QComboBox()
        self.decision_form = QComboBox()
        for form, text in discipline_labels().items():
            self.decision_form.addItem(text, form)
        self.decision_body_kind = enum_combo(DecidingBodyKind)
        self.decision_body = QLineEdit()
        self.decision_number = QLineEdit()
        self.decided_on = DateLineEdit()
        self.effective_on = DateLineEdit()
        self.reasons = QLineEdit()
        self.voters = QSpinBox()
        self.voters.setRange(0, 999)
        self.voters.setSpecialValueText(_tr("không ghi"))
        self.votes_for = QSpinBox()
        self.votes_for.setRange(0, 999)
        self.proposal = QCheckBox(_tr("Chỉ đề nghị cấp có thẩm quyền quyết định"))
        save = QPushButton(_tr("Ghi quyết định kỷ luật"))
        save.clicked.connect(self.save_decision)
        self.print_decision = QPushButton(_tr("In quyết định đã chọn…"))
        self.print_decision.clicked.connect(self.request_decision)
        self.appeal_on = DateLineEdit()
        self.appeal_resolver = QLineEdit()
        self.appeal_resolver.setPlaceholderText(_tr("Cấp giải quyết khiếu nại"))
        lodge = QPushButton(_tr("Ghi đơn khiếu nại quyết định đã chọn"))
        lodge.clicked.connect(self.lodge_appeal)
        self.appeal_outcome = QComboBox()
        for outcome in (AppealOutcome.UPHELD, AppealOutcome.CHANGED, AppealOutcome.ANNULLED,
                        AppealOutcome.NOT_ACCEPTED):
            self.appeal_outcome.addItem(inspection_label(outcome), outcome)
        self.appeal_result = QLineEdit()
        self.appeal_result.setPlaceholderText(_tr("Kết quả giải quyết"))
        resolve = QPushButton(_tr("Ghi kết quả khiếu nại đang giải quyết"))
        resolve.clicked.connect(self.resolve_appeal)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.decisions)
        form = QFormLayout()
        for label, widget in ((_tr("Đối tượng"), self.decision_subject), (_tr("Hình thức"), self.decision_form),
                              (_tr("Cấp quyết định"), self.decision_body_kind),
                              (_tr("Tên cơ quan quyết định"), self.decision_body),
                              (_tr("Số quyết định"), self.decision_number), (_tr("Ngày ký"), self.decided_on),
                              (_tr("Ngày công bố, có hiệu lực"), self.effective_on), (_tr("Lý do"), self.reasons),
                              (_tr("Số người biểu quyết (bỏ phiếu kín)"), self.voters),
                              (_tr("Số phiếu tán thành"), self.votes_for),
                              ("", self.proposal)):
            form.addRow(label, widget)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(self.print_decision)
        layout.addLayout(buttons)
        appeal = QHBoxLayout()
        for widget in (QLabel(_tr("Ngày nhận đơn")), self.appeal_on, self.appeal_resolver, lodge):
            appeal.addWidget(widget)
        layout.addLayout(appeal)
        resolution = QHBoxLayout()
        for widget in (self.appeal_outcome, self.appeal_result, resolve):
            resolution.addWidget(widget)
        layout.addLayout(resolution)
        return page

    # -- showing ------------------------------------------------------------------------

    def reload(self) -> None:
        self.detail: CaseDetail = get_case(self.database, self.case_id)
        d = self.detail
        self.setWindowTitle(_tr("Hồ sơ {number}").format(number=d.number))
        self.heading.setText(_tr("<b>Hồ sơ {number}</b> — {kind} — {state}<br>{title}<br>{org}; mở ngày {opened}")
                             .format(number=d.number, kind=inspection_label(d.kind), state=inspection_label(d.state),
                                     title=d.title, org=d.organization_name, opened=format_date(d.opened_on)))
        warnings = []
        if d.overdue_steps:
            warnings.append(_tr("{count} bước quá hạn.").format(count=d.overdue_steps))
        if d.limitation_warning:
            warnings.append(_tr("Sắp hết thời hiệu xử lý kỷ luật."))
        self.warning.setText(" ".join(warnings))
        self.warning.setVisible(bool(warnings))
        _fill(self.steps, [(inspection_label(s.kind), format_date(s.due_on), format_date(s.done_on), s.note or "")
                           for s in d.steps], [s.overdue for s in d.steps])
        self.team.setText(_tr("Tổ kiểm tra: {names}").format(names=", ".join(d.team)))
        labels = discipline_labels()
        _fill(self.subjects, [(s.name, s.unit, "; ".join(
            f"{labels[form]}: " + (format_date(expires) if expires else _tr("không áp dụng thời hiệu"))
            for form, expires in s.limitation)) for s in d.subjects])
        _fill(self.documents, [(inspection_label(doc.kind), doc.title, doc.file_name,
                                f"{(doc.size_bytes + 1023) // 1024} KB", doc.added_by) for doc in d.documents])
        self.decision_subject.clear()
        for subject in d.subjects:
            self.decision_subject.addItem(subject.name, subject.id)
        _fill(self.decisions, [(dec.subject_name, labels[dec.form], inspection_label(dec.status), dec.decision_number,
                                format_date(dec.effective_on), format_date(dec.appeal_deadline),
                                ", ".join(inspection_label(a.outcome) for a in dec.appeals)) for dec in d.decisions])
        if d.concluded_on is not None:
            self.concluded_on.set_value(d.concluded_on)
            self.seriousness.setCurrentIndex(self.seriousness.findData(d.seriousness))
            self.violations.setPlainText(d.violations_found or "")
            self.conclusion.setPlainText(d.conclusion_text or "")
        self.print_notice.setEnabled(d.concluded_on is not None)

    def _act(self, action) -> bool:  # type: ignore[no-untyped-def]
        try:
            action()
        except ValidationFailed as failed:
            self.errors.show_message("\n".join(problem_message(p) for p in failed.problems))
            return False
        except PermissionDenied:
            self.errors.show_message(permission_denied_message())
            return False
        self.errors.show_message(None)
        self.reload()
        self.changed.emit()
        return True

    def _date(self, edit: DateLineEdit) -> bool:
        problem = edit.parse_problem()
        self.errors.show_message(problem)
        return problem is None

    # -- actions ------------------------------------------------------------------------

    def complete_selected_step(self) -> None:
        row = self.steps.currentRow()
        if row < 0 or not self._date(self.step_date):
            return
        step = self.detail.steps[row].kind
        self._act(lambda: complete_step(self.database, self.case_id, step, self.step_date.date() or clock.today(),
                                        self.step_note.text() or None))

    def add_document(self) -> None:
        path = choose_document_file(self)
        if path is None:
            return
        file = Path(path)
        try:
            content = file.read_bytes()
        except OSError as error:
            self.errors.show_message(_tr("Không đọc được tệp {name}: {reason}").format(
                name=file.name, reason=error.strerror))
            return
        self._act(lambda: add_document(self.database, self.case_id, self.document_kind.currentData(),
                                       self.document_title.text(), file.name, "application/octet-stream", content))

    def add_team_member(self) -> None:
        user_id = self.team_member.currentData()
        if user_id is not None:
            self._act(lambda: assign_case(self.database, self.case_id, user_id))

    def save_document_copy(self) -> None:
        row = self.documents.currentRow()
        if row < 0:
            self.errors.show_message(_tr("Chọn một tài liệu trong danh sách."))
            return
        document = self.detail.documents[row]
        target = choose_document_copy_path(self, document.file_name)
        if target is None:
            return
        try:
            _name, _media, content = document_content(self.database, document.id)  # an audited read
            Path(target).write_bytes(content)
        except PermissionDenied:
            self.errors.show_message(permission_denied_message())
        except OSError as error:
            self.errors.show_message(_tr("Không ghi được tệp {path}: {reason}").format(
                path=target, reason=error.strerror))
        else:
            self.errors.show_message(None)

    def save_conclusion(self) -> None:
        if not self._date(self.concluded_on):
            return
        draft = ConclusionDraft(self.concluded_on.date(), self.seriousness.currentData(),
                                self.violations.toPlainText(), self.conclusion.toPlainText())
        self._act(lambda: record_conclusion(self.database, self.case_id, draft))

    def save_decision(self) -> None:
        if self.decision_subject.currentIndex() < 0 or not (self._date(self.decided_on) and
                                                             self._date(self.effective_on)):
            return
        form: DisciplineForm = self.decision_form.currentData()
        draft = DecisionDraft(
            subject_id=self.decision_subject.currentData(), form=form,
            deciding_body_kind=self.decision_body_kind.currentData(), deciding_body=self.decision_body.text(),
            decision_number=self.decision_number.text(), decided_on=self.decided_on.date(),
            effective_on=self.effective_on.date(), reasons=self.reasons.text(), proposal=self.proposal.isChecked(),
            voters=self.voters.value() or None, votes_for=self.votes_for.value() if self.voters.value() else None)
        self._act(lambda: record_decision(self.database, self.case_id, draft))

    def request_notice(self) -> None:
        self.report_requested.emit(ReportRequest(ReportKind.INSPECTION_NOTICE, self.detail.organization_id,
                                                 clock.today(), record_id=self.case_id))

    def _selected_decision(self):  # type: ignore[no-untyped-def]
        row = self.decisions.currentRow()
        if row < 0:
            self.errors.show_message(_tr("Chọn một quyết định trong danh sách."))
            return None
        return self.detail.decisions[row]

    def lodge_appeal(self) -> None:
        decision = self._selected_decision()
        if decision is None or not self._date(self.appeal_on):
            return
        self._act(lambda: lodge_appeal(self.database, decision.id, self.appeal_on.date(), self.appeal_resolver.text()))

    def resolve_appeal(self) -> None:
        decision = self._selected_decision()
        if decision is None:
            return
        pending = [a for a in decision.appeals if a.outcome is AppealOutcome.PENDING]
        if not pending:
            self.errors.show_message(_tr("Quyết định này không có đơn khiếu nại đang giải quyết."))
            return
        outcome: AppealOutcome = self.appeal_outcome.currentData()
        self._act(lambda: resolve_appeal(self.database, pending[0].id, outcome, clock.today(),
                                         self.appeal_result.text()))

    def request_decision(self) -> None:
        row = self.decisions.currentRow()
        if row < 0:
            self.errors.show_message(_tr("Chọn một quyết định trong danh sách để in."))
            return
        decision = self.detail.decisions[row]
        self.report_requested.emit(ReportRequest(ReportKind.DISCIPLINE_DECISION, self.detail.organization_id,
                                                 clock.today(), record_id=decision.id))

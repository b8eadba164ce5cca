"""One admission case on the admission window: every step done with its date and document,
the deadline in force with its basis, the form of the next step ("Kết nạp" at the ceremony),
going back a step, rejecting or withdrawing with a reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.admission_texts import (
    action_label,
    deadline_text,
    document_label,
    state_label,
    step_label,
    union_label,
)
from desktop.db.database import Database
from desktop.models.admission import AdmissionAction, AdmissionStep, UnionIntroduction
from desktop.models.admission_rules import VOTED_STEPS
from desktop.models.dates import format_date
from desktop.models.permissions import Permission
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.admission import CaseRecord, close_case, undo_last_step
from desktop.services.admission_steps import StepDraft, record_step
from desktop.services.errors import ConcurrentEdit, ValidationFailed
from desktop.texts import concurrent_edit_message, problem_message
from desktop.ui import dialogs
from desktop.ui.member_picker import MemberPicker
from desktop.ui.widgets import DateLineEdit, ErrorLabel


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdmissionCase", text)


class StepForm(QGroupBox):
    """The fields of the next step; only those the step uses are shown."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step: AdmissionStep | None = None
        self.step_date = DateLineEdit()
        self.document_number = QLineEdit()
        self.document_number.setMaxLength(60)
        self.issuing_body = QLineEdit()
        self.issuing_body.setMaxLength(200)
        self.note = QLineEdit()
        self.votes_for = QSpinBox()
        self.votes_for.setRange(0, 999)
        self.votes_total = QSpinBox()
        self.votes_total.setRange(0, 999)
        self.introducer1 = MemberPicker(database)
        self.months1 = QSpinBox()
        self.months1.setRange(0, 600)
        self.introducer2 = MemberPicker(database)
        self.months2 = QSpinBox()
        self.months2.setRange(0, 600)
        self.union = QComboBox()
        self.union.addItem(_tr("Không (hai đảng viên giới thiệu)"), None)
        for kind in UnionIntroduction:
            self.union.addItem(union_label(kind), kind)
        self.union_number = QLineEdit()
        self.mentor = MemberPicker(database)
        self.late_consent = QLineEdit()
        self.late_consent.setPlaceholderText(_tr("Số, ngày văn bản đồng ý của cấp ủy cấp trên (nếu quá hạn)"))
        self.layout_ = QFormLayout(self)
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        for name, label, widget in (
            ("date", _tr("Ngày"), self.step_date), ("number", "", self.document_number),
            ("body", _tr("Cơ quan ban hành"), self.issuing_body),
            ("votes_for", _tr("Số phiếu tán thành"), self.votes_for),
            ("votes_total", _tr("Tổng số đảng ủy viên"), self.votes_total),
            ("introducer1", _tr("Người giới thiệu thứ nhất"), self.introducer1),
            ("months1", _tr("Số tháng cùng công tác"), self.months1),
            ("union", _tr("Giới thiệu thứ hai bằng"), self.union),
            ("union_number", _tr("Số nghị quyết của đoàn thể"), self.union_number),
            ("introducer2", _tr("Người giới thiệu thứ hai"), self.introducer2),
            ("months2", _tr("Số tháng cùng công tác"), self.months2),
            ("mentor", _tr("Đảng viên được phân công giúp đỡ"), self.mentor),
            ("late", _tr("Đồng ý của cấp trên"), self.late_consent),
            ("note", _tr("Ghi chú"), self.note),
        ):
            caption = QLabel(label)
            self.layout_.addRow(caption, widget)
            self._rows[name] = (caption, widget)

    def show_step(self, step: AdmissionStep, organization_id: int) -> None:
        self.step = step
        self.setTitle(_tr("Bước tiếp theo: {step}").format(step=step_label(step)))
        for widget in (self.step_date, self.document_number, self.issuing_body, self.note, self.union_number,
                       self.late_consent):
            widget.clear()
        self.step_date.set_value(clock.today())
        for spin in (self.votes_for, self.votes_total, self.months1, self.months2):
            spin.setValue(0)
        for picker in (self.introducer1, self.introducer2, self.mentor):
            picker.set_organization(organization_id)
            picker.set_member_id(None)
        self.union.setCurrentIndex(0)
        self._rows["number"][0].setText(document_label(step))
        self._rows["body"][0].setText(
            _tr("Nơi kết nạp") if step is AdmissionStep.CEREMONY_HELD else _tr("Cơ quan ban hành"))
        shown = {"date", "number", "body", "note"}
        if step in VOTED_STEPS:
            shown.add("votes_for")
        if step is AdmissionStep.GRASSROOTS_RESOLVED:
            shown.add("votes_total")
        if step is AdmissionStep.INTRODUCED:
            shown |= {"introducer1", "months1", "union", "union_number", "introducer2", "months2"}
        if step is AdmissionStep.CEREMONY_HELD:
            shown |= {"mentor", "late"}
        for name, (caption, widget) in self._rows.items():
            caption.setVisible(name in shown)
            widget.setVisible(name in shown)

    def draft(self) -> StepDraft | str:
        """The step as entered, or the Vietnamese sentence of a date it cannot read."""
        assert self.step is not None
        if (problem := self.step_date.parse_problem()) is not None:
            return problem
        introducers: list[tuple[int, int | None]] = []
        union = self.union.currentData()
        for picker, months in ((self.introducer1, self.months1), (self.introducer2, self.months2)):
            if picker.member_id() is not None and (picker is self.introducer1 or union is None):
                introducers.append((picker.member_id(), months.value()))  # type: ignore[arg-type]
        step = self.step
        return StepDraft(
            step=step, step_date=self.step_date.date(), document_number=self.document_number.text(),
            issuing_body=self.issuing_body.text(), note=self.note.text(),
            votes_for=self.votes_for.value() if step in VOTED_STEPS else None,
            votes_total=self.votes_total.value() if step is AdmissionStep.GRASSROOTS_RESOLVED else None,
            introducers=tuple(introducers), union_introduction=union,
            union_resolution_number=self.union_number.text(),
            mentor_id=self.mentor.member_id(), ceremony_late_consent=self.late_consent.text(),
        )


class CasePanel(QWidget):
    """The open case; `changed` carries the case after a step or an action."""

    changed = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._record: CaseRecord | None = None
        self._may_edit = bool(database.actor and database.actor.may(Permission.EDIT_REGISTER))
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        self.steps = QTableWidget(0, 6)
        self.steps.setHorizontalHeaderLabels([_tr("Bước"), _tr("Ngày"), _tr("Số văn bản"), _tr("Cơ quan / nơi"),
                                              _tr("Biểu quyết"), _tr("Ghi chú")])
        self.steps.verticalHeader().setVisible(False)
        self.steps.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.steps.horizontalHeader().setStretchLastSection(True)
        self.form = StepForm(database)
        self.error = ErrorLabel()
        self.record_button = QPushButton(_tr("Ghi bước này"))
        self.record_button.clicked.connect(self.record_next_step)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_tr("Lý do (bắt buộc khi trở lại bước trước, không kết nạp, rút hồ sơ)"))
        self.undo_button = QPushButton(_tr("Trở lại bước trước"))
        self.undo_button.clicked.connect(self.undo)
        self.reject_button = QPushButton(_tr("Không kết nạp"))
        self.reject_button.clicked.connect(lambda: self.close_with(AdmissionAction.REJECTED))
        self.withdraw_button = QPushButton(_tr("Rút hồ sơ"))
        self.withdraw_button.clicked.connect(lambda: self.close_with(AdmissionAction.WITHDRAWN))
        self.print_button = QPushButton(_tr("In quyết định kết nạp (PDF)…"))
        self.print_button.clicked.connect(self.print_decision)
        self.history = QLabel()
        self.history.setWordWrap(True)
        actions = QHBoxLayout()
        for button in (self.undo_button, self.reject_button, self.withdraw_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.deadline)
        layout.addWidget(self.form)
        layout.addWidget(self.record_button)
        layout.addWidget(self.error)
        layout.addWidget(self.reason)
        layout.addLayout(actions)
        layout.addWidget(self.print_button)
        layout.addWidget(self.history)
        self.show_case(None)

    def show_case(self, record: CaseRecord | None) -> None:
        self._record = record
        self.error.show_message(None)
        self.reason.clear()
        if record is None:
            self.heading.setText(_tr("Chọn một quần chúng trong danh sách."))
            self.steps.setRowCount(0)
            self.deadline.clear()
            self.history.clear()
            self.form.setVisible(False)
            for widget in (self.record_button, self.reason, self.undo_button, self.reject_button,
                           self.withdraw_button, self.print_button):
                widget.setVisible(False)
            return
        self.heading.setText(_tr("<b>{name}</b> — {cell} — {state}").format(
            name=record.draft.full_name, cell=record.cell_name, state=state_label(record.state)))
        self._fill_steps(record)
        deadline = ""
        if record.deadline is not None:
            deadline = _tr("Hạn: {text}").format(text=deadline_text(record.deadline))
            if record.deadline.due < clock.today():
                deadline += _tr(" — đã quá hạn")
        self.deadline.setText(deadline)
        lines = [_tr("{date}: {action}, khi hồ sơ ở bước “{state}”. Lý do: {reason}").format(
            date=format_date(row.action_date), action=action_label(row.action), state=state_label(row.state_before),
            reason=row.reason) for row in record.actions]
        if record.mentor is not None:
            lines.append(_tr("Đảng viên giúp đỡ: {name}").format(name=record.mentor.full_name))
        self.history.setText("\n".join(lines))
        has_next = record.next_step is not None
        self.form.setVisible(has_next)
        if record.next_step is not None:
            # Introducers and mentors work with the candidate: in the cell or the organisation above it.
            self.form.show_step(record.next_step, record.parent_id or record.draft.cell_id or 0)
            ceremony = record.next_step is AdmissionStep.CEREMONY_HELD
            self.record_button.setText(_tr("Kết nạp") if ceremony else _tr("Ghi bước này"))
        editable = self._may_edit and record.is_open
        self.record_button.setVisible(has_next)
        self.record_button.setEnabled(editable)
        for widget in (self.reason, self.undo_button, self.reject_button, self.withdraw_button):
            widget.setVisible(record.is_open)
            widget.setEnabled(editable)
        self.undo_button.setEnabled(editable and bool(record.steps))
        decided = any(row.step is AdmissionStep.DECIDED for row in record.steps)
        self.print_button.setVisible(decided)
        self.print_button.setEnabled(bool(self._database.actor and self._database.actor.may(Permission.PRINT_REPORTS)))

    def _fill_steps(self, record: CaseRecord) -> None:
        self.steps.setRowCount(len(record.steps))
        for row, step in enumerate(record.steps):
            votes = (_tr("{yes}/{total}").format(yes=step.votes_for, total=step.votes_total)
                     if step.votes_for is not None else "")
            note = step.note or ""
            if step.late:
                note = _tr("Quá hạn. ") + note
            for column, text in enumerate((step_label(step.step), format_date(step.step_date),
                                           step.document_number or "", step.issuing_body or "", votes, note)):
                self.steps.setItem(row, column, QTableWidgetItem(text))
        self.steps.resizeColumnsToContents()

    def _run(self, action) -> None:  # type: ignore[no-untyped-def]
        try:
            record = action()
        except ValidationFailed as error:
            self.error.show_message("\n".join(problem_message(problem) for problem in error.problems))
            return
        except ConcurrentEdit:
            self.error.show_message(concurrent_edit_message())
            return
        self.show_case(record)
        self.changed.emit(record)

    def record_next_step(self) -> None:
        record = self._record
        if record is None:
            return
        draft = self.form.draft()
        if isinstance(draft, str):
            self.error.show_message(draft)
            return
        self._run(lambda: record_step(self._database, record.id, record.version, draft))

    def undo(self) -> None:
        record = self._record
        if record is not None:
            self._run(lambda: undo_last_step(self._database, record.id, record.version, self.reason.text()))

    def close_with(self, action: AdmissionAction) -> None:
        record = self._record
        if record is not None:
            self._run(lambda: close_case(self._database, record.id, record.version, action, self.reason.text(),
                                         clock.today()))

    def print_decision(self) -> None:
        record = self._record
        if record is None:
            return
        from desktop.reports.admission_decision import decision_file_name, write_admission_decision

        decided = next(row.step_date for row in record.steps if row.step is AdmissionStep.DECIDED)
        suggested = str(Path.home() / decision_file_name(record.draft.full_name, decided))
        path = dialogs.choose_pdf_save_path(self, suggested)
        if not path:
            return
        try:
            write_admission_decision(self._database, record.id, Path(path))
        except (ValidationFailed, PermissionDenied, OSError) as error:
            text = ("\n".join(problem_message(p) for p in error.problems) if isinstance(error, ValidationFailed)
                    else _tr("Không in được quyết định: {error}").format(error=error))
            self.error.show_message(text)
            return
        dialogs.show_info(self, _tr("Quyết định kết nạp"), _tr("Đã lưu {path}").format(path=path))

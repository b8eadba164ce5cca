"""The forms of the inspection windows: a new case, a new letter in the registry. Each builds a
draft, hands it to the service and shows the refusals under the form; nothing typed is lost."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.inspection_texts import inspection_label
from desktop.models.inspection import CaseKind, DecidingBodyKind, LimitationException, TargetScope
from desktop.models.letters import LetterChannel, LetterKind
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import ValidationFailed
from desktop.services.inspection_cases import CaseDraft, SubjectDraft, open_case
from desktop.services.letters import LetterDraft, register_letter
from desktop.services.organizations import (
    child_organizations,
    organization_summary,
    root_organizations,
)
from desktop.texts import permission_denied_message, problem_message
from desktop.ui.member_picker import MemberPicker
from desktop.ui.widgets import DateLineEdit, ErrorLabel, save_and_close_buttons

_CONTEXT = "InspectionDialogs"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def organization_combo(database: Database) -> QComboBox:
    """The actor's organisation and the ones directly under it (a case or letter belongs to one)."""
    combo = QComboBox()
    actor = database.actor
    if actor is not None and actor.scope_organization_id is not None:
        top = [actor.scope_organization_id]
    else:
        top = [node.id for node in root_organizations(database)]
    for org_id in top:
        combo.addItem(organization_summary(database, org_id).name, org_id)
        for child in child_organizations(database, org_id):
            combo.addItem("    " + child.name, child.id)
    return combo


def enum_combo(values: object) -> QComboBox:
    combo = QComboBox()
    for value in values:  # type: ignore[attr-defined]
        combo.addItem(inspection_label(value), value)
    return combo


class _Form(QDialog):
    def __init__(self, database: Database, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(title)
        self.saved_id: int | None = None
        self.form = QFormLayout()
        self.errors = ErrorLabel()
        save, close = save_and_close_buttons(self, _tr("Lưu vào sổ (Ctrl+S)"), self.save)  # type: ignore[attr-defined]
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.errors)
        layout.addLayout(buttons)

    def _dates(self, **fields: DateLineEdit) -> bool:
        for edit in fields.values():
            problem = edit.parse_problem()
            if problem:
                self.errors.show_message(problem)
                edit.setFocus()
                return False
        return True

    def _run(self, action) -> None:  # type: ignore[no-untyped-def]
        try:
            self.saved_id = action()
        except ValidationFailed as failed:
            self.errors.show_message("\n".join(problem_message(p) for p in failed.problems))
            return
        except PermissionDenied:
            self.errors.show_message(permission_denied_message())
            return
        self.accept()


class CaseDialog(_Form):
    """A new inspection, supervision or discipline case with its first subject."""

    def __init__(self, database: Database, parent: QWidget | None = None, letter_id: int | None = None) -> None:
        super().__init__(database, _tr("Mở hồ sơ kiểm tra, giám sát"), parent)
        self.letter_id = letter_id
        self.organization = organization_combo(database)
        self.kind = enum_combo(CaseKind)
        self.title = QLineEdit()
        self.body_kind = enum_combo(DecidingBodyKind)
        self.body = QLineEdit()
        self.opened_on = DateLineEdit()
        self.opened_on.set_value(clock.today())
        self.member = MemberPicker(database)
        self.member.set_organization(self.organization.currentData())
        self.organization.currentIndexChanged.connect(
            lambda _i: self.member.set_organization(self.organization.currentData()))
        self.scope = enum_combo(t for t in TargetScope if t is not TargetScope.ORGANIZATION)
        self.violation_on = DateLineEdit()
        self.violation_ended_on = DateLineEdit()
        self.end_unknown = QCheckBox(_tr("Không xác định được thời điểm chấm dứt vi phạm"))
        self.discovered_on = DateLineEdit()
        self.days_not_counted = QSpinBox()
        self.days_not_counted.setRange(0, 36500)
        self.days_not_counted.setSuffix(_tr(" ngày"))
        self.exception = QComboBox()
        self.exception.addItem(_tr("Không"), None)
        for value in LimitationException:
            self.exception.addItem(inspection_label(value), value)
        self.content = QPlainTextEdit()
        self.content.setMaximumHeight(90)
        self.no_limitation = QLineEdit()
        self.no_limitation.setPlaceholderText(_tr("Để trống nếu áp dụng thời hiệu"))
        for label, widget in ((_tr("Tổ chức đảng"), self.organization), (_tr("Loại việc"), self.kind),
                              (_tr("Nội dung, tên hồ sơ"), self.title), (_tr("Cấp có thẩm quyền"), self.body_kind),
                              (_tr("Tên cơ quan quyết định"), self.body), (_tr("Ngày mở hồ sơ"), self.opened_on),
                              (_tr("Đảng viên là đối tượng"), self.member), (_tr("Đối tượng là"), self.scope),
                              (_tr("Ngày vi phạm"), self.violation_on),
                              (_tr("Ngày chấm dứt vi phạm"), self.violation_ended_on), ("", self.end_unknown),
                              (_tr("Ngày phát hiện"), self.discovered_on),
                              (_tr("Thời gian không tính thời hiệu"), self.days_not_counted),
                              (_tr("Vi phạm không áp dụng thời hiệu"), self.exception),
                              (_tr("Diễn biến, căn cứ"), self.content),
                              (_tr("Lý do không áp dụng thời hiệu"), self.no_limitation)):
            self.form.addRow(label, widget)

    def save(self) -> None:
        if not self._dates(opened=self.opened_on, violation=self.violation_on, ended=self.violation_ended_on,
                           discovered=self.discovered_on):
            return
        member_id = self.member.member_id()
        subjects = (SubjectDraft(member_id=member_id, target_scope=self.scope.currentData()),) if member_id else ()
        draft = CaseDraft(
            organization_id=self.organization.currentData(), kind=self.kind.currentData(), title=self.title.text(),
            deciding_body_kind=self.body_kind.currentData(), deciding_body=self.body.text(),
            opened_on=self.opened_on.date(), subjects=subjects, content=self.content.toPlainText(),
            letter_id=self.letter_id, violation_on=self.violation_on.date(),
            violation_ended_on=self.violation_ended_on.date(), violation_end_unknown=self.end_unknown.isChecked(),
            discovered_on=self.discovered_on.date(), days_not_counted=self.days_not_counted.value(),
            limitation_exception=self.exception.currentData(),
            no_limitation_reason=self.no_limitation.text())
        self._run(lambda: open_case(self.database, draft))


class LetterDialog(_Form):
    """A letter entered in the registry; anonymous ones are kept as not eligible (R-DEN-3)."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, _tr("Vào sổ đơn thư"), parent)
        self.organization = organization_combo(database)
        self.kind = enum_combo(LetterKind)
        self.channel = enum_combo(LetterChannel)
        self.received_on = DateLineEdit()
        self.received_on.set_value(clock.today())
        self.anonymous = QCheckBox(_tr("Đơn nặc danh, mạo danh, không rõ địa chỉ"))
        self.sender_name = QLineEdit()
        self.sender_address = QLineEdit()
        self.member = MemberPicker(database)
        self.member.set_organization(self.organization.currentData())
        self.concerned_text = QLineEdit()
        self.summary = QPlainTextEdit()
        self.summary.setMaximumHeight(110)
        self.anonymous.toggled.connect(lambda on: [w.setEnabled(not on) for w in (self.sender_name,
                                                                                    self.sender_address)])
        for label, widget in ((_tr("Nơi nhận"), self.organization), (_tr("Loại đơn"), self.kind),
                              (_tr("Hình thức nhận"), self.channel), (_tr("Ngày nhận"), self.received_on),
                              ("", self.anonymous), (_tr("Người gửi (bảo mật)"), self.sender_name),
                              (_tr("Địa chỉ người gửi (bảo mật)"), self.sender_address),
                              (_tr("Đảng viên bị phản ánh"), self.member),
                              (_tr("Hoặc người, tổ chức khác"), self.concerned_text),
                              (_tr("Tóm tắt nội dung"), self.summary)):
            self.form.addRow(label, widget)

    def save(self) -> None:
        if not self._dates(received=self.received_on):
            return
        anonymous = self.anonymous.isChecked()
        draft = LetterDraft(
            organization_id=self.organization.currentData(), received_on=self.received_on.date(),
            channel=self.channel.currentData(), kind=self.kind.currentData(), summary=self.summary.toPlainText(),
            is_anonymous=anonymous, sender_name=None if anonymous else self.sender_name.text(),
            sender_address=None if anonymous else self.sender_address.text(),
            concerned_member_id=self.member.member_id(), concerned_text=self.concerned_text.text())
        self._run(lambda: register_letter(self.database, draft))

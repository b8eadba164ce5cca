"""The "new transfer" dialog: an official or temporary transfer out, a move between two cells,
or an arrival from outside (a new member, or one who transferred out coming back).

The dialog only collects what is typed; desktop.services.transfers checks and writes it, and
its problems are shown next to their fields.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.enums import Gender, MemberStatus
from desktop.models.member_rules import MemberDraft
from desktop.models.transfer_rules import TransferDraft
from desktop.models.transfers import TransferDirection, TransferKind
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.members import MemberListQuery, fetch_member_rows
from desktop.services.transfer_letters import suggested_letter_sequence
from desktop.services.transfers import issue_transfer, register_arrival
from desktop.texts import concurrent_edit_message, label, permission_denied_message, problem_message
from desktop.ui.cell_picker import CellPicker
from desktop.ui.member_picker import MemberPicker, member_text
from desktop.ui.search_picker import Suggestion
from desktop.ui.widgets import DateLineEdit, ErrorLabel, save_and_close_buttons

_CONTEXT = "TransferDialog"
_ACTIVE = (MemberStatus.FULL, MemberStatus.PROBATIONARY)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class TransferMode(enum.Enum):
    OUT_OFFICIAL = "OUT_OFFICIAL"
    OUT_TEMPORARY = "OUT_TEMPORARY"
    BETWEEN_CELLS = "BETWEEN_CELLS"
    ARRIVAL = "ARRIVAL"


def mode_title(mode: TransferMode) -> str:
    return {
        TransferMode.OUT_OFFICIAL: _tr("Chuyển sinh hoạt đảng chính thức ra ngoài đảng bộ"),
        TransferMode.OUT_TEMPORARY: _tr("Chuyển sinh hoạt đảng tạm thời ra ngoài đảng bộ"),
        TransferMode.BETWEEN_CELLS: _tr("Chuyển sinh hoạt giữa các chi bộ trong đảng bộ"),
        TransferMode.ARRIVAL: _tr("Tiếp nhận đảng viên chuyển sinh hoạt chính thức đến"),
    }[mode]


class RegisterMemberPicker(MemberPicker):
    """Members of the whole register the user may see, of the given statuses."""

    def __init__(self, database: Database, statuses: tuple[MemberStatus, ...], parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self._statuses = statuses

    def can_search(self) -> bool:
        return True

    def find(self, text: str) -> list[Suggestion]:
        query = MemberListQuery(statuses=self._statuses, search_text=text)
        return [Suggestion(row.id, member_text(row.full_name, row.birth_text, row.cell_name), name=row.full_name)
                for row in fetch_member_rows(self._database, query, 0, self.SUGGESTIONS)]


class TransferDialog(QDialog):
    def __init__(self, database: Database, mode: TransferMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.mode = mode
        self.transfer_id: int | None = None
        self.setWindowTitle(mode_title(mode))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.errors: dict[str, ErrorLabel] = {}
        self.form = QFormLayout()
        arrival = mode is TransferMode.ARRIVAL

        self.new_member = QRadioButton(_tr("Đảng viên mới đến đảng bộ"))
        self.returning = QRadioButton(_tr("Đảng viên đã chuyển đi, nay trở về"))
        self.member_picker = RegisterMemberPicker(
            database, (MemberStatus.TRANSFERRED_OUT,) if arrival else _ACTIVE)
        self.member_picker.chosen.connect(self.suggest_number)
        if arrival:
            group = QButtonGroup(self)
            group.addButton(self.new_member)
            group.addButton(self.returning)
            self.new_member.setChecked(True)
            self.new_member.toggled.connect(self._update_visibility)
            choice = QHBoxLayout()
            choice.addWidget(self.new_member)
            choice.addWidget(self.returning)
            self.form.addRow(choice)
        self._add_row("member_id", _tr("Đảng viên"), self.member_picker)

        # A new member arriving: the main facts of the record (the rest in the member form).
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(100)
        self.gender = QComboBox()
        for value in Gender:
            self.gender.addItem(label(value), value)
        self.date_of_birth = DateLineEdit(partial=True)
        self.admission_date = DateLineEdit()
        self.official_date = DateLineEdit()
        self.card_number = QLineEdit()
        self.card_number.setMaxLength(20)
        self.national_id = QLineEdit()
        self.national_id.setMaxLength(12)
        self._new_member_rows = [
            self._add_row("full_name", _tr("Họ và tên"), self.full_name),
            self._add_row("gender", _tr("Giới tính"), self.gender),
            self._add_row("date_of_birth", _tr("Ngày sinh"), self.date_of_birth),
            self._add_row("admission_date", _tr("Ngày vào Đảng"), self.admission_date),
            self._add_row("official_date", _tr("Ngày chính thức"), self.official_date),
            self._add_row("party_card_number", _tr("Số thẻ đảng viên"), self.card_number),
            self._add_row("national_id", _tr("Số định danh cá nhân"), self.national_id),
        ]

        self.from_text = QLineEdit()
        self.from_text.setMaxLength(300)
        self.from_text.setPlaceholderText(_tr("Ví dụ: Đảng bộ Trường Đại học Vinh, tỉnh Nghệ An"))
        self.to_cell = CellPicker(database)
        self.to_text = QLineEdit()
        self.to_text.setMaxLength(300)
        self.to_text.setPlaceholderText(_tr("Tên đầy đủ của tổ chức đảng nơi đến"))
        self.temporary = QCheckBox(_tr("Sinh hoạt tạm thời (đảng viên vẫn thuộc chi bộ hiện tại)"))
        self.temporary.toggled.connect(self._update_visibility)
        if arrival:
            self._add_row("from_org_text", _tr("Chuyển đến từ"), self.from_text)
            self._add_row("to_org_id", _tr("Chi bộ tiếp nhận"), self.to_cell)
        elif mode is TransferMode.BETWEEN_CELLS:
            self._add_row("to_org_id", _tr("Chuyển đến chi bộ"), self.to_cell)
            self.form.addRow("", self.temporary)
        else:
            self._add_row("to_org_text", _tr("Chuyển đến"), self.to_text)

        self.letter_sequence = QSpinBox()
        self.letter_sequence.setRange(0, 9999)
        self.letter_sequence.setSpecialValueText(_tr("(chưa có)"))
        self.letter_number = QLineEdit()
        self.letter_number.setMaxLength(60)
        self.letter_number.setPlaceholderText(_tr("Số và ký hiệu trên giấy, ví dụ 215-GGT/ĐU"))
        self.issuing_body = QLineEdit()
        self.issuing_body.setMaxLength(200)
        self.letter_date = DateLineEdit()
        self.letter_date.set_value(clock.today())
        self.letter_date.editingFinished.connect(self.suggest_number)
        self.received_date = DateLineEdit()
        self.received_date.set_value(clock.today())
        self.expected_end = DateLineEdit()
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        if arrival:
            self._add_row("letter_number", _tr("Số giấy giới thiệu"), self.letter_number)
            self._add_row("issuing_body", _tr("Cấp ủy cấp giấy"), self.issuing_body)
            self._add_row("letter_date", _tr("Ngày cấp giấy"), self.letter_date)
            self._add_row("received_date", _tr("Ngày đến trình giấy"), self.received_date)
        else:
            self._add_row("letter_sequence", _tr("Số giấy giới thiệu (-GGT)"), self.letter_sequence)
            self._add_row("letter_date", _tr("Ngày cấp giấy"), self.letter_date)
        self._end_row = self._add_row("expected_end", _tr("Dự kiến kết thúc"), self.expected_end)
        self._add_row("reason", _tr("Lý do"), self.reason)
        self.general_error = ErrorLabel()

        self.save_button, close_button = save_and_close_buttons(
            self, _tr("Ghi lần chuyển sinh hoạt (Ctrl+S)"), self.save)
        self.save_button.setText(_tr("&Ghi"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self._update_visibility()

    def _add_row(self, field: str, text: str, widget: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        error = ErrorLabel()
        column.addWidget(error)
        self.errors[field] = error
        self.form.addRow(text, box)
        return box

    def _set_row_visible(self, box: QWidget, visible: bool) -> None:
        self.form.setRowVisible(box, visible)

    def _update_visibility(self) -> None:
        arrival = self.mode is TransferMode.ARRIVAL
        new = arrival and self.new_member.isChecked()
        self._set_row_visible(self.errors["member_id"].parentWidget(), not new)
        for box in self._new_member_rows:
            self._set_row_visible(box, new)
        temporary = self.mode is TransferMode.OUT_TEMPORARY or (
            self.mode is TransferMode.BETWEEN_CELLS and self.temporary.isChecked())
        self._set_row_visible(self._end_row, temporary)

    def suggest_number(self) -> None:
        member_id = self.member_picker.member_id()
        day = self.letter_date.date() if self.letter_date.parse_problem() is None else None
        if self.mode is TransferMode.ARRIVAL or member_id is None or day is None:
            return
        try:
            self.letter_sequence.setValue(suggested_letter_sequence(self.database, member_id, day))
        except (PermissionDenied, RecordNotFound):
            pass  # the save will say why

    # -- saving -------------------------------------------------------------------------

    def _dates(self, widgets: dict[str, DateLineEdit]) -> dict[str, object] | None:
        values: dict[str, object] = {}
        unreadable = False
        for field, widget in widgets.items():
            problem = widget.parse_problem()
            self.errors[field].show_message(problem)
            unreadable = unreadable or problem is not None
            if problem is None:
                values[field] = widget.date()
        return None if unreadable else values

    def _draft(self) -> tuple[TransferDraft, MemberDraft | None] | None:
        for error in self.errors.values():
            error.show_message(None)
        self.general_error.show_message(None)
        arrival = self.mode is TransferMode.ARRIVAL
        date_widgets = {"letter_date": self.letter_date, "expected_end": self.expected_end}
        if arrival:
            date_widgets |= {"received_date": self.received_date, "admission_date": self.admission_date,
                             "official_date": self.official_date}
        dates = self._dates(date_widgets)
        if dates is None:
            return None
        if self.member_picker.has_unchosen_text() and not (arrival and self.new_member.isChecked()):
            self.errors["member_id"].show_message(problem_message_required())
            return None
        temporary = self.mode is TransferMode.OUT_TEMPORARY or (
            self.mode is TransferMode.BETWEEN_CELLS and self.temporary.isChecked())
        direction = {TransferMode.ARRIVAL: TransferDirection.IN,
                     TransferMode.BETWEEN_CELLS: TransferDirection.INTERNAL}.get(self.mode, TransferDirection.OUT)
        new_member = arrival and self.new_member.isChecked()
        draft = TransferDraft(
            kind=TransferKind.TEMPORARY if temporary else TransferKind.OFFICIAL,
            direction=direction,
            letter_date=dates["letter_date"],  # type: ignore[arg-type]
            member_id=None if new_member else self.member_picker.member_id(),
            to_org_id=self.to_cell.cell_id() if direction is not TransferDirection.OUT else None,
            to_org_text=self.to_text.text() if direction is TransferDirection.OUT else None,
            from_org_text=self.from_text.text() if arrival else None,
            reason=self.reason.text(),
            letter_sequence=(self.letter_sequence.value() or None) if not arrival else None,
            letter_number=self.letter_number.text() if arrival else None,
            issuing_body=self.issuing_body.text() if arrival else None,
            expected_end=dates["expected_end"] if temporary else None,  # type: ignore[arg-type]
            received_date=dates.get("received_date"),  # type: ignore[arg-type]
        )
        if not arrival and draft.member_id is None:
            self.errors["member_id"].show_message(problem_message_required())
            return None
        member = None
        if new_member:
            unreadable = self.date_of_birth.parse_problem()
            if unreadable is not None:
                self.errors["date_of_birth"].show_message(unreadable)
                return None
            birth, precision = self.date_of_birth.value()
            member = MemberDraft(
                full_name=self.full_name.text(), gender=self.gender.currentData(), date_of_birth=birth,
                dob_precision=precision, admission_date=dates["admission_date"],  # type: ignore[arg-type]
                official_date=dates["official_date"],  # type: ignore[arg-type]
                party_card_number=self.card_number.text(), national_id=self.national_id.text(),
            )
        elif arrival and draft.member_id is None:
            self.errors["member_id"].show_message(problem_message_required())
            return None
        return draft, member

    def save(self) -> None:
        prepared = self._draft()
        if prepared is None:
            return
        draft, member = prepared
        action: Callable[[], int]
        if self.mode is TransferMode.ARRIVAL:
            def action() -> int:
                return register_arrival(self.database, draft, member)
        else:
            def action() -> int:
                return issue_transfer(self.database, draft)
        try:
            self.transfer_id = action()
        except ValidationFailed as failed:
            self._show_problems(failed)
            return
        except PermissionDenied:
            self.general_error.show_message(permission_denied_message())
            return
        except ConcurrentEdit:
            self.general_error.show_message(concurrent_edit_message())
            return
        self.accept()

    def _show_problems(self, failed: ValidationFailed) -> None:
        general: list[str] = []
        for problem in failed.problems:
            field = "to_org_id" if problem.field == "cell_id" else problem.field
            error = self.errors.get(field)
            if error is not None:
                error.show_message(problem_message(problem))
            else:
                general.append(problem_message(problem))
        self.general_error.show_message("\n".join(general) or None)


def problem_message_required() -> str:
    return _tr("Chọn đảng viên trong danh sách gợi ý.")

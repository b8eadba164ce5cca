"""Creating and editing one member record (a non-modal window; several may be open)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.member_lifecycle import EventDraft, kinds_allowed
from desktop.models.member_rules import MemberDraft
from desktop.models.permissions import Permission
from desktop.services.access import PermissionDenied
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.member_events import member_timeline, record_member_event
from desktop.services.members import MemberRecord, create_member, get_member, update_member
from desktop.services.session import may
from desktop.texts import (
    concurrent_edit_message,
    label,
    permission_denied_message,
    problem_message,
)
from desktop.ui import dialogs
from desktop.ui.event_dialog import FILE_EVENT_KINDS, ask_file_event
from desktop.ui.member_fields import Field
from desktop.ui.member_form_pages import HistoryPage, build_tabs
from desktop.ui.widgets import ErrorLabel, save_and_close_buttons

_CONTEXT = "MemberForm"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class MemberForm(QDialog):
    saved = Signal(object)  # the MemberRecord as stored

    def __init__(
        self,
        database: Database,
        member_id: int | None = None,
        cell_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._database = database
        self.record: MemberRecord | None = None
        self._snapshot: tuple[object, ...] = ()
        # A role that only reads the register sees the file, without editing or saving.
        self.read_only = not may(database, Permission.EDIT_REGISTER)

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.general_error = ErrorLabel()
        self.tabs = QTabWidget()
        self.fields: dict[str, Field] = build_tabs(database, self.tabs)
        self.history = HistoryPage()
        self.history.record_button.clicked.connect(self.record_event)
        self.history.record_button.setVisible(not self.read_only)
        self._history_index = -1
        self.status = QLabel()
        self.status.setEnabled(False)
        self.save_button, self.close_button = save_and_close_buttons(
            self, _tr("Lưu hồ sơ (Ctrl+S)"), self.save
        )
        self._layout()
        if self.read_only:
            for item in self.fields.values():
                item.set_read_only()
            self.save_button.hide()
            self.status.setText(_tr("Chỉ xem: vai trò của bạn không sửa hồ sơ đảng viên."))

        if member_id is not None:
            self.load(get_member(database, member_id))
        else:
            self._start_new(cell_id)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 110, metrics.height() * 40)

    def _layout(self) -> None:
        required = QLabel(_tr("Các mục có dấu * là bắt buộc."))
        required.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.general_error)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(required)
        layout.addLayout(buttons)

    # -- loading -----------------------------------------------------------------------

    def _start_new(self, cell_id: int | None) -> None:
        draft = MemberDraft(cell_id=cell_id)
        for item in self.fields.values():
            item.load(draft)
        self.setWindowTitle(_tr("Thêm đảng viên"))
        self.heading.setText(_tr("Đảng viên mới"))
        self._mark_clean()
        self.fields["full_name"].editor.setFocus()

    def load(self, record: MemberRecord) -> None:
        """Show a stored record (after opening, saving or reloading) and forget unsaved edits."""
        self.record = record
        for item in self.fields.values():
            item.load(record.draft)
        self._clear_errors()
        name = record.draft.full_name
        title = (
            _tr("Hồ sơ đảng viên — {name} (chỉ xem)") if self.read_only
            else _tr("Hồ sơ đảng viên — {name}")
        )
        self.setWindowTitle(title.format(name=name))
        self.heading.setText(
            _tr("{name} · {status} · {cell}").format(
                name=name, status=label(record.status), cell=record.cell_name
            )
        )
        if self._history_index < 0:
            self._history_index = self.tabs.addTab(self.history, _tr("Lịch sử"))
        self.history.show_history(member_timeline(self._database, record.id), record)
        self.history.record_button.setEnabled(bool(kinds_allowed(record.status, FILE_EVENT_KINDS)))
        self._mark_clean()

    def _mark_clean(self) -> None:
        self._snapshot = self._current_snapshot()

    def _current_snapshot(self) -> tuple[object, ...]:
        return tuple(item.snapshot() for item in self.fields.values())

    def is_dirty(self) -> bool:
        return self._current_snapshot() != self._snapshot

    @property
    def member_id(self) -> int | None:
        return self.record.id if self.record else None

    # -- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Validate and store in one service call; True when saved."""
        if self.read_only:
            return False
        self._clear_errors()
        unreadable = [
            (item, text) for item in self.fields.values() if (text := item.input_problem())
        ]
        if unreadable:
            self._show_problems([(item.name, text) for item, text in unreadable])
            return False
        values: dict[str, Any] = {}
        for item in self.fields.values():
            item.store(values)
        try:
            if self.record is None:
                stored = create_member(self._database, MemberDraft(**values))
            else:
                draft = replace(self.record.draft, **values)
                stored = update_member(self._database, self.record.id, self.record.version, draft)
        except ValidationFailed as failed:
            self._show_problems(
                [(problem.field, problem_message(problem)) for problem in failed.problems]
            )
            return False
        except ConcurrentEdit:
            self.status.setText(_tr("Chưa lưu: hồ sơ đã bị người khác sửa."))
            if dialogs.ask_reload_after_conflict(self, concurrent_edit_message()):
                self.reload()
            return False
        except RecordNotFound:
            dialogs.show_error(
                self,
                _tr("Không lưu được"),
                _tr("Hồ sơ này không còn trong cơ sở dữ liệu (có thể đã bị xóa)."),
            )
            return False
        except PermissionDenied:
            self.status.setText(_tr("Chưa lưu: không có quyền."))
            dialogs.show_error(self, _tr("Không lưu được"), permission_denied_message())
            return False
        self.load(stored)
        time = QLocale().toString(QDateTime.currentDateTime().time(), "HH:mm")
        self.status.setText(_tr("Đã lưu lúc {time}.").format(time=time))
        self.saved.emit(stored)
        return True

    def reload(self) -> None:
        if self.record is not None:
            try:
                self.load(get_member(self._database, self.record.id))
            except RecordNotFound:
                dialogs.show_error(
                    self, _tr("Không tải được"), _tr("Hồ sơ này không còn trong cơ sở dữ liệu.")
                )
                return
            self.status.setText(_tr("Đã tải lại bản mới nhất."))

    def record_event(self) -> None:
        """A decision in the member's history (the file must be saved first: the decision
        changes the record)."""
        if self.record is None or self.read_only:
            return
        if self.is_dirty():
            dialogs.show_error(self, _tr("Chưa ghi được"), _tr(
                "Hồ sơ có thay đổi chưa lưu: hãy lưu (Ctrl+S) hoặc tải lại trước khi ghi quyết định."))
            return
        record = self.record

        def submit(draft: EventDraft) -> object:
            return record_member_event(self._database, record.id, draft, expected_version=record.version)

        kinds = kinds_allowed(record.status, FILE_EVENT_KINDS)
        if kinds and ask_file_event(self, record.draft.full_name, kinds, submit):
            self.load(get_member(self._database, record.id))
            self.status.setText(_tr("Đã ghi vào quá trình sinh hoạt đảng."))
            self.saved.emit(self.record)

    def _clear_errors(self) -> None:
        self.general_error.show_message(None)
        for item in self.fields.values():
            item.error.show_message(None)
        for index in range(self.tabs.count()):
            self.tabs.setTabIcon(index, QIcon())

    def _show_problems(self, problems: list[tuple[str, str]]) -> None:
        """Each message under its field; the first field's tab selected and the field focused."""
        general: list[str] = []
        first: Field | None = None
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        messages: dict[str, list[str]] = {}
        for name, text in problems:
            target = "date_of_birth" if name == "dob_precision" else name
            if target in self.fields:
                messages.setdefault(target, []).append(text)
            else:
                general.append(text)
        for item in self.fields.values():  # form order, so "first" is the first on screen
            if item.name in messages:
                item.error.show_message("\n".join(messages[item.name]))
                self.tabs.setTabIcon(item.page, warning)
                first = first or item
        count = len(problems)
        summary = _tr("Chưa lưu: có {count} chỗ cần sửa (ghi màu đỏ dưới từng mục).").format(
            count=count
        )
        self.general_error.show_message("\n".join([summary, *general]))
        self.status.setText("")
        if first is not None:
            self.tabs.setCurrentIndex(first.page)
            first.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- closing -----------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Close and the window's X (QDialog routes it here): ask before dropping changes."""
        if self.is_dirty() and not dialogs.ask_discard_changes(self):
            return
        self._snapshot = self._current_snapshot()
        super().reject()

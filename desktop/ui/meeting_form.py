"""The meeting form (biên bản sinh hoạt chi bộ, họp cấp ủy): the header, the roll call, the
contents, the votes and the resolution, the files; saved as a draft, finalised (read-only, the
resolution numbered), reopened with a reason, printed as minutes.

Every write goes through desktop.services.meetings, which checks the rules; this form only
reads what the clerk typed and shows the refusals beside the tab they concern.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.meeting_texts import meeting_label
from desktop.models.dates import format_date, format_time, parse_time
from desktop.models.enums import OrgKind
from desktop.models.meeting_rules import MeetingDraft, RosterEntry, kind_allowed
from desktop.models.meetings import AttendanceStatus, MeetingKind, MeetingState
from desktop.models.permissions import Permission
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.meeting_records import (
    MeetingRecord,
    load_meeting,
    meeting_quorum,
    meeting_roster,
)
from desktop.services.meetings import finalise_meeting, reopen_meeting, save_meeting
from desktop.texts import concurrent_edit_message, permission_denied_message, problem_message
from desktop.ui import dialogs
from desktop.ui.meeting_attachments import AttachmentsPanel
from desktop.ui.meeting_attendance import AttendanceEditor
from desktop.ui.meeting_contents import AgendaEditor, GuestsEditor, ResolutionEditor, VotesEditor
from desktop.ui.widgets import DateLineEdit, ErrorLabel, save_and_close_buttons

_CONTEXT = "MeetingForm"
TAB_GENERAL, TAB_ATTENDANCE, TAB_AGENDA, TAB_VOTES, TAB_GUESTS, TAB_FILES = range(6)
# The tab that shows a problem about a field of the draft.
_TAB_OF_FIELD = {"attendance": TAB_ATTENDANCE, "agenda": TAB_AGENDA, "votes": TAB_VOTES,
                 "resolution": TAB_VOTES, "resolution_tasks": TAB_VOTES, "minutes_approved_for": TAB_VOTES,
                 "guests": TAB_GUESTS}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class _Unreadable(ValueError):
    """A field holds text that is not a date or a time; its message is shown under it."""


class MeetingForm(QDialog):
    saved = Signal(int)  # the meeting id, after every write
    minutes_requested = Signal(int)  # print the minutes of this meeting

    def __init__(self, database: Database, organization_id: int, organization_name: str,
                 organization_kind: OrgKind, meeting_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.database = database
        self.organization_id = organization_id
        self.organization_kind = organization_kind
        self.meeting_id = meeting_id
        self.version: int | None = None
        self.state = MeetingState.DRAFT
        actor = database.actor
        self.may_edit = actor is not None and actor.may(Permission.EDIT_REGISTER)
        self._saved_draft: MeetingDraft | None = None
        self._roster_key: tuple[MeetingKind, dt.date] | None = None
        self._build(organization_name)
        if meeting_id is None:
            self._start_new()
        else:
            self._load(meeting_id)
        self.resize(1050, 720)

    @classmethod
    def of_meeting(cls, database: Database, meeting_id: int, parent: QWidget | None = None) -> MeetingForm:
        """The form of a recorded meeting (RecordNotFound, PermissionDenied when it cannot be read)."""
        record = load_meeting(database, meeting_id)
        return cls(database, record.draft.organization_id, record.organization_name, record.organization_kind,
                   meeting_id, parent)

    # -- building -------------------------------------------------------------------------

    def _build(self, organization_name: str) -> None:
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.status_line = QLabel(self)
        self.status_line.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._general_tab(), _tr("Thông tin chung"))
        self.attendance = AttendanceEditor(self)
        self.tabs.addTab(self.attendance, _tr("Điểm danh"))
        self.agenda = AgendaEditor(self)
        self.tabs.addTab(self.agenda, _tr("Nội dung, ý kiến"))
        self.tabs.addTab(self._votes_tab(), _tr("Biểu quyết, nghị quyết"))
        self.guests = GuestsEditor(self)
        self.tabs.addTab(self.guests, _tr("Khách mời"))
        self.files = AttachmentsPanel(self.database, self)
        self.tabs.addTab(self.files, _tr("Tệp đính kèm"))
        self.files.changed.connect(lambda: self._reload_files())

        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #7a5a00;")
        self.warnings.hide()
        self.general_error = ErrorLabel(self)
        self.save_button, self.close_button = save_and_close_buttons(
            self, _tr("Lưu biên bản (Ctrl+S); chưa hoàn tất vẫn sửa được"), self.save)
        self.finalise_button = QPushButton(_tr("Hoàn tất biên bản…"), self)
        self.finalise_button.setToolTip(_tr("Biên bản đã được thông qua và ký: từ đây chỉ xem, nghị quyết được cấp số"))
        self.reopen_button = QPushButton(_tr("Mở lại để sửa…"), self)
        self.print_button = QPushButton(_tr("In biên bản…"), self)
        for button in (self.finalise_button, self.reopen_button, self.print_button):
            button.setAutoDefault(False)
        self.finalise_button.clicked.connect(self.finalise)
        self.reopen_button.clicked.connect(self.reopen)
        self.print_button.clicked.connect(self.print_minutes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        for button in (self.reopen_button, self.finalise_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status_line)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self._organization_name = organization_name

    def _general_tab(self) -> QWidget:
        page = QWidget(self)
        self.kind = QComboBox(page)
        for kind in MeetingKind:
            if kind_allowed(kind, self.organization_kind):
                self.kind.addItem(meeting_label(kind), kind)
        self.meeting_date = DateLineEdit(parent=page)
        self.start_time = QLineEdit(page)
        self.end_time = QLineEdit(page)
        for edit in (self.start_time, self.end_time):
            edit.setPlaceholderText(_tr("gg:pp"))
            edit.setMaxLength(5)
        self.place = QLineEdit(page)
        self.topic = QLineEdit(page)
        self.includes_thematic = QCheckBox(_tr("Kết hợp sinh hoạt chuyên đề trong buổi này"), page)
        self.chair = QComboBox(page)
        self.secretary = QComboBox(page)
        self.invitation_sent_on = DateLineEdit(parent=page)
        self.documents_published_on = DateLineEdit(parent=page)
        self.notes = QPlainTextEdit(page)
        self.notes.setPlaceholderText(_tr("Ghi chú khác của biên bản"))
        self.history = QLabel(page)
        self.history.setWordWrap(True)
        self.errors: dict[str, ErrorLabel] = {}

        grid = QGridLayout(page)
        rows = (
            (_tr("Loại cuộc họp:"), self.kind, "kind"),
            (_tr("Ngày họp:"), self.meeting_date, "meeting_date"),
            (_tr("Bắt đầu lúc:"), self.start_time, "start_time"),
            (_tr("Kết thúc lúc:"), self.end_time, "end_time"),
            (_tr("Địa điểm:"), self.place, "place"),
            (_tr("Chủ đề, chuyên đề:"), self.topic, "topic"),
            ("", self.includes_thematic, "includes_thematic"),
            (_tr("Chủ trì:"), self.chair, "chair_member_id"),
            (_tr("Thư ký:"), self.secretary, "secretary_member_id"),
            (_tr("Ngày gửi thông báo:"), self.invitation_sent_on, "invitation_sent_on"),
            (_tr("Ngày đăng tài liệu lên Sổ tay:"), self.documents_published_on, "documents_published_on"),
        )
        for row, (text, widget, field) in enumerate(rows):
            column = 0 if row < 6 else 3
            line = row if row < 6 else row - 6
            grid.addWidget(QLabel(text, page), 2 * line, column)
            grid.addWidget(widget, 2 * line, column + 1)
            error = ErrorLabel(page)
            grid.addWidget(error, 2 * line + 1, column + 1)
            self.errors[field] = error
        grid.setColumnMinimumWidth(2, 24)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        grid.addWidget(QLabel(_tr("Ghi chú:"), page), 12, 0)
        grid.addWidget(self.notes, 12, 1, 1, 4)
        grid.addWidget(self.history, 13, 0, 1, 5)
        grid.setRowStretch(12, 1)
        self.kind.currentIndexChanged.connect(lambda _index: self._refresh_roster())
        self.meeting_date.editingFinished.connect(self._refresh_roster)
        return page

    def _votes_tab(self) -> QWidget:
        page = QWidget(self)
        self.votes = VotesEditor(page)
        self.resolution = ResolutionEditor(page)
        self.minutes_approved_for = QSpinBox(page)
        self.minutes_approved_for.setRange(-1, 9999)
        self.minutes_approved_for.setSpecialValueText(_tr("chưa ghi"))
        self.minutes_approved_for.setMaximumWidth(120)
        form = QFormLayout()
        form.addRow(_tr("Số đồng chí tán thành biên bản:"), self.minutes_approved_for)
        self.errors["minutes_approved_for"] = ErrorLabel(page)
        form.addRow("", self.errors["minutes_approved_for"])
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(_tr("Các lần biểu quyết (chỉ đảng viên chính thức có mặt biểu quyết):"), page))
        layout.addWidget(self.votes, 2)
        layout.addWidget(QLabel(_tr("Nghị quyết của cuộc họp:"), page))
        layout.addWidget(self.resolution, 2)
        layout.addLayout(form)
        return page

    # -- loading --------------------------------------------------------------------------

    def _start_new(self) -> None:
        self.meeting_date.set_value(clock.today())
        self._refresh_roster(force=True)
        self._set_people(None, None)
        self.resolution.set_line(None, None)
        self.minutes_approved_for.setValue(-1)
        self.files.set_rows(None, (), False)
        self._show_state(None)
        self._saved_draft = self._collect(quiet=True)

    def _load(self, meeting_id: int) -> None:
        record = load_meeting(self.database, meeting_id)
        self.meeting_id = record.id
        self.version = record.version
        self.state = record.state
        self.organization_id = record.draft.organization_id
        self.organization_kind = record.organization_kind
        self._organization_name = record.organization_name
        draft = record.draft
        for widget in (self.kind, self.meeting_date):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(draft.kind)))
        self.meeting_date.set_value(draft.meeting_date)
        for widget in (self.kind, self.meeting_date):
            widget.blockSignals(False)
        self.start_time.setText(format_time(draft.start_time))
        self.end_time.setText(format_time(draft.end_time))
        self.place.setText(draft.place or "")
        self.topic.setText(draft.topic or "")
        self.includes_thematic.setChecked(draft.includes_thematic)
        self.invitation_sent_on.set_value(draft.invitation_sent_on)
        self.documents_published_on.set_value(draft.documents_published_on)
        self.notes.setPlainText(draft.notes or "")
        recorded = {line.member_id: line for line in draft.attendance}
        if record.state is MeetingState.FINALISED:
            # The record as signed: who was listed then, not who would be listed today.
            entries = [RosterEntry(line.member_id, record.names.get(line.member_id, ""),
                                   record.official.get(line.member_id, False),
                                   exempted=line.status is AttendanceStatus.EXEMPTED,
                                   away=line.status is AttendanceStatus.AWAY_TEMPORARY) for line in draft.attendance]
            self._roster_key = (draft.kind, draft.meeting_date)
            self.attendance.set_roster(entries, recorded)
            self.attendance.set_quorum(meeting_quorum(self.database, draft.kind, draft.meeting_date))
        else:
            self._roster_key = None
            self._refresh_roster(recorded=recorded)
        self._set_people(draft.chair_member_id, draft.secretary_member_id)
        self.agenda.set_lines(draft.agenda)
        self.votes.set_lines(draft.votes)
        self.guests.set_lines(draft.guests)
        self.resolution.set_line(draft.resolution, record.resolution_number)
        self.minutes_approved_for.setValue(-1 if draft.minutes_approved_for is None else draft.minutes_approved_for)
        self.files.set_rows(record.id, record.attachments, self._editable())
        self._show_state(record)
        self._saved_draft = self._collect(quiet=True)

    def _reload_files(self) -> None:
        if self.meeting_id is None:
            return
        record = load_meeting(self.database, self.meeting_id)
        self.files.set_rows(record.id, record.attachments, self._editable())

    def _editable(self) -> bool:
        return self.may_edit and self.state is MeetingState.DRAFT

    def _show_state(self, record: MeetingRecord | None) -> None:
        kind = self.kind.currentData()
        title = meeting_label(kind) if kind is not None else _tr("Cuộc họp")
        self.heading.setText(f"{title} — {self._organization_name}")
        self.setWindowTitle(_tr("Biên bản: {title}").format(title=self._organization_name))
        if record is None:
            self.status_line.setText(_tr("Biên bản mới: lưu để ghi tiếp sau, hoàn tất khi biên bản đã được "
                                         "thông qua và ký."))
        elif record.state is MeetingState.FINALISED:
            assert record.finalised_at is not None
            self.status_line.setText(_tr("Đã hoàn tất lúc {when}, người hoàn tất {who}: chỉ xem; muốn sửa, "
                                         "bấm “Mở lại để sửa” và ghi lý do.").format(
                when=f"{format_date(record.finalised_at.date())} {record.finalised_at:%H:%M}",
                who=record.finalised_by or ""))
        else:
            self.status_line.setText(_tr("Đang ghi (chưa hoàn tất)."))
        if record is not None and record.reopenings:
            lines = [_tr("{when}, {who} mở lại: {reason}").format(
                when=format_date(r.reopened_at.date()), who=r.reopened_by, reason=r.reason)
                for r in record.reopenings]
            self.history.setText(_tr("Các lần mở lại biên bản:") + "\n" + "\n".join(lines))
        else:
            self.history.setText("")
        editable = self._editable()
        for widget in (self.kind, self.chair, self.secretary, self.includes_thematic, self.minutes_approved_for):
            widget.setEnabled(editable)
        for edit in (self.meeting_date, self.start_time, self.end_time, self.place, self.topic,
                     self.invitation_sent_on, self.documents_published_on):
            edit.setReadOnly(not editable)
        self.notes.setReadOnly(not editable)
        for editor in (self.attendance, self.agenda, self.votes, self.guests, self.resolution):
            editor.set_read_only(not editable)
        self.save_button.setEnabled(editable)
        self.finalise_button.setEnabled(editable)
        self.finalise_button.setVisible(self.state is MeetingState.DRAFT)
        self.reopen_button.setVisible(self.state is MeetingState.FINALISED)
        self.reopen_button.setEnabled(self.may_edit)

    # -- roster ---------------------------------------------------------------------------

    def _refresh_roster(self, force: bool = False, recorded: dict | None = None) -> None:  # type: ignore[type-arg]
        """Who is listed for the chosen kind and date; the statuses already called are kept."""
        if self.state is MeetingState.FINALISED:
            return
        kind = self.kind.currentData()
        day = self.meeting_date.date() if self.meeting_date.parse_problem() is None else None
        if kind is None or day is None or (not force and recorded is None and self._roster_key == (kind, day)):
            return
        self._roster_key = (kind, day)
        if recorded is None:
            recorded = {line.member_id: line for line in self.attendance.lines()}
        chair, secretary = self.chair.currentData(), self.secretary.currentData()
        self.attendance.set_roster(meeting_roster(self.database, self.organization_id, kind, day), recorded)
        self.attendance.set_quorum(meeting_quorum(self.database, kind, day))
        self._set_people(chair, secretary)

    def _set_people(self, chair: int | None, secretary: int | None) -> None:
        """The chair and the secretary are chosen among the members listed."""
        for combo, chosen in ((self.chair, chair), (self.secretary, secretary)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_tr("— chọn —"), None)
            for entry in self.attendance.entries():
                combo.addItem(entry.full_name, entry.member_id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            combo.blockSignals(False)
        self.resolution.tasks.set_people([(entry.member_id, entry.full_name) for entry in self.attendance.entries()])

    # -- reading the form -----------------------------------------------------------------

    def _time(self, edit: QLineEdit, field: str, quiet: bool) -> dt.time | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return parse_time(text)
        except ValueError:
            if not quiet:
                self.errors[field].show_message(_tr("Không đọc được giờ: ghi dạng giờ:phút, ví dụ 07:30 hoặc 14h00."))
            raise _Unreadable(field) from None

    def _date(self, edit: DateLineEdit, field: str, quiet: bool, required: bool = False) -> dt.date | None:
        problem = edit.parse_problem()
        if problem is None and required and edit.date() is None:
            problem = problem_message_required()
        if problem is not None:
            if not quiet:
                self.errors[field].show_message(problem)
            raise _Unreadable(field)
        return edit.date()

    def _collect(self, quiet: bool = False) -> MeetingDraft | None:
        """The draft the form shows, or None when a date or a time cannot be read."""
        if not quiet:
            for error in self.errors.values():
                error.show_message(None)
        unreadable = False
        values: dict[str, object] = {}
        for field, reader in (
                ("meeting_date", lambda q: self._date(self.meeting_date, "meeting_date", q, required=True)),
                ("start_time", lambda q: self._time(self.start_time, "start_time", q)),
                ("end_time", lambda q: self._time(self.end_time, "end_time", q)),
                ("invitation_sent_on", lambda q: self._date(self.invitation_sent_on, "invitation_sent_on", q)),
                ("documents_published_on",
                 lambda q: self._date(self.documents_published_on, "documents_published_on", q))):
            try:
                values[field] = reader(quiet)
            except _Unreadable:
                unreadable = True
        bad_deadlines = self.resolution.tasks.unreadable_rows() if self.resolution.enabled.isChecked() else []
        if bad_deadlines and not quiet:
            self.general_error.show_message(_tr("Phân công thực hiện, dòng {rows}: không đọc được thời hạn, ghi dạng "
                                                "ngày/tháng/năm.").format(rows=", ".join(map(str, bad_deadlines))))
            self.tabs.setCurrentIndex(TAB_VOTES)
        if unreadable or bad_deadlines:
            return None
        approved = self.minutes_approved_for.value()
        return MeetingDraft(
            organization_id=self.organization_id, kind=self.kind.currentData(),
            meeting_date=values["meeting_date"],  # type: ignore[arg-type]
            start_time=values["start_time"], end_time=values["end_time"],  # type: ignore[arg-type]
            place=self.place.text().strip() or None, topic=self.topic.text().strip() or None,
            includes_thematic=self.includes_thematic.isChecked(),
            chair_member_id=self.chair.currentData(), secretary_member_id=self.secretary.currentData(),
            invitation_sent_on=values["invitation_sent_on"],  # type: ignore[arg-type]
            documents_published_on=values["documents_published_on"],  # type: ignore[arg-type]
            minutes_approved_for=None if approved < 0 else approved,
            notes=self.notes.toPlainText().strip() or None,
            attendance=self.attendance.lines(), guests=self.guests.lines(), agenda=self.agenda.lines(),
            votes=self.votes.lines(), resolution=self.resolution.line(),
        )

    def has_unsaved_changes(self) -> bool:
        if not self._editable():
            return False
        return self._collect(quiet=True) != self._saved_draft

    # -- actions --------------------------------------------------------------------------

    def _refused(self, error: Exception) -> None:
        self.warnings.hide()
        if isinstance(error, ValidationFailed):
            general: list[str] = []
            first_tab: int | None = None
            for problem in error.problems:
                label = self.errors.get(problem.field)
                if label is not None:
                    label.show_message(problem_message(problem))
                else:
                    general.append(problem_message(problem))
                if first_tab is None:
                    first_tab = _TAB_OF_FIELD.get(problem.field, TAB_GENERAL)
            self.general_error.show_message("\n".join(general) or None)
            if first_tab is not None:
                self.tabs.setCurrentIndex(first_tab)
        elif isinstance(error, ConcurrentEdit):
            self.general_error.show_message(concurrent_edit_message())
        elif isinstance(error, PermissionDenied):
            self.general_error.show_message(permission_denied_message())
        else:
            self.general_error.show_message(_tr("Biên bản này không còn trong cơ sở dữ liệu."))

    def _show_warnings(self, warnings: tuple) -> None:  # type: ignore[type-arg]
        if warnings:
            self.warnings.setText(_tr("Lưu ý:") + "\n" + "\n".join(problem_message(w) for w in warnings))
        self.warnings.setVisible(bool(warnings))

    def save(self) -> bool:
        """Write the draft; True once it is saved."""
        if not self._editable():
            return False
        self.general_error.show_message(None)
        draft = self._collect()
        if draft is None:
            if self.general_error.isHidden():
                self.tabs.setCurrentIndex(TAB_GENERAL)
            return False
        try:
            saved = save_meeting(self.database, draft, self.meeting_id, self.version)
        except (ValidationFailed, ConcurrentEdit, PermissionDenied, RecordNotFound) as error:
            self._refused(error)
            return False
        self._load(saved.meeting_id)
        self._show_warnings(saved.warnings)
        self.saved.emit(saved.meeting_id)
        return True

    def finalise(self) -> None:
        if self.has_unsaved_changes() or self.meeting_id is None:
            if not self.save():
                return
        assert self.meeting_id is not None and self.version is not None
        if not dialogs.ask_yes_no(
                self, _tr("Hoàn tất biên bản"),
                _tr("Biên bản đã được chi bộ thông qua và ký? Sau khi hoàn tất, biên bản chỉ xem, không sửa được "
                    "(muốn sửa phải mở lại và ghi lý do); nghị quyết được cấp số."),
                yes_text=_tr("Hoàn tất"), no_text=_tr("Chưa")):
            return
        try:
            saved = finalise_meeting(self.database, self.meeting_id, self.version)
        except (ValidationFailed, ConcurrentEdit, PermissionDenied, RecordNotFound) as error:
            self._refused(error)
            return
        self.general_error.show_message(None)
        self._load(saved.meeting_id)
        self._show_warnings(saved.warnings)
        self.saved.emit(saved.meeting_id)

    def reopen(self) -> None:
        if self.meeting_id is None or self.version is None or self.state is not MeetingState.FINALISED:
            return
        reason = dialogs.ask_reason(self, _tr("Mở lại biên bản"),
                                    _tr("Vì sao phải sửa biên bản đã hoàn tất? Lý do được lưu cùng biên bản."))
        if reason is None:
            return
        try:
            reopen_meeting(self.database, self.meeting_id, self.version, reason)
        except (ValidationFailed, ConcurrentEdit, PermissionDenied, RecordNotFound) as error:
            self._refused(error)
            return
        self.general_error.show_message(None)
        self._load(self.meeting_id)
        self.saved.emit(self.meeting_id)

    def print_minutes(self) -> None:
        if self.has_unsaved_changes() or self.meeting_id is None:
            if not self._editable() or not self.save():
                return
        assert self.meeting_id is not None
        self.minutes_requested.emit(self.meeting_id)

    def reject(self) -> None:
        # Đóng, Esc and the title bar's close button all come here.
        if self.has_unsaved_changes() and not dialogs.ask_discard_changes(self):
            return
        super().reject()


def problem_message_required() -> str:
    return _tr("Ghi ngày họp.")

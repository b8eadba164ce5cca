"""Học tập, quán triệt of the document selected in the library: its sessions in an
organisation, recording a session or a make-up session, and the completion per cell with
the members who have not yet studied it (a page at a time)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.library_texts import library_label
from desktop.models.dates import format_date
from desktop.models.permissions import Permission
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.services import clock
from desktop.services.library import DocumentDetails
from desktop.services.study import (
    StudySessionRow,
    delete_study_session,
    expected_members,
    makeup_candidates,
    study_sessions,
)
from desktop.services.study_completion import (
    CompletionSummary,
    members_not_studied,
    study_completion,
)
from desktop.ui import dialogs
from desktop.ui.badge_fee_widgets import org_combo
from desktop.ui.library_session_dialog import SessionDialog
from desktop.ui.tasks import WindowWork

_CONTEXT = "LibraryStudyPanel"
MEMBER_PAGE = 200
SESSION_LIMIT = 500  # the newest sessions shown; a smaller organisation shows all of its own


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class StudyPanel(QWidget):
    report_requested = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._document: DocumentDetails | None = None
        self._sessions: list[StudySessionRow] = []
        self._missing_loaded = 0
        self._missing_total = 0
        self.work = WindowWork(self, lambda: self.window().close())
        self._stale = True
        self.document_label = QLabel(self)
        self.document_label.setWordWrap(True)
        self.organization = org_combo(database, self)
        self.new_button = QPushButton(_tr("Ghi buổi học tập…"), self)
        self.makeup_button = QPushButton(_tr("Buổi học bù…"), self)
        self.delete_button = QPushButton(_tr("Xóa buổi"), self)
        self.print_button = QPushButton(_tr("In kết quả…"), self)
        self.sessions = QTableWidget(0, 6, self)
        self.sessions.setHorizontalHeaderLabels([_tr("Ngày"), _tr("Tổ chức"), _tr("Hình thức"), _tr("Người quán triệt"),
                                                 _tr("Có mặt / danh sách"), _tr("Học bù")])
        self.completion = QTableWidget(0, 5, self)
        self.completion.setHorizontalHeaderLabels([_tr("Chi bộ"), _tr("Số đảng viên"), _tr("Đã học"), _tr("Chưa học"),
                                                   _tr("Tỷ lệ")])
        for table in (self.sessions, self.completion):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setSectionResizeMode(1 if table is self.sessions else 0,
                                                          QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.sessions_note = QLabel(_tr("Đang hiện {count} buổi gần nhất; chọn một tổ chức nhỏ hơn để xem đủ.").format(
            count=SESSION_LIMIT), self)
        self.sessions_note.hide()
        self.missing = QListWidget(self)
        self.more_missing = QPushButton(_tr("Xem thêm"), self)

        top = QHBoxLayout()
        top.addWidget(QLabel(_tr("Tổ chức:"), self))
        top.addWidget(self.organization, 1)
        for button in (self.new_button, self.makeup_button, self.delete_button, self.print_button):
            top.addWidget(button)
        lower = QWidget(self)
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self.completion, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(_tr("Đảng viên chưa học tập:"), self))
        right.addWidget(self.missing, 1)
        right.addWidget(self.more_missing)
        lower_layout.addLayout(left, 3)
        lower_layout.addLayout(right, 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.sessions, 1)
        upper_layout.addWidget(self.sessions_note)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(self.document_label)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        may_edit = database.actor is not None and database.actor.may(Permission.EDIT_REGISTER)
        for button in (self.new_button, self.makeup_button, self.delete_button):
            button.setVisible(may_edit)
        self.organization.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.record_session)
        self.makeup_button.clicked.connect(self.record_makeup)
        self.delete_button.clicked.connect(self.delete_session)
        self.print_button.clicked.connect(self.print_report)
        self.more_missing.clicked.connect(self._fetch_missing)
        self.set_document(None)

    def set_document(self, details: DocumentDetails | None) -> None:
        self._document = details
        if details is None:
            self.document_label.setText(_tr("Chọn một văn bản ở thẻ “Tra cứu văn bản”."))
        else:
            self.document_label.setText(_tr("Văn bản: {number} ngày {date} {abstract}").format(
                number=details.draft.number, date=format_date(details.draft.issue_date),
                abstract=details.draft.abstract))
        for button in (self.new_button, self.makeup_button, self.delete_button, self.print_button):
            button.setEnabled(details is not None)
        # Browsing the search results must not wait for the completion of each document: it
        # is read when the tab is on show.
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        if self.work.busy():
            self._stale = True  # read again once the count under way is in
            return
        self._stale = False
        organization_id = self.organization.currentData()
        self.sessions.setRowCount(0)
        self.completion.setRowCount(0)
        self.missing.clear()
        self.summary.clear()
        if self._document is None or organization_id is None:
            self.more_missing.setEnabled(False)
            return
        self._sessions = study_sessions(self.database, self._document.id, organization_id, SESSION_LIMIT)
        self.sessions_note.setVisible(len(self._sessions) >= SESSION_LIMIT)
        self.sessions.setRowCount(len(self._sessions))
        for row, session in enumerate(self._sessions):
            values = (format_date(session.session_date), session.organization_name, library_label(session.form),
                      session.presenter, f"{session.present}/{session.listed}",
                      _tr("Có") if session.makeup_of_id else "")
            for column, value in enumerate(values):
                self.sessions.setItem(row, column, _item(value, column == 4))
        # Over a large committee the completion takes about half a second: off the UI thread,
        # the work holding the database and plain values only.
        database, document_id = self.database, self._document.id
        self.work.run(lambda _context: study_completion(database, document_id, organization_id),
                      self._show_completion, _tr("Đang tổng hợp kết quả học tập…"))

    def _show_completion(self, summary: object, error: object) -> None:
        if error is not None:
            raise error  # type: ignore[misc]
        if self._stale:  # the document or the organisation changed meanwhile
            self.refresh()
            return
        assert isinstance(summary, CompletionSummary)
        self.summary.setText(_tr("Đã học {studied}/{expected} đảng viên ({percent}%).").format(
            studied=summary.studied, expected=summary.expected, percent=summary.percent))
        self.completion.setRowCount(len(summary.cells))
        for row, cell in enumerate(summary.cells):
            values = (cell.name, str(cell.expected), str(cell.studied), str(cell.missing), f"{cell.percent}%")
            for column, value in enumerate(values):
                self.completion.setItem(row, column, _item(value, column > 0))
        self._missing_total = summary.expected - summary.studied
        self._missing_loaded = 0
        self._fetch_missing()

    def _fetch_missing(self) -> None:
        if self._document is None or self.organization.currentData() is None:
            return
        page = members_not_studied(self.database, self._document.id, self.organization.currentData(),
                                   self._missing_loaded, MEMBER_PAGE)
        for member in page:
            self.missing.addItem(f"{member.full_name} — {member.cell_name}")
        self._missing_loaded += len(page)
        self.more_missing.setEnabled(self._missing_loaded < self._missing_total)

    def _selected_session(self) -> StudySessionRow | None:
        row = self.sessions.currentRow()
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def record_session(self) -> None:
        if self._document is None or self.organization.currentData() is None:
            return
        organization_id = self.organization.currentData()
        members = expected_members(self.database, organization_id)
        self._open_dialog(SessionDialog(self.database, self._document.id, organization_id, members, self))

    def record_makeup(self) -> None:
        session = self._selected_session()
        if self._document is None or session is None:
            dialogs.show_error(self, _tr("Buổi học bù"), _tr("Chọn buổi học tập mà các đồng chí vắng mặt cần học bù."))
            return
        members = makeup_candidates(self.database, session.id)
        if not members:
            dialogs.show_info(self, _tr("Buổi học bù"), _tr("Mọi đảng viên vắng buổi này đã học bù rồi."))
            return
        self._open_dialog(SessionDialog(self.database, self._document.id, session.organization_id, members, self,
                                        makeup_of_id=session.id))

    def _open_dialog(self, dialog: SessionDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def delete_session(self) -> None:
        session = self._selected_session()
        if session is None:
            return
        if dialogs.ask_yes_no(self, _tr("Xóa buổi học tập"), _tr("Xóa buổi học tập ngày {date} tại {org}?").format(
                date=format_date(session.session_date), org=session.organization_name)):
            delete_study_session(self.database, session.id)
            self.refresh()

    def print_report(self) -> None:
        if self._document is None or self.organization.currentData() is None:
            return
        self.report_requested.emit(ReportRequest(ReportKind.STUDY_COMPLETION, self.organization.currentData(),
                                                 clock.today(), record_id=self._document.id))

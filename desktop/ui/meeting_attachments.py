"""Files kept with a meeting (the signed minutes scanned, the resolution, the documents of the
meeting): added, saved back to disk as a copy, removed while the minutes are a draft. The
files are stored in the database and never opened or run by the application."""

from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.services.access import PermissionDenied
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.meeting_records import AttachmentRow, attachment_content
from desktop.services.meetings import add_attachment, remove_attachment
from desktop.texts import permission_denied_message, problem_message
from desktop.ui import dialogs

_CONTEXT = "MeetingAttachments"
_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _size_text(size: int) -> str:
    return f"{-(-size // 1024)} KB"


def _when(value: dt.datetime) -> str:
    return f"{format_date(value.date())} {value:%H:%M}"


class AttachmentsPanel(QWidget):
    changed = Signal()  # a file was added or removed

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.meeting_id: int | None = None
        self._editable = False
        self.list = QListWidget(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.add_button = QPushButton(_tr("Đính kèm tệp…"), self)
        self.save_button = QPushButton(_tr("Lưu bản sao…"), self)
        self.remove_button = QPushButton(_tr("Gỡ tệp"), self)
        for button in (self.add_button, self.save_button, self.remove_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self.add_button.clicked.connect(self.add_file)
        self.save_button.clicked.connect(self.save_copy)
        self.remove_button.clicked.connect(self.remove_file)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.set_rows(None, (), False)

    def set_rows(self, meeting_id: int | None, rows: tuple[AttachmentRow, ...], editable: bool) -> None:
        self.meeting_id = meeting_id
        self._editable = editable and meeting_id is not None
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(_tr("{name} — {size}, {who} thêm lúc {when}").format(
                name=row.file_name, size=_size_text(row.size_bytes), who=row.added_by, when=_when(row.added_at)))
            item.setData(_ID_ROLE, row.id)
            item.setData(Qt.ItemDataRole.UserRole, row.file_name)
            self.list.addItem(item)
        if meeting_id is None:
            self.hint.setText(_tr("Lưu biên bản trước rồi đính kèm tệp."))
        elif not editable:
            self.hint.setText(_tr("Biên bản đã hoàn tất: chỉ lưu được bản sao của tệp."))
        else:
            self.hint.setText(_tr("Biên bản có chữ ký đã quét, nghị quyết, tài liệu của buổi sinh hoạt…"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.list.currentItem() is not None
        self.add_button.setEnabled(self._editable)
        self.remove_button.setEnabled(self._editable and chosen)
        self.save_button.setEnabled(chosen)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ValidationFailed):
            text = "\n".join(problem_message(problem) for problem in error.problems)
        elif isinstance(error, PermissionDenied):
            text = permission_denied_message()
        else:
            text = _tr("Không còn tìm thấy tệp hoặc biên bản này.")
        dialogs.show_error(self, _tr("Tệp đính kèm"), text)

    def add_file(self) -> None:
        if self.meeting_id is None:
            return
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = dialogs.choose_attachment_file(self, start)
        if chosen is None:
            return
        path = Path(chosen)
        try:
            content = path.read_bytes()
        except OSError:
            dialogs.show_error(self, _tr("Tệp đính kèm"), _tr("Không đọc được tệp {name}.").format(name=path.name))
            return
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        try:
            add_attachment(self.database, self.meeting_id, path.name, media_type, content)
        except (ValidationFailed, PermissionDenied, RecordNotFound) as error:
            self._refused(error)
            return
        self.changed.emit()

    def save_copy(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        target = dialogs.choose_attachment_save_path(self, str(Path(folder) / item.data(Qt.ItemDataRole.UserRole)))
        if target is None:
            return
        try:
            _name, _media_type, content = attachment_content(self.database, item.data(_ID_ROLE))
            Path(target).write_bytes(content)
        except (PermissionDenied, RecordNotFound) as error:
            self._refused(error)
        except OSError:
            dialogs.show_error(self, _tr("Tệp đính kèm"), _tr("Không ghi được tệp vào {path}.").format(path=target))

    def remove_file(self) -> None:
        item = self.list.currentItem()
        if item is None or not dialogs.ask_yes_no(
                self, _tr("Gỡ tệp đính kèm"),
                _tr("Gỡ tệp {name} khỏi biên bản?").format(name=item.data(Qt.ItemDataRole.UserRole)),
                yes_text=_tr("Gỡ tệp"), no_text=_tr("Không")):
            return
        try:
            remove_attachment(self.database, item.data(_ID_ROLE))
        except (ValidationFailed, PermissionDenied, RecordNotFound) as error:
            self._refused(error)
            return
        self.changed.emit()

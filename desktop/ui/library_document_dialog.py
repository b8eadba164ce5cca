"""Thêm / sửa văn bản: the document's fields and, for a new one, its files (PDF, DOCX, TXT).

The files are read here only to be handed to desktop.services.library, which checks and
extracts them; every problem is shown under its field and nothing is lost on a refusal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.library_texts import kind_with_symbol, library_field_label, library_label
from desktop.models.library import Confidentiality, DocumentKind, DocumentStatus
from desktop.models.library_rules import DocumentDraft
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.errors import ConcurrentEdit, ValidationFailed
from desktop.services.library import IncomingFile, add_document, update_document
from desktop.texts import concurrent_edit_message, permission_denied_message, problem_message
from desktop.ui.tasks import TaskContext, WindowWork
from desktop.ui.widgets import DateLineEdit, ErrorLabel, save_and_close_buttons

_CONTEXT = "LibraryDocumentDialog"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def choose_document_files(parent: QWidget | None) -> list[str]:
    """The file chooser (replaced in tests)."""
    paths, _ = QFileDialog.getOpenFileNames(parent, _tr("Chọn tệp văn bản"), "",
                                            _tr("Văn bản (*.pdf *.docx *.txt)"))
    return paths


class DocumentDialog(QDialog):
    """A new document (document_id None) or the fields of an existing one."""

    def __init__(self, database: Database, parent: QWidget | None = None, document_id: int | None = None,
                 version: int | None = None, draft: DocumentDraft | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.document_id = document_id
        self.version = version
        self.saved_id: int | None = None
        self.files: list[Path] = []
        self.setWindowTitle(_tr("Thêm văn bản") if document_id is None else _tr("Sửa thông tin văn bản"))
        self.resize(640, 560)
        self.kind = QComboBox(self)
        for kind in DocumentKind:
            self.kind.addItem(kind_with_symbol(kind), kind)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(_tr("ví dụ 05-NQ/ĐUK"))
        self.issuer = QLineEdit(self)
        self.issuer.setPlaceholderText(_tr("ví dụ Ban Thường vụ Đảng ủy Khối"))
        self.issue_date = DateLineEdit(parent=self)
        self.abstract = QPlainTextEdit(self)
        self.abstract.setPlaceholderText(_tr("Trích yếu nội dung, ví dụ: về tăng cường công tác cán bộ"))
        self.abstract.setFixedHeight(70)
        self.status = QComboBox(self)
        for status in (DocumentStatus.IN_FORCE, DocumentStatus.AMENDED, DocumentStatus.EXPIRED):
            self.status.addItem(library_label(status), status)
        self.confidentiality = QComboBox(self)
        for mark in Confidentiality:
            self.confidentiality.addItem(library_label(mark), mark)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(_tr("các từ khóa, cách nhau bằng dấu phẩy"))
        self.file_list = QListWidget(self)
        self.file_list.setFixedHeight(80)
        self.add_files_button = QPushButton(_tr("Chọn tệp…"), self)
        self.remove_file_button = QPushButton(_tr("Bỏ tệp"), self)
        self.work = WindowWork(self, self.reject)
        self.work.changed.connect(lambda: self.save_button.setEnabled(not self.work.busy()))
        self.errors = {name: ErrorLabel(self) for name in
                       ("kind", "number", "issuer", "issue_date", "abstract", "status", "file", "")}

        form = QFormLayout()
        for name, widget in (("kind", self.kind), ("number", self.number), ("issuer", self.issuer),
                             ("issue_date", self.issue_date), ("abstract", self.abstract), ("status", self.status)):
            form.addRow(library_field_label(name) + ":", widget)
            form.addRow("", self.errors[name])
        form.addRow(library_field_label("confidentiality") + ":", self.confidentiality)
        form.addRow(library_field_label("tags") + ":", self.tags)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if document_id is None:
            file_buttons = QHBoxLayout()
            file_buttons.addWidget(self.add_files_button)
            file_buttons.addWidget(self.remove_file_button)
            file_buttons.addStretch(1)
            form.addRow(_tr("Tệp văn bản:"), self.file_list)
            form.addRow("", file_buttons)
            form.addRow("", self.errors["file"])
        else:
            self.file_list.hide()
            self.add_files_button.hide()
            self.remove_file_button.hide()
        layout.addWidget(self.errors[""])
        self.save_button, self.close_button = save_and_close_buttons(
            self, _tr("Lưu văn bản vào thư viện (Ctrl+S)"), self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.add_files_button.clicked.connect(self._choose_files)
        self.remove_file_button.clicked.connect(self._remove_file)
        if draft is not None:
            self._fill(draft)
        else:
            self.issue_date.set_value(clock.today())

    def _fill(self, draft: DocumentDraft) -> None:
        self.kind.setCurrentIndex(self.kind.findData(draft.kind))
        self.number.setText(draft.number)
        self.issuer.setText(draft.issuer)
        self.issue_date.set_value(draft.issue_date)
        self.abstract.setPlainText(draft.abstract)
        if draft.status is DocumentStatus.REPLACED:
            self.status.addItem(library_label(DocumentStatus.REPLACED), DocumentStatus.REPLACED)
        self.status.setCurrentIndex(self.status.findData(draft.status))
        self.confidentiality.setCurrentIndex(self.confidentiality.findData(draft.confidentiality))
        self.tags.setText(draft.tags or "")
        self._replaced_by_id = draft.replaced_by_id
        self._amended_by_id = draft.amended_by_id

    def add_files(self, paths: list[str]) -> None:
        for name in paths:
            path = Path(name)
            if path not in self.files:
                self.files.append(path)
                self.file_list.addItem(path.name)
        self.errors["file"].show_message(None)

    def _choose_files(self) -> None:
        self.add_files(choose_document_files(self))

    def _remove_file(self) -> None:
        row = self.file_list.currentRow()
        if row >= 0:
            self.file_list.takeItem(row)
            del self.files[row]

    def draft(self) -> DocumentDraft | None:
        problem = self.issue_date.parse_problem()
        self.errors["issue_date"].show_message(problem)
        if problem:
            return None
        return DocumentDraft(
            kind=self.kind.currentData(), number=self.number.text(), issuer=self.issuer.text(),
            issue_date=self.issue_date.date(), abstract=self.abstract.toPlainText(),
            status=self.status.currentData(), confidentiality=self.confidentiality.currentData(),
            tags=self.tags.text() or None, replaced_by_id=getattr(self, "_replaced_by_id", None),
            amended_by_id=getattr(self, "_amended_by_id", None))

    def save(self) -> None:
        """Checks, reading and text extraction of big PDFs take seconds: off the UI thread."""
        if self.work.busy():
            return
        for label in self.errors.values():
            label.show_message(None)
        draft = self.draft()
        if draft is None:
            return
        database, document_id, version = self.database, self.document_id, self.version
        if document_id is None:
            files = []
            for path in self.files:
                try:
                    files.append(IncomingFile(nfc(path.name) or path.name, path.read_bytes()))
                except OSError:
                    self.errors["file"].show_message(_tr("Không đọc được tệp “{name}”.").format(name=path.name))
                    return

            def work(_context: TaskContext) -> int:
                return add_document(database, draft, files)
        else:
            assert version is not None

            def work(_context: TaskContext) -> int:
                update_document(database, document_id, version, draft)
                return document_id

        self.work.run(work, self._saved, _tr("Đang đọc tệp và lưu văn bản…"))

    def _saved(self, result: object, error: object) -> None:
        if isinstance(error, ValidationFailed):
            self._show_problems(error)
        elif isinstance(error, PermissionDenied):
            self.errors[""].show_message(permission_denied_message())
        elif isinstance(error, ConcurrentEdit):
            self.errors[""].show_message(concurrent_edit_message())
        elif isinstance(error, BaseException):
            raise error
        else:
            assert isinstance(result, int)
            self.saved_id = result
            self.accept()

    def reject(self) -> None:
        if self.work.busy():  # the save finishes or is dropped first; the dialog closes after
            self.work.close_when_done()
            return
        super().reject()

    def _show_problems(self, failed: ValidationFailed) -> None:
        texts: dict[str, list[str]] = {}
        for problem in failed.problems:
            name = problem.field if problem.field in self.errors else ""
            texts.setdefault(name, []).append(problem_message(problem))
        for name, lines in texts.items():
            self.errors[name].show_message("\n".join(lines))

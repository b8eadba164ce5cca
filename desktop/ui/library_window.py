"""Thư viện văn bản: search the library (with or without diacritics), filter, read a document's
details and open its file with the system viewer; add documents; the study of the selected
document in the second tab (desktop.ui.library_study_panel).

Results come a page at a time from desktop.services.library_search, ranked, with the matched
words highlighted in the number, the abstract and a snippet of the text.
"""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.library_texts import kind_with_symbol, library_label
from desktop.models.dates import format_date
from desktop.models.library import DocumentKind, DocumentStatus
from desktop.models.library_index import SnippetPart
from desktop.models.permissions import Permission
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.services import clock
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.library import (
    DocumentDetails,
    IncomingFile,
    add_file,
    document_details,
    file_content,
    mark_replaced,
    remove_file,
)
from desktop.services.library_search import (
    LibraryHit,
    LibraryQuery,
    documents_by_number,
    library_issuers,
    library_years,
    query_options,
    search_library,
)
from desktop.services.organizations import root_organizations
from desktop.texts import problem_message
from desktop.ui import dialogs, library_document_dialog
from desktop.ui.library_document_dialog import DocumentDialog
from desktop.ui.library_study_panel import StudyPanel
from desktop.ui.tasks import TaskContext, WindowWork

_CONTEXT = "LibraryWindow"
PAGE = 20
_MARK = "background-color:#ffe58a;"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def parts_html(parts: tuple[SnippetPart, ...]) -> str:
    return "".join(f'<b style="{_MARK}">{escape(part.text)}</b>' if part.matched else escape(part.text)
                   for part in parts)


def hit_html(hit: LibraryHit) -> str:
    mark = "" if not hit.confidentiality.is_marked else f' <span style="color:#b00020">[{escape(library_label(hit.confidentiality))}]</span>'
    head = (f"<b>{parts_html(hit.number_parts)}</b> · {escape(library_label(hit.kind))} · "
            f"{escape(hit.issuer)} · {format_date(hit.issue_date)}{mark}")
    status = "" if hit.status is DocumentStatus.IN_FORCE else f' <i>({escape(library_label(hit.status))})</i>'
    lines = [head, parts_html(hit.abstract_parts) + status]
    if hit.snippet:
        lines.append(f'<span style="color:#444">{parts_html(hit.snippet)}</span>')
    return "<br>".join(lines)


def ask_replacing_number(parent: QWidget) -> str | None:
    """The number of the document that replaces the selected one (replaced in tests)."""
    text, accepted = QInputDialog.getText(parent, _tr("Văn bản bị thay thế"),
                                          _tr("Số và ký hiệu của văn bản thay thế, ví dụ 09-QĐi/TW:"))
    return text if accepted and text.strip() else None


def open_with_system_viewer(path: Path) -> bool:
    """The desktop's viewer for the file (replaced in tests)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class LibraryWindow(QWidget):
    report_requested = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setWindowTitle(_tr("Thư viện văn bản"))
        self.resize(1180, 720)
        self._query = LibraryQuery()
        self._loaded = 0
        self._total = 0
        self._details: DocumentDetails | None = None
        self._temporary = tempfile.TemporaryDirectory(prefix="party-office-doc-", ignore_cleanup_errors=True)

        self.search_box = QLineEdit(self)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(_tr("Từ khóa, số ký hiệu (gõ không dấu cũng được), ví dụ: quan triet nghi quyet"))
        self.kind = QComboBox(self)
        self.kind.addItem(_tr("Mọi loại"), None)
        for kind in DocumentKind:
            self.kind.addItem(kind_with_symbol(kind), kind)
        self.issuer = QComboBox(self)
        self.year = QComboBox(self)
        self.status = QComboBox(self)
        self.status.addItem(_tr("Mọi trạng thái"), None)
        for status in DocumentStatus:
            self.status.addItem(library_label(status), status)
        self.search_button = QPushButton(_tr("Tìm"), self)
        self.add_button = QPushButton(_tr("Thêm văn bản…"), self)
        self.print_button = QPushButton(_tr("In danh mục…"), self)
        self.summary = QLabel(self)
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        self.results.viewport().installEventFilter(self)
        self.more_button = QPushButton(_tr("Xem thêm kết quả"), self)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.files = QListWidget(self)
        self.open_button = QPushButton(_tr("Mở tệp"), self)
        self.add_file_button = QPushButton(_tr("Thêm tệp…"), self)
        self.remove_file_button = QPushButton(_tr("Gỡ tệp…"), self)
        self.remove_file_button.setToolTip(_tr("Gỡ tệp đang chọn khỏi văn bản; chỉ mục tìm kiếm được cập nhật"))
        self.work = WindowWork(self, self.close)
        self.edit_button = QPushButton(_tr("Sửa thông tin…"), self)
        self.replace_button = QPushButton(_tr("Bị thay thế bởi…"), self)
        self.study = StudyPanel(database, self)
        self.study.report_requested.connect(self.report_requested)
        self._build_layout()
        self._fill_filters()
        may_edit = database.actor is not None and database.actor.may(Permission.EDIT_REGISTER)
        self.add_button.setVisible(may_edit)
        self.edit_button.setVisible(may_edit)
        self.replace_button.setVisible(may_edit)
        self.add_file_button.setVisible(may_edit)
        self.remove_file_button.setVisible(may_edit)
        self.search_box.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.more_button.clicked.connect(self.fetch_more)
        self.results.currentItemChanged.connect(self._show_selected)
        self.add_button.clicked.connect(self.add_document)
        self.edit_button.clicked.connect(self.edit_document)
        self.replace_button.clicked.connect(self.mark_replaced)
        self.open_button.clicked.connect(self.open_file)
        self.add_file_button.clicked.connect(self.add_files)
        self.remove_file_button.clicked.connect(self.remove_selected_file)
        self.files.itemDoubleClicked.connect(lambda _item: self.open_file())
        self.print_button.clicked.connect(self.print_list)
        self.search()

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 3)
        for widget in (self.kind, self.issuer, self.year, self.status):
            filters.addWidget(widget)
        filters.addWidget(self.search_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.results, 1)
        left_layout.addWidget(self.more_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        right_layout.addWidget(QLabel(_tr("Tệp văn bản:"), right))
        right_layout.addWidget(self.files)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.open_button)
        file_buttons.addWidget(self.add_file_button)
        file_buttons.addWidget(self.remove_file_button)
        file_buttons.addStretch(1)
        file_buttons.addWidget(self.replace_button)
        file_buttons.addWidget(self.edit_button)
        right_layout.addLayout(file_buttons)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([700, 450])
        search_tab = QWidget(self)
        search_layout = QVBoxLayout(search_tab)
        search_layout.addLayout(filters)
        search_layout.addWidget(splitter, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addStretch(1)
        actions.addWidget(self.print_button)
        search_layout.addLayout(actions)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(search_tab, _tr("Tra cứu văn bản"))
        self.tabs.addTab(self.study, _tr("Học tập, quán triệt"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def _fill_filters(self) -> None:
        issuer, year = self.issuer.currentData(), self.year.currentData()
        self.issuer.clear()
        self.issuer.addItem(_tr("Mọi cơ quan ban hành"), None)
        for name in library_issuers(self.database):
            self.issuer.addItem(name, name)
        self.year.clear()
        self.year.addItem(_tr("Mọi năm"), None)
        for value in library_years(self.database):
            self.year.addItem(str(value), value)
        self.issuer.setCurrentIndex(max(0, self.issuer.findData(issuer)))
        self.year.setCurrentIndex(max(0, self.year.findData(year)))

    def current_query(self) -> LibraryQuery:
        return LibraryQuery(self.search_box.text(), self.kind.currentData(), self.issuer.currentData(),
                            self.year.currentData(), self.status.currentData())

    def search(self) -> None:
        self._query = self.current_query()
        self.results.clear()
        self._loaded = 0
        self.fetch_more()
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self._show_document(None)

    def fetch_more(self) -> None:
        found = search_library(self.database, self._query, self._loaded, PAGE)
        self._total = found.total
        for hit in found.hits:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, hit.document_id)
            label = QLabel(hit_html(hit))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setContentsMargins(4, 4, 4, 4)
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
            self._fit(item)
        self._loaded += len(found.hits)
        self.more_button.setEnabled(self._loaded < self._total)
        self.summary.setText(_tr("{total} văn bản; đang hiện {shown}.").format(total=self._total, shown=self._loaded)
                             if self._total else _tr("Không tìm thấy văn bản nào."))

    def _fit(self, item: QListWidgetItem) -> None:
        """The item as high as its text wrapped at the list's width (a label's sizeHint() is
        its unwrapped size)."""
        label = self.results.itemWidget(item)
        if not isinstance(label, QLabel):
            return
        width = max(240, self.results.viewport().width() - 12)
        layout = QTextDocument()
        layout.setDefaultFont(label.font())
        layout.setHtml(label.text())
        layout.setTextWidth(width)
        item.setSizeHint(QSize(width, int(layout.size().height()) + 12))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.results.viewport() and event.type() == QEvent.Type.Resize:
            for row in range(self.results.count()):
                self._fit(self.results.item(row))
        return super().eventFilter(watched, event)

    def result_label(self, row: int) -> QLabel:
        widget = self.results.itemWidget(self.results.item(row))
        assert isinstance(widget, QLabel)
        return widget

    def _show_selected(self, item: QListWidgetItem | None) -> None:
        self._show_document(None if item is None else item.data(Qt.ItemDataRole.UserRole))

    def _show_document(self, document_id: int | None) -> None:
        self.files.clear()
        self._details = None
        if document_id is not None:
            try:
                self._details = document_details(self.database, document_id)
            except RecordNotFound:
                self._details = None
        self.open_button.setEnabled(self._details is not None and bool(self._details.files))
        self.edit_button.setEnabled(self._details is not None)
        self.replace_button.setEnabled(self._details is not None)
        self.add_file_button.setEnabled(self._details is not None)
        self.study.set_document(self._details)
        if self._details is None:
            self.details.setText(_tr("Chọn một văn bản trong danh sách."))
            return
        self.details.setText(self._details_html(self._details))
        for row in self._details.files:
            item = QListWidgetItem(_tr("{name} ({size} KB)").format(name=row.file_name, size=max(1, row.size_bytes // 1024)))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.files.addItem(item)
        if self._details.files:
            self.files.setCurrentRow(0)

    def _details_html(self, details: DocumentDetails) -> str:
        draft = details.draft
        rows = [(_tr("Số, ký hiệu"), escape(draft.number)), (_tr("Loại"), escape(library_label(draft.kind))),
                (_tr("Cơ quan ban hành"), escape(draft.issuer)),
                (_tr("Ngày ban hành"), format_date(draft.issue_date)),
                (_tr("Trích yếu"), escape(draft.abstract)), (_tr("Trạng thái"), escape(library_label(draft.status))),
                (_tr("Độ mật"), escape(library_label(draft.confidentiality)))]
        if details.replaced_by is not None:
            rows.append((_tr("Được thay thế bởi"), escape(f"{details.replaced_by.number} ({format_date(details.replaced_by.issue_date)})")))
        if details.amended_by is not None:
            rows.append((_tr("Được sửa đổi bởi"), escape(f"{details.amended_by.number} ({format_date(details.amended_by.issue_date)})")))
        if details.replaces:
            rows.append((_tr("Thay thế văn bản"), escape(", ".join(link.number for link in details.replaces))))
        if draft.tags:
            rows.append((_tr("Từ khóa"), escape(draft.tags)))
        return "<table>" + "".join(f"<tr><td><b>{name}:</b>&nbsp;</td><td>{value}</td></tr>" for name, value in rows) + "</table>"

    def add_document(self) -> None:
        dialog = DocumentDialog(self.database, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_save(dialog.saved_id)

    def edit_document(self) -> None:
        if self._details is None:
            return
        dialog = DocumentDialog(self.database, self, self._details.id, self._details.version, self._details.draft)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_save(dialog.saved_id)

    def mark_replaced(self) -> None:
        if self._details is None:
            return
        number = ask_replacing_number(self)
        if number is None:
            return
        found = documents_by_number(self.database, number)
        if not found:
            dialogs.show_error(self, self.windowTitle(),
                               _tr("Không có văn bản số {number} trong thư viện: hãy thêm văn bản đó trước.").format(
                                   number=number.strip()))
            return
        try:  # the newest of that number: numbers start again in each term
            mark_replaced(self.database, self._details.id, found[0].document_id)
        except ValidationFailed as failed:
            dialogs.show_error(self, self.windowTitle(), "\n".join(problem_message(p) for p in failed.problems))
            return
        self._after_save(self._details.id)

    def _after_save(self, document_id: int | None) -> None:
        self._fill_filters()
        self.search()
        for row in range(self.results.count()):
            if self.results.item(row).data(Qt.ItemDataRole.UserRole) == document_id:
                self.results.setCurrentRow(row)
                return

    def add_files(self) -> None:
        """More files for the selected document; read and indexed off the UI thread."""
        if self._details is None or self.work.busy():
            return
        incoming = []
        for name in library_document_dialog.choose_document_files(self):
            path = Path(name)
            try:
                incoming.append(IncomingFile(path.name, path.read_bytes()))
            except OSError:
                dialogs.show_error(self, self.windowTitle(), _tr("Không đọc được tệp “{name}”.").format(name=path.name))
                return
        if not incoming:
            return
        database, document_id = self.database, self._details.id

        def work(_context: TaskContext) -> None:
            for item in incoming:
                add_file(database, document_id, item)

        def done(_result: object, error: object) -> None:
            if isinstance(error, ValidationFailed):
                dialogs.show_error(self, self.windowTitle(), "\n".join(problem_message(p) for p in error.problems))
            elif isinstance(error, BaseException):
                raise error
            self._show_document(document_id)

        self.work.run(work, done, _tr("Đang đọc tệp và cập nhật chỉ mục tìm kiếm…"))

    def remove_selected_file(self) -> None:
        """The file chosen goes; the document's text is extracted again off the UI thread."""
        item = self.files.currentItem()
        if self._details is None or item is None or self.work.busy():
            return
        if not dialogs.ask_yes_no(self, self.windowTitle(),
                                  _tr("Gỡ tệp “{name}” khỏi văn bản? Không lấy lại được.").format(name=item.text()),
                                  yes_text=_tr("Gỡ tệp"), no_text=_tr("Không")):
            return
        database, document_id, file_id = self.database, self._details.id, item.data(Qt.ItemDataRole.UserRole)

        def done(_result: object, error: object) -> None:
            if isinstance(error, RecordNotFound):
                dialogs.show_error(self, self.windowTitle(), _tr("Tệp này đã được gỡ."))
            elif isinstance(error, BaseException):
                raise error
            self._show_document(document_id)

        self.work.run(lambda _context: remove_file(database, file_id), done,
                      _tr("Đang cập nhật chỉ mục tìm kiếm…"))

    def open_file(self) -> None:
        item = self.files.currentItem()
        if item is None:
            return
        try:
            name, content = file_content(self.database, item.data(Qt.ItemDataRole.UserRole), to_open_outside=True)
        except ValidationFailed as failed:
            dialogs.show_error(self, self.windowTitle(), "\n".join(problem_message(p) for p in failed.problems))
            return
        # A copy in a private temporary folder, read by the viewer; the file is never run by us.
        folder = Path(tempfile.mkdtemp(dir=self._temporary.name))
        path = folder / Path(name).name
        path.write_bytes(content)
        if not open_with_system_viewer(path):
            dialogs.show_error(self, self.windowTitle(), _tr("Máy tính không có chương trình để mở tệp “{name}”.").format(name=name))

    def print_list(self) -> None:
        roots = root_organizations(self.database)
        if not roots:
            return
        self.report_requested.emit(ReportRequest(ReportKind.LIBRARY_DOCUMENTS, roots[0].id, clock.today(),
                                                 options=query_options(self.current_query())))

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Closes once the files are saved or dropped, and the study count is in.
        if self.work.close_waits(event) or self.study.work.close_waits(event):
            return
        self._temporary.cleanup()
        super().closeEvent(event)

"""The "Báo cáo, in ấn" window: choose a report, generate it in the background, preview,
print, save as PDF.

A window of its own (not a page of the main window) so the register stays usable while a
long report is generated: the progress dialog is modal to this window only. The generated
PDF goes to a private temporary file (see `preview_folder`); "Lưu PDF…" copies it to where
the user wants it, so an unfinished or cancelled report never lands anywhere visible.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QFont,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFormLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop import paths
from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.reports import catalogue
from desktop.reports.catalogue import ReportKind, ReportOutcome, ReportRequest
from desktop.services import clock
from desktop.services.errors import OperationCancelled, RecordNotFound, ValidationFailed
from desktop.services.organizations import OrgNode, ancestor_ids
from desktop.texts import problem_message
from desktop.ui import dialogs, printing
from desktop.ui.member_picker import MemberPicker
from desktop.ui.org_tree_model import OrgTreeModel
from desktop.ui.pdf_preview import PdfPreview
from desktop.ui.settings import app_settings
from desktop.ui.tasks import Task, start_with_progress
from desktop.ui.widgets import DateLineEdit, ErrorLabel

_CONTEXT = "ReportsPanel"
# Preview files older than this are left-overs of a crashed session (or of a file handed to
# another application) and are removed when the window opens.
STALE_AFTER_SECONDS = 24 * 3600


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def report_title(kind: ReportKind) -> str:
    return {
        ReportKind.ROSTER: _tr("Danh sách đảng viên"),
        ReportKind.PROFILE: _tr("Phiếu đảng viên"),
        ReportKind.STATISTICS: _tr("Báo cáo thống kê số lượng, chất lượng đảng viên"),
    }[kind]


def report_description(kind: ReportKind) -> str:
    return {
        ReportKind.ROSTER: _tr("Danh sách đảng viên của tổ chức đã chọn tại ngày số liệu."),
        ReportKind.PROFILE: _tr("Phiếu thông tin của một đảng viên (mẫu 2-HSĐV)."),
        ReportKind.STATISTICS: _tr(
            "Số lượng và chất lượng đảng viên của tổ chức đã chọn tại ngày số liệu."
        ),
    }[kind]


# -- files ----------------------------------------------------------------------------


def preview_folder() -> Path:
    """Generated reports before the user saves them: private to this user, never synced."""
    return paths.data_dir() / "cache" / "reports"


def remove_stale_previews(folder: Path, now: float | None = None) -> None:
    now = time.time() if now is None else now
    if not folder.is_dir():
        return
    for entry in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        try:
            if entry.is_dir():
                if not any(entry.iterdir()):
                    entry.rmdir()
            elif now - entry.stat().st_mtime > STALE_AFTER_SECONDS:
                entry.unlink()
        except OSError:
            pass  # still open in a viewer (Windows): next time


def _delete(path: Path | None) -> None:
    if path is None:
        return
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # held open by another program: removed as stale later


def ascii_file_part(text: str) -> str:
    """'Chi bộ Phòng Đào tạo' → 'Chi-bo-Phong-Dao-tao'.

    File names are written without diacritics: the PDF is mailed, zipped and copied to USB
    sticks, and older zip tools and mail gateways mangle Vietnamese names.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = "".join(ch if ch.isalnum() or ch in "._" else " " for ch in plain).split()
    return "-".join(words)


@dataclass(frozen=True)
class ShownReport:
    """What the preview shows: enough to name the saved file and describe it."""

    kind: ReportKind
    organization_name: str
    organization_code: str
    as_of: dt.date
    member_name: str
    pages: int
    path: Path

    def default_file_name(self) -> str:
        stem = {
            ReportKind.ROSTER: "Danh-sach-dang-vien",
            ReportKind.PROFILE: "Phieu-dang-vien",
            ReportKind.STATISTICS: "Bao-cao-thong-ke",
        }[self.kind]
        subject = self.member_name if self.kind.needs_member else self.organization_code
        date = self.as_of.strftime("%d-%m-%Y")
        return "_".join(part for part in (stem, ascii_file_part(subject), date) if part) + ".pdf"

    def caption(self) -> str:
        subject = self.organization_name
        if self.kind.needs_member and self.member_name:
            subject = f"{self.member_name} — {self.organization_name}"
        return _tr("{title} · {subject} · số liệu đến ngày {date} · {pages} trang").format(
            title=report_title(self.kind),
            subject=subject,
            date=format_date(self.as_of),
            pages=self.pages,
        )


def open_externally(path: Path) -> bool:
    """Hand a file to the system's PDF viewer (a function, so tests can replace it)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# -- the window -----------------------------------------------------------------------


class ReportsWindow(QMainWindow):
    generated = Signal()  # a new preview is shown

    def __init__(self, database: Database) -> None:
        super().__init__(None)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_tr("Báo cáo, in ấn — Văn phòng Đảng ủy"))
        self._database = database
        self.task: Task | None = None
        self.print_job: printing.PdfPrintJob | None = None
        self.shown: ShownReport | None = None
        self._close_when_idle = False

        self._build_choices()
        self._build_preview_side()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._left)
        self.splitter.addWidget(self._right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([self.fontMetrics().averageCharWidth() * 52, 10_000])
        self.setCentralWidget(self.splitter)
        self._restore_settings()
        self._on_kind_changed()
        self._update_actions()
        remove_stale_previews(preview_folder())

    # -- building ----------------------------------------------------------------------

    def _build_choices(self) -> None:
        self._left = QWidget()
        layout = QVBoxLayout(self._left)
        layout.setContentsMargins(8, 8, 4, 8)

        layout.addWidget(self._heading(_tr("Báo cáo")))
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[ReportKind, QRadioButton] = {}
        for kind in ReportKind:
            button = QRadioButton(report_title(kind))
            description = QLabel(report_description(kind))
            description.setWordWrap(True)
            indicator = button.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
            description.setIndent(indicator + 6)
            description.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # secondary text
            description.setBuddy(button)
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            layout.addWidget(button)
            layout.addWidget(description)
        self.kind_buttons[ReportKind.ROSTER].setChecked(True)
        self.kind_group.buttonToggled.connect(lambda _button, _on: self._on_kind_changed())

        layout.addSpacing(6)
        layout.addWidget(self._heading(_tr("Tổ chức đảng")))
        self.org_model = OrgTreeModel(self._database, self)
        self.org_tree = QTreeView()
        self.org_tree.setModel(self.org_model)
        self.org_tree.setHeaderHidden(True)
        self.org_tree.setColumnHidden(1, True)
        self.org_tree.setUniformRowHeights(True)
        self.org_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.org_tree.selectionModel().currentChanged.connect(self._on_org_changed)
        layout.addWidget(self.org_tree, 1)

        form = QFormLayout()
        form.setContentsMargins(0, 6, 0, 0)
        self.as_of_edit = DateLineEdit()
        self.as_of_edit.set_value(clock.today())
        self.as_of_edit.setToolTip(_tr("Báo cáo lấy số liệu đến hết ngày này (ngày/tháng/năm)"))
        self.as_of_edit.setMaximumWidth(self.as_of_edit.fontMetrics().averageCharWidth() * 16)
        self.as_of_edit.returnPressed.connect(self.generate)
        form.addRow(_tr("Ngày số liệu:"), self.as_of_edit)
        self.member_label = QLabel(_tr("Đảng viên:"))
        self.member_picker = MemberPicker(self._database)
        form.addRow(self.member_label, self.member_picker)
        layout.addLayout(form)

        self.form_error = ErrorLabel()
        layout.addWidget(self.form_error)
        self.generate_button = QPushButton(_tr("Tạo báo cáo"))
        self.generate_button.setToolTip(_tr("Tạo báo cáo và xem trước (Ctrl+Enter)"))
        self.generate_button.clicked.connect(self.generate)
        generate_shortcut = QAction(self)
        generate_shortcut.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        generate_shortcut.triggered.connect(self.generate)
        self.addAction(generate_shortcut)
        layout.addWidget(self.generate_button)

    def _heading(self, text: str) -> QLabel:
        heading = QLabel(text)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        return heading

    def _build_preview_side(self) -> None:
        self._right = QWidget()
        layout = QVBoxLayout(self._right)
        layout.setContentsMargins(4, 8, 8, 8)
        self.preview = PdfPreview()

        self.print_action = QAction(_tr("In…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setToolTip(_tr("In báo cáo đang xem (Ctrl+P)"))
        self.print_action.triggered.connect(self.print_report)
        self.save_action = QAction(_tr("Lưu PDF…"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setToolTip(_tr("Lưu báo cáo đang xem thành tệp PDF (Ctrl+S)"))
        self.save_action.triggered.connect(self.save_pdf)
        self.open_action = QAction(_tr("Mở bằng ứng dụng khác"), self)
        self.open_action.setToolTip(_tr("Mở báo cáo trong phần mềm đọc PDF của máy"))
        self.open_action.triggered.connect(self.open_in_viewer)

        for action in (self.print_action, self.save_action):
            # Toolbar buttons drop a trailing "…" by default; here it says a dialog follows.
            action.setIconText(action.text())
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setMovable(False)
        toolbar.addAction(self.print_action)
        toolbar.addAction(self.save_action)
        toolbar.addAction(self.open_action)
        toolbar.addSeparator()
        self.preview.add_zoom_controls(toolbar)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.preview.page_label)
        self.toolbar = toolbar

        self.caption = QLabel()
        self.caption.setWordWrap(True)
        layout.addWidget(toolbar)
        layout.addWidget(self.caption)
        layout.addWidget(self.preview, 1)

    # -- choices -----------------------------------------------------------------------

    def kind(self) -> ReportKind:
        for kind, button in self.kind_buttons.items():
            if button.isChecked():
                return kind
        return ReportKind.ROSTER

    def set_kind(self, kind: ReportKind) -> None:
        self.kind_buttons[kind].setChecked(True)

    def selected_org(self) -> OrgNode | None:
        return self.org_model.node(self.org_tree.currentIndex())

    def preselect(self, organization_id: int | None, member_id: int | None) -> None:
        """Start from what the main window has selected (the organisation, the member)."""
        if organization_id is not None:
            self.select_org(organization_id)
        elif self.selected_org() is None:
            first = self.org_model.index(0, 0)
            if first.isValid():
                self._select_index(first)
        self.member_picker.set_member_id(member_id)

    def select_org(self, organization_id: int) -> None:
        try:
            chain = ancestor_ids(self._database, organization_id)
        except RecordNotFound:
            return
        index = self.org_model.reveal(chain)
        if index.isValid():
            self._select_index(index)

    def _select_index(self, index: QModelIndex) -> None:
        parent = index.parent()
        while parent.isValid():
            self.org_tree.expand(parent)
            parent = parent.parent()
        self.org_tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.org_tree.scrollTo(index)

    def _on_org_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.org_model.node(current)
        self.member_picker.set_organization(node.id if node is not None else None)
        self.form_error.show_message(None)

    def _on_kind_changed(self) -> None:
        needs_member = self.kind().needs_member
        self.member_label.setEnabled(needs_member)
        self.member_picker.setEnabled(needs_member)
        self.form_error.show_message(None)

    def request(self) -> ReportRequest | None:
        """The request the choices describe, or None after saying what is missing."""
        node = self.selected_org()
        if node is None:
            return self._refuse(_tr("Chọn tổ chức đảng cần in báo cáo trong cây bên trên."), self.org_tree)
        if not self.as_of_edit.text().strip():
            return self._refuse(_tr("Nhập ngày số liệu (ngày/tháng/năm)."), self.as_of_edit)
        problem = self.as_of_edit.parse_problem()
        if problem:
            return self._refuse(problem, self.as_of_edit)
        as_of = self.as_of_edit.date()
        assert as_of is not None
        member_id = None
        if self.kind().needs_member:
            member_id = self.member_picker.member_id()
            if member_id is None:
                return self._refuse(
                    _tr("Chọn đảng viên cần in phiếu: gõ họ tên rồi chọn trong danh sách gợi ý."),
                    self.member_picker,
                )
        self.form_error.show_message(None)
        return ReportRequest(self.kind(), node.id, as_of, member_id)

    def _refuse(self, text: str, field: QWidget) -> None:
        self.form_error.show_message(text)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        return None

    # -- generating --------------------------------------------------------------------

    def busy(self) -> bool:
        return self.task is not None or self.print_job is not None

    def generate(self) -> None:
        if self.busy():
            return
        request = self.request()
        node = self.selected_org()
        if request is None or node is None:
            return
        folder = preview_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            dialogs.show_error(self, _tr("Không tạo được báo cáo"), self._folder_problem(folder, error))
            return
        out_path = folder / f"preview-{uuid.uuid4().hex}.pdf"
        member_name = self.member_picker.member_name() if request.kind.needs_member else ""
        database = self._database

        def work(context):  # type: ignore[no-untyped-def]
            return catalogue.generate_report(
                database, request, out_path,
                progress=context.progress, is_cancelled=context.cancelled,
            )

        self.task = Task(work, self)
        self.task.finished.connect(
            lambda result, error: self._generated(request, node, member_name, out_path, result, error)
        )
        self.statusBar().showMessage(_tr("Đang tạo báo cáo…"))
        self._update_actions()
        label = _tr("Đang tạo “{title}” của {org}…").format(
            title=report_title(request.kind), org=node.name
        )
        start_with_progress(self.task, self, label)

    def _generated(
        self,
        request: ReportRequest,
        node: OrgNode,
        member_name: str,
        out_path: Path,
        result: object,
        error: object,
    ) -> None:
        self.task = None
        self.statusBar().clearMessage()
        try:
            if error is None:
                assert isinstance(result, ReportOutcome)
                self._show_outcome(request, node, member_name, result)
            else:
                _delete(out_path)  # the engine leaves nothing, but a failure might
                self._report_failure(request, error)
        finally:
            self._update_actions()
            if self._close_when_idle:
                self.close()

    def _show_outcome(
        self, request: ReportRequest, node: OrgNode, member_name: str, outcome: ReportOutcome
    ) -> None:
        previous = self.shown
        path = Path(outcome.path)
        if not self.preview.show_file(path):
            _delete(path)
            dialogs.show_error(
                self,
                _tr("Không xem trước được báo cáo"),
                _tr("Tệp PDF vừa tạo không đọc được. Hãy thử tạo lại báo cáo."),
            )
            return
        self.shown = ShownReport(
            kind=request.kind,
            organization_name=node.name,
            organization_code=node.code,
            as_of=request.as_of,
            member_name=member_name,
            pages=self.preview.page_count(),
            path=path,
        )
        self.caption.setText(self.shown.caption())
        if previous is not None and previous.path != path:
            _delete(previous.path)
        self.generated.emit()

    def _report_failure(self, request: ReportRequest, error: object) -> None:
        if isinstance(error, catalogue.ReportCancelled | OperationCancelled):
            self.statusBar().showMessage(_tr("Đã hủy tạo báo cáo."), 8000)
            return
        title = _tr("Không tạo được báo cáo")
        if isinstance(error, RecordNotFound):
            text = _tr(
                "Tổ chức đảng hoặc đảng viên đã chọn không còn trong cơ sở dữ liệu "
                "(có thể vừa bị xóa hoặc sáp nhập). Hãy chọn lại."
            )
        elif isinstance(error, ValidationFailed):
            text = "\n".join(self._problem_text(problem) for problem in error.problems) or _tr(
                "Các lựa chọn chưa hợp lệ cho báo cáo này."
            )
        elif isinstance(error, NotImplementedError):
            text = _tr("Mẫu “{title}” chưa có trong phiên bản này.").format(
                title=report_title(request.kind)
            )
        elif isinstance(error, OSError):
            text = self._folder_problem(preview_folder(), error)
        elif isinstance(error, Exception):
            text = _tr("Đã xảy ra lỗi khi tạo báo cáo.\n\nChi tiết: {detail}").format(
                detail=f"{type(error).__name__}: {error}"
            )
        else:
            raise error  # type: ignore[misc]  # KeyboardInterrupt, SystemExit
        dialogs.show_error(self, title, text)

    @staticmethod
    def _problem_text(problem) -> str:  # type: ignore[no-untyped-def]
        try:
            return problem_message(problem)
        except (KeyError, ValueError):
            return _tr("Lựa chọn chưa hợp lệ ({code}).").format(code=problem.code.value)

    @staticmethod
    def _folder_problem(folder: Path, error: OSError) -> str:
        return _tr(
            "Không ghi được tệp tạm của báo cáo vào thư mục {folder}. "
            "Hãy kiểm tra ổ đĩa còn chỗ trống và quyền ghi.\n\nChi tiết: {detail}"
        ).format(folder=folder, detail=error.strerror or error)

    # -- printing ----------------------------------------------------------------------

    def print_report(self) -> None:
        shown, document = self.shown, self.preview.document()
        if self.busy() or shown is None or document is None:
            return
        printer = printing.printer_for(
            document, f"{report_title(shown.kind)} — {shown.organization_name}"
        )
        if not dialogs.ask_print(self, printer, self.preview.page_count()):
            return
        pages = printing.pages_to_print(
            printer, self.preview.page_count(), self.preview.current_page()
        )
        job = printing.PdfPrintJob(shown.path, printer, pages, self)
        job.finished.connect(self._printed)
        self.print_job = job
        self._update_actions()
        job.start()

    def _printed(self, error: str) -> None:
        job = self.print_job
        self.print_job = None
        if job is not None:
            job.deleteLater()
        self._update_actions()
        if error == printing.PdfPrintJob.CANCELLED:
            self.statusBar().showMessage(_tr("Đã hủy lệnh in."), 8000)
        elif error:
            dialogs.show_error(self, _tr("Không in được"), error)
        elif job is not None:
            self.statusBar().showMessage(
                _tr("Đã gửi {count} trang tới máy in.").format(count=job.printed), 8000
            )
        if self._close_when_idle:
            self.close()

    # -- saving and opening ------------------------------------------------------------

    def suggested_save_path(self) -> str:
        assert self.shown is not None
        folder = app_settings().value("reports/last_folder")
        if not folder or not Path(str(folder)).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
        return str(Path(str(folder)) / self.shown.default_file_name())

    def save_pdf(self) -> None:
        shown = self.shown
        if self.busy() or shown is None:
            return
        chosen = dialogs.choose_pdf_save_path(self, self.suggested_save_path())
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        partial = target.with_name(target.name + ".part")
        try:
            # Copied beside the target, then renamed: an interrupted copy never looks finished.
            shutil.copyfile(shown.path, partial)
            os.replace(partial, target)
        except OSError as error:
            _delete(partial)
            dialogs.show_error(
                self,
                _tr("Không lưu được tệp PDF"),
                _tr("Không ghi được tệp {path}.\n\nChi tiết: {detail}").format(
                    path=target, detail=error.strerror or error
                ),
            )
            return
        settings = app_settings()
        settings.setValue("reports/last_folder", str(target.parent))
        settings.sync()
        self.statusBar().showMessage(_tr("Đã lưu {path}").format(path=target), 10000)

    def open_in_viewer(self) -> None:
        shown = self.shown
        if self.busy() or shown is None:
            return
        # A copy under a readable name in a folder of its own: the viewer shows that name,
        # and the next preview can replace ours while the viewer keeps its copy open.
        target = preview_folder() / "open" / uuid.uuid4().hex[:8] / shown.default_file_name()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shown.path, target)
        except OSError as error:
            dialogs.show_error(
                self, _tr("Không mở được báo cáo"), self._folder_problem(target.parent, error)
            )
            return
        if not open_externally(target):
            dialogs.show_error(
                self,
                _tr("Không mở được báo cáo"),
                _tr("Máy này chưa có phần mềm đọc tệp PDF. Hãy dùng “Lưu PDF…” rồi mở tệp đã lưu."),
            )

    # -- state -------------------------------------------------------------------------

    def _update_actions(self) -> None:
        busy = self.busy()
        has_preview = self.shown is not None and not busy
        for action in (self.print_action, self.save_action, self.open_action):
            action.setEnabled(has_preview)
        self.generate_button.setEnabled(not busy)
        self._left.setEnabled(not busy)
        self.caption.setVisible(self.shown is not None)

    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("reports/geometry")
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            self.resize(int(screen.width() * 0.8), int(screen.height() * 0.85))
        splitter = settings.value("reports/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        kind = settings.value("reports/kind")
        if kind in ReportKind.__members__:
            self.set_kind(ReportKind[str(kind)])

    def _save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("reports/geometry", self.saveGeometry())
        settings.setValue("reports/splitter", self.splitter.saveState())
        settings.setValue("reports/kind", self.kind().name)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy():
            # Stop the work first; the window closes itself once it has stopped.
            self._close_when_idle = True
            if self.task is not None:
                self.task.cancel()
            if self.print_job is not None:
                self.print_job.cancel()
            event.ignore()
            return
        self._save_settings()
        shown = self.shown
        self.shown = None
        self.preview.clear()
        if shown is not None:
            _delete(shown.path)
        event.accept()

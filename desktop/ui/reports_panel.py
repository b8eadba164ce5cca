"""The "Báo cáo, in ấn" window: choose a report, generate it in the background, preview,
print, save as PDF.

A window of its own (not a page of the main window) so the register stays usable while a
long report is generated: the progress dialog is modal to this window only. The generated
PDF goes to a private temporary file (see `report_files`); "Lưu PDF…" copies it to where
the user wants it, so an unfinished or cancelled report never lands anywhere visible.

This module assembles the window: the chooser on the left (`report_chooser`), the preview
and its actions on the right, and the background generation (`report_generation`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.ui import dialogs, printing
from desktop.ui.pdf_preview import PdfPreview
from desktop.ui.report_chooser import ReportChooser
from desktop.ui.report_files import (
    delete_quietly,
    preview_folder,
    remove_stale_previews,
    save_copy,
    viewer_copy_path,
)
from desktop.ui.report_generation import GeneratedReport, ReportGeneration, folder_problem
from desktop.ui.report_names import ShownReport, report_title
from desktop.ui.settings import app_settings

# The reports window's context, shared by the modules it is built from (see report_names).
_CONTEXT = "ReportsPanel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def open_externally(path: Path) -> bool:
    """Hand a file to the system's PDF viewer (a function, so tests can replace it)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReportsWindow(QMainWindow):
    generated = Signal()  # a new preview is shown

    def __init__(self, database: Database) -> None:
        super().__init__(None)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_tr("Báo cáo, in ấn — Văn phòng Đảng ủy"))
        self.print_job: printing.PdfPrintJob | None = None
        self.shown: ShownReport | None = None
        self._close_when_idle = False

        self.chooser = ReportChooser(database)
        self.chooser.generate_requested.connect(self.generate)
        # On the window rather than the chooser: Ctrl+Enter works wherever the focus is.
        generate_shortcut = QAction(self)
        generate_shortcut.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        generate_shortcut.triggered.connect(self.generate)
        self.addAction(generate_shortcut)
        self.generation = ReportGeneration(database, self)
        self.generation.started.connect(self._update_actions)
        self.generation.succeeded.connect(self._show_report)
        self.generation.finished.connect(self._generation_finished)

        self._build_preview_side()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.chooser)
        self.splitter.addWidget(self._right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([self.fontMetrics().averageCharWidth() * 52, 10_000])
        self.setCentralWidget(self.splitter)
        self._restore_settings()
        self._update_actions()
        remove_stale_previews(preview_folder())

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

    def preselect(self, organization_id: int | None, member_id: int | None) -> None:
        """Start from what the main window has selected (the organisation, the member)."""
        self.chooser.preselect(organization_id, member_id)

    def prepare(self, request: ReportRequest) -> None:
        """Choose what another window asked to print (a due list, …) and generate it."""
        if request.kind.needs_record:  # about one record: not a choice of the chooser
            self.chooser.select_org(request.organization_id)
            node = self.chooser.selected_org()
            if node is not None and not self.busy():
                self.generation.start(request, node, "")
            return
        self.chooser.set_kind(request.kind)
        self.chooser.select_org(request.organization_id)
        self.chooser.as_of_edit.set_value(request.as_of)
        if request.period_start is not None:
            self.chooser.period_start_edit.set_value(request.period_start)
        self.generate()

    # -- generating --------------------------------------------------------------------

    def busy(self) -> bool:
        return self.generation.running() or self.print_job is not None

    def generate(self) -> None:
        if self.busy():
            return
        request = self.chooser.request()
        node = self.chooser.selected_org()
        if request is None or node is None:
            return
        self.generation.start(request, node, self.chooser.member_name())

    def _show_report(self, report: GeneratedReport) -> None:
        previous = self.shown
        path = report.path
        if not self.preview.show_file(path):
            delete_quietly(path)
            dialogs.show_error(
                self,
                _tr("Không xem trước được báo cáo"),
                _tr("Tệp PDF vừa tạo không đọc được. Hãy thử tạo lại báo cáo."),
            )
            return
        self.shown = ShownReport(
            kind=report.request.kind,
            organization_name=report.organization.name,
            organization_code=report.organization.code,
            as_of=report.request.as_of,
            member_name=report.member_name,
            pages=self.preview.page_count(),
            path=path,
        )
        self.caption.setText(self.shown.caption())
        if previous is not None and previous.path != path:
            delete_quietly(previous.path)
        self.generated.emit()

    def _generation_finished(self) -> None:
        self._update_actions()
        if self._close_when_idle:
            self.close()

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
        try:
            save_copy(shown.path, target)
        except OSError as error:
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
        target = viewer_copy_path(shown.default_file_name())
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shown.path, target)
        except OSError as error:
            dialogs.show_error(
                self, _tr("Không mở được báo cáo"), folder_problem(target.parent, error)
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
        self.chooser.generate_button.setEnabled(not busy)
        self.chooser.setEnabled(not busy)
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
            self.chooser.set_kind(ReportKind[str(kind)])

    def _save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("reports/geometry", self.saveGeometry())
        settings.setValue("reports/splitter", self.splitter.saveState())
        settings.setValue("reports/kind", self.chooser.kind().name)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy():
            # Stop the work first; the window closes itself once it has stopped.
            self._close_when_idle = True
            self.generation.cancel()
            if self.print_job is not None:
                self.print_job.cancel()
            event.ignore()
            return
        self._save_settings()
        shown = self.shown
        self.shown = None
        self.preview.clear()
        if shown is not None:
            delete_quietly(shown.path)
        event.accept()

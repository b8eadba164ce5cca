"""Making one report in the background: a new temporary file, a progress dialog that can
cancel, and a message in plain words when it fails.

The window decides what to make and shows the result; this object runs the engine off the
UI thread, cleans up after a failure and tells the user why (errors, status bar), so the
window's code reads as what happens rather than how.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMainWindow

from desktop.db.database import Database
from desktop.reports import catalogue
from desktop.reports.catalogue import ReportOutcome, ReportRequest
from desktop.services.errors import OperationCancelled, RecordNotFound, ValidationFailed
from desktop.services.organizations import OrgNode
from desktop.texts import problem_message
from desktop.ui import dialogs
from desktop.ui.report_files import delete_quietly, new_preview_path, preview_folder
from desktop.ui.report_names import report_title
from desktop.ui.tasks import Task, start_with_progress

# The reports window's context, shared by the modules it is built from (see report_names).
_CONTEXT = "ReportsPanel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def folder_problem(folder: Path, error: OSError) -> str:
    """What to say when a temporary file of a report cannot be written."""
    return _tr(
        "Không ghi được tệp tạm của báo cáo vào thư mục {folder}. "
        "Hãy kiểm tra ổ đĩa còn chỗ trống và quyền ghi.\n\nChi tiết: {detail}"
    ).format(folder=folder, detail=error.strerror or error)


@dataclass(frozen=True)
class GeneratedReport:
    """A finished report file and what it was made from (the names as they were then)."""

    request: ReportRequest
    organization: OrgNode
    member_name: str
    path: Path


class ReportGeneration(QObject):
    """One report at a time, for `window`: its progress dialog, status bar and messages."""

    started = Signal()
    succeeded = Signal(object)  # a GeneratedReport, emitted before `finished`
    finished = Signal()  # made, failed or cancelled: the window may act again

    def __init__(self, database: Database, window: QMainWindow) -> None:
        super().__init__(window)
        self._database = database
        self._window = window
        self.task: Task | None = None

    def running(self) -> bool:
        return self.task is not None

    def cancel(self) -> None:
        """Ask the engine to stop; `finished` follows once it has."""
        if self.task is not None:
            self.task.cancel()

    def start(self, request: ReportRequest, node: OrgNode, member_name: str) -> None:
        if self.running():
            return
        folder = preview_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            dialogs.show_error(self._window, _tr("Không tạo được báo cáo"), folder_problem(folder, error))
            return
        out_path = new_preview_path(folder)
        database = self._database

        def work(context):  # type: ignore[no-untyped-def]
            # Looked up at run time (not imported by name) so tests can replace the engine.
            return catalogue.generate_report(
                database, request, out_path,
                progress=context.progress, is_cancelled=context.cancelled,
            )

        self.task = Task(work, self._window)
        self.task.finished.connect(
            lambda result, error: self._finished(request, node, member_name, out_path, result, error)
        )
        self._window.statusBar().showMessage(_tr("Đang tạo báo cáo…"))
        self.started.emit()
        label = _tr("Đang tạo “{title}” của {org}…").format(
            title=report_title(request.kind), org=node.name
        )
        start_with_progress(self.task, self._window, label)

    def _finished(
        self,
        request: ReportRequest,
        node: OrgNode,
        member_name: str,
        out_path: Path,
        result: object,
        error: object,
    ) -> None:
        self.task = None
        self._window.statusBar().clearMessage()
        try:
            if error is None:
                assert isinstance(result, ReportOutcome)
                self.succeeded.emit(GeneratedReport(request, node, member_name, Path(result.path)))
            else:
                delete_quietly(out_path)  # the engine leaves nothing, but a failure might
                self._report_failure(request, error)
        finally:
            self.finished.emit()

    def _report_failure(self, request: ReportRequest, error: object) -> None:
        if isinstance(error, catalogue.ReportCancelled | OperationCancelled):
            self._window.statusBar().showMessage(_tr("Đã hủy tạo báo cáo."), 8000)
            return
        title = _tr("Không tạo được báo cáo")
        if isinstance(error, RecordNotFound):
            text = _tr(
                "Tổ chức đảng hoặc đảng viên đã chọn không còn trong cơ sở dữ liệu "
                "(có thể vừa bị xóa hoặc sáp nhập). Hãy chọn lại."
            )
        elif isinstance(error, ValidationFailed):
            text = "\n".join(_problem_text(problem) for problem in error.problems) or _tr(
                "Các lựa chọn chưa hợp lệ cho báo cáo này."
            )
        elif isinstance(error, NotImplementedError):
            text = _tr("Mẫu “{title}” chưa có trong phiên bản này.").format(
                title=report_title(request.kind)
            )
        elif isinstance(error, OSError):
            text = folder_problem(preview_folder(), error)
        elif isinstance(error, Exception):
            text = _tr("Đã xảy ra lỗi khi tạo báo cáo.\n\nChi tiết: {detail}").format(
                detail=f"{type(error).__name__}: {error}"
            )
        else:
            raise error  # type: ignore[misc]  # KeyboardInterrupt, SystemExit
        dialogs.show_error(self._window, title, text)


def _problem_text(problem) -> str:  # type: ignore[no-untyped-def]
    try:
        return problem_message(problem)
    except (KeyError, ValueError):
        return _tr("Lựa chọn chưa hợp lệ ({code}).").format(code=problem.code.value)

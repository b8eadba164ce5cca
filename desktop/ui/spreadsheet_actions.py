"""Importing and exporting the workspace's lists as spreadsheets (menus Đảng viên and Tổ chức).

Import opens the import dialog on the organisation selected in the tree; afterwards the tree,
the header and the member table are read again. Export writes the member list exactly as the
table shows it (organisation, status filter, search, order), or the organisation subtree, on
a worker thread behind a progress dialog with Hủy; the status bar says where it went.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QStandardPaths
from PySide6.QtWidgets import QMainWindow

from desktop.services.access import PermissionDenied
from desktop.services.errors import OperationCancelled
from desktop.services.organizations import organization_summary
from desktop.services.tabular.exports import ExportOutcome, export_members, export_organizations
from desktop.texts import permission_denied_message
from desktop.ui import dialogs
from desktop.ui.settings import app_settings
from desktop.ui.tasks import Task, TaskContext, start_with_progress

if TYPE_CHECKING:
    from desktop.ui.workspace import Workspace

_CONTEXT = "Spreadsheets"
_FOLDER_KEY = "exports/folder"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _file_part(text: str) -> str:
    """A piece of a file name: letters, digits and dashes."""
    return re.sub(r"[^\w.-]+", "-", text).strip("-") or "danh-sach"


class SpreadsheetActions(QObject):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self._space = workspace
        self.task: Task | None = None

    # -- importing ---------------------------------------------------------------------------

    def import_file(self, kind: str) -> None:
        space = self._space
        if not space.can_edit_register():
            dialogs.show_error(space, _tr("Không có quyền"), permission_denied_message())
            return
        org = space.selected_org()
        if dialogs.ask_import(space.window(), space.database, kind, org.id if org else None, org.name if org else ""):
            self.refresh_register()

    def refresh_register(self) -> None:
        """Read the tree, the header and the table again (an import added or changed rows)."""
        space = self._space
        space.tree_model.refresh_loaded()
        org = space.selected_org()
        if org is not None:
            space.header.show_summary(organization_summary(space.database, org.id))
        space.table_model.refresh()
        space.count_changed.emit(space.table_model.rowCount())

    # -- exporting ---------------------------------------------------------------------------

    def busy(self) -> bool:
        return self.task is not None

    def export_members(self) -> None:
        space = self._space
        org = space.selected_org()
        query = space.current_query()
        name = f"danh-sach-dang-vien-{_file_part(org.code if org else 'tat-ca')}-{dt.date.today():%Y%m%d}.xlsx"
        description = [_tr("Trạng thái: {status}").format(status=space.status_combo.currentText())]
        if query.search_text:
            description.append(_tr("Tìm: “{text}”").format(text=query.search_text))
        database = space.database

        def work(context: TaskContext) -> ExportOutcome:
            return export_members(database, query, self._path, description=description,
                                  progress=context.progress, cancelled=context.cancelled)

        self._export(name, work, _tr("Đang xuất danh sách đảng viên…"))

    def export_organizations(self) -> None:
        space = self._space
        org = space.selected_org()
        name = f"danh-sach-to-chuc-{_file_part(org.code if org else 'tat-ca')}-{dt.date.today():%Y%m%d}.xlsx"
        database, org_id = space.database, org.id if org else None

        def work(context: TaskContext) -> ExportOutcome:
            return export_organizations(database, org_id, self._path, progress=context.progress,
                                        cancelled=context.cancelled)

        self._export(name, work, _tr("Đang xuất danh sách tổ chức đảng…"))

    def _export(self, name: str, work, label: str) -> None:  # type: ignore[no-untyped-def]
        if self.task is not None:
            return
        settings = app_settings()
        folder = str(settings.value(_FOLDER_KEY, "") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = dialogs.choose_xlsx_save_path(self._space.window(), str(Path(folder) / name))
        if not chosen:
            return
        self._path = Path(chosen)
        settings.setValue(_FOLDER_KEY, str(self._path.parent))
        self.task = Task(work, self)
        self.task.finished.connect(self._exported)
        start_with_progress(self.task, self._space.window(), label)

    def _exported(self, result: object, error: object) -> None:
        self.task = None
        window = self._space.window()
        bar = window.statusBar() if isinstance(window, QMainWindow) else None
        if isinstance(error, OperationCancelled):
            if bar is not None:
                bar.showMessage(_tr("Đã hủy xuất danh sách."), 8000)
            return
        if isinstance(error, PermissionDenied):
            dialogs.show_error(window, _tr("Không có quyền"), permission_denied_message())
            return
        if isinstance(error, OSError):
            dialogs.show_error(window, _tr("Không xuất được"), _tr("Không ghi được tệp {path}: {reason}").format(
                path=self._path, reason=error.strerror or error))
            return
        if error is not None:
            if not isinstance(error, Exception):
                raise error  # type: ignore[misc]  # KeyboardInterrupt, SystemExit
            dialogs.show_error(window, _tr("Không xuất được"), f"{type(error).__name__}: {error}")
            return
        assert isinstance(result, ExportOutcome)
        if bar is not None:
            bar.showMessage(_tr("Đã xuất {count} dòng vào {path}.").format(
                count=QLocale().toString(result.rows), path=result.path), 15000)


"""Which database the window works on: first start, opening, refusals and the demo.

Imported before the first paint, so the database layer (SQLAlchemy, services) is imported
inside the functions that run after it, and the opening itself runs on a worker thread.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QThreadPool, Signal

from desktop.db.errors import DatabaseRefused, RefusalReason
from desktop.paths import default_database_path
from desktop.texts import refusal_message
from desktop.ui import dialogs, sign_in
from desktop.ui.automatic_backup import AutomaticBackups
from desktop.ui.first_start import StartAction
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import Task, TaskContext, start_with_progress
from desktop.ui.user_session import UserSession

if TYPE_CHECKING:  # the database layer is loaded only after the first paint
    from desktop.db.database import Database
    from desktop.db.passphrase import PassphraseRequest, PassphraseSource
    from desktop.services.demo import DemoSummary

_CONTEXT = "Database"
# Refusals a database passphrase can answer (the credential store could not give the key).
_PASSPHRASE_REFUSALS = (
    RefusalReason.KEYSTORE_UNAVAILABLE, RefusalReason.KEY_MISSING, RefusalReason.WRONG_PASSPHRASE
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class Demo(enum.Enum):
    SMALL = "SMALL"
    FULL = "FULL"


def is_url(target: str) -> bool:
    return "://" in target


def is_new_file(location: str) -> bool:
    """No database there yet: the file is missing or empty (what first start is about)."""
    path = Path(location)
    return not path.exists() or (path.is_file() and path.stat().st_size == 0)


def open_in_worker(
    location: str, demo: Demo | None, context: TaskContext,
    passphrase: PassphraseSource | None = None,
) -> tuple[Database, DemoSummary | None]:
    """Runs on the worker thread: open (create, migrate) and optionally fill with the demo."""
    from desktop.db.database import open_database

    database = open_database(location, passphrase)
    # Loaded here so the GUI thread does not pay for these imports when building the workspace.
    for module in ("desktop.services.members", "desktop.services.organizations"):
        importlib.import_module(module)
    if demo is None:
        return database, None
    from desktop.services.demo import DemoScale, create_demo

    scale = DemoScale.SMALL if demo is Demo.SMALL else DemoScale.FULL
    try:
        summary = create_demo(
            database, scale, progress=context.progress, cancelled=context.cancelled
        )
    except BaseException:
        database.close()
        raise
    return database, summary


def remove_database_files(location: str) -> None:
    """Delete a database this session created and then abandoned (never one it found)."""
    from desktop.db.encryption import forget_abandoned

    forget_abandoned(Path(location))  # its key in the credential store goes with it
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(location + suffix).unlink(missing_ok=True)


class DatabaseController(QObject):
    quit_requested = Signal()
    attached = Signal(object)  # the Database now shown in the window
    signed_out = Signal()  # the user signed out: the workspace is gone, the login follows

    def __init__(self, window: MainWindow, target: str | None) -> None:
        super().__init__(window)
        self.window = window
        self.target = target
        self.database: Database | None = None
        self.task: Task | None = None
        self.location = ""
        window.open_database_requested.connect(self.choose_and_open)
        window.close_allowed = self._may_close
        # Who is signed in, the idle lock, signing out (after this controller's own signals).
        self.session = UserSession(window, self)
        self.backups = AutomaticBackups(window, self)

    def start(self) -> None:
        self.open_target(self.target)

    def busy(self) -> bool:
        return self.task is not None

    def _may_close(self) -> bool:
        if self.task is not None:
            self.window.statusBar().showMessage(
                _tr("Đang xử lý cơ sở dữ liệu: hãy đợi xong hoặc bấm Hủy."), 5000
            )
            return False
        return True

    def close(self) -> None:
        self.backups.stop()
        if self.backups.running():
            # Quitting: the copy stops at its next check and removes its partial file.
            QThreadPool.globalInstance().waitForDone(10_000)
        if self.database is not None:
            self.database.close()
            self.database = None

    def sign_out(self) -> bool:
        """Đăng xuất: close the forms (asking about unsaved input, as when closing), then the
        login dialog on the same database; quitting there closes it and quits. False when
        the user kept a form open."""
        database = self.database
        if database is None or self.busy():
            return False
        if self.window.has_workspace() and not self.window.workspace().close_forms():
            return False
        from desktop.services.session import sign_out

        self.backups.stop()
        self.window.remove_workspace()
        self.window.show_loading(_tr("Đã đăng xuất."))
        sign_out(database)
        self.signed_out.emit()
        if sign_in.ensure_signed_in(self.window, database):
            self._attach(database, self.location)
        else:
            self.close()
            self.quit_requested.emit()
        return True

    # -- choosing ----------------------------------------------------------------------

    def choose_and_open(self) -> None:
        if self.busy():
            return
        current = getattr(self.database, "file_path", None)
        path = dialogs.choose_database_file(self.window, str(current.parent) if current else "")
        if path:
            self.open_target(path)

    def open_target(self, target: str | None) -> None:
        location = target or str(default_database_path())
        if not is_url(location) and is_new_file(location):
            self._first_start(location)
        else:
            self._open(location, None, created=False)

    def _first_start(self, location: str) -> None:
        action = dialogs.ask_first_start(self.window, location)
        if action is None:
            self._give_up()
        elif action is StartAction.OPEN_OTHER:
            path = dialogs.choose_database_file(self.window, str(Path(location).parent))
            if path:
                self.open_target(path)
            else:
                self._first_start(location)
        else:
            demo = {StartAction.DEMO_SMALL: Demo.SMALL, StartAction.DEMO_FULL: Demo.FULL}.get(
                action
            )
            self._open(location, demo, created=True)

    def _give_up(self) -> None:
        """The user declined: quit if nothing is open, otherwise keep working on what is."""
        if self.database is None:
            self.quit_requested.emit()

    # -- opening -----------------------------------------------------------------------

    def _open(
        self, location: str, demo: Demo | None, created: bool, passphrase: str | None = None
    ) -> None:
        if self.window.has_workspace() and not self.window.workspace().close_forms():
            return
        self.window.open_action.setEnabled(False)
        asked: list[PassphraseRequest] = []

        def answer(request: PassphraseRequest) -> str | None:
            # On the worker thread: no dialog here. The first question gets the passphrase the
            # dialog gave (if any); the question left unanswered is asked in a dialog afterwards.
            asked.append(request)
            return passphrase if len(asked) == 1 else None

        self.task = Task(lambda context: open_in_worker(location, demo, context, answer), self)
        self.task.finished.connect(
            lambda result, error: self._finished(
                location, demo, created, result, error, asked, passphrase
            )
        )
        if demo is None:
            self.window.show_loading(
                _tr("Đang mở cơ sở dữ liệu {location}…").format(location=location)
            )
            self.window.statusBar().showMessage(_tr("Đang mở cơ sở dữ liệu…"))
            self.task.start()
        else:
            self.window.show_loading(_tr("Đang tạo tổ chức mẫu…"))
            self.progress = start_with_progress(
                self.task, self.window, _tr("Đang tạo tổ chức mẫu (tổ chức, chi bộ, đảng viên)…"), 0
            )

    def _finished(
        self, location: str, demo: Demo | None, created: bool, result: object, error: object,
        asked: Sequence[PassphraseRequest] = (), passphrase: str | None = None,
    ) -> None:
        self.task = None
        self.window.open_action.setEnabled(True)
        self.window.statusBar().clearMessage()
        if error is None:
            database, summary = result  # type: ignore[misc]
            if not sign_in.ensure_signed_in(self.window, database):
                database.close()
                self._give_up()
                return
            self._attach(database, location)
            if summary is not None:
                self.window.statusBar().showMessage(self._demo_text(summary), 15000)
            return
        if isinstance(error, DatabaseRefused):
            if asked and error.reason in _PASSPHRASE_REFUSALS:
                given = dialogs.ask_database_passphrase(self.window, asked[-1])
                if given:
                    self._open(location, demo, created, given)
                    return
            self._refused(error)
            return
        from desktop.services.demo import DemoCancelled, DemoNotEmpty

        if created:
            remove_database_files(location)
        if isinstance(error, DemoCancelled):
            self.window.statusBar().showMessage(_tr("Đã hủy tạo tổ chức mẫu."), 8000)
            self._first_start(location)
        elif isinstance(error, DemoNotEmpty):
            dialogs.show_error(
                self.window,
                _tr("Không tạo được tổ chức mẫu"),
                _tr(
                    "Cơ sở dữ liệu này đã có dữ liệu; chỉ tạo được tổ chức mẫu trong cơ sở dữ liệu trống."
                ),
            )
            self._open(location, None, created=False, passphrase=passphrase)
        elif isinstance(error, Exception):
            text = _tr("Không mở được cơ sở dữ liệu {location}.\n\nChi tiết: {detail}").format(
                location=location, detail=f"{type(error).__name__}: {error}"
            )
            self._refused(DatabaseRefused(RefusalReason.UNREACHABLE, location, str(error)), text)
        else:
            raise error  # type: ignore[misc]  # KeyboardInterrupt, SystemExit

    @staticmethod
    def _demo_text(summary: DemoSummary) -> str:
        locale = QLocale()
        return _tr(
            "Đã tạo tổ chức mẫu: {organizations} tổ chức đảng, {cells} chi bộ, {members} đảng viên."
        ).format(
            organizations=locale.toString(summary.organizations),
            cells=locale.toString(summary.cells),
            members=locale.toString(summary.members),
        )

    def _refused(self, refused: DatabaseRefused, text: str | None = None) -> None:
        message = text or refusal_message(refused)
        if dialogs.ask_after_refusal(
            self.window, message, can_keep_current=self.database is not None
        ):
            start = str(Path(refused.location).parent) if not is_url(refused.location) else ""
            path = dialogs.choose_database_file(self.window, start)
            if path:
                self.open_target(path)
            else:
                self._refused(refused, text)
            return
        self._give_up()

    def _attach(self, database: Database, location: str) -> None:
        from desktop.ui.workspace import Workspace

        previous = self.database
        workspace = Workspace(
            database,
            self.window.open_member_action,
            self.window,
            tree_actions=self.window.organization_actions(),
        )
        workspace.count_changed.connect(self.window.show_member_count)
        workspace.org_selected.connect(self.window.set_org_selected)
        workspace.restore_requested.connect(self.restore)
        self.window.set_workspace(workspace, location)
        self.database = database
        self.location = location
        if previous is not None and previous is not database:
            previous.close()
        self.backups.start(database)
        self.attached.emit(database)

    # -- restoring a backup ------------------------------------------------------------

    def restore(self, source: str, passphrase: str | None) -> None:
        """A restore the user confirmed (backups window): close every window of the database,
        restore in the background, then open it again and sign in again."""
        database = self.database
        if database is None or self.busy():
            return
        if not self.window.workspace().close_forms():
            return
        self.window.remove_workspace()
        self.window.show_loading(_tr("Đang phục hồi cơ sở dữ liệu từ bản sao lưu…"))
        self.window.open_action.setEnabled(False)
        # A daily copy under way reads the file: it is cancelled first.
        self.backups.stop(then=lambda: self._start_restore(database, source, passphrase))

    def _start_restore(self, database: Database, source: str, passphrase: str | None) -> None:
        from desktop.services.backups import restore_backup

        def work(context: TaskContext) -> object:
            return restore_backup(database, Path(source), passphrase,
                                  progress=context.progress, cancelled=context.cancelled)

        self.task = Task(work, self)
        self.task.finished.connect(lambda result, error: self._restored(database, result, error))
        self.progress = start_with_progress(
            self.task, self.window,
            _tr("Đang phục hồi cơ sở dữ liệu từ {name}…").format(name=Path(source).name), 0,
        )

    def _restored(self, database: Database, result: object, error: object) -> None:
        from desktop.backup_texts import refusal_text
        from desktop.services.access import PermissionDenied
        from desktop.services.backups import BackupRefused, RestoreOutcome
        from desktop.services.errors import OperationCancelled
        from desktop.texts import permission_denied_message

        self.task = None
        self.window.open_action.setEnabled(True)
        if isinstance(result, RestoreOutcome):
            self.database = None  # closed by the restore; the restored file is opened anew
            self.signed_out.emit()
            dialogs.show_info(self.window, _tr("Đã phục hồi cơ sở dữ liệu"), _tr(
                "Đã phục hồi cơ sở dữ liệu từ bản sao lưu {name}. Cơ sở dữ liệu trước khi phục hồi "
                "được giữ tại {aside}. Hãy đăng nhập lại."
            ).format(name=result.restored.path.name, aside=result.kept_aside))
            self._open(self.location, None, created=False)
            return
        # Refused or cancelled: the file is as it was, and the same session goes on.
        title = _tr("Không phục hồi được")
        if isinstance(error, OperationCancelled):
            self.window.statusBar().showMessage(
                _tr("Đã hủy phục hồi; cơ sở dữ liệu được giữ nguyên."), 15000)
        elif isinstance(error, BackupRefused):
            dialogs.show_error(self.window, title, refusal_text(error))
        elif isinstance(error, PermissionDenied):
            dialogs.show_error(self.window, title, permission_denied_message())
        elif isinstance(error, Exception):
            dialogs.show_error(self.window, title, _tr(
                "Không phục hồi được ({detail}); cơ sở dữ liệu được giữ nguyên."
            ).format(detail=type(error).__name__))
        else:
            raise error  # type: ignore[misc]  # KeyboardInterrupt, SystemExit
        self._attach(database, self.location)

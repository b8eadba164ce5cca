"""The daily automatic backup while the app is open, in the background.

A while after signing in (so that opening the register is not slowed down by the copy), and
then every hour, the app asks desktop.services.backups whether a day has passed since the
last automatic backup and, if so, writes one on a worker thread. The status bar says when it
is done or why it failed; the backups window shows the last one. A restore, signing out and
closing the app cancel a copy under way (its partial file is removed).

Imported before the first paint: the services are imported when a check runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from desktop.ui.tasks import Task, TaskContext

if TYPE_CHECKING:
    from desktop.db.database import Database
    from desktop.ui.main_window import MainWindow

_CONTEXT = "AutomaticBackup"
logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class AutomaticBackups(QObject):
    # After each copy or failure: (outcome or None when none was due, error or None).
    finished = Signal(object, object)

    first_check_ms = 60_000
    check_every_ms = 60 * 60_000

    def __init__(self, window: MainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._database: Database | None = None
        self._task: Task | None = None
        self._then: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.run_if_due)

    def start(self, database: Database) -> None:
        """Watch `database` (a file database: a server's are backed up by the server)."""
        self._database = database
        if database.file_path is None:
            self._timer.stop()
            return
        self._timer.start(self.first_check_ms)

    def stop(self, then: Callable[[], None] | None = None) -> None:
        """No more checks; a copy under way is cancelled. `then` runs once nothing runs."""
        self._timer.stop()
        self._database = None
        if self._task is None:
            if then is not None:
                then()
            return
        if then is not None:
            self._then.append(then)
        self._task.cancel()

    def running(self) -> bool:
        return self._task is not None

    def run_if_due(self) -> None:
        self._timer.setInterval(self.check_every_ms)
        database = self._database
        if database is None or self._task is not None:
            return

        def work(context: TaskContext) -> object:
            from desktop.services.backups import run_automatic_backup

            return run_automatic_backup(database, cancelled=context.cancelled)

        self._task = Task(work, self)
        self._task.finished.connect(self._done)
        self._task.start()

    def _done(self, outcome: object, error: object) -> None:
        self._task = None
        then, self._then = self._then, []
        self._report(outcome, error)
        self.finished.emit(outcome, error)
        for call in then:
            call()

    def _report(self, outcome: object, error: object) -> None:
        from desktop.backup_texts import refusal_text, size_text
        from desktop.services.backups import AutomaticOutcome, BackupRefused
        from desktop.services.errors import OperationCancelled

        bar = self._window.statusBar()
        if isinstance(outcome, AutomaticOutcome):
            bar.showMessage(_tr("Đã sao lưu tự động: {name} ({size}).").format(
                name=outcome.path.name, size=size_text(outcome.size)), 15000)
        elif isinstance(error, OperationCancelled) or error is None:
            return
        elif isinstance(error, BackupRefused):
            logger.warning("automatic backup refused: %s", error.problem.value)
            bar.showMessage(_tr("Chưa sao lưu tự động được: {reason}").format(
                reason=refusal_text(error)))
        elif isinstance(error, Exception):
            logger.error("automatic backup failed: %s", type(error).__name__)
            bar.showMessage(_tr("Chưa sao lưu tự động được ({detail}); phần mềm sẽ thử lại sau.").format(
                detail=type(error).__name__))
        else:
            raise error  # type: ignore[misc]  # KeyboardInterrupt, SystemExit

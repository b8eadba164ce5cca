"""Running long work off the UI thread: a QRunnable on the global pool, results by signal.

The work is a plain callable (a Qt-free service call). It receives a `TaskContext` to report
progress and to ask whether the user cancelled; its result or exception comes back to the
GUI thread through queued signals of an object created on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

_CONTEXT = "Tasks"


class TaskContext:
    """What the work sees: progress reporting and the cancel flag (thread-safe)."""

    def __init__(self, signals: _TaskSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()
        # Set by the worker once it holds no reference to any Qt object of this task.
        self.worker_done = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self._signals.progress.emit(int(done), int(total))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _TaskSignals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


# Signal objects of running work. They have no Qt parent, so a window closed mid-task cannot
# delete one under the worker still emitting on it. Each is released on the GUI thread, and only
# once the worker has dropped its own references: were the worker's the last, the QObject would
# be destroyed on the pool thread (a crash in a later event loop).
_RUNNING: set[_TaskSignals] = set()
_RELEASE_RETRY_MS = 5


def _release(signals: _TaskSignals, worker_done: threading.Event) -> None:
    if worker_done.is_set():
        _RUNNING.discard(signals)
    else:  # the worker is returning from run(): look again in a moment
        QTimer.singleShot(_RELEASE_RETRY_MS, lambda: _release(signals, worker_done))


class _Runnable(QRunnable):
    def __init__(
        self, work: Callable[[TaskContext], Any], context: TaskContext, signals: _TaskSignals
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._context = context
        self._signals = signals

    def run(self) -> None:
        done = self._context.worker_done
        try:
            result = self._work(self._context)
        except BaseException as error:  # delivered to the GUI thread, which decides
            self._signals.failed.emit(error)
        else:
            self._signals.succeeded.emit(result)
        finally:
            # Dropped here, while the GUI thread still holds them (see _release).
            self._work = self._context = self._signals = None  # type: ignore[assignment]
            result = error = None  # noqa: F841
            done.set()


class Task(QObject):
    """One piece of background work; `finished` fires on the GUI thread with (result, error)."""

    finished = Signal(object, object)
    progress = Signal(int, int)

    def __init__(self, work: Callable[[TaskContext], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _TaskSignals()
        self.context = TaskContext(self._signals)
        self._signals.progress.connect(self.progress)
        self._signals.succeeded.connect(lambda result: self._finish(result, None))
        self._signals.failed.connect(lambda error: self._finish(None, error))
        self._work = work
        self.running = False

    def start(self) -> None:
        self.running = True
        signals, worker_done = self._signals, self.context.worker_done
        _RUNNING.add(signals)
        signals.succeeded.connect(lambda _result: _release(signals, worker_done))
        signals.failed.connect(lambda _error: _release(signals, worker_done))
        self.destroyed.connect(self.context.cancel)  # nobody waits for the result any more
        QThreadPool.globalInstance().start(_Runnable(self._work, self.context, signals))

    def cancel(self) -> None:
        self.context.cancel()

    def _finish(self, result: object, error: object) -> None:
        self.running = False
        self.finished.emit(result, error)


def start_with_progress(
    task: Task, parent: QWidget, label: str, minimum_duration_ms: int = 500
) -> QProgressDialog:
    """Start `task` behind a window-modal progress dialog whose Cancel sets the task's cancel flag."""
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate(_CONTEXT, "Đang xử lý"))
    dialog.setLabelText(label)
    dialog.setCancelButtonText(QCoreApplication.translate(_CONTEXT, "Hủy"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(minimum_duration_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setRange(0, 0)  # busy until the first progress report gives the total
    dialog.setMinimumWidth(dialog.fontMetrics().averageCharWidth() * 60)

    def on_progress(done: int, total: int) -> None:
        if total > 0 and dialog.maximum() != total:
            dialog.setRange(0, total)
        dialog.setValue(min(done, total) if total > 0 else 0)

    def on_cancel() -> None:
        # QProgressDialog hides itself on Cancel; the work stops at its next check.
        task.cancel()

    def on_finished(_result: object, _error: object) -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    task.progress.connect(on_progress)
    dialog.canceled.connect(on_cancel)
    task.finished.connect(on_finished)
    task.start()
    return dialog


class WindowWork(QObject):
    """A window's background work, one task at a time, each behind the progress dialog.

    A window asked to close while its work runs calls `close_when_done()`: the work is
    cancelled and `close` is called once it has stopped; the result is then not delivered.
    """

    changed = Signal()  # work started or ended: the window updates its buttons

    def __init__(self, window: QWidget, close: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._close = close
        self.task: Task | None = None
        self.closing = False

    def busy(self) -> bool:
        return self.task is not None

    def run(self, work: Callable[[TaskContext], Any], on_done: Callable[[object, object], None], label: str) -> None:
        task = Task(work, self)
        self.task = task

        def finished(result: object, error: object) -> None:
            self.task = None
            self.changed.emit()
            if self.closing:
                self._close()
                return
            on_done(result, error)

        task.finished.connect(finished)
        self.changed.emit()
        start_with_progress(task, self._window, label)

    def close_waits(self, event: QEvent) -> bool:
        """In a window's closeEvent: True when the window closes only once its work has
        stopped (the work is cancelled, the event ignored)."""
        if self.task is None:
            return False
        self.close_when_done()
        event.ignore()
        return True

    def close_when_done(self) -> None:
        self.closing = True
        if self.task is not None:
            self.task.cancel()

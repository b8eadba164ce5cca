"""The idle lock: noticing that nobody used the app for a while, and covering every window of
the app until the signed-in user types their password again.

Idle detection is an application-wide event filter that notes the time of the last keyboard,
mouse, wheel or touch input, and one single-shot QTimer: when it fires it compares the idle
time with the timeout and either locks or re-arms itself for the remaining time (no polling,
no timer restarted on every mouse move).

Locking puts an opaque cover over every visible window of the app (the main window, member and
organisation forms, the reports, audit and users windows, an open message box) and shows the
application-modal lock dialog. Nothing underneath is touched: forms keep their unsaved input
and their focus, and are usable again as they were after the right password.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.credentials import BusyDialog, password_edit

if TYPE_CHECKING:
    from desktop.db.database import Database

_CONTEXT = "ScreenLock"
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.InputMethod,
})


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class IdleWatcher(QObject):
    """Emits `idle` once after `timeout_ms` without input anywhere in the app, then stops."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = timeout_ms
        self._since_input = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._running = False

    def timeout_ms(self) -> int:
        return self._timeout_ms

    def running(self) -> bool:
        return self._running

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timeout_ms = timeout_ms
        if self._running:
            self._timer.start(max(0, timeout_ms - self._since_input.elapsed()))

    def start(self) -> None:
        """Count from now (after signing in, after unlocking)."""
        app = QCoreApplication.instance()
        if not self._running and app is not None:
            app.installEventFilter(self)
            self._running = True
        self._since_input.start()
        self._timer.start(self._timeout_ms)

    def stop(self) -> None:
        app = QCoreApplication.instance()
        if self._running and app is not None:
            app.removeEventFilter(self)
        self._running = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._since_input.restart()
        return False

    def _check(self) -> None:
        remaining = self._timeout_ms - self._since_input.elapsed()
        if remaining > 0:
            self._timer.start(remaining)
            return
        self.stop()
        self.idle.emit()


class _Cover(QWidget):
    """An opaque sheet over the whole of one window (menus and status bar included)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("screenLockCover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        label = QLabel(_tr("Màn hình đã khóa"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        label.setFont(font)
        label.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self._window = window
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._window.rect())
            self.raise_()
        elif watched is self._window and event.type() == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self.raise_)  # stay above widgets added later
        return False

    def remove(self) -> None:
        self._window.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class LockDialog(BusyDialog):
    """The password of the signed-in user, or "Đăng xuất" / "Thoát"."""

    unlocked = Signal()
    sign_out_requested = Signal()
    quit_requested = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._may_close = False
        self.setWindowTitle(_tr("Màn hình đã khóa — Văn phòng Đảng ủy"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlags(
            Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
        )
        actor = database.actor
        who = f"{actor.full_name} ({actor.username})" if actor is not None else ""
        heading = QLabel(_tr("Màn hình đã khóa"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        heading.setFont(font)
        self.explanation = explanation = QLabel(_tr(
            "{who} đang đăng nhập. Nhập mật khẩu để làm việc tiếp: các cửa sổ, hồ sơ đang mở và "
            "dữ liệu đang nhập dở vẫn được giữ nguyên."
        ).format(who=who))
        explanation.setWordWrap(True)
        self.password = password_edit()
        self.track_passwords(self.password)
        form = QFormLayout()
        caption = QLabel(_tr("&Mật khẩu:"))
        caption.setBuddy(self.password)
        form.addRow(caption, self.password)
        self.message = self.general_error
        buttons = QDialogButtonBox()
        self.unlock_button: QPushButton = buttons.addButton(
            _tr("Mở khóa"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_out_button: QPushButton = buttons.addButton(
            _tr("Đăng xuất"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.quit_button: QPushButton = buttons.addButton(
            _tr("Thoát"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.quit_button.clicked.connect(self.quit_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.password.setFocus()

    def inputs(self) -> Sequence[QWidget]:
        return (self.password, self.unlock_button, self.sign_out_button, self.quit_button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            return  # Esc must not unlock
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self._may_close:
            super().reject()

    def close_for_good(self) -> None:
        self._may_close = True
        self.clear_passwords()
        self.hide()
        self.deleteLater()

    def submit(self) -> None:
        if not self.password.text():
            self.message.show_message(_tr("Hãy nhập mật khẩu."))
            return
        from desktop.services.auth import verify_password

        database, actor, password = self._database, self._database.actor, self.password.text()
        if actor is None:
            return
        self.run(lambda: verify_password(database, actor, password), self._answered)

    def _answered(self, right: bool | None, error: BaseException | None) -> None:
        self.password.clear()
        if error is not None:
            self.show_unexpected(error)
            return
        if right:
            self.unlocked.emit()
            return
        from desktop.services.session import AccountState, own_account
        from desktop.texts import login_refusal_message

        account = own_account(self._database)
        if account.state is AccountState.USABLE:
            self.message.show_message(_tr("Mật khẩu không đúng."))
            self.password.setFocus()
            return
        reason = "LOCKED" if account.state is AccountState.LOCKED else "DISABLED"
        self.message.show_message(
            login_refusal_message(reason, account.locked_until) + "\n"
            + _tr("Chỉ còn cách Đăng xuất (người khác đăng nhập) hoặc Thoát.")
        )
        self.password.setEnabled(False)
        self.unlock_button.setEnabled(False)
        self.sign_out_button.setDefault(True)
        self.sign_out_button.setFocus()


class ScreenLock(QObject):
    """Covers the app's windows and shows the lock dialog; `unlocked` after the password."""

    unlocked = Signal()
    sign_out_requested = Signal()
    quit_requested = Signal()

    def __init__(self, main_window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._main_window = main_window
        self.dialog: LockDialog | None = None
        self._covers: dict[QWidget, _Cover] = {}
        self._titles: dict[QWidget, str] = {}
        self._covering = False

    def is_locked(self) -> bool:
        return self.dialog is not None

    def covered_windows(self) -> list[QWidget]:
        return list(self._covers)

    def lock(self, database: Database) -> None:
        if self.dialog is not None:
            return
        popup = QApplication.activePopupWidget()
        while popup is not None:  # an open menu or completer list would stay above the covers
            popup.close()
            popup = QApplication.activePopupWidget()
        dialog = LockDialog(database, self._main_window)
        self.dialog = dialog
        for window in QApplication.topLevelWidgets():
            self._cover(window)
        dialog.unlocked.connect(self.unlock)
        dialog.sign_out_requested.connect(self.sign_out_requested)
        dialog.quit_requested.connect(self.quit_requested)
        self._covering = True
        QCoreApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _cover(self, window: QWidget) -> None:
        if (
            window in self._covers
            or not window.isVisible()
            or not window.isWindow()
            or window is self.dialog
            or window.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
        ):
            return
        self._covers[window] = _Cover(window)
        self._titles[window] = window.windowTitle()
        window.setWindowTitle(_tr("Văn phòng Đảng ủy — màn hình đã khóa"))
        window.destroyed.connect(lambda _obj=None, w=window: self._forget(w))

    def _forget(self, window: QWidget) -> None:
        self._covers.pop(window, None)
        self._titles.pop(window, None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A window that appears while locked (a message of work that just finished) is covered."""
        if self._covering and event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            if watched.isWindow():
                QTimer.singleShot(0, lambda w=watched: self._cover_later(w))
        return False

    def _cover_later(self, window: QWidget) -> None:
        if self._covering and self.dialog is not None:
            try:
                self._cover(window)
            except RuntimeError:  # already deleted
                pass

    def suspend(self) -> None:
        """Hide the dialog and stop covering new windows while the app asks about closing forms
        (signing out or quitting from the lock); the covers stay."""
        self._covering = False
        if self.dialog is not None:
            self.dialog.hide()

    def resume(self) -> None:
        """The user kept a form open: lock again as before."""
        if self.dialog is None:
            return
        self._covering = True
        for window in QApplication.topLevelWidgets():
            self._cover(window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def unlock(self) -> None:
        if self.dialog is None:
            return
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._covering = False
        dialog, self.dialog = self.dialog, None
        dialog.close_for_good()
        for window, cover in list(self._covers.items()):
            cover.remove()
            window.setWindowTitle(self._titles.get(window, window.windowTitle()))
        self._covers.clear()
        self._titles.clear()
        self.unlocked.emit()

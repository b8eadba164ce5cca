"""The signed-in user's session in the window: who is signed in (status bar), changing one's
password, locking the screen by hand (Ctrl+L) or after the idle time, and signing out.

Created by the DatabaseController before the first paint, so only Qt and light modules are
imported here; the services are imported when a database is attached.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from desktop.ui import dialogs
from desktop.ui.screen_lock import IdleWatcher, ScreenLock

if TYPE_CHECKING:
    from desktop.db.database import Database
    from desktop.ui.database_controller import DatabaseController
    from desktop.ui.main_window import MainWindow

_CONTEXT = "Session"
DEFAULT_IDLE_MS = 10 * 60_000  # until the database's setting is read


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class UserSession(QObject):
    def __init__(self, window: MainWindow, controller: DatabaseController) -> None:
        super().__init__(controller)
        self.window = window
        self.controller = controller
        self.database: Database | None = None
        # Set by tests (set_idle_timeout_ms): wins over the database's setting.
        self._idle_override_ms: int | None = None
        self.idle = IdleWatcher(DEFAULT_IDLE_MS, self)
        self.lock = ScreenLock(window, self)
        self.idle.idle.connect(self.lock_screen)
        self.lock.unlocked.connect(self._unlocked)
        self.lock.sign_out_requested.connect(self._sign_out_from_lock)
        self.lock.quit_requested.connect(self._quit_from_lock)
        window.lock_requested.connect(self.lock_screen)
        window.sign_out_requested.connect(self.sign_out)
        window.change_password_requested.connect(self.change_password)
        controller.attached.connect(self._signed_in)
        controller.signed_out.connect(self._signed_out)

    # -- signing in and out ------------------------------------------------------------

    def _signed_in(self, database: Database) -> None:
        from desktop.services.office_settings import idle_lock_minutes
        from desktop.services.session import signed_in_user
        from desktop.texts import role_label

        self.database = database
        user = signed_in_user(database)
        scope = user.scope_name or _tr("Toàn bộ hệ thống tổ chức")
        self.window.show_signed_in(
            f"{user.full_name} · {role_label(user.role)} · {scope}",
            _tr("Đang đăng nhập: {user}").format(user=user.username),
        )
        minutes_ms = idle_lock_minutes(database) * 60_000
        self.idle.set_timeout_ms(self._idle_override_ms or minutes_ms)
        self.idle.start()
        workspace = self.window.workspace()
        changed = getattr(workspace, "idle_minutes_changed", None)
        if changed is not None:
            changed.connect(self.apply_idle_minutes)

    def _signed_out(self) -> None:
        self.idle.stop()
        self.lock.unlock()
        self.window.show_signed_in("", "")

    def sign_out(self) -> None:
        """Đăng xuất: forms are asked about as when closing, then the login dialog."""
        if self.controller.sign_out():
            return
        if self.lock.is_locked():
            self.lock.resume()

    def apply_idle_minutes(self, minutes: int) -> None:
        if self._idle_override_ms is None:
            self.idle.set_timeout_ms(minutes * 60_000)

    def set_idle_timeout_ms(self, timeout_ms: int) -> None:
        """For tests: lock after `timeout_ms` of idleness whatever the database says."""
        self._idle_override_ms = timeout_ms
        self.idle.set_timeout_ms(timeout_ms)

    # -- the lock ----------------------------------------------------------------------

    def lock_screen(self) -> None:
        database = self.controller.database
        if database is None or database.actor is None or not self.window.has_workspace():
            return
        self.idle.stop()
        self.lock.lock(database)

    def _unlocked(self) -> None:
        if self.database is not None and self.database.actor is not None:
            self.idle.start()

    def _sign_out_from_lock(self) -> None:
        self.lock.suspend()
        self.sign_out()

    def _quit_from_lock(self) -> None:
        self.lock.suspend()
        if not self.window.close():
            self.lock.resume()

    # -- own password ------------------------------------------------------------------

    def change_password(self) -> None:
        database = self.controller.database
        if database is None or database.actor is None:
            return
        if dialogs.ask_change_password(self.window, database):
            self.window.statusBar().showMessage(_tr("Đã đổi mật khẩu."), 8000)


def permission_denied_hook(
    parent: Callable[[], QWidget | None],
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    """An excepthook that shows a PermissionDenied (or NotSignedIn) that no widget caught as
    the Vietnamese message instead of a crash, and hands anything else to the previous hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        access = sys.modules.get("desktop.services.access")
        if access is not None and isinstance(error, (access.PermissionDenied, access.NotSignedIn)):
            from desktop.texts import permission_denied_message

            dialogs.show_error(parent(), _tr("Không có quyền"), permission_denied_message())
            return
        previous(kind, error, trace)

    return hook

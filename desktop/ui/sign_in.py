"""The sign-in step between opening a database and showing it in the window (issue 4).

TEMPORARY BRIDGE: the login dialog (and, for a database without accounts, the dialog that
creates the first administrator) replaces `ensure_signed_in`; desktop.services.auth is the
API it calls. Until then the window refuses a database nobody signed in to: the app has no
path that shows the register without a signed-in user. Tests replace this function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.ui import dialogs

if TYPE_CHECKING:
    from desktop.db.database import Database


def _tr(text: str) -> str:
    return QCoreApplication.translate("SignIn", text)


def ensure_signed_in(window: QWidget, database: Database) -> bool:
    """True when a user is signed in on `database` (services check everything against them)."""
    if database.actor is not None:
        return True
    dialogs.show_error(
        window,
        _tr("Chưa đăng nhập"),
        _tr("Phải đăng nhập mới xem được cơ sở dữ liệu này. Phiên bản này chưa có màn hình "
            "đăng nhập; hãy dùng dòng lệnh party-office với --user."),
    )
    return False

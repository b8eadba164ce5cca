"""The sign-in step between opening a database and showing it in the window (issue 4).

A database without accounts (first start, a demo just created, a file from before accounts
existed) asks for its first administrator; any other asks who signs in. Both dialogs go
through desktop.ui.dialogs (tests replace them) and check passwords on a worker thread.
Imported before the first paint: the database layer is imported inside the function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop.ui import dialogs

if TYPE_CHECKING:
    from desktop.db.database import Database


def ensure_signed_in(window: QWidget, database: Database) -> bool:
    """True when a user is signed in on `database`; False when the user chose to quit."""
    from desktop.services.auth import has_accounts

    while database.actor is None:
        if has_accounts(database):
            actor = dialogs.ask_sign_in(window, database)
        else:
            actor = dialogs.ask_first_administrator(window, database)
            if actor is None and has_accounts(database):
                continue  # created meanwhile elsewhere: sign in with it
        if actor is None:
            return False
        database.actor = actor
    return True

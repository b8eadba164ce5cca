"""Preferences of this user on this computer: an INI file (QSettings, user scope).

Only window layout lives here; anything an office shares belongs in the database.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop import APP_AUTHOR, APP_NAME


def app_settings() -> QSettings:
    """The INI file in the user's configuration folder (tests redirect it with QSettings.setPath)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_AUTHOR, APP_NAME)

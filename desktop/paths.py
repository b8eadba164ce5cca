"""Every folder the application writes to, in one place, each overridable (tests, portable use)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop import APP_AUTHOR, APP_NAME

DATA_DIR_ENV = "PARTY_OFFICE_DATA_DIR"
DATABASE_FILE_NAME = "party-office.db"


def data_dir() -> Path:
    """Per-user local data folder (%LOCALAPPDATA%\\PartyOffice\\PartyOffice on Windows).

    Local, not roaming: a roaming profile copying a live SQLite file at logon corrupts it.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILE_NAME


def backups_dir(database_path: Path) -> Path:
    """Backups sit next to the database they were taken from."""
    return database_path.parent / "backups"

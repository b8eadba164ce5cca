"""Why a database cannot be opened; the UI and CLI turn the reason into a Vietnamese message."""

from __future__ import annotations

import enum


class RefusalReason(enum.Enum):
    NOT_A_DATABASE = "NOT_A_DATABASE"  # not an SQLite file at all
    CORRUPT = "CORRUPT"  # SQLite file that fails its integrity check
    FOREIGN = "FOREIGN"  # a database of some other application
    NEWER_SCHEMA = "NEWER_SCHEMA"  # written by a newer version of this application
    UNREACHABLE = "UNREACHABLE"  # server down, wrong password, folder not writable


class DatabaseRefused(Exception):
    """The database was left untouched and not opened."""

    def __init__(self, reason: RefusalReason, location: str, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {location} {detail}".strip())
        self.reason = reason
        self.location = location
        self.detail = detail

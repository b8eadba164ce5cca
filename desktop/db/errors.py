"""Why a database cannot be opened; the UI and CLI turn the reason into a Vietnamese message."""

from __future__ import annotations

import enum


class RefusalReason(enum.Enum):
    NOT_A_DATABASE = "NOT_A_DATABASE"  # not an SQLite file at all
    CORRUPT = "CORRUPT"  # SQLite file that fails its integrity check
    FOREIGN = "FOREIGN"  # a database of some other application
    NEWER_SCHEMA = "NEWER_SCHEMA"  # written by a newer version of this application
    UNREACHABLE = "UNREACHABLE"  # server down, wrong password, folder not writable
    # Encrypted files (desktop.db.encryption): each says why no key opened the file.
    KEYSTORE_UNAVAILABLE = "KEYSTORE_UNAVAILABLE"  # no working credential store, no passphrase given
    KEY_MISSING = "KEY_MISSING"  # no key for this file on this computer (or not a database at all)
    WRONG_PASSPHRASE = "WRONG_PASSPHRASE"  # the passphrase given does not open the file
    IN_USE = "IN_USE"  # another program has the file open, so it cannot be encrypted or rekeyed now


class DatabaseRefused(Exception):
    """The database was left untouched and not opened."""

    def __init__(self, reason: RefusalReason, location: str, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {location} {detail}".strip())
        self.reason = reason
        self.location = location
        self.detail = detail

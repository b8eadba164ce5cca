"""Asking for a database passphrase: why it is asked, and the callback the caller provides.

The embedded database is encrypted (desktop.db.encryption). Its key normally lives in the
operating system's credential store; when that store does not work, or has no key for the file,
opening asks the caller's `PassphraseSource` (the UI: a dialog; the CLI: the environment or a
prompt). The answer is kept in memory for the session only.

No imports beyond the standard library: the UI loads this before the database layer.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

# A chosen passphrase protects a stolen file against guessing with SQLCipher's PBKDF2-HMAC-SHA512
# (256,000 iterations): length is what makes that slow enough.
MIN_PASSPHRASE_LENGTH = 12


class PassphraseReason(enum.Enum):
    KEYSTORE_UNAVAILABLE = "KEYSTORE_UNAVAILABLE"  # the OS credential store does not work (none, locked)
    KEY_MISSING = "KEY_MISSING"  # the store works but holds no key that opens this file
    WRONG_PASSPHRASE = "WRONG_PASSPHRASE"  # the passphrase just given does not open the file
    TOO_SHORT = "TOO_SHORT"  # a new passphrase shorter than MIN_PASSPHRASE_LENGTH


@dataclass(frozen=True)
class PassphraseRequest:
    """One question: `new` asks to choose a passphrase (a database being created or encrypted)."""

    reason: PassphraseReason
    location: str
    new: bool = False


# Returns the passphrase, or None to give up (the opening is then refused, the file untouched).
PassphraseSource = Callable[[PassphraseRequest], "str | None"]


def passphrase_problem(text: str) -> PassphraseReason | None:
    """What is wrong with a new passphrase (None: acceptable)."""
    if len(text) < MIN_PASSPHRASE_LENGTH:
        return PassphraseReason.TOO_SHORT
    return None

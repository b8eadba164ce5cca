"""The operating system's credential store (Windows Credential Locker), through keyring.

The only module that talks to keyring. Each database key is an entry of the service `SERVICE`
named after the database id (see desktop.db.encryption), holding the key as hexadecimal text.
Every failure of the store (none installed, locked, refused) becomes `KeystoreUnavailable`, which
callers report as "the credential store is unavailable", never as a wrong passphrase. Keys are
never logged and never part of an exception.

keyring is imported on first use: probing the desktop's store can take seconds on Linux.
"""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)

SERVICE = "PartyOffice"
_KEY_TEXT = re.compile(r"[0-9a-f]{64}")
_backend_logged = False


class KeystoreUnavailable(Exception):
    """The credential store cannot be used now; `detail` names the store and the error type only."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def entry_name(database_id: str) -> str:
    return f"database-{database_id}"


def backend_name() -> str:
    """Which store keyring chose (for the log; a store that cannot even start says so)."""
    import keyring

    try:
        backend = keyring.get_keyring()
    except Exception as error:
        return f"unavailable ({type(error).__name__})"
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _keyring():  # type: ignore[no-untyped-def]
    """The keyring module, logging once which store this process uses (bug reports need it)."""
    global _backend_logged
    import keyring

    if not _backend_logged:
        _backend_logged = True
        logger.info("credential store: %s", backend_name())
    return keyring


def _unavailable(error: Exception) -> KeystoreUnavailable:
    name = backend_name().rsplit(".", 1)[-1]
    logger.info("credential store %s unavailable: %s", name, type(error).__name__)
    return KeystoreUnavailable(f"{name}: {type(error).__name__}")


def load_key(database_id: str) -> bytes | None:
    """The stored key of a database, or None when the store has none for it."""
    from keyring.errors import KeyringError

    keyring = _keyring()
    try:
        text = keyring.get_password(SERVICE, entry_name(database_id))
    except KeyringError as error:
        raise _unavailable(error) from None
    if text is None:
        return None
    if not _KEY_TEXT.fullmatch(text):
        logger.warning("credential store entry %s is not a database key", entry_name(database_id))
        return None
    return bytes.fromhex(text)


def save_key(database_id: str, key: bytes) -> None:
    from keyring.errors import KeyringError

    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, entry_name(database_id), key.hex())
    except KeyringError as error:
        raise _unavailable(error) from None
    logger.info("database key %s stored in the credential store", entry_name(database_id))


def delete_key(database_id: str) -> None:
    """Forget a key (one whose file was never made); a missing entry or a failing store is ignored."""
    from keyring.errors import KeyringError, PasswordDeleteError

    keyring = _keyring()
    try:
        keyring.delete_password(SERVICE, entry_name(database_id))
    except PasswordDeleteError:
        pass
    except KeyringError as error:
        _unavailable(error)

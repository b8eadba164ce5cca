"""Encryption at rest of the embedded database: which key opens a file, and encrypting files.

Where the key lives
    A new database gets a random 256-bit key, used by SQLCipher as a raw key (a random key needs
    no key derivation), kept in the operating system's credential store (desktop.db.keystore).
    The entry is named after the database id: the 16 random bytes SQLCipher writes in clear at
    the start of every encrypted file (its salt). So the id needs no side file, is the same for a
    moved, renamed or copied file, and reveals nothing (the salt is public by design). Backups
    the app makes get the same key and salt, so the same entry opens them.

Without a credential store
    When the store does not work (none installed, locked, refusing), the caller's
    `PassphraseSource` chooses a passphrase; the key is derived from it as SQLCipher 4 does
    (PBKDF2-HMAC-SHA512, 256,000 iterations, the file's salt), once per opening, so the file
    also opens with the passphrase in any SQLCipher tool. Nothing is stored anywhere; the derived
    key lives in memory, in the engine's connection factory, for the session.

Opening
    The stored key is tried first. If the store is unavailable, or has no key that opens the
    file, the source is asked for the passphrase, saying which of the two it is; a passphrase
    that does not open the file is "wrong passphrase", asked again. Every refusal leaves the
    file untouched, and an unavailable store is never reported as a wrong passphrase.

Plain files of earlier versions
    A plain SQLite file of ours is encrypted when it is opened: exported into a new encrypted
    file next to it, checked (integrity check, and the same row count in every table), and only
    then renamed over the original, which is thereby gone; plain pre-upgrade copies in backups/
    are encrypted the same way. No plain copy is kept: it would defeat the encryption.

Changing the key (`rekey`)
    The same export into a new file, with a new random key and a new salt (so a new id), or a
    new passphrase. The new key is stored before the new file replaces the old one, so the old
    key opens the database until then; the old entry stays, for copies and backups made with it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from desktop.db import keystore, sqlcipher
from desktop.db.errors import DatabaseRefused, RefusalReason
from desktop.db.keystore import KeystoreUnavailable
from desktop.db.passphrase import (
    PassphraseReason,
    PassphraseRequest,
    PassphraseSource,
    passphrase_problem,
)
from desktop.db.sqlcipher import DatabaseKey, KeyRejected
from desktop.db.sqlite_adapter import FileKind, FileState, file_kind, inspect_file
from desktop.paths import backups_dir

logger = logging.getLogger(__name__)

_REFUSALS = {
    PassphraseReason.KEYSTORE_UNAVAILABLE: RefusalReason.KEYSTORE_UNAVAILABLE,
    PassphraseReason.KEY_MISSING: RefusalReason.KEY_MISSING,
    PassphraseReason.WRONG_PASSPHRASE: RefusalReason.WRONG_PASSPHRASE,
    PassphraseReason.TOO_SHORT: RefusalReason.KEYSTORE_UNAVAILABLE,
}


@dataclass(frozen=True)
class OpenedFile:
    """A file ready for the engine: what it held, and the key that opens it (repr shows no secret)."""

    state: FileState
    key: DatabaseKey


def prepare_file(
    path: Path, ask: PassphraseSource | None, known_revisions: set[str]
) -> OpenedFile:
    """Create, encrypt or unlock the database file at `path`, refusing before any write.

    A new file is created encrypted; a plain file of ours is encrypted first; an encrypted one
    is opened with the stored key or a passphrase. A file from a newer version is refused
    (unconverted), like one that is not ours, corrupt, or that no key opens.
    """
    location = str(path)
    kind = file_kind(path)
    if kind is FileKind.NEW:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseRefused(RefusalReason.UNREACHABLE, location, str(error)) from error
        key = _new_key(location, ask)
        try:
            sqlcipher.create_file(path, key)
        except (OSError, sqlcipher.DatabaseError) as error:
            _forget(key)
            raise DatabaseRefused(RefusalReason.UNREACHABLE, location, type(error).__name__) from None
        return OpenedFile(FileState(is_new=True), key)
    if kind is FileKind.PLAIN:
        state = inspect_file(path)
        _refuse_newer(state, location, known_revisions)
        key = _new_key(location, ask)
        _encrypt_plain(path, key)
        return OpenedFile(state, key)
    key, state = _unlock(path, ask)
    _refuse_newer(state, location, known_revisions)
    return OpenedFile(state, key)


def rekey(path: Path, ask: PassphraseSource | None, new_passphrase: str | None = None) -> None:
    """Re-encrypt the database with a new random key (stored), or with `new_passphrase`.

    Needs the file to itself (DatabaseRefused IN_USE otherwise). A plain file is encrypted.
    """
    location = str(path)
    kind = file_kind(path)
    if kind is FileKind.NEW:
        raise DatabaseRefused(RefusalReason.UNREACHABLE, location, "no database")
    current: DatabaseKey | None = None
    if kind is FileKind.PLAIN:
        inspect_file(path)
    else:
        current, _state = _unlock(path, ask)
    if new_passphrase is not None:
        if passphrase_problem(new_passphrase) is not None:
            raise ValueError("the new passphrase is too short")
        new_key = DatabaseKey.derive(new_passphrase)
    else:
        new_key = _stored_random_key(location)
    target = path.with_name(path.name + ".rekeying")
    _reencrypt(path, current, target, new_key)
    logger.info("database %s re-encrypted with a new %s", location,
                "passphrase" if new_key.from_passphrase else "key")
    if kind is FileKind.PLAIN:
        _encrypt_plain_backups(path, new_key)


def forget_abandoned(path: Path) -> None:
    """Drop the stored key of a database file this session created and is now deleting.

    Only for a file made moments ago (a cancelled demo), never for one that was found: copies or
    backups of a found file may still need its key.
    """
    try:
        if file_kind(path) is FileKind.ENCRYPTED:
            keystore.delete_key(sqlcipher.file_salt(path).hex())
    except (DatabaseRefused, OSError):
        pass


def _refuse_newer(state: FileState, location: str, known_revisions: set[str]) -> None:
    if state.revision is not None and state.revision not in known_revisions:
        raise DatabaseRefused(RefusalReason.NEWER_SCHEMA, location, state.revision)


def _unlock(path: Path, ask: PassphraseSource | None) -> tuple[DatabaseKey, FileState]:
    """The key that opens an encrypted file, and what the file holds (checked read-only)."""
    location = str(path)
    try:
        salt = sqlcipher.file_salt(path)
    except OSError as error:
        raise DatabaseRefused(RefusalReason.UNREACHABLE, location, str(error)) from error
    try:
        stored = keystore.load_key(salt.hex())
    except KeystoreUnavailable:
        reason = PassphraseReason.KEYSTORE_UNAVAILABLE
    else:
        reason = PassphraseReason.KEY_MISSING
        if stored is not None:
            key = DatabaseKey(stored, salt)
            try:
                return key, inspect_file(path, key)
            except KeyRejected:
                logger.warning("the stored key of %s does not open it", keystore.entry_name(salt.hex()))
    request = PassphraseRequest(reason, location)
    while True:
        text = ask(request) if ask is not None else None
        if text is None:
            raise DatabaseRefused(_REFUSALS[request.reason], location)
        try:
            key = DatabaseKey.derive(text, salt)
            return key, inspect_file(path, key)
        except (KeyRejected, ValueError):
            request = PassphraseRequest(PassphraseReason.WRONG_PASSPHRASE, location)


def _new_key(location: str, ask: PassphraseSource | None) -> DatabaseKey:
    """A random key stored in the credential store, or, without a working store, a passphrase."""
    try:
        return _stored_random_key(location)
    except DatabaseRefused as refused:
        if refused.reason is not RefusalReason.KEYSTORE_UNAVAILABLE:
            raise
    request = PassphraseRequest(PassphraseReason.KEYSTORE_UNAVAILABLE, location, new=True)
    while True:
        text = ask(request) if ask is not None else None
        if text is None:
            raise DatabaseRefused(RefusalReason.KEYSTORE_UNAVAILABLE, location)
        problem = passphrase_problem(text) or (PassphraseReason.TOO_SHORT if "\x00" in text else None)
        if problem is None:
            return DatabaseKey.derive(text)
        request = PassphraseRequest(problem, location, new=True)


def _stored_random_key(location: str) -> DatabaseKey:
    key = DatabaseKey.random()
    assert key.database_id is not None
    try:
        keystore.save_key(key.database_id, key.raw_bytes())
    except KeystoreUnavailable as error:
        raise DatabaseRefused(RefusalReason.KEYSTORE_UNAVAILABLE, location, error.detail) from None
    return key


def _forget(key: DatabaseKey) -> None:
    """Drop the entry of a key whose file was never made."""
    if key.database_id is not None:
        keystore.delete_key(key.database_id)


def _encrypt_plain(path: Path, key: DatabaseKey) -> None:
    logger.info("encrypting the plain database %s", path)
    _reencrypt(path, None, path.with_name(path.name + ".encrypting"), key)
    _encrypt_plain_backups(path, key)


def _reencrypt(path: Path, current: DatabaseKey | None, target: Path, key: DatabaseKey) -> None:
    """Export to `target` with `key`, check, then rename over `path`; on failure `path` is kept."""
    location = str(path)
    try:
        sqlcipher.encrypted_copy(path, current, target, key)
        sqlcipher.replace_with(target, path)
    except BaseException as error:
        sqlcipher.discard(target)
        _forget(key)
        if isinstance(error, (sqlcipher.FileInUse, PermissionError)):
            raise DatabaseRefused(RefusalReason.IN_USE, location) from None
        if isinstance(error, (sqlcipher.CopyMismatch, sqlcipher.DatabaseError, OSError)):
            raise DatabaseRefused(RefusalReason.UNREACHABLE, location, type(error).__name__) from None
        raise


def _encrypt_plain_backups(path: Path, key: DatabaseKey) -> None:
    """Plain copies this app made before upgrades (backups/<stem>.*) get the database's key."""
    folder = backups_dir(path)
    if not folder.is_dir():
        return
    for candidate in sorted(folder.glob(f"{path.stem}.*")):
        if not candidate.is_file() or candidate.name.endswith(("-wal", "-shm", "-journal")):
            continue
        try:
            if file_kind(candidate) is not FileKind.PLAIN or inspect_file(candidate).is_new:
                continue
        except DatabaseRefused:
            continue  # not one of ours: not ours to change
        target = candidate.with_name(candidate.name + ".encrypting")
        try:
            sqlcipher.encrypted_copy(candidate, None, target, key)
            sqlcipher.replace_with(target, candidate)
        except (sqlcipher.FileInUse, sqlcipher.CopyMismatch, sqlcipher.DatabaseError, OSError) as error:
            sqlcipher.discard(target)
            logger.warning("the plain backup %s could not be encrypted: %s", candidate.name,
                           type(error).__name__)
        else:
            logger.info("encrypted the plain backup %s", candidate.name)

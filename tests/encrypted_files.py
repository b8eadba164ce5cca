"""Reading and writing encrypted database files directly, as tests that set up odd files need.

Database files are encrypted (desktop.db.encryption): plain `sqlite3` cannot open them. These
helpers open them with the key the test credential store holds for the file's id.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
from sqlalchemy import Engine

from desktop.db import keystore, sqlcipher
from desktop.db.sqlcipher import DatabaseKey


def database_id(path: Path) -> str:
    return sqlcipher.file_salt(path).hex()


def stored_key_hex(path: Path) -> str | None:
    """The key text the credential store holds for this file (None: no entry)."""
    return keyring.get_password(keystore.SERVICE, keystore.entry_name(database_id(path)))


def key_of(path: Path) -> DatabaseKey:
    text = stored_key_hex(path)
    assert text is not None, f"no key in the test credential store for {path.name}"
    return DatabaseKey(bytes.fromhex(text), sqlcipher.file_salt(path))


@contextmanager
def keyed_connection(path: Path, key: DatabaseKey | None = None) -> Iterator[sqlcipher.Connection]:
    """Like `with sqlite3.connect(path)` on an encrypted file, but also closed at the end."""
    connection = sqlcipher.connect(path, key or key_of(path))
    try:
        with connection:
            yield connection
    finally:
        connection.close()


@contextmanager
def passphrase_connection(path: Path, passphrase: str) -> Iterator[sqlcipher.Connection]:
    """Opened as any SQLCipher 4 tool opens it with the passphrase: SQLCipher's own KDF."""
    connection = sqlcipher.sqlcipher.connect(str(path))
    try:
        connection.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
        with connection:
            yield connection
    finally:
        connection.close()


def keyed_engine(path: Path) -> Engine:
    engine, _adapter = sqlcipher.encrypted_engine(path, key_of(path))
    return engine


def plain_copy(path: Path, destination: Path) -> Path:
    """A plain SQLite copy of an encrypted database, as every version before encryption wrote."""
    connection = sqlcipher.connect(path, key_of(path))
    try:
        connection.execute(f"ATTACH DATABASE '{destination}' AS plain KEY ''")
        connection.execute("SELECT sqlcipher_export('plain')")
        connection.execute("DETACH DATABASE plain")
    finally:
        connection.close()
    plain = sqlite3.connect(destination)
    try:
        plain.execute("PRAGMA journal_mode = WAL")
    finally:
        plain.close()
    return destination


def is_plain_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"

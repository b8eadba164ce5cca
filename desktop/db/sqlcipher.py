"""SQLCipher: the only module with SQLCipher-specific SQL (keys, encrypted copies, the engine).

An encrypted file is AES-256 pages with an HMAC each; its first 16 bytes are SQLCipher's random
salt, stored in plain text by design. That salt is the database id: the key in the credential
store is named after it (desktop.db.encryption), so it travels with the file when it is moved,
copied or backed up. Everything else SQLite-specific (pragmas, checks, FTS5) stays in
desktop.db.sqlite_adapter and runs unchanged on the decrypted pages.

Key material is passed to SQLCipher only through `PRAGMA key` on the raw DB-API connection,
never through SQLAlchemy (whose logging and errors echo statements), and `DatabaseKey` never
shows it in its repr.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from desktop.db.sqlite_adapter import SqliteAdapter

KEY_BYTES = 32  # AES-256
SALT_BYTES = 16
KDF_ITERATIONS = 256_000  # SQLCipher 4's default for PBKDF2-HMAC-SHA512
# Decrypted pages are cached per connection (the operating system caches only ciphertext): 64 MiB,
# filled as pages are read, keeps search p95 on the full demo at about plain SQLite's (8 MiB:
# four times slower). benchmarks/bench_encryption.py measures it.
PAGE_CACHE_KIB = 65_536

DatabaseError = sqlcipher.DatabaseError
OperationalError = sqlcipher.OperationalError
Connection = sqlcipher.Connection


class KeyRejected(Exception):
    """The key does not decrypt the file (or the file is not an encrypted database at all)."""


class FileInUse(Exception):
    """Another connection has the file open, so it cannot be replaced by an encrypted copy."""


class CopyMismatch(Exception):
    """The encrypted copy failed its check (integrity or row counts); the original was kept."""


class DatabaseKey:
    """The 256-bit key of a file, random (kept in the credential store) or from a passphrase.

    A passphrase is turned into the key exactly as SQLCipher 4 does it (PBKDF2-HMAC-SHA512,
    256,000 iterations, the file's salt), once per opening instead of at every new connection;
    the file still opens with the passphrase in any SQLCipher 4 tool. `salt` is the file's id:
    new files and backups made with a key get its salt. Never shows its secret.
    """

    __slots__ = ("_raw", "salt", "from_passphrase")

    def __init__(self, raw: bytes, salt: bytes, *, from_passphrase: bool = False) -> None:
        if len(raw) != KEY_BYTES or len(salt) != SALT_BYTES:
            raise ValueError("a database key has 32 bytes and a salt of 16")
        self._raw = raw
        self.salt = salt
        self.from_passphrase = from_passphrase

    @classmethod
    def random(cls) -> DatabaseKey:
        return cls(secrets.token_bytes(KEY_BYTES), secrets.token_bytes(SALT_BYTES))

    @classmethod
    def derive(cls, passphrase: str, salt: bytes | None = None) -> DatabaseKey:
        """The key SQLCipher derives from `passphrase` for the file with `salt` (a new salt: None)."""
        if not passphrase or "\x00" in passphrase:
            raise ValueError("a passphrase is not empty and has no NUL character")
        salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
        raw = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES)
        return cls(raw, salt, from_passphrase=True)

    @property
    def database_id(self) -> str | None:
        """The credential store name of a random key (None: a passphrase's key is never stored)."""
        return None if self.from_passphrase else self.salt.hex()

    def raw_bytes(self) -> bytes:
        """For the credential store only."""
        return self._raw

    def literal(self, with_salt: bool = False) -> str:
        """The value of `PRAGMA key`: a raw key blob (no KDF), with the salt for a new file."""
        salt = self.salt.hex() if with_salt else ""
        return f"\"x'{self._raw.hex()}{salt}'\""

    def __repr__(self) -> str:
        return "DatabaseKey(passphrase)" if self.from_passphrase else "DatabaseKey(random)"

    __str__ = __repr__

    def __reduce__(self) -> object:
        raise TypeError("database keys are not serialised")


def file_salt(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


def connect(path: Path, key: DatabaseKey | None, *, read_only: bool = False) -> Connection:
    """A DB-API connection; without a key it reads a plain SQLite file (the converter's input)."""
    uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")
    connection = sqlcipher.connect(uri, uri=True, check_same_thread=False)
    try:
        # SQLCipher prints every failed page HMAC to stderr; a wrong key is an expected event here.
        connection.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            connection.execute(f"PRAGMA key = {key.literal()}")
    except BaseException:
        connection.close()
        raise
    return connection


def check_key(connection: Connection) -> None:
    """Read the first page: raises KeyRejected when the key does not decrypt it."""
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as error:
        if "not a database" in str(error):
            raise KeyRejected() from None
        raise


def page_problem(connection: Connection) -> str | None:
    """The first page whose HMAC fails (None: every page is as SQLCipher wrote it).

    Checked when a file is opened instead of SQLite's quick_check, which would decrypt the whole
    file (2.5 times as long on the full demo): a page changed on disk in any way — bit rot, a
    torn copy, an editor — fails its HMAC, and pages are only written by SQLite itself.
    """
    failures = connection.execute("PRAGMA cipher_integrity_check").fetchall()
    return str(failures[0][0]) if failures else None


def create_file(path: Path, key: DatabaseKey) -> None:
    """Make a new encrypted file (header page with the key's salt), in WAL mode."""
    connection = sqlcipher.connect(str(path), check_same_thread=False)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {key.literal(with_salt=True)}")
        connection.execute("PRAGMA journal_mode = WAL")  # writes the first page
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()


def table_counts(connection: Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def claim(connection: Connection, path: Path) -> None:
    """Hold the file alone until the connection closes, or raise FileInUse.

    A first read in normal locking mode joins the WAL's shared memory like everyone else; leaving
    WAL mode then fails ("locked") while another connection has the file open, and removes the
    -wal and -shm files (even stale ones) when none has. In exclusive locking mode the lock of
    the empty transaction is kept until the connection closes.
    """
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        connection.execute("BEGIN EXCLUSIVE")
        connection.commit()
    except sqlcipher.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise FileInUse() from None
        raise
    others = [companion for companion in _companions(path, include_main=False) if companion.exists()
              and not companion.name.endswith("-journal")]
    if mode != "delete" or others:
        raise FileInUse()


def encrypted_copy(source: Path, source_key: DatabaseKey | None, target: Path, key: DatabaseKey) -> None:
    """Write `source` (plain without `source_key`) to a new encrypted `target`, then check it.

    The source is held exclusively while it is read. The copy must pass `PRAGMA integrity_check`
    and hold the same number of rows in every table, or CopyMismatch is raised.
    """
    for leftover in _companions(target, include_main=True):
        leftover.unlink(missing_ok=True)
    reader = connect(source, source_key)
    try:
        claim(reader, source)
        expected = table_counts(reader)
        user_version = reader.execute("PRAGMA user_version").fetchone()[0]
        reader.execute(
            f"ATTACH DATABASE '{_quoted(target)}' AS encrypted KEY {key.literal(with_salt=True)}"
        )
        reader.execute("SELECT sqlcipher_export('encrypted')")
        reader.execute(f"PRAGMA encrypted.user_version = {int(user_version)}")
        if reader.in_transaction:
            reader.commit()
        reader.execute("DETACH DATABASE encrypted")
    finally:
        reader.close()
    checker = connect(target, key)
    try:
        check_key(checker)
        verdict = checker.execute("PRAGMA integrity_check").fetchall()
        counts = table_counts(checker)
    finally:
        checker.close()
    if verdict != [("ok",)] or counts != expected:
        raise CopyMismatch()
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def replace_with(copy: Path, original: Path) -> None:
    """Put the checked copy in the original's place (an atomic rename) and drop its old journals.

    Raises only when the rename did not happen (the original is then still in place).
    """
    for leftover in _companions(original, include_main=False):
        leftover.unlink(missing_ok=True)
    os.replace(copy, original)
    if hasattr(os, "O_DIRECTORY"):  # make the rename durable (POSIX; Windows renames are)
        try:
            folder = os.open(original.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
        except OSError:
            pass  # the rename is done; durability of the folder entry is best effort


def discard(path: Path) -> None:
    for leftover in _companions(path, include_main=True):
        leftover.unlink(missing_ok=True)


def _companions(path: Path, include_main: bool) -> list[Path]:
    names = [path.name + suffix for suffix in ("-wal", "-shm", "-journal")]
    return ([path] if include_main else []) + [path.with_name(name) for name in names]


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def engine_creator(path: Path, key: DatabaseKey) -> Callable[[], Connection]:
    """Connections for SQLAlchemy: the key is set before anything else reads the file."""
    location = str(path)

    def connect_keyed() -> Connection:
        connection = sqlcipher.connect(location, check_same_thread=False)
        try:
            connection.execute(f"PRAGMA key = {key.literal()}")
            connection.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
        except BaseException:
            connection.close()
            raise
        return connection

    return connect_keyed


def encrypted_engine(path: Path, key: DatabaseKey) -> tuple[Engine, SqlcipherAdapter]:
    # The URL names the file (the pool treats it as a file database) but carries no secret;
    # `module` makes SQLAlchemy recognise SQLCipher's exception classes.
    url = make_url("sqlite://").set(database=str(path))
    engine = create_engine(url, creator=engine_creator(path, key), module=sqlcipher)
    return engine, SqlcipherAdapter(key)


class SqlcipherAdapter(SqliteAdapter):
    """SQLite on an encrypted file: the same SQL; backups are encrypted with the file's key."""

    def __init__(self, key: DatabaseKey) -> None:
        self._key = key

    def __repr__(self) -> str:
        return "SqlcipherAdapter()"

    @property
    def key(self) -> DatabaseKey:
        """The key of the open file, for the copies the app makes with it (desktop.db.backup_files)."""
        return self._key

    def backup(self, engine: Engine, destination: Path) -> None:
        """Online copy through SQLite's backup API into a file encrypted with the same key."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        raw = engine.raw_connection()
        try:
            target = sqlcipher.connect(str(destination), check_same_thread=False)
            try:
                target.execute(f"PRAGMA key = {self._key.literal(with_salt=True)}")
                raw.driver_connection.backup(target)  # type: ignore[union-attr]
            finally:
                target.close()
        finally:
            raw.close()

"""Backup files of the embedded database: SQLite/SQLCipher-specific copying, checking, swapping.

SQLITE / SQLCIPHER ONLY. The use cases (who may, where, how many are kept, the audit trail) are
in desktop.services.backups; this module only moves pages between files.

Online copy
    `write_copy` reads the live file on its own connection inside ONE read transaction and
    writes every table, index, trigger and the FTS5 index into a new file attached with the
    copy's key (`SELECT sqlcipher_export(...)`). In WAL mode a read transaction sees one
    snapshot while the app goes on writing, so the copy is consistent: every transaction
    committed before it started is in, none after. The copy gets its own key (a backup
    passphrase's, or the database's key and salt for automatic backups), so a copy protected by
    a passphrase opens on any computer. It is written under a temporary name, checked
    (`PRAGMA integrity_check`, our application marker, the same row count in every table as the
    snapshot it came from), flushed to disk and only then renamed to its final name.

Restoring
    `prepare_restore` exports a backup into a new file next to the live database, encrypted
    with the live database's key and salt (so the credential store entry, or the passphrase,
    that opened the database opens the restored one), and checks it the same way.
    `exclusive_access` takes the live file for this process alone, or raises FileInUse: a
    connection open anywhere else (the app, even idle) makes leaving WAL mode fail.
    `swap_in` keeps the current file aside (a hard link, or a copy where links are not
    possible) and renames the prepared file over it: one rename, so the database is always
    either the old file or the new one, never half of each.

Keys are handed to SQLCipher as blob literals in `PRAGMA key` / `ATTACH … KEY` on raw DB-API
connections only (desktop.db.sqlcipher), never through SQLAlchemy, logs or exceptions.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop.db import sqlcipher
from desktop.db.errors import DatabaseRefused, RefusalReason
from desktop.db.sqlcipher import Connection, DatabaseKey, KeyRejected
from desktop.db.sqlite_adapter import marked_revision

PARTIAL_SUFFIX = ".partial"
# Fractions of the work reported to `progress` as (done, PROGRESS_TOTAL).
PROGRESS_TOTAL = 1000
_EXPORT_SHARE = 850  # the export; the check of the copy takes the rest
_HANDLER_STEPS = 20_000  # SQLite VM instructions between two calls of the progress handler
_BUSY_MS = 1000  # how long a claim of the live file waits for other connections

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class CopyCancelled(Exception):
    """The caller cancelled; the partial copy was removed."""


class CopyMismatch(Exception):
    """The copy failed its check (integrity, marker, row counts); it was removed."""


@dataclass(frozen=True)
class CopyFacts:
    """What a checked copy holds: the schema revision, rows per table, the file size."""

    revision: str | None
    counts: dict[str, int]
    size: int


# -- keys ---------------------------------------------------------------------------------


def file_salt(path: Path) -> bytes:
    """The file's first 16 bytes (SQLCipher's salt, the database id); refused when unreadable."""
    try:
        return sqlcipher.file_salt(path)
    except OSError as error:
        raise DatabaseRefused(RefusalReason.UNREACHABLE, str(path), type(error).__name__) from None


def key_opens(path: Path, key: DatabaseKey) -> bool:
    """True when `key` decrypts the first page of `path` (nothing is written)."""
    connection = sqlcipher.connect(path, key, read_only=True)
    try:
        sqlcipher.check_key(connection)
        return True
    except KeyRejected:
        return False
    except sqlcipher.DatabaseError:
        return True  # decrypted, but a page is damaged: the check says so later
    finally:
        connection.close()


# -- checking -----------------------------------------------------------------------------


def read_facts(
    path: Path, key: DatabaseKey | None, *, full_check: bool = True, cancelled: Cancelled | None = None
) -> CopyFacts:
    """Check a file read-only and say what it holds; DatabaseRefused unless it is one of ours.

    CORRUPT when the integrity check fails, FOREIGN without our marker, WRONG_PASSPHRASE when
    the key does not decrypt it. Without a key the file is read as plain SQLite (a copy made by
    a version before encryption). The revision is not judged here (the caller knows which are
    known). CopyCancelled when `cancelled` says so during the check.
    """
    location = str(path)
    try:
        size = path.stat().st_size
        connection = sqlcipher.connect(path, key, read_only=True)
    except (OSError, sqlcipher.DatabaseError) as error:
        raise DatabaseRefused(RefusalReason.UNREACHABLE, location, type(error).__name__) from None
    try:
        try:
            sqlcipher.check_key(connection)
        except KeyRejected:
            raise DatabaseRefused(RefusalReason.WRONG_PASSPHRASE, location) from None
        pragma = "integrity_check" if full_check else "quick_check"
        if cancelled is not None:
            connection.set_progress_handler(lambda: 1 if cancelled() else 0, _HANDLER_STEPS)
        verdict = connection.execute(f"PRAGMA {pragma}").fetchall()
        connection.set_progress_handler(None, 0)
        if verdict != [("ok",)]:
            raise DatabaseRefused(RefusalReason.CORRUPT, location, str(verdict[0][0])[:200])
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = marked_revision(connection, tables, location)
        counts = sqlcipher.table_counts(connection)
    except sqlcipher.OperationalError as error:  # locked, unreadable
        if "interrupted" in str(error):
            raise CopyCancelled() from None
        raise DatabaseRefused(RefusalReason.UNREACHABLE, location, type(error).__name__) from None
    except sqlcipher.DatabaseError as error:  # the key is right, a page is not
        raise DatabaseRefused(RefusalReason.CORRUPT, location, type(error).__name__) from None
    finally:
        connection.close()
    return CopyFacts(revision, counts, size)


# -- copying ------------------------------------------------------------------------------


def write_copy(
    source: Path,
    source_key: DatabaseKey | None,
    target: Path,
    target_key: DatabaseKey,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CopyFacts:
    """Copy `source` (which may be in use and written to) into a checked, encrypted `target`.

    `target_key` with its salt becomes the copy's key. An existing `target` is replaced only
    when the new copy has passed its check. Raises CopyCancelled, CopyMismatch, KeyRejected
    (the source key), OSError (the target folder) or sqlcipher.DatabaseError; the partial file
    is removed in every case.
    """
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    sqlcipher.discard(partial)
    try:
        expected = _export(source, source_key, partial, target_key, progress, cancelled)
        facts = _checked(partial, target_key, expected)
        if progress is not None:
            progress(PROGRESS_TOTAL, PROGRESS_TOTAL)
        _fsync_file(partial)
        os.replace(partial, target)
        _fsync_folder(target.parent)
    except BaseException:
        sqlcipher.discard(partial)
        raise
    return facts


def prepare_restore(
    backup: Path,
    backup_key: DatabaseKey | None,
    prepared: Path,
    live_key: DatabaseKey,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> CopyFacts:
    """The backup re-encrypted with the live database's key and salt, checked, at `prepared`.

    The backup file is only read. Same exceptions as `write_copy`.
    """
    return write_copy(backup, backup_key, prepared, live_key, progress=progress, cancelled=cancelled)


def _export(
    source: Path, source_key: DatabaseKey | None, partial: Path, target_key: DatabaseKey,
    progress: Progress | None, cancelled: Cancelled | None,
) -> dict[str, int]:
    """sqlcipher_export inside one read transaction; the row counts of that same snapshot."""
    partial.parent.mkdir(parents=True, exist_ok=True)
    reader = sqlcipher.connect(source, source_key)
    try:
        reader.isolation_level = None  # transactions are begun and ended here, explicitly
        reader.execute(f"PRAGMA busy_timeout = {_BUSY_MS * 5}")
        sqlcipher.check_key(reader)
        page_size = int(reader.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher answers text
        reader.execute(
            f"ATTACH DATABASE '{_quoted(partial)}' AS backup KEY {target_key.literal(with_salt=True)}"
        )
        reader.execute("BEGIN")
        try:
            # The first read fixes the snapshot everything below sees.
            pages = int(reader.execute("PRAGMA main.page_count").fetchone()[0])
            user_version = reader.execute("PRAGMA main.user_version").fetchone()[0]
            _watch(reader, partial, max(1, pages * page_size), progress, cancelled)
            try:
                reader.execute("SELECT sqlcipher_export('backup', 'main')")
            finally:
                reader.set_progress_handler(None, 0)
            if cancelled is not None and cancelled():
                raise CopyCancelled()
            reader.execute(f"PRAGMA backup.user_version = {int(user_version)}")
            expected = sqlcipher.table_counts(reader)
            reader.execute("COMMIT")
        except BaseException:
            if reader.in_transaction:
                reader.execute("ROLLBACK")
            raise
        reader.execute("DETACH DATABASE backup")
    except sqlcipher.OperationalError as error:
        if "interrupted" in str(error):
            raise CopyCancelled() from None
        raise
    finally:
        reader.close()
    return expected


def _watch(
    connection: Connection, partial: Path, total_bytes: int,
    progress: Progress | None, cancelled: Cancelled | None,
) -> None:
    """Cancel and progress during the export: SQLite calls back every few thousand steps.

    Progress is the size the copy has reached against the source's size (pages spill to the
    file as the export goes): an estimate, capped below the end.
    """
    if progress is None and cancelled is None:
        return

    def handler() -> int:
        if cancelled is not None and cancelled():
            return 1  # SQLite stops the statement: "interrupted"
        if progress is not None:
            try:
                written = partial.stat().st_size
            except OSError:
                written = 0
            progress(min(_EXPORT_SHARE, written * _EXPORT_SHARE // total_bytes), PROGRESS_TOTAL)
        return 0

    connection.set_progress_handler(handler, _HANDLER_STEPS)


def _checked(path: Path, key: DatabaseKey, expected: dict[str, int]) -> CopyFacts:
    try:
        facts = read_facts(path, key)
    except DatabaseRefused:
        raise CopyMismatch() from None
    if facts.counts != expected:
        raise CopyMismatch()
    return facts


# -- replacing the live file --------------------------------------------------------------


@contextmanager
def exclusive_access(path: Path, key: DatabaseKey) -> Iterator[Connection]:
    """Hold the live file for this process alone while the block runs, or raise FileInUse.

    Leaving WAL mode fails while any other connection has the file open (it holds the WAL's
    shared memory), and checkpoints everything into the main file when none has; in exclusive
    locking mode the lock is then kept until the connection closes. KeyRejected: wrong key.
    """
    connection = sqlcipher.connect(path, key)
    try:
        connection.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        sqlcipher.check_key(connection)
        sqlcipher.claim(connection, path)
        yield connection
    finally:
        connection.close()


def swap_in(prepared: Path, live: Path, aside: Path, holder: Connection) -> None:
    """Keep `live` as `aside`, then rename `prepared` over `live` (one atomic rename).

    `holder` is the connection of `exclusive_access`: on POSIX it keeps the file locked through
    the rename; Windows cannot rename over an open file, so it is closed just before.
    Raises OSError before the rename when the current file could not be kept aside (the live
    file is then unchanged).
    """
    aside.parent.mkdir(parents=True, exist_ok=True)
    aside.unlink(missing_ok=True)
    try:
        os.link(live, aside)  # the same pages under a second name: instant, nothing to flush
    except OSError:
        shutil.copyfile(live, aside)
        _fsync_file(aside)
    _fsync_folder(aside.parent)
    if os.name == "nt":
        holder.close()
    sqlcipher.replace_with(prepared, live)


def discard(path: Path) -> None:
    """Remove a file and its journals (a prepared copy that is not used)."""
    sqlcipher.discard(path)


# -- helpers ------------------------------------------------------------------------------


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows: renames are durable
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError:
        pass  # best effort: the data itself was flushed

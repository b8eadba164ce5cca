"""SQLite adapter: the only module with SQLite-specific SQL.

Connection pragmas, read-only inspection of a file before it is opened for writing, online
backups, and the FTS5 index over the folded search key (SQLite has no tokenizer that folds
đ to d, so the key is folded in Python and FTS5 only splits it into words). Files are encrypted
with SQLCipher (desktop.db.sqlcipher); the plain-SQLite reading here is the converter's input.
"""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Engine, column, event, select, table, text

from desktop.db.adapters import GenericAdapter
from desktop.db.errors import DatabaseRefused, RefusalReason
from desktop.models.member import Member

if TYPE_CHECKING:
    from desktop.db.sqlcipher import DatabaseKey

SQLITE_HEADER = b"SQLite format 3\x00"
APPLICATION_MARK = "party-office"
SEARCH_TABLE = "member_search"
_search_table = table(SEARCH_TABLE, column("rowid"), column("search_key"))


@dataclass(frozen=True)
class FileState:
    """What a file holds before we touch it: nothing yet, or our database at some revision."""

    is_new: bool
    revision: str | None = None


class FileKind(enum.Enum):
    NEW = "NEW"  # missing or empty: a database is to be created
    PLAIN = "PLAIN"  # an unencrypted SQLite file
    ENCRYPTED = "ENCRYPTED"  # whole pages of noise: an encrypted database, or random bytes


# Every SQLite page size is a multiple of this; SQLCipher's first 16 bytes are its random salt.
_PAGE_MULTIPLE = 512
_SALT_BYTES = 16


def marked_revision(connection: Any, tables: set[str], location: str) -> str | None:
    """The Alembic revision of one of our files; FOREIGN without our marker (DB-API connection)."""
    if "app_meta" not in tables:
        raise DatabaseRefused(RefusalReason.FOREIGN, location)
    mark = connection.execute("SELECT value FROM app_meta WHERE key = 'application'").fetchone()
    if not mark or mark[0] != APPLICATION_MARK:
        raise DatabaseRefused(RefusalReason.FOREIGN, location)
    if "alembic_version" not in tables:
        return None
    found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return found[0] if found else None


def file_kind(path: Path) -> FileKind:
    """What a file looks like from its size and first bytes, or refused as not a database."""
    location = str(path)
    try:
        if not path.exists() or path.stat().st_size == 0:
            return FileKind.NEW
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseRefused(RefusalReason.UNREACHABLE, location, str(error)) from error
    if header == SQLITE_HEADER:
        return FileKind.PLAIN
    if size % _PAGE_MULTIPLE or header[:_SALT_BYTES] == bytes(_SALT_BYTES):
        raise DatabaseRefused(RefusalReason.NOT_A_DATABASE, location)
    return FileKind.ENCRYPTED


def inspect_file(path: Path, key: DatabaseKey | None = None) -> FileState:
    """Look at a file read-only and refuse it unless it is empty or one of our databases.

    Without a key the file must be plain SQLite; with one it is read through SQLCipher, and
    `desktop.db.sqlcipher.KeyRejected` says the key does not decrypt it.
    """
    if key is not None:
        return _inspect_encrypted(path, key)
    kind = file_kind(path)
    if kind is FileKind.NEW:
        return FileState(is_new=True)
    location = str(path)
    if kind is not FileKind.PLAIN:
        raise DatabaseRefused(RefusalReason.NOT_A_DATABASE, location)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise DatabaseRefused(RefusalReason.UNREACHABLE, location, str(error)) from error
    try:
        return _inspect_connection(connection, location, sqlite3.DatabaseError, _quick_check)
    finally:
        connection.close()


def _quick_check(connection: sqlite3.Connection) -> str | None:
    """SQLite's structural check of every page (None: sound)."""
    verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
    return None if verdict == "ok" else str(verdict)


def _inspect_encrypted(path: Path, key: DatabaseKey) -> FileState:
    from desktop.db import sqlcipher

    location = str(path)
    try:
        connection = sqlcipher.connect(path, key, read_only=True)
    except sqlcipher.DatabaseError as error:
        raise DatabaseRefused(RefusalReason.UNREACHABLE, location, str(error)) from error
    try:
        sqlcipher.check_key(connection)
        return _inspect_connection(
            connection, location, sqlcipher.DatabaseError, sqlcipher.page_problem
        )
    except sqlcipher.OperationalError as error:  # locked, unreadable
        raise DatabaseRefused(RefusalReason.UNREACHABLE, location, str(error)) from error
    except sqlcipher.DatabaseError as error:  # the key is right, a page is not
        raise DatabaseRefused(RefusalReason.CORRUPT, location, str(error)) from error
    finally:
        connection.close()


def _inspect_connection(
    connection: sqlite3.Connection,
    location: str,
    database_error: type[Exception],
    problem: Callable[[sqlite3.Connection], str | None],
) -> FileState:
    """The checks of `inspect_file` on an open read-only connection (plain or decrypted)."""
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        check = problem(connection)
        if check is not None:
            raise DatabaseRefused(RefusalReason.CORRUPT, location, check)
        if not tables:
            return FileState(is_new=True)
        return FileState(is_new=False, revision=marked_revision(connection, tables, location))
    except database_error as error:
        raise DatabaseRefused(RefusalReason.CORRUPT, location, str(error)) from error


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


class SqliteAdapter(GenericAdapter):
    name = "sqlite"

    def configure_engine(self, engine: Engine) -> None:
        event.listen(engine, "connect", _set_pragmas)

    def after_open(self, engine: Engine) -> None:
        # Without statistics SQLite plans "subtree + status + search" over 78,000 members as
        # minutes of probing instead of milliseconds: collect them once there is data.
        with engine.begin() as connection:
            analysed = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).first()
            populated = connection.exec_driver_sql("SELECT 1 FROM member LIMIT 1").first()
            if populated and not analysed:
                self.refresh_statistics(connection)

    def before_close(self, engine: Engine) -> None:
        # SQLite's advice for long-lived connections: refresh statistics that drifted.
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA optimize")

    def create_search_index(self, connection: Connection) -> None:
        # detail=none: only word/prefix matching is needed, no phrases or positions.
        # prefix='1 2 3': short prefixes ("ng v an") are answered from their own index.
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
            "search_key, tokenize = 'unicode61 remove_diacritics 0', "
            "prefix = '1 2 3', detail = 'none')"
        )

    def drop_search_index(self, connection: Connection) -> None:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")

    def rebuild_search_index(self, connection: Connection) -> None:
        connection.exec_driver_sql(f"DELETE FROM {SEARCH_TABLE}")
        connection.exec_driver_sql(
            f"INSERT INTO {SEARCH_TABLE}(rowid, search_key) SELECT id, search_key FROM member"
        )

    def write_search_keys(
        self, connection: Connection, rows: Sequence[tuple[int, str]], new: bool = False
    ) -> None:
        """`new`: members just inserted, with no key to replace."""
        if not rows:
            return
        if not new:
            self.delete_search_keys(connection, [member_id for member_id, _ in rows])
        connection.exec_driver_sql(  # straight to the driver: imports write 78,432 at once
            f"INSERT INTO {SEARCH_TABLE}(rowid, search_key) VALUES (?, ?)", list(rows)
        )

    def delete_search_keys(self, connection: Connection, member_ids: Sequence[int]) -> None:
        if member_ids:
            connection.execute(
                text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = :id"),
                [{"id": member_id} for member_id in member_ids],
            )

    def search_condition(self, terms: Sequence[str]) -> ColumnElement[bool]:
        # Terms are \w+ runs of a folded text, so quoting them is enough to keep FTS5
        # syntax characters out; "term"* is a prefix query, juxtaposition means AND.
        query = " ".join(f'"{term}"*' for term in terms)
        matching = select(_search_table.c.rowid).where(
            text(f"{SEARCH_TABLE} MATCH :search_query").bindparams(search_query=query)
        )
        return Member.id.in_(matching)

    def backup(self, engine: Engine, destination: Path) -> None:
        """Online copy through SQLite's backup API (consistent even with WAL)."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        raw = engine.raw_connection()
        try:
            target = sqlite3.connect(destination)
            try:
                raw.driver_connection.backup(target)  # type: ignore[union-attr]
            finally:
                target.close()
        finally:
            raw.close()

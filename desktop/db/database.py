"""Opening a database: a file path (embedded SQLite, the default) or an SQLAlchemy URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.db import migrate
from desktop.db.adapters import GenericAdapter, adapter_for
from desktop.db.errors import DatabaseRefused, RefusalReason
from desktop.db.passphrase import PassphraseSource
from desktop.paths import backups_dir, default_database_path

if TYPE_CHECKING:
    from desktop.models.permissions import Actor


@dataclass
class Database:
    engine: Engine
    adapter: GenericAdapter
    location: str
    file_path: Path | None
    backup_path: Path | None = None  # the copy taken before this opening upgraded the schema
    # The signed-in user; services check every permission against it (desktop.services.access).
    actor: Actor | None = None

    def __post_init__(self) -> None:
        # expire_on_commit=False: services hand out values read inside the transaction.
        # session.info["database"] lets session-level hooks (the audit trail) find the actor.
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, info={"database": self})

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any exception."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A short read-only session (nothing is flushed or committed)."""
        with self._sessions() as session:
            yield session

    def refresh_statistics(self) -> None:
        """After bulk writes (demo, imports), so the query planner knows the new sizes."""
        with self.engine.begin() as connection:
            self.adapter.refresh_statistics(connection)

    def close(self) -> None:
        try:
            self.adapter.before_close(self.engine)
        except SQLAlchemyError:
            pass  # an optimisation only; a read-only or vanished file still closes
        self.engine.dispose()


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def open_database(
    target: str | Path | None = None, passphrase: PassphraseSource | None = None
) -> Database:
    """Open (creating or upgrading as needed) the database at a path or URL.

    A file that is not ours, is corrupt, or was written by a newer version is refused with
    `DatabaseRefused` before anything is written to it. A file is encrypted (a plain file of
    ours is encrypted first); `passphrase` is asked when the credential store cannot supply the
    key (desktop.db.encryption).
    """
    if target is None:
        target = default_database_path()
    if is_url(target):
        return _open_server(str(target))
    return _open_file(Path(target), passphrase)


def _open_file(path: Path, passphrase: PassphraseSource | None = None) -> Database:
    from desktop.db.encryption import prepare_file
    from desktop.db.sqlcipher import encrypted_engine

    opened = prepare_file(path, passphrase, migrate.known_revisions())
    state = opened.state
    engine, adapter = encrypted_engine(path, opened.key)
    adapter.configure_engine(engine)
    database = Database(engine=engine, adapter=adapter, location=str(path), file_path=path)
    if not state.is_new and state.revision != migrate.head_revision():
        database.backup_path = backups_dir(path) / migrate.backup_name(path, state.revision)
        database.adapter.backup(database.engine, database.backup_path)
    _upgrade(database)
    return database


def _open_server(url: str) -> Database:
    location = make_url(url).render_as_string(hide_password=True)
    database = _connect(url, location, None)
    try:
        tables = set(inspect(database.engine).get_table_names())
    except SQLAlchemyError as error:
        database.close()
        raise DatabaseRefused(RefusalReason.UNREACHABLE, location, type(error).__name__) from error
    if tables and "app_meta" not in tables:
        database.close()
        raise DatabaseRefused(RefusalReason.FOREIGN, location)
    revision = migrate.current_revision(database.engine)
    if revision is not None and revision not in migrate.known_revisions():
        database.close()
        raise DatabaseRefused(RefusalReason.NEWER_SCHEMA, location, revision)
    _upgrade(database)
    return database


def _connect(url: str, location: str, file_path: Path | None) -> Database:
    engine = create_engine(url)
    adapter = adapter_for(engine.dialect.name)
    adapter.configure_engine(engine)
    return Database(engine=engine, adapter=adapter, location=location, file_path=file_path)


def _upgrade(database: Database) -> None:
    try:
        migrate.upgrade(database.engine)
        database.adapter.after_open(database.engine)
    except SQLAlchemyError as error:
        database.close()
        # Never echo the URL or statement: they may carry a password.
        raise DatabaseRefused(
            RefusalReason.UNREACHABLE, database.location, type(error).__name__
        ) from error

"""Backups and restores of the embedded database (issue 4): who may, where, how many are kept.

Copies themselves are made by desktop.db.backup_files (SQLCipher); this module decides.

Backups an administrator makes (`write_backup`; `party-office backup`, Sao lưu ngay…)
    An online copy: the app may go on writing meanwhile. Protected by a backup passphrase
    (at least MIN_PASSPHRASE_LENGTH characters), not by the database's key, so the file opens
    on another computer; the key is derived as SQLCipher 4 does, so any SQLCipher 4 tool opens
    it with the passphrase too. Checked before it is reported done, and recorded in the audit
    trail (EXPORT: the data left the database).

Automatic backups (`run_automatic_backup`, once a day when the app opens a database)
    Encrypted with the database's own key and salt, so nothing is asked and the key that opens
    the database opens them. Named `<name>.auto-YYYYmmdd-HHMMSS.db`, in the backups/ folder
    next to the database unless the office chose another folder; the newest `keep` are kept
    (desktop.services.office_settings, default 14). Copies taken before schema upgrades
    (`.before-upgrade-`) and before restores (`.before-restore-`) are never rotated away.

Restores (`check_backup`, then `restore_backup`)
    The file is checked first (a key that opens it: the database's own, the credential store's
    entry for its id, or the backup passphrase; integrity; our marker; a schema this version
    knows), and every refusal leaves the database untouched. Then, with the database file held
    exclusively (refused while any other program has it open), the backup is re-encrypted with
    the database's key into a new file, upgraded to the current schema, the restore recorded in
    its audit trail, and checked; the current file is kept aside as
    backups/<name>.before-restore-YYYYmmdd-HHMMSS.db (still encrypted with its key); one rename
    puts the restored file in its place. The caller's handle is closed: open the database again
    and sign in again.

Backups and restores need MANAGE_BACKUPS for the whole register (administrators without a
scope): a backup holds every organisation. A server database (PostgreSQL) is backed up by the
server's own tools (pg_dump): refused with SERVER_DATABASE.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.db import backup_files, keystore, migrate
from desktop.db.backup_files import CopyCancelled, CopyFacts, CopyMismatch
from desktop.db.database import Database
from desktop.db.errors import DatabaseRefused, RefusalReason
from desktop.db.keystore import KeystoreUnavailable
from desktop.db.passphrase import MIN_PASSPHRASE_LENGTH, passphrase_problem
from desktop.db.sqlcipher import DatabaseKey, FileInUse, KeyRejected
from desktop.db.sqlite_adapter import FileKind, file_kind
from desktop.models.accounts import UserAccount
from desktop.models.audit import AuditAction
from desktop.models.permissions import Actor, Permission
from desktop.paths import backups_dir
from desktop.services import office_settings
from desktop.services.access import PermissionDenied, require
from desktop.services.audit import record_event
from desktop.services.errors import OperationCancelled
from desktop.services.passwords import normalize_username

logger = logging.getLogger(__name__)

AUTOMATIC_INTERVAL = dt.timedelta(hours=24)
_STAMP = "%Y%m%d-%H%M%S"
_STAMP_PATTERN = r"(?P<stamp>\d{8}-\d{6})"

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

__all__ = [
    "MIN_PASSPHRASE_LENGTH", "BackupKind", "BackupFile", "BackupProblem", "BackupRefused",
    "BackupCheck", "BackupOutcome", "RestoreOutcome", "AutomaticOutcome", "may_manage_backups",
    "require_backup_manager", "is_file_database",
    "backup_folder", "list_backups", "last_automatic_backup", "automatic_backup_due",
    "write_backup", "run_automatic_backup", "check_backup", "restore_backup",
]


class BackupKind(enum.Enum):
    AUTOMATIC = "AUTOMATIC"  # the daily copy, rotated
    BEFORE_UPGRADE = "BEFORE_UPGRADE"  # taken when a newer version upgraded the schema
    BEFORE_RESTORE = "BEFORE_RESTORE"  # the database as it was before a restore


class BackupProblem(enum.Enum):
    SERVER_DATABASE = "SERVER_DATABASE"  # PostgreSQL: the server's own backups (pg_dump)
    PASSPHRASE_TOO_SHORT = "PASSPHRASE_TOO_SHORT"  # params: min
    PASSPHRASE_NEEDED = "PASSPHRASE_NEEDED"  # no key of this computer opens it: ask its passphrase
    WRONG_PASSPHRASE = "WRONG_PASSPHRASE"  # the passphrase given does not open it (or not a backup)
    NOT_A_BACKUP = "NOT_A_BACKUP"  # missing, empty, or not a database file at all
    CORRUPT = "CORRUPT"  # opens, but fails its integrity check
    FOREIGN = "FOREIGN"  # a database of another application
    NEWER_SCHEMA = "NEWER_SCHEMA"  # made by a newer version of the application
    SAME_FILE = "SAME_FILE"  # the backup would overwrite the database itself (or vice versa)
    IN_USE = "IN_USE"  # restore: another program has the database open
    UNREADABLE = "UNREADABLE"  # the file cannot be read
    UNWRITABLE = "UNWRITABLE"  # the folder or file cannot be written (detail: the system's reason)
    COPY_FAILED = "COPY_FAILED"  # the new copy failed its check; nothing was replaced


class BackupRefused(Exception):
    """Nothing was written, replaced or removed (the live database is untouched)."""

    def __init__(self, problem: BackupProblem, location: str = "", detail: str = "",
                 **params: object) -> None:
        super().__init__(f"{problem.value}: {location} {detail}".strip())
        self.problem = problem
        self.location = location
        self.detail = detail
        self.params = params


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: BackupKind
    taken_at: dt.datetime  # local time, from the name
    size: int


@dataclass(frozen=True)
class BackupCheck:
    """A backup that may be restored: what it holds."""

    path: Path
    size: int
    taken_at: dt.datetime  # from an automatic / before-… name, else the file's modification time
    revision: str | None
    organizations: int
    members: int
    needs_upgrade: bool  # made by an earlier version: the schema is upgraded when restored


@dataclass(frozen=True)
class BackupOutcome:
    path: Path
    size: int
    organizations: int
    members: int
    seconds: float


@dataclass(frozen=True)
class AutomaticOutcome:
    path: Path
    size: int
    removed: tuple[Path, ...]  # older automatic backups rotated away


@dataclass(frozen=True)
class RestoreOutcome:
    restored: BackupCheck
    kept_aside: Path  # the database as it was before, still encrypted with its key
    seconds: float


# -- permission and the database file -----------------------------------------------------


def _require_manager(database: Database) -> Actor:
    actor = require(database, Permission.MANAGE_BACKUPS)
    if actor.scope_path is not None:  # a backup holds the whole register
        raise PermissionDenied(Permission.MANAGE_BACKUPS, actor.username)
    return actor


def require_backup_manager(database: Database) -> None:
    """Refuse (PermissionDenied, BackupRefused SERVER_DATABASE) before anything is asked."""
    _require_manager(database)
    _live_file(database)


def may_manage_backups(database: Database) -> bool:
    """For the UI: whether to offer the backup screen (the use cases check again)."""
    actor = database.actor
    return actor is not None and actor.may(Permission.MANAGE_BACKUPS) and actor.scope_path is None


def _live_file(database: Database) -> tuple[Path, DatabaseKey]:
    """The database file and its key; SERVER_DATABASE for a server database."""
    key = getattr(database.adapter, "key", None)
    if database.file_path is None or not isinstance(key, DatabaseKey):
        raise BackupRefused(BackupProblem.SERVER_DATABASE, database.location)
    return database.file_path, key


def is_file_database(database: Database) -> bool:
    return database.file_path is not None


# -- names and folders --------------------------------------------------------------------


def _patterns(database_path: Path) -> dict[BackupKind, re.Pattern[str]]:
    stem, suffix = re.escape(database_path.stem), re.escape(database_path.suffix)
    return {
        BackupKind.AUTOMATIC: re.compile(rf"{stem}\.auto-{_STAMP_PATTERN}{suffix}"),
        BackupKind.BEFORE_UPGRADE: re.compile(rf"{stem}\.before-upgrade-.+-{_STAMP_PATTERN}{suffix}"),
        BackupKind.BEFORE_RESTORE: re.compile(rf"{stem}\.before-restore-{_STAMP_PATTERN}{suffix}"),
    }


def _automatic_name(database_path: Path, at: dt.datetime) -> str:
    return f"{database_path.stem}.auto-{at.strftime(_STAMP)}{database_path.suffix}"


def _before_restore_name(database_path: Path, at: dt.datetime) -> str:
    return f"{database_path.stem}.before-restore-{at.strftime(_STAMP)}{database_path.suffix}"


def backup_folder(database: Database) -> Path:
    """Where automatic backups go: the office's chosen folder, or backups/ next to the database."""
    path, _key = _live_file(database)
    chosen = office_settings.backup_folder_setting(database)
    return Path(chosen) if chosen else backups_dir(path)


def _scan(folder: Path, database_path: Path, kinds: tuple[BackupKind, ...]) -> list[BackupFile]:
    patterns = _patterns(database_path)
    found = []
    try:
        entries = list(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return []
    for entry in entries:
        for kind in kinds:
            match = patterns[kind].fullmatch(entry.name)
            if match is None:
                continue
            try:
                taken = dt.datetime.strptime(match["stamp"], _STAMP)
                size = entry.stat().st_size
            except (ValueError, OSError):
                break
            found.append(BackupFile(entry, kind, taken, size))
            break
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def _automatic(database: Database) -> list[BackupFile]:
    path, _key = _live_file(database)
    return _scan(backup_folder(database), path, (BackupKind.AUTOMATIC,))


def list_backups(database: Database) -> list[BackupFile]:
    """Automatic backups and the copies kept before upgrades and restores, newest first."""
    _require_manager(database)
    path, _key = _live_file(database)
    found = {backup.path: backup for backup in _automatic(database)}
    for backup in _scan(backups_dir(path), path, (BackupKind.BEFORE_UPGRADE, BackupKind.BEFORE_RESTORE)):
        found.setdefault(backup.path, backup)
    return sorted(found.values(), key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def last_automatic_backup(database: Database) -> BackupFile | None:
    automatic = _automatic(database)
    return automatic[0] if automatic else None


def automatic_backup_due(database: Database, now: dt.datetime | None = None) -> bool:
    """True when the newest automatic backup is 24 hours old or more (or there is none).

    A backup dated in the future (the clock was wrong) counts as recent.
    """
    if not is_file_database(database):
        return False
    newest = last_automatic_backup(database)
    now = now or dt.datetime.now()
    return newest is None or now - newest.taken_at >= AUTOMATIC_INTERVAL


# -- writing backups ----------------------------------------------------------------------


def write_backup(
    database: Database,
    target: Path,
    passphrase: str,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BackupOutcome:
    """A consistent copy of the database in `target`, encrypted with `passphrase`, checked.

    The database may be in use meanwhile. An existing `target` is replaced only by a checked
    copy. Raises BackupRefused, OperationCancelled, PermissionDenied.
    """
    actor = _require_manager(database)
    path, key = _live_file(database)
    if passphrase_problem(passphrase) is not None or "\x00" in passphrase:
        raise BackupRefused(BackupProblem.PASSPHRASE_TOO_SHORT, str(target), min=MIN_PASSPHRASE_LENGTH)
    target = Path(target)
    _refuse_same_file(target, path)
    started = time.perf_counter()
    facts = _copy(path, key, target, DatabaseKey.derive(passphrase), progress, cancelled)
    outcome = BackupOutcome(target, facts.size, facts.counts.get("party_organization", 0),
                            facts.counts.get("member", 0), time.perf_counter() - started)
    with database.transaction() as session:
        record_event(session, AuditAction.EXPORT, details={
            "backup": target.name, "bytes": facts.size, "members": outcome.members,
        })
    logger.info("backup of %s written to %s by %s (%d bytes)", path.name, target, actor.username,
                facts.size)
    return outcome


def run_automatic_backup(
    database: Database,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> AutomaticOutcome | None:
    """The daily backup, when due (None: a recent one exists, or a server database).

    Any signed-in user's opening triggers it: it is the application's own housekeeping, made
    with the database's key into the office's backup folder, and never leaves the data
    readable elsewhere. The oldest automatic backups beyond the number kept are removed.
    """
    if not is_file_database(database):
        return None
    now = now or dt.datetime.now()
    if not automatic_backup_due(database, now):
        return None
    path, key = _live_file(database)
    folder = backup_folder(database)
    target = folder / _automatic_name(path, now)
    _refuse_same_file(target, path)
    _remove_stale_partials(folder, path)
    facts = _copy(path, key, target, key, progress, cancelled)
    removed = _rotate(folder, path, office_settings.backup_keep_count(database))
    logger.info("automatic backup %s written (%d bytes); %d older removed", target.name, facts.size,
                len(removed))
    return AutomaticOutcome(target, facts.size, tuple(removed))


def _rotate(folder: Path, database_path: Path, keep: int) -> list[Path]:
    """Remove automatic backups beyond the newest `keep` (other files are never touched)."""
    removed = []
    for old in _scan(folder, database_path, (BackupKind.AUTOMATIC,))[keep:]:
        try:
            old.path.unlink()
        except OSError as error:
            logger.warning("old automatic backup %s not removed: %s", old.path.name,
                           type(error).__name__)
        else:
            removed.append(old.path)
    return removed


def _remove_stale_partials(folder: Path, database_path: Path) -> None:
    """Leftovers of an automatic backup interrupted by a crash or a power cut."""
    pattern = _patterns(database_path)[BackupKind.AUTOMATIC]
    try:
        leftovers = [entry for entry in folder.glob(f"*{backup_files.PARTIAL_SUFFIX}")
                     if pattern.fullmatch(entry.name[: -len(backup_files.PARTIAL_SUFFIX)])]
    except OSError:
        return
    for leftover in leftovers:
        backup_files.discard(leftover)


def _refuse_same_file(target: Path, database_path: Path) -> None:
    try:
        same = target.resolve() == database_path.resolve()
    except OSError:
        same = False
    companions = {database_path.name + suffix for suffix in ("-wal", "-shm", "-journal")}
    if same or (target.parent.resolve() == database_path.parent.resolve() and target.name in companions):
        raise BackupRefused(BackupProblem.SAME_FILE, str(target))


def _copy(
    source: Path, source_key: DatabaseKey | None, target: Path, target_key: DatabaseKey,
    progress: Progress | None, cancelled: Cancelled | None,
) -> CopyFacts:
    try:
        return backup_files.write_copy(source, source_key, target, target_key,
                                       progress=progress, cancelled=cancelled)
    except CopyCancelled:
        raise OperationCancelled() from None
    except CopyMismatch:
        raise BackupRefused(BackupProblem.COPY_FAILED, str(target)) from None
    except KeyRejected:
        raise BackupRefused(BackupProblem.UNREADABLE, str(source)) from None
    except OSError as error:
        raise BackupRefused(BackupProblem.UNWRITABLE, str(target), error.strerror or "") from None
    except DatabaseRefused as refused:
        raise BackupRefused(BackupProblem.UNREADABLE, str(source), refused.detail) from None
    except backup_files.sqlcipher.DatabaseError as error:
        raise BackupRefused(BackupProblem.UNWRITABLE, str(target), type(error).__name__) from None


# -- restoring ----------------------------------------------------------------------------


_REFUSALS = {
    RefusalReason.NOT_A_DATABASE: BackupProblem.NOT_A_BACKUP,
    RefusalReason.CORRUPT: BackupProblem.CORRUPT,
    RefusalReason.FOREIGN: BackupProblem.FOREIGN,
    RefusalReason.NEWER_SCHEMA: BackupProblem.NEWER_SCHEMA,
}


def check_backup(
    database: Database, source: Path, passphrase: str | None = None,
    *, cancelled: Cancelled | None = None,
) -> BackupCheck:
    """Whether `source` can be restored into this database, and what it holds.

    PASSPHRASE_NEEDED: no key of this computer opens it and no passphrase was given;
    WRONG_PASSPHRASE: the passphrase does not open it. Nothing is written anywhere.
    OperationCancelled when `cancelled` says so during the integrity check.
    """
    _require_manager(database)
    path, live_key = _live_file(database)
    try:
        return _checked_backup(Path(source), path, live_key, passphrase, cancelled)[0]
    except CopyCancelled:
        raise OperationCancelled() from None


def _checked_backup(
    source: Path, database_path: Path, live_key: DatabaseKey, passphrase: str | None,
    cancelled: Cancelled | None = None,
) -> tuple[BackupCheck, DatabaseKey | None]:
    location = str(source)
    try:
        same = source.resolve() == database_path.resolve()
    except OSError:
        same = False
    if same:
        raise BackupRefused(BackupProblem.SAME_FILE, location)
    try:
        kind = file_kind(source)
    except DatabaseRefused as refused:
        raise BackupRefused(_REFUSALS.get(refused.reason, BackupProblem.UNREADABLE), location) from None
    if kind is FileKind.NEW or not source.is_file():
        raise BackupRefused(BackupProblem.NOT_A_BACKUP, location)
    key = None if kind is FileKind.PLAIN else _backup_key(source, live_key, passphrase)
    try:
        facts = backup_files.read_facts(source, key, cancelled=cancelled)
    except DatabaseRefused as refused:
        if refused.reason is RefusalReason.WRONG_PASSPHRASE:  # plain file read with no key
            raise BackupRefused(BackupProblem.NOT_A_BACKUP, location) from None
        raise BackupRefused(_REFUSALS.get(refused.reason, BackupProblem.UNREADABLE), location,
                            refused.detail) from None
    if facts.revision is not None and facts.revision not in migrate.known_revisions():
        raise BackupRefused(BackupProblem.NEWER_SCHEMA, location, facts.revision)
    check = BackupCheck(
        path=source, size=facts.size, taken_at=_taken_at(source, database_path),
        revision=facts.revision, organizations=facts.counts.get("party_organization", 0),
        members=facts.counts.get("member", 0),
        needs_upgrade=facts.revision != migrate.head_revision(),
    )
    return check, key


def _backup_key(source: Path, live_key: DatabaseKey, passphrase: str | None) -> DatabaseKey:
    """The key that opens an encrypted backup: the database's, the stored one, or the passphrase's."""
    try:
        salt = backup_files.file_salt(source)
    except DatabaseRefused:
        raise BackupRefused(BackupProblem.UNREADABLE, str(source)) from None
    candidates: list[DatabaseKey] = []
    if live_key.salt == salt:
        candidates.append(live_key)  # an automatic backup, or a copy made with the same key
    try:
        stored = keystore.load_key(salt.hex())
    except KeystoreUnavailable:
        stored = None
    if stored is not None:
        candidates.append(DatabaseKey(stored, salt))
    if passphrase:
        try:
            candidates.append(DatabaseKey.derive(passphrase, salt))
        except ValueError:
            pass
    for candidate in candidates:
        if backup_files.key_opens(source, candidate):
            return candidate
    problem = BackupProblem.WRONG_PASSPHRASE if passphrase else BackupProblem.PASSPHRASE_NEEDED
    raise BackupRefused(problem, str(source))


def _taken_at(source: Path, database_path: Path) -> dt.datetime:
    for pattern in _patterns(database_path).values():
        match = pattern.fullmatch(source.name)
        if match is not None:
            return dt.datetime.strptime(match["stamp"], _STAMP)
    generic = re.search(_STAMP_PATTERN, source.name)  # another database's automatic backup
    if generic is not None:
        try:
            return dt.datetime.strptime(generic["stamp"], _STAMP)
        except ValueError:
            pass
    return dt.datetime.fromtimestamp(source.stat().st_mtime).replace(microsecond=0)


def restore_backup(
    database: Database,
    source: Path,
    passphrase: str | None = None,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RestoreOutcome:
    """Replace the database by the backup `source`, keeping the current file aside.

    Once the backup has passed its check, `database` is closed: the file must be free of every
    connection, this process's included. After a restore the caller opens the database again
    and signs in again; after a refusal (BackupRefused, OperationCancelled) the file is as it
    was, and `database` may simply be used again (its engine reconnects).
    """
    actor = _require_manager(database)
    path, live_key = _live_file(database)
    source = Path(source)
    started = time.perf_counter()
    try:
        check, backup_key = _checked_backup(source, path, live_key, passphrase, cancelled)
    except CopyCancelled:
        raise OperationCancelled() from None
    database.close()
    now = now or dt.datetime.now()
    prepared = path.with_name(path.name + ".restoring")
    aside = backups_dir(path) / _before_restore_name(path, now)
    try:
        with backup_files.exclusive_access(path, live_key) as holder:
            backup_files.prepare_restore(source, backup_key, prepared, live_key,
                                         progress=progress, cancelled=cancelled)
            _finish_prepared(prepared, live_key, actor, check, aside)
            backup_files.swap_in(prepared, path, aside, holder)
    except FileInUse:
        raise BackupRefused(BackupProblem.IN_USE, str(path)) from None
    except CopyCancelled:
        raise OperationCancelled() from None
    except CopyMismatch:
        raise BackupRefused(BackupProblem.COPY_FAILED, str(path)) from None
    except KeyRejected:
        raise BackupRefused(BackupProblem.UNREADABLE, str(path)) from None
    except OSError as error:
        raise BackupRefused(BackupProblem.UNWRITABLE, str(path), error.strerror or "") from None
    except backup_files.sqlcipher.DatabaseError as error:
        raise BackupRefused(BackupProblem.UNWRITABLE, str(path), type(error).__name__) from None
    finally:
        backup_files.discard(prepared)
    logger.info("database %s restored from %s by %s; the previous file kept as %s", path.name,
                source.name, actor.username, aside.name)
    return RestoreOutcome(check, aside, time.perf_counter() - started)


def _finish_prepared(
    prepared: Path, key: DatabaseKey, actor: Actor, check: BackupCheck, aside: Path
) -> None:
    """Bring the restored copy to the current schema and record the restore in its trail."""
    from desktop.db.sqlcipher import encrypted_engine

    engine, adapter = encrypted_engine(prepared, key)  # journal mode left as it is: no WAL here
    try:
        migrate.upgrade(engine)
        restored = Database(engine=engine, adapter=adapter, location=str(prepared), file_path=prepared)
        with restored.transaction() as session:
            user_id = session.scalar(
                select(UserAccount.id).where(UserAccount.username == normalize_username(actor.username))
            )
            record_event(session, AuditAction.BULK, details={
                "source": "restore", "backup": check.path.name,
                "backup_taken_at": check.taken_at, "previous_database_kept_as": aside.name,
            }, username=actor.username, user_id=user_id)
    finally:
        engine.dispose()
    try:
        backup_files.read_facts(prepared, key, full_check=False)
    except DatabaseRefused:
        raise CopyMismatch() from None

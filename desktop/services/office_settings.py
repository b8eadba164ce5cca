"""Settings of this office's installation kept in the database (app_meta), not in the rule table.

The rule table holds numbers that come from party regulations and change on a date
(effective-dated, with their source). The idle time after which the app locks its screen is
a local security preference of the office, with no regulation behind it and no history to
keep, so it is one app_meta row: every PC that opens the database locks after the same time.
So are the automatic backups' folder and the number kept. Changes are audited like any row
(the audit trail records app_meta changes).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.meta import AppMeta
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.services.access import PermissionDenied, require
from desktop.services.errors import ValidationFailed

IDLE_LOCK_KEY = "idle_lock_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 10
MIN_IDLE_LOCK_MINUTES = 1
MAX_IDLE_LOCK_MINUTES = 240


def _read(database: Database, key: str) -> str | None:
    with database.reading() as session:
        row = session.get(AppMeta, key)
        return row.value if row is not None else None


def _number(database: Database, key: str, default: int, lowest: int, highest: int) -> int:
    """A whole-number setting; the default when unset, unreadable or out of range."""
    text = _read(database, key)
    try:
        value = int(text) if text is not None else default
    except ValueError:
        return default
    return value if lowest <= value <= highest else default


def _check_range(key: str, value: int, lowest: int, highest: int) -> None:
    if not lowest <= value <= highest:
        raise ValidationFailed([Problem(key, ProblemCode.NUMBER_OUT_OF_RANGE, {"min": lowest, "max": highest})])


def _write(session: Session, key: str, value: str) -> None:
    row = session.get(AppMeta, key)
    if row is None:
        session.add(AppMeta(key=key, value=value))
    elif row.value != value:
        row.value = value


def _require_whole_register(database: Database, permission: Permission) -> None:
    actor = require(database, permission)
    if actor.scope_path is not None:  # an office-wide setting
        raise PermissionDenied(permission, actor.username)


def idle_lock_minutes(database: Database) -> int:
    """Minutes without keyboard or mouse input before the app locks (the default if unset)."""
    return _number(database, IDLE_LOCK_KEY, DEFAULT_IDLE_LOCK_MINUTES, MIN_IDLE_LOCK_MINUTES,
                   MAX_IDLE_LOCK_MINUTES)


def set_idle_lock_minutes(database: Database, minutes: int) -> None:
    """Administrators of the whole register (MANAGE_USERS, no scope): it applies to everyone."""
    _require_whole_register(database, Permission.MANAGE_USERS)
    _check_range(IDLE_LOCK_KEY, minutes, MIN_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES)
    with database.transaction() as session:
        _write(session, IDLE_LOCK_KEY, str(minutes))


# -- backups (desktop.services.backups) ----------------------------------------------------
# How many automatic backups are kept, and where they go (empty: the backups/ folder next to
# the database). Style guide §10.3: an office may point the folder at a removable drive.
BACKUP_KEEP_KEY = "backup_keep_count"
BACKUP_FOLDER_KEY = "backup_folder"
DEFAULT_BACKUP_KEEP = 14
MIN_BACKUP_KEEP = 1
MAX_BACKUP_KEEP = 365


def backup_keep_count(database: Database) -> int:
    """How many automatic backups are kept (the default if unset or unreadable)."""
    return _number(database, BACKUP_KEEP_KEY, DEFAULT_BACKUP_KEEP, MIN_BACKUP_KEEP, MAX_BACKUP_KEEP)


def backup_folder_setting(database: Database) -> str:
    """The chosen folder of automatic backups ("" for the default, next to the database)."""
    return _read(database, BACKUP_FOLDER_KEY) or ""


def set_backup_settings(database: Database, keep: int, folder: str) -> None:
    """Administrators of the whole register (MANAGE_BACKUPS, no scope); `folder` "" = default."""
    _require_whole_register(database, Permission.MANAGE_BACKUPS)
    _check_range(BACKUP_KEEP_KEY, keep, MIN_BACKUP_KEEP, MAX_BACKUP_KEEP)
    folder = folder.strip()
    if len(folder) > 300:  # the width of app_meta.value
        raise ValidationFailed([Problem(BACKUP_FOLDER_KEY, ProblemCode.TEXT_TOO_LONG, {"max": 300})])
    with database.transaction() as session:
        _write(session, BACKUP_KEEP_KEY, str(keep))
        _write(session, BACKUP_FOLDER_KEY, folder)

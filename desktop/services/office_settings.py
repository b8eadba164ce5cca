"""Settings of this office's installation kept in the database (app_meta), not in the rule table.

The rule table holds numbers that come from party regulations and change on a date
(effective-dated, with their source). The idle time after which the app locks its screen is
a local security preference of the office, with no regulation behind it and no history to
keep, so it is one app_meta row: every PC that opens the database locks after the same time.
Changing it is audited like any row (the audit trail records app_meta changes).
"""

from __future__ import annotations

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


def idle_lock_minutes(database: Database) -> int:
    """Minutes without keyboard or mouse input before the app locks (the default if unset)."""
    with database.reading() as session:
        row = session.get(AppMeta, IDLE_LOCK_KEY)
        text = row.value if row is not None else None
    try:
        minutes = int(text) if text is not None else DEFAULT_IDLE_LOCK_MINUTES
    except ValueError:
        return DEFAULT_IDLE_LOCK_MINUTES
    if not MIN_IDLE_LOCK_MINUTES <= minutes <= MAX_IDLE_LOCK_MINUTES:
        return DEFAULT_IDLE_LOCK_MINUTES
    return minutes


def set_idle_lock_minutes(database: Database, minutes: int) -> None:
    """Administrators of the whole register (MANAGE_USERS, no scope): it applies to everyone."""
    actor = require(database, Permission.MANAGE_USERS)
    if actor.scope_path is not None:
        raise PermissionDenied(Permission.MANAGE_USERS, actor.username)
    if not MIN_IDLE_LOCK_MINUTES <= minutes <= MAX_IDLE_LOCK_MINUTES:
        raise ValidationFailed([
            Problem(IDLE_LOCK_KEY, ProblemCode.NUMBER_OUT_OF_RANGE,
                    {"min": MIN_IDLE_LOCK_MINUTES, "max": MAX_IDLE_LOCK_MINUTES})
        ])
    with database.transaction() as session:
        row = session.get(AppMeta, IDLE_LOCK_KEY)
        if row is None:
            session.add(AppMeta(key=IDLE_LOCK_KEY, value=str(minutes)))
        elif row.value != str(minutes):
            row.value = str(minutes)


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
    with database.reading() as session:
        row = session.get(AppMeta, BACKUP_KEEP_KEY)
        text = row.value if row is not None else None
    try:
        count = int(text) if text is not None else DEFAULT_BACKUP_KEEP
    except ValueError:
        return DEFAULT_BACKUP_KEEP
    return count if MIN_BACKUP_KEEP <= count <= MAX_BACKUP_KEEP else DEFAULT_BACKUP_KEEP


def backup_folder_setting(database: Database) -> str:
    """The chosen folder of automatic backups ("" for the default, next to the database)."""
    with database.reading() as session:
        row = session.get(AppMeta, BACKUP_FOLDER_KEY)
        return row.value if row is not None else ""


def set_backup_settings(database: Database, keep: int, folder: str) -> None:
    """Administrators of the whole register (MANAGE_BACKUPS, no scope); `folder` "" = default."""
    actor = require(database, Permission.MANAGE_BACKUPS)
    if actor.scope_path is not None:
        raise PermissionDenied(Permission.MANAGE_BACKUPS, actor.username)
    if not MIN_BACKUP_KEEP <= keep <= MAX_BACKUP_KEEP:
        raise ValidationFailed([
            Problem(BACKUP_KEEP_KEY, ProblemCode.NUMBER_OUT_OF_RANGE,
                    {"min": MIN_BACKUP_KEEP, "max": MAX_BACKUP_KEEP})
        ])
    folder = folder.strip()
    if len(folder) > 300:  # the width of app_meta.value
        raise ValidationFailed([Problem(BACKUP_FOLDER_KEY, ProblemCode.TEXT_TOO_LONG, {"max": 300})])
    with database.transaction() as session:
        for key, value in ((BACKUP_KEEP_KEY, str(keep)), (BACKUP_FOLDER_KEY, folder)):
            row = session.get(AppMeta, key)
            if row is None:
                session.add(AppMeta(key=key, value=value))
            elif row.value != value:
                row.value = value

"""The audit trail: who changed or read what, when, written in the same transaction.

Installed on import (desktop/services/__init__.py imports this module, so every use case
has it): a `before_flush` / `after_flush` hook on every ORM session of a `Database`
(recognised by `session.info["database"]`) appends one entry per created, updated or deleted
row of an audited model, in the flush's own transaction. A rolled-back transaction therefore
leaves no entry, and a committed change always has one.

Public API (stable; other use cases call these):

    record_read(session, record_type: str, record_id: int | None) -> None
        A confidential record was opened (a member file, …): one READ entry.
    record_created(session, record_type: str, rows: Iterable[tuple[int, Mapping]]) -> None
        Rows inserted with Core by a bulk writer (an import): one CREATE entry per row.
    record_event(session, action: AuditAction, *, record_type: str = "",
                 record_id: int | None = None, details: Mapping[str, object] | None = None,
                 username: str | None = None, user_id: int | None = None) -> None
        LOGIN, LOGIN_FAILED, LOGOUT, EXPORT, BULK, …: one entry with `details` as its changes.
        `username` / `user_id` name the subject when no actor is signed in yet (a login,
        a failed login: pass the name as typed); otherwise the signed-in actor is used.

Both must be called inside `database.transaction()`: the entry commits or rolls back with it.

For administrators (each requires Permission.VIEW_AUDIT; `may_view_audit(database)` asks):

    fetch_audit_page(database, query: AuditQuery, before_id=None, limit=200) -> list[AuditRow]
        newest first, keyset paging: pass the last id shown as `before_id` for the next page.
    count_audit_entries(database, query) -> int;  get_audit_entry(database, id) -> AuditDetail
    audit_usernames(database) -> list[str]
    verify_chain(database, progress=None, cancelled=None) -> VerifyResult(ok, checked,
        first_broken_id, reason: BreakReason | None, head_hash)
    export_audit_csv(database, query, path, header, action_label, record_type_label) -> int

Who: `database.actor` (user id and user name), or "hệ thống" with no user id when nobody is
signed in (bootstrap, migrations, the demo on a new database).
When: `at` is UTC without a time zone (naive), taken once per append after the chain lock;
`to_local()` converts it for display.
What: `record_type` is the table name, `record_id` the integer primary key (None for rows
keyed otherwise, whose key is then part of `changes`). `changes` is canonical JSON (sorted
keys, no spaces, UTF-8 text): {"field": value} for CREATE and DELETE, {"field": [before,
after]} for UPDATE (key columns of non-integer keys as plain values); dates and times in ISO
8601, enums by name. Secrets are never written: password hashes and anything named like a
password, passphrase, secret, token or key material appear as "***"; derived columns (search
keys, paths, version, timestamps of the row) and noise (failed sign-in counters, last sign-in
time) are left out.

Chain: entry_hash = SHA-256 of the canonical JSON array [previous_hash, at (ISO, microseconds),
user_id, username, action name, record_type, record_id, changes]; the first entry's
previous_hash is 64 zeros. Appends lock the one row of `audit_head` (SELECT … FOR UPDATE on
PostgreSQL; on SQLite a write to it takes the database write lock) and update it with the new
last entry, so concurrent transactions queue up and chain one after another. Entries are never
updated or deleted (triggers refuse it; this module refuses it for ORM sessions too).
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, event, func, insert, inspect, select, update
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, UOWTransaction

from desktop.db.bulk import bulk_insert
from desktop.db.database import Database
from desktop.models.audit import GENESIS_HASH, AuditAction, AuditEntry, AuditHead
from desktop.models.permissions import Permission
from desktop.services.access import require
from desktop.services.errors import RecordNotFound

SYSTEM_USERNAME = "hệ thống"
REDACTED = "***"

_entry = AuditEntry.__table__
_head = AuditHead.__table__
_TRAIL_TABLES = frozenset({AuditEntry.__tablename__, AuditHead.__tablename__})

# Left out of every record: bookkeeping and values derived from other columns.
_ALWAYS_OMITTED = frozenset(
    {"version", "created_at", "updated_at", "search_key", "name_sort_key", "path", "level"}
)
# Per table: more noise to leave out, and secrets to redact.
_OMITTED = {"user_account": frozenset({"failed_attempts", "last_login_at"}),
            "meeting_attachment": frozenset({"content"}),
            "library_file": frozenset({"content"}),
            "library_document_text": frozenset({"text"}),
            "inspection_case_document": frozenset({"content"})}
# Inspection files stay with the inspection committee (§1.5, §6.9): the trail, which the
# administrator reads, keeps that a value changed, never the denouncer or the case's contents.
_REDACTED = {"user_account": frozenset({"password_hash"}),
             "complaint_letter": frozenset({"sender_name", "sender_address", "sender_contact", "summary",
                                            "concerned_text", "result", "not_eligible_reason"}),
             "inspection_case": frozenset({"title", "content", "violations_found", "conclusion_text",
                                           "no_limitation_reason"}),
             "inspection_case_step": frozenset({"note"}),
             "inspection_case_document": frozenset({"title", "file_name"}),
             "inspection_case_decision": frozenset({"reasons"}),
             "inspection_case_appeal": frozenset({"result", "not_accepted_reason"})}
# Any column (or app_meta key) named like this is redacted wherever it appears.
_SECRET_NAME = re.compile(r"password|passphrase|secret|token|credential|private|cipher|kdf|salt",
                          re.IGNORECASE)


# -- canonical form and hash ------------------------------------------------------------


_JSON_NATIVE = frozenset({str, int, float, bool})


def plain(value: Any) -> Any:
    """A column value as JSON: ISO dates, enum names, text for anything else exotic."""
    if value is None or value.__class__ in _JSON_NATIVE or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return REDACTED  # binary columns are key material or files: never in the trail
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in sorted(value.items())}
    return str(value)


# Built once: json.dumps with options makes a new encoder at every call (bulk writers append
# hundreds of thousands of entries).
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def canonical_json(data: Any) -> str:
    return _CANONICAL.encode(data)


def entry_hash(
    previous_hash: str,
    at: dt.datetime,
    user_id: int | None,
    username: str,
    action: AuditAction,
    record_type: str,
    record_id: int | None,
    changes: str,
) -> str:
    return _hash(previous_hash, at.isoformat(timespec="microseconds"), user_id, username, action.name,
                 record_type, record_id, changes)


def _hash(
    previous_hash: str, at: str, user_id: int | None, username: str, action: str,
    record_type: str, record_id: int | None, changes: str,
) -> str:
    payload = _COMPACT.encode([previous_hash, at, user_id, username, action, record_type, record_id, changes])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def to_local(at: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as the local wall-clock time, naive."""
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


# -- appending ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Draft:
    action: AuditAction
    record_type: str
    record_id: int | None
    changes: str


def _who(session: Session, username: str | None, user_id: int | None) -> tuple[int | None, str]:
    if username is not None:
        return user_id, username[:60]
    database = session.info.get("database")
    actor = getattr(database, "actor", None)
    if actor is None:
        return None, SYSTEM_USERNAME
    return actor.user_id, actor.username[:60]


# Built once: appends run inside every writing transaction.
_TOUCH_HEAD = update(_head).where(_head.c.id == 1).values(last_id=_head.c.last_id)
_READ_HEAD = select(_head.c.last_hash).where(_head.c.id == 1).with_for_update()
_WRITE_HEAD = update(_head).where(_head.c.id == 1)
_INSERT_ENTRY = insert(_entry)


def _lock_head(connection: Connection) -> str:
    """Take the chain lock for the rest of the transaction; the hash of the last entry."""
    if connection.dialect.name != "postgresql":
        # SQLite: a write takes the database write lock now, before the head is read (a plain
        # SELECT would read outside the transaction the driver opens at the first write).
        connection.execute(_TOUCH_HEAD)
    return str(connection.execute(_READ_HEAD).scalar_one())


def _append(
    session: Session, drafts: Iterable[_Draft], username: str | None = None, user_id: int | None = None
) -> None:
    drafts = list(drafts)
    if not drafts:
        return
    connection = session.connection()
    who_id, who_name = _who(session, username, user_id)
    previous = _lock_head(connection)
    at = utc_now()
    at_text = at.isoformat(timespec="microseconds")  # one time for the whole append
    rows = []
    for draft in drafts:
        record_type = draft.record_type[:60]
        digest = _hash(previous, at_text, who_id, who_name, draft.action.name, record_type,
                       draft.record_id, draft.changes)
        rows.append({
            "at": at, "user_id": who_id, "username": who_name, "action": draft.action,
            "record_type": record_type, "record_id": draft.record_id, "changes": draft.changes,
            "previous_hash": previous, "entry_hash": digest,
        })
        previous = digest
    # Ids follow the chain order: they are drawn while the chain lock is held.
    if len(rows) > 1:
        bulk_insert(connection, _entry, rows[:-1])
    last_id = connection.execute(_INSERT_ENTRY, rows[-1]).inserted_primary_key[0]
    connection.execute(_WRITE_HEAD, {"last_id": last_id, "last_hash": previous})


def record_read(session: Session, record_type: str, record_id: int | None) -> None:
    """A confidential record was opened: one READ entry in the session's transaction."""
    _append(session, [_Draft(AuditAction.READ, record_type, record_id, "{}")])


def record_event(
    session: Session,
    action: AuditAction,
    *,
    record_type: str = "",
    record_id: int | None = None,
    details: Mapping[str, object] | None = None,
    username: str | None = None,
    user_id: int | None = None,
) -> None:
    """One entry for something that is not a row change: a sign-in, an export, a bulk write.

    `username` (and `user_id`) name who did it when that is not the signed-in actor (a login
    before the actor is set, a failed login with the name as typed).
    """
    changes = canonical_json({key: plain(value) for key, value in (details or {}).items()})
    _append(session, [_Draft(action, record_type, record_id, changes)], username, user_id)


def record_created(
    session: Session, record_type: str, rows: Iterable[tuple[int, Mapping[str, Any]]]
) -> None:
    """Rows a bulk writer inserted with Core: one CREATE entry each, with the same columns
    left out and redacted as the flush hook's entries."""
    omitted = _ALWAYS_OMITTED | _OMITTED.get(record_type, frozenset())
    redacted = _REDACTED.get(record_type, frozenset())
    plans: dict[tuple[str, ...], list[tuple[str, bool]]] = {}  # per set of keys: (key, secret)
    drafts = []
    for record_id, values in rows:
        keys = tuple(values)
        plan = plans.get(keys)
        if plan is None:
            plan = plans[keys] = [(key, key in redacted or bool(_SECRET_NAME.search(key)))
                                  for key in sorted(keys) if key not in omitted]
        changes: dict[str, Any] = {}
        for key, secret in plan:  # most values are JSON already: no call for them
            value = values[key]
            if secret:
                changes[key] = None if value is None else REDACTED
            elif value is None or value.__class__ in _JSON_NATIVE:
                changes[key] = value
            else:
                changes[key] = plain(value)
        drafts.append(_Draft(AuditAction.CREATE, record_type, record_id, _COMPACT.encode(changes)))
    _append(session, drafts)


# -- the session hook ---------------------------------------------------------------------


def _is_audited(mapper: Mapper[Any]) -> bool:
    return mapper.local_table.name not in _TRAIL_TABLES  # type: ignore[attr-defined]


class AuditTrailIsAppendOnly(RuntimeError):
    """An audit entry was about to be changed or deleted."""


def _column_keys(mapper: Mapper[Any]) -> list[tuple[str, str]]:
    """(attribute key, how to write it): "keep", "redact"; omitted columns are not listed."""
    table = mapper.local_table.name  # type: ignore[attr-defined]
    omitted = _ALWAYS_OMITTED | _OMITTED.get(table, frozenset())
    redacted = _REDACTED.get(table, frozenset())
    keys = []
    for attribute in mapper.column_attrs:
        key = attribute.key
        if key in omitted:
            continue
        secret = key in redacted or bool(_SECRET_NAME.search(key))
        keys.append((key, "redact" if secret else "keep"))
    return keys


def _identity(mapper: Mapper[Any], obj: object) -> tuple[int | None, dict[str, Any]]:
    """The integer id of the row, or None and the key columns to write into the changes."""
    key = mapper.primary_key_from_instance(obj)
    if len(key) == 1 and isinstance(key[0], int) and not isinstance(key[0], bool):
        return key[0], {}
    names = [mapper.get_property_by_column(column).key for column in mapper.primary_key]
    return None, {name: plain(value) for name, value in zip(names, key, strict=True)}


def _row_is_secret(mapper: Mapper[Any], obj: object) -> bool:
    """app_meta rows whose key names a secret: the value is redacted."""
    if mapper.local_table.name != "app_meta":  # type: ignore[attr-defined]
        return False
    return bool(_SECRET_NAME.search(str(getattr(obj, "key", ""))))


def _value(mode: str, value: Any, secret_row: bool) -> Any:
    if value is None:
        return None
    return REDACTED if mode == "redact" or secret_row else plain(value)


def _snapshot(mapper: Mapper[Any], obj: object, identity: dict[str, Any], created: bool) -> dict[str, Any]:
    """The audited columns of a created row, or the loaded ones of a deleted row."""
    state = inspect(obj)
    secret_row = _row_is_secret(mapper, obj)
    values = dict(identity)
    for key, mode in _column_keys(mapper):
        if key in identity:
            continue
        if key in state.dict:
            values[key] = _value(mode, state.dict[key], secret_row)
        elif created and _written_as_null(mapper, key):
            values[key] = None
    return values


def _written_as_null(mapper: Mapper[Any], key: str) -> bool:
    """A column never set on a new object, without defaults: the INSERT wrote NULL."""
    column = mapper.columns[key]
    return column.nullable and column.default is None and column.server_default is None


def _differences(mapper: Mapper[Any], obj: object, identity: dict[str, Any]) -> dict[str, Any]:
    """{"field": [before, after]} of the audited columns this flush changes."""
    state = inspect(obj)
    secret_row = _row_is_secret(mapper, obj)
    changes: dict[str, Any] = {}
    for key, mode in _column_keys(mapper):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else None
        if key in identity or (before == after and type(before) is type(after)):
            continue
        changes[key] = [_value(mode, before, secret_row), _value(mode, after, secret_row)]
    if changes:
        changes.update(identity)
    return changes


def _drafts(session: Session) -> list[_Draft]:
    drafts: list[_Draft] = []
    for action, objects in (
        (AuditAction.CREATE, session.new),
        (AuditAction.UPDATE, session.dirty),
        (AuditAction.DELETE, session.deleted),
    ):
        for obj in objects:
            mapper = inspect(obj).mapper
            if not _is_audited(mapper):
                continue
            record_id, identity = _identity(mapper, obj)
            if action is AuditAction.UPDATE:
                changes = _differences(mapper, obj, identity)
                if not changes:
                    continue  # only omitted columns changed, or nothing at all
            else:
                changes = _snapshot(mapper, obj, identity, created=action is AuditAction.CREATE)
            drafts.append(
                _Draft(action, mapper.local_table.name, record_id, canonical_json(changes))  # type: ignore[attr-defined]
            )
    return drafts


def _before_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    if "database" not in session.info:
        return
    touched = False
    for obj in (*session.new, *session.dirty, *session.deleted):
        mapper = inspect(obj).mapper
        if not _is_audited(mapper):
            # Entries are written by this module only, with Core, chained and never changed.
            raise AuditTrailIsAppendOnly(mapper.local_table.name)  # type: ignore[attr-defined]
        touched = True
    if touched and session.get_bind().dialect.name == "postgresql":
        # Queue up behind other writers before this flush takes its own row locks, so that two
        # writers never hold each other's rows (a deadlock). SQLite: the flush's first write
        # takes the one write lock anyway.
        _lock_head(session.connection())


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    if "database" not in session.info:
        return
    # The new/dirty/deleted sets and attribute histories still show this flush's changes;
    # new rows have their ids. Entries are written with Core on the flush's connection.
    _append(session, _drafts(session))


def _on_orm_execute(state: ORMExecuteState) -> Any:
    """ORM INSERT/UPDATE/DELETE statements bypass the flush: refused on the trail's own tables,
    summarised in one BULK entry (statement, rows) elsewhere."""
    if "database" not in state.session.info:
        return None
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    mapper = state.bind_mapper
    if mapper is None:
        return None  # a Core statement on a Table: the caller records it (see the demo)
    table = mapper.local_table.name  # type: ignore[attr-defined]
    if table in _TRAIL_TABLES:
        raise AuditTrailIsAppendOnly(table)
    result = state.invoke_statement()
    statement = "INSERT" if state.is_insert else "UPDATE" if state.is_update else "DELETE"
    rows = getattr(result, "rowcount", -1)
    if rows < 0:  # ORM bulk inserts and some drivers do not count rows
        rows = len(state.parameters) if isinstance(state.parameters, list) else 0
    record_event(state.session, AuditAction.BULK, record_type=table,
                 details={"statement": statement, "rows": rows})
    return result


# -- browsing, verifying, exporting (administrators: VIEW_AUDIT) --------------------------


@dataclass(frozen=True)
class AuditQuery:
    """Which entries to show; dates are local calendar days, both ends included."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    username: str | None = None
    action: AuditAction | None = None
    record_type: str | None = None
    record_id: int | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime  # UTC, naive
    user_id: int | None
    username: str
    action: AuditAction
    record_type: str
    record_id: int | None
    changes: str  # canonical JSON

    @property
    def local_at(self) -> dt.datetime:
        return to_local(self.at)

    def change_map(self) -> dict[str, Any]:
        try:
            loaded = json.loads(self.changes or "{}")
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}


@dataclass(frozen=True)
class AuditDetail:
    row: AuditRow
    previous_hash: str
    entry_hash: str


_BATCH = 2000  # entries in memory at a time when checking or exporting

_ROW_COLUMNS = (
    _entry.c.id, _entry.c.at, _entry.c.user_id, _entry.c.username, _entry.c.action,
    _entry.c.record_type, _entry.c.record_id, _entry.c.changes,
)


def _utc_bound(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day`, in naive UTC like the stored times."""
    local_midnight = dt.datetime.combine(day, dt.time.min).astimezone()
    return local_midnight.astimezone(dt.UTC).replace(tzinfo=None)


def _filtered(statement: Select[Any], query: AuditQuery) -> Select[Any]:
    if query.date_from is not None:
        statement = statement.where(_entry.c.at >= _utc_bound(query.date_from))
    if query.date_to is not None:
        statement = statement.where(_entry.c.at < _utc_bound(query.date_to + dt.timedelta(days=1)))
    if query.username:
        statement = statement.where(_entry.c.username == query.username)
    if query.action is not None:
        statement = statement.where(_entry.c.action == query.action)
    if query.record_type is not None:
        statement = statement.where(_entry.c.record_type == query.record_type)
    if query.record_id is not None:
        statement = statement.where(_entry.c.record_id == query.record_id)
    return statement


def _require_view(database: Database) -> None:
    require(database, Permission.VIEW_AUDIT)


def may_view_audit(database: Database) -> bool:
    """Whether the signed-in user may browse the trail (the menu shows it only to them)."""
    actor = database.actor
    return actor is not None and actor.may(Permission.VIEW_AUDIT)


def count_audit_entries(database: Database, query: AuditQuery) -> int:
    _require_view(database)
    with database.reading() as session:
        return int(session.scalar(_filtered(select(func.count()).select_from(_entry), query)) or 0)


def fetch_audit_page(
    database: Database, query: AuditQuery, before_id: int | None = None, limit: int = 200
) -> list[AuditRow]:
    """Newest first: the `limit` entries older than `before_id` (keyset paging on the id)."""
    _require_view(database)
    statement = _filtered(select(*_ROW_COLUMNS), query)
    if before_id is not None:
        statement = statement.where(_entry.c.id < before_id)
    statement = statement.order_by(_entry.c.id.desc()).limit(limit)
    with database.reading() as session:
        return [AuditRow(*row) for row in session.execute(statement)]


def get_audit_entry(database: Database, entry_id: int) -> AuditDetail:
    _require_view(database)
    statement = select(*_ROW_COLUMNS, _entry.c.previous_hash, _entry.c.entry_hash).where(
        _entry.c.id == entry_id
    )
    with database.reading() as session:
        found = session.execute(statement).first()
    if found is None:
        raise RecordNotFound(entry_id)
    return AuditDetail(AuditRow(*found[:8]), found.previous_hash, found.entry_hash)


def audit_usernames(database: Database) -> list[str]:
    """Everyone who appears in the trail (a walk of the user-name index)."""
    _require_view(database)
    with database.reading() as session:
        return list(session.scalars(select(_entry.c.username).distinct().order_by(_entry.c.username)))


def export_audit_csv(
    database: Database,
    query: AuditQuery,
    path: Path,
    header: Sequence[str],
    action_label: Callable[[AuditAction], str],
    record_type_label: Callable[[str], str] = str,
) -> int:
    """Write the selected entries (oldest first) as CSV, UTF-8 with a BOM so that Excel reads
    Vietnamese; the export itself is recorded (EXPORT). Returns the number of entries written.

    Columns: id, local time (dd/mm/yyyy HH:MM:SS), user name, user id, action (`action_label`),
    record type (`record_type_label`), record id, changes (JSON), previous hash, entry hash;
    `header` names them. The file appears only when complete (written aside, then renamed).
    """
    _require_view(database)
    written = 0
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(header)
            for row in _rows_with_hashes(database, query):
                entry, previous_hash, digest = row
                writer.writerow([
                    entry.id, entry.local_at.strftime("%d/%m/%Y %H:%M:%S"), entry.username,
                    "" if entry.user_id is None else entry.user_id, action_label(entry.action),
                    record_type_label(entry.record_type),
                    "" if entry.record_id is None else entry.record_id,
                    entry.changes, previous_hash, digest,
                ])
                written += 1
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    with database.transaction() as session:
        record_event(
            session, AuditAction.EXPORT, record_type=AuditEntry.__tablename__,
            details={
                "file": path.name, "rows": written, "date_from": query.date_from,
                "date_to": query.date_to, "username": query.username,
                "action": query.action, "record_type": query.record_type,
            },
        )
    return written


def _rows_with_hashes(database: Database, query: AuditQuery) -> Iterator[tuple[AuditRow, str, str]]:
    after = 0
    columns = (*_ROW_COLUMNS, _entry.c.previous_hash, _entry.c.entry_hash)
    while True:
        statement = (
            _filtered(select(*columns), query).where(_entry.c.id > after)
            .order_by(_entry.c.id).limit(_BATCH)
        )
        with database.reading() as session:
            rows = session.execute(statement).all()
        for row in rows:
            yield AuditRow(*row[:8]), row.previous_hash, row.entry_hash
        if len(rows) < _BATCH:
            return
        after = rows[-1].id


class BreakReason(enum.Enum):
    ENTRY_ALTERED = "ENTRY_ALTERED"  # the entry no longer matches its own hash
    LINK_BROKEN = "LINK_BROKEN"  # it does not chain to the entry before it: one was removed or slipped in
    HEAD_MISMATCH = "HEAD_MISMATCH"  # the chain ends before the last entry recorded: entries removed
    UNCHAINED_ENTRY = "UNCHAINED_ENTRY"  # an entry after the recorded end: written around the app


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int  # entries whose hash and link were checked
    first_broken_id: int | None
    reason: BreakReason | None
    head_hash: str = GENESIS_HASH  # hash of the last entry: note it down to anchor the trail


class VerifyCancelled(Exception):
    """The caller cancelled the check."""


def verify_chain(
    database: Database,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> VerifyResult:
    """Recompute every hash and link, oldest first, `_BATCH` entries in memory at a time.

    Entries appended while the check runs (after the head read at its start) are not checked.
    """
    _require_view(database)
    with database.reading() as session:
        head = session.execute(select(_head.c.last_id, _head.c.last_hash).where(_head.c.id == 1)).one()
        last_id = head.last_id if head.last_id is not None else 0
        total = int(session.scalar(select(func.count()).where(_entry.c.id <= last_id)) or 0)
    columns = (*_ROW_COLUMNS, _entry.c.previous_hash, _entry.c.entry_hash)
    previous, seen, checked = GENESIS_HASH, 0, 0
    if progress is not None:
        progress(0, total)
    while True:
        if cancelled is not None and cancelled():
            raise VerifyCancelled()
        statement = (
            select(*columns).where(_entry.c.id > seen, _entry.c.id <= last_id)
            .order_by(_entry.c.id).limit(_BATCH)
        )
        with database.reading() as session:
            rows = session.execute(statement).all()
        for row in rows:
            if row.previous_hash != previous:
                return VerifyResult(False, checked, row.id, BreakReason.LINK_BROKEN, previous)
            digest = entry_hash(row.previous_hash, row.at, row.user_id, row.username, row.action,
                                row.record_type, row.record_id, row.changes)
            if digest != row.entry_hash:
                return VerifyResult(False, checked, row.id, BreakReason.ENTRY_ALTERED, previous)
            previous, seen = row.entry_hash, row.id
            checked += 1
        if progress is not None:
            progress(checked, total)
        if len(rows) < _BATCH:
            break
    if seen != last_id or previous != head.last_hash:
        return VerifyResult(False, checked, head.last_id, BreakReason.HEAD_MISMATCH, previous)
    # One statement, one snapshot: an entry and the head it moved commit together, so any
    # entry past the head was not written by an append.
    with database.reading() as session:
        stray = session.scalar(
            select(func.min(_entry.c.id)).where(
                _entry.c.id > select(func.coalesce(_head.c.last_id, 0)).where(_head.c.id == 1).scalar_subquery()
            )
        )
    if stray is not None:
        return VerifyResult(False, checked, stray, BreakReason.UNCHAINED_ENTRY, previous)
    return VerifyResult(True, checked, None, None, previous)


_installed = False


def install() -> None:
    """Register the hooks (idempotent; done on import)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _on_orm_execute)
    _installed = True


install()

__all__ = [
    "REDACTED",
    "SYSTEM_USERNAME",
    "AuditAction",
    "AuditDetail",
    "AuditQuery",
    "AuditRow",
    "AuditTrailIsAppendOnly",
    "BreakReason",
    "VerifyCancelled",
    "VerifyResult",
    "audit_usernames",
    "count_audit_entries",
    "entry_hash",
    "export_audit_csv",
    "fetch_audit_page",
    "get_audit_entry",
    "install",
    "may_view_audit",
    "record_event",
    "record_read",
    "to_local",
    "utc_now",
    "verify_chain",
]

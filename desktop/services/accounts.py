"""Managing user accounts: administrators only (Permission.MANAGE_USERS), within their scope.

An administrator with an organisation scope manages only accounts scoped inside it. No change
may leave the register without an active administrator of the whole register (no scope), so
the last one cannot disable or demote themselves. Records go out as frozen AccountRow values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.db.database import Database
from desktop.models.accounts import Role, UserAccount
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Actor, Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.services import passwords
from desktop.services.access import PermissionDenied, path_in_scope, require
from desktop.services.editing import load_for_edit
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed


@dataclass(frozen=True)
class AccountRow:
    id: int
    version: int
    username: str
    full_name: str
    role: Role
    scope_organization_id: int | None
    scope_name: str | None  # None: the whole register
    is_active: bool
    locked_until: dt.datetime | None
    last_login_at: dt.datetime | None
    password_changed_at: dt.datetime | None


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else dt.datetime.now()


def _row(session: Session, account: UserAccount) -> AccountRow:
    scope_name = None
    if account.scope_organization_id is not None:
        scope_name = session.scalar(
            select(PartyOrganization.name).where(
                PartyOrganization.id == account.scope_organization_id
            )
        )
    return AccountRow(
        id=account.id, version=account.version, username=account.username,
        full_name=account.full_name, role=account.role,
        scope_organization_id=account.scope_organization_id, scope_name=scope_name,
        is_active=account.is_active, locked_until=account.locked_until,
        last_login_at=account.last_login_at, password_changed_at=account.password_changed_at,
    )


def _scope_path(session: Session, scope_organization_id: int | None) -> str | None:
    if scope_organization_id is None:
        return None
    path = session.scalar(
        select(PartyOrganization.path).where(PartyOrganization.id == scope_organization_id)
    )
    if path is None:
        raise RecordNotFound(scope_organization_id)
    return path


def _require_manageable(session: Session, actor: Actor, scope_organization_id: int | None) -> None:
    """A scoped administrator manages only accounts scoped inside their own subtree."""
    if actor.scope_path is None:
        return
    path = _scope_path(session, scope_organization_id)
    if path is None or not path_in_scope(actor, path):
        raise PermissionDenied(Permission.MANAGE_USERS, actor.username)


def _load(session: Session, actor: Actor, account_id: int) -> UserAccount:
    account = session.get(UserAccount, account_id)
    if account is None:
        raise RecordNotFound(account_id)
    _require_manageable(session, actor, account.scope_organization_id)
    return account


def list_accounts(database: Database) -> list[AccountRow]:
    actor = require(database, Permission.MANAGE_USERS)
    with database.reading() as session:
        accounts = session.scalars(select(UserAccount).order_by(UserAccount.username)).all()
        rows = [_row(session, account) for account in accounts]
        if actor.scope_path is None:
            return rows
        paths = {
            row.scope_organization_id: _scope_path(session, row.scope_organization_id)
            for row in rows
        }
    return [
        row for row in rows
        if paths[row.scope_organization_id] is not None
        and path_in_scope(actor, paths[row.scope_organization_id])  # type: ignore[arg-type]
    ]


def create_account(
    database: Database,
    username: str,
    full_name: str,
    role: Role,
    scope_organization_id: int | None,
    password: str,
    now: dt.datetime | None = None,
) -> AccountRow:
    actor = require(database, Permission.MANAGE_USERS)
    moment = _now(now)
    with database.transaction() as session:
        _require_manageable(session, actor, scope_organization_id)
        _scope_path(session, scope_organization_id)  # RecordNotFound for an unknown one
        name = passwords.normalize_username(username)
        problems = passwords.username_problems(username) + passwords.full_name_problems(full_name)
        if not problems and session.scalar(
            select(UserAccount.id).where(UserAccount.username == name)
        ):
            problems.append(Problem("username", ProblemCode.USERNAME_TAKEN))
        problems += passwords.password_problems(
            password, username, RuleBook.load(session), moment.date()
        )
        if problems:
            raise ValidationFailed(problems)
        account = UserAccount(
            username=name, full_name=full_name.strip(), role=role,
            scope_organization_id=scope_organization_id,
            password_hash=passwords.hash_password(password), is_active=True,
            failed_attempts=0, password_changed_at=moment,
        )
        session.add(account)
        session.flush()
        return _row(session, account)


def _whole_register_admins(session: Session, excluding: int) -> int:
    return session.scalar(
        select(func.count()).select_from(UserAccount).where(
            UserAccount.role == Role.ADMIN,
            UserAccount.is_active.is_(True),
            UserAccount.scope_organization_id.is_(None),
            UserAccount.id != excluding,
        )
    ) or 0


def update_account(
    database: Database,
    account_id: int,
    expected_version: int,
    full_name: str,
    role: Role,
    scope_organization_id: int | None,
    is_active: bool,
) -> AccountRow:
    """Name, role, scope and whether the account may sign in; never the password."""
    actor = require(database, Permission.MANAGE_USERS)
    try:
        with database.transaction() as session:
            account = load_for_edit(session, UserAccount, account_id, expected_version)
            _require_manageable(session, actor, account.scope_organization_id)
            _require_manageable(session, actor, scope_organization_id)
            _scope_path(session, scope_organization_id)
            problems = passwords.full_name_problems(full_name)
            stays_admin = role is Role.ADMIN and is_active and scope_organization_id is None
            was_admin = (
                account.role is Role.ADMIN and account.is_active
                and account.scope_organization_id is None
            )
            if was_admin and not stays_admin and not _whole_register_admins(session, account.id):
                problems.append(Problem("role", ProblemCode.LAST_ADMINISTRATOR))
            if problems:
                raise ValidationFailed(problems)
            account.full_name = full_name.strip()
            account.role = role
            account.scope_organization_id = scope_organization_id
            account.is_active = is_active
            session.flush()
            return _row(session, account)
    except StaleDataError as error:
        raise ConcurrentEdit(account_id) from error


def reset_password(
    database: Database, account_id: int, new_password: str, now: dt.datetime | None = None
) -> None:
    """A new password set by an administrator (a forgotten one); it also lifts a lockout."""
    actor = require(database, Permission.MANAGE_USERS)
    moment = _now(now)
    with database.transaction() as session:
        account = _load(session, actor, account_id)
        problems = passwords.password_problems(
            new_password, account.username, RuleBook.load(session), moment.date()
        )
        if problems:
            raise ValidationFailed(problems)
        account.password_hash = passwords.hash_password(new_password)
        account.password_changed_at = moment
        account.failed_attempts = 0
        account.locked_until = None


def unlock_account(database: Database, account_id: int) -> None:
    """End a lockout after failed sign-ins before its time."""
    actor = require(database, Permission.MANAGE_USERS)
    with database.transaction() as session:
        account = _load(session, actor, account_id)
        account.failed_attempts = 0
        account.locked_until = None

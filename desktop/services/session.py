"""The signed-in user's session as the app shows it: who is signed in, what they may do, the
state of their own account while the screen is locked, and signing out (issue 4).

Signing in is desktop.services.auth; this module only reads the signed-in user's own account
and writes the LOGOUT entry of the audit trail.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.accounts import Role, UserAccount
from desktop.models.audit import AuditAction
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.models.rules import RuleBook, RuleCode
from desktop.services.access import current_actor
from desktop.services.audit import record_event


@dataclass(frozen=True)
class SignedInUser:
    username: str
    full_name: str
    role: Role
    scope_name: str | None  # None: the whole register


class AccountState(enum.Enum):
    USABLE = "USABLE"
    LOCKED = "LOCKED"  # too many wrong passwords; `locked_until` says until when
    DISABLED = "DISABLED"  # switched off by an administrator (or removed)


@dataclass(frozen=True)
class OwnAccount:
    state: AccountState
    locked_until: dt.datetime | None = None


def may(database: Database, permission: Permission) -> bool:
    """Whether the signed-in user's role allows `permission` (False when nobody is signed in).
    The UI uses it to disable what would be refused; the services still check every call."""
    actor = database.actor
    return actor is not None and actor.may(permission)


def password_min_length(database: Database, on: dt.date | None = None) -> int:
    """The shortest password the rule table allows today (shown next to new-password fields)."""
    with database.reading() as session:
        rules = RuleBook.load(session)
    return int(rules.value(RuleCode.PASSWORD_MIN_LENGTH, on or dt.date.today()))


def signed_in_user(database: Database) -> SignedInUser:
    actor = current_actor(database)
    scope_name = None
    if actor.scope_organization_id is not None:
        with database.reading() as session:
            scope_name = session.scalar(
                select(PartyOrganization.name).where(
                    PartyOrganization.id == actor.scope_organization_id
                )
            )
    return SignedInUser(actor.username, actor.full_name, actor.role, scope_name)


def own_account(database: Database, now: dt.datetime | None = None) -> OwnAccount:
    """Whether the signed-in user could still sign in (after wrong passwords at the lock)."""
    actor = current_actor(database)
    moment = now if now is not None else dt.datetime.now()
    with database.reading() as session:
        account = session.get(UserAccount, actor.user_id)
        if account is None or not account.is_active:
            return OwnAccount(AccountState.DISABLED)
        if account.locked_until is not None and moment < account.locked_until:
            return OwnAccount(AccountState.LOCKED, account.locked_until)
    return OwnAccount(AccountState.USABLE)


def sign_out(database: Database) -> None:
    """LOGOUT in the trail, then nobody is signed in on this handle (a no-op if nobody was)."""
    actor = database.actor
    if actor is None:
        return
    with database.transaction() as session:
        record_event(
            session, AuditAction.LOGOUT,
            record_type=UserAccount.__tablename__, record_id=actor.user_id,
        )
    database.actor = None

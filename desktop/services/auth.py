"""Signing in: the first administrator, authentication with lockout, the idle-lock check and
changing one's own password (issue 4).

None of these functions sets `database.actor`: the caller signs the returned Actor in with
`database.actor = actor`. Sign-in thresholds are rows of the rule table as of the day of `now`.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.accounts import Role, UserAccount
from desktop.models.audit import AuditAction
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Actor
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode
from desktop.services import passwords
from desktop.services.access import current_actor
from desktop.services.audit import record_event
from desktop.services.errors import ValidationFailed


class LoginRefusal(enum.Enum):
    WRONG_CREDENTIALS = "WRONG_CREDENTIALS"  # unknown user name or wrong password: never which
    LOCKED = "LOCKED"  # too many failures; `until` says when the lock ends
    DISABLED = "DISABLED"  # an administrator switched the account off


class LoginRefused(Exception):
    def __init__(self, reason: LoginRefusal, until: dt.datetime | None = None) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.until = until


class AccountsAlreadyExist(Exception):
    """The first administrator can only be created in a database without accounts."""


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else dt.datetime.now()


def has_accounts(database: Database) -> bool:
    with database.reading() as session:
        return bool(session.scalar(select(exists().where(UserAccount.id.is_not(None)))))


def actor_of(session: Session, account: UserAccount) -> Actor:
    scope_path = None
    if account.scope_organization_id is not None:
        scope_path = session.scalar(
            select(PartyOrganization.path).where(
                PartyOrganization.id == account.scope_organization_id
            )
        )
    return Actor(
        user_id=account.id,
        username=account.username,
        full_name=account.full_name,
        role=account.role,
        scope_path=scope_path,
        scope_organization_id=account.scope_organization_id,
    )


def create_first_administrator(
    database: Database, username: str, full_name: str, password: str, now: dt.datetime | None = None
) -> Actor:
    """The administrator of a new database; refused once any account exists."""
    moment = _now(now)
    with database.transaction() as session:
        if session.scalar(select(func.count()).select_from(UserAccount)):
            raise AccountsAlreadyExist()
        rules = RuleBook.load(session)
        problems = (
            passwords.username_problems(username)
            + passwords.full_name_problems(full_name)
            + passwords.password_problems(password, username, rules, moment.date())
        )
        if problems:
            raise ValidationFailed(problems)
        account = UserAccount(
            username=passwords.normalize_username(username),
            full_name=full_name.strip(),
            role=Role.ADMIN,
            scope_organization_id=None,
            password_hash=passwords.hash_password(password),
            is_active=True,
            failed_attempts=0,
            password_changed_at=moment,
            last_login_at=moment,
        )
        session.add(account)
        session.flush()
        return actor_of(session, account)


def _find(session: Session, username: str) -> UserAccount | None:
    name = passwords.normalize_username(username)
    return session.scalars(select(UserAccount).where(UserAccount.username == name)).one_or_none()


def _record_failure(account: UserAccount, rules: RuleBook, moment: dt.datetime) -> None:
    """One more consecutive failure; the last one allowed locks the account for a while."""
    limit = int(rules.value(RuleCode.LOGIN_MAX_FAILURES, moment.date()))
    minutes = int(rules.value(RuleCode.LOGIN_LOCKOUT_MINUTES, moment.date()))
    account.failed_attempts = (account.failed_attempts or 0) + 1
    if account.failed_attempts >= limit:
        account.locked_until = moment + dt.timedelta(minutes=minutes)
        account.failed_attempts = 0  # after the lock, a fresh series of attempts


def _is_locked(account: UserAccount, moment: dt.datetime) -> bool:
    return account.locked_until is not None and moment < account.locked_until


def _check(
    session: Session, account: UserAccount, password: str, moment: dt.datetime
) -> LoginRefused | None:
    """Check the password of an existing account; record the outcome on it."""
    if _is_locked(account, moment):
        return LoginRefused(LoginRefusal.LOCKED, account.locked_until)
    if not passwords.password_matches(account.password_hash, password):
        _record_failure(account, RuleBook.load(session), moment)
        if _is_locked(account, moment):
            return LoginRefused(LoginRefusal.LOCKED, account.locked_until)
        return LoginRefused(LoginRefusal.WRONG_CREDENTIALS)
    if not account.is_active:
        return LoginRefused(LoginRefusal.DISABLED)
    account.failed_attempts = 0
    account.locked_until = None
    if passwords.needs_rehash(account.password_hash):
        account.password_hash = passwords.hash_password(password)
    return None


def _audit_sign_in(
    session: Session, account: UserAccount | None, typed: str, refusal: LoginRefused | None,
    details: dict[str, object] | None = None,
) -> None:
    """LOGIN or LOGIN_FAILED in the trail, under the account's name (or the name as typed)."""
    name = account.username if account is not None else passwords.normalize_username(typed)
    record_event(
        session,
        AuditAction.LOGIN if refusal is None else AuditAction.LOGIN_FAILED,
        record_type=UserAccount.__tablename__,
        record_id=account.id if account is not None else None,
        details={**(details or {}), **({"reason": refusal.reason.value} if refusal else {})},
        username=name[: passwords.USERNAME_MAX_LENGTH],
        user_id=account.id if account is not None else None,
    )


def authenticate(
    database: Database, username: str, password: str, now: dt.datetime | None = None
) -> Actor:
    """The account's Actor if the password is right; LoginRefused otherwise.

    A failure is committed before the refusal is raised, so the lockout counts it.
    """
    moment = _now(now)
    with database.transaction() as session:
        account = _find(session, username)
        if account is None:
            passwords.burn_verification(password)
            refusal: LoginRefused | None = LoginRefused(LoginRefusal.WRONG_CREDENTIALS)
        else:
            refusal = _check(session, account, password, moment)
            if refusal is None:
                account.last_login_at = moment
                actor = actor_of(session, account)
        _audit_sign_in(session, account, username, refusal)
    if refusal is not None:
        raise refusal
    return actor


def verify_password(
    database: Database, actor: Actor, password: str, now: dt.datetime | None = None
) -> bool:
    """The idle-lock check: is this the signed-in user's password? Failures count to the lockout;
    a locked or disabled account answers False."""
    moment = _now(now)
    with database.transaction() as session:
        account = session.get(UserAccount, actor.user_id)
        if account is None:
            passwords.burn_verification(password)
            return False
        refusal = _check(session, account, password, moment)
        _audit_sign_in(session, account, actor.username, refusal, {"unlock": True})
        return refusal is None


def change_own_password(
    database: Database, old: str, new: str, now: dt.datetime | None = None
) -> None:
    """The signed-in user's new password; the old one must be given (a wrong one counts)."""
    actor = current_actor(database)
    moment = _now(now)
    with database.transaction() as session:
        account = session.get(UserAccount, actor.user_id)
        if account is None or _check(session, account, old, moment) is not None:
            wrong: list[Problem] = [Problem("old_password", ProblemCode.PASSWORD_WRONG)]
        else:
            wrong = []
            problems = passwords.password_problems(
                new, account.username, RuleBook.load(session), moment.date(), field="new_password"
            )
            if problems:
                raise ValidationFailed(problems)
            account.password_hash = passwords.hash_password(new)
            account.password_changed_at = moment
    if wrong:
        raise ValidationFailed(wrong)  # after the commit: the failure stays counted

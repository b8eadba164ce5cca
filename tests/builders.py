"""Small hand-built organisations for tests that must not depend on the demo generator."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.accounts import Role, UserAccount
from desktop.models.enums import Gender, OrgKind
from desktop.models.member_rules import MemberDraft
from desktop.models.organization import PartyOrganization, child_path
from desktop.models.permissions import Actor
from desktop.services.auth import actor_of, create_first_administrator
from desktop.services.member_writer import apply_organization_keys
from desktop.services.passwords import hash_password


def add_org(database: Database, code: str, name: str, kind: OrgKind, parent: int | None = None) -> int:
    with database.transaction() as session:
        parent_path = None
        level = 0
        if parent is not None:
            parent_path = session.scalar(select(PartyOrganization.path).where(PartyOrganization.id == parent))
            level = parent_path.count("/") - 1
        org = PartyOrganization(code=code, name=name, kind=kind, parent_id=parent,
                                path=f"#pending-{code}", level=level, position=0, version=1)
        apply_organization_keys(org)
        session.add(org)
        session.flush()
        org.path = child_path(parent_path, org.id)
        return org.id


def member_draft(cell_id: int, **changes: object) -> MemberDraft:
    base = MemberDraft(
        full_name="Nguyễn Văn An",
        gender=Gender.MALE,
        date_of_birth=dt.date(1980, 6, 15),
        cell_id=cell_id,
        admission_decision_date=dt.date(2005, 4, 1),
        admission_date=dt.date(2005, 4, 15),
        official_date=dt.date(2006, 4, 15),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# The administrator every test database has (created with create_first_administrator).
ADMIN_USERNAME = "quantri"
ADMIN_PASSWORD = "mật-khẩu-thử-nghiệm-2026"  # test databases only
ADMIN_FULL_NAME = "Quản trị hệ thống"
# Accounts that add_account creates share this password; its hash is computed once.
ACCOUNT_PASSWORD = "mật-khẩu-người-dùng-2026"
_ACCOUNT_HASH: list[str] = []


def sign_in_as(database: Database, username: str = ADMIN_USERNAME) -> Actor:
    """Sign an existing account in without checking its password (fast: no Argon2)."""
    with database.reading() as session:
        account = session.scalars(select(UserAccount).where(UserAccount.username == username)).one()
        database.actor = actor_of(session, account)
    return database.actor


def add_account(
    database: Database, username: str, role: Role, scope_organization_id: int | None = None,
    *, sign_in: bool = True,
) -> Actor:
    """Another account (password ACCOUNT_PASSWORD), signed in unless told otherwise."""
    if not _ACCOUNT_HASH:
        _ACCOUNT_HASH.append(hash_password(ACCOUNT_PASSWORD))
    with database.transaction() as session:
        account = UserAccount(
            username=username, full_name=username.title(), role=role,
            scope_organization_id=scope_organization_id, password_hash=_ACCOUNT_HASH[0],
            is_active=True, failed_attempts=0,
        )
        session.add(account)
        session.flush()
        actor = actor_of(session, account)
    if sign_in:
        database.actor = actor
    return actor


def add_first_administrator(database: Database, *, sign_in: bool = True) -> Actor:
    """The administrator ADMIN_USERNAME of a database without accounts (the real use case)."""
    actor = create_first_administrator(database, ADMIN_USERNAME, ADMIN_FULL_NAME, ADMIN_PASSWORD,
                                       now=dt.datetime(2026, 11, 21, 8))
    if sign_in:
        database.actor = actor
    return actor

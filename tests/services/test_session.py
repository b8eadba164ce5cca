"""The session as the app shows it, and the idle-lock setting (office_settings)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.audit import AuditAction, AuditEntry
from desktop.models.enums import OrgKind
from desktop.models.permissions import Permission
from desktop.models.problems import ProblemCode
from desktop.services.access import NotSignedIn, PermissionDenied
from desktop.services.accounts import update_account
from desktop.services.auth import verify_password
from desktop.services.errors import ValidationFailed
from desktop.services.office_settings import (
    DEFAULT_IDLE_LOCK_MINUTES,
    idle_lock_minutes,
    set_idle_lock_minutes,
)
from desktop.services.session import (
    AccountState,
    may,
    own_account,
    password_min_length,
    sign_out,
    signed_in_user,
)
from tests.builders import ADMIN_FULL_NAME, add_account, add_org, sign_in_as

NOW = dt.datetime(2026, 11, 21, 9, 0)


def test_the_idle_lock_is_ten_minutes_until_an_administrator_changes_it(database: Database) -> None:
    assert idle_lock_minutes(database) == DEFAULT_IDLE_LOCK_MINUTES == 10
    set_idle_lock_minutes(database, 3)
    assert idle_lock_minutes(database) == 3
    set_idle_lock_minutes(database, 25)
    assert idle_lock_minutes(database) == 25
    with database.reading() as session:
        changes = session.scalars(
            select(AuditEntry.changes).where(AuditEntry.record_type == "app_meta")
        ).all()
    assert len(changes) == 2 and "25" in changes[-1]  # audited like every row


@pytest.mark.parametrize("minutes", [0, -5, 241])
def test_an_idle_time_outside_the_range_is_refused(database: Database, minutes: int) -> None:
    with pytest.raises(ValidationFailed) as failed:
        set_idle_lock_minutes(database, minutes)
    [problem] = failed.value.problems
    assert problem.code is ProblemCode.NUMBER_OUT_OF_RANGE
    assert problem.params == {"min": 1, "max": 240}
    assert idle_lock_minutes(database) == 10


def test_only_an_administrator_of_the_whole_register_sets_the_idle_time(database: Database) -> None:
    committee = add_org(database, "K1", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    add_account(database, "thuky", Role.OFFICE_CLERK)
    with pytest.raises(PermissionDenied):
        set_idle_lock_minutes(database, 5)
    add_account(database, "qtkhoi", Role.ADMIN, committee)
    with pytest.raises(PermissionDenied):
        set_idle_lock_minutes(database, 5)
    assert idle_lock_minutes(database) == 10  # everyone signed in may read it


def test_who_is_signed_in_with_role_and_scope_name(database: Database) -> None:
    admin = signed_in_user(database)
    assert (admin.full_name, admin.role, admin.scope_name) == (ADMIN_FULL_NAME, Role.ADMIN, None)
    committee = add_org(database, "K1", "Đảng bộ Khối cơ quan", OrgKind.SUPERIOR_COMMITTEE)
    add_account(database, "lanhdao", Role.LEADER, committee)
    leader = signed_in_user(database)
    assert (leader.username, leader.role, leader.scope_name) == (
        "lanhdao", Role.LEADER, "Đảng bộ Khối cơ quan"
    )
    assert may(database, Permission.VIEW_REGISTER) and not may(database, Permission.EDIT_REGISTER)


def test_own_account_tells_a_lockout_and_a_disabled_account(database: Database) -> None:
    actor = add_account(database, "thuky", Role.OFFICE_CLERK)
    assert own_account(database, NOW).state is AccountState.USABLE
    for _ in range(5):
        assert not verify_password(database, actor, "sai mật khẩu rồi", now=NOW)
    locked = own_account(database, NOW)
    assert locked.state is AccountState.LOCKED
    assert locked.locked_until == NOW + dt.timedelta(minutes=15)
    assert own_account(database, NOW + dt.timedelta(minutes=16)).state is AccountState.USABLE
    sign_in_as(database)
    from desktop.services.accounts import list_accounts

    row = next(r for r in list_accounts(database) if r.username == "thuky")
    update_account(database, row.id, row.version, row.full_name, row.role, None, False)
    database.actor = actor
    assert own_account(database, NOW).state is AccountState.DISABLED


def test_sign_out_writes_logout_and_leaves_nobody_signed_in(database: Database) -> None:
    sign_out(database)
    assert database.actor is None
    with pytest.raises(NotSignedIn):
        signed_in_user(database)
    assert not may(database, Permission.VIEW_REGISTER)
    sign_out(database)  # nobody signed in: nothing to write
    with database.reading() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action == AuditAction.LOGOUT)
        ).all()
    assert actions == [AuditAction.LOGOUT]


def test_the_password_rule_is_read_from_the_rule_table(database: Database) -> None:
    assert password_min_length(database) == 12

"""Managing accounts: administrators only, unique names, never locking the register out."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.enums import OrgKind
from desktop.models.problems import ProblemCode
from desktop.services.access import PermissionDenied
from desktop.services.accounts import (
    AccountRow,
    create_account,
    list_accounts,
    reset_password,
    unlock_account,
    update_account,
)
from desktop.services.auth import LoginRefusal, LoginRefused, authenticate
from desktop.services.errors import ConcurrentEdit, ValidationFailed
from tests.builders import ADMIN_USERNAME, add_account, add_org, sign_in_as

PASSWORD = "mật khẩu đủ mười hai"
NOW = dt.datetime(2026, 11, 21, 9)


def admin_row(database: Database) -> AccountRow:
    return next(row for row in list_accounts(database) if row.username == ADMIN_USERNAME)


def test_an_administrator_creates_accounts_with_folded_unique_names(database: Database) -> None:
    cell = add_org(database, "CB", "Chi bộ Vụ Tổng hợp", OrgKind.GRASSROOTS_CELL)
    row = create_account(database, " Lan.Nguyen ", "Nguyễn Thị Lan", Role.OFFICE_CLERK, cell, PASSWORD)
    assert (row.username, row.role, row.scope_name, row.is_active) == (
        "lan.nguyen", Role.OFFICE_CLERK, "Chi bộ Vụ Tổng hợp", True,
    )
    assert dataclasses.is_dataclass(row)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.role = Role.ADMIN  # type: ignore[misc]
    assert [r.username for r in list_accounts(database)] == ["lan.nguyen", ADMIN_USERNAME]
    with pytest.raises(ValidationFailed) as failed:
        create_account(database, "LAN.NGUYEN", "Người Khác", Role.LEADER, None, PASSWORD)
    assert [p.code for p in failed.value.problems] == [ProblemCode.USERNAME_TAKEN]
    assert authenticate(database, "Lan.Nguyen", PASSWORD).scope_organization_id == cell


def test_only_administrators_manage_accounts(database: Database) -> None:
    for role in (Role.OFFICE_CLERK, Role.INSPECTION, Role.LEADER):
        add_account(database, f"user{role.name.lower()}", role)
        with pytest.raises(PermissionDenied):
            list_accounts(database)
        with pytest.raises(PermissionDenied):
            create_account(database, "moi", "Người Mới", Role.ADMIN, None, PASSWORD)
        with pytest.raises(PermissionDenied):
            unlock_account(database, 1)


def test_the_last_administrator_cannot_disable_or_demote_themselves(database: Database) -> None:
    me = admin_row(database)
    for role, active in ((Role.ADMIN, False), (Role.OFFICE_CLERK, True)):
        with pytest.raises(ValidationFailed) as failed:
            update_account(database, me.id, me.version, me.full_name, role, None, active)
        assert [p.code for p in failed.value.problems] == [ProblemCode.LAST_ADMINISTRATOR]
    create_account(database, "quantri2", "Quản Trị Hai", Role.ADMIN, None, PASSWORD)
    changed = update_account(database, me.id, me.version, "Tên Mới", Role.LEADER, None, True)
    assert (changed.full_name, changed.role, changed.version) == ("Tên Mới", Role.LEADER, me.version + 1)
    with pytest.raises(ConcurrentEdit):
        update_account(database, me.id, me.version, "Lần nữa", Role.LEADER, None, True)


def test_reset_password_and_unlock_lift_a_lockout(database: Database) -> None:
    row = create_account(database, "vanthu", "Trần Văn Thư", Role.OFFICE_CLERK, None, PASSWORD)
    for _ in range(5):
        with pytest.raises(LoginRefused):
            authenticate(database, "vanthu", "sai", now=NOW)
    with pytest.raises(LoginRefused) as locked:
        authenticate(database, "vanthu", PASSWORD, now=NOW)
    assert locked.value.reason is LoginRefusal.LOCKED
    unlock_account(database, row.id)
    assert authenticate(database, "vanthu", PASSWORD, now=NOW).username == "vanthu"
    with pytest.raises(ValidationFailed):
        reset_password(database, row.id, "ngắn")
    reset_password(database, row.id, "một mật khẩu mới khác")
    assert authenticate(database, "vanthu", "một mật khẩu mới khác", now=NOW).username == "vanthu"


def test_a_scoped_administrator_manages_only_accounts_inside_their_scope(database: Database) -> None:
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    a = add_org(database, "K.A", "Đảng bộ Bộ A", OrgKind.GRASSROOTS_COMMITTEE, root)
    b = add_org(database, "K.B", "Chi bộ Báo Nhân Dân", OrgKind.GRASSROOTS_CELL, root)
    outside = create_account(database, "ngoai", "Người Ngoài", Role.OFFICE_CLERK, b, PASSWORD)
    add_account(database, "quantri.a", Role.ADMIN, a)
    inside = create_account(database, "trong", "Người Trong", Role.OFFICE_CLERK, a, PASSWORD)
    assert {row.username for row in list_accounts(database)} == {"quantri.a", "trong"}
    for scope in (b, None):
        with pytest.raises(PermissionDenied):
            create_account(database, "khac", "Người Khác", Role.LEADER, scope, PASSWORD)
    with pytest.raises(PermissionDenied):
        reset_password(database, outside.id, "một mật khẩu mới khác")
    with pytest.raises(PermissionDenied):
        update_account(database, inside.id, inside.version, inside.full_name, Role.OFFICE_CLERK, b, True)
    sign_in_as(database)
    assert len(list_accounts(database)) == 4

"""Signing in: Argon2id hashes, the first administrator, lockout, disabled accounts, own password."""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher, extract_parameters
from sqlalchemy import select, update

from desktop.db.database import Database, open_database
from desktop.models.accounts import Role, UserAccount
from desktop.models.problems import ProblemCode
from desktop.models.rules import RuleValue
from desktop.services.auth import (
    AccountsAlreadyExist,
    LoginRefusal,
    LoginRefused,
    authenticate,
    change_own_password,
    create_first_administrator,
    has_accounts,
    verify_password,
)
from desktop.services.errors import ValidationFailed
from tests.builders import ACCOUNT_PASSWORD, ADMIN_PASSWORD, ADMIN_USERNAME, add_account

NOW = dt.datetime(2026, 11, 21, 9, 0)


@pytest.fixture
def new_database(accountless_database_path: Path) -> Iterator[Database]:
    opened = open_database(accountless_database_path)
    yield opened
    opened.close()


def stored_hash(database: Database, username: str = ADMIN_USERNAME) -> str:
    with database.reading() as session:
        return session.scalar(select(UserAccount.password_hash).where(UserAccount.username == username))


def refusal(database: Database, username: str, password: str, now: dt.datetime = NOW) -> LoginRefused:
    with pytest.raises(LoginRefused) as refused:
        authenticate(database, username, password, now=now)
    return refused.value


# -- the first administrator ----------------------------------------------------------------


def test_the_first_administrator_is_created_once_and_signed_in_by_the_caller(new_database: Database) -> None:
    assert not has_accounts(new_database)
    actor = create_first_administrator(new_database, "  Quản.Trị ", "Lê Thị Quản", "một mật khẩu đủ dài")
    assert (actor.username, actor.role, actor.scope_path) == ("quản.trị", Role.ADMIN, None)
    assert has_accounts(new_database)
    assert new_database.actor is None  # the caller decides to sign in
    with pytest.raises(AccountsAlreadyExist):
        create_first_administrator(new_database, "khac", "Người Khác", "một mật khẩu đủ dài")


def test_the_first_administrator_obeys_the_password_rules(new_database: Database) -> None:
    with pytest.raises(ValidationFailed) as failed:
        create_first_administrator(new_database, "quantri", "", "ngắn")
    assert {(p.field, p.code) for p in failed.value.problems} == {
        ("full_name", ProblemCode.REQUIRED), ("password", ProblemCode.PASSWORD_TOO_SHORT),
    }
    assert failed.value.problems[-1].params == {"min": 12}
    with pytest.raises(ValidationFailed) as failed:
        create_first_administrator(new_database, "quantrivien12", "Lê Thị Quản", "QuanTriVien12")
    assert [p.code for p in failed.value.problems] == [ProblemCode.PASSWORD_IS_USERNAME]
    with pytest.raises(ValidationFailed) as failed:
        create_first_administrator(new_database, "quản trị", "Lê Thị Quản", "một mật khẩu đủ dài")
    assert [p.code for p in failed.value.problems] == [ProblemCode.USERNAME_FORMAT]
    assert not has_accounts(new_database)


# -- hashing --------------------------------------------------------------------------------


def test_the_stored_hash_is_argon2id_with_the_owasp_parameters(database: Database) -> None:
    stored = stored_hash(database)
    assert stored.startswith("$argon2id$")
    assert ADMIN_PASSWORD not in stored
    parameters = extract_parameters(stored)
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (19456, 2, 1)


def test_right_password_signs_in_and_wrong_one_is_refused(database: Database) -> None:
    actor = authenticate(database, " QUANTRI ", ADMIN_PASSWORD, now=NOW)
    assert (actor.username, actor.role) == (ADMIN_USERNAME, Role.ADMIN)
    with database.reading() as session:
        account = session.scalars(select(UserAccount)).one()
    assert account.last_login_at == NOW
    assert refusal(database, ADMIN_USERNAME, ADMIN_PASSWORD.upper()).reason is LoginRefusal.WRONG_CREDENTIALS


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(database: Database) -> None:
    unknown = refusal(database, "khongco", ADMIN_PASSWORD)
    wrong = refusal(database, ADMIN_USERNAME, "sai mật khẩu rồi")
    assert (unknown.reason, unknown.until, str(unknown)) == (wrong.reason, wrong.until, str(wrong))


def test_a_password_typed_decomposed_is_the_same_password(new_database: Database) -> None:
    composed = unicodedata.normalize("NFC", "mật khẩu tiếng Việt")
    create_first_administrator(new_database, "quantri", "Lê Thị Quản", composed)
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert authenticate(new_database, "quantri", decomposed).username == "quantri"


def test_a_hash_with_old_parameters_is_replaced_at_sign_in(database: Database) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=2).hash(ADMIN_PASSWORD)
    with database.transaction() as session:
        session.execute(update(UserAccount).values(password_hash=weak))
    authenticate(database, ADMIN_USERNAME, ADMIN_PASSWORD, now=NOW)
    parameters = extract_parameters(stored_hash(database))
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (19456, 2, 1)
    authenticate(database, ADMIN_USERNAME, ADMIN_PASSWORD, now=NOW)


def test_no_password_in_refusals_or_logs(database: Database, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "bí-mật-không-được-lộ"
    refused = refusal(database, ADMIN_USERNAME, secret)
    with pytest.raises(ValidationFailed) as failed:
        change_own_password(database, ADMIN_PASSWORD, secret[:5], now=NOW)
    for text in (str(refused), repr(refused.args), str(failed.value), caplog.text):
        assert secret not in text and secret[:5] not in text
        assert stored_hash(database) not in text


# -- lockout --------------------------------------------------------------------------------


def test_five_failures_lock_the_account_for_fifteen_minutes(database: Database) -> None:
    for attempt in range(4):
        assert refusal(database, ADMIN_USERNAME, "sai", NOW + dt.timedelta(seconds=attempt)).reason is (
            LoginRefusal.WRONG_CREDENTIALS
        )
    fifth = refusal(database, ADMIN_USERNAME, "sai", NOW + dt.timedelta(seconds=4))
    until = NOW + dt.timedelta(seconds=4, minutes=15)
    assert (fifth.reason, fifth.until) == (LoginRefusal.LOCKED, until)
    # Locked: even the right password is refused, until the time has passed.
    right = refusal(database, ADMIN_USERNAME, ADMIN_PASSWORD, until - dt.timedelta(seconds=1))
    assert (right.reason, right.until) == (LoginRefusal.LOCKED, until)
    assert authenticate(database, ADMIN_USERNAME, ADMIN_PASSWORD, now=until).username == ADMIN_USERNAME


def test_a_success_resets_the_count_of_failures(database: Database) -> None:
    for _ in range(4):
        refusal(database, ADMIN_USERNAME, "sai")
    authenticate(database, ADMIN_USERNAME, ADMIN_PASSWORD, now=NOW)
    for _ in range(4):
        assert refusal(database, ADMIN_USERNAME, "sai").reason is LoginRefusal.WRONG_CREDENTIALS


def test_lockout_thresholds_come_from_the_rule_table(database: Database) -> None:
    with database.transaction() as session:
        session.execute(update(RuleValue).where(RuleValue.code == "LOGIN_MAX_FAILURES").values(value_json="2"))
        session.execute(update(RuleValue).where(RuleValue.code == "LOGIN_LOCKOUT_MINUTES").values(value_json="60"))
    refusal(database, ADMIN_USERNAME, "sai")
    second = refusal(database, ADMIN_USERNAME, "sai")
    assert (second.reason, second.until) == (LoginRefusal.LOCKED, NOW + dt.timedelta(hours=1))


def test_a_disabled_account_is_refused_but_only_after_the_right_password(database: Database) -> None:
    add_account(database, "lanhdao", Role.LEADER, sign_in=False)
    with database.transaction() as session:
        session.execute(update(UserAccount).where(UserAccount.username == "lanhdao").values(is_active=False))
    assert refusal(database, "lanhdao", "sai").reason is LoginRefusal.WRONG_CREDENTIALS
    assert refusal(database, "lanhdao", ACCOUNT_PASSWORD).reason is LoginRefusal.DISABLED


# -- idle lock and own password -------------------------------------------------------------


def test_verify_password_for_the_idle_lock_counts_failures(database: Database) -> None:
    actor = database.actor
    assert actor is not None
    assert verify_password(database, actor, ADMIN_PASSWORD, now=NOW)
    for _ in range(5):
        assert not verify_password(database, actor, "sai", now=NOW)
    assert not verify_password(database, actor, ADMIN_PASSWORD, now=NOW + dt.timedelta(minutes=14))
    assert verify_password(database, actor, ADMIN_PASSWORD, now=NOW + dt.timedelta(minutes=15))


def test_changing_ones_own_password(database: Database) -> None:
    with pytest.raises(ValidationFailed) as failed:
        change_own_password(database, "không đúng mật khẩu cũ", "mật khẩu mới đủ dài", now=NOW)
    assert [(p.field, p.code) for p in failed.value.problems] == [("old_password", ProblemCode.PASSWORD_WRONG)]
    with pytest.raises(ValidationFailed) as failed:
        change_own_password(database, ADMIN_PASSWORD, "ngắn quá", now=NOW)
    assert [(p.field, p.code) for p in failed.value.problems] == [("new_password", ProblemCode.PASSWORD_TOO_SHORT)]
    change_own_password(database, ADMIN_PASSWORD, "mật khẩu mới đủ dài", now=NOW)
    assert authenticate(database, ADMIN_USERNAME, "mật khẩu mới đủ dài", now=NOW).username == ADMIN_USERNAME
    assert refusal(database, ADMIN_USERNAME, ADMIN_PASSWORD).reason is LoginRefusal.WRONG_CREDENTIALS


def test_sign_ins_and_failures_are_in_the_audit_trail(database: Database) -> None:
    from desktop.models.audit import AuditAction, AuditEntry

    refusal(database, "QuanTri", "sai")
    refusal(database, "khongco", "sai")
    authenticate(database, ADMIN_USERNAME, ADMIN_PASSWORD, now=NOW)
    with database.reading() as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.username, AuditEntry.changes)
            .where(AuditEntry.action.in_((AuditAction.LOGIN, AuditAction.LOGIN_FAILED)))
            .order_by(AuditEntry.id)
        ).all()
    assert [(action, name) for action, name, _ in entries] == [
        (AuditAction.LOGIN_FAILED, ADMIN_USERNAME),
        (AuditAction.LOGIN_FAILED, "khongco"),
        (AuditAction.LOGIN, ADMIN_USERNAME),
    ]
    assert "WRONG_CREDENTIALS" in entries[0][2]
    assert all("sai" not in changes for _, _, changes in entries)  # never the password typed

"""Signing in at start: the first administrator, the login dialog and its refusals, signing out
and in again, changing one's own password."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.db.database import Database, open_database
from desktop.models.accounts import Role
from desktop.models.audit import AuditAction, AuditEntry
from desktop.services.accounts import list_accounts, update_account
from desktop.services.auth import authenticate
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_dialogs import ChangePasswordDialog, FirstAdministratorDialog, SignInDialog
from desktop.ui.workspace import Workspace
from tests.builders import (
    ACCOUNT_PASSWORD,
    ADMIN_FULL_NAME,
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    add_account,
    sign_in_as,
)
from tests.ui.conftest import ModalCalls, SignIns, open_window

WRONG = "không phải mật khẩu này"


@pytest.fixture
def office(database_path: Path) -> Iterator[Database]:
    """A database with its administrator, nobody signed in (as the app finds it)."""
    opened = open_database(database_path)
    yield opened
    opened.close()


def shown_dialog(qtbot: Any, dialog: Any) -> Any:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def submit_with_enter(qtbot: Any, dialog: Any, field: Any) -> None:
    """Enter in `field` (given the focus first, as the user would have it)."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)


def test_first_start_creates_the_administrator_through_the_dialog_and_lands_signed_in(
    qtbot: Any, accountless_database_path: Path, sign_ins: SignIns
) -> None:
    window, controller = open_window(qtbot, str(accountless_database_path))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    assert sign_ins.shown == ["first_administrator"]
    database = controller.database
    assert database is not None and database.actor is not None
    assert (database.actor.username, database.actor.role) == (ADMIN_USERNAME, Role.ADMIN)
    assert window.signed_in_text() == f"{ADMIN_FULL_NAME} · Quản trị hệ thống · Toàn bộ hệ thống tổ chức"
    # The account is real: it signs in with the password typed in the dialog.
    assert authenticate(database, ADMIN_USERNAME, ADMIN_PASSWORD).username == ADMIN_USERNAME
    window.close()
    controller.close()


def test_the_first_administrator_dialog_shows_broken_rules_under_the_fields(
    qtbot: Any, accountless_database_path: Path
) -> None:
    database = open_database(accountless_database_path)
    try:
        dialog = shown_dialog(qtbot, FirstAdministratorDialog(database))
        assert dialog.username.hasFocus()
        assert "ít nhất 12 ký tự" in dialog.rules.text()  # the rules are shown before any mistake
        dialog.username.insert("Quản Trị")  # a space is not allowed (QTest types ASCII only)
        qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
        assert dialog.full_name.hasFocus()  # Enter goes on to the next field
        dialog.full_name.insert("Lê Thị Quản")
        dialog.password.setText("ngắn")
        dialog.confirm.setText("ngắn")
        submit_with_enter(qtbot, dialog, dialog.confirm)
        assert dialog.isVisible() and dialog.actor is None
        assert "không có dấu cách" in dialog.rows["username"].error.text()
        assert dialog.rows["username"].error.isVisibleTo(dialog)
        assert dialog.rows["password"].error.text() == "Mật khẩu phải dài ít nhất 12 ký tự."
        assert dialog.password.text() == "" and dialog.confirm.text() == ""
        assert dialog.username.hasFocus()  # the first field to correct

        dialog.username.setText("quan.tri")
        dialog.password.setText("một mật khẩu đủ dài")
        dialog.confirm.setText("một mật khẩu khác hẳn")
        dialog.create_button.click()
        assert dialog.rows["confirm"].error.text() == "Hai lần nhập mật khẩu chưa khớp nhau."
        assert not dialog.busy()  # nothing was sent to the service

        dialog.confirm.setText("một mật khẩu đủ dài")
        submit_with_enter(qtbot, dialog, dialog.confirm)
        assert dialog.result() == FirstAdministratorDialog.DialogCode.Accepted
        assert dialog.actor is not None and dialog.actor.username == "quan.tri"
        assert dialog.password.text() == dialog.confirm.text() == ""  # not kept after use
    finally:
        database.close()


def test_a_wrong_password_shows_the_message_and_the_dialog_stays(qtbot: Any, office: Database) -> None:
    dialog = shown_dialog(qtbot, SignInDialog(office))
    assert dialog.username.hasFocus()
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    qtbot.keyClicks(dialog.username, ADMIN_USERNAME)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    assert dialog.password.hasFocus() and not dialog.busy()  # Enter went on to the password
    dialog.password.insert(WRONG)
    submit_with_enter(qtbot, dialog, dialog.password)
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.message.text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dialog.message.isVisibleTo(dialog)
    assert dialog.username.text() == ADMIN_USERNAME and dialog.password.text() == ""
    assert dialog.password.hasFocus()
    assert dialog.sign_in_button.isDefault()  # Enter signs in again, not "Thoát"

    dialog.password.insert(ADMIN_PASSWORD)
    submit_with_enter(qtbot, dialog, dialog.password)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.username == ADMIN_USERNAME

    again = shown_dialog(qtbot, SignInDialog(office))  # the next start remembers the user name
    assert again.username.text() == ADMIN_USERNAME and again.password.hasFocus()


def test_five_failures_lock_the_account_until_a_time_shown(qtbot: Any, office: Database) -> None:
    dialog = shown_dialog(qtbot, SignInDialog(office))
    dialog.username.setText(ADMIN_USERNAME)
    for attempt in range(5):
        dialog.password.setText(f"{WRONG} {attempt}")
        submit_with_enter(qtbot, dialog, dialog.password)
    text = dialog.message.text()
    assert text.startswith("Tài khoản tạm bị khóa vì nhập sai mật khẩu nhiều lần, đến ")
    assert re.search(r"đến \d\d:\d\d \d\d/\d\d/\d{4}\.", text)
    dialog.password.setText(ADMIN_PASSWORD)  # even the right password waits for the time
    submit_with_enter(qtbot, dialog, dialog.password)
    assert dialog.actor is None and dialog.message.text() == text


def test_a_disabled_account_is_told_so(qtbot: Any, office: Database) -> None:
    sign_in_as(office)
    add_account(office, "thuky", Role.OFFICE_CLERK, sign_in=False)
    row = next(r for r in list_accounts(office) if r.username == "thuky")
    update_account(office, row.id, row.version, row.full_name, row.role, None, False)
    office.actor = None
    dialog = shown_dialog(qtbot, SignInDialog(office))
    dialog.username.setText("thuky")
    dialog.password.setText(ACCOUNT_PASSWORD)
    submit_with_enter(qtbot, dialog, dialog.password)
    assert dialog.actor is None
    assert dialog.message.text() == "Tài khoản này đã bị ngừng sử dụng. Hãy liên hệ quản trị viên."


def test_empty_fields_are_asked_for_without_a_service_call(qtbot: Any, office: Database) -> None:
    dialog = shown_dialog(qtbot, SignInDialog(office))
    dialog.sign_in_button.click()
    assert dialog.message.text() == "Hãy nhập tên đăng nhập." and not dialog.busy()
    dialog.username.setText(ADMIN_USERNAME)
    dialog.sign_in_button.click()
    assert dialog.message.text() == "Hãy nhập mật khẩu." and dialog.password.hasFocus()


def test_thoat_at_the_login_closes_the_database_and_quits(
    qtbot: Any, demo_database_path: Path, sign_ins: SignIns
) -> None:
    sign_ins.queue.append(None)
    window, controller = open_window(qtbot, str(demo_database_path))
    with qtbot.waitSignal(controller.quit_requested, timeout=15_000):
        pass
    assert sign_ins.shown == ["sign_in"]
    assert not window.has_workspace() and controller.database is None
    window.close()


def test_sign_out_asks_about_unsaved_forms_then_another_user_signs_in(
    qtbot: Any, main_window: MainWindow, modals: ModalCalls, sign_ins: SignIns
) -> None:
    space = main_window.workspace()
    assert isinstance(space, Workspace)
    database = space.database
    add_account(database, "thuky", Role.OFFICE_CLERK, sign_in=False)
    space.open_member_at(0)
    [form] = space.forms.forms()
    qtbot.keyClicks(form.fields["alias"].editor, "Ba Lan")

    modals.answer("ask_discard_changes", False)  # "Tiếp tục sửa": nobody signs out
    main_window.sign_out_action.trigger()
    assert main_window.workspace() is space and form.isVisible()
    assert database.actor is not None and database.actor.username == ADMIN_USERNAME

    modals.answer("ask_discard_changes", True)
    sign_ins.queue.append(("thuky", ACCOUNT_PASSWORD))
    main_window.sign_out_action.trigger()
    qtbot.waitUntil(lambda: main_window.has_workspace() and main_window.workspace() is not space)
    assert sign_ins.shown == ["sign_in", "sign_in"]
    assert database.actor is not None and database.actor.username == "thuky"
    assert main_window.signed_in_text() == "Thuky · Văn phòng, ban tổ chức · Toàn bộ hệ thống tổ chức"
    assert not main_window.users_action.isVisible()  # a clerk manages no accounts
    with database.reading() as session:
        actions = session.scalars(
            select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(2)
        ).all()
    assert actions == [AuditAction.LOGIN, AuditAction.LOGOUT]


def test_thoat_at_the_login_after_signing_out_quits(
    qtbot: Any, demo_database_path: Path, sign_ins: SignIns
) -> None:
    window, controller = open_window(qtbot, str(demo_database_path))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    sign_ins.queue.append(None)
    with qtbot.waitSignal(controller.quit_requested, timeout=5000):
        window.sign_out_action.trigger()
    assert controller.database is None and not window.has_workspace()
    window.close()


def test_changing_ones_own_password(qtbot: Any, office: Database) -> None:
    sign_in_as(office)
    dialog = shown_dialog(qtbot, ChangePasswordDialog(office))
    assert dialog.old.hasFocus()
    dialog.old.setText(WRONG)
    dialog.new.setText("mật khẩu mới đủ dài")
    dialog.confirm.setText("mật khẩu mới đủ dài")
    submit_with_enter(qtbot, dialog, dialog.confirm)
    assert dialog.rows["old_password"].error.text() == "Mật khẩu hiện tại không đúng."
    assert dialog.old.text() == "" and dialog.old.hasFocus()

    dialog.old.setText(ADMIN_PASSWORD)
    dialog.new.setText("ngắn quá")
    dialog.confirm.setText("ngắn quá")
    submit_with_enter(qtbot, dialog, dialog.confirm)
    assert dialog.rows["new_password"].error.text() == "Mật khẩu phải dài ít nhất 12 ký tự."

    dialog.new.setText("mật khẩu mới đủ dài")
    dialog.confirm.setText("mật khẩu mới đủ dài")
    submit_with_enter(qtbot, dialog, dialog.confirm)
    assert dialog.result() == ChangePasswordDialog.DialogCode.Accepted
    assert authenticate(office, ADMIN_USERNAME, "mật khẩu mới đủ dài").username == ADMIN_USERNAME


def test_the_file_menu_changes_the_password_and_says_so(
    main_window: MainWindow, modals: ModalCalls
) -> None:
    modals.answer("ask_change_password", True)
    main_window.change_password_action.trigger()
    assert modals.names() == ["ask_change_password"]
    assert main_window.statusBar().currentMessage() == "Đã đổi mật khẩu."

"""The backups window and the daily automatic backup: what an administrator sees and does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.db.database import Database, open_database
from desktop.models.accounts import Role
from desktop.services import backups, office_settings
from desktop.ui.automatic_backup import AutomaticBackups
from desktop.ui.backups_window import BackupsWindow
from desktop.ui.database_controller import DatabaseController
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import Workspace
from tests.builders import ACCOUNT_PASSWORD, add_account, sign_in_as
from tests.services.test_backups import add_members, member_count
from tests.ui.conftest import ModalCalls, SignIns, open_window

PASSPHRASE = "nước chảy đá mòn mỗi ngày"


def controller_of(window: MainWindow) -> DatabaseController:
    controller = window.findChild(DatabaseController)
    assert controller is not None
    return controller


def workspace_of(window: MainWindow) -> Workspace:
    space = window.workspace()
    assert isinstance(space, Workspace)
    return space


def open_backups(qtbot: Any, window: MainWindow) -> BackupsWindow:
    assert window.backups_action.isVisible() and window.backups_action.isEnabled()
    window.backups_action.trigger()
    backups_window = workspace_of(window).backups
    assert backups_window is not None
    qtbot.waitExposed(backups_window)
    return backups_window


def wait_idle(qtbot: Any, backups_window: BackupsWindow) -> None:
    qtbot.waitUntil(lambda: not backups_window.busy(), timeout=20_000)


@pytest.fixture
def office(demo_database_path: Path) -> Iterator[Database]:
    """The demo database beside the window, as another part of the office would change it."""
    database = open_database(demo_database_path)
    sign_in_as(database)
    yield database
    database.close()


def test_the_daily_backup_runs_after_signing_in_and_the_window_shows_it(
    qtbot: Any, demo_database_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(AutomaticBackups, "first_check_ms", 50)
    window, controller = open_window(qtbot, str(demo_database_path))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    folder = demo_database_path.parent / "backups"
    qtbot.waitUntil(lambda: "Đã sao lưu tự động: demo.auto-" in window.statusBar().currentMessage(),
                    timeout=20_000)
    [made] = folder.glob("demo.auto-*.db")

    backups_window = open_backups(qtbot, window)
    assert backups_window.last_label.text().startswith("Bản sao lưu tự động gần nhất: ")
    assert made.name in backups_window.last_label.text()
    assert backups_window.table.rowCount() == 1
    assert backups_window.table.item(0, 1).text() == "Tự động hằng ngày"
    assert backups_window.table.item(0, 3).text() == made.name
    assert backups_window.folder.placeholderText() == str(folder)
    assert backups_window.keep.value() == 14
    window.close()
    controller.close()


def test_back_up_now_with_a_passphrase(
    qtbot: Any, main_window: MainWindow, modals: ModalCalls, tmp_path: Path
) -> None:
    backups_window = open_backups(qtbot, main_window)
    target = tmp_path / "usb" / "ban-sao-luu.db"
    modals.answer("choose_backup_save_path", str(target))
    modals.answer("ask_backup_passphrase", PASSPHRASE)
    backups_window.backup_button.click()
    wait_idle(qtbot, backups_window)
    assert target.exists()
    assert backups_window.status.text().startswith(f"Đã sao lưu vào {target} (")
    assert "bản sao lưu đã được kiểm tra" in backups_window.status.text()
    database = workspace_of(main_window).database
    assert backups.check_backup(database, target, PASSPHRASE).members == member_count(database)


def test_restore_from_a_file_then_sign_in_again(
    qtbot: Any, main_window: MainWindow, modals: ModalCalls, sign_ins: SignIns,
    office: Database, tmp_path: Path,
) -> None:
    backup = backups.write_backup(office, tmp_path / "b.db", PASSPHRASE)
    add_members(office, 2)  # work done after the backup
    office.close()  # a restore needs the file free of other programs
    before = workspace_of(main_window)
    backups_window = open_backups(qtbot, main_window)
    modals.answer("choose_backup_file", str(backup.path))
    modals.answer("ask_backup_passphrase", "không phải mật khẩu này", PASSPHRASE)
    modals.answer("ask_yes_no", True)
    shown = len(sign_ins.shown)

    backups_window.restore_file_button.click()
    qtbot.waitUntil(lambda: main_window.has_workspace() and main_window.workspace() is not before,
                    timeout=30_000)
    assert len(sign_ins.shown) == shown + 1  # everyone signs in again
    assert [call for call in modals.names() if call == "ask_backup_passphrase"] == [
        "ask_backup_passphrase", "ask_backup_passphrase"]  # a wrong one first, asked again
    [question] = modals.texts("ask_yes_no")
    assert f"có 27 tổ chức đảng và {backup.members} đảng viên." in question
    [info] = modals.texts("show_info")
    assert "Đã phục hồi cơ sở dữ liệu từ bản sao lưu b.db." in info and "Hãy đăng nhập lại." in info
    restored = workspace_of(main_window).database
    assert member_count(restored) == backup.members
    assert restored.actor is not None


def test_a_refused_restore_keeps_the_session(
    qtbot: Any, main_window: MainWindow, modals: ModalCalls, sign_ins: SignIns,
    office: Database, tmp_path: Path,
) -> None:
    backup = backups.write_backup(office, tmp_path / "b.db", PASSPHRASE)
    add_members(office, 1)
    expected = member_count(office)  # `office` stays open: another program uses the file
    before = workspace_of(main_window)
    backups_window = open_backups(qtbot, main_window)
    modals.answer("choose_backup_file", str(backup.path))
    modals.answer("ask_backup_passphrase", PASSPHRASE)
    modals.answer("ask_yes_no", True)
    shown = len(sign_ins.shown)

    backups_window.restore_file_button.click()
    qtbot.waitUntil(lambda: bool(modals.texts("show_error")), timeout=30_000)
    [error] = modals.texts("show_error")
    assert "đang được mở trong một chương trình khác" in error
    assert "Cơ sở dữ liệu đang dùng được giữ nguyên." in error
    qtbot.waitUntil(main_window.has_workspace)
    assert main_window.workspace() is not before and len(sign_ins.shown) == shown  # no new sign-in
    assert member_count(workspace_of(main_window).database) == expected


def test_the_settings_are_saved_and_read_back(
    qtbot: Any, main_window: MainWindow, tmp_path: Path
) -> None:
    backups_window = open_backups(qtbot, main_window)
    folder = tmp_path / "o-ngoai"
    backups_window.folder.setText(str(folder))
    backups_window.folder.setModified(True)
    backups_window.keep.setValue(5)
    backups_window.save_settings_button.click()
    database = workspace_of(main_window).database
    assert office_settings.backup_keep_count(database) == 5
    assert office_settings.backup_folder_setting(database) == str(folder)
    assert folder.is_dir()
    assert backups_window.status.text() == f"Đã lưu: giữ lại 5 bản sao lưu tự động gần nhất trong {folder}."


def test_a_clerk_has_no_backups_menu(
    qtbot: Any, demo_database_path: Path, sign_ins: SignIns
) -> None:
    database = open_database(demo_database_path)
    add_account(database, "vanthu", Role.OFFICE_CLERK, sign_in=False)
    database.close()
    sign_ins.queue.append(("vanthu", ACCOUNT_PASSWORD))
    window, controller = open_window(qtbot, str(demo_database_path))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    assert not window.backups_action.isVisible() and not window.backups_action.isEnabled()
    assert not window.admin_menu.menuAction().isVisible()
    window.close()
    controller.close()

"""The idle lock: it comes after the idle time, covers every window of the app, wants the
signed-in user's password and leaves unsaved input as it was."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.models.accounts import Role
from desktop.ui.database_controller import DatabaseController
from desktop.ui.main_window import MainWindow
from desktop.ui.screen_lock import IdleWatcher
from desktop.ui.workspace import Workspace
from tests.builders import ACCOUNT_PASSWORD, ADMIN_PASSWORD, add_account
from tests.ui.conftest import ModalCalls, SignIns


def controller_of(window: MainWindow) -> DatabaseController:
    controller = window.findChild(DatabaseController)
    assert controller is not None
    return controller


def type_password(qtbot: Any, dialog: Any, text: str) -> None:
    dialog.password.setFocus()
    dialog.password.insert(text)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)


def cover_of(window: QWidget) -> QWidget | None:
    covers = window.findChildren(
        QWidget, "screenLockCover", Qt.FindChildOption.FindDirectChildrenOnly
    )
    return covers[0] if covers else None


def test_idle_lock_after_the_timeout_then_the_password_brings_back_the_typed_text(
    qtbot: Any, main_window: MainWindow, modals: ModalCalls
) -> None:
    space = main_window.workspace()
    assert isinstance(space, Workspace)
    space.open_member_at(0)
    [form] = space.forms.forms()
    title = form.windowTitle()
    alias = form.fields["alias"].editor
    assert isinstance(alias, QLineEdit)
    alias.setFocus()
    qtbot.keyClicks(alias, "Ba Lan")
    session = controller_of(main_window).session
    assert session.idle.running() and session.idle.timeout_ms() == 10 * 60_000  # the default

    session.set_idle_timeout_ms(300)
    clock = QElapsedTimer()
    clock.start()
    qtbot.waitUntil(session.lock.is_locked, timeout=5000)
    assert clock.elapsed() >= 250
    lock = session.lock.dialog
    assert lock is not None and lock.isVisible() and lock.isModal()
    assert lock.windowModality() == Qt.WindowModality.ApplicationModal
    assert set(session.lock.covered_windows()) >= {main_window, form}
    for window in (main_window, form):
        cover = cover_of(window)
        assert cover is not None and cover.isVisible() and cover.geometry() == window.rect()
        assert window.windowTitle() == "Văn phòng Đảng ủy — màn hình đã khóa"  # no name shown
    assert lock.explanation.text().startswith("Quản trị hệ thống (quantri) đang đăng nhập.")

    type_password(qtbot, lock, "không đúng đâu")
    assert session.lock.is_locked() and lock.message.text() == "Mật khẩu không đúng."
    assert lock.password.text() == ""

    type_password(qtbot, lock, ADMIN_PASSWORD)
    assert not session.lock.is_locked()
    qtbot.waitUntil(lambda: cover_of(main_window) is None and cover_of(form) is None)
    assert form.isVisible() and form.windowTitle() == title
    assert alias.text().endswith("Ba Lan") and form.is_dirty()  # the unsaved input is still there
    assert session.idle.running()  # counting again
    session.set_idle_timeout_ms(10 * 60_000)  # no second lock while the window is closed
    modals.answer("ask_discard_changes", True)  # the unsaved form, when pytest-qt closes it


def test_the_idle_watcher_waits_for_input_to_stop(qtbot: Any, main_window: MainWindow) -> None:
    watcher = IdleWatcher(400)
    fired: list[int] = []
    clock = QElapsedTimer()
    watcher.idle.connect(lambda: fired.append(clock.elapsed()))
    clock.start()
    watcher.start()
    space = main_window.workspace()
    assert isinstance(space, Workspace)
    for _ in range(6):  # keep typing for about 600 ms
        qtbot.wait(100)
        qtbot.keyClick(space.search, Qt.Key.Key_A)
    assert fired == []
    qtbot.waitUntil(lambda: bool(fired), timeout=3000)
    assert fired[0] >= 600 + 400 - 50  # counted from the last key, not from the start
    assert not watcher.running()
    watcher.deleteLater()


def test_ctrl_l_locks_and_after_the_lockout_only_sign_out_is_left(
    qtbot: Any, main_window: MainWindow, sign_ins: SignIns, modals: ModalCalls
) -> None:
    space = main_window.workspace()
    assert isinstance(space, Workspace)
    add_account(space.database, "thuky", Role.OFFICE_CLERK, sign_in=False)
    session = controller_of(main_window).session
    assert main_window.lock_action.shortcut().toString() == "Ctrl+L"
    main_window.lock_action.trigger()
    lock = session.lock.dialog
    assert lock is not None
    qtbot.keyClick(lock, Qt.Key.Key_Escape)
    assert session.lock.is_locked()  # Esc does not unlock
    for attempt in range(5):
        type_password(qtbot, lock, f"sai lần {attempt}")
    assert "Tài khoản tạm bị khóa vì nhập sai mật khẩu nhiều lần, đến " in lock.message.text()
    assert "Chỉ còn cách Đăng xuất" in lock.message.text()
    assert not lock.password.isEnabled() and not lock.unlock_button.isEnabled()

    sign_ins.queue.append(("thuky", ACCOUNT_PASSWORD))  # someone else signs in
    lock.sign_out_button.click()
    qtbot.waitUntil(lambda: main_window.has_workspace() and main_window.workspace() is not space)
    assert not session.lock.is_locked()
    qtbot.waitUntil(lambda: cover_of(main_window) is None)
    assert space.database.actor is not None and space.database.actor.username == "thuky"
    assert main_window.windowTitle().startswith("Văn phòng Đảng ủy — ")
    assert "màn hình đã khóa" not in main_window.windowTitle()

"""UI test fixtures: settings in tmp, no modal dialog ever blocks, a main window on a database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.ui import dialogs
from desktop.ui.app import configure_application, start
from desktop.ui.database_controller import DatabaseController
from desktop.ui.main_window import MainWindow

_MODAL_FUNCTIONS = (
    "show_error",
    "show_info",
    "ask_yes_no",
    "ask_discard_changes",
    "ask_reload_after_conflict",
    "ask_after_refusal",
    "choose_database_file",
    "ask_first_start",
    "ask_database_passphrase",
    "choose_pdf_save_path",
    "choose_csv_save_path",
    "ask_print",
    "ask_change_password",
    "ask_account",
    "ask_reset_password",
    "ask_backup_passphrase",
    "choose_backup_save_path",
    "choose_backup_file",
    "choose_folder",
    "choose_spreadsheet_file",
    "choose_xlsx_save_path",
    "ask_import",
    "ask_reason",
    "ask_task_done",
    "choose_attachment_file",
    "choose_attachment_save_path",
)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: QApplication) -> Path:
    """QSettings (INI, user scope) written under tmp_path, never to the real profile."""
    folder = tmp_path / "settings"
    configure_application(qapp)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


class ModalCalls:
    """Replaces every modal dialog; a test scripts the answers it expects to be asked for."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.answers: dict[str, list[Any]] = {}

    def answer(self, name: str, *values: Any) -> None:
        self.answers.setdefault(name, []).extend(values)

    def names(self) -> list[str]:
        return [name for name, _args in self.calls]

    def texts(self, name: str) -> list[str]:
        return [
            " ".join(str(arg) for arg in args[1:]) for called, args in self.calls if called == name
        ]

    def handler(self, name: str) -> Callable[..., Any]:
        def fake(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args + tuple(kwargs.values())))
            queued = self.answers.get(name)
            if queued:
                return queued.pop(0)
            if name in ("show_error", "show_info"):
                return None
            raise AssertionError(f"unexpected modal dialog {name}: {args[1:]}")

        return fake


class SignIns:
    """Answers the login dialogs by filling in and submitting the real dialogs: the test
    administrator (created through the first-administrator dialog in a database without
    accounts) unless a test queues other credentials; a queued None answers "Thoát"."""

    def __init__(self, qtbot: Any) -> None:
        self._qtbot = qtbot
        self.queue: list[tuple[str, str] | None] = []
        self.shown: list[str] = []  # "sign_in" or "first_administrator", in order

    def sign_in(self, parent: Any, database: Any) -> Any:
        from desktop.ui.sign_in_dialogs import SignInDialog
        from tests.builders import ADMIN_PASSWORD, ADMIN_USERNAME

        self.shown.append("sign_in")
        credentials = self.queue.pop(0) if self.queue else (ADMIN_USERNAME, ADMIN_PASSWORD)
        if credentials is None:
            return None
        dialog = SignInDialog(database, parent)
        dialog.username.setText(credentials[0])
        dialog.password.setText(credentials[1])
        return self._submit(dialog, dialog.sign_in_button)

    def first_administrator(self, parent: Any, database: Any) -> Any:
        from desktop.ui.sign_in_dialogs import FirstAdministratorDialog
        from tests.builders import ADMIN_FULL_NAME, ADMIN_PASSWORD, ADMIN_USERNAME

        self.shown.append("first_administrator")
        if self.queue and self.queue[0] is None:
            self.queue.pop(0)
            return None
        dialog = FirstAdministratorDialog(database, parent)
        dialog.username.setText(ADMIN_USERNAME)
        dialog.full_name.setText(ADMIN_FULL_NAME)
        dialog.password.setText(ADMIN_PASSWORD)
        dialog.confirm.setText(ADMIN_PASSWORD)
        return self._submit(dialog, dialog.create_button)

    def _submit(self, dialog: Any, button: Any) -> Any:
        button.click()
        self._qtbot.waitUntil(lambda: not dialog.busy(), timeout=10_000)
        assert dialog.actor is not None, dialog.general_error.text()
        dialog.close()
        dialog.deleteLater()
        return dialog.actor


@pytest.fixture(autouse=True)
def sign_ins(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> SignIns:
    """Every database the app opens is signed in to through the real login dialogs."""
    answers = SignIns(qtbot)
    monkeypatch.setattr(dialogs, "ask_sign_in", answers.sign_in)
    monkeypatch.setattr(dialogs, "ask_first_administrator", answers.first_administrator)
    return answers


@pytest.fixture(autouse=True)
def modals(monkeypatch: pytest.MonkeyPatch) -> ModalCalls:
    calls = ModalCalls()
    for name in _MODAL_FUNCTIONS:
        monkeypatch.setattr(dialogs, name, calls.handler(name))
    return calls


def open_window(qtbot: Any, target: str | None) -> tuple[MainWindow, DatabaseController]:
    window, controller = start(target)
    qtbot.addWidget(window)
    return window, controller


@pytest.fixture
def main_window(qtbot: Any, demo_database_path: Path, modals: ModalCalls) -> Iterator[MainWindow]:
    window, controller = open_window(qtbot, str(demo_database_path))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    yield window
    modals.answer("ask_discard_changes", *[True] * 20)  # forms left open close without asking
    window.close()
    controller.close()

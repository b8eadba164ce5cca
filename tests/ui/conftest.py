"""UI test fixtures: settings in tmp, no modal dialog ever blocks, a main window on a database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.ui import dialogs, sign_in
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


@pytest.fixture(autouse=True)
def signed_in_administrator(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until the login dialog is tested on its own, every opened database signs the test
    administrator in (creating them first in a database without accounts)."""
    from desktop.services.auth import has_accounts
    from tests.builders import add_first_administrator, sign_in_as

    def sign_in_administrator(window: Any, database: Any) -> bool:
        if has_accounts(database):
            sign_in_as(database)
        else:
            add_first_administrator(database)
        return True

    monkeypatch.setattr(sign_in, "ensure_signed_in", sign_in_administrator)


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

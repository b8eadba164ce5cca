"""The database passphrase in the app: asked when the credential store cannot give the key."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import keyring
import pytest

from desktop.db.encryption import rekey
from desktop.db.passphrase import PassphraseReason, PassphraseRequest
from desktop.ui.first_start import StartAction
from desktop.ui.passphrase_dialog import PassphraseDialog
from tests.encrypted_files import passphrase_connection
from tests.keyring_memory import MemoryKeyring, UnavailableKeyring
from tests.ui.conftest import ModalCalls, open_window

PASSPHRASE = "trăng sáng trên đồi chè"


def _requests(modals: ModalCalls) -> list[PassphraseRequest]:
    return [args[1] for name, args in modals.calls if name == "ask_database_passphrase"]


@pytest.fixture
def passphrase_database(demo_database_path: Path) -> Path:
    rekey(demo_database_path, None, PASSPHRASE)
    return demo_database_path


def test_without_a_credential_store_first_start_sets_a_passphrase(
    qtbot: Any, tmp_path: Path, modals: ModalCalls, memory_keyring: MemoryKeyring
) -> None:
    keyring.set_keyring(UnavailableKeyring())
    target = tmp_path / "office.db"
    modals.answer("ask_first_start", StartAction.EMPTY)
    modals.answer("ask_database_passphrase", PASSPHRASE)
    window, controller = open_window(qtbot, str(target))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    controller.close()
    [request] = _requests(modals)
    assert request == PassphraseRequest(PassphraseReason.KEYSTORE_UNAVAILABLE, str(target), new=True)
    with passphrase_connection(target, PASSPHRASE) as connection:
        assert connection.execute("SELECT value FROM app_meta WHERE key = 'application'").fetchone()


def test_an_unavailable_store_is_said_so_then_a_wrong_passphrase_is_asked_again(
    qtbot: Any, passphrase_database: Path, modals: ModalCalls
) -> None:
    keyring.set_keyring(UnavailableKeyring())
    modals.answer("ask_database_passphrase", "không phải mật khẩu này", PASSPHRASE)
    window, controller = open_window(qtbot, str(passphrase_database))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    assert window.workspace().tree_model.rowCount() >= 1
    controller.close()
    reasons = [(request.reason, request.new) for request in _requests(modals)]
    assert reasons == [
        (PassphraseReason.KEYSTORE_UNAVAILABLE, False),
        (PassphraseReason.WRONG_PASSPHRASE, False),
    ]


def test_a_wrong_passphrase_given_up_on_is_refused_with_the_file_untouched(
    qtbot: Any, passphrase_database: Path, modals: ModalCalls
) -> None:
    before = hashlib.sha256(passphrase_database.read_bytes()).hexdigest()
    files = sorted(path.name for path in passphrase_database.parent.iterdir())
    modals.answer("ask_database_passphrase", "không phải mật khẩu này", None)
    modals.answer("ask_after_refusal", False)
    window, controller = open_window(qtbot, str(passphrase_database))
    with qtbot.waitSignal(controller.quit_requested, timeout=10_000):
        pass
    assert [request.reason for request in _requests(modals)] == [
        PassphraseReason.KEY_MISSING,  # the store works, and has no key for a passphrase file
        PassphraseReason.WRONG_PASSPHRASE,
    ]
    [message] = modals.texts("ask_after_refusal")
    assert "Mật khẩu cơ sở dữ liệu không đúng" in message
    assert hashlib.sha256(passphrase_database.read_bytes()).hexdigest() == before
    assert sorted(path.name for path in passphrase_database.parent.iterdir()) == files
    assert not window.has_workspace()


def test_a_declined_passphrase_says_the_store_is_unavailable_not_a_wrong_passphrase(
    qtbot: Any, passphrase_database: Path, modals: ModalCalls
) -> None:
    keyring.set_keyring(UnavailableKeyring())
    modals.answer("ask_database_passphrase", None)
    modals.answer("ask_after_refusal", False)
    window, controller = open_window(qtbot, str(passphrase_database))
    with qtbot.waitSignal(controller.quit_requested, timeout=10_000):
        pass
    [message] = modals.texts("ask_after_refusal")
    assert "Kho lưu khóa của hệ điều hành hiện không dùng được" in message
    assert "không đúng" not in message


def test_the_new_passphrase_dialog_wants_a_long_passphrase_typed_twice(qtbot: Any) -> None:
    request = PassphraseRequest(PassphraseReason.KEYSTORE_UNAVAILABLE, "/tmp/office.db", new=True)
    dialog = PassphraseDialog(request)
    qtbot.addWidget(dialog)
    assert "không cất được khóa" in dialog.explanation.text()
    assert not dialog.ok.isEnabled()
    dialog.field.setText("ngắn quá")
    assert not dialog.ok.isEnabled() and "ít nhất 12 ký tự" in dialog.hint.text()
    dialog.field.setText(PASSPHRASE)
    dialog.confirm.setText(PASSPHRASE[:-1])
    assert not dialog.ok.isEnabled() and "chưa khớp" in dialog.hint.text()
    dialog.confirm.setText(PASSPHRASE)
    assert dialog.ok.isEnabled()
    assert dialog.passphrase() == PASSPHRASE


def test_the_passphrase_dialog_for_an_existing_database_has_one_field(qtbot: Any) -> None:
    request = PassphraseRequest(PassphraseReason.WRONG_PASSPHRASE, "/tmp/office.db")
    dialog = PassphraseDialog(request)
    qtbot.addWidget(dialog)
    assert dialog.explanation.text() == "Mật khẩu cơ sở dữ liệu không đúng. Hãy nhập lại."
    assert not dialog.confirm.isVisibleTo(dialog)
    assert not dialog.ok.isEnabled()
    dialog.field.setText("x")
    assert dialog.ok.isEnabled()

"""Start-up: window before the database layer, first start, refused files, opening another file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

import desktop.services.demo as demo
from desktop.ui.first_start import FirstStartDialog, StartAction
from desktop.ui.workspace import Workspace
from tests.conftest import TODAY
from tests.keyring_memory import MemoryKeyring
from tests.ui.conftest import ModalCalls, open_window

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_module_imports_no_database_layer() -> None:
    """Everything imported before the first paint stays free of SQLAlchemy, Alembic and services."""
    code = (
        "import sys, desktop.cli, desktop.ui.app\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')"
        " or m.startswith('desktop.services') or m == 'desktop.db.database')\n"
        "print(heavy)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_first_start_dialog_offers_empty_demo_and_open(qtbot: Any) -> None:
    dialog = FirstStartDialog("/tmp/x/party-office.db")
    qtbot.addWidget(dialog)
    options = dialog.options()
    assert set(options) == set(StartAction)
    assert dialog.choice() is StartAction.EMPTY
    assert "78.432" in options[StartAction.DEMO_FULL].text()
    options[StartAction.DEMO_SMALL].setChecked(True)
    assert dialog.choice() is StartAction.DEMO_SMALL


def test_first_start_can_create_an_empty_database(
    qtbot: Any, isolated_data_dir: Path, modals: ModalCalls
) -> None:
    modals.answer("ask_first_start", StartAction.EMPTY)
    window, controller = open_window(qtbot, None)  # the default per-user database
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    assert (isolated_data_dir / "party-office.db").stat().st_size > 0
    assert modals.texts("ask_first_start") == [str(isolated_data_dir / "party-office.db")]
    space = window.workspace()
    assert isinstance(space, Workspace)
    assert space.tree_model.rowCount() == 0
    assert space.header.title.text() == "Cơ sở dữ liệu chưa có tổ chức đảng nào"
    assert window.member_count_text() == "0 đảng viên"
    controller.close()


def test_declining_the_first_start_quits_without_creating_a_file(
    qtbot: Any, tmp_path: Path, modals: ModalCalls
) -> None:
    target = tmp_path / "new.db"
    modals.answer("ask_first_start", None)
    window, controller = open_window(qtbot, str(target))
    with qtbot.waitSignal(controller.quit_requested, timeout=5000):
        pass
    assert not target.exists()


def test_a_refused_file_is_reported_and_left_untouched(
    qtbot: Any, tmp_path: Path, modals: ModalCalls
) -> None:
    target = tmp_path / "garbage.db"
    # A page of noise is what an encrypted database looks like without its key: the user is
    # asked for a passphrase first (declined here), then told the file cannot be opened.
    target.write_bytes(os.urandom(4096))
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    modals.answer("ask_database_passphrase", None)
    modals.answer("ask_after_refusal", False)
    window, controller = open_window(qtbot, str(target))
    with qtbot.waitSignal(controller.quit_requested, timeout=10_000):
        pass
    assert modals.names() == ["ask_database_passphrase", "ask_after_refusal"]
    [message] = modals.texts("ask_after_refusal")
    assert "không phải là cơ sở dữ liệu" in message and str(target) in message
    assert hashlib.sha256(target.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("garbage")) == [
        "garbage.db"
    ]
    assert not window.has_workspace()


def test_after_a_refusal_another_file_can_be_opened(
    qtbot: Any, tmp_path: Path, demo_database_path: Path, modals: ModalCalls
) -> None:
    target = tmp_path / "notes.db"
    target.write_text("meeting notes, not a database", encoding="utf-8")
    modals.answer("ask_after_refusal", True)
    modals.answer("choose_database_file", str(demo_database_path))
    window, controller = open_window(qtbot, str(target))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    assert controller.database is not None and controller.database.file_path == demo_database_path
    assert target.read_text(encoding="utf-8") == "meeting notes, not a database"
    assert str(demo_database_path) in window.windowTitle()
    controller.close()


def test_the_file_menu_opens_another_database_and_keeps_the_current_one_on_refusal(
    qtbot: Any, tmp_path: Path, demo_database_path: Path, database_path: Path, modals: ModalCalls
) -> None:
    window, controller = open_window(qtbot, str(demo_database_path))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    first = controller.database
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00" * 100)
    modals.answer("choose_database_file", str(bad))
    modals.answer("ask_after_refusal", False)  # keep the open database
    window.open_action.trigger()
    qtbot.waitUntil(lambda: modals.names().count("ask_after_refusal") == 1, timeout=10_000)
    assert controller.database is first and window.has_workspace()
    assert modals.calls[-1][1][2] is True  # offered to keep the current database
    modals.answer("choose_database_file", str(database_path))
    window.open_action.trigger()
    qtbot.waitUntil(lambda: controller.database is not first, timeout=15_000)
    assert controller.database is not None and controller.database.file_path == database_path
    controller.close()


@pytest.mark.parametrize("cancel", [False, True])
def test_the_demo_is_created_in_a_worker_with_progress_and_cancel(
    qtbot: Any,
    tmp_path: Path,
    modals: ModalCalls,
    monkeypatch: pytest.MonkeyPatch,
    cancel: bool,
    request: pytest.FixtureRequest,
    memory_keyring: MemoryKeyring,
) -> None:
    keys_before = dict(memory_keyring.entries)
    real_create_demo = demo.create_demo
    go_on, stop = threading.Event(), threading.Event()
    request.addfinalizer(stop.set)  # never leave the worker running after the test
    seen: dict[str, Any] = {}

    def paced_create_demo(
        database: Any, scale: demo.DemoScale, **callbacks: Any
    ) -> demo.DemoSummary:
        """Reports progress until the test lets it go on (or cancels), then builds the real demo."""
        seen["scale"] = scale
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        step = 0
        while not go_on.wait(0.01):
            step += 1
            callbacks["progress"](min(step, 999), 1000)
            if callbacks["cancelled"]() or stop.is_set():
                raise demo.DemoCancelled()
        return real_create_demo(database, scale, today=TODAY, **callbacks)

    monkeypatch.setattr(demo, "create_demo", paced_create_demo)
    target = tmp_path / "demo.db"
    modals.answer("ask_first_start", StartAction.DEMO_SMALL)
    window, controller = open_window(qtbot, str(target))
    qtbot.waitUntil(lambda: getattr(controller, "progress", None) is not None, timeout=5000)
    dialog = controller.progress
    qtbot.waitUntil(lambda: dialog.maximum() == 1000 and dialog.value() > 0, timeout=5000)
    assert dialog.isVisible() and dialog.labelText().startswith("Đang tạo tổ chức mẫu")
    if cancel:
        modals.answer("ask_first_start", None)  # asked again after the cancel: quit this time
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(controller.quit_requested, timeout=10_000):
            pass
        assert not target.exists()  # the half-made file this run created is removed
        assert memory_keyring.entries == keys_before  # and so is its key
        assert modals.names() == ["ask_first_start", "ask_first_start"]
    else:
        go_on.set()
        qtbot.waitUntil(window.has_workspace, timeout=120_000)
        space = window.workspace()
        assert isinstance(space, Workspace) and space.tree_model.rowCount() >= 1
        assert space.table_model.rowCount() > 0
        assert window.statusBar().currentMessage().startswith("Đã tạo tổ chức mẫu")
        controller.close()
    assert seen == {"scale": demo.DemoScale.SMALL, "worker": True}

"""Until the login dialog lands: the window never shows a database nobody signed in to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.ui import sign_in
from desktop.ui.sign_in import ensure_signed_in as real_ensure_signed_in
from tests.ui.conftest import ModalCalls, open_window


def test_without_a_signed_in_user_the_register_is_not_shown(
    qtbot: Any, demo_database_path: Path, modals: ModalCalls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sign_in, "ensure_signed_in", real_ensure_signed_in)
    window, controller = open_window(qtbot, str(demo_database_path))
    with qtbot.waitSignal(controller.quit_requested, timeout=15_000):
        pass
    assert modals.names() == ["show_error"]
    assert "Phải đăng nhập" in modals.texts("show_error")[0]
    assert not window.has_workspace()
    assert controller.database is None
    window.close()

"""The top-level windows a workspace opens beside the register (reports, audit trail, accounts,
backups): one of each kind, brought to the front when asked for again, closed with the
workspace. A window that is still stopping its work refuses to close and closes itself later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def bring_up(window: QWidget) -> None:
    """Show a top-level window in front, restored if it was minimised."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class ToolWindows:
    def __init__(self) -> None:
        self._open: dict[str, QWidget] = {}

    def get(self, name: str) -> QWidget | None:
        return self._open.get(name)

    def show(self, name: str, create: Callable[[], W]) -> W:
        """The open window `name`, or a new one from `create`; shown in front either way."""
        window = self._open.get(name)
        if window is None:
            window = create()
            self._open[name] = window
            window.destroyed.connect(lambda _object=None, key=name: self._open.pop(key, None))
        bring_up(window)
        return window  # type: ignore[return-value]

    def close_all(self) -> bool:
        """False while one of them is still stopping its work."""
        for name, window in list(self._open.items()):
            if not window.close():
                return False
            self._open.pop(name, None)
        return True

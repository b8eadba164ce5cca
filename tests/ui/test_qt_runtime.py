"""Defects of the Qt binding itself that would crash the app: keep them out by the pin."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(str)


def test_emitting_signals_does_not_eat_references_to_true() -> None:
    """PySide6 6.12.0 loses a reference to True per emit(): CPython 3.11 then aborts
    ("bool_dealloc") once typing in the search box has emitted a few thousand times."""
    emitter = _Emitter()
    received: list[str] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True)
    for index in range(2000):
        emitter.changed.emit(str(index))
    assert len(received) == 2000
    assert sys.getrefcount(True) >= before - 10

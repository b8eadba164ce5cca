"""The "Nghiệp vụ" menu: the windows of the member lifecycle (admission, probation, transfers,
badges, fees, days off), one entry each, opened beside the register by the workspace.

Each window is a top-level QWidget built as `Window(database)`; the workspace keeps one of
each (desktop.ui.tool_windows). Imported before the first paint: Qt and light modules only.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkMenu", text)


@dataclass(frozen=True)
class WorkWindowEntry:
    name: str  # the key of the open window
    label: str
    tip: str
    module: str
    class_name: str
    edits: bool = False  # shown only to roles that may edit the register
    separator_before: bool = False

    def create(self, database: object) -> QWidget:
        window_class = getattr(importlib.import_module(self.module), self.class_name)
        window: QWidget = window_class(database)
        return window


def work_windows() -> tuple[WorkWindowEntry, ...]:
    return (
        # Admission pipeline (desktop.ui.admission_window).
        WorkWindowEntry("admission", _tr("Phát triển đảng viên…"),
                        _tr("Quần chúng ưu tú, các bước xét kết nạp, quyết định và lễ kết nạp"),
                        "desktop.ui.admission_window", "AdmissionWindow"),
        # Probation due list and recognition (desktop.ui.probation_window).
        # Transfers (desktop.ui.transfers_window).
        # Party badges (desktop.ui.badges_window).
        # Party fees (desktop.ui.fees_window).
        # Days off (desktop.ui.days_off_window).
    )

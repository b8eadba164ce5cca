"""First start: the database file does not exist yet, so ask what to put in it."""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

_CONTEXT = "FirstStart"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class StartAction(enum.Enum):
    EMPTY = "EMPTY"  # an empty database, to enter the organisation by hand
    DEMO_SMALL = "DEMO_SMALL"  # the demo organisation, a few hundred members
    DEMO_FULL = "DEMO_FULL"  # the demo organisation at the size of the reference committee
    OPEN_OTHER = "OPEN_OTHER"  # an existing database file elsewhere


class FirstStartDialog(QDialog):
    def __init__(self, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Bắt đầu sử dụng Văn phòng Đảng ủy"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _tr("Chưa có cơ sở dữ liệu tại:<br><b>{location}</b><br><br>Chọn cách bắt đầu:").format(
                location=location.replace("&", "&amp;").replace("<", "&lt;")
            )
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)

        self._group = QButtonGroup(self)
        self._buttons: dict[StartAction, QRadioButton] = {}
        options = (
            (
                StartAction.EMPTY,
                _tr("Tạo cơ sở dữ liệu trống"),
            ),
            (
                StartAction.DEMO_SMALL,
                _tr("Tạo tổ chức mẫu nhỏ để dùng thử (khoảng 300 đảng viên, vài giây)"),
            ),
            (
                StartAction.DEMO_FULL,
                _tr("Tạo tổ chức mẫu đầy đủ (5.529 chi bộ, 78.432 đảng viên; mất khoảng một phút)"),
            ),
            (StartAction.OPEN_OTHER, _tr("Mở một tệp cơ sở dữ liệu đã có…")),
        )
        for action, text in options:
            button = QRadioButton(text)
            self._group.addButton(button)
            self._buttons[action] = button
            layout.addWidget(button)
        self._buttons[StartAction.EMPTY].setChecked(True)
        note = QLabel(_tr("Dữ liệu mẫu là hư cấu, chỉ dùng để làm quen với phần mềm."))
        note.setWordWrap(True)
        note.setEnabled(False)
        layout.addWidget(note)

        buttons = QDialogButtonBox()
        ok = buttons.addButton(_tr("Tiếp tục"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(_tr("Thoát"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def options(self) -> dict[StartAction, QRadioButton]:
        return dict(self._buttons)

    def choice(self) -> StartAction:
        for action, button in self._buttons.items():
            if button.isChecked():
                return action
        return StartAction.EMPTY

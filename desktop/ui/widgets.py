"""Small reusable widgets: a dd/mm/yyyy date field and a debounced search box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDateEdit, QDialog, QLabel, QLineEdit, QPushButton, QWidget

from desktop.models.dates import format_date, parse_date, parse_partial_date
from desktop.models.enums import DatePrecision

_CONTEXT = "Widgets"
SEARCH_DELAY_MS = 250


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class DateLineEdit(QLineEdit):
    """A date typed as dd/mm/yyyy (or, when `partial`, also mm/yyyy or yyyy).

    The value is read with `value()`, which raises ValueError for text it cannot read;
    `parse_problem()` gives the Vietnamese sentence to show under the field.
    """

    def __init__(self, partial: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._partial = partial
        self.setPlaceholderText(
            _tr("nn/tt/nnnn") if not partial else _tr("nn/tt/nnnn, tt/nnnn hoặc nnnn")
        )
        self.setMaxLength(10)
        self.setClearButtonEnabled(False)

    def set_value(
        self, value: dt.date | None, precision: DatePrecision = DatePrecision.DAY
    ) -> None:
        self.setText(format_date(value, precision))

    def value(self) -> tuple[dt.date | None, DatePrecision]:
        text = self.text().strip()
        if not text:
            return None, DatePrecision.DAY
        if self._partial:
            return parse_partial_date(text)
        return parse_date(text), DatePrecision.DAY

    def date(self) -> dt.date | None:
        return self.value()[0]

    def parse_problem(self) -> str | None:
        try:
            self.value()
        except ValueError:
            if self._partial:
                return _tr(
                    "Không đọc được ngày: ghi dạng ngày/tháng/năm (05/02/1980), "
                    "tháng/năm (02/1980) hoặc chỉ năm (1980)."
                )
            return _tr("Không đọc được ngày: ghi dạng ngày/tháng/năm, ví dụ 05/02/1980.")
        return None


class ErrorLabel(QLabel):
    """The red sentence under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))


class SearchBox(QLineEdit):
    """Emits `search_changed` once typing pauses, so each keystroke does not run a query."""

    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, delay_ms: int = SEARCH_DELAY_MS) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(
            _tr("Tìm họ tên (gõ không dấu cũng được), số thẻ, số CCCD… ({shortcut})").format(
                shortcut=QKeySequence(QKeySequence.StandardKey.Find).toString(
                    QKeySequence.SequenceFormat.NativeText
                )
            )
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._emit)
        self.textChanged.connect(self._timer.start)
        self._last = ""

    def _emit(self) -> None:
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.search_changed.emit(text)

    def current_text(self) -> str:
        return self._last


def date_edit(value: dt.date, parent: QWidget | None = None) -> QDateEdit:
    """A period's first or last day, dd/mm/yyyy with a calendar."""
    edit = QDateEdit(QDate(value), parent)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


def save_and_close_buttons(
    dialog: QDialog, save_tooltip: str, on_save: Callable[[], object]
) -> tuple[QPushButton, QPushButton]:
    """The Lưu / Đóng pair of every editing form, with Ctrl+S bound to saving."""
    save_button = QPushButton(QCoreApplication.translate("Forms", "&Lưu"))
    save_button.setToolTip(save_tooltip)
    close_button = QPushButton(QCoreApplication.translate("Forms", "Đó&ng"))
    for button in (save_button, close_button):
        button.setAutoDefault(False)  # Enter in a field must not save or close by accident
    save_button.clicked.connect(on_save)
    close_button.clicked.connect(dialog.reject)
    QShortcut(QKeySequence.StandardKey.Save, dialog, activated=on_save)
    return save_button, close_button

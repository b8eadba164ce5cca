"""The office keeps its days off: added, refused on a weekend or twice, removed; deadlines follow."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.services.working_calendar import days_off, working_calendar
from desktop.ui.days_off_window import DaysOffWindow
from tests.builders import add_account
from tests.ui.conftest import ModalCalls


def test_the_seeded_days_of_a_year_are_listed(qtbot: Any, database: Database) -> None:
    window = DaysOffWindow(database)
    qtbot.addWidget(window)
    window.year.setValue(2026)
    rows = [[window.table.item(row, column).text() for column in range(3)] for row in range(window.table.rowCount())]
    assert ["16/02/2026", "Thứ Hai", "Tết Âm lịch"] in rows
    assert ["27/04/2026", "Thứ Hai", "Nghỉ bù Giỗ Tổ Hùng Vương"] in rows
    assert ["02/09/2026", "Thứ Tư", "Quốc khánh"] in rows


def test_a_day_is_added_refused_twice_and_removed(qtbot: Any, database: Database, modals: ModalCalls) -> None:
    window = DaysOffWindow(database)
    qtbot.addWidget(window)
    before = working_calendar(database).add_working_days(dt.date(2027, 12, 30), 1)
    qtbot.keyClicks(window.new_day, "31/12/2027")
    window.new_name.insert("Nghỉ bù Tết Dương lịch")
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    assert window.year.value() == 2027
    assert any(window.table.item(row, 0).text() == "31/12/2027" for row in range(window.table.rowCount()))
    assert working_calendar(database).add_working_days(dt.date(2027, 12, 30), 1) > before

    qtbot.keyClicks(window.new_day, "31/12/2027")
    window.new_name.insert("Lần nữa")
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    assert window.error.text() == "Ngày này đã có trong danh sách ngày nghỉ."
    window.new_day.clear()
    qtbot.keyClicks(window.new_day, "01/01/2028")  # a Saturday
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    assert "Thứ Bảy và Chủ nhật đã là ngày nghỉ" in window.error.text()

    row = next(row for row in range(window.table.rowCount()) if window.table.item(row, 0).text() == "31/12/2027")
    window.table.selectRow(row)
    modals.answer("ask_yes_no", True)
    qtbot.mouseClick(window.remove_button, Qt.MouseButton.LeftButton)
    assert dt.date(2027, 12, 31) not in [day.day for day in days_off(database, 2027)]


def test_readers_see_the_days_without_editing(qtbot: Any, database: Database) -> None:
    add_account(database, "lanhdao", Role.LEADER)
    window = DaysOffWindow(database)
    qtbot.addWidget(window)
    assert window.table.rowCount() > 0
    assert not window.add_button.isVisibleTo(window) and not window.remove_button.isEnabled()

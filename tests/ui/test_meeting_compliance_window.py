"""The meeting-compliance window: the short cells of the period, the filter, printing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt

from desktop.db.database import Database
from desktop.reports.catalogue import ReportKind
from desktop.services import clock
from desktop.services.meetings import finalise_meeting, save_meeting
from desktop.ui.meeting_compliance_window import MeetingComplianceWindow
from tests.services.test_meetings import TODAY, _draft, office  # noqa: F401  (fixture)


def test_the_window_lists_the_cells_short_of_meetings(qtbot: Any, database: Database, monkeypatch: Any,
                                                      office: dict[str, int], modals: Any) -> None:  # noqa: F811
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    for day in (dt.date(2026, 7, 10), dt.date(2026, 8, 14), dt.date(2026, 9, 11)):
        saved = save_meeting(database, _draft(office, meeting_date=day, includes_thematic=day.month == 9,
                                              end_time=dt.time(10, 30)))
        finalise_meeting(database, saved.meeting_id, saved.version, today=TODAY)
    window = MeetingComplianceWindow(database)
    qtbot.addWidget(window)
    # The default period is the last quarter ended: 01/07/2026 to 30/09/2026.
    assert window.date_from.date() == QDate(2026, 7, 1) and window.date_to.date() == QDate(2026, 9, 30)
    qtbot.mouseClick(window.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.summary.text() == "2 chi bộ; sinh hoạt đủ 1; chưa đủ 1.", timeout=10_000)
    assert window.table.rowCount() == 1
    assert [window.table.item(0, c).text() for c in range(3)] == [
        "Chi bộ Kinh doanh", "07/2026, 08/2026, 09/2026", "Quý 3/2026"]
    window.short_only.setChecked(False)
    assert window.table.rowCount() == 2
    assert window.table.item(0, 4).text() == "83,33%"
    with qtbot.waitSignal(window.report_requested) as requested:
        qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    request = requested.args[0]
    assert (request.kind, request.period_start, request.as_of) == (
        ReportKind.MEETING_COMPLIANCE, dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    window.date_from.setDate(QDate(2026, 10, 1))
    qtbot.mouseClick(window.show_button, Qt.MouseButton.LeftButton)
    assert modals.texts("show_error") == ["Tình hình sinh hoạt chi bộ Ngày đầu kỳ phải trước ngày cuối kỳ."]

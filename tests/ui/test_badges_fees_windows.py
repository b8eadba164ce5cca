"""The Huy hiệu Đảng and Đảng phí windows: a badge awarded from the due list, a collection
typed in the grid and saved, read back from the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from desktop.db.database import Database
from desktop.models.enums import OrgKind
from desktop.models.fee_rules import FeeBasis
from desktop.models.fees import FeeCategory
from desktop.services import clock
from desktop.services.badges import member_badges
from desktop.services.fees import cell_fee_sheet, save_fee_profile
from desktop.services.members import create_member
from desktop.services.organizations import get_cell_choice
from desktop.ui.badges_window import BadgesWindow
from desktop.ui.fees_window import PAID_COLUMN, RECEIPT_COLUMN, FeesWindow
from tests.builders import add_org, member_draft

D = dt.date
TODAY = D(2026, 12, 2)


def _tree(database: Database) -> tuple[int, int, int]:
    top = add_org(database, "DBK", "Đảng bộ Khối", OrgKind.GRASSROOTS_COMMITTEE)
    cell = add_org(database, "CB1", "Chi bộ Một", OrgKind.SUBORDINATE_CELL, top)
    veteran = create_member(database, member_draft(
        cell, full_name="Nguyễn Văn An", date_of_birth=D(1970, 6, 15), admission_decision_date=D(1996, 12, 20),
        admission_date=D(1996, 12, 30), official_date=D(1997, 12, 30)), today=TODAY).id
    return top, cell, veteran


def test_award_a_badge_from_the_due_list(qtbot: Any, database: Database, monkeypatch: Any, modals: Any) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    _, _, veteran = _tree(database)
    window = BadgesWindow(database)
    qtbot.addWidget(window)
    assert window.occasion.currentText() == "03/02/2027"
    qtbot.mouseClick(window.show_button, Qt.MouseButton.LeftButton)
    assert window.table.rowCount() == 1
    assert window.table.item(0, 0).text() == "Nguyễn Văn An"
    assert window.table.item(0, 4).text() == "30 năm"
    window.table.selectRow(0)
    window.decision_number.setText("125-QĐ/TU")
    qtbot.mouseClick(window.award_button, Qt.MouseButton.LeftButton)
    assert not modals.texts("show_error"), modals.texts("show_error")
    assert modals.texts("show_info") and "1 đảng viên" in modals.texts("show_info")[-1]
    assert [(b.milestone_years, b.decision_number) for b in member_badges(database, veteran)] == [(30, "125-QĐ/TU")]
    assert window.table.rowCount() == 0


def test_record_a_collection_in_the_grid(qtbot: Any, database: Database, monkeypatch: Any, modals: Any) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    _, cell, veteran = _tree(database)
    save_fee_profile(database, veteran, D(2026, 1, 1), FeeBasis(FeeCategory.SALARIED_STATE, 10_000_000))
    window = FeesWindow(database)
    qtbot.addWidget(window)
    window.cell.set_cell(get_cell_choice(database, cell))
    window.month.setDate(D(2026, 11, 1))
    qtbot.mouseClick(window.load_button, Qt.MouseButton.LeftButton)
    assert window.table.rowCount() == 1
    assert window.table.item(0, 2).text() == "100.000"
    window.table.item(0, PAID_COLUMN).setCheckState(Qt.CheckState.Checked)
    window.table.item(0, RECEIPT_COLUMN).setText("PT-77")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    assert not modals.texts("show_error")
    [row] = cell_fee_sheet(database, cell, D(2026, 11, 1))
    assert (row.paid, row.amount_paid, row.receipt_no, row.paid_on) == (True, 100_000, "PT-77", TODAY)
    assert "1/1 đảng viên đã nộp" in window.summary.text()


def test_the_fee_profile_dialog_saves_a_flat_rate(qtbot: Any, database: Database, monkeypatch: Any) -> None:
    from desktop.models.fees import FeeArea
    from desktop.services.fees import fee_profiles
    from desktop.ui.fee_profile_dialog import FeeProfileDialog

    _, _, veteran = _tree(database)
    dialog = FeeProfileDialog(database, veteran, "Nguyễn Văn An")
    qtbot.addWidget(dialog)
    dialog.start.setDate(D(2026, 3, 10))
    dialog.category.setCurrentIndex(list(FeeCategory).index(FeeCategory.OTHER_DOMESTIC))
    dialog.area.setCurrentIndex(list(FeeArea).index(FeeArea.REMOTE))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    [profile] = fee_profiles(database, veteran)
    assert (profile.effective_from, profile.category, profile.area) == (D(2026, 3, 1), FeeCategory.OTHER_DOMESTIC,
                                                                        FeeArea.REMOTE)


def test_printing_asks_the_reports_window_for_the_document(qtbot: Any, database: Database) -> None:
    from desktop.reports.catalogue import ReportKind

    _tree(database)
    badges = BadgesWindow(database)
    qtbot.addWidget(badges)
    with qtbot.waitSignal(badges.report_requested) as emitted:
        badges.print_list()
    [request] = emitted.args
    assert (request.kind, request.as_of) == (ReportKind.BADGES_DUE, badges.occasion.currentData())
    fees = FeesWindow(database)
    qtbot.addWidget(fees)
    with qtbot.waitSignal(fees.report_requested) as emitted:
        fees.print_report()
    [request] = emitted.args
    assert request.kind is ReportKind.FEE_REPORT
    assert request.period_start == request.as_of.replace(month=1) and request.as_of.day == 1

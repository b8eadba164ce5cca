"""The rating window: open a campaign, type a cell's proposals in the grid by keyboard, decide
with the quota shown live and a decision over it refused, drill down in the progress."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt

from desktop.db.database import Database
from desktop.models.evaluations import EvaluationState, Rating
from desktop.services import clock
from desktop.ui.evaluations_window import EvaluationsWindow
from tests.evaluation_builders import PROPOSED_ON, TODAY, Campaign


def _window(qtbot: Any, database: Database) -> EvaluationsWindow:
    window = EvaluationsWindow(database)
    qtbot.addWidget(window)
    return window


def _type(qtbot: Any, view: Any, index: Any, text: str) -> None:
    """Type into a cell as a user does: the key opens the editor, Return commits it."""
    view.setCurrentIndex(index)
    qtbot.keyClicks(view, text)
    editor = view.indexWidget(index)
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None)  # the delegate commits queued


def _open_from_window(qtbot: Any, window: EvaluationsWindow, campaign: Campaign) -> None:
    window.tree.select_org(campaign.grassroots)
    window.year.setValue(2026)
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.work.busy(), timeout=10_000)
    campaign.period = window.period_id()


def test_enter_a_cells_proposals_in_the_grid(qtbot: Any, database: Database, monkeypatch: Any,
                                             modals: Any) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    campaign = Campaign(database, members_a=4, members_b=2)
    window = _window(qtbot, database)
    _open_from_window(qtbot, window, campaign)
    assert window.period.currentText().startswith("Kiểm điểm, đánh giá, xếp loại chất lượng năm 2026")
    assert window.progress_model.data(window.progress_model.index(0, 1)) == "4"
    # Drill down from the progress to the cell: its grid opens.
    window.progress_view.doubleClicked.emit(window.progress_model.index(0, 0))
    assert window.grid_model.total() == 4
    window.tabs.setCurrentIndex(1)
    window.meeting_date.setDate(QDate(2026, 12, 10))
    window.default_cast.setValue(4)
    model = window.grid_model
    for row in range(4):
        _type(qtbot, window.grid, model.index(row, model.SELF), "t")
        _type(qtbot, window.grid, model.index(row, model.PROPOSED), "x" if row == 0 else "t")
    assert model.data(model.index(0, model.PROPOSED)) == "HTXSNV"
    assert model.data(model.index(1, model.SELF)) == "HTTNV"
    assert window.save_button.isEnabled()
    window.save_button.click()  # (tab pages are not laid out in an unshown window)
    assert not modals.texts("show_error"), modals.texts("show_error")
    assert window.message.text() == "Đã lưu 4 dòng."
    saved = campaign.evaluation(campaign.members_a[0])
    assert (saved.state, saved.self_rating, saved.proposed_rating, saved.votes_for, saved.votes_cast) == (
        EvaluationState.PROPOSED, Rating.GOOD, Rating.EXCELLENT, 4, 4)
    assert window.grid_model.data(window.grid_model.index(0, model.STEP)) == "Chi bộ đã đề xuất"
    # Going back a step needs its reason, and is recorded.
    window.grid.setCurrentIndex(model.index(0, model.NAME))
    window.back_button.click()
    assert modals.texts("show_error")[-1].endswith("Không được để trống.")
    window.back_reason.setText("Biểu quyết lại")
    window.grid.setCurrentIndex(model.index(0, model.NAME))
    window.back_button.click()
    assert campaign.evaluation(campaign.members_a[0]).state is EvaluationState.SELF_ASSESSED


def test_the_decision_screen_shows_the_quota_live_and_refuses_to_exceed_it(
    qtbot: Any, database: Database, monkeypatch: Any, modals: Any
) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    campaign = Campaign(database, members_a=25, members_b=0)
    window = _window(qtbot, database)
    _open_from_window(qtbot, window, campaign)
    campaign.propose(campaign.members_a[:20], Rating.GOOD)
    campaign.propose(campaign.members_a[20:], Rating.EXCELLENT)  # 5 excellent, 20 good: limit 4
    window.refresh()
    window.tabs.setCurrentIndex(2)
    assert window.scope.currentText() == "Đảng bộ Công ty Điện lực"
    assert "Hoàn thành xuất sắc: 5 / tối đa 4" in window.quota.text()
    assert "VƯỢT QUÁ TỶ LỆ" in window.quota.text()
    assert not window.decide_button.isEnabled()
    model = window.decision_model
    excellent_row = next(r for r in range(model.rowCount()) if model.row_at(r).proposed_rating is Rating.EXCELLENT)
    _type(qtbot, window.decisions, model.index(excellent_row, model.DECIDED), "t")
    assert "Hoàn thành xuất sắc: 4 / tối đa 4" in window.quota.text()
    assert "VƯỢT" not in window.quota.text()
    assert window.decide_button.isEnabled()
    window.decision_number.setText("12-QĐ/ĐU")
    window.decision_date.setDate(QDate(2026, 12, 15))
    window.decide_button.click()
    qtbot.waitUntil(lambda: not window.work.busy(), timeout=10_000)
    assert not modals.texts("show_error")
    decided = [campaign.evaluation(m).decided_rating for m in campaign.members_a]
    assert decided.count(Rating.EXCELLENT) == 4 and decided.count(Rating.GOOD) == 21
    assert "Không có đề xuất nào chờ quyết định" in window.quota.text() or window.decision_model.total() == 0
    assert PROPOSED_ON < TODAY


def test_bulk_approval_still_respects_the_quota(qtbot: Any, database: Database, monkeypatch: Any,
                                                modals: Any) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    campaign = Campaign(database, members_a=6, members_b=0)
    window = _window(qtbot, database)
    _open_from_window(qtbot, window, campaign)
    campaign.propose(campaign.members_a[:4], Rating.GOOD, votes_for=5, votes_cast=6)
    campaign.propose(campaign.members_a[4:], Rating.EXCELLENT, votes_for=5, votes_cast=6)
    window.refresh()
    window.decision_number.setText("12-QĐ/ĐU")
    window.decision_date.setDate(QDate(2026, 12, 15))
    window.approve_button.click()
    qtbot.waitUntil(lambda: not window.work.busy(), timeout=10_000)
    assert "vượt quá 20%" in modals.texts("show_error")[-1]
    assert campaign.evaluation(campaign.members_a[0]).state is EvaluationState.PROPOSED
    window.close_period_button.click()  # nothing announced yet: refused, with the count
    assert "Còn 8 trường hợp chưa thông báo kết quả" in modals.texts("show_error")[-1]


def test_organisations_are_proposed_and_approved_after_their_members(
    qtbot: Any, database: Database, monkeypatch: Any, modals: Any
) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    campaign = Campaign(database, members_a=3, members_b=0)
    window = _window(qtbot, database)
    _open_from_window(qtbot, window, campaign)
    campaign.propose(campaign.members_a, Rating.GOOD, votes_for=3, votes_cast=3)
    window.subject_choice.setCurrentIndex(1)  # Tổ chức đảng
    model = window.grid_model
    assert [model.row_at(r).name for r in range(model.rowCount())] == ["Chi bộ Kỹ thuật", "Chi bộ Kinh doanh"]
    window.meeting_date.setDate(QDate(2026, 12, 10))
    window.default_cast.setValue(3)
    for row in range(2):
        _type(qtbot, window.grid, model.index(row, model.SELF), "t")
        _type(qtbot, window.grid, model.index(row, model.PROPOSED), "t")
    window.save_button.click()
    assert not modals.texts("show_error")
    window.decision_number.setText("20-QĐ/ĐU")
    window.decision_date.setDate(QDate(2026, 12, 15))
    window.approve_button.click()  # the cells' members are not decided yet: refused
    qtbot.waitUntil(lambda: not window.work.busy(), timeout=10_000)
    assert "chưa được quyết định xếp loại" in modals.texts("show_error")[-1]
    window.subject_choice.setCurrentIndex(0)
    window.approve_button.click()
    qtbot.waitUntil(lambda: not window.work.busy(), timeout=10_000)
    window.subject_choice.setCurrentIndex(1)
    window.approve_button.click()
    qtbot.waitUntil(lambda: not window.work.busy(), timeout=10_000)
    cell = campaign.evaluation(organization_id=campaign.cell_a)
    assert (cell.state, cell.decided_rating) == (EvaluationState.DECIDED, Rating.GOOD)

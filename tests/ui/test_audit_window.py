"""The audit window: reachable by administrators only, lists and filters the trail, shows an
entry's fields before and after, checks the chain in the background and exports CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex
from sqlalchemy import text

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.audit import AuditAction
from desktop.models.enums import OrgKind
from desktop.services.audit import AuditQuery, count_audit_entries, fetch_audit_page
from desktop.services.members import create_member, update_member
from desktop.ui import sign_in
from desktop.ui.audit_model import (
    COL_ACTION,
    COL_CHANGES,
    COL_RECORD,
    COL_TIME,
    COL_USER,
    AuditTableModel,
)
from desktop.ui.audit_window import AuditWindow
from desktop.ui.main_window import MainWindow
from tests.builders import ADMIN_USERNAME, add_account, add_org, member_draft, sign_in_as
from tests.ui.conftest import ModalCalls, open_window

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def trail(database: Database) -> Database:
    """Entries by two users: the administrator adds a member, the clerk edits it."""
    cell = add_org(database, "CB", "Chi bộ Vụ Tổng hợp", OrgKind.GRASSROOTS_CELL)
    record = create_member(database, member_draft(cell, full_name="Trần Văn Ba"), today=TODAY)
    add_account(database, "thuky", Role.OFFICE_CLERK)  # and signs the clerk in
    update_member(database, record.id, record.version, replace(record.draft, phone="0912345678"), today=TODAY)
    sign_in_as(database)
    return database


def column(model: AuditTableModel, col: int) -> list[str]:
    return [model.data(model.index(row, col)) for row in range(model.rowCount())]


@pytest.fixture
def window(qtbot: Any, trail: Database) -> AuditWindow:
    shown = AuditWindow(trail)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_the_window_lists_entries_newest_first(window: AuditWindow, trail: Database) -> None:
    model = window.model
    assert model.rowCount() == count_audit_entries(trail, AuditQuery())
    assert column(model, COL_USER)[0] == "thuky"
    assert column(model, COL_ACTION)[0] == "Sửa"
    assert column(model, COL_RECORD)[0].startswith("Hồ sơ đảng viên #")
    assert "0912345678" in column(model, COL_CHANGES)[0]
    assert dt.datetime.strptime(column(model, COL_TIME)[0], "%d/%m/%Y %H:%M:%S")
    assert window.count_label.text() == f"{model.rowCount()} mục"


def test_filter_by_user_and_action(window: AuditWindow, trail: Database) -> None:
    window.user_combo.setCurrentIndex(window.user_combo.findData("thuky"))
    assert set(column(window.model, COL_USER)) == {"thuky"}
    assert window.model.rowCount() == count_audit_entries(trail, AuditQuery(username="thuky")) >= 1
    window.user_combo.setCurrentIndex(window.user_combo.findData(ADMIN_USERNAME))
    admin_rows = window.model.rowCount()
    assert set(column(window.model, COL_USER)) == {ADMIN_USERNAME} and admin_rows > 1
    window.action_combo.setCurrentIndex(window.action_combo.findData(AuditAction.UPDATE))
    assert window.model.rowCount() == 0
    assert window.count_label.text() == "0 mục"


def test_filter_by_dates_and_a_date_that_cannot_be_read(window: AuditWindow) -> None:
    every = window.model.rowCount()
    window.date_to.setText((dt.date.today() - dt.timedelta(days=1)).strftime("%d/%m/%Y"))
    window.apply_filters()
    assert window.model.rowCount() == 0
    window.date_to.setText("32/13/2026")
    window.apply_filters()
    assert window.date_error.isVisible() and window.model.rowCount() == 0  # the last good query stays
    window.date_to.clear()
    window.date_from.setText(dt.date.today().strftime("%d/%m/%Y"))
    window.apply_filters()
    assert not window.date_error.isVisible() and window.model.rowCount() == every


def test_the_detail_shows_fields_before_and_after(window: AuditWindow) -> None:
    window.table.setCurrentIndex(window.model.index(0, 0))
    fields = window.detail.fields
    rows = [tuple(fields.item(row, col).text() for col in range(3)) for row in range(fields.rowCount())]
    assert ("Điện thoại", "—", "0912345678") in rows
    assert "thuky" in window.detail.heading.text()
    assert "Mã băm" in window.detail.hashes.text()


def test_the_table_fetches_pages_as_it_scrolls(trail: Database) -> None:
    model = AuditTableModel(trail, page_size=2)
    assert model.rowCount() == 2 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    ids = [model.entry(row).id for row in range(model.rowCount())]
    assert ids == [row.id for row in fetch_audit_page(trail, AuditQuery(), limit=4)]
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == count_audit_entries(trail, AuditQuery())


def test_check_runs_in_the_background_and_reports(qtbot: Any, window: AuditWindow, trail: Database,
                                                  modals: ModalCalls) -> None:
    with qtbot.waitSignal(window.checked, timeout=15_000) as signal:
        window.verify_action.trigger()
    assert signal.args[0].ok
    assert "toàn vẹn" in modals.texts("show_info")[-1]

    first = fetch_audit_page(trail, AuditQuery(), limit=1)[0].id
    with trail.engine.begin() as connection:
        if trail.engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER USER"))
        else:
            connection.execute(text("DROP TRIGGER audit_entry_no_update"))
        connection.execute(text("UPDATE audit_entry SET changes = '{}' WHERE id = :id"), {"id": first})
    with qtbot.waitSignal(window.checked, timeout=15_000) as signal:
        window.verify_action.trigger()
    assert signal.args[0].first_broken_id == first
    assert f"mục số {first}" in modals.texts("show_error")[-1]


def test_export_csv_through_the_save_dialog(qtbot: Any, window: AuditWindow, modals: ModalCalls,
                                            tmp_path: Path) -> None:
    out = tmp_path / "nhật-ký.csv"
    modals.answer("choose_csv_save_path", str(out))
    window.user_combo.setCurrentIndex(window.user_combo.findData("thuky"))
    shown = window.model.rowCount()
    with qtbot.waitSignal(window.exported, timeout=15_000):
        window.export_action.trigger()
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert len(raw.decode("utf-8-sig").splitlines()) == shown + 1
    window.user_combo.setCurrentIndex(window.user_combo.findData(None))
    assert column(window.model, COL_ACTION)[0] == "Xuất dữ liệu"  # the export is recorded


def test_the_menu_opens_the_trail_for_an_administrator(main_window: MainWindow) -> None:
    assert main_window.audit_action.isVisible() and main_window.audit_action.isEnabled()
    assert main_window.admin_menu.menuAction().isVisible()
    main_window.audit_action.trigger()
    audit = main_window.workspace().audit  # type: ignore[attr-defined]
    assert isinstance(audit, AuditWindow) and audit.isVisible()
    assert "Ghi hàng loạt" in column(audit.model, COL_ACTION)  # the demo's bulk entry
    assert main_window.workspace().close_forms()


def test_a_clerk_does_not_see_the_trail(qtbot: Any, demo_database_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, modals: ModalCalls) -> None:
    def sign_in_clerk(_window: Any, database: Database) -> bool:
        add_account(database, "thuky", Role.OFFICE_CLERK)
        return True

    monkeypatch.setattr(sign_in, "ensure_signed_in", sign_in_clerk)
    window, controller = open_window(qtbot, str(demo_database_path))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    try:
        assert not window.audit_action.isVisible() and not window.audit_action.isEnabled()
        assert not window.admin_menu.menuAction().isVisible()
    finally:
        window.close()
        controller.close()

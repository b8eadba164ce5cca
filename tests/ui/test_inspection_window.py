"""The inspection window: only the inspection role sees it in the menu; the dashboard, the case
list with overdue rows in red, a case's workspace (steps, decision refused without authority,
the notice printed through the Reports window), the letter registry hiding the sender."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.db.database import Database, open_database
from desktop.models.discipline import DisciplineForm
from desktop.models.inspection import AppealOutcome
from desktop.models.letters import HIDDEN_IDENTITY
from desktop.reports.catalogue import ReportKind
from desktop.services import clock
from desktop.services.access import PermissionDenied
from desktop.services.inspection_cases import open_case
from desktop.services.letters import register_letter
from desktop.ui.inspection_models import OVERDUE_BACKGROUND
from desktop.ui.inspection_window import InspectionWindow
from tests.builders import ACCOUNT_PASSWORD, sign_in_as
from tests.inspection_builders import (
    TODAY,
    Office,
    build_office,
    case_draft,
    concluded_case,
    letter_draft,
)
from tests.ui.conftest import SignIns, open_window


@pytest.fixture
def office(database: Database, monkeypatch: pytest.MonkeyPatch) -> Office:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return build_office(database)


def _open(qtbot: Any, database: Database) -> InspectionWindow:
    window = InspectionWindow(database)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize(("username", "visible"), [("ubkt", True), ("vanthu", False)])
def test_only_the_inspection_role_sees_the_menu_entry(
    qtbot: Any, database_path: Path, sign_ins: SignIns, username: str, visible: bool
) -> None:
    database = open_database(database_path)
    try:
        sign_in_as(database)
        build_office(database)
    finally:
        database.close()
    sign_ins.queue.append((username, ACCOUNT_PASSWORD))
    window, controller = open_window(qtbot, str(database_path))
    try:
        qtbot.waitUntil(window.has_workspace, timeout=15_000)
        action = next(a for a in window.inspection_actions if a.objectName() == "work_inspection")
        assert action.isVisible() is visible and action.isEnabled() is visible
    finally:
        window.close()
        controller.close()


def test_a_clerk_cannot_even_build_the_window(qtbot: Any, database: Database, office: Office) -> None:
    sign_in_as(database, "vanthu")
    with pytest.raises(PermissionDenied):
        InspectionWindow(database)


def test_dashboard_list_and_case_workspace(qtbot: Any, database: Database, office: Office) -> None:
    late = open_case(database, case_draft(office, opened_on=dt.date(2026, 9, 1)), today=TODAY)
    concluded = concluded_case(database, office)
    window = _open(qtbot, database)
    assert window.counts["open_cases"].text() == "2"
    assert window.counts["cases_with_overdue_steps"].text() == "2"
    assert window.case_model.rowCount() == 2
    first = window.case_model.index(0, 0)
    assert first.data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    window.overdue_cases.setChecked(True)
    assert window.case_count.text() == "2 hồ sơ"

    case_window = window.open_case(late)
    assert case_window is not None
    assert case_window.steps.rowCount() == 7
    assert "bước quá hạn" in case_window.warning.text()
    case_window.steps.selectRow(0)
    case_window.step_date.setText("05/09/2026")
    case_window.complete_selected_step()
    assert case_window.steps.item(0, 2).text() == "05/09/2026"
    assert case_window.detail.state.name == "DECIDED"

    decided = window.open_case(concluded)
    assert decided is not None
    decided.decision_form.setCurrentIndex(decided.decision_form.findData(DisciplineForm.EXPULSION))
    decided.decision_body.setText("Chi bộ Vụ Tổng hợp")
    decided.decision_number.setText("02-QĐ/CB")
    decided.decided_on.setText("11/05/2026")
    decided.effective_on.setText("12/05/2026")
    decided.reasons.setText("Vi phạm nghiêm trọng")
    decided.save_decision()
    assert "không có thẩm quyền" in decided.errors.text() and "đề nghị cấp có thẩm quyền" in decided.errors.text()
    decided.proposal.setChecked(True)
    decided.save_decision()
    assert decided.decisions.rowCount() == 1
    assert decided.decisions.item(0, 2).text() == "Đề nghị cấp có thẩm quyền"
    with qtbot.waitSignal(window.report_requested) as signal:
        decided.print_notice.click()
    request = signal.args[0]
    assert (request.kind, request.record_id) == (ReportKind.INSPECTION_NOTICE, concluded)


def test_the_letter_registry_hides_the_sender_from_other_inspectors(
    qtbot: Any, database: Database, office: Office
) -> None:
    register_letter(database, letter_draft(office, received_on=dt.date(2026, 11, 2)), today=TODAY)
    window = _open(qtbot, database)
    assert window.counts["letters_pending"].text() == "1"
    window.letter_view.selectRow(0)
    assert "Trần Văn Bình" in window.letter_detail.toPlainText()
    window.close()
    sign_in_as(database, "ubkt2")
    other = _open(qtbot, database)
    other.letter_view.selectRow(0)
    text = other.letter_detail.toPlainText()
    assert "Trần Văn Bình" not in text and HIDDEN_IDENTITY in text
    other.handling_text.setText("")
    other.handle_selected_letter()  # answered without a result: refused, nothing lost
    assert other.errors.text()
    assert other.letter_model.rowCount() == 1
    # Handed to the second inspector, who now sees the sender.
    other.handler.setCurrentIndex(other.handler.findText("Ubkt2"))
    other.letter_view.selectRow(0)
    other.assign_selected_letter()
    other.letter_view.selectRow(0)
    assert "Trần Văn Bình" in other.letter_detail.toPlainText()


def test_documents_and_appeals_in_the_case_workspace(
    qtbot: Any, database: Database, office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.services.inspection_decisions import record_decision
    from desktop.services.inspection_detail import get_case
    from desktop.ui import inspection_case_window
    from tests.inspection_builders import decision_draft

    case_id = concluded_case(database, office)
    subject = get_case(database, case_id, today=TODAY).subjects[0].id
    record_decision(database, case_id, decision_draft(subject), today=TODAY)
    source = tmp_path / "bien-ban.pdf"
    source.write_bytes(b"%PDF-1.4 minutes")
    copy = tmp_path / "copy.pdf"
    monkeypatch.setattr(inspection_case_window, "choose_document_file", lambda _parent: str(source))
    monkeypatch.setattr(inspection_case_window, "choose_document_copy_path", lambda _parent, _name: str(copy))
    window = _open(qtbot, database)
    case_window = window.open_case(case_id)
    assert case_window is not None
    assert case_window.team.text() == "Tổ kiểm tra: Ubkt"
    case_window.team_member.setCurrentIndex(case_window.team_member.findText("Ubkt2"))
    case_window.add_team_member()
    assert case_window.team.text() == "Tổ kiểm tra: Ubkt, Ubkt2"
    case_window.document_title.setText("Biên bản làm việc với đồng chí Đức")
    case_window.add_document()
    assert case_window.documents.item(0, 1).text() == "Biên bản làm việc với đồng chí Đức"
    case_window.documents.selectRow(0)
    case_window.save_document_copy()
    assert copy.read_bytes() == b"%PDF-1.4 minutes"

    case_window.decisions.selectRow(0)
    case_window.appeal_on.setText("10/06/2026")
    case_window.appeal_resolver.setText("Ban Thường vụ Đảng ủy")
    case_window.lodge_appeal()
    assert case_window.decisions.item(0, 6).text() == "Đang giải quyết"
    case_window.decisions.selectRow(0)
    case_window.appeal_outcome.setCurrentIndex(case_window.appeal_outcome.findData(AppealOutcome.UPHELD))
    case_window.resolve_appeal()
    assert case_window.errors.text()  # no result written: refused, the appeal still pending
    assert case_window.decisions.item(0, 6).text() == "Đang giải quyết"
    case_window.appeal_result.setText("Giữ nguyên hình thức khiển trách")
    case_window.resolve_appeal()
    assert case_window.decisions.item(0, 6).text() == "Giữ nguyên hình thức kỷ luật"


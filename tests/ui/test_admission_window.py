"""The "Phát triển đảng viên" window: a candidate created, taken through every step and admitted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.admission import AdmissionStep
from desktop.models.enums import MemberStatus
from desktop.models.member import Member
from desktop.ui.admission_window import AdmissionWindow
from desktop.ui.work_menu import work_windows
from tests.admission_builders import build_office, step_drafts
from tests.builders import add_account


def _fill_step(window: AdmissionWindow, office: dict[str, int], draft: Any) -> None:
    form = window.case_panel.form
    assert form.step is draft.step
    form.step_date.setText(draft.step_date.strftime("%d/%m/%Y"))
    form.document_number.setText(draft.document_number or "")
    form.issuing_body.setText(draft.issuing_body or "")
    if draft.votes_for is not None:
        form.votes_for.setValue(draft.votes_for)
    if draft.votes_total is not None:
        form.votes_total.setValue(draft.votes_total)
    if draft.step is AdmissionStep.INTRODUCED:
        form.introducer1.set_member_id(office["full1"])
        form.months1.setValue(24)
        form.introducer2.set_member_id(office["full2"])
        form.months2.setValue(18)


def test_a_candidate_goes_through_to_admission(qtbot: Any, database: Database) -> None:
    office = build_office(database)
    assert "admission" in [entry.name for entry in work_windows()]
    window = AdmissionWindow(database)
    qtbot.addWidget(window)
    window.show()
    form = window.candidate
    form.full_name.setText("Nguyễn Thị Hoa")
    form.gender.setCurrentIndex(1)
    form.date_of_birth.setText("10/05/1998")
    form.national_id.setText("001198012345")
    form.cell.set_cell_id(office["cell"])
    form.listed_date.setText("01/09/2025")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 1
    window.table.selectRow(0)
    panel = window.case_panel
    assert panel.form.step is AdmissionStep.COURSE_PASSED

    # A step out of the rules is refused with its message and nothing moves.
    panel.form.step_date.setText("01/10/2025")
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert panel.error.text() == "Ghi số của văn bản."
    assert panel.steps.rowCount() == 0

    for draft in step_drafts(office):
        _fill_step(window, office, draft)
        qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
        assert panel.error.text() == "", panel.error.text()
    assert panel.steps.rowCount() == 8
    assert panel.steps.item(7, 2).text() == "102-QĐ/ĐU"
    assert "30 ngày làm việc kể từ quyết định kết nạp 01/06/2026" in panel.deadline.text()
    assert panel.record_button.text() == "Kết nạp"

    panel.form.step_date.setText("15/06/2026")
    panel.form.issuing_body.setText("Hội trường Bộ A")
    panel.form.mentor.set_member_id(office["full3"])
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert panel.error.text() == ""
    assert "Đã kết nạp" in panel.heading.text()
    assert window.model.rowCount() == 0  # no longer among the open cases
    with database.reading() as session:
        member = session.scalars(select(Member).where(Member.full_name == "Nguyễn Thị Hoa")).one()
        assert member.status is MemberStatus.PROBATIONARY
        assert member.cell_id == office["cell"]


def test_a_leader_reads_the_list_but_cannot_record(qtbot: Any, database: Database) -> None:
    office = build_office(database)
    from tests.admission_builders import new_case

    new_case(database, office)
    add_account(database, "lanhdao", Role.LEADER)
    window = AdmissionWindow(database)
    qtbot.addWidget(window)
    assert not window.new_button.isEnabled()
    window.table.selectRow(0)
    assert window.case_panel.form.step is AdmissionStep.COURSE_PASSED
    assert not window.case_panel.record_button.isEnabled()
    assert not window.candidate.save_button.isEnabled()


def test_the_decision_is_printed_from_the_case(qtbot: Any, database: Database, modals: Any,
                                               tmp_path: Any) -> None:
    from tests.admission_builders import new_case, run_steps

    office = build_office(database)
    run_steps(database, new_case(database, office), step_drafts(office))
    window = AdmissionWindow(database)
    qtbot.addWidget(window)
    window.table.selectRow(0)
    panel = window.case_panel
    assert not panel.print_button.isHidden()
    target = tmp_path / "qd.pdf"
    modals.answer("choose_pdf_save_path", str(target))
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    assert target.exists() and target.stat().st_size > 1000
    assert "show_info" in modals.names()

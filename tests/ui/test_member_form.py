"""The member form: messages under fields, conflicts, unsaved changes, the cell picker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt

from desktop.db.database import Database
from desktop.models.dates import add_months, format_date
from desktop.models.enums import MemberStatus
from desktop.services.members import MemberListQuery, fetch_member_rows, get_member
from desktop.texts import concurrent_edit_message
from desktop.ui.member_form import MemberForm
from tests.ui.conftest import ModalCalls


def first_official(database: Database, offset: int = 0) -> int:
    rows = fetch_member_rows(database, MemberListQuery(statuses=(MemberStatus.FULL,)), offset, 1)
    return rows[0].id


@pytest.fixture
def open_form(qtbot: Any, modals: ModalCalls) -> Iterator[Callable[..., MemberForm]]:
    opened: list[MemberForm] = []

    def opener(database: Database, member_id: int | None) -> MemberForm:
        form = MemberForm(database, member_id)
        opened.append(form)
        form.show()
        qtbot.waitExposed(form)
        form.activateWindow()
        qtbot.waitUntil(form.isActiveWindow)
        return form

    yield opener
    # Forms close themselves (and are deleted) on Esc; those a test left open close here,
    # edits discarded without a question.
    modals.answer("ask_discard_changes", *[True] * len(opened))
    for form in opened:
        if shiboken6.isValid(form):
            form.close()


def test_a_nine_digit_national_id_is_refused_under_its_field(
    qtbot: Any, demo_database: Database, open_form: Callable[..., MemberForm]
) -> None:
    member_id = first_official(demo_database)
    before = get_member(demo_database, member_id)
    form = open_form(demo_database, member_id)
    form.tabs.setCurrentIndex(3)
    national_id = form.fields["national_id"]
    national_id.editor.setText("")
    qtbot.keyClicks(national_id.editor, "123456789")
    assert not form.save()
    assert national_id.error.isVisibleTo(form)
    assert "phải gồm đúng 12 chữ số" in national_id.error.text()
    assert form.tabs.currentIndex() == national_id.page == 0  # its tab is brought forward
    assert national_id.editor.hasFocus()
    assert form.isVisible()
    after = get_member(demo_database, member_id)
    assert after.version == before.version and after.draft.national_id == before.draft.national_id


def test_an_official_date_inside_the_probation_year_names_the_earliest_date(
    qtbot: Any, demo_database: Database, open_form: Callable[..., MemberForm]
) -> None:
    member_id = first_official(demo_database, 1)
    before = get_member(demo_database, member_id).draft
    form = open_form(demo_database, member_id)
    official = form.fields["official_date"]
    official.editor.setText(format_date(add_months(before.admission_date, 3)))
    assert not form.save()
    earliest = format_date(add_months(before.admission_date, 12))
    assert (
        f"Ngày chính thức phải sau khi hết 12 tháng dự bị, tức là từ ngày {earliest}"
        in official.error.text()
    )
    assert form.tabs.currentIndex() == official.page
    assert "có 1 chỗ cần sửa" in form.general_error.text()
    assert get_member(demo_database, member_id).draft.official_date == before.official_date


def test_an_unreadable_date_is_reported_before_anything_is_sent(
    qtbot: Any, demo_database: Database, open_form: Callable[..., MemberForm]
) -> None:
    form = open_form(demo_database, first_official(demo_database))
    field = form.fields["youth_union_join_date"]
    field.editor.setText("31/02/2001")
    field.editor.editingFinished.emit()
    assert "Không đọc được ngày" in field.error.text()
    assert not form.save()
    birth = form.fields["date_of_birth"]
    birth.editor.setText("1975")
    assert birth.input_problem() is None
    birth.editor.setText("13/1975")
    assert "tháng/năm" in (birth.input_problem() or "")


def test_the_second_of_two_concurrent_saves_is_refused_and_the_first_kept(
    qtbot: Any, demo_database: Database, modals: ModalCalls, open_form: Callable[..., MemberForm]
) -> None:
    member_id = first_official(demo_database, 2)
    first = open_form(demo_database, member_id)
    second = open_form(demo_database, member_id)
    first.fields["work_unit"].editor.setText("Văn phòng Bộ")
    second.fields["work_unit"].editor.setText("Vụ Pháp chế")
    assert first.save()
    modals.answer("ask_reload_after_conflict", False)
    assert not second.save()
    assert modals.texts("ask_reload_after_conflict") == [concurrent_edit_message()]
    assert get_member(demo_database, member_id).draft.work_unit == "Văn phòng Bộ"
    assert second.fields["work_unit"].editor.text() == "Vụ Pháp chế"  # kept for the user to compare
    modals.answer("ask_reload_after_conflict", True)
    assert not second.save()
    assert second.fields["work_unit"].editor.text() == "Văn phòng Bộ"  # reloaded
    second.fields["work_unit"].editor.setText("Vụ Pháp chế")
    assert second.save()
    assert get_member(demo_database, member_id).draft.work_unit == "Vụ Pháp chế"


def test_escape_asks_before_discarding_changes(
    qtbot: Any, demo_database: Database, modals: ModalCalls, open_form: Callable[..., MemberForm]
) -> None:
    member_id = first_official(demo_database)
    form = open_form(demo_database, member_id)
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # nothing changed: closes without a question
    assert not form.isVisible() and modals.calls == []

    form = open_form(demo_database, member_id)
    form.fields["phone"].editor.setText("0900000000")
    modals.answer("ask_discard_changes", False)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible() and modals.names() == ["ask_discard_changes"]
    modals.answer("ask_discard_changes", True)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert get_member(demo_database, member_id).draft.phone != "0900000000"


def test_the_cell_is_picked_by_typing_part_of_its_name(
    qtbot: Any, demo_database: Database, open_form: Callable[..., MemberForm]
) -> None:
    member_id = first_official(demo_database)
    record = get_member(demo_database, member_id)
    form = open_form(demo_database, member_id)
    picker = form.fields["cell_id"].editor
    assert picker.cell_id() == record.draft.cell_id
    form.tabs.setCurrentIndex(form.fields["cell_id"].page)
    picker.setFocus()
    picker.clear()
    qtbot.keyClicks(picker, "chi bo")
    assert picker.cell_id() is None and picker.has_unchosen_text()
    qtbot.waitUntil(lambda: picker.suggestions.rowCount() > 0, timeout=3000)
    assert not form.save()
    assert "chọn một chi bộ" in form.fields["cell_id"].error.text()
    picker.choose_row(0)
    assert picker.cell_id() is not None
    chosen = picker.cell_id()
    assert form.save()
    assert get_member(demo_database, member_id).draft.cell_id == chosen


def test_a_new_member_form_requires_the_core_fields(
    qtbot: Any, demo_database: Database, open_form: Callable[..., MemberForm]
) -> None:
    form = open_form(demo_database, None)
    assert form.tabs.count() == 5  # no history tab before the record exists
    assert not form.save()
    for name in ("full_name", "gender", "date_of_birth", "admission_date"):
        assert form.fields[name].error.text() == "Không được để trống."
    assert "phải sinh hoạt tại một chi bộ" in form.fields["cell_id"].error.text()
    assert form.tabs.currentIndex() == 0 and form.fields["full_name"].editor.hasFocus()

"""The letter registry: deadlines, the one extension, handling, anonymous letters registered as
not eligible, the sender's identity shown only to the inspectors on the letter or its case and
redacted in the audit trail, and nothing for anyone outside the inspection role."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.audit import AuditAction, AuditEntry
from desktop.models.inspection import StepKind
from desktop.models.letters import HIDDEN_IDENTITY, LetterKind, LetterStatus
from desktop.models.problems import ProblemCode
from desktop.services.access import PermissionDenied
from desktop.services.errors import ValidationFailed
from desktop.services.inspection_cases import assign_case, open_case
from desktop.services.inspection_detail import get_case
from desktop.services.inspection_list import (
    LetterListQuery,
    count_letters,
    dashboard_counts,
    fetch_letter_rows,
)
from desktop.services.letters import (
    assign_letter,
    extend_letter,
    get_letter,
    handle_letter,
    register_letter,
)
from desktop.services.search import search_members
from tests.builders import sign_in_as
from tests.inspection_builders import TODAY, Office, build_office, case_draft, letter_draft


@pytest.fixture
def office(database: Database) -> Office:
    return build_office(database)


def refused_codes(call: object) -> list[ProblemCode]:
    with pytest.raises(ValidationFailed) as refused:
        call()  # type: ignore[operator]
    return [problem.code for problem in refused.value.problems]


def test_a_denunciation_is_due_in_ninety_working_days_and_extends_once(database: Database, office: Office) -> None:
    letter_id = register_letter(database, letter_draft(office), today=TODAY)
    letter = get_letter(database, letter_id)
    assert letter.number == "001/2026" and letter.status is LetterStatus.RECEIVED
    # 90 working days from Tuesday 01/09/2026 are 18 weeks, plus the days off 01-02/09 and 01/01.
    assert letter.due_on == dt.date(2027, 1, 8)
    assert letter.concerned == "Lê Văn Đức"
    assert extend_letter(database, letter_id) == dt.date(2027, 2, 26)  # 30 more, five Tết days off
    assert refused_codes(lambda: extend_letter(database, letter_id)) == [ProblemCode.LETTER_ALREADY_EXTENDED]


def test_an_anonymous_letter_is_registered_as_not_eligible_not_dropped(database: Database, office: Office) -> None:
    letter_id = register_letter(database, letter_draft(office, is_anonymous=True, sender_name=None,
                                                       sender_address=None), today=TODAY)
    letter = get_letter(database, letter_id)
    assert (letter.status, letter.due_on) == (LetterStatus.NOT_ELIGIBLE, None)
    assert count_letters(database, LetterListQuery(pending_only=False), today=TODAY) == 1
    assert refused_codes(lambda: register_letter(database, letter_draft(office, is_anonymous=True),
                                                 today=TODAY)) == [ProblemCode.LETTER_ANONYMOUS_WITH_SENDER]


def test_handling_needs_its_reason_destination_or_result(database: Database, office: Office) -> None:
    letter_id = register_letter(database, letter_draft(office, kind=LetterKind.PETITION), today=TODAY)
    on = dt.date(2026, 9, 10)
    assert refused_codes(lambda: handle_letter(database, letter_id, LetterStatus.NOT_ELIGIBLE, on, today=TODAY)) == [
        ProblemCode.LETTER_REASON_REQUIRED]
    assert refused_codes(lambda: handle_letter(database, letter_id, LetterStatus.FORWARDED, on, today=TODAY)) == [
        ProblemCode.REQUIRED]
    handle_letter(database, letter_id, LetterStatus.FORWARDED, on, forwarded_to="Ủy ban Kiểm tra Đảng ủy Khối",
                  today=TODAY)
    assert get_letter(database, letter_id).forwarded_to == "Ủy ban Kiểm tra Đảng ủy Khối"
    assert refused_codes(lambda: handle_letter(database, letter_id, LetterStatus.FILED, on, today=TODAY)) == [
        ProblemCode.LETTER_NOT_PENDING]


def test_the_sender_is_visible_to_the_handler_and_the_case_team_only(database: Database, office: Office) -> None:
    letter_id = register_letter(database, letter_draft(office), today=TODAY)
    assert get_letter(database, letter_id).sender_name == "Trần Văn Bình"
    sign_in_as(database, "ubkt2")
    hidden = get_letter(database, letter_id)
    assert (hidden.sender_name, hidden.sender_address, hidden.sender_visible) == (
        HIDDEN_IDENTITY, HIDDEN_IDENTITY, False)
    assert hidden.summary  # the content is there for every inspector
    # Assigned to the case opened from the letter: now the second inspector sees it.
    sign_in_as(database, "ubkt")
    case_id = open_case(database, case_draft(office, letter_id=letter_id, opened_on=dt.date(2026, 11, 2)),
                        today=TODAY)
    assert get_letter(database, letter_id).status is LetterStatus.CASE_OPENED
    steps = {step.kind: step.due_on for step in get_case(database, case_id, today=TODAY).steps}
    letter_deadline = get_letter(database, letter_id).due_on
    # Opened late: the denunciation's 90 working days bound the conclusion and its notice.
    assert steps[StepKind.NOTIFICATION] == steps[StepKind.CONCLUSION] == letter_deadline
    assert steps[StepKind.DECISION] < letter_deadline
    assert refused_codes(lambda: open_case(database, case_draft(office, letter_id=letter_id), today=TODAY)) == [
        ProblemCode.LETTER_NOT_PENDING]  # one case per letter
    sign_in_as(database, "ubkt2")
    assert get_letter(database, letter_id).sender_name == HIDDEN_IDENTITY
    sign_in_as(database, "ubkt")
    with database.reading() as session:
        from desktop.models.accounts import UserAccount

        second_id = session.scalars(select(UserAccount.id).where(UserAccount.username == "ubkt2")).one()
    assign_case(database, case_id, second_id)  # on the case team: sees the denouncer
    assert get_case(database, case_id, today=TODAY).team == ("Ubkt", "Ubkt2")
    sign_in_as(database, "ubkt2")
    assert get_letter(database, letter_id).sender_name == "Trần Văn Bình"
    sign_in_as(database, "ubkt")
    with database.reading() as session:
        from desktop.models.accounts import UserAccount

        second = session.scalars(select(UserAccount.id).where(UserAccount.username == "ubkt2")).one()
        clerk = session.scalars(select(UserAccount.id).where(UserAccount.username == "vanthu")).one()
    assign_letter(database, letter_id, second)
    with pytest.raises(PermissionDenied):
        assign_letter(database, letter_id, clerk)  # a clerk may never handle one
    sign_in_as(database, "ubkt2")
    assert get_letter(database, letter_id).sender_name == "Trần Văn Bình"
    with database.reading() as session:
        changes = list(session.scalars(select(AuditEntry.changes).where(AuditEntry.record_type == "complaint_letter")))
        reads = session.scalar(select(AuditEntry.id).where(
            AuditEntry.record_type == "complaint_letter", AuditEntry.action == AuditAction.READ).limit(1))
    assert changes and not any("Bình" in text or "Lý Thường Kiệt" in text for text in changes)
    assert reads is not None


def test_the_registry_lists_pending_letters_by_deadline_and_the_dashboard_counts_them(
    database: Database, office: Office
) -> None:
    late = register_letter(database, letter_draft(office, kind=LetterKind.PETITION,
                                                  received_on=dt.date(2026, 9, 1)), today=TODAY)
    soon = register_letter(database, letter_draft(office, kind=LetterKind.PETITION,
                                                  received_on=dt.date(2026, 10, 20)), today=TODAY)
    later = register_letter(database, letter_draft(office), today=TODAY)
    rows = fetch_letter_rows(database, LetterListQuery(), 0, 10, today=TODAY)
    assert [r.id for r in rows] == [late, soon, later]
    assert [r.overdue for r in rows] == [True, False, False]
    assert "Bình" not in repr(rows)  # no identity in list rows
    assert [r.id for r in fetch_letter_rows(database, LetterListQuery(due_soon_only=True), 0, 10, today=TODAY)] == [soon]
    counts = dashboard_counts(database, today=TODAY)
    assert (counts.letters_pending, counts.letters_due_soon, counts.letters_overdue) == (3, 1, 1)


@pytest.mark.parametrize("username", ["vanthu", "quantri"])
def test_nobody_outside_the_inspection_role_sees_a_letter_or_its_count(
    database: Database, office: Office, username: str
) -> None:
    letter_id = register_letter(database, letter_draft(office), today=TODAY)
    sign_in_as(database, username)
    calls = [
        lambda: register_letter(database, letter_draft(office), today=TODAY),
        lambda: get_letter(database, letter_id),
        lambda: extend_letter(database, letter_id),
        lambda: handle_letter(database, letter_id, LetterStatus.FILED, TODAY, today=TODAY),
        lambda: count_letters(database, LetterListQuery()),
        lambda: fetch_letter_rows(database, LetterListQuery(), 0, 10),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    # The global search finds members, never a letter's or a case's words.
    assert [hit.full_name for hit in search_members(database, "binh")] == []
    assert [hit.full_name for hit in search_members(database, "duc")] == ["Lê Văn Đức"]

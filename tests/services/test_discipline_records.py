"""Discipline decisions: the forms each subject may receive, the history event, the facts the
annual rating reads (one violation counts once, annulled decisions no longer count)."""

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.discipline import DisciplineForm
from desktop.models.enums import CommitteeRole, MemberEventKind, MemberStatus, OrgKind
from desktop.models.member import CommitteeMembership, Member
from desktop.models.problems import Problem, ProblemCode
from desktop.services.access import PermissionDenied
from desktop.services.discipline_records import (
    DisciplineDraft,
    annul_discipline,
    member_discipline_in_years,
    organization_discipline_in_years,
    record_discipline,
)
from desktop.services.errors import ValidationFailed
from desktop.services.member_events import member_timeline
from desktop.services.members import create_member
from desktop.texts import problem_message
from tests.builders import add_account, add_org, member_draft

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def cell(database: Database) -> int:
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.GRASSROOTS_COMMITTEE)
    return add_org(database, "K.1", "Chi bộ Văn phòng", OrgKind.SUBORDINATE_CELL, root)


def decision(form: DisciplineForm, **changes: object) -> DisciplineDraft:
    values: dict[str, object] = {
        "form": form, "deciding_body": "Chi bộ Văn phòng", "decision_number": "05-QĐ/CB",
        "decided_on": dt.date(2026, 3, 10), "effective_on": dt.date(2026, 3, 12),
        "violation_summary": "Vi phạm quy định về những điều đảng viên không được làm",
        "violation_on": dt.date(2025, 11, 20),
    }
    values.update(changes)
    return DisciplineDraft(**values)  # type: ignore[arg-type]


def refused_codes(call: object) -> list[ProblemCode]:
    with pytest.raises(ValidationFailed) as refused:
        call()  # type: ignore[operator]
    return [problem.code for problem in refused.value.problems]


def test_a_warning_is_written_in_the_history_and_caps_that_years_rating(database: Database, cell: int) -> None:
    member_id = create_member(database, member_draft(cell), today=TODAY).id
    record_discipline(database, decision(DisciplineForm.WARNING, member_id=member_id), today=TODAY)
    last = member_timeline(database, member_id)[-1]
    assert (last.kind, last.effective_date) == (MemberEventKind.WARNED, dt.date(2026, 3, 12))
    with database.reading() as session:
        facts = member_discipline_in_years(session, [member_id], 2026, 2026)
        assert [(f.form, f.caps_rating) for f in facts[member_id]] == [(DisciplineForm.WARNING, True)]
        assert member_discipline_in_years(session, [member_id], 2025, 2025) == {}
        # A SELECT of ids (a whole subtree) works as well as a list.
        assert member_id in member_discipline_in_years(session, select(Member.id), 2026, 2026)


def test_one_violation_counts_once_and_an_annulled_decision_no_longer_counts(
    database: Database, cell: int
) -> None:
    member_id = create_member(database, member_draft(cell), today=TODAY).id
    record_id = record_discipline(database, decision(
        DisciplineForm.REPRIMAND, member_id=member_id, rating_year=2025, self_remedied=True), today=TODAY)
    with database.reading() as session:
        assert member_discipline_in_years(session, [member_id], 2026, 2026) == {}
        (fact,) = member_discipline_in_years(session, [member_id], 2025, 2025)[member_id]
        assert fact.caps_rating is False  # detected and remedied by the member
    annul_discipline(database, record_id, dt.date(2026, 6, 1), "Cấp trên hủy quyết định khi giải quyết khiếu nại")
    with database.reading() as session:
        assert member_discipline_in_years(session, [member_id], 2025, 2025) == {}


def test_an_expulsion_ends_the_membership(database: Database, cell: int) -> None:
    member_id = create_member(database, member_draft(cell), today=TODAY).id
    record_discipline(database, decision(DisciplineForm.EXPULSION, member_id=member_id,
                                         deciding_body="Ủy ban Kiểm tra Đảng ủy Khối"), today=TODAY)
    with database.reading() as session:
        assert session.get(Member, member_id).status is MemberStatus.EXPELLED  # type: ignore[union-attr]


def test_forms_are_refused_where_the_statute_does_not_allow_them(database: Database, cell: int) -> None:
    probationer = create_member(database, member_draft(
        cell, full_name="Lê Văn Dự", admission_decision_date=dt.date(2026, 1, 5),
        admission_date=dt.date(2026, 1, 15), official_date=None), today=TODAY).id
    official = create_member(database, member_draft(cell, full_name="Trần Thị Chính"), today=TODAY).id
    assert refused_codes(lambda: record_discipline(
        database, decision(DisciplineForm.EXPULSION, member_id=probationer), today=TODAY)) == [
        ProblemCode.DISCIPLINE_FORM_NOT_FOR_PROBATIONARY]
    assert refused_codes(lambda: record_discipline(
        database, decision(DisciplineForm.DISSOLUTION, member_id=official), today=TODAY)) == [
        ProblemCode.DISCIPLINE_FORM_NOT_FOR_SUBJECT]
    assert refused_codes(lambda: record_discipline(
        database, decision(DisciplineForm.DISMISSAL, member_id=official), today=TODAY)) == [
        ProblemCode.DISCIPLINE_DISMISSAL_WITHOUT_POST]
    assert refused_codes(lambda: record_discipline(
        database, decision(DisciplineForm.EXPULSION, organization_id=cell), today=TODAY)) == [
        ProblemCode.DISCIPLINE_FORM_NOT_FOR_SUBJECT]
    message = problem_message(Problem("form", ProblemCode.DISCIPLINE_FORM_NOT_FOR_PROBATIONARY,
                                      {"form": DisciplineForm.EXPULSION}))
    assert message.startswith("Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo, không “khai trừ”")
    assert member_timeline(database, official)[-1].kind is MemberEventKind.RECOGNISED_FULL  # nothing written


def test_a_committee_member_may_be_dismissed_from_the_post(database: Database, cell: int) -> None:
    member_id = create_member(database, member_draft(cell), today=TODAY).id
    with database.transaction() as session:
        session.add(CommitteeMembership(organization_id=cell, member_id=member_id, role=CommitteeRole.SECRETARY,
                                        start_date=dt.date(2025, 6, 1)))
    record_discipline(database, decision(DisciplineForm.DISMISSAL, member_id=member_id), today=TODAY)
    assert member_timeline(database, member_id)[-1].kind is MemberEventKind.DISMISSED_FROM_POST


def test_dates_must_be_in_order_and_not_ahead(database: Database, cell: int) -> None:
    member_id = create_member(database, member_draft(cell), today=TODAY).id
    codes = refused_codes(lambda: record_discipline(database, decision(
        DisciplineForm.WARNING, member_id=member_id, effective_on=dt.date(2026, 3, 1),
        violation_on=dt.date(2026, 4, 1), rating_year=2024), today=TODAY))
    assert codes == [ProblemCode.DISCIPLINE_EFFECTIVE_BEFORE_DECISION, ProblemCode.DISCIPLINE_VIOLATION_AFTER_DECISION,
                     ProblemCode.DISCIPLINE_RATING_YEAR]
    codes = refused_codes(lambda: record_discipline(database, decision(
        DisciplineForm.WARNING, member_id=member_id, decided_on=dt.date(2027, 1, 5),
        effective_on=dt.date(2027, 1, 6)), today=TODAY))
    assert codes == [ProblemCode.DATE_IN_FUTURE, ProblemCode.DATE_IN_FUTURE]


def test_an_organisation_warned_counts_for_its_year(database: Database, cell: int) -> None:
    record_discipline(database, decision(DisciplineForm.WARNING, organization_id=cell,
                                         deciding_body="Ban Thường vụ Đảng ủy Khối"), today=TODAY)
    with database.reading() as session:
        assert [f.form for f in organization_discipline_in_years(session, [cell], 2026, 2026)[cell]] == [
            DisciplineForm.WARNING]


def test_a_leader_may_not_record_discipline(database: Database, cell: int) -> None:
    member_id = create_member(database, member_draft(cell), today=TODAY).id
    add_account(database, "lanhdao", Role.LEADER)
    with pytest.raises(PermissionDenied):
        record_discipline(database, decision(DisciplineForm.WARNING, member_id=member_id), today=TODAY)

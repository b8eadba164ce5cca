"""Inspection cases through the services: steps and their deadlines, the conclusion, decisions
written into the member's record (capping the rating, expulsion ending the membership),
authority and limitation refusals, appeals, documents, the audit of reads, and nobody outside
the inspection role (or its subtree) seeing anything."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.audit import AuditAction, AuditEntry
from desktop.models.discipline import DisciplineForm
from desktop.models.enums import MemberStatus, OrgKind
from desktop.models.inspection import (
    AppealOutcome,
    CaseDocumentKind,
    CaseState,
    DecidingBodyKind,
    DecisionStatus,
    Seriousness,
    StepKind,
)
from desktop.models.member import Member
from desktop.models.problems import ProblemCode
from desktop.services.access import PermissionDenied
from desktop.services.discipline_records import member_discipline_in_years
from desktop.services.errors import ValidationFailed
from desktop.services.inspection_cases import (
    ConclusionDraft,
    add_document,
    archive_case,
    complete_step,
    open_case,
    record_conclusion,
)
from desktop.services.inspection_decisions import lodge_appeal, record_decision, resolve_appeal
from desktop.services.inspection_detail import document_content, get_case
from desktop.services.inspection_list import (
    CaseListQuery,
    count_cases,
    dashboard_counts,
    fetch_case_rows,
)
from tests.builders import add_account, add_org, sign_in_as
from tests.inspection_builders import (
    TODAY,
    Office,
    build_office,
    case_draft,
    concluded_case,
    decision_draft,
)


@pytest.fixture
def office(database: Database) -> Office:
    return build_office(database)


def refused_codes(call: object) -> list[ProblemCode]:
    with pytest.raises(ValidationFailed) as refused:
        call()  # type: ignore[operator]
    return [problem.code for problem in refused.value.problems]


def test_a_case_opens_with_its_subject_and_dated_steps_and_moves_along(database: Database, office: Office) -> None:
    case_id = open_case(database, case_draft(office), today=TODAY)
    detail = get_case(database, case_id, today=dt.date(2026, 3, 2))
    assert detail.number == "01/2026" and detail.state is CaseState.DETECTED
    assert [s.kind for s in detail.steps] == list(StepKind)
    assert detail.steps[0].due_on == dt.date(2026, 3, 9)  # 5 working days
    assert [s.name for s in detail.subjects] == ["Lê Văn Đức"]
    complete_step(database, case_id, StepKind.DECISION, dt.date(2026, 3, 5), "QĐ số 02", today=TODAY)
    complete_step(database, case_id, StepKind.PLAN, dt.date(2026, 3, 10), today=TODAY)
    detail = get_case(database, case_id, today=dt.date(2026, 3, 30))
    assert detail.state is CaseState.PLANNED
    assert [s.overdue for s in detail.steps[:3]] == [False, False, True]  # TEAM due 23/03
    assert detail.steps[0].note == "QĐ số 02"
    assert open_case(database, case_draft(office), today=TODAY) != case_id
    assert refused_codes(lambda: complete_step(database, case_id, StepKind.TEAM, dt.date(2026, 3, 1),
                                               today=TODAY)) == [ProblemCode.INSPECTION_DATE_BEFORE_OPENED]
    assert refused_codes(lambda: open_case(database, case_draft(office, subjects=(), title=" "), today=TODAY)) == [
        ProblemCode.REQUIRED, ProblemCode.INSPECTION_SUBJECT_REQUIRED]


def test_a_reprimand_by_the_cell_is_written_into_the_record_and_caps_the_rating(
    database: Database, office: Office
) -> None:
    case_id = concluded_case(database, office)
    detail = get_case(database, case_id, today=TODAY)
    assert detail.state is CaseState.DISCIPLINE_OPENED and detail.notice_sequence == 1
    decision_id = record_decision(database, case_id, decision_draft(detail.subjects[0].id), today=TODAY)
    decision = get_case(database, case_id, today=TODAY).decisions[0]
    assert decision.id == decision_id and decision.status is DecisionStatus.DECIDED
    assert decision.appeal_deadline == dt.date(2026, 6, 23)  # 30 working days after 12/05
    with database.reading() as session:
        facts = member_discipline_in_years(session, [office.member], 2026, 2026)[office.member]
    assert [(f.form, f.caps_rating) for f in facts] == [(DisciplineForm.REPRIMAND, True)]
    assert refused_codes(lambda: record_decision(database, case_id, decision_draft(detail.subjects[0].id),
                                                 today=TODAY)) == [ProblemCode.INSPECTION_DECISION_EXISTS]


def test_a_cell_cannot_expel_but_may_propose_and_the_superior_ic_expels(database: Database, office: Office) -> None:
    case_id = concluded_case(database, office)
    subject = get_case(database, case_id, today=TODAY).subjects[0].id
    expel = decision_draft(subject, form=DisciplineForm.EXPULSION)
    assert refused_codes(lambda: record_decision(database, case_id, expel, today=TODAY)) == [
        ProblemCode.INSPECTION_NO_AUTHORITY]
    record_decision(database, case_id, decision_draft(subject, form=DisciplineForm.EXPULSION, proposal=True),
                    today=TODAY)
    with database.reading() as session:
        assert session.get(Member, office.member).status is MemberStatus.FULL  # a proposal changes nothing
    record_decision(database, case_id, decision_draft(
        subject, form=DisciplineForm.EXPULSION, deciding_body_kind=DecidingBodyKind.SUPERIOR_IC,
        deciding_body="Ủy ban Kiểm tra Đảng ủy Khối", decision_number="15-QĐ/UBKTĐUK"), today=TODAY)
    with database.reading() as session:
        assert session.get(Member, office.member).status is MemberStatus.EXPELLED
    statuses = [d.status for d in get_case(database, case_id, today=TODAY).decisions]
    assert statuses == [DecisionStatus.PROPOSED, DecisionStatus.DECIDED]


def test_a_decision_whose_secret_ballot_did_not_pass_is_refused(database: Database, office: Office) -> None:
    case_id = concluded_case(database, office)
    subject = get_case(database, case_id, today=TODAY).subjects[0].id
    assert refused_codes(lambda: record_decision(database, case_id, decision_draft(
        subject, voters=8, votes_for=4), today=TODAY)) == [ProblemCode.INSPECTION_VOTE_NOT_REACHED]
    record_decision(database, case_id, decision_draft(subject, voters=8, votes_for=5), today=TODAY)
    decision = get_case(database, case_id, today=TODAY).decisions[0]
    assert decision.status is DecisionStatus.DECIDED


def test_a_time_barred_decision_is_refused_unless_the_case_says_why(database: Database, office: Office) -> None:
    old = concluded_case(database, office, violation_on=dt.date(2021, 5, 10))
    subject = get_case(database, old, today=TODAY).subjects[0].id
    assert refused_codes(lambda: record_decision(database, old, decision_draft(subject), today=TODAY)) == [
        ProblemCode.INSPECTION_TIME_BARRED]
    on_the_day = decision_draft(subject, decided_on=dt.date(2026, 5, 10), effective_on=dt.date(2026, 5, 11))
    record_decision(database, old, on_the_day, today=TODAY)  # exactly at the limit
    exempt = concluded_case(database, office, violation_on=dt.date(2015, 1, 1),
                            no_limitation_reason="Vi phạm về bảo vệ chính trị nội bộ")
    subject = get_case(database, exempt, today=TODAY).subjects[0].id
    assert record_decision(database, exempt, decision_draft(subject, form=DisciplineForm.WARNING), today=TODAY)


def test_appeals_in_time_are_pending_late_ones_not_accepted_and_annulment_lifts_the_cap(
    database: Database, office: Office
) -> None:
    case_id = concluded_case(database, office)
    subject = get_case(database, case_id, today=TODAY).subjects[0].id
    decision_id = record_decision(database, case_id, decision_draft(subject), today=TODAY)
    late = lodge_appeal(database, decision_id, dt.date(2026, 6, 24), "Ban Thường vụ Đảng ủy", today=TODAY)
    appeal = lodge_appeal(database, decision_id, dt.date(2026, 6, 23), "Ban Thường vụ Đảng ủy", today=TODAY)
    appeals = {a.id: a for a in get_case(database, case_id, today=TODAY).decisions[0].appeals}
    assert appeals[late].outcome is AppealOutcome.NOT_ACCEPTED and appeals[late].resolution_due_on is None
    assert appeals[appeal].outcome is AppealOutcome.PENDING and appeals[appeal].resolution_due_on is not None
    resolve_appeal(database, appeal, AppealOutcome.ANNULLED, dt.date(2026, 9, 1), "Xóa quyết định", today=TODAY)
    with database.reading() as session:
        assert member_discipline_in_years(session, [office.member], 2026, 2026) == {}
    assert refused_codes(lambda: resolve_appeal(database, appeal, AppealOutcome.UPHELD, dt.date(2026, 9, 2), "x",
                                                today=TODAY)) == [ProblemCode.INSPECTION_APPEAL_RESOLVED]


def test_documents_are_kept_up_to_the_size_limit_and_their_reads_are_audited(
    database: Database, office: Office
) -> None:
    case_id = open_case(database, case_draft(office), today=TODAY)
    document_id = add_document(database, case_id, CaseDocumentKind.WORKING_MINUTES, "Biên bản làm việc",
                               "bien-ban.pdf", "application/pdf", b"%PDF-1.4 test", StepKind.VERIFICATION)
    assert document_content(database, document_id) == ("bien-ban.pdf", "application/pdf", b"%PDF-1.4 test")
    assert refused_codes(lambda: add_document(database, case_id, CaseDocumentKind.OTHER, "To", "to.bin",
                                              "", b"x" * (20481 * 1024))) == [ProblemCode.INSPECTION_DOCUMENT_TOO_LARGE]
    get_case(database, case_id, today=TODAY)
    with database.reading() as session:
        reads = session.execute(select(AuditEntry.record_type, AuditEntry.record_id, AuditEntry.username)
                                .where(AuditEntry.action == AuditAction.READ)).all()
        written = session.scalars(select(AuditEntry.changes).where(
            AuditEntry.record_type == "inspection_case", AuditEntry.action == AuditAction.CREATE)).one()
    assert ("inspection_case_document", document_id, "ubkt") in [tuple(r) for r in reads]
    assert ("inspection_case", case_id, "ubkt") in [tuple(r) for r in reads]
    assert "tài chính" not in written  # the trail, read by the administrator, hides the contents


def test_the_list_orders_by_next_due_step_filters_overdue_and_counts_the_dashboard(
    database: Database, office: Office
) -> None:
    first = open_case(database, case_draft(office, opened_on=dt.date(2026, 9, 1)), today=TODAY)
    second = open_case(database, case_draft(office, opened_on=dt.date(2026, 11, 16)), today=TODAY)
    closed = concluded_case(database, office)
    archive_case(database, closed, dt.date(2026, 6, 1), today=TODAY)
    rows = fetch_case_rows(database, CaseListQuery(), 0, 10, today=TODAY)
    assert [r.id for r in rows] == [first, second]
    assert [r.overdue for r in rows] == [True, False]
    assert rows[0].subject == "Lê Văn Đức" and rows[0].subject_count == 1
    assert count_cases(database, CaseListQuery(overdue_only=True), today=TODAY) == 1
    assert count_cases(database, CaseListQuery(open_only=False), today=TODAY) == 3
    counts = dashboard_counts(database, today=TODAY)
    assert (counts.open_cases, counts.cases_with_overdue_steps) == (2, 1)
    assert counts.overdue_steps == 5  # the September case: decision … verification past due


def test_record_conclusion_without_discipline_goes_to_monitoring_after_the_notice(
    database: Database, office: Office
) -> None:
    case_id = open_case(database, case_draft(office), today=TODAY)
    record_conclusion(database, case_id, ConclusionDraft(dt.date(2026, 4, 1), Seriousness.NO_VIOLATION, None,
                                                         "Không vi phạm"), today=TODAY)
    complete_step(database, case_id, StepKind.NOTIFICATION, dt.date(2026, 4, 3), today=TODAY)
    assert get_case(database, case_id, today=TODAY).state is CaseState.MONITORING
    subject = get_case(database, case_id, today=TODAY).subjects[0].id
    # Discipline is still possible once concluded (a case may reveal more); the notice is numbered.
    assert record_decision(database, case_id, decision_draft(subject), today=TODAY)


@pytest.mark.parametrize("username", ["vanthu", "quantri"])
def test_a_clerk_or_the_administrator_gets_nothing_on_every_path(
    database: Database, office: Office, username: str
) -> None:
    case_id = concluded_case(database, office)
    subject = get_case(database, case_id, today=TODAY).subjects[0].id
    decision_id = record_decision(database, case_id, decision_draft(subject), today=TODAY)
    document_id = add_document(database, case_id, CaseDocumentKind.OTHER, "Tài liệu", "a.txt", "text/plain", b"a")
    sign_in_as(database, username)
    calls = [
        lambda: open_case(database, case_draft(office), today=TODAY),
        lambda: get_case(database, case_id),
        lambda: document_content(database, document_id),
        lambda: complete_step(database, case_id, StepKind.PLAN, TODAY, today=TODAY),
        lambda: add_document(database, case_id, CaseDocumentKind.OTHER, "x", "x", "x", b"x"),
        lambda: record_conclusion(database, case_id, ConclusionDraft(TODAY, Seriousness.NO_VIOLATION, None, "x")),
        lambda: record_decision(database, case_id, decision_draft(subject), today=TODAY),
        lambda: lodge_appeal(database, decision_id, TODAY, "BTV", today=TODAY),
        lambda: archive_case(database, case_id, TODAY, today=TODAY),
        lambda: count_cases(database, CaseListQuery()),
        lambda: fetch_case_rows(database, CaseListQuery(), 0, 10),
        lambda: dashboard_counts(database),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()


def test_an_inspector_of_another_committee_sees_no_case_of_this_one(database: Database, office: Office) -> None:
    case_id = open_case(database, case_draft(office), today=TODAY)
    sign_in_as(database)
    elsewhere = add_org(database, "DU2", "Đảng bộ Cơ quan khác", OrgKind.GRASSROOTS_COMMITTEE)
    add_account(database, "ubkt-khac", Role.INSPECTION, elsewhere)
    assert fetch_case_rows(database, CaseListQuery(open_only=False), 0, 10) == []
    assert dashboard_counts(database).open_cases == 0
    with pytest.raises(PermissionDenied):
        get_case(database, case_id)

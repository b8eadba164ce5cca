"""The demo's inspection work: cases at every step with some steps overdue, letters by deadline,
and the few decisions written into the members' histories and discipline records."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.discipline import DisciplineRecord
from desktop.models.inspection import CaseDecision, CaseStep, InspectionCase
from desktop.models.letters import ComplaintLetter
from desktop.models.member import MemberEvent
from desktop.services.inspection_list import CaseListQuery, count_cases, dashboard_counts
from tests.builders import add_account
from tests.conftest import TODAY


def test_the_demo_has_cases_steps_and_letters_an_inspector_sees(demo_database: Database) -> None:
    with demo_database.reading() as session:
        cases = session.scalar(select(func.count(InspectionCase.id)))
        letters = session.scalar(select(func.count(ComplaintLetter.id)))
        steps = session.scalar(select(func.count(CaseStep.id)))
        dated = session.execute(select(func.min(InspectionCase.opened_on), func.max(InspectionCase.opened_on))).one()
    assert (cases, letters, steps) == (40, 80, 40 * 7)
    assert dated[1] <= TODAY
    add_account(demo_database, "ubkt-demo", Role.INSPECTION)
    counts = dashboard_counts(demo_database, today=TODAY)
    assert 0 < counts.open_cases < 40 and counts.letters_pending > 0
    assert count_cases(demo_database, CaseListQuery(open_only=False), today=TODAY) == 40


def test_every_demo_decision_is_in_the_member_history_and_the_discipline_records(demo_database: Database) -> None:
    with demo_database.reading() as session:
        rows = session.execute(select(CaseDecision, DisciplineRecord)
                               .join(DisciplineRecord, DisciplineRecord.id == CaseDecision.discipline_record_id)).all()
        total = session.scalar(select(func.count(CaseDecision.id)))
        for decision, record in rows:
            assert record.case_id == decision.case_id and record.form is decision.form
            assert session.scalar(select(func.count(MemberEvent.id)).where(
                MemberEvent.member_id == record.member_id, MemberEvent.effective_date == record.effective_on,
                MemberEvent.decision_number == record.decision_number)) == 1
    assert len(rows) == total >= 1

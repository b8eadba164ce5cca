"""The demo's candidates obey the admission rules they would be checked by."""

from __future__ import annotations

from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.admission import AdmissionCase, AdmissionStep, AdmissionStepRecord
from desktop.models.admission_rules import (
    IntroducerFacts,
    check_age,
    check_certificate,
    check_introducers,
    check_step_order,
    check_vote,
    state_of,
)
from desktop.models.member import Member
from desktop.models.rules import RuleBook
from desktop.services.admission import is_under_section
from tests.conftest import TODAY


def test_demo_candidates_are_valid_by_the_rules(demo_database: Database) -> None:
    with demo_database.reading() as session:
        rules = RuleBook.load(session)
        cases = session.scalars(select(AdmissionCase)).all()
        assert len(cases) == 8
        steps_seen = set()
        for case in cases:
            rows = session.scalars(select(AdmissionStepRecord).where(AdmissionStepRecord.case_id == case.id)
                                   .order_by(AdmissionStepRecord.step_date, AdmissionStepRecord.id)).all()
            done: list[tuple[AdmissionStep, object]] = []
            under_section = is_under_section(session, case.cell_id)
            for row in rows:
                assert check_step_order(done, row.step, row.step_date, TODAY, under_section) == []  # type: ignore[arg-type]
                if row.step is AdmissionStep.CELL_RESOLVED:
                    assert check_age(case.date_of_birth, row.step_date, rules) == []
                    assert check_certificate(case.certificate_date, row.step_date, rules) == []
                    assert check_vote(row.votes_for, row.votes_total or 0, row.step_date, rules) == []
                if row.step is AdmissionStep.INTRODUCED:
                    introducers = [
                        IntroducerFacts(member.id, member.full_name, member.status, member.official_date, months)
                        for member, months in ((session.get(Member, case.introducer1_id), case.introducer1_months),
                                               (session.get(Member, case.introducer2_id), case.introducer2_months))
                        if member is not None]
                    assert check_introducers(introducers, False, row.step_date, rules) == []
                done.append((row.step, row.step_date))
                steps_seen.add(row.step)
            if case.closed_reason is None:
                assert case.state is state_of([step for step, _ in done])
        assert len(steps_seen) >= 3  # candidates at various steps

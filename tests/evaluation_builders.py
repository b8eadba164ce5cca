"""A hand-built campaign for the annual rating tests: a grassroots committee with two cells."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.enums import OrgKind
from desktop.models.evaluations import Evaluation, EvaluationSubject, Rating
from desktop.services.evaluation_campaign import PeriodDraft, open_period
from desktop.services.evaluations import Proposal, SelfReview, record_proposals, record_self_reviews
from desktop.services.members import insert_members, normalised
from tests.builders import add_org, member_draft

TODAY = dt.date(2026, 12, 20)
SELF_ON = dt.date(2026, 12, 5)
PROPOSED_ON = dt.date(2026, 12, 10)
DECIDED_ON = dt.date(2026, 12, 15)


class Campaign:
    def __init__(self, database: Database, members_a: int = 30, members_b: int = 5) -> None:
        self.database = database
        self.root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
        self.grassroots = add_org(database, "K.1", "Đảng bộ Công ty Điện lực", OrgKind.GRASSROOTS_COMMITTEE, self.root)
        self.cell_a = add_org(database, "K.1.1", "Chi bộ Kỹ thuật", OrgKind.SUBORDINATE_CELL, self.grassroots)
        self.cell_b = add_org(database, "K.1.2", "Chi bộ Kinh doanh", OrgKind.SUBORDINATE_CELL, self.grassroots)
        self.members_a = self._members(self.cell_a, members_a, "Kỹ thuật")
        self.members_b = self._members(self.cell_b, members_b, "Kinh doanh")
        with database.transaction() as session:
            self.new_member = insert_members(database, session, [normalised(member_draft(
                self.cell_b, full_name="Lê Thị Mới", admission_decision_date=dt.date(2026, 8, 1),
                admission_date=dt.date(2026, 8, 10), official_date=None))])[0]

    def _members(self, cell: int, count: int, unit: str) -> list[int]:
        drafts = [normalised(member_draft(cell, full_name=f"Trần Văn {unit} {index:02d}")) for index in range(count)]
        with self.database.transaction() as session:
            return insert_members(self.database, session, drafts)

    def open(self) -> int:
        self.period = open_period(self.database, PeriodDraft(
            organization_id=self.grassroots, year=2026, start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 12, 31)), today=dt.date(2026, 11, 25))
        return self.period

    def evaluation(self, member_id: int | None = None, organization_id: int | None = None) -> Evaluation:
        with self.database.reading() as session:
            statement = select(Evaluation).where(Evaluation.period_id == self.period)
            if member_id is not None:
                statement = statement.where(Evaluation.member_id == member_id)
            else:
                statement = statement.where(Evaluation.subject == EvaluationSubject.ORGANIZATION,
                                            Evaluation.organization_id == organization_id)
            return session.scalars(statement).one()

    def ids(self, members: list[int]) -> list[int]:
        return [self.evaluation(member).id for member in members]

    def propose(self, members: list[int], rating: Rating, **changes: object) -> list[int]:
        ids = self.ids(members)
        record_self_reviews(self.database, [SelfReview(i, rating, SELF_ON) for i in ids], today=TODAY)
        values: dict[str, object] = {"votes_for": 20, "votes_cast": 25, "on": PROPOSED_ON}
        values.update(changes)
        record_proposals(self.database, [Proposal(i, rating, **values) for i in ids],  # type: ignore[arg-type]
                         today=TODAY)
        return ids

"""Meeting compliance of the cells of a subtree for a period (domain spec §4.1): which cells
missed a monthly regular meeting or a quarter's thematic meeting, and each cell's attendance
rate. Only finalised meetings count.

Three grouped queries whatever the number of cells (counts of months and quarters met per
cell, attendance sums per cell), then the months missed are looked up for the short cells only.

Public API:
    CellCompliance
    meeting_compliance(database, organization_id, first, last) -> list[CellCompliance]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from desktop.db.database import Database
from desktop.models.enums import OrgKind
from desktop.models.meeting_rules import (
    month_key,
    months_between,
    months_of_quarter,
    quarters_within,
)
from desktop.models.meetings import Meeting, MeetingKind, MeetingState
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Permission
from desktop.models.rules import RuleBook, RuleCode
from desktop.services.access import require, require_organization_in_scope

_THEMATIC = or_(Meeting.kind == MeetingKind.CELL_THEMATIC, Meeting.includes_thematic.is_(True))


@dataclass(frozen=True)
class CellCompliance:
    cell_id: int
    cell_name: str
    months_required: int
    months_missed: tuple[int, ...]  # month keys (year * 100 + month)
    quarters_required: int
    quarters_missed: tuple[int, ...]  # quarter keys (year * 10 + quarter)
    present: int
    expected: int

    @property
    def attendance_rate(self) -> float | None:
        return 100.0 * self.present / self.expected if self.expected else None

    @property
    def compliant(self) -> bool:
        return not self.months_missed and not self.quarters_missed


def meeting_compliance(database: Database, organization_id: int, first: dt.date,
                       last: dt.date) -> list[CellCompliance]:
    actor = require(database, Permission.VIEW_REGISTER)
    months = months_between(first, last)
    quarters = quarters_within(first, last)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        rules = RuleBook.load(session)
        per_month = int(rules.value(RuleCode.REGULAR_MEETINGS_PER_MONTH, last))
        per_quarter = int(rules.value(RuleCode.THEMATIC_PER_QUARTER, last))
        in_subtree = (PartyOrganization.path >= path, PartyOrganization.path < subtree_upper_bound(path))
        cells = session.execute(
            select(PartyOrganization.id, PartyOrganization.name, PartyOrganization.established_date,
                   PartyOrganization.dissolved_date)
            .where(*in_subtree, PartyOrganization.kind.in_([kind for kind in OrgKind if kind.is_cell]))
            .order_by(PartyOrganization.path)
        ).all()
        finalised = (Meeting.state == MeetingState.FINALISED, Meeting.month_key >= months[0],
                     Meeting.month_key <= months[-1])
        meeting_org = select(PartyOrganization.id).where(*in_subtree)

        def met_counts(condition, key, needed: int) -> dict[int, int]:  # type: ignore[no-untyped-def]
            periods = (select(Meeting.organization_id, key)
                       .where(*finalised, condition, Meeting.organization_id.in_(meeting_org))
                       .group_by(Meeting.organization_id, key).having(func.count() >= needed).subquery())
            return dict(session.execute(select(periods.c.organization_id, func.count())
                                        .group_by(periods.c.organization_id)).all())

        months_met = met_counts(Meeting.kind == MeetingKind.CELL_REGULAR, Meeting.month_key, per_month)
        quarters_met = met_counts(_THEMATIC, Meeting.quarter_key, per_quarter) if quarters else {}
        attendance = {row[0]: (int(row[1] or 0), int(row[2] or 0)) for row in session.execute(
            select(Meeting.organization_id, func.sum(Meeting.present_count), func.sum(Meeting.expected_count))
            .where(*finalised, Meeting.organization_id.in_(meeting_org)).group_by(Meeting.organization_id))}

        results: list[CellCompliance] = []
        short: list[tuple[int, list[int], list[int]]] = []
        for cell_id, name, established, dissolved in cells:
            required = [m for m in months if _active_in(m, established, dissolved)]
            required_quarters = [q for q in quarters
                                 if all(_active_in(m, established, dissolved) for m in months_of_quarter(q))]
            if not required:
                continue
            if months_met.get(cell_id, 0) < len(required) or quarters_met.get(cell_id, 0) < len(required_quarters):
                short.append((cell_id, required, required_quarters))
            present, expected = attendance.get(cell_id, (0, 0))
            results.append(CellCompliance(cell_id, name, len(required), (), len(required_quarters), (),
                                          present, expected))
        missed = _missed_periods(session, short, finalised, per_month, per_quarter)
        return [_with_missed(result, missed.get(result.cell_id)) for result in results]


def _active_in(month: int, established: dt.date | None, dissolved: dt.date | None) -> bool:
    if established is not None and month < month_key(established):
        return False
    return dissolved is None or month < month_key(dissolved)


def _missed_periods(session, short, finalised, per_month: int, per_quarter: int):  # type: ignore[no-untyped-def]
    """{cell: (months missed, quarters missed)} for the cells short of meetings."""
    if not short:
        return {}
    ids = [cell_id for cell_id, _, _ in short]
    held_months: dict[int, set[int]] = {}
    held_quarters: dict[int, set[int]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for org, key, count in session.execute(
                select(Meeting.organization_id, Meeting.month_key, func.count())
                .where(*finalised, Meeting.kind == MeetingKind.CELL_REGULAR, Meeting.organization_id.in_(chunk))
                .group_by(Meeting.organization_id, Meeting.month_key)):
            if count >= per_month:
                held_months.setdefault(org, set()).add(key)
        for org, key, count in session.execute(
                select(Meeting.organization_id, Meeting.quarter_key, func.count())
                .where(*finalised, _THEMATIC, Meeting.organization_id.in_(chunk))
                .group_by(Meeting.organization_id, Meeting.quarter_key)):
            if count >= per_quarter:
                held_quarters.setdefault(org, set()).add(key)
    return {cell_id: (tuple(m for m in required if m not in held_months.get(cell_id, set())),
                      tuple(q for q in quarters if q not in held_quarters.get(cell_id, set())))
            for cell_id, required, quarters in short}


def _with_missed(result: CellCompliance, missed) -> CellCompliance:  # type: ignore[no-untyped-def]
    if missed is None:
        return result
    months, quarters = missed
    return CellCompliance(result.cell_id, result.cell_name, result.months_required, months,
                          result.quarters_required, quarters, result.present, result.expected)

"""The figures of inspection, supervision and discipline for a period (SQL GROUP BY over an
organisation's subtree, inspection role only): cases by kind, discipline by form and target,
letters by kind and handling.

Public API:
    InspectionStatistics, KindFigures, FormFigures, LetterFigures
    inspection_statistics(database, organization_id, first, last) -> InspectionStatistics
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select

from desktop.db.database import Database
from desktop.models.discipline import DisciplineForm
from desktop.models.inspection import (
    CaseDecision,
    CaseKind,
    CaseSubject,
    DecisionStatus,
    InspectionCase,
    Seriousness,
)
from desktop.models.letters import ComplaintLetter, LetterKind, LetterStatus
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.services.access import require_organization_in_scope
from desktop.services.inspection_access import require_inspection


@dataclass(frozen=True)
class KindFigures:
    kind: CaseKind
    opened: int  # opened in the period
    concluded: int  # concluded in the period
    with_violation: int  # of those concluded: a violation found


@dataclass(frozen=True)
class FormFigures:
    form: DisciplineForm
    members: int
    organizations: int


@dataclass(frozen=True)
class LetterFigures:
    kind: LetterKind
    received: int
    not_eligible: int
    case_opened: int
    answered: int  # answered, filed or forwarded
    pending: int


@dataclass(frozen=True)
class InspectionStatistics:
    first: dt.date
    last: dt.date
    kinds: tuple[KindFigures, ...]
    forms: tuple[FormFigures, ...]
    letters: tuple[LetterFigures, ...]


def _count_when(condition) -> object:  # type: ignore[no-untyped-def]
    return func.sum(case((condition, 1), else_=0))


def inspection_statistics(database: Database, organization_id: int, first: dt.date,
                          last: dt.date) -> InspectionStatistics:
    actor = require_inspection(database)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        inside = and_(PartyOrganization.path >= path, PartyOrganization.path < subtree_upper_bound(path))
        opened = InspectionCase.opened_on.between(first, last)
        concluded = InspectionCase.concluded_on.between(first, last)
        violation = InspectionCase.seriousness.in_((Seriousness.VIOLATION_NO_DISCIPLINE,
                                                    Seriousness.DISCIPLINE_WARRANTED))
        cases = dict((row[0], row[1:]) for row in session.execute(
            select(InspectionCase.kind, _count_when(opened), _count_when(concluded),
                   _count_when(and_(concluded, violation)))
            .join(PartyOrganization, PartyOrganization.id == InspectionCase.organization_id)
            .where(inside, (opened | concluded))
            .group_by(InspectionCase.kind)))
        forms = dict((row[0], row[1:]) for row in session.execute(
            select(CaseDecision.form, _count_when(CaseSubject.member_id.is_not(None)),
                   _count_when(CaseSubject.organization_id.is_not(None)))
            .join(CaseSubject, CaseSubject.id == CaseDecision.subject_id)
            .join(InspectionCase, InspectionCase.id == CaseDecision.case_id)
            .join(PartyOrganization, PartyOrganization.id == InspectionCase.organization_id)
            .where(inside, CaseDecision.status == DecisionStatus.DECIDED,
                   CaseDecision.decided_on.between(first, last))
            .group_by(CaseDecision.form)))
        status = ComplaintLetter.status
        letters = dict((row[0], row[1:]) for row in session.execute(
            select(ComplaintLetter.kind, func.count(ComplaintLetter.id),
                   _count_when(status == LetterStatus.NOT_ELIGIBLE),
                   _count_when(status == LetterStatus.CASE_OPENED),
                   _count_when(status.in_((LetterStatus.ANSWERED, LetterStatus.FILED, LetterStatus.FORWARDED))),
                   _count_when(status == LetterStatus.RECEIVED))
            .join(PartyOrganization, PartyOrganization.id == ComplaintLetter.organization_id)
            .where(inside, ComplaintLetter.received_on.between(first, last))
            .group_by(ComplaintLetter.kind)))

    def ints(values, size: int) -> list[int]:  # type: ignore[no-untyped-def]
        return [int(v or 0) for v in values] if values else [0] * size

    return InspectionStatistics(
        first=first, last=last,
        kinds=tuple(KindFigures(kind, *ints(cases.get(kind), 3)) for kind in CaseKind),
        forms=tuple(FormFigures(form, *ints(forms.get(form), 2)) for form in DisciplineForm),
        letters=tuple(LetterFigures(kind, *ints(letters.get(kind), 5)) for kind in LetterKind))

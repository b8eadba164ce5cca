"""Who has studied a document: completion per cell of an organisation subtree and the members
who have not yet studied it (domain spec §9).

A member has studied the document when present at any of its sessions (regular or make-up,
at any organisation). The members counted are today's register (official and probationary,
not exempted), as the office asks "who still has to study it". One grouped query over the
subtree's cells; the list of members is paged.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select

from desktop.db.database import Database
from desktop.models.library import LibraryDocument, StudyAttendance
from desktop.models.library_rules import completion_percent
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.services.access import require, require_organization_in_scope
from desktop.services.errors import RecordNotFound
from desktop.services.study import expected_member_condition, in_subtree


@dataclass(frozen=True)
class CellCompletion:
    organization_id: int
    name: str
    path: str
    expected: int
    studied: int

    @property
    def percent(self) -> int:
        return completion_percent(self.studied, self.expected)

    @property
    def missing(self) -> int:
        return self.expected - self.studied


@dataclass(frozen=True)
class CompletionSummary:
    document_id: int
    document_number: str
    document_abstract: str
    organization_id: int
    organization_name: str
    cells: tuple[CellCompletion, ...]  # in tree order

    @property
    def expected(self) -> int:
        return sum(cell.expected for cell in self.cells)

    @property
    def studied(self) -> int:
        return sum(cell.studied for cell in self.cells)

    @property
    def percent(self) -> int:
        return completion_percent(self.studied, self.expected)


@dataclass(frozen=True)
class MemberNotStudied:
    member_id: int
    full_name: str
    cell_name: str


def _studied_members(document_id: int) -> Select[tuple[int]]:
    return (select(StudyAttendance.member_id)
            .where(StudyAttendance.document_id == document_id, StudyAttendance.present.is_(True))
            .distinct())


def study_completion(database: Database, document_id: int, organization_id: int) -> CompletionSummary:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        document = session.execute(select(LibraryDocument.number, LibraryDocument.abstract)
                                   .where(LibraryDocument.id == document_id)).one_or_none()
        if document is None:
            raise RecordNotFound(document_id)
        name = session.scalar(select(PartyOrganization.name).where(PartyOrganization.id == organization_id))
        studied = _studied_members(document_id).subquery()
        rows = session.execute(
            select(PartyOrganization.id, PartyOrganization.name, PartyOrganization.path,
                   func.count(Member.id), func.count(studied.c.member_id))
            .join(Member, Member.cell_id == PartyOrganization.id)
            .outerjoin(studied, studied.c.member_id == Member.id)
            .where(in_subtree(path), expected_member_condition())
            .group_by(PartyOrganization.id, PartyOrganization.name, PartyOrganization.path)
            .order_by(PartyOrganization.path))
        cells = tuple(CellCompletion(*row) for row in rows)
        return CompletionSummary(document_id, document.number, document.abstract, organization_id, name or "", cells)


def members_not_studied(database: Database, document_id: int, organization_id: int, offset: int = 0,
                        limit: int = 200) -> list[MemberNotStudied]:
    """A page of the subtree's members who have not studied the document, by cell and name."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        return [MemberNotStudied(*row) for row in session.execute(
            _not_studied(document_id, path).offset(offset).limit(limit))]


def _not_studied(document_id: int, path: str) -> Select[tuple[int, str, str]]:
    return (select(Member.id, Member.full_name, PartyOrganization.name)
            .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
            .where(in_subtree(path), expected_member_condition(),
                   Member.id.not_in(_studied_members(document_id)))
            .order_by(PartyOrganization.path, Member.name_sort_key, Member.id))


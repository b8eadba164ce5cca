"""Reading the organisation tree: children on demand, subtrees as one indexed range query."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, func, literal, select
from sqlalchemy.orm import aliased

from desktop.db.database import Database
from desktop.models.enums import CommitteeRole, MemberStatus, OrgKind, OrgStatus
from desktop.models.member import CommitteeMembership, Member
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Permission
from desktop.models.text import search_terms
from desktop.services.access import (
    require,
    require_organization_in_scope,
    scope_condition,
    scope_root_id,
)
from desktop.services.errors import RecordNotFound

CELL_KINDS = (OrgKind.GRASSROOTS_CELL, OrgKind.SUBORDINATE_CELL)


@dataclass(frozen=True)
class OrgNode:
    id: int
    code: str
    name: str
    kind: OrgKind
    status: OrgStatus
    parent_id: int | None
    has_children: bool


@dataclass(frozen=True)
class CellChoice:
    id: int
    code: str
    name: str
    parent_name: str | None


@dataclass(frozen=True)
class SeatHolder:
    role: CommitteeRole
    member_id: int
    full_name: str


@dataclass(frozen=True)
class OrgSummary:
    """What the main window shows about the selected organisation."""

    id: int
    code: str
    name: str
    kind: OrgKind
    status: OrgStatus
    is_overseas: bool
    country: str | None
    cells: int
    members: int
    full_members: int
    probationary_members: int
    seats: tuple[SeatHolder, ...]


def in_subtree(path: str) -> ColumnElement[bool]:
    """Organisations at or below the one with `path`: a range scan of the unique path index."""
    return and_(PartyOrganization.path >= path, PartyOrganization.path < subtree_upper_bound(path))


def subtree_cell_ids(path: str):  # type: ignore[no-untyped-def]
    """Subquery of the ids of every organisation in the subtree (members sit only in cells)."""
    return select(PartyOrganization.id).where(in_subtree(path)).scalar_subquery()


def _nodes(database: Database, parent_id: int | None, only_id: int | None = None) -> list[OrgNode]:
    child = aliased(PartyOrganization)
    has_children = exists().where(child.parent_id == PartyOrganization.id)
    statement = (
        select(
            PartyOrganization.id, PartyOrganization.code, PartyOrganization.name,
            PartyOrganization.kind, PartyOrganization.status, PartyOrganization.parent_id,
            has_children,
        )
        .where(
            PartyOrganization.id == only_id
            if only_id is not None
            else PartyOrganization.parent_id.is_(None)
            if parent_id is None
            else PartyOrganization.parent_id == parent_id
        )
        .order_by(PartyOrganization.position, PartyOrganization.id)
    )
    with database.reading() as session:
        return [OrgNode(*row) for row in session.execute(statement)]


def root_organizations(database: Database) -> list[OrgNode]:
    """The top of the tree the signed-in user sees: their scope organisation, or the roots."""
    actor = require(database, Permission.VIEW_REGISTER)
    return _nodes(database, None, only_id=scope_root_id(actor))


def child_organizations(database: Database, parent_id: int) -> list[OrgNode]:
    organization_path(database, parent_id)  # the parent must be in the user's scope
    return _nodes(database, parent_id)


def organization_path(database: Database, org_id: int) -> str:
    """The path of an organisation in the user's scope (PermissionDenied outside it)."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        return require_organization_in_scope(session, actor, org_id)


def is_whole_tree(database: Database, org_id: int) -> bool:
    """True when `org_id` is the only top-level organisation: its subtree is everything, and
    leaving the filter out lets the list be read straight from its sort index."""
    with database.reading() as session:
        roots = session.scalars(
            select(PartyOrganization.id).where(PartyOrganization.parent_id.is_(None)).limit(2)
        ).all()
    return roots == [org_id]


def ancestor_ids(database: Database, org_id: int) -> list[int]:
    """Ids from the top of the user's tree (the root or their scope) down to `org_id`."""
    ids = [int(part) for part in organization_path(database, org_id).strip("/").split("/")]
    top = scope_root_id(require(database, Permission.VIEW_REGISTER))
    return ids if top is None else ids[ids.index(top):]


def organization_summary(database: Database, org_id: int) -> OrgSummary:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        require_organization_in_scope(session, actor, org_id)
        org = session.get(PartyOrganization, org_id)
        if org is None:
            raise RecordNotFound(org_id)
        subtree = in_subtree(org.path)
        cells = session.scalar(
            select(func.count()).where(subtree, PartyOrganization.kind.in_(CELL_KINDS))
        )
        counts = dict(
            session.execute(
                select(Member.status, func.count())
                .where(Member.cell_id.in_(select(PartyOrganization.id).where(subtree)))
                .where(Member.status.in_((MemberStatus.FULL, MemberStatus.PROBATIONARY)))
                .group_by(Member.status)
            ).all()
        )
        seats = session.execute(
            select(CommitteeMembership.role, Member.id, Member.full_name)
            .join(Member, Member.id == CommitteeMembership.member_id)
            .where(CommitteeMembership.organization_id == org_id)
            .where(CommitteeMembership.end_date.is_(None))
            .order_by(CommitteeMembership.role, Member.name_sort_key)
        ).all()
        return OrgSummary(
            id=org.id, code=org.code, name=org.name, kind=org.kind, status=org.status,
            is_overseas=org.is_overseas, country=org.country, cells=cells or 0,
            members=sum(counts.values()),
            full_members=counts.get(MemberStatus.FULL, 0),
            probationary_members=counts.get(MemberStatus.PROBATIONARY, 0),
            seats=tuple(SeatHolder(*seat) for seat in _by_rank([tuple(seat) for seat in seats])),
        )


_ROLE_RANK = {role: rank for rank, role in enumerate(CommitteeRole)}


def _by_rank(seats: list[tuple[CommitteeRole, int, str]]) -> list[tuple[CommitteeRole, int, str]]:
    # Roles are stored by name; rank them in the order of the enum (secretary first).
    return sorted(seats, key=lambda seat: _ROLE_RANK[seat[0]])


def find_cells(database: Database, text: str, limit: int = 50) -> list[CellChoice]:
    """Active cells in the user's scope whose name or code starts words like `text`."""
    actor = require(database, Permission.VIEW_REGISTER)
    parent = aliased(PartyOrganization)
    statement = (
        select(PartyOrganization.id, PartyOrganization.code, PartyOrganization.name, parent.name)
        .outerjoin(parent, parent.id == PartyOrganization.parent_id)
        .where(scope_condition(actor))
        .where(PartyOrganization.kind.in_(CELL_KINDS))
        .where(PartyOrganization.status == OrgStatus.ACTIVE)
    )
    spaced_key = literal(" ").concat(PartyOrganization.search_key)
    for term in search_terms(text):
        statement = statement.where(spaced_key.like(f"% {term}%"))
    statement = statement.order_by(PartyOrganization.path).limit(limit)
    with database.reading() as session:
        return [CellChoice(*row) for row in session.execute(statement)]


def get_cell_choice(database: Database, cell_id: int) -> CellChoice:
    actor = require(database, Permission.VIEW_REGISTER)
    parent = aliased(PartyOrganization)
    with database.reading() as session:
        require_organization_in_scope(session, actor, cell_id)
        row = session.execute(
            select(PartyOrganization.id, PartyOrganization.code, PartyOrganization.name, parent.name)
            .outerjoin(parent, parent.id == PartyOrganization.parent_id)
            .where(PartyOrganization.id == cell_id)
        ).first()
    if row is None:
        raise RecordNotFound(cell_id)
    return CellChoice(*row)

"""The member roster of an organisation subtree on a date, cell by cell, streamed.

Cells come in the order of the organisation tree (display positions), members by name within
their cell. Each cell is one indexed query (cell_id, name_sort_key), so the roster of the
whole organisation never holds more than one cell's members in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, func, not_, or_, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.enums import DatePrecision, Gender, OrgKind
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.services.access import require, require_organization_in_scope
from desktop.services.errors import OperationCancelled, RecordNotFound
from desktop.services.organizations import in_subtree
from desktop.services.register_as_of import cell_on, moved_cell_after, official_on, on_register


@dataclass(frozen=True)
class RosterMember:
    id: int
    full_name: str
    gender: Gender
    date_of_birth: dt.date
    dob_precision: DatePrecision
    ethnicity: str
    admission_date: dt.date
    official_date: dt.date | None  # None: probationary on the roster date
    party_card_number: str | None


@dataclass(frozen=True)
class RosterCell:
    id: int
    name: str
    # Organisations between the chosen one and the cell, top first (for the group heading).
    path_names: tuple[str, ...]
    members: tuple[RosterMember, ...]

    @property
    def official_count(self) -> int:
        return sum(1 for member in self.members if member.official_date is not None)


@dataclass(frozen=True)
class _Org:
    id: int
    parent_id: int | None
    name: str
    kind: OrgKind
    position: int


def _subtree_in_display_order(session: Session, root: PartyOrganization) -> list[tuple[_Org, tuple[str, ...]]]:
    """Every organisation of the subtree, depth first by display position, with the names of
    its ancestors below the root."""
    rows = session.execute(
        select(
            PartyOrganization.id, PartyOrganization.parent_id, PartyOrganization.name,
            PartyOrganization.kind, PartyOrganization.position,
        ).where(in_subtree(root.path))
    )
    children: dict[int | None, list[_Org]] = {}
    for row in rows:
        org = _Org(*row)
        children.setdefault(org.parent_id, []).append(org)
    for siblings in children.values():
        siblings.sort(key=lambda org: (org.position, org.id))
    ordered: list[tuple[_Org, tuple[str, ...]]] = []
    start = _Org(root.id, root.parent_id, root.name, root.kind, root.position)
    stack: list[tuple[_Org, tuple[str, ...]]] = [(start, ())]
    while stack:
        org, above = stack.pop()
        ordered.append((org, above))
        below = above + ((org.name,) if org.id != root.id else ())
        for child in reversed(children.get(org.id, [])):
            stack.append((child, below))
    return ordered


def _columns(as_of: dt.date) -> Select:  # type: ignore[type-arg]
    official = official_on(as_of)
    return select(
        Member.id, Member.full_name, Member.gender, Member.date_of_birth, Member.dob_precision,
        Member.ethnicity, Member.admission_date,
        Member.official_date, official.label("is_official"),
        Member.party_card_number,
    ).where(on_register(as_of))


def _member(row) -> RosterMember:  # type: ignore[no-untyped-def]
    return RosterMember(
        id=row.id, full_name=row.full_name, gender=row.gender, date_of_birth=row.date_of_birth,
        dob_precision=row.dob_precision, ethnicity=row.ethnicity, admission_date=row.admission_date,
        official_date=row.official_date if row.is_official else None,
        party_card_number=row.party_card_number,
    )


def roster_size(database: Database, organization_id: int, as_of: dt.date) -> int:
    """How many members the roster will list (for progress and the grand total check)."""
    actor = require(database, Permission.PRINT_REPORTS)
    with database.reading() as session:
        require_organization_in_scope(session, actor, organization_id)
        root = session.get(PartyOrganization, organization_id)
        if root is None:
            raise RecordNotFound(organization_id)
        subtree_ids = select(PartyOrganization.id).where(in_subtree(root.path)).scalar_subquery()
        return session.scalar(
            select(func.count()).select_from(Member)
            .where(on_register(as_of)).where(cell_on(as_of).in_(subtree_ids))
        ) or 0


def iter_roster(
    database: Database,
    organization_id: int,
    as_of: dt.date,
    *,
    is_cancelled: Callable[[], bool] | None = None,
) -> Iterator[RosterCell]:
    """Yield each cell of the subtree that had members on `as_of`, in tree order."""
    actor = require(database, Permission.PRINT_REPORTS)
    with database.reading() as session:
        require_organization_in_scope(session, actor, organization_id)
        root = session.get(PartyOrganization, organization_id)
        if root is None:
            raise RecordNotFound(organization_id)
        organizations = _subtree_in_display_order(session, root)
        subtree_ids = select(PartyOrganization.id).where(in_subtree(root.path)).scalar_subquery()
        # Members who changed cell after the date sit elsewhere now: place them by history.
        moved: dict[int, list[int]] = {}
        for member_id, cell_id in session.execute(
            select(Member.id, cell_on(as_of))
            .where(moved_cell_after(as_of))
            .where(cell_on(as_of).in_(subtree_ids))
        ):
            moved.setdefault(cell_id, []).append(member_id)
        # One statement for every cell (bound parameters): building it per cell cost more
        # than running it.
        statement = (
            _columns(as_of)
            .where(
                or_(
                    (Member.cell_id == bindparam("cell_id")) & not_(moved_cell_after(as_of)),
                    Member.id.in_(bindparam("moved_ids", expanding=True)),
                )
            )
            .order_by(Member.name_sort_key, Member.id)
        )
        for org, above in organizations:
            if not org.kind.is_cell:
                continue
            if is_cancelled is not None and is_cancelled():
                raise OperationCancelled()
            parameters = {"cell_id": org.id, "moved_ids": moved.get(org.id, [])}
            members = tuple(_member(row) for row in session.execute(statement, parameters))
            if members:
                yield RosterCell(org.id, org.name, above, members)

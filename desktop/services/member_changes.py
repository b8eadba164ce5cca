"""Biến động đảng viên: who entered and left the register of an organisation in a period, and
who became official (domain spec §2.5, §8), counted by subordinate organisation and listed.

Each event counts where it happened: an exit or a recognition at the cell the member was in
(the event's `from_org_id`, written by every transfer, else the member's cell), an entry at the
receiving cell (`to_org_id`, else the member's cell). Internal moves are not changes of the
organisation's register and are not counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.enums import MemberEventKind
from desktop.models.member import Member, MemberEvent
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.services.access import require, require_organization_in_scope
from desktop.services.organizations import in_subtree

# Columns of the report, in its order: entries, the recognitions, exits.
CHANGE_KINDS = (
    MemberEventKind.ADMITTED,
    MemberEventKind.TRANSFER_OFFICIAL_IN,
    MemberEventKind.REINSTATED,
    MemberEventKind.RECOGNISED_FULL,
    MemberEventKind.TRANSFER_OFFICIAL_OUT,
    MemberEventKind.DECEASED,
    MemberEventKind.REMOVED,
    MemberEventKind.LEFT_ON_REQUEST,
    MemberEventKind.EXPELLED,
)
INCREASES = (MemberEventKind.ADMITTED, MemberEventKind.TRANSFER_OFFICIAL_IN, MemberEventKind.REINSTATED)
DECREASES = (MemberEventKind.TRANSFER_OFFICIAL_OUT, MemberEventKind.DECEASED, MemberEventKind.REMOVED,
             MemberEventKind.LEFT_ON_REQUEST, MemberEventKind.EXPELLED)
_ARRIVALS = (MemberEventKind.TRANSFER_OFFICIAL_IN,)


@dataclass
class ChangeCounts:
    organization_id: int
    name: str
    counts: dict[MemberEventKind, int] = field(default_factory=lambda: dict.fromkeys(CHANGE_KINDS, 0))

    @property
    def increase(self) -> int:
        return sum(self.counts[kind] for kind in INCREASES)

    @property
    def decrease(self) -> int:
        return sum(self.counts[kind] for kind in DECREASES)


@dataclass(frozen=True)
class MemberChanges:
    organization_id: int
    organization_name: str
    start: dt.date
    end: dt.date
    rows: list[ChangeCounts]  # one per direct subordinate (or the organisation itself for a cell)
    total: ChangeCounts


@dataclass(frozen=True)
class ChangeEntry:
    effective_date: dt.date
    kind: MemberEventKind
    full_name: str
    date_of_birth: dt.date
    cell_name: str
    decision_number: str | None
    decision_date: dt.date | None
    counterpart: str | None
    note: str | None

    @property
    def decision_text(self) -> str:
        if self.decision_number and self.decision_date:
            return f"{self.decision_number}, {format_date(self.decision_date)}"
        return self.decision_number or ""


def _place_column():  # type: ignore[no-untyped-def]
    """The cell an event counts at (see the module's docstring)."""
    return case(
        (MemberEvent.kind.in_(_ARRIVALS), func.coalesce(MemberEvent.to_org_id, Member.cell_id)),
        else_=func.coalesce(MemberEvent.from_org_id, Member.cell_id),
    )


def member_changes(database: Database, organization_id: int, start: dt.date, end: dt.date) -> MemberChanges:
    """The counts of every change of CHANGE_KINDS effective from `start` to `end` inclusive."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        organization = session.get(PartyOrganization, organization_id)
        assert organization is not None
        children = session.execute(
            select(PartyOrganization.id, PartyOrganization.name, PartyOrganization.path)
            .where(PartyOrganization.parent_id == organization_id)
            .order_by(PartyOrganization.position, PartyOrganization.id)  # as the tree shows them
        ).all()
        place = _place_column().label("place")
        events = (
            select(MemberEvent.kind, place)
            .join(Member, Member.id == MemberEvent.member_id)
            .where(MemberEvent.kind.in_(CHANGE_KINDS), MemberEvent.effective_date >= start,
                   MemberEvent.effective_date <= end)
            .subquery()
        )
        counted = session.execute(
            select(PartyOrganization.path, events.c.kind, func.count())
            .join(PartyOrganization, PartyOrganization.id == events.c.place)
            .where(in_subtree(path))
            .group_by(PartyOrganization.path, events.c.kind)
        ).all()
    rows = [ChangeCounts(child_id, name) for child_id, name, _path in children] or [
        ChangeCounts(organization_id, organization.name)]
    by_prefix = [(child_path, row) for (_id, _name, child_path), row in zip(children, rows, strict=False)]
    total = ChangeCounts(organization_id, organization.name)
    for place_path, kind, count in counted:
        target = next((row for prefix, row in by_prefix if place_path.startswith(prefix)), None)
        if target is None:  # counted at the organisation itself (a cell, or a member of the committee)
            target = rows[0] if not children else _own_row(rows, organization_id, organization.name)
        target.counts[kind] += count
        total.counts[kind] += count
    return MemberChanges(organization_id, organization.name, start, end, rows, total)


def _own_row(rows: list[ChangeCounts], organization_id: int, name: str) -> ChangeCounts:
    for row in rows:
        if row.organization_id == organization_id:
            return row
    row = ChangeCounts(organization_id, name)
    rows.append(row)
    return row


def member_change_entries(
    database: Database, organization_id: int, start: dt.date, end: dt.date, batch: int = 2000
) -> Iterator[ChangeEntry]:
    """Every counted change, in date order then name, read in batches (a year of the whole
    organisation is a few thousand rows)."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        place = _place_column()
        statement = (
            select(MemberEvent.effective_date, MemberEvent.kind, Member.full_name, Member.date_of_birth,
                   PartyOrganization.name, MemberEvent.decision_number, MemberEvent.decision_date,
                   MemberEvent.counterpart, MemberEvent.note)
            .join(Member, Member.id == MemberEvent.member_id)
            .join(PartyOrganization, PartyOrganization.id == place)
            .where(MemberEvent.kind.in_(CHANGE_KINDS), MemberEvent.effective_date >= start,
                   MemberEvent.effective_date <= end, in_subtree(path))
            .order_by(MemberEvent.effective_date, Member.name_sort_key, MemberEvent.id)
        )
        for partition in session.execute(statement.execution_options(yield_per=batch)).partitions():
            for row in partition:
                yield ChangeEntry(*row)

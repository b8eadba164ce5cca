"""Who is expected at a meeting, as of its date (domain spec §4.3).

A cell's meeting expects every member on the cell's list that day (the register rebuilt from
the history: desktop.services.register_as_of), exempted and temporarily absent members marked
as such; a committee meeting expects the members of the committee that day.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from desktop.models.enums import OrgKind
from desktop.models.meeting_rules import RosterEntry
from desktop.models.meetings import MeetingKind
from desktop.models.member import CommitteeMembership, Member, MemberEvent
from desktop.models.organization import PartyOrganization
from desktop.services.errors import RecordNotFound
from desktop.services.register_as_of import (
    away_on,
    cell_on,
    exempted_on,
    is_cell_move,
    official_on,
    on_register,
)


def organization_kind(session: Session, organization_id: int) -> OrgKind:
    kind = session.scalar(select(PartyOrganization.kind).where(PartyOrganization.id == organization_id))
    if kind is None:
        raise RecordNotFound(organization_id)
    return kind


def roster_on(session: Session, organization_id: int, kind: MeetingKind, on: dt.date) -> list[RosterEntry]:
    """The expected attendance in the order party lists use (given name, then family name)."""
    if kind.is_committee:
        return _committee_roster(session, organization_id, on)
    return _cell_roster(session, organization_id, on)


def _cell_roster(session: Session, cell_id: int, on: dt.date) -> list[RosterEntry]:
    # Candidates first (on the list now, or moved out of it after the date), so the history
    # subqueries run for a cell's members only, not for the whole register.
    moved_out_later = select(MemberEvent.member_id).where(
        MemberEvent.from_org_id == cell_id, is_cell_move(MemberEvent), MemberEvent.effective_date > on)
    rows = session.execute(
        select(Member.id, Member.full_name, official_on(on), exempted_on(on), away_on(on))
        .where(or_(Member.cell_id == cell_id, Member.id.in_(moved_out_later)))
        .where(on_register(on), cell_on(on) == cell_id)
        .order_by(Member.name_sort_key, Member.id)
    )
    return [RosterEntry(row[0], row[1], bool(row[2]), bool(row[3]), bool(row[4])) for row in rows]


def _committee_roster(session: Session, organization_id: int, on: dt.date) -> list[RosterEntry]:
    seated = and_(
        CommitteeMembership.organization_id == organization_id,
        CommitteeMembership.start_date <= on,
        or_(CommitteeMembership.end_date.is_(None), CommitteeMembership.end_date >= on),
    )
    rows = session.execute(
        select(Member.id, Member.full_name, official_on(on))
        .where(Member.id.in_(select(CommitteeMembership.member_id).where(seated)))
        .order_by(Member.name_sort_key, Member.id)
    )
    return [RosterEntry(row[0], row[1], bool(row[2])) for row in rows]

"""The member register as it stood on a past date, rebuilt from the member events.

Reports and statistics are printed "as at" a cut-off date (§8), so whether someone was a member,
whether they were official and which cell they belonged to are read from the history, not from
the current record:

- on the register: admitted by that date, and the last entry/exit event up to that date is an
  entry (admission, official transfer in, reinstatement), not an exit (removal, expulsion,
  leaving, death, official transfer out);
- official: recognised (official_date) on or before that date;
- cell: the cell the member left by their first move between cells after that date, otherwise the
  current cell. A move is an internal transfer, or an official transfer in that names the cell
  the record left (a move between two committees of the database, received by the other one; a
  member coming back from outside into another cell).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, case, exists, false, func, or_, select
from sqlalchemy.orm import aliased

from desktop.models.enums import MemberEventKind
from desktop.models.member import Member, MemberEvent

ENTRY_KINDS = (
    MemberEventKind.ADMITTED,
    MemberEventKind.TRANSFER_OFFICIAL_IN,
    MemberEventKind.REINSTATED,
)
EXIT_KINDS = (
    MemberEventKind.REMOVED,
    MemberEventKind.EXPELLED,
    MemberEventKind.LEFT_ON_REQUEST,
    MemberEventKind.DECEASED,
    MemberEventKind.TRANSFER_OFFICIAL_OUT,
)
CELL_MOVE_KINDS = (MemberEventKind.TRANSFER_INTERNAL,)
EXEMPTION_KINDS = (MemberEventKind.EXEMPTED, MemberEventKind.EXEMPTION_ENDED)


def is_cell_move(event) -> ColumnElement[bool]:  # type: ignore[no-untyped-def]
    """The event (MemberEvent or an alias of it) moved the member out of `from_org_id`."""
    return or_(
        event.kind.in_(CELL_MOVE_KINDS),
        and_(event.kind == MemberEventKind.TRANSFER_OFFICIAL_IN, event.from_org_id.is_not(None)),
    )


def last_membership_event_kind(as_of: dt.date) -> ColumnElement[MemberEventKind]:
    """The kind of the member's last entry or exit event on or before `as_of` (correlated)."""
    event = aliased(MemberEvent)
    return (
        select(event.kind)
        .where(event.member_id == Member.id)
        .where(event.kind.in_(ENTRY_KINDS + EXIT_KINDS))
        .where(event.effective_date <= as_of)
        .order_by(event.effective_date.desc(), event.id.desc())
        .limit(1)
        .correlate(Member)
        .scalar_subquery()
    )


def on_register(as_of: dt.date) -> ColumnElement[bool]:
    """The member was a party member of this register on `as_of`."""
    return and_(
        Member.admission_date <= as_of,
        last_membership_event_kind(as_of).in_(ENTRY_KINDS),
    )


def official_on(as_of: dt.date) -> ColumnElement[bool]:
    return and_(Member.official_date.is_not(None), Member.official_date <= as_of)


def moved_cell_after(as_of: dt.date) -> ColumnElement[bool]:
    """The member changed cell inside the register after `as_of` (their cell then differs)."""
    event = aliased(MemberEvent)
    return exists().where(
        event.member_id == Member.id,
        is_cell_move(event),
        event.effective_date > as_of,
    )


def cell_on(as_of: dt.date) -> ColumnElement[int]:
    """The id of the member's cell on `as_of`."""
    event = aliased(MemberEvent)
    cell_left_later = (
        select(event.from_org_id)
        .where(event.member_id == Member.id)
        .where(is_cell_move(event))
        .where(event.effective_date > as_of)
        .order_by(event.effective_date, event.id)
        .limit(1)
        .correlate(Member)
        .scalar_subquery()
    )
    return func.coalesce(cell_left_later, Member.cell_id)


def _flag_from_history(as_of: dt.date, kinds: tuple[MemberEventKind, ...], on_kind: MemberEventKind,
                       current_flag) -> ColumnElement[bool]:  # type: ignore[no-untyped-def]
    """True when the member's last event of `kinds` up to `as_of` is `on_kind`; a member without
    any such event (a record imported with the flag) keeps `current_flag`."""
    event = aliased(MemberEvent)
    last_kind = (
        select(event.kind)
        .where(event.member_id == Member.id, event.kind.in_(kinds), event.effective_date <= as_of)
        .order_by(event.effective_date.desc(), event.id.desc())
        .limit(1)
        .correlate(Member)
        .scalar_subquery()
    )
    with_history = select(MemberEvent.member_id).where(MemberEvent.kind.in_(kinds))
    # The correlated lookup runs only for the few members with such a history.
    return case(
        (Member.id.in_(with_history), func.coalesce(last_kind == on_kind, false())),
        else_=current_flag,
    )


def exempted_on(as_of: dt.date) -> ColumnElement[bool]:
    """Exempted from activities on `as_of`: the last exemption event up to then is EXEMPTED."""
    return _flag_from_history(as_of, EXEMPTION_KINDS, MemberEventKind.EXEMPTED, Member.exempted_from_activities)


TEMPORARY_STAY_KINDS = (MemberEventKind.TRANSFER_TEMPORARY_OUT, MemberEventKind.TRANSFER_TEMPORARY_IN)


def away_on(as_of: dt.date) -> ColumnElement[bool]:
    """Attached temporarily to another organisation on `as_of`: the last temporary-stay event up
    to then is the departure."""
    return _flag_from_history(as_of, TEMPORARY_STAY_KINDS, MemberEventKind.TRANSFER_TEMPORARY_OUT,
                              Member.temporary_elsewhere)

"""The demo's year of transfers agrees with the members' events and statuses."""

from __future__ import annotations

import collections

from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.enums import MemberEventKind, MemberStatus
from desktop.models.member import Member, MemberEvent
from desktop.models.transfers import MemberTransfer, TransferDirection, TransferKind, TransferState
from desktop.services.transfer_list import TransferListQuery, count_transfers
from desktop.services.working_calendar import load_calendar
from tests.conftest import TODAY

_DEPARTURES = {
    (TransferKind.OFFICIAL, TransferDirection.OUT): MemberEventKind.TRANSFER_OFFICIAL_OUT,
    (TransferKind.TEMPORARY, TransferDirection.OUT): MemberEventKind.TRANSFER_TEMPORARY_OUT,
}


def test_every_transfer_matches_the_member_it_moved(demo_database: Database) -> None:
    with demo_database.reading() as session:
        transfers = list(session.scalars(select(MemberTransfer)))
        members = {m.id: m for m in session.scalars(select(Member).where(
            Member.id.in_([t.member_id for t in transfers])))}
        events = {e.id: e for e in session.scalars(select(MemberEvent).where(
            MemberEvent.member_id.in_(list(members))))}
        calendar = load_calendar(session)
    assert len(transfers) == 14
    assert {(t.kind, t.direction) for t in transfers} == {
        (TransferKind.OFFICIAL, TransferDirection.INTERNAL), (TransferKind.OFFICIAL, TransferDirection.OUT),
        (TransferKind.TEMPORARY, TransferDirection.OUT), (TransferKind.OFFICIAL, TransferDirection.IN)}
    assert len({t.member_id for t in transfers}) == len(transfers)
    for t in transfers:
        member = members[t.member_id]
        assert t.letter_date <= TODAY and calendar.working_days_between(t.letter_date, t.report_deadline) == 30
        gone = t.kind is TransferKind.OFFICIAL and t.direction is not TransferDirection.IN and (
            t.direction is TransferDirection.OUT or t.state is TransferState.ISSUED)
        assert member.status is (MemberStatus.TRANSFERRED_OUT if gone else MemberStatus.FULL), t
        staying = t.kind is TransferKind.TEMPORARY and t.state is not TransferState.RETURNED
        assert member.temporary_elsewhere is staying
        if t.direction is TransferDirection.INTERNAL and t.state is TransferState.RECEIVED:
            assert member.cell_id == t.to_org_id
        if t.out_event_id is not None:
            departure = events[t.out_event_id]
            assert (departure.member_id, departure.effective_date) == (t.member_id, t.letter_date)
            assert departure.decision_number == t.letter_number
            expected = _DEPARTURES.get((t.kind, t.direction))
            if expected is not None:
                assert departure.kind is expected
        if t.in_event_id is not None:
            assert events[t.in_event_id].member_id == t.member_id
        if t.received_date is not None:
            assert t.letter_date <= t.received_date <= TODAY
    by_member = collections.defaultdict(list)
    for event in sorted(events.values(), key=lambda e: (e.effective_date, e.id)):
        by_member[event.member_id].append(event.kind)
    for kinds in by_member.values():
        assert kinds[0] is MemberEventKind.ADMITTED and kinds[1] is MemberEventKind.RECOGNISED_FULL


def test_the_small_demo_shows_every_case_of_the_list(demo_database: Database) -> None:
    def count(**query: object) -> int:
        return count_transfers(demo_database, TransferListQuery(**query), today=TODAY)  # type: ignore[arg-type]

    assert count() == 4  # three letters not received yet, one temporary stay running
    assert count(overdue_only=True) == 1
    assert count(states=(TransferState.ISSUED,)) == 3
    assert count(states=(TransferState.RETURNED,)) == 1
    assert count(kind=TransferKind.TEMPORARY) == 2

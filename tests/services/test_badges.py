"""The badge due list, awards with their history event, gaps and illness, read back."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.db.database import Database
from desktop.models.enums import MemberEventKind, MemberStatus, OrgKind
from desktop.models.member_lifecycle import EventDraft
from desktop.models.problems import ProblemCode
from desktop.services.badges import (
    AwardDraft,
    add_membership_gap,
    badges_due,
    member_badges,
    membership_gaps,
    record_badge_awards,
    set_seriously_ill,
)
from desktop.services.errors import ValidationFailed
from desktop.services.member_events import member_timeline, record_member_event
from desktop.services.members import create_member
from tests.builders import add_org, member_draft

D = dt.date
TODAY = D(2026, 12, 2)
OCCASION = D(2027, 2, 3)


@pytest.fixture
def cell(database: Database) -> int:
    top = add_org(database, "DB", "Đảng bộ Khối", OrgKind.GRASSROOTS_COMMITTEE)
    return add_org(database, "CB1", "Chi bộ Một", OrgKind.SUBORDINATE_CELL, top)


def _member(database: Database, cell: int, name: str, decided: dt.date, **changes: object) -> int:
    draft = member_draft(cell, full_name=name, date_of_birth=D(decided.year - 20, 1, 1),
                         admission_decision_date=decided, admission_date=decided + dt.timedelta(days=10),
                         official_date=decided + dt.timedelta(days=10 + 366), **changes)
    return create_member(database, draft, today=TODAY).id


def _due(database: Database, cell: int, until: dt.date = OCCASION) -> dict[str, tuple[int, dt.date, bool]]:
    return {row.full_name: (row.milestone, row.reached_on, row.early) for row in badges_due(database, cell, until)}


def test_due_list_by_milestone_at_the_occasion_edge(database: Database, cell: int) -> None:
    _member(database, cell, "Trần Văn Đúng", D(1997, 2, 3))
    _member(database, cell, "Lê Thị Sau", D(1997, 2, 4))
    _member(database, cell, "Phạm Văn Lâu", D(1980, 5, 1))
    _member(database, cell, "Ngô Văn Trẻ", D(2010, 5, 1))
    assert _due(database, cell) == {
        "Trần Văn Đúng": (30, D(2027, 2, 3), False),
        "Phạm Văn Lâu": (45, D(2025, 5, 1), False),
    }
    row = next(r for r in badges_due(database, cell, OCCASION) if r.full_name == "Phạm Văn Lâu")
    assert (row.party_age.years, row.party_age.months, row.cell_name) == (46, 9, "Chi bộ Một")


def test_a_gap_delays_the_badge(database: Database, cell: int) -> None:
    member_id = _member(database, cell, "Trần Văn Đúng", D(1997, 2, 3))
    add_membership_gap(database, member_id, D(2000, 1, 1), D(2000, 1, 31), "Gián đoạn sinh hoạt", "12-QĐ/ĐU")
    assert _due(database, cell) == {}
    assert _due(database, cell, D(2027, 3, 6)) == {"Trần Văn Đúng": (30, D(2027, 3, 6), False)}
    assert [(g.start, g.end, g.decision) for g in membership_gaps(database, member_id)] == [
        (D(2000, 1, 1), D(2000, 1, 31), "12-QĐ/ĐU")]
    with pytest.raises(ValidationFailed) as refused:
        add_membership_gap(database, member_id, D(2000, 1, 20), D(2000, 2, 5), "Trùng")
    assert [p.code for p in refused.value.problems] == [ProblemCode.GAP_OVERLAPS]


def test_awarding_records_the_badge_and_a_history_event_and_leaves_the_list(database: Database, cell: int) -> None:
    member_id = _member(database, cell, "Trần Văn Đúng", D(1997, 2, 3))
    with pytest.raises(ValidationFailed) as refused:  # not yet reached on the occasion before
        record_badge_awards(database, [AwardDraft(member_id, 30, D(2026, 11, 7), "01-QĐ/TU", D(2026, 11, 30))],
                            today=TODAY)
    assert [p.code for p in refused.value.problems] == [ProblemCode.BADGE_NOT_REACHED]
    [award_id] = record_badge_awards(
        database, [AwardDraft(member_id, 30, OCCASION, "125-QĐ/TU", D(2026, 12, 1))], today=TODAY)
    assert award_id
    assert [(b.milestone_years, b.decision_number, b.early) for b in member_badges(database, member_id)] == [
        (30, "125-QĐ/TU", False)]
    events = [e for e in member_timeline(database, member_id) if e.kind is MemberEventKind.BADGE_AWARDED]
    assert [(e.effective_date, e.decision_number, e.note) for e in events] == [
        (D(2026, 12, 1), "125-QĐ/TU", "Huy hiệu 30 năm tuổi Đảng")]
    assert _due(database, cell) == {}
    with pytest.raises(ValidationFailed) as again:
        record_badge_awards(database, [AwardDraft(member_id, 30, OCCASION, "126-QĐ/TU", D(2026, 12, 1))],
                            today=TODAY)
    assert [p.code for p in again.value.problems] == [ProblemCode.BADGE_ALREADY_AWARDED]


def test_seriously_ill_members_are_listed_early_and_flagged(database: Database, cell: int) -> None:
    member_id = _member(database, cell, "Đỗ Văn Ốm", D(1962, 12, 1))  # 65 years on 01/12/2027
    assert _due(database, cell) == {"Đỗ Văn Ốm": (60, D(2022, 12, 1), False)}
    record_badge_awards(database, [AwardDraft(member_id, 60, D(2023, 2, 3), "3-QĐ/TU", D(2023, 1, 20))], today=TODAY)
    assert _due(database, cell) == {}
    set_seriously_ill(database, member_id, D(2026, 10, 1), "Bệnh viện xác nhận")
    assert _due(database, cell) == {"Đỗ Văn Ốm": (65, D(2027, 12, 1), True)}
    [row] = badges_due(database, cell, OCCASION)
    assert row.seriously_ill
    record_badge_awards(database, [AwardDraft(member_id, 65, OCCASION, "7-QĐ/TU", D(2026, 12, 1))], today=TODAY)
    assert [(b.milestone_years, b.early) for b in member_badges(database, member_id)] == [(60, False), (65, True)]


def test_removed_members_are_not_listed_and_cannot_be_awarded(database: Database, cell: int) -> None:
    member_id = _member(database, cell, "Trần Văn Đúng", D(1997, 2, 3))
    record_member_event(database, member_id, EventDraft(
        MemberEventKind.REMOVED, D(2026, 11, 1), decision_number="9-QĐ/ĐU", note="Bỏ sinh hoạt"), today=TODAY)
    assert _due(database, cell) == {}
    with pytest.raises(ValidationFailed) as refused:
        record_badge_awards(database, [AwardDraft(member_id, 30, OCCASION, "1-QĐ/TU", D(2026, 12, 1))], today=TODAY)
    assert refused.value.problems[0].code is ProblemCode.BADGE_MEMBER_NOT_ELIGIBLE
    assert refused.value.problems[0].params["status"] is MemberStatus.REMOVED


def test_the_ceremony_anchor_is_read_from_the_rule(database: Database, cell: int) -> None:
    from desktop.models.rules import RuleValue

    _member(database, cell, "Trần Văn Đúng", D(1997, 2, 3))  # ceremony 13/02/1997
    with database.transaction() as session:
        session.query(RuleValue).filter_by(code="PARTY_AGE_ANCHOR").one().value_json = '"CEREMONY_DATE"'
    assert _due(database, cell) == {}
    assert _due(database, cell, D(2027, 2, 13)) == {"Trần Văn Đúng": (30, D(2027, 2, 13), False)}

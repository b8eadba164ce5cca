"""Member register use cases: subtree lists, paging, saving with every rule, concurrent edits."""

import datetime as dt
import unicodedata
from dataclasses import replace

import pytest
from sqlalchemy import event, select

from desktop.db.database import Database
from desktop.models.enums import Gender, MemberEventKind, MemberStatus, OrgKind
from desktop.models.member import Member
from desktop.models.problems import ProblemCode
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.members import (
    MemberListQuery,
    MemberSort,
    count_members,
    create_member,
    fetch_member_rows,
    get_member,
    update_member,
)
from tests.builders import add_org, member_draft

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def tree(database: Database) -> dict[str, int]:
    """root ─ committee A ─ cells A1, A2;  root ─ grassroots cell B."""
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    a = add_org(database, "K.A", "Đảng bộ Bộ A", OrgKind.GRASSROOTS_COMMITTEE, root)
    a1 = add_org(database, "K.A.1", "Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, a)
    a2 = add_org(database, "K.A.2", "Chi bộ Vụ Pháp chế", OrgKind.SUBORDINATE_CELL, a)
    b = add_org(database, "K.B", "Chi bộ Báo Nhân Dân", OrgKind.GRASSROOTS_CELL, root)
    return {"root": root, "a": a, "a1": a1, "a2": a2, "b": b}


def add(database: Database, cell: int, name: str, **changes: object) -> int:
    return create_member(database, member_draft(cell, full_name=name, **changes), today=TODAY).id


def test_subtree_lists_count_members_of_every_cell_below(database: Database, tree: dict[str, int]) -> None:
    add(database, tree["a1"], "Trần Văn Ba")
    add(database, tree["a2"], "Lê Thị Bốn", gender=Gender.FEMALE)
    add(database, tree["b"], "Phạm Văn Năm")
    assert count_members(database, MemberListQuery(organization_id=tree["root"])) == 3
    assert count_members(database, MemberListQuery(organization_id=tree["a"])) == 2
    assert count_members(database, MemberListQuery(organization_id=tree["a2"])) == 1
    assert count_members(database, MemberListQuery()) == 3
    names = [r.full_name for r in fetch_member_rows(database, MemberListQuery(organization_id=tree["a"]), 0, 10)]
    assert names == ["Trần Văn Ba", "Lê Thị Bốn"]  # Vietnamese order of the given names: Ba < Bốn


def test_subtree_query_is_one_statement_on_the_path_index(database: Database, tree: dict[str, int]) -> None:
    add(database, tree["a1"], "Trần Văn Ba")
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(database.engine, "before_cursor_execute", listener)
    try:
        count_members(database, MemberListQuery(organization_id=tree["a"]))
    finally:
        event.remove(database.engine, "before_cursor_execute", listener)
    counting = [s for s in statements if "count(" in s.lower()]
    assert len(counting) == 1
    assert "path >=" in counting[0] and "path <" in counting[0]
    if database.engine.dialect.name != "sqlite":
        return  # a planner with a handful of rows may rightly prefer a scan
    with database.reading() as session:
        plan = " ".join(str(row) for row in session.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM party_organization WHERE path >= '/1/2/' AND path < '/1/20'"
        ))
    assert "uq_party_organization_path" in plan or "INDEX" in plan.upper()


def test_pages_follow_the_chosen_order_without_overlap(database: Database, tree: dict[str, int]) -> None:
    for year, name in [(1970, "Hoàng Văn Một"), (1985, "Vũ Thị Hai"), (1975, "Đỗ Văn Ba"), (1990, "Bùi Văn Tư")]:
        add(database, tree["b"], name, date_of_birth=dt.date(year, 1, 10),
            gender=Gender.FEMALE if "Thị" in name else Gender.MALE,
            admission_decision_date=dt.date(2012, 4, 1), admission_date=dt.date(2012, 4, 15),
            official_date=dt.date(2013, 4, 15))
    query = MemberListQuery(sort=MemberSort.DATE_OF_BIRTH, descending=True)
    first = fetch_member_rows(database, query, 0, 2)
    second = fetch_member_rows(database, query, 2, 2)
    assert [r.date_of_birth.year for r in first + second] == [1990, 1985, 1975, 1970]


def test_status_filter(database: Database, tree: dict[str, int]) -> None:
    add(database, tree["b"], "Trần Văn Ba")
    add(database, tree["b"], "Lê Văn Mới", admission_date=dt.date(2026, 6, 1),
        admission_decision_date=dt.date(2026, 5, 20), official_date=None)
    probationary = fetch_member_rows(database, MemberListQuery(statuses=(MemberStatus.PROBATIONARY,)), 0, 10)
    assert [r.full_name for r in probationary] == ["Lê Văn Mới"]


def test_create_records_history_and_normalises_text(database: Database, tree: dict[str, int]) -> None:
    decomposed = unicodedata.normalize("NFD", "  Đặng   Thị Ửng ")
    record = create_member(
        database,
        member_draft(tree["a1"], full_name=decomposed, gender=Gender.FEMALE,
                     work_unit=unicodedata.normalize("NFD", "Vụ Tổng hợp"), phone="  "),
        today=TODAY,
    )
    assert record.draft.full_name == "Đặng Thị Ửng"
    assert unicodedata.is_normalized("NFC", record.draft.work_unit or "")
    assert record.draft.phone is None
    assert record.status is MemberStatus.FULL
    assert [(e.kind, e.effective_date) for e in record.events] == [
        (MemberEventKind.ADMITTED, dt.date(2005, 4, 15)),
        (MemberEventKind.RECOGNISED_FULL, dt.date(2006, 4, 15)),
    ]
    assert record.cell_name == "Chi bộ Vụ Tổng hợp"


def test_a_member_must_belong_to_an_active_cell(database: Database, tree: dict[str, int]) -> None:
    with pytest.raises(ValidationFailed) as raised:
        create_member(database, member_draft(tree["a"]), today=TODAY)
    assert [(p.field, p.code) for p in raised.value.problems] == [("cell_id", ProblemCode.CELL_NOT_A_CELL)]
    assert count_members(database, MemberListQuery()) == 0


def test_card_number_and_national_id_are_unique(database: Database, tree: dict[str, int]) -> None:
    add(database, tree["b"], "Trần Văn Ba", party_card_number="12345678", national_id="001080012345")
    with pytest.raises(ValidationFailed) as raised:
        add(database, tree["a1"], "Lê Văn Tư", party_card_number="12345678", national_id="001080012345")
    found = {(p.field, p.code, p.params.get("holder")) for p in raised.value.problems}
    assert found == {
        ("party_card_number", ProblemCode.CARD_DUPLICATE, "Trần Văn Ba"),
        ("national_id", ProblemCode.NATIONAL_ID_DUPLICATE, "Trần Văn Ba"),
    }
    assert count_members(database, MemberListQuery()) == 1


def test_an_invalid_edit_changes_nothing(database: Database, tree: dict[str, int]) -> None:
    member_id = add(database, tree["b"], "Trần Văn Ba", phone="0912345678")
    record = get_member(database, member_id)
    broken = replace(record.draft, phone="0988777666", official_date=dt.date(2005, 5, 1))
    with pytest.raises(ValidationFailed):
        update_member(database, member_id, record.version, broken, today=TODAY)
    again = get_member(database, member_id)
    assert again.draft.phone == "0912345678" and again.version == record.version


def test_edit_saves_and_keeps_status_events_in_step(database: Database, tree: dict[str, int]) -> None:
    member_id = add(database, tree["b"], "Trần Văn Ba", official_date=None,
                    admission_date=dt.date(2025, 10, 1), admission_decision_date=dt.date(2025, 9, 20))
    record = get_member(database, member_id)
    assert record.status is MemberStatus.PROBATIONARY
    saved = update_member(
        database, member_id, record.version,
        replace(record.draft, official_date=dt.date(2026, 10, 1), work_unit="Báo Nhân Dân"), today=TODAY,
    )
    assert saved.status is MemberStatus.FULL
    assert saved.version == record.version + 1
    assert saved.draft.work_unit == "Báo Nhân Dân"
    assert MemberEventKind.RECOGNISED_FULL in [e.kind for e in saved.events]


def test_moving_to_another_cell_is_recorded(database: Database, tree: dict[str, int]) -> None:
    member_id = add(database, tree["a1"], "Trần Văn Ba")
    record = get_member(database, member_id)
    moved = update_member(database, member_id, record.version, replace(record.draft, cell_id=tree["a2"]),
                          today=TODAY)
    assert moved.cell_name == "Chi bộ Vụ Pháp chế"
    assert (MemberEventKind.TRANSFER_INTERNAL, TODAY) in [(e.kind, e.effective_date) for e in moved.events]


def test_the_second_of_two_concurrent_edits_is_refused(database: Database, tree: dict[str, int]) -> None:
    member_id = add(database, tree["b"], "Trần Văn Ba")
    first_clerk = get_member(database, member_id)
    second_clerk = get_member(database, member_id)
    update_member(database, member_id, first_clerk.version,
                  replace(first_clerk.draft, phone="0911111111"), today=TODAY)
    with pytest.raises(ConcurrentEdit):
        update_member(database, member_id, second_clerk.version,
                      replace(second_clerk.draft, phone="0922222222"), today=TODAY)
    assert get_member(database, member_id).draft.phone == "0911111111"


def test_a_write_racing_between_read_and_update_is_refused(database: Database, tree: dict[str, int]) -> None:
    """The version column guards the UPDATE itself, not only the comparison before it."""
    member_id = add(database, tree["b"], "Trần Văn Ba")
    record = get_member(database, member_id)

    sneaked: list[bool] = []

    def sneak_in(session, flush_context, instances) -> None:  # type: ignore[no-untyped-def]
        if sneaked:
            return
        sneaked.append(True)
        with database.engine.connect() as other:
            other.exec_driver_sql(f"UPDATE member SET version = version + 1 WHERE id = {member_id}")
            other.commit()

    from sqlalchemy.orm import Session

    event.listen(Session, "before_flush", sneak_in)
    try:
        with pytest.raises(ConcurrentEdit):
            update_member(database, member_id, record.version,
                          replace(record.draft, phone="0933333333"), today=TODAY)
    finally:
        event.remove(Session, "before_flush", sneak_in)
    assert sneaked
    with database.reading() as session:
        assert session.scalar(select(Member.phone).where(Member.id == member_id)) is None


def test_unknown_member(database: Database) -> None:
    with pytest.raises(RecordNotFound):
        get_member(database, 424242)

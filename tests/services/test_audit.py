"""The audit trail: entries in the same transaction, the hash chain, tampering, concurrency."""

from __future__ import annotations

import csv
import datetime as dt
import json
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from desktop.db.database import Database
from desktop.models.accounts import Role, UserAccount
from desktop.models.audit import GENESIS_HASH, AuditAction, AuditEntry
from desktop.models.enums import MemberEventKind, OrgKind
from desktop.models.member import Member
from desktop.models.meta import AppMeta
from desktop.models.organization_rules import OrganizationDraft
from desktop.models.permissions import Actor
from desktop.services.access import PermissionDenied
from desktop.services.audit import (
    REDACTED,
    SYSTEM_USERNAME,
    AuditQuery,
    AuditTrailIsAppendOnly,
    BreakReason,
    audit_usernames,
    count_audit_entries,
    export_audit_csv,
    fetch_audit_page,
    get_audit_entry,
    record_event,
    verify_chain,
)
from desktop.services.members import create_member, get_member, update_member
from desktop.services.organization_editing import create_organization, update_organization
from tests.builders import add_org, member_draft

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def admin(database: Database) -> Actor:
    """The signed-in administrator (the one the fixtures sign in, or one made up here)."""
    if database.actor is None:
        database.actor = Actor(user_id=1, username="quantri", full_name="Quản trị hệ thống",
                               role=Role.ADMIN, scope_path=None)
    return database.actor


@pytest.fixture
def cell(database: Database, admin: Actor) -> int:
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.GRASSROOTS_COMMITTEE)
    return add_org(database, "K.1", "Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, root)


def entries(database: Database, after: int = 0) -> list[AuditEntry]:
    with database.reading() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.id > after).order_by(AuditEntry.id)))


def last_id(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0)


def changes(entry: AuditEntry) -> dict[str, object]:
    return json.loads(entry.changes)


# -- what is written --------------------------------------------------------------------


def test_member_create_and_update_write_fields_and_who(database: Database, cell: int, admin: Actor) -> None:
    start = last_id(database)
    record = create_member(database, member_draft(cell, full_name="Trần Văn Ba"), today=TODAY)
    created = entries(database, start)
    member_entry = next(e for e in created if e.record_type == "member")
    assert member_entry.action is AuditAction.CREATE
    assert member_entry.record_id == record.id
    assert (member_entry.username, member_entry.user_id) == (admin.username, admin.user_id)
    values = changes(member_entry)
    assert values["full_name"] == "Trần Văn Ba"
    assert values["date_of_birth"] == "1980-06-15"  # ISO dates
    assert values["gender"] == "MALE"  # enums by name
    assert values["cell_id"] == cell
    assert "search_key" not in values and "version" not in values  # derived, bookkeeping
    # Canonical JSON: sorted keys, no spaces, Vietnamese as text.
    assert member_entry.changes == json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Its first events (admission, recognition) are written with it, and listed in its entry.
    assert [(event["kind"], event["effective_date"]) for event in values["events"]] == [
        ("ADMITTED", "2005-04-15"), ("RECOGNISED_FULL", "2006-04-15")]
    assert [e.record_type for e in created] == ["member"]

    start = last_id(database)
    update_member(database, record.id, record.version,
                  replace(record.draft, full_name="Trần Văn Bảy", phone="0912345678"), today=TODAY)
    (updated,) = entries(database, start)
    assert (updated.action, updated.record_type, updated.record_id) == (AuditAction.UPDATE, "member", record.id)
    assert changes(updated) == {"full_name": ["Trần Văn Ba", "Trần Văn Bảy"], "phone": [None, "0912345678"]}
    assert updated.username == admin.username


def test_opening_a_member_file_is_access_logged(database: Database, cell: int, admin: Actor) -> None:
    record = create_member(database, member_draft(cell), today=TODAY)
    record = update_member(database, record.id, record.version, replace(record.draft, phone="0912345678"),
                           today=TODAY)
    assert AuditAction.READ not in [e.action for e in entries(database)]  # saving is not reading
    start = last_id(database)
    assert get_member(database, record.id).draft.phone == "0912345678"
    (read,) = entries(database, start)
    assert (read.action, read.record_type, read.record_id, read.username) == (
        AuditAction.READ, "member", record.id, admin.username)
    assert changes(read) == {}


def test_deletes_record_the_values_that_were_removed(database: Database, cell: int, admin: Actor) -> None:
    record = create_member(database, member_draft(cell), today=TODAY)
    start = last_id(database)
    # Clearing the official date deletes the recognition event.
    update_member(database, record.id, record.version,
                  replace(record.draft, official_date=None, party_card_number=None), today=TODAY)
    deleted = [e for e in entries(database, start) if e.action is AuditAction.DELETE]
    assert [(e.record_type, changes(e)["kind"], changes(e)["effective_date"]) for e in deleted] == [
        ("member_event", MemberEventKind.RECOGNISED_FULL.name, "2006-04-15")
    ]
    start = last_id(database)
    with database.transaction() as session:
        session.delete(session.get(Member, record.id))
    member_deleted = [e for e in entries(database, start) if e.record_type == "member"]
    assert [(e.action, e.record_id) for e in member_deleted] == [(AuditAction.DELETE, record.id)]
    assert changes(member_deleted[0])["full_name"] == "Nguyễn Văn An"


def test_organization_create_and_update(database: Database, cell: int, admin: Actor) -> None:
    start = last_id(database)
    org_id = create_organization(
        database, None, OrganizationDraft(code="B", name="Đảng bộ Bộ B", kind=OrgKind.GRASSROOTS_COMMITTEE),
        today=TODAY,
    )
    (created,) = entries(database, start)  # the pending path is derived: no second entry
    assert (created.action, created.record_type, created.record_id) == (
        AuditAction.CREATE, "party_organization", org_id)
    assert changes(created)["name"] == "Đảng bộ Bộ B"
    assert changes(created)["address"] is None
    assert created.username == admin.username

    start = last_id(database)
    with database.reading() as session:
        version = session.scalar(text("SELECT version FROM party_organization WHERE id = :id"), {"id": org_id})
    update_organization(
        database, org_id, version,
        OrganizationDraft(code="B", name="Đảng bộ Bộ B", kind=OrgKind.GRASSROOTS_COMMITTEE, address="Số 1 Hoàng Hoa Thám"),
        today=TODAY,
    )
    (updated,) = entries(database, start)
    assert changes(updated) == {"address": [None, "Số 1 Hoàng Hoa Thám"]}


def test_without_a_signed_in_user_the_system_is_named(database: Database) -> None:
    database.actor = None
    start = last_id(database)
    with database.transaction() as session:
        session.add(AppMeta(key="theme", value="sáng"))
    (entry,) = entries(database, start)
    assert (entry.username, entry.user_id) == (SYSTEM_USERNAME, None)
    # Rows keyed by text: no record id, the key is part of the changes.
    assert (entry.record_type, entry.record_id) == ("app_meta", None)
    assert changes(entry) == {"key": "theme", "value": "sáng"}


def test_secrets_never_reach_the_trail(database: Database, admin: Actor) -> None:
    secret_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"
    start = last_id(database)
    with database.transaction() as session:
        account = UserAccount(username="thuky", full_name="Thư ký", role=Role.OFFICE_CLERK,
                              password_hash=secret_hash, is_active=True, failed_attempts=0)
        session.add(account)
        session.flush()
        account_id = account.id
    with database.transaction() as session:
        account = session.get(UserAccount, account_id)
        account.password_hash = secret_hash + "x"
        account.failed_attempts = 3  # noise: left out
    with database.transaction() as session:
        session.get(UserAccount, account_id).failed_attempts = 4  # only noise: no entry
    with database.transaction() as session:
        session.add(AppMeta(key="database_key_salt", value="c2VjcmV0LXNhbHQ="))
    written = entries(database, start)
    assert [e.action for e in written] == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.CREATE]
    assert changes(written[0])["password_hash"] == REDACTED
    assert changes(written[1]) == {"password_hash": [REDACTED, REDACTED]}
    assert changes(written[2]) == {"key": "database_key_salt", "value": REDACTED}
    with database.reading() as session:
        every_change = "".join(session.scalars(select(AuditEntry.changes)))
    assert "argon2" not in every_change and "c2VjcmV0" not in every_change


def test_a_rolled_back_transaction_leaves_no_entry(database: Database, cell: int, admin: Actor) -> None:
    start = last_id(database)
    with pytest.raises(RuntimeError), database.transaction() as session:
        session.add(AppMeta(key="half-done", value="x"))
        session.flush()
        record_event(session, AuditAction.EXPORT, details={"rows": 1})
        assert len(entries(database, 0)) >= 0  # the entries exist inside the transaction only
        raise RuntimeError("the use case failed")
    assert entries(database, start) == []
    assert verify_chain(database).ok  # the head did not move either


def test_events_name_who_did_them(database: Database, admin: Actor) -> None:
    start = last_id(database)
    with database.transaction() as session:
        record_event(session, AuditAction.LOGIN_FAILED, username="lan", details={"reason": "WRONG_CREDENTIALS"})
        record_event(session, AuditAction.EXPORT, record_type="member", record_id=7,
                     details={"as_of": dt.date(2026, 11, 21), "file": "phiếu.pdf"})
    failed, export = entries(database, start)
    assert (failed.username, failed.user_id, failed.action) == ("lan", None, AuditAction.LOGIN_FAILED)
    assert (export.username, export.record_type, export.record_id) == (admin.username, "member", 7)
    assert changes(export) == {"as_of": "2026-11-21", "file": "phiếu.pdf"}


def test_orm_sessions_cannot_change_entries(database: Database, admin: Actor) -> None:
    with database.transaction() as session:
        record_event(session, AuditAction.LOGOUT)
    with pytest.raises(AuditTrailIsAppendOnly), database.transaction() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
        entry.username = "someone-else"
        session.flush()
    with pytest.raises(AuditTrailIsAppendOnly), database.transaction() as session:
        session.execute(update(AuditEntry).values(username="x"))
    assert verify_chain(database).ok


def test_orm_bulk_statements_are_summarised(database: Database, cell: int, admin: Actor) -> None:
    create_member(database, member_draft(cell), today=TODAY)
    start = last_id(database)
    with database.transaction() as session:
        session.execute(update(Member).values(notes="ghi chú"))
    (bulk,) = entries(database, start)
    assert (bulk.action, bulk.record_type) == (AuditAction.BULK, "member")
    assert changes(bulk) == {"rows": 1, "statement": "UPDATE"}
    start = last_id(database)
    with database.transaction() as session:
        session.execute(insert(AppMeta), [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}])
        session.execute(delete(AppMeta).where(AppMeta.key.in_(["a", "b"])))
    assert [changes(entry) for entry in entries(database, start)] == [
        {"rows": 2, "statement": "INSERT"}, {"rows": 2, "statement": "DELETE"}]
    with pytest.raises(AuditTrailIsAppendOnly), database.transaction() as session:
        session.execute(delete(AuditEntry))


def test_the_demo_writes_one_bulk_entry(demo_database: Database) -> None:
    with demo_database.reading() as session:
        bulk = session.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.BULK)).all()
        members = session.scalar(select(func.count()).select_from(Member))
    assert len(bulk) == 1
    assert changes(bulk[0])["member"] == members


# -- the chain --------------------------------------------------------------------------


def _tamper(database: Database, statement: str, **params: object) -> None:
    """What someone with the file and an SQL tool could do: switch the triggers off, edit."""
    with database.engine.begin() as connection:
        if database.engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER USER"))
        else:
            connection.execute(text("DROP TRIGGER IF EXISTS audit_entry_no_update"))
            connection.execute(text("DROP TRIGGER IF EXISTS audit_entry_no_delete"))
        connection.execute(text(statement), params)


def _five_entries(database: Database) -> list[int]:
    start = last_id(database)
    for number in range(5):
        with database.transaction() as session:
            record_event(session, AuditAction.EXPORT, details={"number": number})
    return [entry.id for entry in entries(database, start)]


def test_the_chain_links_every_entry_to_the_one_before(database: Database, admin: Actor) -> None:
    _five_entries(database)
    chain = entries(database)
    assert chain[0].previous_hash == GENESIS_HASH
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.previous_hash == before.entry_hash
    result = verify_chain(database)
    assert result.ok and result.checked == len(chain)
    assert (result.first_broken_id, result.reason) == (None, None)
    assert result.head_hash == chain[-1].entry_hash


def test_triggers_refuse_plain_sql_changes(database: Database, admin: Actor) -> None:
    ids = _five_entries(database)
    for statement in ("UPDATE audit_entry SET username = 'x' WHERE id = :id", "DELETE FROM audit_entry WHERE id = :id"):
        with pytest.raises(DBAPIError), database.engine.begin() as connection:
            connection.execute(text(statement), {"id": ids[2]})
    assert verify_chain(database).ok


@pytest.mark.parametrize("column, value", [
    ("username", "kẻ gian"), ("changes", '{"number":99}'), ("action", "READ"), ("record_id", 42),
])
def test_an_edited_entry_is_found(database: Database, admin: Actor, column: str, value: object) -> None:
    ids = _five_entries(database)
    _tamper(database, f"UPDATE audit_entry SET {column} = :value WHERE id = :id", value=value, id=ids[2])
    result = verify_chain(database)
    assert not result.ok
    assert (result.first_broken_id, result.reason) == (ids[2], BreakReason.ENTRY_ALTERED)
    assert result.checked == len(entries(database)) - 3  # everything before it was fine


def test_an_edited_time_is_found(database: Database, admin: Actor) -> None:
    ids = _five_entries(database)
    _tamper(database, "UPDATE audit_entry SET at = :at WHERE id = :id", at=dt.datetime(2020, 1, 1), id=ids[1])
    assert (verify_chain(database).first_broken_id, verify_chain(database).reason) == (ids[1], BreakReason.ENTRY_ALTERED)


def test_a_deleted_entry_is_found_at_the_next_one(database: Database, admin: Actor) -> None:
    ids = _five_entries(database)
    _tamper(database, "DELETE FROM audit_entry WHERE id = :id", id=ids[2])
    result = verify_chain(database)
    assert (result.ok, result.first_broken_id, result.reason) == (False, ids[3], BreakReason.LINK_BROKEN)


def test_deleted_last_entries_are_found(database: Database, admin: Actor) -> None:
    ids = _five_entries(database)
    _tamper(database, "DELETE FROM audit_entry WHERE id >= :id", id=ids[3])
    result = verify_chain(database)
    assert (result.ok, result.first_broken_id, result.reason) == (False, ids[4], BreakReason.HEAD_MISMATCH)


def test_an_entry_written_around_the_app_is_found(database: Database, admin: Actor) -> None:
    ids = _five_entries(database)
    last = entries(database)[-1]
    with database.engine.begin() as connection:
        connection.execute(
            AuditEntry.__table__.insert().values(
                at=dt.datetime(2026, 11, 21), user_id=None, username="x", action="EXPORT", record_type="",
                record_id=None, changes="{}", previous_hash=last.entry_hash, entry_hash="f" * 64,
            )
        )
    result = verify_chain(database)
    assert (result.ok, result.reason) == (False, BreakReason.UNCHAINED_ENTRY)
    assert result.first_broken_id is not None and result.first_broken_id > ids[-1]


def test_verify_reports_progress_in_batches(database: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.services.audit as audit

    monkeypatch.setattr(audit, "_BATCH", 2)
    _five_entries(database)
    seen: list[tuple[int, int]] = []
    result = verify_chain(database, progress=lambda done, total: seen.append((done, total)))
    total = len(entries(database))
    assert result.ok and result.checked == total
    assert seen[0] == (0, total) and seen[-1] == (total, total) and len(seen) >= total // 2


def test_concurrent_writers_keep_one_chain(database: Database, admin: Actor) -> None:
    """Two writers hold their transactions open across the append: no fork, no lost link."""
    start = last_id(database)
    per_thread = 8
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            barrier.wait()
            for number in range(per_thread):
                with database.transaction() as session:
                    session.add(AppMeta(key=f"{name}-{number}", value="x"))
                    session.flush()  # the first append of this transaction
                    time.sleep(0.005)  # keep the transaction open while the other one tries
                    record_event(session, AuditAction.EXPORT, details={"writer": name, "number": number})
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    written = entries(database, start)
    assert len(written) == 2 * 2 * per_thread
    previous_hashes = [entry.previous_hash for entry in entries(database)]
    assert len(set(previous_hashes)) == len(previous_hashes)  # nobody chained to the same entry twice
    result = verify_chain(database)
    assert result.ok, result


# -- browsing and exporting ---------------------------------------------------------------


def test_pages_newest_first_and_filters(database: Database, cell: int, admin: Actor) -> None:
    for name in ("Lê Thị Một", "Lê Thị Hai", "Lê Thị Ba"):
        create_member(database, member_draft(cell, full_name=name), today=TODAY)
    record = create_member(database, member_draft(cell), today=TODAY)
    with database.transaction() as session:
        record_event(session, AuditAction.LOGIN_FAILED, username="lan")
    every = count_audit_entries(database, AuditQuery())
    first = fetch_audit_page(database, AuditQuery(), limit=3)
    second = fetch_audit_page(database, AuditQuery(), before_id=first[-1].id, limit=3)
    ids = [row.id for row in first + second]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 6 <= every
    assert first[0].action is AuditAction.LOGIN_FAILED

    assert [row.username for row in fetch_audit_page(database, AuditQuery(username="lan"))] == ["lan"]
    members = fetch_audit_page(database, AuditQuery(record_type="member", record_id=record.id))
    assert [row.action for row in members] == [AuditAction.CREATE]
    assert count_audit_entries(database, AuditQuery(action=AuditAction.LOGIN_FAILED)) == 1
    today = dt.datetime.now().date()
    assert count_audit_entries(database, AuditQuery(date_from=today, date_to=today)) == every
    assert count_audit_entries(database, AuditQuery(date_to=today - dt.timedelta(days=1))) == 0
    assert "lan" in audit_usernames(database) and admin.username in audit_usernames(database)
    detail = get_audit_entry(database, first[0].id)
    assert detail.row == first[0] and len(detail.entry_hash) == 64


def test_only_auditors_browse_the_trail(database: Database, admin: Actor) -> None:
    database.actor = replace(admin, role=Role.OFFICE_CLERK)
    for call in (
        lambda: fetch_audit_page(database, AuditQuery()),
        lambda: count_audit_entries(database, AuditQuery()),
        lambda: verify_chain(database),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_csv_export_opens_in_excel_and_is_recorded(database: Database, cell: int, admin: Actor, tmp_path: Path) -> None:
    create_member(database, member_draft(cell, full_name="Đặng Thị Ửng"), today=TODAY)
    out = tmp_path / "nhật ký.csv"
    query = AuditQuery(record_type="member")
    written = export_audit_csv(database, query, out, ["Mã", "Thời điểm", "Người", "Mã người", "Thao tác",
                                                     "Loại", "Mã bản ghi", "Thay đổi", "Băm trước", "Băm"],
                               lambda action: action.name.lower())
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert written == len(rows) - 1 == 1
    assert rows[0][1] == "Thời điểm"
    assert rows[1][4] == "create" and "Đặng Thị Ửng" in rows[1][7]
    assert dt.datetime.strptime(rows[1][1], "%d/%m/%Y %H:%M:%S")
    (export,) = fetch_audit_page(database, AuditQuery(action=AuditAction.EXPORT))
    assert (export.record_type, export.change_map()["rows"], export.change_map()["file"]) == (
        "audit_entry", 1, "nhật ký.csv")
    assert not list(tmp_path.glob("*.part"))


def test_a_register_line_is_not_a_file_access(database: Database) -> None:
    """Showing a member in a list or picker is not opening their file: no READ entry."""
    from desktop.services.members import create_member, get_member, get_member_row
    from tests.builders import add_org, member_draft

    cell = add_org(database, "CB", "Chi bộ Vụ Tổng hợp", OrgKind.GRASSROOTS_CELL)
    member = create_member(database, member_draft(cell), today=dt.date(2026, 11, 21))

    def reads() -> int:
        with database.reading() as session:
            return session.scalar(select(func.count()).select_from(AuditEntry)
                                  .where(AuditEntry.action == AuditAction.READ))

    before = reads()
    assert get_member_row(database, member.id).full_name == "Nguyễn Văn An"
    assert reads() == before
    get_member(database, member.id)
    assert reads() == before + 1

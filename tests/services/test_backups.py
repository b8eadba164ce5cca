"""Backups and restores of the embedded database: consistent online copies, checked restores
that never touch the live file when they refuse, daily automatic backups with rotation."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.db.database import Database, open_database
from desktop.models.accounts import Role
from desktop.models.audit import AuditAction, AuditEntry
from desktop.models.enums import OrgKind
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.services import backups, office_settings
from desktop.services.access import PermissionDenied
from desktop.services.audit import verify_chain
from desktop.services.backups import BackupKind, BackupProblem, BackupRefused
from desktop.services.errors import OperationCancelled, ValidationFailed
from desktop.services.members import create_member
from tests.builders import add_account, member_draft, sign_in_as
from tests.encrypted_files import passphrase_connection

PASSPHRASE = "sao lưu ngày thứ hai đầu tuần"
NOW = dt.datetime(2026, 11, 23, 17, 30)


def fingerprint(path: Path) -> str:
    """The bytes of the database file and its WAL, so "untouched" means untouched."""
    digest = hashlib.sha256(path.read_bytes())
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()


def member_count(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Member)) or 0)


def a_cell(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalars(
            select(PartyOrganization.id).where(PartyOrganization.kind == OrgKind.SUBORDINATE_CELL)
            .order_by(PartyOrganization.id)
        ).first())


def add_members(database: Database, count: int, first: int = 0) -> None:
    cell = a_cell(database)
    for number in range(first, first + count):
        create_member(database, member_draft(cell, full_name=f"Trần Thị Sao {_letters(number)}"),
                      today=dt.date(2026, 11, 21))


def _letters(number: int) -> str:
    """Names have letters only: 0 → "A", 27 → "Bb"."""
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text.capitalize()


# -- backups an administrator makes -------------------------------------------------------


def test_a_backup_is_encrypted_with_its_passphrase_and_holds_the_register(
    demo_database: Database, tmp_path: Path
) -> None:
    target = tmp_path / "usb" / "sao-luu.db"
    outcome = backups.write_backup(demo_database, target, PASSPHRASE)

    members = member_count(demo_database)
    assert outcome.path == target and outcome.members == members > 0
    assert outcome.size == target.stat().st_size
    assert not target.with_name(target.name + ".partial").exists()
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(target).execute("SELECT count(*) FROM sqlite_master").fetchone()
    # Any SQLCipher 4 tool opens it with the passphrase alone (another computer, no key store).
    with passphrase_connection(target, PASSPHRASE) as connection:
        assert connection.execute("SELECT count(*) FROM member").fetchone()[0] == members
    with demo_database.reading() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action is AuditAction.EXPORT and "sao-luu.db" in entry.changes


def test_a_short_passphrase_is_refused_before_anything_is_written(
    demo_database: Database, tmp_path: Path
) -> None:
    with pytest.raises(BackupRefused) as refused:
        backups.write_backup(demo_database, tmp_path / "b.db", "ngắn quá")
    assert refused.value.problem is BackupProblem.PASSPHRASE_TOO_SHORT
    assert refused.value.params == {"min": 12}
    assert list(tmp_path.glob("b.db*")) == []


def test_a_backup_never_overwrites_the_database_itself(
    demo_database: Database, demo_database_path: Path
) -> None:
    before = fingerprint(demo_database_path)
    for target in (demo_database_path, demo_database_path.with_name("demo.db-wal")):
        with pytest.raises(BackupRefused) as refused:
            backups.write_backup(demo_database, target, PASSPHRASE)
        assert refused.value.problem is BackupProblem.SAME_FILE
    demo_database.close()
    assert fingerprint(demo_database_path) == before


def test_a_cancelled_backup_leaves_no_file(demo_database: Database, tmp_path: Path) -> None:
    target = tmp_path / "b.db"
    with pytest.raises(OperationCancelled):
        backups.write_backup(demo_database, target, PASSPHRASE, cancelled=lambda: True)
    assert list(tmp_path.glob("b.db*")) == []


def test_an_unwritable_folder_is_refused_with_the_reason(demo_database: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(BackupRefused) as refused:
        backups.write_backup(demo_database, blocker / "b.db", PASSPHRASE)
    assert refused.value.problem is BackupProblem.UNWRITABLE


def test_only_administrators_of_the_whole_register_make_or_restore_backups(
    demo_database: Database, tmp_path: Path
) -> None:
    add_account(demo_database, "vanthu", Role.OFFICE_CLERK)
    with pytest.raises(PermissionDenied):
        backups.write_backup(demo_database, tmp_path / "b.db", PASSPHRASE)
    with pytest.raises(PermissionDenied):
        backups.list_backups(demo_database)
    with pytest.raises(PermissionDenied):
        backups.restore_backup(demo_database, tmp_path / "b.db", PASSPHRASE)
    committee = a_cell(demo_database)
    add_account(demo_database, "quantri2", Role.ADMIN, scope_organization_id=committee)
    assert not backups.may_manage_backups(demo_database)
    with pytest.raises(PermissionDenied):
        backups.write_backup(demo_database, tmp_path / "b.db", PASSPHRASE)
    with pytest.raises(PermissionDenied):
        office_settings.set_backup_settings(demo_database, 7, "")
    assert list(tmp_path.glob("b.db*")) == []


def test_a_server_database_is_backed_up_by_the_server(database: Database, tmp_path: Path) -> None:
    if database.file_path is not None:
        pytest.skip("about PostgreSQL")
    with pytest.raises(BackupRefused) as refused:
        backups.write_backup(database, tmp_path / "b.db", PASSPHRASE)
    assert refused.value.problem is BackupProblem.SERVER_DATABASE
    assert backups.run_automatic_backup(database) is None


# -- online: the app goes on writing ------------------------------------------------------


def test_backup_while_members_are_being_saved_then_restore_gives_that_moment_back(
    demo_database: Database, demo_database_path: Path, tmp_path: Path
) -> None:
    writer = open_database(demo_database_path)  # another connection, as the app would have
    sign_in_as(writer)
    started = member_count(demo_database)
    errors: list[BaseException] = []
    stop = threading.Event()
    written = [0]

    def keep_writing() -> None:
        try:
            while not stop.is_set() or written[0] < 5:
                add_members(writer, 1, written[0])
                written[0] += 1
        except BaseException as error:  # reported by the test below
            errors.append(error)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        outcome = backups.write_backup(demo_database, tmp_path / "b.db", PASSPHRASE)
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert errors == []
    # One snapshot: some of the saves are in, none half, and later ones were not lost live.
    assert started <= outcome.members <= started + written[0]
    assert member_count(demo_database) == started + written[0]
    checked = backups.check_backup(demo_database, outcome.path, PASSPHRASE)
    assert checked.members == outcome.members and not checked.needs_upgrade

    restored = backups.restore_backup(demo_database, outcome.path, PASSPHRASE, now=NOW)
    assert restored.kept_aside.exists()
    assert restored.kept_aside.name == "demo.before-restore-20261123-173000.db"
    reopened = open_database(demo_database_path)  # the database's own key still opens it
    try:
        sign_in_as(reopened)
        assert member_count(reopened) == outcome.members
        assert verify_chain(reopened).ok  # the restore itself is the last entry of the trail
        with reopened.reading() as session:
            last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last.action is AuditAction.BULK and '"source":"restore"' in last.changes
    finally:
        reopened.close()
    aside = open_database(restored.kept_aside)  # what was there before, every save included
    try:
        sign_in_as(aside)
        assert member_count(aside) == started + written[0]
    finally:
        aside.close()


# -- restores that refuse -----------------------------------------------------------------


@pytest.fixture
def backup_file(demo_database: Database, tmp_path: Path) -> Path:
    return backups.write_backup(demo_database, tmp_path / "b.db", PASSPHRASE).path


def _refused_restore(
    database: Database, path: Path, source: Path, passphrase: str | None, problem: BackupProblem
) -> None:
    before = fingerprint(path)
    with pytest.raises(BackupRefused) as refused:
        backups.check_backup(database, source, passphrase)
    assert refused.value.problem is problem
    with pytest.raises(BackupRefused) as refused:
        backups.restore_backup(database, source, passphrase)
    assert refused.value.problem is problem
    assert fingerprint(path) == before
    assert not path.with_name(path.name + ".restoring").exists()
    assert list((path.parent / "backups").glob("*before-restore*")) == []


def test_wrong_or_missing_passphrase_is_refused_and_the_database_is_untouched(
    demo_database: Database, demo_database_path: Path, backup_file: Path
) -> None:
    _refused_restore(demo_database, demo_database_path, backup_file, "không phải mật khẩu này",
                     BackupProblem.WRONG_PASSPHRASE)
    _refused_restore(demo_database, demo_database_path, backup_file, None,
                     BackupProblem.PASSPHRASE_NEEDED)
    assert member_count(demo_database) > 0  # still open and usable


def test_a_corrupt_backup_is_refused_and_the_database_is_untouched(
    demo_database: Database, demo_database_path: Path, backup_file: Path
) -> None:
    data = bytearray(backup_file.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(64)  # one page no longer matches its HMAC
    backup_file.write_bytes(bytes(data))
    _refused_restore(demo_database, demo_database_path, backup_file, PASSPHRASE, BackupProblem.CORRUPT)


def test_files_that_are_not_backups_are_refused(
    demo_database: Database, demo_database_path: Path, tmp_path: Path
) -> None:
    text = tmp_path / "ghi-chu.db"
    text.write_text("không phải cơ sở dữ liệu " * 100, encoding="utf-8")
    _refused_restore(demo_database, demo_database_path, text, PASSPHRASE, BackupProblem.NOT_A_BACKUP)
    empty = tmp_path / "rong.db"
    empty.write_bytes(b"")
    _refused_restore(demo_database, demo_database_path, empty, None, BackupProblem.NOT_A_BACKUP)
    other = tmp_path / "khac.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    _refused_restore(demo_database, demo_database_path, other, None, BackupProblem.FOREIGN)
    _refused_restore(demo_database, demo_database_path, tmp_path / "khong-co.db", None,
                     BackupProblem.NOT_A_BACKUP)
    _refused_restore(demo_database, demo_database_path, demo_database_path, None, BackupProblem.SAME_FILE)


def test_a_restore_waits_for_every_other_program_to_close_the_database(
    demo_database: Database, demo_database_path: Path, backup_file: Path
) -> None:
    other = open_database(demo_database_path)  # another copy of the app on the same file
    try:
        sign_in_as(other)
        member_count(other)
        before = member_count(other)
        with pytest.raises(BackupRefused) as refused:
            backups.restore_backup(demo_database, backup_file, PASSPHRASE)
        assert refused.value.problem is BackupProblem.IN_USE
        assert member_count(other) == before  # the other program goes on working
    finally:
        other.close()
    assert list((demo_database_path.parent / "backups").glob("*before-restore*")) == []


def test_a_cancelled_restore_keeps_the_database(
    demo_database: Database, demo_database_path: Path, backup_file: Path
) -> None:
    before = fingerprint(demo_database_path)
    with pytest.raises(OperationCancelled):
        backups.restore_backup(demo_database, backup_file, PASSPHRASE, cancelled=lambda: True)
    reopened = open_database(demo_database_path)
    try:
        sign_in_as(reopened)
        assert member_count(reopened) > 0
    finally:
        reopened.close()
    assert not demo_database_path.with_name("demo.db.restoring").exists()
    del before  # the claim checkpointed the WAL into the file: same data, other bytes


# -- automatic backups --------------------------------------------------------------------


def test_the_daily_backup_uses_the_database_key_and_keeps_the_newest(
    demo_database: Database, demo_database_path: Path
) -> None:
    office_settings.set_backup_settings(demo_database, 3, "")
    folder = demo_database_path.parent / "backups"
    upgrade_copy = folder / "demo.before-upgrade-0004-20260101-080000.db"
    folder.mkdir(exist_ok=True)
    upgrade_copy.write_bytes(b"kept")
    assert backups.automatic_backup_due(demo_database, NOW)

    made = []
    for day in range(5):
        moment = NOW + dt.timedelta(days=day)
        outcome = backups.run_automatic_backup(demo_database, now=moment)
        assert outcome is not None
        made.append(outcome.path)
        # Within the day: not again.
        assert backups.run_automatic_backup(demo_database, now=moment + dt.timedelta(hours=23)) is None
    kept = sorted(path.name for path in folder.glob("demo.auto-*.db"))
    assert kept == [path.name for path in made[-3:]]
    assert upgrade_copy.read_bytes() == b"kept"  # only automatic copies rotate
    last = backups.last_automatic_backup(demo_database)
    assert last is not None and last.path == made[-1] and last.taken_at == NOW + dt.timedelta(days=4)
    # The database's own key opens it: a restore asks for nothing.
    checked = backups.check_backup(demo_database, made[-1])
    assert checked.members == member_count(demo_database)
    assert checked.taken_at == NOW + dt.timedelta(days=4)
    listed = backups.list_backups(demo_database)
    assert [(b.kind, b.path.name) for b in listed][:3] == [
        (BackupKind.AUTOMATIC, path.name) for path in reversed(made[-3:])
    ]


def test_the_daily_backup_goes_to_the_chosen_folder(
    demo_database: Database, tmp_path: Path
) -> None:
    chosen = tmp_path / "o-dia-ngoai"
    office_settings.set_backup_settings(demo_database, 14, f"  {chosen}  ")
    assert office_settings.backup_folder_setting(demo_database) == str(chosen)
    outcome = backups.run_automatic_backup(demo_database, now=NOW)
    assert outcome is not None and outcome.path.parent == chosen
    assert backups.backup_folder(demo_database) == chosen


def test_backup_settings_are_checked(demo_database: Database) -> None:
    for keep in (0, 366):
        with pytest.raises(ValidationFailed):
            office_settings.set_backup_settings(demo_database, keep, "")
    with pytest.raises(ValidationFailed):
        office_settings.set_backup_settings(demo_database, 7, "x" * 301)
    assert office_settings.backup_keep_count(demo_database) == office_settings.DEFAULT_BACKUP_KEEP


def test_an_interrupted_automatic_backup_is_cleaned_up_the_next_time(
    demo_database: Database, demo_database_path: Path
) -> None:
    folder = demo_database_path.parent / "backups"
    folder.mkdir(exist_ok=True)
    leftover = folder / "demo.auto-20261120-090000.db.partial"
    leftover.write_bytes(b"half a copy")
    assert backups.run_automatic_backup(demo_database, now=NOW) is not None
    assert not leftover.exists()


def test_a_backup_of_an_earlier_version_is_upgraded_when_restored(
    demo_database: Database, demo_database_path: Path, backup_file: Path
) -> None:
    from alembic import command

    from desktop.db import migrate, sqlcipher
    from desktop.db.sqlcipher import DatabaseKey, encrypted_engine

    key = DatabaseKey.derive(PASSPHRASE, sqlcipher.file_salt(backup_file))
    engine, _adapter = encrypted_engine(backup_file, key)
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    engine.dispose()

    checked = backups.check_backup(demo_database, backup_file, PASSPHRASE)
    assert checked.revision == "0004" and checked.needs_upgrade
    backups.restore_backup(demo_database, backup_file, PASSPHRASE, now=NOW)
    reopened = open_database(demo_database_path)
    try:
        assert migrate.current_revision(reopened.engine) == migrate.head_revision()
        sign_in_as(reopened)
        assert member_count(reopened) == checked.members
        assert verify_chain(reopened).ok
    finally:
        reopened.close()

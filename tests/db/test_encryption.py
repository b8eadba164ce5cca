"""Encryption at rest: keys in the credential store, passphrases, converting plain files, rekey."""

from __future__ import annotations

import hashlib
import logging
import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from sqlalchemy import text

from desktop.db import keystore, sqlcipher
from desktop.db.database import open_database
from desktop.db.encryption import rekey
from desktop.db.errors import DatabaseRefused, RefusalReason
from desktop.db.passphrase import PassphraseReason, PassphraseRequest
from desktop.db.sqlcipher import DatabaseKey, KeyRejected
from desktop.services.search import search_members
from desktop.texts import refusal_message
from tests.builders import sign_in_as
from tests.encrypted_files import (
    database_id,
    is_plain_sqlite,
    key_of,
    keyed_connection,
    passphrase_connection,
    plain_copy,
    stored_key_hex,
)
from tests.keyring_memory import MemoryKeyring, UnavailableKeyring

PASSPHRASE = "mây trắng bay trên núi Ba Vì"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


class Answers:
    """A PassphraseSource that gives scripted answers and records every question."""

    def __init__(self, *answers: str | None) -> None:
        self.answers = list(answers)
        self.requests: list[PassphraseRequest] = []

    def __call__(self, request: PassphraseRequest) -> str | None:
        self.requests.append(request)
        return self.answers.pop(0) if self.answers else None

    def reasons(self) -> list[PassphraseReason]:
        return [request.reason for request in self.requests]


def row_counts(connection: sqlite3.Connection | sqlcipher.Connection) -> dict[str, int]:
    return sqlcipher.table_counts(connection)  # type: ignore[arg-type]


@pytest.fixture
def passphrase_file(demo_database_path: Path) -> Path:
    """The small demo, protected by a passphrase instead of a stored key."""
    rekey(demo_database_path, None, PASSPHRASE)
    return demo_database_path


# -- new files ------------------------------------------------------------------------------


def test_a_new_database_is_encrypted_and_opens_with_the_key_from_the_credential_store(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "office.db"
    open_database(path).close()
    assert not is_plain_sqlite(path)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        with sqlite3.connect(path) as plain:
            plain.execute("SELECT name FROM sqlite_master").fetchall()
    # The entry is named after the salt at the start of the file, and holds a 256-bit key.
    stored = stored_key_hex(path)
    assert stored is not None and len(bytes.fromhex(stored)) == 32
    assert path.read_bytes()[:16].hex() == database_id(path)
    asked = Answers()
    database = open_database(path, asked)
    try:
        with database.reading() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            # Decrypted pages are cached in the process: 64 MiB rather than SQLite's 2.
            assert session.execute(text("PRAGMA cache_size")).scalar() == -65_536
    finally:
        database.close()
    assert asked.requests == []


def test_search_works_on_the_encrypted_file(demo_database_path: Path) -> None:
    database = open_database(demo_database_path)
    try:
        sign_in_as(database)
        hits = search_members(database, "nguyen")
        with database.reading() as session:
            indexed = session.execute(text("SELECT count(*) FROM member_search")).scalar()
    finally:
        database.close()
    assert hits and indexed and indexed > 100
    assert not is_plain_sqlite(demo_database_path)


def test_a_moved_and_renamed_copy_opens_with_the_same_entry(tmp_path: Path, database_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "renamed.sqlite"
    moved.parent.mkdir()
    moved.write_bytes(database_path.read_bytes())
    asked = Answers()
    open_database(moved, asked).close()
    assert asked.requests == []


# -- garbage is still refused untouched ----------------------------------------------------


@pytest.mark.parametrize(
    "content", [b"Bi\xc3\xaan b\xe1\xba\xa3n h\xe1\xbb\x8dp", b"\x00" * 4096, b"\x00" * 100],
    ids=["text", "zero-page", "zeros"],
)
def test_garbage_is_refused_as_not_a_database_without_asking(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    asked = Answers(PASSPHRASE)
    with pytest.raises(DatabaseRefused) as raised:
        open_database(path, asked)
    assert raised.value.reason is RefusalReason.NOT_A_DATABASE
    assert asked.requests == [] and path.read_bytes() == content
    assert folder_files(tmp_path) == ["notes.db"]


def test_a_page_of_noise_may_be_encrypted_so_the_passphrase_is_asked_then_refused_untouched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "noise.db"
    path.write_bytes(bytes(range(256)) * 16)
    asked = Answers("đoán bừa một mật khẩu")
    with pytest.raises(DatabaseRefused) as raised:
        open_database(path, asked)
    assert raised.value.reason is RefusalReason.WRONG_PASSPHRASE
    assert asked.reasons() == [PassphraseReason.KEY_MISSING, PassphraseReason.WRONG_PASSPHRASE]
    assert path.read_bytes() == bytes(range(256)) * 16
    assert folder_files(tmp_path) == ["noise.db"]


# -- passphrases ---------------------------------------------------------------------------


def test_a_missing_key_asks_for_the_passphrase(passphrase_file: Path) -> None:
    asked = Answers(PASSPHRASE)
    database = open_database(passphrase_file, asked)
    database.close()
    assert asked.requests == [PassphraseRequest(PassphraseReason.KEY_MISSING, str(passphrase_file))]
    assert stored_key_hex(passphrase_file) is None  # a passphrase is never stored


def test_a_file_keyed_by_sqlcipher_itself_with_a_passphrase_opens_with_that_passphrase(
    tmp_path: Path, database_path: Path,
) -> None:
    """The key is derived once per opening, exactly as SQLCipher derives it from a passphrase."""
    path = tmp_path / "from-another-tool.db"
    with keyed_connection(database_path) as source:
        source.execute(f"ATTACH DATABASE '{path}' AS other KEY '{PASSPHRASE}'")
        source.execute("SELECT sqlcipher_export('other')")
        source.execute("DETACH DATABASE other")
    asked = Answers(PASSPHRASE)
    open_database(path, asked).close()
    assert asked.reasons() == [PassphraseReason.KEY_MISSING]


def test_a_deleted_entry_is_a_missing_key_and_without_an_answer_the_file_is_untouched(
    database_path: Path,
) -> None:
    keyring.delete_password(keystore.SERVICE, keystore.entry_name(database_id(database_path)))
    before = digest(database_path)
    asked = Answers()
    with pytest.raises(DatabaseRefused) as raised:
        open_database(database_path, asked)
    assert raised.value.reason is RefusalReason.KEY_MISSING
    assert asked.reasons() == [PassphraseReason.KEY_MISSING]
    assert digest(database_path) == before
    assert "Máy này không có khóa" in refusal_message(raised.value)


def test_a_wrong_passphrase_is_refused_with_the_file_untouched(passphrase_file: Path) -> None:
    before = digest(passphrase_file)
    files = folder_files(passphrase_file.parent)
    asked = Answers("mật khẩu sai thứ nhất", "mật khẩu sai thứ hai")
    with pytest.raises(DatabaseRefused) as raised:
        open_database(passphrase_file, asked)
    assert raised.value.reason is RefusalReason.WRONG_PASSPHRASE
    assert asked.reasons() == [
        PassphraseReason.KEY_MISSING, PassphraseReason.WRONG_PASSPHRASE, PassphraseReason.WRONG_PASSPHRASE
    ]
    assert digest(passphrase_file) == before
    assert folder_files(passphrase_file.parent) == files
    assert "Mật khẩu cơ sở dữ liệu không đúng" in refusal_message(raised.value)


def test_an_unavailable_store_asks_for_the_passphrase_and_is_never_called_a_wrong_one(
    passphrase_file: Path,
) -> None:
    keyring.set_keyring(UnavailableKeyring())
    before = digest(passphrase_file)
    asked = Answers()
    with pytest.raises(DatabaseRefused) as raised:
        open_database(passphrase_file, asked)
    assert raised.value.reason is RefusalReason.KEYSTORE_UNAVAILABLE
    assert asked.reasons() == [PassphraseReason.KEYSTORE_UNAVAILABLE]
    message = refusal_message(raised.value)
    assert "Kho lưu khóa của hệ điều hành hiện không dùng được" in message
    assert "không đúng" not in message and "không phải do sai mật khẩu" in message
    assert digest(passphrase_file) == before

    answered = Answers(PASSPHRASE)
    open_database(passphrase_file, answered).close()
    assert answered.reasons() == [PassphraseReason.KEYSTORE_UNAVAILABLE]


def test_without_a_store_a_new_database_gets_a_chosen_passphrase(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    keyring.set_keyring(UnavailableKeyring())
    path = tmp_path / "office.db"
    with pytest.raises(DatabaseRefused) as raised:
        open_database(path)  # nobody to ask: refused, and nothing created
    assert raised.value.reason is RefusalReason.KEYSTORE_UNAVAILABLE
    assert not path.exists()

    asked = Answers("ngắn", PASSPHRASE)
    open_database(path, asked).close()
    assert [(request.reason, request.new) for request in asked.requests] == [
        (PassphraseReason.KEYSTORE_UNAVAILABLE, True), (PassphraseReason.TOO_SHORT, True)
    ]
    assert not is_plain_sqlite(path)
    with passphrase_connection(path, PASSPHRASE) as connection:
        assert connection.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    keyring.set_keyring(memory_keyring)
    assert stored_key_hex(path) is None
    reopened = Answers(PASSPHRASE)
    open_database(path, reopened).close()
    assert reopened.reasons() == [PassphraseReason.KEY_MISSING]


# -- secrets stay secret -------------------------------------------------------------------


def test_keys_and_passphrases_never_appear_in_logs_exceptions_or_reprs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, memory_keyring: MemoryKeyring,
    demo_database_path: Path,
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")  # statements are logged too
    texts: list[str] = []
    path = tmp_path / "office.db"
    database = open_database(path)
    texts += [repr(database), str(database.engine.url), repr(database.engine), repr(database.adapter)]
    database.close()
    plain = plain_copy(demo_database_path, tmp_path / "plain.db")
    open_database(plain).close()  # converted
    rekey(path, None)
    rekey(plain, None, PASSPHRASE)
    for answer in ("không đúng đâu", None):
        try:
            open_database(plain, Answers(answer))
        except DatabaseRefused as refused:
            texts += [str(refused), repr(refused), refusal_message(refused)]
    key = DatabaseKey.random()
    texts += [repr(key), str(key), repr(DatabaseKey.derive(PASSPHRASE))]
    with pytest.raises(TypeError):
        pickle.dumps(key)

    assert "SELECT" in caplog.text, "statement logging was on"
    secrets = [value for value in memory_keyring.entries.values() if len(value) == 64]
    secrets += [key.raw_bytes().hex(), PASSPHRASE]
    assert len(secrets) >= 5
    everything = caplog.text + "\n".join(texts)
    for secret in secrets:
        assert secret not in everything
        assert secret.upper() not in everything


# -- plain databases of earlier versions ---------------------------------------------------


def test_a_plain_database_is_encrypted_on_opening_keeping_every_row_and_no_plain_copy(
    tmp_path: Path, demo_database_path: Path,
) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    path = plain_copy(demo_database_path, folder / "party-office.db")
    (folder / "backups").mkdir()
    old_backup = plain_copy(demo_database_path, folder / "backups" / "party-office.before-upgrade-0004-x.db")
    with sqlite3.connect(path) as connection:
        expected = row_counts(connection)
    connection.close()
    assert expected["member"] > 100 and expected["member_search"] == expected["member"]

    database = open_database(path)
    try:
        sign_in_as(database)
        assert search_members(database, "nguyen")
    finally:
        database.close()

    assert not is_plain_sqlite(path)
    with keyed_connection(path) as connection:
        assert row_counts(connection) == expected
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # The plain pre-upgrade copy was encrypted too, with the database's key and id.
    assert not is_plain_sqlite(old_backup)
    assert database_id(old_backup) == database_id(path)
    with keyed_connection(old_backup) as connection:
        assert row_counts(connection) == expected
    plain_left = [name for name in folder_files(folder) if is_plain_sqlite(folder / name)]
    assert plain_left == []
    assert folder_files(folder) == ["backups/party-office.before-upgrade-0004-x.db", "party-office.db"]


def test_a_plain_database_of_an_older_revision_is_encrypted_then_upgraded_with_an_encrypted_backup(
    tmp_path: Path,
) -> None:
    from tests.db.test_open_database import _database_at_revision

    path = tmp_path / "old.db"
    _database_at_revision(path, "0002")
    database = open_database(path)
    database.close()
    assert database.backup_path is not None and "before-upgrade-0002" in database.backup_path.name
    for name in folder_files(tmp_path):
        assert not is_plain_sqlite(tmp_path / name), name
    with keyed_connection(database.backup_path) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
        assert backup.execute("SELECT full_name FROM member").fetchall() == [("Đặng Thị Ửng",)]


_HOLD_OPEN = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
print(connection.execute("SELECT count(*) FROM member").fetchone()[0], flush=True)
sys.stdin.readline()
connection.execute("INSERT INTO app_meta (key, value) VALUES ('still', 'writable')")
connection.commit()
connection.close()
"""


def test_a_plain_database_open_elsewhere_is_not_converted(
    tmp_path: Path, demo_database_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = plain_copy(demo_database_path, tmp_path / "office.db")
    entries = dict(memory_keyring.entries)
    # Another program (an older version of the app) has it open. A separate process: file locks
    # of one process never conflict with each other on POSIX.
    other = subprocess.Popen(
        [sys.executable, "-c", _HOLD_OPEN, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert other.stdout is not None and int(other.stdout.readline()) > 100
        with pytest.raises(DatabaseRefused) as raised:
            open_database(path)
        assert raised.value.reason is RefusalReason.IN_USE
        assert "đang được mở trong một chương trình khác" in refusal_message(raised.value)
    finally:
        other.communicate("done\n", timeout=30)
    assert other.returncode == 0
    assert is_plain_sqlite(path)
    assert not (tmp_path / "office.db.encrypting").exists()
    assert memory_keyring.entries == entries  # the new key was forgotten


def test_when_the_encrypted_copy_fails_its_check_the_plain_original_is_kept(
    tmp_path: Path, demo_database_path: Path, memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = plain_copy(demo_database_path, tmp_path / "office.db")
    with sqlite3.connect(path) as connection:
        expected = row_counts(connection)
    connection.close()
    entries = dict(memory_keyring.entries)
    real_counts = sqlcipher.table_counts
    calls: list[int] = []

    def one_row_lost(connection: sqlcipher.Connection) -> dict[str, int]:
        counts = real_counts(connection)
        calls.append(1)
        if len(calls) == 2:  # the check of the copy
            counts["member"] -= 1
        return counts

    monkeypatch.setattr(sqlcipher, "table_counts", one_row_lost)
    with pytest.raises(DatabaseRefused) as raised:
        open_database(path)
    assert raised.value.reason is RefusalReason.UNREACHABLE
    assert is_plain_sqlite(path)
    with sqlite3.connect(path) as connection:
        assert row_counts(connection) == expected
    connection.close()
    assert folder_files(tmp_path) == ["demo.db", "office.db"]
    assert memory_keyring.entries == entries


def test_a_plain_database_from_a_newer_version_is_refused_unconverted(
    tmp_path: Path, demo_database_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = plain_copy(demo_database_path, tmp_path / "newer.db")
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before, entries = digest(path), dict(memory_keyring.entries)
    with pytest.raises(DatabaseRefused) as raised:
        open_database(path)
    assert raised.value.reason is RefusalReason.NEWER_SCHEMA
    assert digest(path) == before and memory_keyring.entries == entries


# -- rekey ---------------------------------------------------------------------------------


def _count_members(path: Path) -> int:
    with keyed_connection(path) as connection:
        return int(connection.execute("SELECT count(*) FROM member").fetchone()[0])


def test_rekey_gives_a_new_key_and_id_and_the_old_key_no_longer_opens_the_file(
    demo_database_path: Path,
) -> None:
    path = demo_database_path
    members = _count_members(path)
    old_key = key_of(path)
    rekey(path, None)
    new_key = key_of(path)
    assert new_key.database_id != old_key.database_id
    assert new_key.raw_bytes() != old_key.raw_bytes()
    assert _count_members(path) == members
    connection = sqlcipher.connect(path, old_key, read_only=True)
    try:
        with pytest.raises(KeyRejected):
            sqlcipher.check_key(connection)
    finally:
        connection.close()
    asked = Answers()
    open_database(path, asked).close()
    assert asked.requests == []
    assert folder_files(path.parent) == [path.name]


def test_until_the_new_key_is_stored_the_old_one_opens_the_database(
    demo_database_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = demo_database_path
    before, entries = digest(path), dict(memory_keyring.entries)

    class ReadOnlyStore(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.PasswordSetError("refused")

    read_only = ReadOnlyStore()
    read_only.entries = memory_keyring.entries
    keyring.set_keyring(read_only)
    with pytest.raises(DatabaseRefused) as raised:
        rekey(path, None)
    assert raised.value.reason is RefusalReason.KEYSTORE_UNAVAILABLE
    assert digest(path) == before

    keyring.set_keyring(memory_keyring)

    def broken_copy(*_args: object) -> None:
        raise sqlcipher.CopyMismatch()

    monkeypatch.setattr(sqlcipher, "encrypted_copy", broken_copy)
    with pytest.raises(DatabaseRefused):
        rekey(path, None)
    assert digest(path) == before
    assert memory_keyring.entries == entries  # the new key, stored first, was dropped again
    open_database(path, Answers()).close()


def test_rekey_to_a_passphrase_and_back_to_a_stored_key(demo_database_path: Path) -> None:
    path = demo_database_path
    members = _count_members(path)
    rekey(path, None, PASSPHRASE)
    with pytest.raises(DatabaseRefused) as raised:
        open_database(path, Answers())
    assert raised.value.reason is RefusalReason.KEY_MISSING
    with passphrase_connection(path, PASSPHRASE) as connection:
        assert connection.execute("SELECT count(*) FROM member").fetchone()[0] == members

    asked = Answers(PASSPHRASE)  # the current passphrase, to read the file once more
    rekey(path, asked)
    assert asked.reasons() == [PassphraseReason.KEY_MISSING]
    assert _count_members(path) == members
    open_database(path, Answers()).close()


def test_rekey_of_a_database_in_use_is_refused_untouched(demo_database_path: Path) -> None:
    database = open_database(demo_database_path)
    try:
        with database.reading() as session:
            session.execute(text("SELECT count(*) FROM member")).scalar()
        before = digest(demo_database_path)
        with pytest.raises(DatabaseRefused) as raised:
            rekey(demo_database_path, None)
        assert raised.value.reason is RefusalReason.IN_USE
        assert digest(demo_database_path) == before
        with database.reading() as session:
            assert session.execute(text("SELECT count(*) FROM member")).scalar() > 100
    finally:
        database.close()


def test_a_new_passphrase_must_be_long_enough(demo_database_path: Path) -> None:
    with pytest.raises(ValueError):
        rekey(demo_database_path, None, "ngắn")

"""Killing the process in the middle of a large write: the database opens afterwards, passes
SQLite's full integrity check, and holds everything committed before the kill.

The writer is a separate process killed with SIGKILL (no clean-up of any kind runs). Its
database is protected by a passphrase, the key a child process can be given without a
credential store.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from sqlalchemy import func, select

from desktop.db import sqlcipher
from desktop.db.database import Database, open_database
from desktop.db.sqlcipher import DatabaseKey
from desktop.models.accounts import UserAccount
from desktop.models.member import Member
from desktop.services.audit import verify_chain
from desktop.services.demo import DemoScale, create_demo
from tests.builders import ADMIN_PASSWORD, ADMIN_USERNAME, add_first_administrator, sign_in_as
from tests.keyring_memory import UnavailableKeyring

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX SIGKILL")

PASSPHRASE = "cây ngay không sợ chết đứng"
ROOT = Path(__file__).resolve().parents[2]

# Saves members one transaction each and says so after every commit: the kill lands between
# or, more often, inside a transaction.
_SAVER = """
import datetime as dt, sys
sys.path.insert(0, sys.argv[2])
from sqlalchemy import select
from desktop.db.database import open_database
from desktop.models.enums import OrgKind
from desktop.models.organization import PartyOrganization
from desktop.services.members import create_member
from tests.builders import member_draft, sign_in_as

database = open_database(sys.argv[1], lambda request: sys.argv[3])
sign_in_as(database)
with database.reading() as session:
    cell = session.scalars(select(PartyOrganization.id).where(
        PartyOrganization.kind == OrgKind.SUBORDINATE_CELL).order_by(PartyOrganization.id)).first()
number = 0
while True:
    letters = "".join(chr(ord("a") + int(digit)) for digit in str(number))
    create_member(database, member_draft(cell, full_name="Lê Văn " + letters.capitalize()),
                  today=dt.date(2026, 11, 21))
    number += 1
    print(number, flush=True)
"""


def _child_environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.update({
        "PARTY_OFFICE_DB_PASSPHRASE": PASSPHRASE,
        "PARTY_OFFICE_PASSWORD": ADMIN_PASSWORD,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONPATH": str(ROOT),
    })
    return environment


@pytest.fixture
def passphrase_database(tmp_path: Path) -> Iterator[Path]:
    """A new database protected by PASSPHRASE (no credential store), with its administrator."""
    keyring.set_keyring(UnavailableKeyring())
    path = tmp_path / "office.db"
    database = open_database(path, lambda request: PASSPHRASE)
    try:
        add_first_administrator(database, sign_in=False)
    finally:
        database.close()
    yield path


def _reopen(path: Path) -> Database:
    database = open_database(path, lambda request: PASSPHRASE)
    sign_in_as(database)
    return database


def _full_integrity_check(path: Path) -> list[tuple[str]]:
    connection = sqlcipher.connect(path, DatabaseKey.derive(PASSPHRASE, sqlcipher.file_salt(path)))
    try:
        return connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()


def _members(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Member)) or 0)


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_killed_while_creating_the_full_demo_leaves_the_database_as_before(
    passphrase_database: Path,
) -> None:
    wal = passphrase_database.with_name(passphrase_database.name + "-wal")
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "demo", "--scale", "full", "--db", str(passphrase_database),
         "--user", ADMIN_USERNAME],
        cwd=ROOT, env=_child_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 120
        # Killed once the one big transaction has spilled well into the WAL.
        while not (wal.exists() and wal.stat().st_size > 20_000_000):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the demo never started writing"
            time.sleep(0.05)
    finally:
        _kill(process)

    assert _full_integrity_check(passphrase_database) == [("ok",)]
    database = _reopen(passphrase_database)
    try:
        assert _members(database) == 0  # nothing of the unfinished transaction
        with database.reading() as session:
            assert session.scalars(select(UserAccount.username)).all() == [ADMIN_USERNAME]
        assert verify_chain(database).ok
        # Usable as before: the demo can be made now.
        assert create_demo(database, DemoScale.SMALL).members > 0
    finally:
        database.close()


def test_killed_between_and_inside_saves_keeps_every_save_it_reported(
    passphrase_database: Path,
) -> None:
    database = _reopen(passphrase_database)
    try:
        create_demo(database, DemoScale.SMALL)
        before = _members(database)
    finally:
        database.close()
    process = subprocess.Popen(
        [sys.executable, "-c", _SAVER, str(passphrase_database), str(ROOT), PASSPHRASE],
        cwd=ROOT, env=_child_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    reported = 0
    try:
        assert process.stdout is not None
        while reported < 40:
            line = process.stdout.readline()
            assert line, process.communicate()
            reported = int(line)
    finally:
        _kill(process)
    assert process.stdout is not None
    reported = max([reported, *(int(line) for line in process.stdout.read().split())])

    assert _full_integrity_check(passphrase_database) == [("ok",)]
    database = _reopen(passphrase_database)
    try:
        saved = _members(database) - before
        # Every save reported as committed is there; at most the one in flight beyond them.
        assert reported <= saved <= reported + 1
        result = verify_chain(database)
        assert result.ok, result  # each save's audit entry committed with it, or not at all
    finally:
        database.close()

"""Shared fixtures: every folder redirected to tmp, a fresh migrated database per test.

Migrations and the small demo run once per test session into template files that each test
copies, so a test pays for a file copy, not for building the schema.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Reports use the bundled Tinos, whatever fonts the machine has: output the same everywhere.
os.environ["PARTY_OFFICE_REPORT_FONT"] = "bundled"

from desktop.db.database import Database, open_database

# Autouse: an in-memory credential store for database keys, never the desktop's keyring.
from tests.keyring_memory import memory_keyring, memory_keyring_session  # noqa: F401

# Fixed "today" for tests that depend on dates: deterministic demo and validation.
TODAY = dt.date(2026, 11, 21)

# A PostgreSQL server URL (a role allowed to create databases) makes every test that uses the
# `database` fixture run on PostgreSQL as well as on the embedded SQLite. .ci/run sets it.
POSTGRES_URL = os.environ.get("PARTY_OFFICE_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("PARTY_OFFICE_DATA_DIR", str(data))
    return data


def _copy_database(template: Path, destination: Path) -> Path:
    shutil.copyfile(template, destination)
    return destination


def _add_administrator(database: Database) -> None:
    """Every test database has its administrator (tests.builders.ADMIN_USERNAME)."""
    from tests.builders import add_first_administrator

    add_first_administrator(database, sign_in=False)


def _signed_in(database: Database) -> Database:
    from tests.builders import sign_in_as

    sign_in_as(database)
    return database


@pytest.fixture(scope="session")
def accountless_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database without any account (first start, bootstrap commands)."""
    path = tmp_path_factory.mktemp("template") / "accountless.db"
    open_database(path).close()
    return path


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory, accountless_template: Path) -> Path:
    path = _copy_database(accountless_template, tmp_path_factory.mktemp("template") / "empty.db")
    database = open_database(path)
    try:
        _add_administrator(database)
    finally:
        database.close()
    return path


@pytest.fixture
def accountless_database_path(tmp_path: Path, accountless_template: Path) -> Path:
    return _copy_database(accountless_template, tmp_path / "new-office.db")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop.services.demo import DemoScale, create_demo

    path = tmp_path_factory.mktemp("template") / "demo-small.db"
    database = open_database(path)
    try:
        create_demo(database, DemoScale.SMALL, today=TODAY)
        _add_administrator(database)
    finally:
        database.close()
    return path


@pytest.fixture
def database_path(tmp_path: Path, migrated_template: Path) -> Path:
    return _copy_database(migrated_template, tmp_path / "office.db")


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A migrated PostgreSQL database that each test clones (CREATE DATABASE ... TEMPLATE)."""
    assert POSTGRES_URL
    name = f"pot_template_{uuid.uuid4().hex[:8]}"
    _postgres_admin(f'CREATE DATABASE "{name}"')
    database = open_database(_postgres_url(name))
    try:
        _add_administrator(database)
    finally:
        database.close()
    yield name
    _drop_postgres_database(name)


def _postgres_url(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def _postgres_admin(statement: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")  # type: ignore[arg-type]
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def _drop_postgres_database(name: str) -> None:
    """WITH (FORCE) cannot end an autovacuum worker (it runs as the superuser, not as the test
    role): after bulk writes one may be on the database for a moment, so try again."""
    from sqlalchemy.exc import ProgrammingError

    for attempt in range(50):
        try:
            _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except ProgrammingError as error:
            if "pg_signal_backend" not in str(error) or attempt == 49:
                raise
            time.sleep(0.2)


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path, migrated_template: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        opened = _signed_in(open_database(_copy_database(migrated_template, tmp_path / "office.db")))
        yield opened
        opened.close()
        return
    template = request.getfixturevalue("postgres_template")
    name = f"pot_{uuid.uuid4().hex[:12]}"
    _postgres_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    opened = _signed_in(open_database(_postgres_url(name)))
    try:
        yield opened
    finally:
        opened.close()
        _drop_postgres_database(name)


@pytest.fixture
def demo_database_path(tmp_path: Path, demo_template: Path) -> Path:
    return _copy_database(demo_template, tmp_path / "demo.db")


@pytest.fixture
def demo_database(demo_database_path: Path) -> Iterator[Database]:
    opened = _signed_in(open_database(demo_database_path))
    yield opened
    opened.close()

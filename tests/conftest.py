"""Shared fixtures: every folder redirected to tmp, a fresh migrated database per test.

Migrations and the small demo run once per test session into template files that each test
copies, so a test pays for a file copy, not for building the schema.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.db.database import Database, open_database  # noqa: E402

# Fixed "today" for tests that depend on dates: deterministic demo and validation.
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("PARTY_OFFICE_DATA_DIR", str(data))
    return data


def _copy_database(template: Path, destination: Path) -> Path:
    shutil.copyfile(template, destination)
    return destination


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_database(path).close()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop.services.demo import DemoScale, create_demo

    path = tmp_path_factory.mktemp("template") / "demo-small.db"
    database = open_database(path)
    try:
        create_demo(database, DemoScale.SMALL, today=TODAY)
    finally:
        database.close()
    return path


@pytest.fixture
def database_path(tmp_path: Path, migrated_template: Path) -> Path:
    return _copy_database(migrated_template, tmp_path / "office.db")


@pytest.fixture
def database(database_path: Path) -> Iterator[Database]:
    opened = open_database(database_path)
    yield opened
    opened.close()


@pytest.fixture
def demo_database_path(tmp_path: Path, demo_template: Path) -> Path:
    return _copy_database(demo_template, tmp_path / "demo.db")


@pytest.fixture
def demo_database(demo_database_path: Path) -> Iterator[Database]:
    opened = open_database(demo_database_path)
    yield opened
    opened.close()

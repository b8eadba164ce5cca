"""Opening, creating, upgrading and refusing database files."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from desktop.db import migrate
from desktop.db.database import open_database
from desktop.db.errors import DatabaseRefused, RefusalReason
from desktop.models import member, meta, organization, rules  # noqa: F401  (complete metadata)
from desktop.models.base import Base
from desktop.services.search import search_members
from desktop.texts import refusal_message


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_file_is_created_at_the_latest_revision_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.db"
    database = open_database(path)
    try:
        assert migrate.current_revision(database.engine) == migrate.head_revision()
        with database.reading() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            codes = set(session.execute(text("SELECT code FROM rule_value")).scalars())
        assert {"PROBATION_MONTHS", "MIN_AGE_MONTHS", "PARTY_CARD_PATTERN"} <= codes
        assert database.backup_path is None
    finally:
        database.close()


def test_an_empty_file_is_initialised(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    open_database(path).close()
    assert path.stat().st_size > 0


def test_the_default_location_is_the_per_user_data_folder(isolated_data_dir: Path) -> None:
    database = open_database()
    database.close()
    assert database.file_path == isolated_data_dir / "party-office.db"


def _database_at_first_revision(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO party_organization (id, code, name, kind, path, level, position, is_overseas,"
            " status, search_key, version) VALUES (1, 'CB1', 'Chi bộ Vụ Tổng hợp', 'GRASSROOTS_CELL',"
            " '/1/', 0, 0, 0, 'ACTIVE', 'chi bo vu tong hop cb1', 1)"
        ))
        connection.execute(text(
            "INSERT INTO member (id, full_name, gender, date_of_birth, dob_precision, ethnicity, religion,"
            " professional_degree, academic_title, political_theory, works_in_political_system,"
            " admission_date, cell_id, status, exempted_from_activities, search_key, name_sort_key, version)"
            " VALUES (1, 'Đặng Thị Ửng', 'FEMALE', '1970-02-03', 'DAY', 'Kinh', 'Không', 'NONE', 'NONE',"
            " 'NONE', 1, '1995-03-04', 1, 'PROBATIONARY', 0, 'dang thi ung', '', 1)"
        ))
    engine.dispose()


def test_a_database_of_the_previous_revision_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _database_at_first_revision(path)
    before = digest(path)

    database = open_database(path)
    try:
        assert migrate.current_revision(database.engine) == migrate.head_revision()
        assert database.backup_path is not None and database.backup_path.exists()
        assert "before-upgrade-0001" in database.backup_path.name
        # The backup is the old database as it was, and the upgrade indexed old members.
        with sqlite3.connect(database.backup_path) as backup:
            assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert [hit.full_name for hit in search_members(database, "dang ung")] == ["Đặng Thị Ửng"]
    finally:
        database.close()
    assert digest(path) != before


def test_migrations_go_down_and_up_again(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'roundtrip.db'}")
    migrate.upgrade(engine)
    config = migrate.alembic_config()
    from alembic import command

    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_models_and_migrations_agree(database_path: Path) -> None:
    engine = create_engine(f"sqlite:///{database_path}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    # The FTS index is created by the adapter, not by a model: it is the one expected extra.
    unexpected = [d for d in differences if not (d[0] == "remove_table" and d[1].name.startswith("member_search"))]
    assert unexpected == []


def test_a_populated_database_without_planner_statistics_gets_them(
    tmp_path: Path, demo_template: Path
) -> None:
    """Without statistics SQLite plans subtree + status + search as minutes of probing."""
    path = tmp_path / "no-stats.db"
    path.write_bytes(demo_template.read_bytes())
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE sqlite_stat1")
    connection.close()
    open_database(path).close()
    with sqlite3.connect(path) as connection:
        analysed = {row[0] for row in connection.execute("SELECT tbl FROM sqlite_stat1")}
    connection.close()
    assert {"member", "party_organization"} <= analysed


@pytest.fixture
def newer_database(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "newer.db"
    path.write_bytes(migrated_template.read_bytes())
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    return path


def _refused(path: Path) -> DatabaseRefused:
    before = digest(path)
    with pytest.raises(DatabaseRefused) as raised:
        open_database(path)
    assert digest(path) == before, "a refused file must never be modified"
    assert not (path.parent / "backups").exists()
    return raised.value


def test_a_database_from_a_newer_version_is_refused_untouched(newer_database: Path) -> None:
    refused = _refused(newer_database)
    assert refused.reason is RefusalReason.NEWER_SCHEMA
    assert "phiên bản mới hơn" in refusal_message(refused)


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Biên bản họp chi bộ tháng 11", encoding="utf-8")
    refused = _refused(path)
    assert refused.reason is RefusalReason.NOT_A_DATABASE
    assert "không phải là cơ sở dữ liệu" in refusal_message(refused)


def test_another_applications_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('Lê Văn Tám')")
    connection.close()
    refused = _refused(path)
    assert refused.reason is RefusalReason.FOREIGN
    assert "phần mềm khác" in refusal_message(refused)


def test_a_corrupt_database_is_refused_untouched(tmp_path: Path, demo_template: Path) -> None:
    path = tmp_path / "corrupt.db"
    data = bytearray(demo_template.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Scribble over every page after the schema page: the b-trees no longer parse.
    for page in range(2, len(data) // page_size, 3):
        start = page * page_size
        data[start + 8 : start + 200] = b"\xff" * 192
    path.write_bytes(bytes(data))
    refused = _refused(path)
    assert refused.reason is RefusalReason.CORRUPT
    assert "bị hỏng" in refusal_message(refused)

"""Opening, creating, upgrading and refusing database files."""

import hashlib
import sqlite3
import warnings
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from desktop.db import migrate
from desktop.db.database import Database, open_database
from desktop.db.errors import DatabaseRefused, RefusalReason
from desktop.models import evaluations, imports, member, meta, organization, rules, transfers  # noqa: F401  (complete metadata)
from desktop.models.base import Base
from desktop.models.enums import OrgKind
from desktop.models.rules import RuleBook, RuleCode
from desktop.services.search import search_members
from desktop.texts import refusal_message
from tests.builders import add_first_administrator, add_org
from tests.encrypted_files import keyed_connection, keyed_engine


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


def _database_at_revision(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, revision)
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
    _database_at_revision(path, "0001")
    before = digest(path)

    database = open_database(path)
    try:
        assert migrate.current_revision(database.engine) == migrate.head_revision()
        assert database.backup_path is not None and database.backup_path.exists()
        assert "before-upgrade-0001" in database.backup_path.name
        # The backup is the old database as it was, and the upgrade indexed old members.
        with keyed_connection(database.backup_path) as backup:  # encrypted, with the same key
            assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        add_first_administrator(database)  # an upgraded register has no accounts yet
        assert [hit.full_name for hit in search_members(database, "dang ung")] == ["Đặng Thị Ửng"]
    finally:
        database.close()
    assert digest(path) != before


def test_migrations_go_down_and_up_again(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'roundtrip.db'}")
    migrate.upgrade(engine)
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()


DOCUMENT_COLUMNS = ("issuer_name", "issuer_code", "superior_name", "place_name")
# What the report engine lays pages out with (36-HD/VPTW, domain spec §7.1-§7.3, §7.8).
DOCUMENT_STYLE_36_HD = {
    "page": "A4", "margin_top_mm": 25, "margin_bottom_mm": 25, "margin_left_mm": 35,
    "margin_right_mm": 15, "page_number_from_top_mm": 10, "motto_pt": 15, "superior_pt": 14,
    "issuer_pt": 14, "number_pt": 14, "place_date_pt": 14, "kind_pt": 15, "abstract_pt": 14,
    "body_pt": 14, "body_leading_pt": 18, "paragraph_after_pt": 6, "first_line_indent_mm": 10,
    "table_pt": 12, "signature_pt": 14, "recipients_label_pt": 14, "recipients_pt": 12,
    "page_number_pt": 14,
}
REPORT_RULES = (
    RuleCode.DOCUMENT_STYLE, RuleCode.STAT_AGE_BANDS, RuleCode.STAT_PARTY_AGE_BANDS,
    RuleCode.PARTY_AGE_ANCHOR,
)


def test_a_database_of_revision_0002_keeps_its_data_and_gets_the_document_settings(
    tmp_path: Path,
) -> None:
    path = tmp_path / "before-documents.db"
    _database_at_revision(path, "0002")
    database = open_database(path)
    try:
        assert migrate.current_revision(database.engine) == migrate.head_revision()
        assert "before-upgrade-0002" in str(database.backup_path)
        with database.reading() as session:
            row = session.execute(
                text(f"SELECT name, {', '.join(DOCUMENT_COLUMNS)} FROM party_organization")
            ).one()
            rules = RuleBook.load(session)
            members = session.execute(text("SELECT full_name, cell_id FROM member")).all()
        assert tuple(row) == ("Chi bộ Vụ Tổng hợp", None, None, None, None)
        assert [tuple(member) for member in members] == [("Đặng Thị Ửng", 1)]
        on = date(2026, 11, 21)
        assert rules.value(RuleCode.DOCUMENT_STYLE, on) == DOCUMENT_STYLE_36_HD
        assert rules.value(RuleCode.STAT_AGE_BANDS, on) == [30, 40, 50, 60, 70]
        assert rules.value(RuleCode.STAT_PARTY_AGE_BANDS, on) == [10, 20, 30, 40, 50]
        assert rules.value(RuleCode.PARTY_AGE_ANCHOR, date(1975, 4, 30)) == "DECISION_DATE"
        assert rules.value(RuleCode.PROBATION_MONTHS, on) == 12  # the older rules are untouched
    finally:
        database.close()


def test_every_rule_code_has_a_value_in_force(database: Database) -> None:
    with database.reading() as session:
        rules = RuleBook.load(session)
    for code in RuleCode:
        rules.value(code, date(2026, 11, 21))  # raises MissingRule for a code without a row


def test_the_document_settings_go_down_and_up_again_keeping_the_organisations(
    database: Database,
) -> None:
    add_org(database, "DBK", "Đảng bộ Khối các cơ quan Trung ương", OrgKind.SUPERIOR_COMMITTEE)
    config = migrate.alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    columns = {column["name"] for column in inspect(database.engine).get_columns("party_organization")}
    assert not columns & set(DOCUMENT_COLUMNS)
    with database.reading() as session:
        codes = set(session.execute(text("SELECT code FROM rule_value")).scalars())
    assert not codes & {code.value for code in REPORT_RULES}
    assert "PROBATION_MONTHS" in codes

    migrate.upgrade(database.engine)
    with database.reading() as session:
        names = session.execute(text("SELECT name, place_name FROM party_organization")).all()
        rules = RuleBook.load(session)
    assert [tuple(row) for row in names] == [("Đảng bộ Khối các cơ quan Trung ương", None)]
    assert rules.value(RuleCode.STAT_AGE_BANDS, date(2026, 11, 21)) == [30, 40, 50, 60, 70]


# Expression indexes are not reflected by SQLAlchemy on SQLite: compared by name instead.
EXPRESSION_INDEXES = {"ix_party_organization_code_lower"}


def test_models_and_migrations_agree(database_path: Path) -> None:
    engine = keyed_engine(database_path)
    with engine.connect() as connection, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index")
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
        indexes = {row[1] for row in connection.exec_driver_sql("PRAGMA index_list('party_organization')")}
    engine.dispose()
    # The FTS index is created by the adapter, not by a model: it is the one expected extra.
    unexpected = [
        d for d in differences
        if not (d[0] == "remove_table" and d[1].name.startswith("member_search"))
        and not (d[0] == "add_index" and d[1].name in EXPRESSION_INDEXES)
    ]
    assert unexpected == []
    assert EXPRESSION_INDEXES <= indexes


def test_a_populated_database_without_planner_statistics_gets_them(
    tmp_path: Path, demo_template: Path
) -> None:
    """Without statistics SQLite plans subtree + status + search as minutes of probing."""
    path = tmp_path / "no-stats.db"
    path.write_bytes(demo_template.read_bytes())
    with keyed_connection(path) as connection:
        connection.execute("DROP TABLE sqlite_stat1")
    open_database(path).close()
    with keyed_connection(path) as connection:
        analysed = {row[0] for row in connection.execute("SELECT tbl FROM sqlite_stat1")}
    assert {"member", "party_organization"} <= analysed


@pytest.fixture
def newer_database(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "newer.db"
    path.write_bytes(migrated_template.read_bytes())
    # Closed at the end of the block, not whenever it is garbage-collected: closing checkpoints
    # the WAL into the file, which would change it under the "refused files are untouched" check.
    with keyed_connection(path) as connection:
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
    page_size = 4096  # SQLCipher's pages (the header that would say so is encrypted)
    # Scribble over every page after the schema page: the b-trees no longer parse.
    for page in range(2, len(data) // page_size, 3):
        start = page * page_size
        data[start + 8 : start + 200] = b"\xff" * 192
    path.write_bytes(bytes(data))
    refused = _refused(path)
    assert refused.reason is RefusalReason.CORRUPT
    assert "bị hỏng" in refusal_message(refused)

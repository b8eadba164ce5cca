"""`party-office audit verify|export` as an administrator runs them from a script."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.cli import main
from desktop.db.database import open_database
from desktop.models.accounts import Role
from desktop.models.enums import OrgKind
from desktop.services.members import create_member
from tests.builders import (
    ACCOUNT_PASSWORD,
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    add_account,
    add_first_administrator,
    add_org,
    member_draft,
)

AS_ADMIN = ["--user", ADMIN_USERNAME]


@pytest.fixture(autouse=True)
def admin_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    path = tmp_path / "office.db"
    database = open_database(path)
    add_first_administrator(database)
    cell = add_org(database, "CB", "Chi bộ Vụ Tổng hợp", OrgKind.GRASSROOTS_CELL)
    create_member(database, member_draft(cell, full_name="Đặng Thị Ửng"), today=dt.date(2026, 11, 21))
    add_account(database, "thuky", Role.OFFICE_CLERK)
    create_member(database, member_draft(cell, full_name="Lê Văn Tám", national_id=None),
                  today=dt.date(2026, 11, 21))
    database.close()
    return path


def _entry_ids(path: Path) -> list[int]:
    database = open_database(path)
    try:
        with database.reading() as session:
            return list(session.scalars(text("SELECT id FROM audit_entry ORDER BY id")))
    finally:
        database.close()


def test_verify_an_intact_trail_exits_0(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "verify", "--db", str(office), *AS_ADMIN]) == 0
    out = capsys.readouterr().out
    checked = len(_entry_ids(office))  # everything, this command's sign-in included
    assert f"đã kiểm tra {checked} mục" in out
    assert "Mã băm cuối chuỗi" in out


def test_verify_names_the_first_broken_entry_and_exits_1(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _entry_ids(office)
    database = open_database(office)
    with database.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_entry_no_update"))
        connection.execute(text("UPDATE audit_entry SET username = 'ai đó' WHERE id = :id"), {"id": ids[3]})
    database.close()
    assert main(["audit", "verify", "--db", str(office), *AS_ADMIN]) == 1
    captured = capsys.readouterr()
    assert f"mục số {ids[3]}" in captured.err
    assert "đã bị sửa" in captured.err
    assert f"{3} mục trước đó vẫn nguyên vẹn" in captured.err


def test_only_administrators_verify(office: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ACCOUNT_PASSWORD)
    assert main(["audit", "verify", "--db", str(office), "--user", "thuky"]) == 2
    assert "không có quyền" in capsys.readouterr().err
    assert main(["audit", "verify", "--db", str(office)]) == 2  # nobody signed in


def test_export_writes_csv_with_bom_filtered_by_user(office: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nhat-ky.csv"
    today = dt.date.today().strftime("%d/%m/%Y")
    assert main(["audit", "export", "--out", str(out), "--from", today, "--to", today, "--by", "thuky",
                 "--db", str(office), *AS_ADMIN]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["Số thứ tự", "Thời điểm", "Người thực hiện"]
    assert {row[2] for row in rows[1:]} == {"thuky"}
    assert [row[4] for row in rows[1:]].count("Thêm mới") >= 1
    assert any("Lê Văn Tám" in row[7] and row[5] == "Hồ sơ đảng viên" for row in rows[1:])
    assert f"Đã ghi {len(rows) - 1} mục nhật ký" in capsys.readouterr().out


def test_export_refuses_a_bad_date(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.csv"
    assert main(["audit", "export", "--out", str(out), "--from", "2026-11-01", "--db", str(office), *AS_ADMIN]) == 2
    assert "ngày/tháng/năm" in capsys.readouterr().err
    assert not out.exists()

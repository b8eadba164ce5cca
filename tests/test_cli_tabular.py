"""`party-office import` and `party-office export`."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.db.database import open_database
from desktop.models.enums import MemberStatus
from desktop.services.members import MemberListQuery, count_members
from tests.builders import ADMIN_PASSWORD, ADMIN_USERNAME, sign_in_as
from tests.services.test_backups import member_count
from tests.spreadsheets import read_back, write_xlsx


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)


def _count(path: Path, active_only: bool = False) -> int:
    database = open_database(path)
    try:
        sign_in_as(database)
        if active_only:  # the demo's transfers took a few members off the register
            return count_members(database, MemberListQuery(statuses=(MemberStatus.FULL, MemberStatus.PROBATIONARY)))
        return member_count(database)
    finally:
        database.close()


def test_export_then_import_with_a_dry_run_first(
    demo_database_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ds.xlsx"
    common = ["--db", str(demo_database_path), "--user", ADMIN_USERNAME]
    total = _count(demo_database_path)
    assert main(["export", "members", "--out", str(out), *common]) == 0
    exported = _count(demo_database_path, active_only=True)  # the default: official and probationary
    assert capsys.readouterr().out == f"Đã ghi {exported} dòng vào {out}.\n"

    assert main(["import", "members", str(out), "--dry-run", *common]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"Kiểm tra {exported} dòng: không có lỗi.")
    assert f"0 đảng viên mới, 0 cập nhật, {exported} đã có nên bỏ qua" in said
    assert main(["import", "members", str(out), "--update", *common]) == 0
    assert f"0 đảng viên mới, {exported} cập nhật" in capsys.readouterr().out
    assert _count(demo_database_path) == total


def test_a_file_with_problems_is_listed_row_by_row_and_nothing_is_written(
    demo_database_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_database(demo_database_path)
    sign_in_as(database)
    from desktop.services.organizations import find_cells

    cell = find_cells(database, "chi bo")[0]
    database.close()
    before = _count(demo_database_path)
    rows = [[1, "Đinh Văn Tốt", "Nam", "01/01/1980", "01/06/2005", "01/06/2006", None, None, cell.name],
            [2, "Đinh Văn Lỗi", "Nam", "01/01/1980", "01/06/2030", None, None, None, cell.name]]
    path = write_xlsx(tmp_path / "moi.xlsx", rows)
    errors = tmp_path / "loi.xlsx"
    code = main(["import", "members", str(path), "--org", cell.code, "--errors", str(errors),
                 "--db", str(demo_database_path), "--user", ADMIN_USERNAME])
    assert code == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == ("Dòng 7, cột “Ngày vào Đảng” (“01/06/2030”): Ngày này chưa tới: không được ghi ngày "
                      "trong tương lai.")
    assert err[1] == "Tệp moi.xlsx có 1 lỗi: chưa có dữ liệu nào được ghi. Hãy sửa rồi nhập lại."
    assert read_back(errors)[5][:4] == [1, 7, "Ngày vào Đảng", "01/06/2030"]
    assert _count(demo_database_path) == before


def test_an_unknown_organisation_code_is_refused(
    demo_database_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "orgs", "--org", "KHONG-CO", "--out", str(tmp_path / "x.xlsx"),
                 "--db", str(demo_database_path), "--user", ADMIN_USERNAME]) == 2
    assert "Không có tổ chức đảng nào mã “KHONG-CO”." in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()

"""The party-office command as scripts use it."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.db.database import open_database
from desktop.models.enums import Gender, OrgKind
from desktop.services.members import create_member
from tests.builders import add_org, member_draft


@pytest.fixture
def office(tmp_path: Path) -> Path:
    path = tmp_path / "office.db"
    database = open_database(path)
    cell = add_org(database, "CB", "Chi bộ Vụ Tổng hợp", OrgKind.GRASSROOTS_CELL)
    create_member(database, member_draft(cell, full_name="Đặng Thị Ửng", gender=Gender.FEMALE,
                                         date_of_birth=dt.date(1979, 2, 1), party_card_number="10000004"),
                  today=dt.date(2026, 11, 21))
    create_member(database, member_draft(cell, full_name="Nguyễn Văn An"), today=dt.date(2026, 11, 21))
    database.close()
    return path


def test_search_prints_name_birth_date_cell_and_card(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "dang ung", "--db", str(office)]) == 0
    assert capsys.readouterr().out == "Đặng Thị Ửng\t01/02/1979\tChi bộ Vụ Tổng hợp\t10000004\n"


def test_search_without_a_match_exits_1(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "khong co ai", "--db", str(office)]) == 1
    assert capsys.readouterr().out == ""


def test_a_refused_file_gives_a_vietnamese_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.db"
    path.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    assert main(["search", "an", "--db", str(path)]) == 2
    assert "không phải là cơ sở dữ liệu" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "không phải cơ sở dữ liệu"


def test_python_dash_m_desktop_is_the_same_command(office: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "search", "NGUYỄN VĂN AN", "--db", str(office)],
        capture_output=True, env=dict(os.environ, PYTHONIOENCODING=""),
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8").startswith("Nguyễn Văn An\t15/06/1980\t")


def test_report_roster_writes_the_pdf_and_says_so(office: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ds.pdf"
    assert main(["report", "roster", "--org", "CB", "--as-of", "21/11/2026", "--out", str(out),
                 "--db", str(office)]) == 0
    assert capsys.readouterr().out == f"Đã ghi {out} (1 trang, số liệu tính đến ngày 21/11/2026).\n"
    from tests.reports.pdf_text import page_texts

    text = page_texts(out)[0]
    assert "DANH SÁCH ĐẢNG VIÊN" in text
    assert "Đặng Thị Ửng" in text


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--org", "KHONG.CO"], "Không có tổ chức đảng nào mã “KHONG.CO”."),
        (["--org", "CB", "--as-of", "31/02/2026"], "Ngày số liệu “31/02/2026” không hợp lệ"),
        (["--org", "CB", "--member", "99999999"], "Không có đảng viên nào có số thẻ hoặc số định danh “99999999”."),
    ],
)
def test_report_refuses_what_it_cannot_find_with_exit_2(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["report", "roster", *arguments, "--out", str(out), "--db", str(office)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()

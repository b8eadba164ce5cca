"""The party-office command as scripts use it."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.db.database import open_database
from desktop.db.encryption import rekey
from desktop.models.enums import Gender, OrgKind
from desktop.services.members import create_member
from tests.builders import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
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
    create_member(database, member_draft(cell, full_name="Đặng Thị Ửng", gender=Gender.FEMALE,
                                         date_of_birth=dt.date(1979, 2, 1), party_card_number="10000004"),
                  today=dt.date(2026, 11, 21))
    create_member(database, member_draft(cell, full_name="Nguyễn Văn An"), today=dt.date(2026, 11, 21))
    other = add_org(database, "CB2", "Chi bộ Vụ Tài chính", OrgKind.GRASSROOTS_CELL)
    create_member(database, member_draft(other, full_name="Nguyễn Văn Ánh", party_card_number="10000012"),
                  today=dt.date(2026, 11, 21))
    database.close()
    return path


def test_search_prints_name_birth_date_cell_and_card(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "dang ung", "--db", str(office), *AS_ADMIN]) == 0
    assert capsys.readouterr().out == "Đặng Thị Ửng\t01/02/1979\tChi bộ Vụ Tổng hợp\t10000004\n"


def test_search_without_a_match_exits_1(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "khong co ai", "--db", str(office), *AS_ADMIN]) == 1
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
    # The child process has no credential store (tests.keyring_memory sets keyring's failing
    # backend for subprocesses): the database passphrase comes from the environment.
    rekey(office, None, "mật khẩu cơ sở dữ liệu")
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "search", "NGUYỄN VĂN AN", "--db", str(office), *AS_ADMIN],
        capture_output=True,
        env=dict(os.environ, PYTHONIOENCODING="", PARTY_OFFICE_DB_PASSPHRASE="mật khẩu cơ sở dữ liệu"),
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8").startswith("Nguyễn Văn An\t15/06/1980\t")


def test_report_roster_writes_the_pdf_and_says_so(office: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ds.pdf"
    assert main(["report", "roster", "--org", "CB", "--as-of", "21/11/2026", "--out", str(out),
                 "--db", str(office), *AS_ADMIN]) == 0
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
    assert main(["report", "roster", *arguments, "--out", str(out), "--db", str(office), *AS_ADMIN]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


# -- users, sign-in and scope -------------------------------------------------------------------


@pytest.fixture
def new_office(accountless_database_path: Path) -> Path:
    return accountless_database_path


def test_a_database_without_accounts_asks_for_the_administrator_first(
    new_office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "an", "--db", str(new_office), *AS_ADMIN]) == 2
    assert "chưa có tài khoản nào" in capsys.readouterr().err
    assert main(["report", "roster", "--org", "CB", "--out", str(new_office.with_suffix(".pdf")),
                 "--db", str(new_office)]) == 2
    assert "user create-admin" in capsys.readouterr().err


def test_bootstrap_demo_then_administrator_then_signed_in_search(
    new_office: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--db", str(new_office)]) == 0  # no account yet: no --user
    monkeypatch.setenv("PARTY_OFFICE_NEW_PASSWORD", "mật khẩu quản trị mới")
    assert main(["user", "create-admin", "QuanTri", "--full-name", "Lê Thị Quản",
                 "--db", str(new_office)]) == 0
    assert "Đã tạo tài khoản quản trị quantri." in capsys.readouterr().out
    # From now on every command signs in, the demo included.
    assert main(["search", "nguyen", "--db", str(new_office)]) == 2
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", "mật khẩu quản trị mới")
    assert main(["search", "nguyen", "--db", str(new_office), "--user", "quantri"]) == 0
    assert main(["user", "create-admin", "khac", "--full-name", "Người Khác",
                 "--db", str(new_office)]) == 2
    assert "đã có tài khoản" in capsys.readouterr().err


def test_the_first_administrator_needs_a_long_enough_password(
    new_office: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PARTY_OFFICE_NEW_PASSWORD", "ngan")
    assert main(["user", "create-admin", "quantri", "--full-name", "Lê Thị Quản",
                 "--db", str(new_office)]) == 2
    assert "Mật khẩu phải dài ít nhất 12 ký tự." in capsys.readouterr().err


def test_wrong_password_then_lockout_in_vietnamese(
    office: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", "không phải mật khẩu")
    for _attempt in range(4):
        assert main(["search", "an", "--db", str(office), *AS_ADMIN]) == 2
        assert capsys.readouterr().err == "Sai tên đăng nhập hoặc mật khẩu.\n"
    assert main(["search", "an", "--db", str(office), *AS_ADMIN]) == 2
    assert "tạm bị khóa vì nhập sai mật khẩu nhiều lần" in capsys.readouterr().err
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)  # even the right one, for now
    assert main(["search", "an", "--db", str(office), *AS_ADMIN]) == 2
    assert "tạm bị khóa" in capsys.readouterr().err


def test_the_password_is_prompted_when_the_variable_is_unset(
    office: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PARTY_OFFICE_PASSWORD")
    prompts: list[str] = []

    def fake_getpass(prompt: str) -> str:
        prompts.append(prompt)
        return ADMIN_PASSWORD

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert main(["search", "dang ung", "--db", str(office), *AS_ADMIN]) == 0
    assert prompts == ["Mật khẩu của quantri: "]
    assert capsys.readouterr().out.startswith("Đặng Thị Ửng\t")


def _add_clerk(office: Path, monkeypatch: pytest.MonkeyPatch, org: str, role: str = "clerk") -> None:
    monkeypatch.setenv("PARTY_OFFICE_NEW_PASSWORD", "mật khẩu văn thư 2026")
    assert main(["user", "add", "vanthu", "--role", role, "--org", org, "--full-name", "Trần Văn Thư",
                 "--db", str(office), *AS_ADMIN]) == 0
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", "mật khẩu văn thư 2026")


def test_a_scoped_clerk_finds_and_reports_only_their_own_cell(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_clerk(office, monkeypatch, "CB2")
    capsys.readouterr()
    as_clerk = ["--db", str(office), "--user", "vanthu"]
    assert main(["search", "nguyen van", *as_clerk]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == ["Nguyễn Văn Ánh"]
    out = tmp_path / "other.pdf"
    assert main(["report", "roster", "--org", "CB", "--out", str(out), *as_clerk]) == 2
    assert "Không có tổ chức đảng nào mã “CB”." in capsys.readouterr().err
    assert not out.exists()
    assert main(["report", "profile", "--org", "CB2", "--member", "10000004", "--out", str(out),
                 *as_clerk]) == 2
    assert not out.exists()
    assert main(["report", "roster", "--org", "CB2", "--out", str(out), *as_clerk]) == 0
    assert out.exists()


def test_only_an_administrator_adds_users(
    office: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_clerk(office, monkeypatch, "CB")
    assert main(["user", "add", "khac", "--role", "admin", "--full-name", "Người Khác",
                 "--db", str(office), "--user", "vanthu"]) == 2
    assert "không có quyền" in capsys.readouterr().err


def test_a_user_name_is_taken_once_whatever_its_case(
    office: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PARTY_OFFICE_NEW_PASSWORD", "mật khẩu văn thư 2026")
    assert main(["user", "add", "QUANTRI", "--role", "leader", "--full-name", "Lê Văn Lãnh",
                 "--db", str(office), *AS_ADMIN]) == 2
    assert "Tên đăng nhập này đã có người dùng." in capsys.readouterr().err

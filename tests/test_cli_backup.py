"""`party-office backup` and `party-office restore`."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.db.database import open_database
from desktop.models.accounts import Role
from tests.builders import ACCOUNT_PASSWORD, ADMIN_PASSWORD, ADMIN_USERNAME, add_account, sign_in_as
from tests.services.test_backups import add_members, member_count

PASSPHRASE = "một cây làm chẳng nên non"


@pytest.fixture(autouse=True)
def passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("PARTY_OFFICE_BACKUP_PASSPHRASE", PASSPHRASE)


def _members(path: Path) -> int:
    database = open_database(path)
    try:
        sign_in_as(database)
        return member_count(database)
    finally:
        database.close()


def test_backup_then_restore_on_the_command_line(
    demo_database_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "sao-luu" / "van-phong.db"
    members = _members(demo_database_path)
    assert main(["backup", "--out", str(target), "--db", str(demo_database_path),
                 "--user", ADMIN_USERNAME]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Đã sao lưu vào {target}: {members} đảng viên, ")
    assert "Bản sao lưu đã được kiểm tra." in out

    # Later work on the database, then the backup is put back.
    database = open_database(demo_database_path)
    sign_in_as(database)
    add_members(database, 3)
    database.close()
    assert _members(demo_database_path) == members + 3

    assert main(["restore", str(target), "--db", str(demo_database_path), "--user", ADMIN_USERNAME]) == 0
    out = capsys.readouterr().out
    assert f"tổ chức đảng và {members} đảng viên." in out
    assert "Đã phục hồi cơ sở dữ liệu từ van-phong.db" in out and "Hãy đăng nhập lại." in out
    assert _members(demo_database_path) == members
    [aside] = (demo_database_path.parent / "backups").glob("demo.before-restore-*.db")
    assert _members(aside) == members + 3


def test_restore_with_a_wrong_passphrase_changes_nothing(
    demo_database_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "b.db"
    assert main(["backup", "--out", str(target), "--db", str(demo_database_path),
                 "--user", ADMIN_USERNAME]) == 0
    members = _members(demo_database_path)
    capsys.readouterr()
    monkeypatch.setenv("PARTY_OFFICE_BACKUP_PASSPHRASE", "không phải mật khẩu này")
    assert main(["restore", str(target), "--db", str(demo_database_path), "--user", ADMIN_USERNAME]) == 2
    err = capsys.readouterr().err
    assert "Mật khẩu không mở được tệp" in err and "Cơ sở dữ liệu đang dùng được giữ nguyên." in err
    assert _members(demo_database_path) == members
    assert not (demo_database_path.parent / "backups").exists()


def test_a_clerk_may_not_back_up(
    demo_database_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = open_database(demo_database_path)
    add_account(database, "vanthu", Role.OFFICE_CLERK, sign_in=False)
    database.close()
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ACCOUNT_PASSWORD)
    target = tmp_path / "b.db"
    assert main(["backup", "--out", str(target), "--db", str(demo_database_path), "--user", "vanthu"]) == 2
    assert "không có quyền" in capsys.readouterr().err
    assert not target.exists()


def test_a_short_backup_passphrase_is_refused(
    demo_database_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PARTY_OFFICE_BACKUP_PASSPHRASE", "ngắn")
    assert main(["backup", "--out", str(tmp_path / "b.db"), "--db", str(demo_database_path),
                 "--user", ADMIN_USERNAME]) == 2
    assert "Mật khẩu bản sao lưu phải dài ít nhất 12 ký tự." in capsys.readouterr().err
    assert list(tmp_path.glob("b.db*")) == []

"""`party-office rekey` and the database passphrase on the command line."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from desktop.cli import main
from tests.builders import ADMIN_PASSWORD, ADMIN_USERNAME
from tests.encrypted_files import database_id, stored_key_hex
from tests.keyring_memory import UnavailableKeyring

PASSPHRASE = "hoa sen nở giữa đầm lầy"


@pytest.fixture(autouse=True)
def admin_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.delenv("PARTY_OFFICE_DB_PASSPHRASE", raising=False)
    monkeypatch.delenv("PARTY_OFFICE_NEW_DB_PASSPHRASE", raising=False)


def _search(path: Path) -> int:
    return main(["search", "nguyen", "--limit", "1", "--db", str(path), "--user", ADMIN_USERNAME])


def test_rekey_stores_a_new_key_and_says_so(
    demo_database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old_id = database_id(demo_database_path)
    assert main(["rekey", "--db", str(demo_database_path)]) == 0
    out = capsys.readouterr().out
    assert out == (f"Đã đổi khóa mã hóa của {demo_database_path}: "
                   "khóa mới được cất trong kho lưu khóa của hệ điều hành.\n")
    assert database_id(demo_database_path) != old_id
    assert stored_key_hex(demo_database_path) is not None
    assert _search(demo_database_path) == 0


def test_rekey_to_a_passphrase_then_open_with_it_from_the_environment(
    demo_database_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTY_OFFICE_NEW_DB_PASSPHRASE", PASSPHRASE)
    assert main(["rekey", "--passphrase", "--db", str(demo_database_path)]) == 0
    assert "từ nay mở bằng mật khẩu cơ sở dữ liệu mới" in capsys.readouterr().out
    keyring.set_keyring(UnavailableKeyring())

    assert _search(demo_database_path) == 2  # no passphrase given, and no terminal to ask on
    err = capsys.readouterr().err
    assert "Kho lưu khóa của hệ điều hành hiện không dùng được" in err and "không đúng" not in err

    monkeypatch.setenv("PARTY_OFFICE_DB_PASSPHRASE", "không phải mật khẩu này")
    assert _search(demo_database_path) == 2
    assert "Mật khẩu cơ sở dữ liệu không đúng" in capsys.readouterr().err

    monkeypatch.setenv("PARTY_OFFICE_DB_PASSPHRASE", PASSPHRASE)
    assert _search(demo_database_path) == 0
    assert capsys.readouterr().out.count("\n") == 1


def test_rekey_without_a_store_suggests_a_passphrase_and_changes_nothing(
    demo_database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo_database_path.read_bytes()
    keyring.set_keyring(UnavailableKeyring())
    assert main(["rekey", "--db", str(demo_database_path)]) == 2
    err = capsys.readouterr().err
    assert "Kho lưu khóa của hệ điều hành hiện không dùng được" in err
    assert "party-office rekey --passphrase" in err
    assert demo_database_path.read_bytes() == before


def test_rekey_wants_a_long_new_passphrase(
    demo_database_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = demo_database_path.read_bytes()
    monkeypatch.setenv("PARTY_OFFICE_NEW_DB_PASSPHRASE", "ngắn")
    assert main(["rekey", "--passphrase", "--db", str(demo_database_path)]) == 2
    assert "ít nhất 12 ký tự" in capsys.readouterr().err
    assert demo_database_path.read_bytes() == before


def test_rekey_leaves_server_databases_to_the_server(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rekey", "--db", "postgresql+psycopg://office@server/party"]) == 2
    assert "máy chủ" in capsys.readouterr().err

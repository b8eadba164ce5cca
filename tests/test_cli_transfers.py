"""`party-office transfer`: the pending list, the letter, the receipt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.db.database import open_database
from desktop.models.enums import OrgKind
from desktop.models.transfer_rules import TransferDraft
from desktop.models.transfers import TransferDirection, TransferKind
from desktop.services.members import create_member
from desktop.services.transfers import issue_transfer
from tests.builders import ADMIN_PASSWORD, ADMIN_USERNAME, add_org, member_draft, sign_in_as
from tests.reports.pdf_text import page_texts


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)


@pytest.fixture
def transfer(database_path: Path) -> int:
    database = open_database(database_path)
    try:
        sign_in_as(database)
        a = add_org(database, "A", "Đảng bộ Công ty Alpha", OrgKind.GRASSROOTS_COMMITTEE)
        b = add_org(database, "B", "Đảng bộ Công ty Beta", OrgKind.GRASSROOTS_COMMITTEE)
        a1 = add_org(database, "A1", "Chi bộ Kỹ thuật", OrgKind.SUBORDINATE_CELL, a)
        b1 = add_org(database, "B1", "Chi bộ Sản xuất", OrgKind.SUBORDINATE_CELL, b)
        member = create_member(database, member_draft(a1)).id
        return issue_transfer(database, TransferDraft(
            TransferKind.OFFICIAL, TransferDirection.INTERNAL, dt.date(2026, 8, 3), member_id=member,
            to_org_id=b1, reason="Điều động", letter_sequence=12))
    finally:
        database.close()


def test_list_letter_and_receive(database_path: Path, transfer: int, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    common = ["--db", str(database_path), "--user", ADMIN_USERNAME]
    assert main(["transfer", "list", "--overdue", *common]) == 0
    out = capsys.readouterr().out
    assert "12-GGT/ĐU" in out and "Nguyễn Văn An" in out and "quá hạn" in out
    assert "Chi bộ Kỹ thuật — Đảng bộ Công ty Alpha → Chi bộ Sản xuất — Đảng bộ Công ty Beta" in out

    pdf = tmp_path / "ggt.pdf"
    assert main(["transfer", "letter", "--id", str(transfer), "--out", str(pdf), *common]) == 0
    assert "Số 12-GGT/ĐU" in page_texts(pdf)[0]

    assert main(["transfer", "receive", "--id", str(transfer), "--date", "01/08/2026", *common]) == 1
    assert "trước ngày của giấy giới thiệu (03/08/2026)" in capsys.readouterr().err
    assert main(["transfer", "receive", "--id", str(transfer), "--date", "20/08/2026", *common]) == 0
    capsys.readouterr()
    assert main(["transfer", "list", "--org", "B", *common]) == 0
    assert capsys.readouterr().out == ""
    assert main(["transfer", "letter", "--id", "999", "--out", str(pdf), *common]) == 2


def test_return_ends_a_temporary_stay(database_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = open_database(database_path)
    try:
        sign_in_as(database)
        a = add_org(database, "A", "Đảng bộ Công ty Alpha", OrgKind.GRASSROOTS_COMMITTEE)
        a1 = add_org(database, "A1", "Chi bộ Kỹ thuật", OrgKind.SUBORDINATE_CELL, a)
        member = create_member(database, member_draft(a1)).id
        stay = issue_transfer(database, TransferDraft(
            TransferKind.TEMPORARY, TransferDirection.OUT, dt.date(2026, 6, 1), member_id=member,
            to_org_text="Chi bộ Học viện Chính trị khu vực I", reason="Đi học", letter_sequence=3,
            expected_end=dt.date(2026, 11, 30)))
    finally:
        database.close()
    common = ["--db", str(database_path), "--user", ADMIN_USERNAME]
    assert main(["transfer", "return", "--id", str(stay), "--date", "31/02/2026", *common]) == 1
    assert "Không đọc được ngày" in capsys.readouterr().err
    assert main(["transfer", "return", "--id", str(stay), "--date", "28/11/2026", *common]) == 0
    assert "trở về" in capsys.readouterr().out
    assert main(["transfer", "list", "--all", *common]) == 0
    assert "Đã trở về" in capsys.readouterr().out

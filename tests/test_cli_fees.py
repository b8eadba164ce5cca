"""`party-office fees`, `party-office badges` and the `due badges` printer; the PDFs read back."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.cli_due_badges import print_badges_due
from desktop.db.database import Database, open_database
from desktop.models.enums import OrgKind
from desktop.models.fee_rules import FeeBasis
from desktop.models.fees import FeeArea, FeeCategory
from desktop.services import clock
from desktop.services.fees import CollectionEntry, save_collection, save_fee_profile
from desktop.services.members import create_member
from tests.builders import ADMIN_PASSWORD, ADMIN_USERNAME, add_org, member_draft, sign_in_as
from tests.reports.pdf_text import page_texts

D = dt.date
TODAY = D(2026, 12, 2)


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _build(database: Database) -> None:
    top = add_org(database, "DBK", "Đảng bộ Khối", OrgKind.GRASSROOTS_COMMITTEE)
    cell = add_org(database, "CB1", "Chi bộ Một", OrgKind.SUBORDINATE_CELL, top)
    an = create_member(database, member_draft(cell, full_name="Nguyễn Văn An", date_of_birth=D(1970, 6, 15),
                                              admission_decision_date=D(1996, 12, 20),
                                              admission_date=D(1996, 12, 30), official_date=D(1997, 12, 30)),
                       today=TODAY).id
    binh = create_member(database, member_draft(cell, full_name="Trần Thị Bình"), today=TODAY).id
    save_fee_profile(database, an, D(2026, 1, 1), FeeBasis(FeeCategory.SALARIED_STATE, 10_000_000))
    save_fee_profile(database, binh, D(2026, 1, 1), FeeBasis(FeeCategory.OTHER_DOMESTIC, area=FeeArea.INNER_CITY))
    for month in range(1, 12):
        entries = [CollectionEntry(an, True, D(2026, month, 25), f"PT{month:02d}")]
        if month <= 8:
            entries.append(CollectionEntry(binh, True, D(2026, month, 25), f"PB{month:02d}"))
        save_collection(database, cell, D(2026, month, 1), entries, today=TODAY)


@pytest.fixture
def built(database_path: Path) -> Path:
    database = open_database(database_path)
    try:
        sign_in_as(database)
        _build(database)
    finally:
        database.close()
    return database_path


def test_the_fee_report_pdf_says_the_totals(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dang-phi.pdf"
    common = ["--db", str(built), "--user", ADMIN_USERNAME]
    assert main(["fees", "report", "--org", "DBK", "--from", "01/2026", "--to", "11/2026", "--out", str(out),
                 *common]) == 0
    assert "Đã ghi" in capsys.readouterr().out
    text = " ".join(page_texts(out))
    assert "BÁO CÁO" in text and "thu, nộp đảng phí" in text
    assert "từ tháng 01/2026 đến tháng 11/2026" in text
    # 11 × 100,000 + 8 × 10,000 đồng; 22 months due, 19 paid, 3 unpaid.
    assert "1.180.000" in text
    assert "Chi bộ Một 2 22 19 3" in text
    assert main(["fees", "report", "--org", "DBK", "--from", "13/2026", "--to", "11/2026", "--out", str(out),
                 *common]) == 2
    assert "13/2026" in capsys.readouterr().err


def test_the_cell_list_and_arrears(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "chi-bo.pdf"
    common = ["--db", str(built), "--user", ADMIN_USERNAME]
    assert main(["fees", "cell", "--org", "CB1", "--month", "11/2026", "--out", str(out), *common]) == 0
    text = " ".join(page_texts(out))
    assert "thu đảng phí tháng 11/2026" in text
    assert "Nguyễn Văn An 10.000.000 1% 100.000" in text
    assert "Chưa nộp" in text
    capsys.readouterr()
    assert main(["fees", "arrears", "--org", "DBK", "--year", "2026", *common]) == 0
    out_lines = capsys.readouterr().out.splitlines()
    assert out_lines == ["Trần Thị Bình\tChi bộ Một\tchưa nộp tháng 09, 10, 11\tđủ căn cứ xem xét xóa tên"]


def test_badges_listed_printed_and_as_pdf(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    common = ["--db", str(built), "--user", ADMIN_USERNAME]
    assert main(["badges", "--org", "DBK", *common]) == 0  # next occasion: 03/02/2027
    said = capsys.readouterr()
    assert said.out.splitlines() == [
        "Nguyễn Văn An\t15/06/1970\tChi bộ Một\t30 năm 1 tháng\thuy hiệu 30 năm\t20/12/2026"]
    assert "đợt 03/02/2027" in said.err
    out = tmp_path / "huy-hieu.pdf"
    assert main(["badges", "--org", "DBK", "--occasion", "03/02/2027", "--out", str(out), *common]) == 0
    text = " ".join(page_texts(out))
    assert "đề nghị tặng Huy hiệu Đảng đợt 03/02/2027" in text
    assert "Nguyễn Văn An" in text and "Tổng cộng: 1 đảng viên (30 năm: 1)" in text
    database = open_database(built)
    try:
        sign_in_as(database)
        from desktop.services.lookup import organization_id_by_code

        org = organization_id_by_code(database, "DBK")
        assert org is not None
        stream = io.StringIO()
        assert print_badges_due(database, org, 10, stream) == 0  # 20/12 is 18 days away
        assert print_badges_due(database, org, 20, stream) == 1
        assert stream.getvalue().startswith("Nguyễn Văn An\t15/06/1970\tChi bộ Một\t30 năm 0 tháng\thuy hiệu 30 năm")
    finally:
        database.close()

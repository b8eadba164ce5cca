"""`party-office docs`: adding a PDF, searching without diacritics, the list and the completion
reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.db.database import open_database
from desktop.models.enums import OrgKind
from desktop.models.library import StudyForm
from desktop.models.library_rules import AttendanceMark, StudySessionDraft
from desktop.services.members import create_member
from desktop.services.study import save_study_session
from tests.builders import ADMIN_PASSWORD, ADMIN_USERNAME, add_org, member_draft, sign_in_as
from tests.library_files import pdf_bytes
from tests.reports.pdf_text import page_texts


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)


def test_add_search_list_and_completion(database_path: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    database = open_database(database_path)
    try:
        sign_in_as(database)
        a = add_org(database, "A", "Đảng bộ Công ty Alpha", OrgKind.GRASSROOTS_COMMITTEE)
        a1 = add_org(database, "A1", "Chi bộ Kỹ thuật", OrgKind.SUBORDINATE_CELL, a)
        members = [create_member(database, member_draft(a1, full_name=name)).id
                   for name in ("Nguyễn Văn An", "Trần Thị Bình")]
    finally:
        database.close()
    common = ["--db", str(database_path), "--user", ADMIN_USERNAME]
    pdf = tmp_path / "NQ-05.pdf"
    pdf.write_bytes(pdf_bytes([["Nghị quyết về đẩy mạnh chuyển đổi số"],
                               ["Các chi bộ tổ chức quán triệt nghị quyết đến từng đảng viên."]]))
    assert main(["docs", "add", str(pdf), "--kind", "NQ", "--number", "05-NQ/ĐUK", "--issuer", "Đảng ủy Khối",
                 "--date", "02/03/2026", *common]) == 0
    assert "Đã thêm văn bản số 05-NQ/ĐUK" in capsys.readouterr().out

    assert main(["docs", "add", str(pdf), "--kind", "NQ", "--number", "06-NQ/ĐUK", "--issuer", "Đảng ủy Khối",
                 "--date", "02/03/2026", *common]) == 1
    assert "Tệp đính kèm: Tệp “NQ-05.pdf” đã có trong thư viện (văn bản số 05-NQ/ĐUK)" in capsys.readouterr().err
    assert main(["docs", "add", str(pdf), "--kind", "XYZ", "--number", "1", "--issuer", "A", "--date", "02/03/2026",
                 *common]) == 2

    assert main(["docs", "search", "quan triet", *common]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("\t")[1:4] == ["05-NQ/ĐUK", "02/03/2026", "Nghị quyết"]
    assert "về đẩy mạnh chuyển đổi số" in out[0]  # the abstract: the first line of the text
    assert "«quán» «triệt» nghị quyết" in out[1]
    document_id = int(out[0].split("\t")[0])

    listing = tmp_path / "danh-muc.pdf"
    assert main(["docs", "list", "--text", "chuyen doi so", "--out", str(listing), *common]) == 0
    text = " ".join(page_texts(listing))
    assert "DANH MỤC VĂN BẢN" in text and "05-NQ/ĐUK" in text and "từ khóa “chuyen doi so”" in text

    database = open_database(database_path)
    try:
        sign_in_as(database)
        save_study_session(database, StudySessionDraft(
            document_id, a1, dt.date(2026, 4, 1), StudyForm.IN_PERSON, "Đồng chí Bí thư",
            (AttendanceMark(members[0], True), AttendanceMark(members[1], False, "Ốm"))))
    finally:
        database.close()
    capsys.readouterr()
    report = tmp_path / "hoc-tap.pdf"
    assert main(["docs", "completion", "--document", str(document_id), "--org", "A", "--out", str(report),
                 *common]) == 0
    assert "Chi bộ Kỹ thuật\t2\t1\t1\t50%" in capsys.readouterr().out
    text = " ".join(page_texts(report))
    assert "KẾT QUẢ HỌC TẬP, QUÁN TRIỆT" in text.upper()
    assert "Trần Thị Bình" in text and "Nguyễn Văn An" not in text

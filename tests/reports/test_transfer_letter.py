"""The giấy giới thiệu sinh hoạt đảng, read back from the PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.enums import OrgKind
from desktop.models.transfer_rules import TransferDraft
from desktop.models.transfers import TransferDirection, TransferKind
from desktop.reports.transfer_letter import write_transfer_letter
from desktop.services.access import PermissionDenied
from desktop.services.members import create_member
from desktop.services.transfers import issue_transfer
from tests.builders import add_account, add_org, member_draft
from tests.reports.pdf_text import page_texts

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def transfer(database: Database) -> int:
    top = add_org(database, "S", "Đảng bộ Khối Doanh nghiệp", OrgKind.SUPERIOR_COMMITTEE)
    a = add_org(database, "A", "Đảng bộ Công ty Alpha", OrgKind.GRASSROOTS_COMMITTEE, top)
    a1 = add_org(database, "A1", "Chi bộ Kỹ thuật", OrgKind.SUBORDINATE_CELL, a)
    member = create_member(database, member_draft(a1, party_card_number="01234567"), today=TODAY).id
    return issue_transfer(database, TransferDraft(
        TransferKind.OFFICIAL, TransferDirection.OUT, dt.date(2026, 8, 28), member_id=member,
        to_org_text="Đảng bộ Sở Y tế tỉnh Nam Định", reason="Chuyển công tác", letter_sequence=7,
    ), today=TODAY)


def test_the_letter_prints_the_member_the_destination_and_the_deadline(
    database: Database, transfer: int, tmp_path: Path
) -> None:
    built = write_transfer_letter(database, transfer, tmp_path / "ggt.pdf")
    assert built.pages == 1
    text = " ".join(" ".join(page_texts(built.path)).split())
    for expected in (
        "ĐẢNG BỘ KHỐI DOANH NGHIỆP ĐẢNG ỦY CÔNG TY ALPHA *", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 07-GGT/ĐU",
        "Ngày 28 tháng 8 năm 2026", "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG",
        "Kính gửi: Đảng bộ Sở Y tế tỉnh Nam Định", "giới thiệu đồng chí: NGUYỄN VĂN AN",
        "Sinh ngày: 15/06/1980", "Là đảng viên chính thức.", "Ngày vào Đảng: 15/04/2005; ngày chính thức: 15/04/2006",
        "Số thẻ đảng viên: 01234567", "Đang sinh hoạt tại: Chi bộ Kỹ thuật — Đảng bộ Công ty Alpha",
        "Chuyển sinh hoạt đảng chính thức đến: Đảng bộ Sở Y tế tỉnh Nam Định", "Lý do: Chuyển công tác",
        # 30 working days from Friday 28/08/2026, skipping 02-03/09.
        "chậm nhất ngày 13/10/2026 (30 ngày làm việc kể từ ngày 28/08/2026",
        "T/M ĐẢNG ỦY", "BÍ THƯ", "Nơi nhận:", "- Như trên,", "- Lưu Văn phòng Đảng ủy.",
    ):
        assert expected in text, expected


def test_a_clerk_of_another_committee_cannot_print_it(database: Database, transfer: int, tmp_path: Path) -> None:
    other = add_org(database, "X", "Đảng bộ Khác", OrgKind.GRASSROOTS_COMMITTEE)
    add_account(database, "vanthu.x", Role.OFFICE_CLERK, other)
    with pytest.raises(PermissionDenied):
        write_transfer_letter(database, transfer, tmp_path / "outside.pdf")
    assert not (tmp_path / "outside.pdf").exists()


def test_a_temporary_letter_names_the_stay(database: Database, tmp_path: Path) -> None:
    a = add_org(database, "A", "Đảng bộ Công ty Alpha", OrgKind.GRASSROOTS_COMMITTEE)
    a1 = add_org(database, "A1", "Chi bộ Kỹ thuật", OrgKind.SUBORDINATE_CELL, a)
    member = create_member(database, member_draft(a1, official_date=None, admission_date=dt.date(2026, 3, 2),
                                                  admission_decision_date=dt.date(2026, 2, 20)), today=TODAY).id
    transfer = issue_transfer(database, TransferDraft(
        TransferKind.TEMPORARY, TransferDirection.OUT, dt.date(2026, 9, 7), member_id=member,
        to_org_text="Chi bộ Bệnh viện Bạch Mai", reason="Điều trị dài ngày", letter_sequence=2,
        expected_end=dt.date(2027, 3, 5)), today=TODAY)
    text = " ".join(" ".join(page_texts(write_transfer_letter(database, transfer, tmp_path / "t.pdf").path)).split())
    assert "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG TẠM THỜI" in text
    assert "Là đảng viên dự bị." in text and "ngày chính thức" not in text
    assert "Số thẻ đảng viên: …" in text
    assert "Đến sinh hoạt đảng tạm thời tại: Chi bộ Bệnh viện Bạch Mai, từ ngày 07/09/2026 đến ngày 05/03/2027." in text


def test_the_profile_sheet_lists_the_transfers_with_their_cells(database: Database, transfer: int, tmp_path: Path) -> None:
    from desktop.models.transfers import MemberTransfer
    from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report

    with database.reading() as session:
        row = session.get(MemberTransfer, transfer)
        assert row is not None and row.from_org_id is not None
        member_id, cell_id = row.member_id, row.from_org_id
    outcome = generate_report(database, ReportRequest(ReportKind.PROFILE, cell_id, TODAY, member_id),
                              tmp_path / "profile.pdf")
    text = " ".join(" ".join(page_texts(outcome.path)).split())
    assert ("Chuyển sinh hoạt chính thức đi: Chi bộ Kỹ thuật → Đảng bộ Sở Y tế tỉnh Nam Định (Chuyển công tác)"
            in text)

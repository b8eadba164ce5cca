"""Báo cáo thống kê số lượng, chất lượng đảng viên as printed: figures that match the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.enums import Gender, MemberStatus
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.reports.catalogue import ReportCancelled, ReportKind, ReportRequest, generate_report
from desktop.reports.numbers import number, percent
from desktop.services.organizations import child_organizations, in_subtree
from tests.conftest import TODAY
from tests.reports.pdf_text import page_lines, page_texts


def _top_id(database: Database) -> int:
    with database.reading() as session:
        return session.scalar(select(PartyOrganization.id).where(PartyOrganization.parent_id.is_(None)))


def _count(database: Database, *conditions) -> int:  # type: ignore[no-untyped-def]
    with database.reading() as session:
        return session.scalar(
            select(func.count()).select_from(Member)
            .where(Member.status.in_((MemberStatus.FULL, MemberStatus.PROBATIONARY)), *conditions)
        )


def test_numbers_and_percentages_are_written_the_vietnamese_way() -> None:
    assert number(78432) == "78.432"
    assert number(7) == "7"
    assert percent(1, 8) == "12,5"
    assert percent(0, 0) == "0"


def test_the_report_of_the_demo_matches_the_database(demo_database: Database, tmp_path: Path) -> None:
    top = _top_id(demo_database)
    path = tmp_path / "stats.pdf"
    outcome = generate_report(demo_database, ReportRequest(ReportKind.STATISTICS, top, TODAY), path)
    assert 2 <= outcome.pages <= 8
    lines = page_lines(path, 0)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in lines
    assert "BÁO CÁO" in lines
    assert "thống kê số lượng, chất lượng đảng viên" in lines
    assert "(Số liệu tính đến ngày 21/11/2026)" in lines
    assert any(line.replace("\u00a0", " ").startswith("Số") and line.endswith("-BC/ĐUK") for line in lines)

    total = _count(demo_database)
    female = _count(demo_database, Member.gender == Gender.FEMALE)
    official = _count(demo_database, Member.status == MemberStatus.FULL)
    text = " ".join(" ".join(page_texts(path)).split())
    assert (f"có {number(total)} đảng viên, trong đó {number(official)} đảng viên chính thức "
            f"và {number(total - official)} đảng viên dự bị; {number(female)} đảng viên nữ "
            f"({percent(female, total)}%)") in text

    # Table 1: one row per subordinate organisation with its own total, then the grand total.
    for child in child_organizations(demo_database, top):
        with demo_database.reading() as session:
            path_of_child = session.scalar(select(PartyOrganization.path).where(PartyOrganization.id == child.id))
            cells = select(PartyOrganization.id).where(in_subtree(path_of_child)).scalar_subquery()
        subtotal = _count(demo_database, Member.cell_id.in_(cells))
        assert f"{child.name} {number(subtotal)} " in text
    assert "Tổng cộng " + number(total) + " " + number(official) in text
    assert "Tỷ lệ so với tổng số đảng viên (%) 100,0" in text
    for heading in ("1. Số lượng đảng viên", "2. Độ tuổi", "3. Trình độ chuyên môn nghiệp vụ và học hàm",
                    "4. Trình độ lý luận chính trị", "5. Tuổi đảng",
                    "6. Dân tộc, tôn giáo, giáo dục phổ thông, nghề nghiệp"):
        assert heading in text
    kinh = _count(demo_database, Member.ethnicity == "Kinh")
    assert f"Kinh {number(kinh)} {percent(kinh, total)}" in text
    assert "T/M ĐẢNG ỦY" in text and "BÍ THƯ" in text


def test_cancelling_the_statistics_leaves_no_file(demo_database: Database, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(ReportCancelled):
        generate_report(demo_database, ReportRequest(ReportKind.STATISTICS, _top_id(demo_database), TODAY),
                        out / "stats.pdf", is_cancelled=lambda: True)
    assert not out.exists() or list(out.iterdir()) == []

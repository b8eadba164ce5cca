"""Danh sách đảng viên printed from the database: what a clerk reads on the paper."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.enums import DatePrecision, MemberStatus, OrgKind
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.reports.catalogue import ReportCancelled, ReportKind, ReportRequest, generate_report
from desktop.services.members import create_member, get_member, update_member
from tests.builders import add_org, member_draft
from tests.conftest import TODAY
from tests.reports.pdf_text import page_lines, page_texts


def _roster(database: Database, org_id: int, path: Path, as_of: dt.date = TODAY, **kwargs) -> int:
    outcome = generate_report(database, ReportRequest(ReportKind.ROSTER, org_id, as_of), path, **kwargs)
    assert outcome.path == path
    return outcome.pages


def _top(database: Database) -> PartyOrganization:
    with database.reading() as session:
        org = session.scalars(select(PartyOrganization).where(PartyOrganization.parent_id.is_(None))).one()
        session.expunge(org)
        return org


def test_the_demo_roster_lists_every_active_member_with_totals(demo_database: Database, tmp_path: Path) -> None:
    top = _top(demo_database)
    with demo_database.reading() as session:
        active = session.scalar(select(func.count()).select_from(Member).where(
            Member.status.in_((MemberStatus.FULL, MemberStatus.PROBATIONARY))))
        probationary = session.scalar(select(func.count()).select_from(Member).where(
            Member.status == MemberStatus.PROBATIONARY))
        cells = session.scalar(select(func.count(func.distinct(Member.cell_id))))
        some_name = session.scalar(select(Member.full_name).where(Member.full_name.like("%ễ%")).limit(1))
    path = tmp_path / "roster.pdf"
    pages = _roster(demo_database, top.id, path)

    # About 30 rows a page, plus a heading and a subtotal per cell.
    assert (active + 2 * cells) / 40 <= pages <= (active + 2 * cells) / 20 + 2
    first = "\n".join(page_lines(path, 0))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first
    assert "DANH SÁCH ĐẢNG VIÊN" in first
    assert top.name in first
    assert "(Tính đến ngày 21/11/2026)" in first
    everything = "\n".join(page_texts(path))
    assert some_name in everything
    expected = f"Tổng cộng: {active} đảng viên ({active - probationary} chính thức, {probationary} dự bị) trong {cells} chi bộ"
    assert expected in everything.replace("\n", " ")
    assert everything.count("Cộng: ") == cells
    # The column header is on every page, above the rows.
    for number in range(1, pages):
        assert "Họ và tên" in page_texts(path)[number]
        assert page_lines(path, number)[0] == str(number + 1)


def test_a_member_with_only_the_required_fields_prints_cleanly(database: Database, tmp_path: Path) -> None:
    top = add_org(database, "DB", "Đảng bộ Trường Đại học Mỏ", OrgKind.GRASSROOTS_COMMITTEE)
    cell = add_org(database, "DB.01", "Chi bộ Khoa Địa chất", OrgKind.SUBORDINATE_CELL, top)
    create_member(database, member_draft(cell, full_name="Đặng Thị Ánh", party_card_number=None,
                                         date_of_birth=dt.date(1950, 1, 1), dob_precision=DatePrecision.YEAR),
                  today=TODAY)
    create_member(database, member_draft(cell, full_name="Lò Văn Dũng", official_date=None,
                                         admission_date=dt.date(2026, 5, 19),
                                         admission_decision_date=dt.date(2026, 5, 2),
                                         date_of_birth=dt.date(1995, 3, 8)), today=TODAY)
    path = tmp_path / "roster.pdf"
    assert _roster(database, top, path) == 1
    lines = page_lines(path, 0)
    text = "\n".join(lines)
    assert "None" not in text
    # Each row reads left to right: a birth year alone, no card number, "dự bị" for the
    # probationary member's recognition date.
    assert "1 Đặng Thị Ánh 1950 Nam 15/04/2005 15/04/2006" in lines
    assert "2 Lò Văn Dũng 08/03/1995 Nam 19/05/2026 dự bị" in lines
    assert "Chi bộ Khoa Địa chất" in text
    assert "Cộng: 2 đảng viên (1 chính thức, 1 dự bị)" in text


def test_the_roster_is_as_at_its_date(database: Database, tmp_path: Path) -> None:
    top = add_org(database, "DB", "Đảng bộ Cục Hải quan", OrgKind.GRASSROOTS_COMMITTEE)
    first = add_org(database, "DB.01", "Chi bộ Phòng Một", OrgKind.SUBORDINATE_CELL, top)
    second = add_org(database, "DB.02", "Chi bộ Phòng Hai", OrgKind.SUBORDINATE_CELL, top)
    moved = create_member(database, member_draft(first, full_name="Trần Văn Bình", party_card_number="10000001"),
                          today=TODAY)
    create_member(database, member_draft(first, full_name="Hoàng Văn Cường", party_card_number=None,
                                         official_date=None, admission_date=dt.date(2026, 6, 1),
                                         admission_decision_date=dt.date(2026, 5, 20)), today=TODAY)
    record = get_member(database, moved.id)
    update_member(database, moved.id, record.version, replace(record.draft, cell_id=second), today=TODAY)

    earlier = tmp_path / "earlier.pdf"
    _roster(database, top, earlier, as_of=dt.date(2026, 1, 1))
    text = "\n".join(page_lines(earlier, 0))
    assert "Hoàng Văn Cường" not in text  # admitted after the date
    assert "Chi bộ Phòng Hai" not in text  # Bình moved there only on 21/11/2026
    assert "Tổng cộng: 1 đảng viên (1 chính thức, 0 dự bị) trong 1 chi bộ" in text

    now = tmp_path / "now.pdf"
    _roster(database, top, now)
    text = "\n".join(page_lines(now, 0))
    assert text.index("Chi bộ Phòng Hai") < text.index("Trần Văn Bình")
    assert "Tổng cộng: 2 đảng viên (1 chính thức, 1 dự bị) trong 2 chi bộ" in text


def test_cancelling_stops_the_roster_and_leaves_no_file(demo_database: Database, tmp_path: Path) -> None:
    out = tmp_path / "out"
    path = out / "roster.pdf"
    reports: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        reports.append((done, total))

    with pytest.raises(ReportCancelled):
        _roster(demo_database, _top(demo_database).id, path, progress=progress,
                is_cancelled=lambda: len(reports) >= 3)
    assert list(out.iterdir()) == []
    assert reports[0][0] == 0 and reports[0][1] > 0


def test_progress_reaches_the_number_of_members(demo_database: Database, tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    _roster(demo_database, _top(demo_database).id, tmp_path / "r.pdf",
            progress=lambda done, total: reports.append((done, total)))
    done, total = reports[-1]
    assert done == total > 300

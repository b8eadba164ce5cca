"""Biến động đảng viên: the counts equal the events of the period, where each one happened."""

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.db.database import Database, open_database
from desktop.models.enums import MemberEventKind, OrgKind
from desktop.models.member import MemberEvent
from desktop.models.member_lifecycle import EventDraft
from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
from desktop.services.member_changes import CHANGE_KINDS, member_change_entries, member_changes
from desktop.services.member_events import record_member_event
from desktop.services.members import create_member
from tests.builders import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    add_first_administrator,
    add_org,
    member_draft,
)
from tests.reports.pdf_text import page_texts

TODAY = dt.date(2026, 12, 2)
START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def build(database: Database) -> dict[str, int]:
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    a = add_org(database, "K.A", "Đảng bộ Bộ A", OrgKind.GRASSROOTS_COMMITTEE, root)
    a1 = add_org(database, "K.A.1", "Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, a)
    a2 = add_org(database, "K.A.2", "Chi bộ Vụ Pháp chế", OrgKind.SUBORDINATE_CELL, a)
    b = add_org(database, "K.B", "Chi bộ Báo Nhân Dân", OrgKind.GRASSROOTS_CELL, root)

    def member(cell: int, name: str, **changes: object) -> int:
        return create_member(database, member_draft(cell, full_name=name, **changes), today=TODAY).id

    def event(member_id: int, kind: MemberEventKind, day: dt.date, **changes: object) -> None:
        record_member_event(database, member_id, EventDraft(kind, day, **changes), today=TODAY)  # type: ignore[arg-type]

    # Admitted in 2026 (counted), and one admitted in 2025 then recognised in 2026 (counted as recognised).
    member(a1, "Trần Văn Ba", admission_decision_date=dt.date(2026, 3, 1), admission_date=dt.date(2026, 3, 10),
           official_date=None)
    recognised = member(b, "Lê Thị Bốn", admission_decision_date=dt.date(2025, 1, 2),
                        admission_date=dt.date(2025, 1, 10), official_date=None)
    event(recognised, MemberEventKind.RECOGNISED_FULL, dt.date(2026, 1, 10), decision_number="3-QĐ/ĐU",
          resolution_number="1-NQ/CB", resolution_date=dt.date(2026, 1, 12))
    died = member(a2, "Phạm Văn Năm")
    event(died, MemberEventKind.DECEASED, dt.date(2026, 5, 4))
    removed = member(a1, "Hồ Thị Sáu")
    event(removed, MemberEventKind.REMOVED, dt.date(2026, 7, 1), decision_number="45-QĐ/ĐU",
          decision_date=dt.date(2026, 7, 1), note="Bỏ sinh hoạt")
    moved = member(a1, "Đỗ Văn Bảy")  # moved between two cells of A: not a change of the register
    event(moved, MemberEventKind.TRANSFER_INTERNAL, dt.date(2026, 8, 1), to_org_id=a2)
    gone = member(a2, "Vũ Văn Tám")  # moved to A2, then left the organisation from there
    event(gone, MemberEventKind.TRANSFER_OFFICIAL_OUT, dt.date(2026, 9, 1), decision_number="9-GGT/ĐU",
          counterpart="Đảng bộ Tỉnh X")
    old = member(b, "Ngô Văn Chín")  # died before the period
    event(old, MemberEventKind.DECEASED, dt.date(2025, 12, 31))
    return {"root": root, "a": a, "a1": a1, "a2": a2, "b": b}


def test_counts_by_subordinate_organisation_equal_the_events(database: Database) -> None:
    ids = build(database)
    changes = member_changes(database, ids["root"], START, END)
    by_name = {row.name: row for row in changes.rows}
    assert list(by_name) == ["Đảng bộ Bộ A", "Chi bộ Báo Nhân Dân"]
    a, b = by_name["Đảng bộ Bộ A"], by_name["Chi bộ Báo Nhân Dân"]
    assert {kind: count for kind, count in a.counts.items() if count} == {
        MemberEventKind.ADMITTED: 1, MemberEventKind.DECEASED: 1, MemberEventKind.REMOVED: 1,
        MemberEventKind.TRANSFER_OFFICIAL_OUT: 1}
    assert {kind: count for kind, count in b.counts.items() if count} == {MemberEventKind.RECOGNISED_FULL: 1}
    assert (a.increase, a.decrease, changes.total.decrease) == (1, 3, 3)
    with database.reading() as session:
        in_database = session.scalar(select(func.count()).select_from(MemberEvent).where(
            MemberEvent.kind.in_(CHANGE_KINDS), MemberEvent.effective_date.between(START, END)))
    assert sum(changes.total.counts.values()) == in_database == 5
    by_cell = member_changes(database, ids["a"], START, END)
    assert [(row.name, sum(row.counts.values())) for row in by_cell.rows] == [
        ("Chi bộ Vụ Tổng hợp", 2), ("Chi bộ Vụ Pháp chế", 2)]
    cell_only = member_changes(database, ids["a1"], START, END)
    assert [(row.name, sum(row.counts.values())) for row in cell_only.rows] == [("Chi bộ Vụ Tổng hợp", 2)]


def test_the_list_gives_every_change_in_date_order(database: Database) -> None:
    ids = build(database)
    entries = list(member_change_entries(database, ids["root"], START, END))
    assert [(entry.effective_date, entry.kind, entry.full_name, entry.cell_name) for entry in entries] == [
        (dt.date(2026, 1, 10), MemberEventKind.RECOGNISED_FULL, "Lê Thị Bốn", "Chi bộ Báo Nhân Dân"),
        (dt.date(2026, 3, 10), MemberEventKind.ADMITTED, "Trần Văn Ba", "Chi bộ Vụ Tổng hợp"),
        (dt.date(2026, 5, 4), MemberEventKind.DECEASED, "Phạm Văn Năm", "Chi bộ Vụ Pháp chế"),
        (dt.date(2026, 7, 1), MemberEventKind.REMOVED, "Hồ Thị Sáu", "Chi bộ Vụ Tổng hợp"),
        (dt.date(2026, 9, 1), MemberEventKind.TRANSFER_OFFICIAL_OUT, "Vũ Văn Tám", "Chi bộ Vụ Pháp chế"),
    ]
    assert entries[3].decision_text == "45-QĐ/ĐU, 01/07/2026"


def test_the_report_prints_the_counts_and_the_list(database: Database, tmp_path: Path) -> None:
    ids = build(database)
    out = tmp_path / "bien-dong.pdf"
    generate_report(database, ReportRequest(ReportKind.CHANGES, ids["root"], END, period_start=START), out)
    text = " ".join(" ".join(page_texts(out)).split())  # lines of a paragraph joined
    assert "BÁO CÁO" in text and "biến động đảng viên" in text
    assert "(Từ ngày 01/01/2026 đến ngày 31/12/2026)" in text
    assert "kết nạp 1 đảng viên" in text and "giảm 3 đảng viên" in text
    for name in ("Trần Văn Ba", "Lê Thị Bốn", "Phạm Văn Năm", "Hồ Thị Sáu", "Vũ Văn Tám"):
        assert name in text
    assert "Ngô Văn Chín" not in text and "Đỗ Văn Bảy" not in text
    assert "Đảng bộ Tỉnh X" in text


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)
    path = tmp_path / "office.db"
    database = open_database(path)
    add_first_administrator(database)
    build(database)
    database.close()
    return path


def test_the_cli_writes_the_changes_report(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bd.pdf"
    assert main(["report", "changes", "--org", "K.A", "--from", "01/01/2026", "--to", "31/12/2026",
                 "--out", str(out), "--db", str(office), "--user", ADMIN_USERNAME]) == 0
    text = "\n".join(page_texts(out))
    assert "Chi bộ Vụ Pháp chế" in text and "Lê Thị Bốn" not in text
    assert main(["report", "changes", "--org", "K.A", "--from", "01/12/2026", "--to", "01/01/2026",
                 "--out", str(out), "--db", str(office), "--user", ADMIN_USERNAME]) == 2
    assert "Ngày đầu kỳ phải trước ngày cuối kỳ." in capsys.readouterr().err


def test_the_cli_prints_the_probation_due_list(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = open_database(office)
    from tests.builders import sign_in_as

    sign_in_as(database)
    with database.reading() as session:
        from desktop.models.organization import PartyOrganization

        cell = session.scalar(select(PartyOrganization.id).where(PartyOrganization.code == "K.B"))
    create_member(database, member_draft(cell, full_name="Mai Văn Mười", admission_decision_date=dt.date(2025, 11, 1),
                                         admission_date=dt.date(2025, 11, 20), official_date=None), today=TODAY)
    database.close()
    capsys.readouterr()
    assert main(["due", "probation", "--org", "K", "--within", "400", "--db", str(office),
                 "--user", ADMIN_USERNAME]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert any(line.startswith("Trần Văn Ba\t15/06/1980\tChi bộ Vụ Tổng hợp\tvào Đảng 10/03/2026\t"
                               "hết dự bị 10/03/2027") for line in lines)
    assert any(line.startswith("Mai Văn Mười\t") and "hết dự bị 20/11/2026" in line for line in lines)
    assert captured.err.strip().endswith("2 đảng viên.")
    assert main(["due", "probation", "--org", "KHONG", "--db", str(office), "--user", ADMIN_USERNAME]) == 2

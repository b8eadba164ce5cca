"""Exports of the member and organisation lists, and their round trip through an import."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from pathlib import Path

import openpyxl
from sqlalchemy import select

from desktop.db.database import Database, open_database
from desktop.models.audit import AuditAction, AuditEntry
from desktop.models.enums import MemberStatus
from desktop.models.member import Member
from desktop.models.member_rules import MemberDraft
from desktop.models.organization import PartyOrganization
from desktop.services.members import MemberListQuery, MemberSort, count_members
from desktop.services.organizations import root_organizations
from desktop.services.tabular.exports import export_members, export_organizations
from desktop.services.tabular.member_import import import_members
from desktop.services.tabular.org_import import import_organizations
from tests.builders import add_first_administrator
from tests.conftest import TODAY
from tests.spreadsheets import read_back

ACTIVE = (MemberStatus.FULL, MemberStatus.PROBATIONARY)


def _records(database: Database) -> list[tuple[object, ...]]:
    """Every member as its draft fields with its cell's code (ids differ between databases)."""
    names = [item.name for item in fields(MemberDraft) if item.name != "cell_id"]
    statement = (
        select(*(getattr(Member, name) for name in names), Member.status, PartyOrganization.code)
        .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
        .order_by(Member.full_name, Member.date_of_birth, Member.admission_date, Member.id)
    )
    with database.reading() as session:
        return [tuple(row) for row in session.execute(statement)]


def _organizations(database: Database) -> list[tuple[object, ...]]:
    parent = PartyOrganization.__table__.alias("parent")
    statement = (
        select(PartyOrganization.code, PartyOrganization.name, PartyOrganization.kind, parent.c.code,
               PartyOrganization.short_name, PartyOrganization.address, PartyOrganization.area_type)
        .outerjoin(parent, parent.c.id == PartyOrganization.parent_id)
        .order_by(PartyOrganization.code)
    )
    with database.reading() as session:
        return [tuple(row) for row in session.execute(statement)]


def test_export_then_import_into_a_new_database_gives_the_same_records(
    demo_database: Database, tmp_path: Path
) -> None:
    organizations = export_organizations(demo_database, None, tmp_path / "to-chuc.xlsx")
    everyone = export_members(demo_database, MemberListQuery(statuses=ACTIVE), tmp_path / "dang-vien.xlsx")
    assert everyone.rows == count_members(demo_database, MemberListQuery(statuses=ACTIVE))

    fresh = open_database(tmp_path / "moi.db")
    try:
        add_first_administrator(fresh)
        orgs = import_organizations(fresh, organizations.path, today=TODAY)
        assert orgs.ok and orgs.written, orgs.problems[:3]
        assert _organizations(fresh) == _organizations(demo_database)
        people = import_members(fresh, everyone.path, today=TODAY)
        assert people.ok and people.written and people.created == everyone.rows, people.problems[:3]
        assert _records(fresh) == [record for record in _records(demo_database) if record[-2] in ACTIVE]
        # And once more: every member is recognised (card number or citizen ID) and skipped.
        again = import_members(fresh, everyone.path, today=TODAY)
        assert again.ok and (again.created, again.skipped) == (0, everyone.rows)
    finally:
        fresh.close()


def test_the_member_export_is_a_formatted_table_that_says_who_exported_it(
    demo_database: Database, tmp_path: Path
) -> None:
    root = root_organizations(demo_database)[0]
    query = MemberListQuery(organization_id=root.id, statuses=(MemberStatus.PROBATIONARY,),
                            sort=MemberSort.DATE_OF_BIRTH, descending=True)
    outcome = export_members(demo_database, query, tmp_path / "du-bi.xlsx", description=["Đảng viên dự bị"])
    assert outcome.rows == count_members(demo_database, query) > 0

    rows = read_back(outcome.path)
    assert rows[0][0] == "DANH SÁCH ĐẢNG VIÊN" and rows[1][0] == root.name and rows[2][0] == "Đảng viên dự bị"
    assert rows[3][0].startswith("Xuất ngày ") and rows[3][0].endswith("bởi Quản trị hệ thống (quantri)")
    header = rows[5]
    assert header[:4] == ["STT", "Họ và tên", "Họ và tên khai sinh", "Tên gọi khác"]
    data = rows[6:]
    assert len(data) == outcome.rows and [row[0] for row in data] == list(range(1, outcome.rows + 1))
    born = [row[header.index("Ngày sinh")] for row in data]
    as_dates = [value.date() if isinstance(value, dt.datetime) else dt.date(int(str(value)[-4:]), 1, 1)
                for value in born]
    assert as_dates == sorted(as_dates, reverse=True)  # the list's order
    assert {row[header.index("Trạng thái")] for row in data} == {"Dự bị"}

    sheet = openpyxl.load_workbook(outcome.path).worksheets[0]
    title = sheet.cell(6, 2)
    assert title.font.bold and title.fill.fgColor.rgb.endswith("D9E2F3") and title.alignment.wrap_text
    assert sheet.freeze_panes == "A7"
    assert sheet.column_dimensions["B"].width >= 26
    dated = next(cell for cell in sheet[7] if isinstance(cell.value, dt.datetime))
    assert dated.number_format.lower() == "dd/mm/yyyy"
    with demo_database.reading() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action is AuditAction.EXPORT and '"file":"du-bi.xlsx"' in entry.changes

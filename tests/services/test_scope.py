"""Roles and organisation scope in every use case: a clerk of one committee sees and edits only it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.enums import OrgKind
from desktop.models.organization_rules import OrganizationDraft
from desktop.models.permissions import Permission
from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
from desktop.services.access import NotSignedIn, PermissionDenied
from desktop.services.document_issuer import issuer_for
from desktop.services.lookup import member_id_by_identifier, organization_id_by_code
from desktop.services.member_statistics import member_statistics
from desktop.services.members import (
    MemberListQuery,
    count_members,
    create_member,
    fetch_member_rows,
    get_member,
    update_member,
)
from desktop.services.organization_editing import (
    create_organization,
    get_organization,
    update_organization,
)
from desktop.services.organizations import (
    ancestor_ids,
    child_organizations,
    find_cells,
    organization_summary,
    root_organizations,
)
from desktop.services.search import search_members
from tests.builders import add_account, add_org, member_draft, sign_in_as
from tests.conftest import TODAY


@pytest.fixture
def office(database: Database) -> dict[str, int]:
    """root ─ committee A ─ cells A1, A2;  root ─ grassroots cell B; one member in A1 and in B."""
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    a = add_org(database, "K.A", "Đảng bộ Bộ A", OrgKind.GRASSROOTS_COMMITTEE, root)
    a1 = add_org(database, "K.A.1", "Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, a)
    a2 = add_org(database, "K.A.2", "Chi bộ Vụ Pháp chế", OrgKind.SUBORDINATE_CELL, a)
    b = add_org(database, "K.B", "Chi bộ Báo Nhân Dân", OrgKind.GRASSROOTS_CELL, root)
    ours = create_member(database, member_draft(a1, full_name="Trần Văn Ba", party_card_number="10000004"),
                         today=TODAY).id
    theirs = create_member(database, member_draft(b, full_name="Trần Văn Bốn", party_card_number="10000012"),
                           today=TODAY).id
    return {"root": root, "a": a, "a1": a1, "a2": a2, "b": b, "ours": ours, "theirs": theirs}


@pytest.fixture
def clerk_of_a(database: Database, office: dict[str, int]) -> dict[str, int]:
    add_account(database, "vanthu.a", Role.OFFICE_CLERK, office["a"])
    return office


def test_the_tree_of_a_scoped_clerk_starts_at_their_committee(database: Database, clerk_of_a: dict[str, int]) -> None:
    o = clerk_of_a
    assert [node.id for node in root_organizations(database)] == [o["a"]]
    assert [node.id for node in child_organizations(database, o["a"])] == [o["a1"], o["a2"]]
    assert ancestor_ids(database, o["a1"]) == [o["a"], o["a1"]]
    for read in (child_organizations, organization_summary, get_organization, issuer_for):
        with pytest.raises(PermissionDenied):
            read(database, o["root"])
        with pytest.raises(PermissionDenied):
            read(database, o["b"])
    assert organization_summary(database, o["a"]).members == 1
    assert [cell.id for cell in find_cells(database, "chi bo")] == [o["a1"], o["a2"]]


def test_a_scoped_clerk_lists_searches_and_reads_only_their_members(
    database: Database, clerk_of_a: dict[str, int]
) -> None:
    o = clerk_of_a
    everything = MemberListQuery()
    assert count_members(database, everything) == 1
    assert [row.full_name for row in fetch_member_rows(database, everything, 0, 50)] == ["Trần Văn Ba"]
    for outside in (o["root"], o["b"]):
        with pytest.raises(PermissionDenied):
            count_members(database, MemberListQuery(organization_id=outside))
        with pytest.raises(PermissionDenied):
            fetch_member_rows(database, MemberListQuery(organization_id=outside), 0, 50)
    assert [hit.full_name for hit in search_members(database, "tran van")] == ["Trần Văn Ba"]
    assert search_members(database, "10000012") == []
    assert get_member(database, o["ours"]).draft.full_name == "Trần Văn Ba"
    with pytest.raises(PermissionDenied):
        get_member(database, o["theirs"])
    assert organization_id_by_code(database, "K.B") is None
    assert organization_id_by_code(database, "K.A.1") == o["a1"]
    assert member_id_by_identifier(database, "10000012") is None
    assert member_id_by_identifier(database, "10000004") == o["ours"]


def test_a_scoped_clerk_cannot_write_outside_their_committee(
    database: Database, clerk_of_a: dict[str, int]
) -> None:
    o = clerk_of_a
    with pytest.raises(PermissionDenied):
        create_member(database, member_draft(o["b"], full_name="Lê Văn Năm"), today=TODAY)
    ours = get_member(database, o["ours"])
    with pytest.raises(PermissionDenied):  # moving our member to their cell
        update_member(database, ours.id, ours.version, replace(ours.draft, cell_id=o["b"]), today=TODAY)
    sign_in_as(database)
    theirs = get_member(database, o["theirs"])
    sign_in_as(database, "vanthu.a")
    with pytest.raises(PermissionDenied):
        update_member(database, theirs.id, theirs.version, replace(theirs.draft, phone="0912345678"),
                      today=TODAY)
    draft = OrganizationDraft(code="K.A.3", name="Chi bộ Vụ Mới", kind=OrgKind.SUBORDINATE_CELL)
    for parent in (None, o["root"]):
        with pytest.raises(PermissionDenied):
            create_organization(database, parent, replace(draft, kind=OrgKind.GRASSROOTS_CELL), today=TODAY)
    sign_in_as(database)
    record = get_organization(database, o["b"])
    sign_in_as(database, "vanthu.a")
    with pytest.raises(PermissionDenied):
        update_organization(database, o["b"], record.version, replace(record.draft, name="Đổi tên"),
                            today=TODAY)
    # Inside their committee everything works.
    create_organization(database, o["a"], draft, today=TODAY)
    moved = update_member(database, ours.id, ours.version, replace(ours.draft, cell_id=o["a2"]), today=TODAY)
    assert moved.draft.cell_id == o["a2"]


def test_reports_outside_the_scope_are_refused(
    database: Database, clerk_of_a: dict[str, int], tmp_path: Path
) -> None:
    o = clerk_of_a
    out = tmp_path / "report.pdf"
    for request in (
        ReportRequest(ReportKind.ROSTER, o["b"], TODAY),
        ReportRequest(ReportKind.STATISTICS, o["root"], TODAY),
        ReportRequest(ReportKind.PROFILE, o["a"], TODAY, o["theirs"]),
        ReportRequest(ReportKind.PROFILE, o["b"], TODAY, o["theirs"]),
    ):
        with pytest.raises(PermissionDenied):
            generate_report(database, request, out)
        assert not out.exists()
    with pytest.raises(PermissionDenied):
        member_statistics(database, o["b"], TODAY)
    assert generate_report(database, ReportRequest(ReportKind.ROSTER, o["a"], TODAY), out).pages == 1


@pytest.mark.parametrize("role", [Role.LEADER, Role.INSPECTION])
def test_leaders_and_inspection_read_and_report_but_never_edit(
    database: Database, office: dict[str, int], tmp_path: Path, role: Role
) -> None:
    o = office
    add_account(database, "doc", role)
    record = get_member(database, o["theirs"])
    assert count_members(database, MemberListQuery()) == 2
    generate_report(database, ReportRequest(ReportKind.ROSTER, o["root"], TODAY), tmp_path / "ds.pdf")
    with pytest.raises(PermissionDenied) as denied:
        update_member(database, record.id, record.version, replace(record.draft, phone="0912345678"),
                      today=TODAY)
    assert denied.value.permission is Permission.EDIT_REGISTER
    with pytest.raises(PermissionDenied):
        create_member(database, member_draft(o["b"], full_name="Lê Văn Năm"), today=TODAY)
    with pytest.raises(PermissionDenied):
        create_organization(database, o["a"], OrganizationDraft(code="K.A.3", name="Chi bộ Mới",
                                                                kind=OrgKind.SUBORDINATE_CELL), today=TODAY)


def test_nothing_is_read_without_a_signed_in_user(database: Database, office: dict[str, int]) -> None:
    database.actor = None
    with pytest.raises(NotSignedIn):
        root_organizations(database)
    with pytest.raises(NotSignedIn):
        search_members(database, "tran")
    with pytest.raises(NotSignedIn):
        get_member(database, office["ours"])

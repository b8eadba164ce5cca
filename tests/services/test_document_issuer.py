"""What an organisation's documents print about their issuer: header, code, place, signer, recipients."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.db.database import Database
from desktop.models.enums import CommitteeRole, OrgKind
from desktop.models.member import CommitteeMembership
from desktop.models.organization import PartyOrganization
from desktop.services.document_issuer import IssuerInfo, issuer_for
from desktop.services.errors import RecordNotFound
from desktop.services.members import create_member
from tests.builders import add_org, member_draft

TODAY = dt.date(2026, 11, 21)


def set_document_fields(database: Database, org_id: int, **values: str | None) -> None:
    with database.transaction() as session:
        org = session.get(PartyOrganization, org_id)
        assert org is not None
        for name, value in values.items():
            setattr(org, name, value)


def seat(
    database: Database, org_id: int, member_id: int, role: CommitteeRole,
    start: dt.date, end: dt.date | None = None,
) -> None:
    with database.transaction() as session:
        session.add(CommitteeMembership(organization_id=org_id, member_id=member_id, role=role,
                                        start_date=start, end_date=end))


@pytest.fixture
def tree(database: Database) -> dict[str, int]:
    root = add_org(database, "DBK", "Đảng bộ Khối các cơ quan Trung ương", OrgKind.SUPERIOR_COMMITTEE)
    set_document_fields(database, root, issuer_name="Đảng ủy Khối các cơ quan Trung ương",
                        issuer_code="ĐUK", place_name="Hà Nội")
    ministry = add_org(database, "DBK.01", "Đảng bộ Bộ Tài chính", OrgKind.GRASSROOTS_COMMITTEE, root)
    section = add_org(database, "DBK.01.01", "Đảng bộ bộ phận Cục Thuế", OrgKind.SECTION_COMMITTEE,
                      ministry)
    cell = add_org(database, "DBK.01.02", "Chi bộ Vụ Ngân sách", OrgKind.SUBORDINATE_CELL, ministry)
    section_cell = add_org(database, "DBK.01.01.01", "Chi bộ Phòng Tổng hợp",
                           OrgKind.SUBORDINATE_CELL, section)
    return {"root": root, "ministry": ministry, "section": section, "cell": cell,
            "section_cell": section_cell}


def test_the_top_organisation_prints_its_own_issuer_and_files_a_copy_only(
    database: Database, tree: dict[str, int]
) -> None:
    assert issuer_for(database, tree["root"]) == IssuerInfo(
        organization_id=tree["root"],
        superior_name=None,
        issuer_name="Đảng ủy Khối các cơ quan Trung ương",
        issuer_code="ĐUK",
        place_name="Hà Nội",
        signing_body="T/M ĐẢNG ỦY",
        signer_title="BÍ THƯ",
        signer_name=None,
        recipients=("Lưu Văn phòng Đảng ủy",),
    )


def test_a_top_organisation_names_the_superior_that_is_not_in_the_database(
    database: Database, tree: dict[str, int]
) -> None:
    set_document_fields(database, tree["root"], superior_name="Đảng bộ các cơ quan Đảng Trung ương")
    info = issuer_for(database, tree["root"])
    assert info.superior_name == "Đảng bộ các cơ quan Đảng Trung ương"
    assert info.recipients == (
        "Ban Thường vụ Đảng ủy các cơ quan Đảng Trung ương (b/c)", "Lưu Văn phòng Đảng ủy",
    )


def test_a_committee_under_the_top_one_derives_its_issuer_and_inherits_the_place(
    database: Database, tree: dict[str, int]
) -> None:
    info = issuer_for(database, tree["ministry"])
    assert info.superior_name == "Đảng bộ Khối các cơ quan Trung ương"
    assert info.issuer_name == "Đảng ủy Bộ Tài chính"
    assert info.issuer_code == "ĐU"
    assert info.place_name == "Hà Nội"
    assert info.signing_body == "T/M ĐẢNG ỦY"
    assert info.recipients == (
        "Ban Thường vụ Đảng ủy Khối các cơ quan Trung ương (b/c)", "Lưu Văn phòng Đảng ủy",
    )


def test_a_section_committee_signs_for_the_section(database: Database, tree: dict[str, int]) -> None:
    info = issuer_for(database, tree["section"])
    assert (info.superior_name, info.issuer_name, info.issuer_code, info.signing_body) == (
        "Đảng bộ Bộ Tài chính", "Đảng ủy bộ phận Cục Thuế", "ĐUBP", "T/M ĐẢNG ỦY BỘ PHẬN",
    )
    cell = issuer_for(database, tree["section_cell"])
    assert cell.superior_name == "Đảng bộ bộ phận Cục Thuế"
    assert cell.recipients == ("Đảng ủy bộ phận Cục Thuế (b/c)", "Lưu Chi bộ")


def test_a_cell_issues_in_its_own_name_and_reports_to_its_committee(
    database: Database, tree: dict[str, int]
) -> None:
    set_document_fields(database, tree["ministry"], issuer_name="Đảng ủy cơ quan Bộ Tài chính",
                        place_name="Thành phố Hà Nội")
    info = issuer_for(database, tree["cell"])
    assert info.superior_name == "Đảng bộ Bộ Tài chính"  # line 1 is the đảng bộ, not its đảng ủy
    assert info.issuer_name == "Chi bộ Vụ Ngân sách"
    assert info.issuer_code == "CB"
    assert info.place_name == "Thành phố Hà Nội"  # the nearest ancestor's place
    assert (info.signing_body, info.signer_title) == ("T/M CHI BỘ", "BÍ THƯ")
    assert info.recipients == ("Đảng ủy cơ quan Bộ Tài chính (b/c)", "Lưu Chi bộ")


def test_the_organisations_own_settings_win(database: Database, tree: dict[str, int]) -> None:
    set_document_fields(database, tree["cell"], issuer_name="Chi bộ Vụ Ngân sách nhà nước",
                        issuer_code="CBNS", superior_name="Đảng bộ cơ quan Bộ Tài chính",
                        place_name="Hải Phòng")
    info = issuer_for(database, tree["cell"])
    assert (info.issuer_name, info.issuer_code, info.superior_name, info.place_name) == (
        "Chi bộ Vụ Ngân sách nhà nước", "CBNS", "Đảng bộ cơ quan Bộ Tài chính", "Hải Phòng",
    )


def test_no_place_anywhere_gives_none(database: Database) -> None:
    cell = add_org(database, "CB1", "Chi bộ Báo Nhân Dân", OrgKind.GRASSROOTS_CELL)
    info = issuer_for(database, cell)
    assert info.place_name is None and info.superior_name is None
    assert info.recipients == ("Lưu Chi bộ",)


def test_the_signer_is_the_secretary_in_office(database: Database, tree: dict[str, int]) -> None:
    cell = tree["cell"]

    def member(name: str) -> int:
        return create_member(database, member_draft(cell, full_name=name, national_id=None),
                             today=TODAY).id

    former, deputy, current = member("Trần Văn Ba"), member("Lê Thị Hoa"), member("Phạm Minh Đức")
    seat(database, cell, former, CommitteeRole.SECRETARY, dt.date(2020, 5, 1), dt.date(2025, 5, 1))
    seat(database, cell, deputy, CommitteeRole.DEPUTY_SECRETARY, dt.date(2025, 5, 2))
    assert issuer_for(database, cell).signer_name is None  # vacant: the name is written by hand
    seat(database, cell, current, CommitteeRole.SECRETARY, dt.date(2025, 5, 2))
    assert issuer_for(database, cell).signer_name == "Phạm Minh Đức"
    assert issuer_for(database, tree["ministry"]).signer_name is None  # seats are per organisation


def test_an_unknown_organisation_is_reported(database: Database) -> None:
    with pytest.raises(RecordNotFound):
        issuer_for(database, 999)

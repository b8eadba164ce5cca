"""Adding and editing organisations: the tree's path, order and keys; refusals write nothing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.enums import OrgKind, OrgStatus
from desktop.models.organization import PartyOrganization
from desktop.models.problems import ProblemCode
from desktop.services.document_issuer import issuer_for
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.members import MemberListQuery, count_members, create_member
from desktop.services.organization_editing import (
    OrganizationDraft,
    create_organization,
    get_organization,
    kind_choices,
    update_organization,
)
from desktop.services.organizations import (
    ancestor_ids,
    child_organizations,
    find_cells,
    organization_summary,
    root_organizations,
)
from tests.builders import member_draft

TODAY = dt.date(2026, 11, 21)


def draft(code: str, name: str, kind: OrgKind, **changes: object) -> OrganizationDraft:
    return replace(OrganizationDraft(code=code, name=name, kind=kind), **changes)  # type: ignore[arg-type]


def add(database: Database, parent: int | None, code: str, name: str, kind: OrgKind) -> int:
    return create_organization(database, parent, draft(code, name, kind), today=TODAY)


def rows(database: Database) -> list[tuple[object, ...]]:
    """Every stored organisation, in full: 'nothing was written' compares these."""
    with database.reading() as session:
        columns = [c for c in PartyOrganization.__table__.c if c.name != "updated_at"]
        return [tuple(row) for row in session.execute(select(*columns).order_by(PartyOrganization.id))]


@pytest.fixture
def tree(database: Database) -> dict[str, int]:
    root = add(database, None, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    a = add(database, root, "K.A", "Đảng bộ Bộ A", OrgKind.GRASSROOTS_COMMITTEE)
    a1 = add(database, a, "K.A.1", "Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL)
    b = add(database, root, "K.B", "Chi bộ Báo Nhân Dân", OrgKind.GRASSROOTS_CELL)
    return {"root": root, "a": a, "a1": a1, "b": b}


def test_new_organisations_take_their_place_in_the_tree(database: Database, tree: dict[str, int]) -> None:
    assert [node.id for node in root_organizations(database)] == [tree["root"]]
    assert [n.name for n in child_organizations(database, tree["root"])] == [
        "Đảng bộ Bộ A", "Chi bộ Báo Nhân Dân",  # in the order they were added
    ]
    a2 = add(database, tree["a"], "K.A.2", "Chi bộ Vụ Pháp chế", OrgKind.SUBORDINATE_CELL)
    assert [n.id for n in child_organizations(database, tree["a"])] == [tree["a1"], a2]
    assert ancestor_ids(database, a2) == [tree["root"], tree["a"], a2]
    with database.reading() as session:
        stored = {o.id: o for o in session.scalars(select(PartyOrganization))}
        assert stored[a2].path == f"/{tree['root']}/{tree['a']}/{a2}/"
        assert [stored[i].level for i in (tree["root"], tree["a"], a2)] == [0, 1, 2]
        assert stored[a2].position == stored[tree["a1"]].position + 1
    summary = organization_summary(database, tree["root"])
    assert summary.cells == 3
    create_member(database, member_draft(a2, full_name="Trần Văn Ba"), today=TODAY)
    assert count_members(database, MemberListQuery(organization_id=tree["root"])) == 1
    assert count_members(database, MemberListQuery(organization_id=tree["a"])) == 1
    assert count_members(database, MemberListQuery(organization_id=tree["b"])) == 0


def test_text_is_stored_nfc_and_trimmed_and_found_without_diacritics(database: Database, tree: dict[str, int]) -> None:
    decomposed = unicodedata.normalize("NFD", "  Chi bộ  Phòng Kế toán ")
    cell = create_organization(
        database, tree["a"], draft(" K.A.9 ", decomposed, OrgKind.SUBORDINATE_CELL, address="  "),
        today=TODAY,
    )
    record = get_organization(database, cell)
    assert record.draft.name == "Chi bộ Phòng Kế toán"
    assert unicodedata.is_normalized("NFC", record.draft.name)
    assert record.draft.code == "K.A.9" and record.draft.address is None
    assert record.parent_id == tree["a"]
    assert [c.id for c in find_cells(database, "phong ke toan")] == [cell]


def test_document_settings_are_stored_nfc_trimmed_and_blank_as_null(
    database: Database, tree: dict[str, int]
) -> None:
    record = get_organization(database, tree["root"])
    typed = replace(
        record.draft,
        issuer_name=unicodedata.normalize("NFD", " Đảng ủy  Khối các cơ quan Trung ương "),
        issuer_code=unicodedata.normalize("NFD", "ĐUK "),
        superior_name="   ",
        place_name=unicodedata.normalize("NFD", "  Hà   Nội"),
    )
    update_organization(database, tree["root"], record.version, typed, today=TODAY)
    saved = get_organization(database, tree["root"]).draft
    assert (saved.issuer_name, saved.issuer_code, saved.superior_name, saved.place_name) == (
        "Đảng ủy Khối các cơ quan Trung ương", "ĐUK", None, "Hà Nội",
    )
    assert all(unicodedata.is_normalized("NFC", text) for text in (saved.issuer_code, saved.place_name))
    printed = issuer_for(database, tree["a1"])  # what a cell below prints takes them up
    assert (printed.place_name, printed.issuer_code) == ("Hà Nội", "CB")
    cleared = replace(saved, issuer_code="", place_name="")
    update_organization(database, tree["root"], get_organization(database, tree["root"]).version,
                        cleared, today=TODAY)
    assert issuer_for(database, tree["root"]).issuer_code == "ĐU"  # the default again
    assert issuer_for(database, tree["a1"]).place_name is None


def test_an_issuer_code_that_would_break_the_document_symbol_is_refused(
    database: Database, tree: dict[str, int]
) -> None:
    for code in ("ĐU/K", "ĐU-K", "Đ U"):
        assert edit_refused(database, tree["a"], issuer_code=code) == [
            ("issuer_code", ProblemCode.ORG_ISSUER_CODE_FORMAT)
        ]
    assert edit_refused(database, tree["a"], place_name="Hà Nội " * 20) == [
        ("place_name", ProblemCode.TEXT_TOO_LONG)
    ]


def test_a_top_level_organisation_can_be_added_to_an_empty_database(database: Database) -> None:
    assert kind_choices(database, None).kinds == (
        OrgKind.SUPERIOR_COMMITTEE, OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL,
    )
    root = add(database, None, "DBK", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    second = add(database, None, "DBX", "Đảng bộ Xã", OrgKind.GRASSROOTS_COMMITTEE)
    assert [n.id for n in root_organizations(database)] == [root, second]


def refused(database: Database, parent: int | None, new: OrganizationDraft) -> list[tuple[str, ProblemCode]]:
    before = rows(database)
    with pytest.raises(ValidationFailed) as failed:
        create_organization(database, parent, new, today=TODAY)
    assert rows(database) == before
    return [(p.field, p.code) for p in failed.value.problems]


def test_refused_additions_write_nothing(database: Database, tree: dict[str, int]) -> None:
    cell = OrgKind.SUBORDINATE_CELL
    assert refused(database, tree["a"], draft("k.a.1", "Chi bộ mới", cell)) == [
        ("code", ProblemCode.ORG_CODE_DUPLICATE)  # codes are unique ignoring case
    ]
    assert refused(database, tree["b"], draft("K.B.1", "Tổ đảng", cell)) == [
        ("parent_id", ProblemCode.ORG_PARENT_IS_CELL)
    ]
    assert refused(database, tree["root"], draft("K.C", "Chi bộ C", cell)) == [
        ("kind", ProblemCode.ORG_KIND_NOT_ALLOWED)
    ]
    assert refused(database, tree["a"], draft("K A", "X", None, is_overseas=True)) == [  # type: ignore[arg-type]
        ("code", ProblemCode.ORG_CODE_FORMAT), ("name", ProblemCode.ORG_NAME_LENGTH),
        ("kind", ProblemCode.REQUIRED), ("country", ProblemCode.ORG_COUNTRY_REQUIRED),
    ]
    assert refused(database, tree["a"], draft("K.A.5", "Chi bộ 5", cell, established_date=dt.date(2027, 1, 1))) == [
        ("established_date", ProblemCode.DATE_IN_FUTURE)
    ]
    with database.transaction() as session:
        session.get(PartyOrganization, tree["a"]).status = OrgStatus.DISSOLVED
    assert refused(database, tree["a"], draft("K.A.6", "Chi bộ 6", cell)) == [
        ("parent_id", ProblemCode.ORG_PARENT_NOT_ACTIVE)
    ]
    assert kind_choices(database, tree["a"]).kinds == ()
    with pytest.raises(RecordNotFound):
        create_organization(database, 9999, draft("K.Z", "Chi bộ Z", cell), today=TODAY)


def edit_refused(database: Database, org_id: int, **changes: object) -> list[tuple[str, ProblemCode]]:
    record = get_organization(database, org_id)
    before = rows(database)
    with pytest.raises(ValidationFailed) as failed:
        update_organization(database, org_id, record.version, replace(record.draft, **changes), today=TODAY)  # type: ignore[arg-type]
    assert rows(database) == before
    return [(p.field, p.code) for p in failed.value.problems]


def test_editing_saves_the_fields_but_keeps_the_place_in_the_tree(database: Database, tree: dict[str, int]) -> None:
    record = get_organization(database, tree["a1"])
    update_organization(
        database, tree["a1"], record.version,
        replace(record.draft, name="Chi bộ Văn phòng", kind=OrgKind.SUBORDINATE_CELL,
                is_overseas=True, country="Lào", phone="024 3825 1234"),
        today=TODAY,
    )
    saved = get_organization(database, tree["a1"])
    assert (saved.draft.name, saved.draft.country, saved.parent_id) == ("Chi bộ Văn phòng", "Lào", tree["a"])
    assert saved.version > record.version
    assert ancestor_ids(database, tree["a1"]) == [tree["root"], tree["a"], tree["a1"]]
    assert [c.id for c in find_cells(database, "van phong")] == [tree["a1"]]
    assert find_cells(database, "tong hop") == []


def test_refused_edits_write_nothing(database: Database, tree: dict[str, int]) -> None:
    create_member(database, member_draft(tree["b"], full_name="Trần Văn Ba"), today=TODAY)
    assert edit_refused(database, tree["b"], kind=OrgKind.GRASSROOTS_COMMITTEE) == [
        ("kind", ProblemCode.ORG_KIND_HAS_MEMBERS)
    ]
    assert edit_refused(database, tree["a"], kind=OrgKind.GRASSROOTS_CELL) == [
        ("kind", ProblemCode.ORG_CELL_WITH_CHILDREN)
    ]
    assert edit_refused(database, tree["a1"], kind=OrgKind.GRASSROOTS_CELL) == [
        ("kind", ProblemCode.ORG_KIND_NOT_ALLOWED)  # not under a grassroots committee
    ]
    assert edit_refused(database, tree["a1"], code="K") == [("code", ProblemCode.ORG_CODE_DUPLICATE)]
    assert edit_refused(database, tree["a1"], email="chibo@") == [("email", ProblemCode.EMAIL_FORMAT)]
    section = add(database, tree["a"], "K.A.S", "Đảng bộ bộ phận S", OrgKind.SECTION_COMMITTEE)
    # The root takes a superior committee, but a section committee cannot sit under one.
    assert edit_refused(database, tree["a"], kind=OrgKind.SUPERIOR_COMMITTEE) == [
        ("kind", ProblemCode.ORG_KIND_CHILDREN_MISMATCH)
    ]
    add(database, section, "K.A.S.1", "Chi bộ S1", OrgKind.SUBORDINATE_CELL)
    assert edit_refused(database, section, kind=OrgKind.SUBORDINATE_CELL) == [
        ("kind", ProblemCode.ORG_CELL_WITH_CHILDREN)
    ]


def test_a_committee_whose_children_fit_may_change_kind(database: Database, tree: dict[str, int]) -> None:
    record = get_organization(database, tree["b"])
    update_organization(database, tree["b"], record.version,
                        replace(record.draft, kind=OrgKind.GRASSROOTS_COMMITTEE), today=TODAY)
    assert get_organization(database, tree["b"]).draft.kind is OrgKind.GRASSROOTS_COMMITTEE


def test_the_second_of_two_concurrent_edits_is_refused(database: Database, tree: dict[str, int]) -> None:
    first = get_organization(database, tree["a"])
    second = get_organization(database, tree["a"])
    update_organization(database, tree["a"], first.version, replace(first.draft, name="Đảng bộ Bộ Một"), today=TODAY)
    with pytest.raises(ConcurrentEdit):
        update_organization(database, tree["a"], second.version, replace(second.draft, name="Đảng bộ Bộ Hai"), today=TODAY)
    assert get_organization(database, tree["a"]).draft.name == "Đảng bộ Bộ Một"
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(PartyOrganization)) == 4

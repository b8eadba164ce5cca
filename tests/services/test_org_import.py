"""Importing the organisation tree from a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.enums import OrgKind
from desktop.models.organization import PartyOrganization
from desktop.models.problems import ProblemCode
from desktop.services.tabular.org_import import import_organizations
from desktop.services.tabular.outcome import ExistingPolicy, ImportOptions
from tests.builders import add_org
from tests.conftest import TODAY
from tests.spreadsheets import write_xlsx

TITLES = ["STT", "Mã tổ chức", "Tên tổ chức", "Loại tổ chức", "Mã tổ chức cấp trên", "Địa chỉ"]


def organizations(database: Database) -> dict[str, tuple[str, OrgKind, str | None]]:
    parent = PartyOrganization.__table__.alias("parent")
    statement = select(PartyOrganization.code, PartyOrganization.name, PartyOrganization.kind,
                       parent.c.code).outerjoin(parent, parent.c.id == PartyOrganization.parent_id)
    with database.reading() as session:
        return {code: (name, kind, parent_code) for code, name, kind, parent_code in session.execute(statement)}


def run(database: Database, path: Path, **options: object):  # type: ignore[no-untyped-def]
    return import_organizations(database, path, ImportOptions(**options), today=TODAY)  # type: ignore[arg-type]


def test_a_tree_parents_first_with_the_plain_word_chi_bo(database: Database, tmp_path: Path) -> None:
    rows = [
        [1, "K", "Đảng bộ Khối", "Đảng bộ cấp trên cơ sở", None, "Số 1 Hoàng Văn Thụ"],
        [2, "K.A", "Đảng bộ Bộ A", "đảng bộ cơ sở", "K", None],
        [3, "K.A.1", "Chi bộ Vụ Tổng hợp", "Chi bộ", "K.A", None],
        [4, "K.B", "Chi bộ Báo Nhân Dân", "Chi bộ", "K", None],
    ]
    outcome = run(database, write_xlsx(tmp_path / "tc.xlsx", rows, titles=TITLES))
    assert outcome.ok and outcome.written and outcome.created == 4
    assert organizations(database) == {
        "K": ("Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE, None),
        "K.A": ("Đảng bộ Bộ A", OrgKind.GRASSROOTS_COMMITTEE, "K"),
        "K.A.1": ("Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, "K.A"),
        "K.B": ("Chi bộ Báo Nhân Dân", OrgKind.GRASSROOTS_CELL, "K"),
    }


def test_problems_unknown_parents_kinds_that_do_not_fit_and_duplicate_codes(
    database: Database, tmp_path: Path
) -> None:
    add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    rows = [
        [1, "K.A", "Đảng bộ Bộ A", "Đảng bộ cơ sở", "K", None],
        [2, "K.A.1", "Chi bộ Vụ Tổng hợp", "Chi bộ trực thuộc", "K.X", None],
        [3, "K.A.2", "Chi bộ Vụ Pháp chế", "Đảng bộ cấp trên cơ sở", "K.A", None],
        [4, "k.a", "Đảng bộ Bộ A lần nữa", "Đảng bộ cơ sở", "K", None],
        [5, "K.Z", "Một tổ chức", "Hội đồng", "K", None],
        [6, "K.A.3", "Chi bộ con của chi bộ", "Chi bộ", "K.A.1", None],
    ]
    outcome = run(database, write_xlsx(tmp_path / "tc.xlsx", rows, titles=TITLES))
    assert not outcome.written and set(organizations(database)) == {"K"}
    assert [(p.row, p.column, p.code) for p in outcome.problems] == [
        (7, "Mã tổ chức cấp trên", ProblemCode.IMPORT_PARENT_UNKNOWN),
        (8, "Loại tổ chức", ProblemCode.ORG_KIND_NOT_ALLOWED),
        (9, "Mã tổ chức", ProblemCode.IMPORT_DUPLICATE_IN_FILE),
        (10, "Loại tổ chức", ProblemCode.IMPORT_UNKNOWN_VALUE),
        (11, "Mã tổ chức cấp trên", ProblemCode.IMPORT_PARENT_UNKNOWN),
    ]


@pytest.mark.parametrize("policy", [ExistingPolicy.SKIP, ExistingPolicy.UPDATE])
def test_existing_codes_are_skipped_or_updated(database: Database, tmp_path: Path, policy: ExistingPolicy) -> None:
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    add_org(database, "K.A", "Đảng bộ Bộ A", OrgKind.GRASSROOTS_COMMITTEE, root)
    rows = [[1, "K.A", "Đảng bộ Bộ A (mới)", "Đảng bộ cơ sở", "K", "Số 2 Lý Thường Kiệt"],
            [2, "K.A.1", "Chi bộ Vụ Tổng hợp", "Chi bộ", "K.A", None]]
    outcome = run(database, write_xlsx(tmp_path / "tc.xlsx", rows, titles=TITLES), existing=policy)
    assert outcome.ok and outcome.written
    name = organizations(database)["K.A"][0]
    if policy is ExistingPolicy.SKIP:
        assert (outcome.created, outcome.skipped, name) == (1, 1, "Đảng bộ Bộ A")
    else:
        assert (outcome.created, outcome.updated, name) == (1, 1, "Đảng bộ Bộ A (mới)")
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(PartyOrganization)) == 3


def test_rows_without_a_parent_go_under_the_chosen_organisation(database: Database, tmp_path: Path) -> None:
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    rows = [[1, "K.M", "Đảng bộ Bộ Mới", "Đảng bộ cơ sở", None, None]]
    dry = run(database, write_xlsx(tmp_path / "tc.xlsx", rows, titles=TITLES), organization_id=root, dry_run=True)
    assert dry.ok and not dry.written and dry.created == 1 and "K.M" not in organizations(database)
    outcome = run(database, write_xlsx(tmp_path / "tc.xlsx", rows, titles=TITLES), organization_id=root)
    assert outcome.written and organizations(database)["K.M"][2] == "K"

"""Importing members from spreadsheets: strict (every rule of the member form, row by row) and
all or nothing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.audit import AuditAction, AuditEntry
from desktop.models.enums import DatePrecision, Gender, MemberStatus, OrgKind
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.models.problems import ProblemCode
from desktop.services.access import PermissionDenied
from desktop.services.errors import OperationCancelled
from desktop.services.lookup import member_id_by_identifier
from desktop.services.members import get_member
from desktop.services.tabular import mappings
from desktop.services.tabular.columns import MEMBER_COLUMNS
from desktop.services.tabular.headers import find_header
from desktop.services.tabular.member_import import import_members
from desktop.services.tabular.outcome import ExistingPolicy, ImportOptions
from desktop.services.tabular.sources import open_sheet
from desktop.texts import problem_message
from tests.builders import add_account, add_org
from tests.conftest import TODAY
from tests.spreadsheets import MEMBER_TITLES, write_csv, write_xlsx

TEO = [1, "Nguyễn Văn Tèo", "Nam", "12/03/1985", dt.datetime(2010, 5, 1), "01/05/2011", 12345678,
       1085012345, "Chi bộ Vụ Pháp chế"]
HOA = [2, "Trần Thị Hoa", "nữ", 1979, "03/02/2000", None, None, None, "Chi bộ Vụ Tổng hợp"]


@pytest.fixture
def tree(database: Database) -> dict[str, int]:
    """K ─ A (cells A1 "Chi bộ Vụ Tổng hợp", A2 "Chi bộ Vụ Pháp chế"), K ─ B (cell B1, also
    "Chi bộ Vụ Tổng hợp"), K ─ C (a grassroots cell)."""
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    a = add_org(database, "K.A", "Đảng bộ Bộ A", OrgKind.GRASSROOTS_COMMITTEE, root)
    a1 = add_org(database, "K.A.1", "Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, a)
    a2 = add_org(database, "K.A.2", "Chi bộ Vụ Pháp chế", OrgKind.SUBORDINATE_CELL, a)
    b = add_org(database, "K.B", "Đảng bộ Bộ B", OrgKind.GRASSROOTS_COMMITTEE, root)
    b1 = add_org(database, "K.B.1", "Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, b)
    c = add_org(database, "K.C", "Chi bộ Báo Nhân Dân", OrgKind.GRASSROOTS_CELL, root)
    return {"root": root, "a": a, "a1": a1, "a2": a2, "b": b, "b1": b1, "c": c}


def members(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Member)) or 0)


def run(database: Database, path: Path, **options: object):  # type: ignore[no-untyped-def]
    return import_members(database, path, ImportOptions(**options), today=TODAY)  # type: ignore[arg-type]


def test_a_clean_import_below_merged_title_rows_reads_every_kind_of_cell(
    database: Database, tree: dict[str, int], tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [TEO, HOA], numbering=True)
    outcome = run(database, path, organization_id=tree["a"])

    assert outcome.ok and outcome.written, outcome.problems
    assert (outcome.rows, outcome.created, outcome.header_row) == (2, 2, 5)
    with database.reading() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(3)).all()
    assert entries[0].action is AuditAction.BULK and '"created":2' in entries[0].changes
    assert {entry.action for entry in entries[1:]} == {AuditAction.CREATE}  # one per member
    teo = get_member(database, member_id_by_identifier(database, "12345678")).draft  # type: ignore[arg-type]
    assert (teo.full_name, teo.gender, teo.date_of_birth) == ("Nguyễn Văn Tèo", Gender.MALE, dt.date(1985, 3, 12))
    assert (teo.admission_date, teo.official_date) == (dt.date(2010, 5, 1), dt.date(2011, 5, 1))
    assert teo.national_id == "001085012345"  # the leading zeros Excel dropped are back
    assert teo.cell_id == tree["a2"]
    with database.reading() as session:
        hoa = session.scalars(select(Member).where(Member.full_name == "Trần Thị Hoa")).one()
        assert (hoa.date_of_birth, hoa.dob_precision) == (dt.date(1979, 1, 1), DatePrecision.YEAR)
        assert hoa.status is MemberStatus.PROBATIONARY and hoa.cell_id == tree["a1"]  # inside A only


def test_one_bad_row_among_many_writes_nothing_and_is_reported(
    database: Database, tree: dict[str, int], tmp_path: Path
) -> None:
    rows = [[number, f"Lê Văn {chr(ord('A') + number % 26)}", "Nam", "01/01/1980", "15/04/2005",
             "15/04/2006", None, None, "Chi bộ Vụ Pháp chế"] for number in range(1, 1201)]
    rows[700][4] = "31/02/2005"  # no such day
    rows[900][2] = "Không rõ"
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    outcome = run(database, path, organization_id=tree["a"])

    assert not outcome.written and members(database) == 0
    assert outcome.rows == 1200 and outcome.created == 1198  # what would have been written
    assert [(p.row, p.column, p.value, p.code) for p in outcome.problems] == [
        (5 + 701, "Ngày vào Đảng", "31/02/2005", ProblemCode.IMPORT_NOT_A_DATE),
        (5 + 901, "Giới tính", "Không rõ", ProblemCode.IMPORT_UNKNOWN_VALUE),
    ]
    assert problem_message(outcome.problems[1].problem) == (
        "Giá trị không có trong danh mục; ghi một trong: Nam, Nữ."
    )


def test_every_rule_of_the_member_form_applies(database: Database, tree: dict[str, int], tmp_path: Path) -> None:
    too_young = [1, "Phạm Văn Nhỏ", "Nam", "01/01/2000", "01/06/2017", None, None, None, "Chi bộ Vụ Pháp chế"]
    card_early = [2, "Phạm Văn Sớm", "Nam", "01/01/1980", "01/06/2010", None, 87654321, None, "Chi bộ Vụ Pháp chế"]
    path = write_xlsx(tmp_path / "ds.xlsx", [too_young, card_early])
    outcome = run(database, path, organization_id=tree["a"])
    assert [(p.row, p.column, p.code) for p in outcome.problems] == [
        (6, "Ngày vào Đảng", ProblemCode.ADMISSION_AGE),
        (7, "Số thẻ đảng viên", ProblemCode.CARD_WITHOUT_OFFICIAL),
    ]
    assert members(database) == 0


def test_cells_by_name_inside_the_organisation_by_code_anywhere_and_ambiguous_names(
    database: Database, tree: dict[str, int], tmp_path: Path
) -> None:
    titles = [*MEMBER_TITLES, "Mã chi bộ"]
    named_twice = [*HOA[:8], "Chi bộ Vụ Tổng hợp", None]
    by_code = [*HOA[:1], "Đỗ Thị Mã", *HOA[2:8], None, "k.b.1"]
    wrong_code = [*HOA[:1], "Đỗ Thị Sai", *HOA[2:8], "Chi bộ Vụ Pháp chế", "K.A.1"]
    unknown = [*HOA[:1], "Đỗ Thị Lạ", *HOA[2:8], "Chi bộ Không Có", None]
    path = write_xlsx(tmp_path / "ds.xlsx", [named_twice, by_code, wrong_code, unknown], titles=titles)
    outcome = run(database, path)  # the whole register: the name is in A and in B
    assert [(p.row, p.column, p.code) for p in outcome.problems] == [
        (6, "Chi bộ", ProblemCode.IMPORT_AMBIGUOUS_CELL),
        (8, "Mã chi bộ", ProblemCode.IMPORT_CELL_CODE_NAME_MISMATCH),
        (9, "Chi bộ", ProblemCode.IMPORT_UNKNOWN_CELL),
    ]
    assert outcome.problems[0].problem.params == {"count": 2}
    assert outcome.problems[1].problem.params == {"name": "Chi bộ Vụ Tổng hợp"}


def test_missing_cells_are_created_under_the_organisation_when_asked(
    database: Database, tree: dict[str, int], tmp_path: Path
) -> None:
    rows = [[1, "Vũ Văn Mới", "Nam", "01/01/1980", "01/06/2010", None, None, None, "Chi bộ Phòng Mới"],
            [2, "Vũ Thị Mới", "Nữ", "01/01/1981", "01/06/2011", None, None, None, "chi bo phong moi"]]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    refused = run(database, path, organization_id=tree["a"])
    assert [p.code for p in refused.problems] == [ProblemCode.IMPORT_UNKNOWN_CELL] * 2
    assert refused.problems[0].problem.params == {"within": "Đảng bộ Bộ A"}

    dry = run(database, path, organization_id=tree["a"], create_missing_cells=True, dry_run=True)
    assert dry.ok and not dry.written and (dry.created, dry.organizations_created) == (2, 1)
    outcome = run(database, path, organization_id=tree["a"], create_missing_cells=True)
    assert outcome.ok and outcome.written and outcome.organizations_created == 1
    with database.reading() as session:
        cell = session.scalars(select(PartyOrganization).where(PartyOrganization.name == "Chi bộ Phòng Mới")).one()
        assert (cell.kind, cell.parent_id, cell.code) == (OrgKind.SUBORDINATE_CELL, tree["a"], "K.A.3")
        assert session.scalar(select(func.count()).select_from(Member).where(Member.cell_id == cell.id)) == 2

    inside_a_cell = run(database, path, organization_id=tree["c"], create_missing_cells=True)
    assert [p.code for p in inside_a_cell.problems][:1] == [ProblemCode.IMPORT_CANNOT_CREATE_CELLS]


def test_duplicates_in_the_file_and_existing_members_skipped_or_updated(
    database: Database, tree: dict[str, int], tmp_path: Path
) -> None:
    first = write_xlsx(tmp_path / "a.xlsx", [TEO])
    assert run(database, first, organization_id=tree["a"]).written

    twice = write_xlsx(tmp_path / "b.xlsx", [HOA, [*HOA[:5], "03/02/2001", 55555555, None, HOA[8]],
                                             [3, "Mai Văn Ba", "Nam", "01/01/1980", "01/06/2005", "01/06/2006",
                                              55555555, None, "Chi bộ Vụ Pháp chế"]])
    outcome = run(database, twice, organization_id=tree["a"])
    assert [(p.row, p.column, p.code, p.problem.params) for p in outcome.problems] == [
        (8, "Số thẻ đảng viên", ProblemCode.IMPORT_DUPLICATE_IN_FILE, {"row": 7}),
    ]

    moved = [*TEO[:1], "Nguyễn Văn Tèo", "Nam", "12/03/1985", "01/05/2010", "01/05/2011", 12345678, None,
             "Chi bộ Vụ Tổng hợp"]
    again = write_xlsx(tmp_path / "c.xlsx", [moved])
    skipped = run(database, again, organization_id=tree["a"])
    assert skipped.written and (skipped.created, skipped.updated, skipped.skipped) == (0, 0, 1)
    teo_id = member_id_by_identifier(database, "12345678")
    assert teo_id is not None and get_member(database, teo_id).draft.cell_id == tree["a2"]

    updated = run(database, again, organization_id=tree["a"], existing=ExistingPolicy.UPDATE)
    assert updated.written and (updated.created, updated.updated) == (0, 1)
    record = get_member(database, teo_id)
    assert record.draft.cell_id == tree["a1"]  # moved, as an internal transfer
    assert record.draft.national_id == "001085012345"  # an empty cell erases nothing
    assert [event.kind.name for event in record.events][-1] == "TRANSFER_INTERNAL"


def test_a_row_naming_a_member_outside_the_scope_is_refused_without_naming_them(
    database: Database, tree: dict[str, int], tmp_path: Path
) -> None:
    b_member = [1, "Hồ Văn Bê", "Nam", "01/01/1980", "01/06/2005", "01/06/2006", 24681357, None, "Chi bộ Vụ Tổng hợp"]
    assert run(database, write_xlsx(tmp_path / "b.xlsx", [b_member]), organization_id=tree["b"]).written
    add_account(database, "vanthu.a", Role.OFFICE_CLERK, tree["a"])
    outcome = run(database, write_xlsx(tmp_path / "a.xlsx", [b_member]), existing=ExistingPolicy.UPDATE)
    assert [(p.column, p.code) for p in outcome.problems] == [
        ("Số thẻ đảng viên", ProblemCode.IMPORT_EXISTING_OUTSIDE_SCOPE)
    ]
    assert "Hồ Văn Bê" not in problem_message(outcome.problems[0].problem)
    add_account(database, "lanhdao", Role.LEADER)
    with pytest.raises(PermissionDenied):
        run(database, write_xlsx(tmp_path / "c.xlsx", [HOA]))


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> str:
    """Text as Windows-1258 holds it: letters with ^ ˘ ơ ư precomposed, tone marks combining."""
    out = []
    for letter in unicodedata.normalize("NFC", text):
        try:
            letter.encode("cp1258")
            out.append(letter)
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", letter)
            tones = "".join(mark for mark in parts if mark in _TONES)
            out.append(unicodedata.normalize("NFC", "".join(mark for mark in parts if mark not in _TONES)) + tones)
    return "".join(out)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1258"])
def test_csv_in_utf8_and_in_the_windows_code_page(
    database: Database, tree: dict[str, int], tmp_path: Path, encoding: str
) -> None:
    rows = [[1, "Nguyễn Thị Thuỷ", "Nữ", "05/06/1990", "01/09/2015", "01/09/2016", None, None, "Chi bộ Vụ Pháp chế"]]
    if encoding == "cp1258":
        rows = [[windows_1258(value) if isinstance(value, str) else value for value in row] for row in rows]
    path = write_csv(tmp_path / "ds.csv", rows, encoding=encoding, delimiter=";" if encoding == "cp1258" else ",",
                     titles=[windows_1258(title) for title in MEMBER_TITLES] if encoding == "cp1258" else MEMBER_TITLES)
    if encoding == "cp1258":  # Windows-1258 writes tones as combining marks
        assert "Thuy\u0309".encode("cp1258") in path.read_bytes()
    outcome = run(database, path, organization_id=tree["a"])
    assert outcome.ok and outcome.written, outcome.problems
    with database.reading() as session:
        name = session.scalar(select(Member.full_name))
    assert name == "Nguyễn Thị Thuỷ" and unicodedata.is_normalized("NFC", name)


def test_header_variants_and_a_mapping_chosen_by_the_user(
    database: Database, tree: dict[str, int], tmp_path: Path
) -> None:
    titles = ["TT", "Họ tên đảng viên", "Nam/Nữ", "Ngày tháng năm sinh", "Ngày kết nạp", "Ngày công nhận chính thức",
              "Số thẻ Đảng", "Căn cước công dân", "Chi bộ sinh hoạt"]
    path = write_xlsx(tmp_path / "ds.xlsx", [TEO], titles=titles, title_rows=False)
    with open_sheet(path) as sheet:
        match = find_header(sheet.rows, MEMBER_COLUMNS)
    assert match is not None and match.row == 1
    assert match.mapping == {"row_number": 0, "full_name": 1, "gender": 2, "date_of_birth": 3, "admission_date": 4,
                             "official_date": 5, "party_card_number": 6, "national_id": 7, "cell_name": 8}

    odd = write_xlsx(tmp_path / "odd.xlsx", [TEO], titles=["#", "Tên", "Phái", "Sinh", "Kết nạp", "Chính thức",
                                                          "Thẻ", "ID", "Đơn vị"], title_rows=False)
    assert [p.code for p in run(database, odd).problems] == [ProblemCode.IMPORT_NO_HEADER]
    # Two titles are known ("Chính thức" is not one of them): the user maps the rest.
    partly = write_xlsx(tmp_path / "partly.xlsx", [TEO], titles=["#", "Họ và tên", "Phái", "Ngày sinh", "Kết nạp",
                                                                "Chính thức", "Thẻ", "ID", "Đơn vị"],
                        title_rows=False)
    missing = run(database, partly)
    assert [p.code for p in missing.problems] == [ProblemCode.IMPORT_COLUMN_MISSING]
    assert missing.problems[0].problem.params["columns"] == ["Giới tính", "Ngày vào Đảng", "Chi bộ"]
    mapping = {"full_name": 1, "gender": 2, "date_of_birth": 3, "admission_date": 4, "official_date": 5,
               "party_card_number": 6, "cell_name": 8}
    outcome = run(database, partly, mapping=mapping, organization_id=tree["a"])
    assert outcome.ok and outcome.written and outcome.created == 1

    with open_sheet(partly) as sheet:
        match = find_header(sheet.rows, MEMBER_COLUMNS)
    assert match is not None
    mappings.save_mapping(database, mappings.MEMBERS, match.signature, match.titles, mapping)
    again = write_xlsx(tmp_path / "again.xlsx", [[*TEO[:6], 11223344, None, "Chi bộ Vụ Tổng hợp"]],
                       titles=["#", "Họ và tên", "Phái", "Ngày sinh", "Kết nạp", "Chính thức", "Thẻ", "ID", "Đơn vị"],
                       title_rows=False)
    # Another file with the same titles maps itself with the saved mapping.
    second = run(database, again, organization_id=tree["a"])
    assert second.ok and second.created == 1 and second.mapping == mapping
    assert member_id_by_identifier(database, "11223344") is not None


def test_dry_run_checks_everything_and_writes_nothing(database: Database, tree: dict[str, int], tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [TEO, HOA])
    outcome = run(database, path, organization_id=tree["a"], dry_run=True)
    assert outcome.ok and not outcome.written and outcome.created == 2
    assert members(database) == 0


def test_cancel_writes_nothing(database: Database, tree: dict[str, int], tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [TEO, HOA])
    with pytest.raises(OperationCancelled):
        import_members(database, path, ImportOptions(organization_id=tree["a"]), today=TODAY, cancelled=lambda: True)
    assert members(database) == 0


def test_files_that_cannot_be_read(database: Database, tree: dict[str, int], tmp_path: Path) -> None:
    damaged = tmp_path / "hong.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a workbook")
    word = tmp_path / "thu.docx"
    word.write_bytes(b"x")
    empty = tmp_path / "rong.csv"
    empty.write_text("")
    reasons = [run(database, path).problems[0].problem.params["reason"]
               for path in (damaged, word, empty, tmp_path / "khong-co.xlsx")]
    assert reasons == ["DAMAGED", "UNSUPPORTED", "EMPTY", "NOT_FOUND"]
    assert members(database) == 0


def test_the_problems_as_an_xlsx_file_to_fix_the_source(
    database: Database, tree: dict[str, int], tmp_path: Path
) -> None:
    from desktop.services.tabular.problem_list import write_problem_list
    from tests.spreadsheets import read_back

    bad = [*HOA[:3], "30/02/1979", *HOA[4:]]
    outcome = run(database, write_xlsx(tmp_path / "ds.xlsx", [TEO, bad]), organization_id=tree["a"])
    written = write_problem_list(tmp_path / "loi.xlsx", outcome, "ds.xlsx", problem_message)
    rows = read_back(tmp_path / "loi.xlsx")
    assert written == 1 and rows[0][0] == "DANH SÁCH LỖI KHI NHẬP DỮ LIỆU"
    assert rows[1][0] == "Tệp: ds.xlsx — 1 lỗi; chưa có dữ liệu nào được ghi."
    assert rows[4] == ["STT", "Dòng", "Cột", "Giá trị", "Lỗi"]
    assert rows[5] == [1, 7, "Ngày sinh", "30/02/1979",
                       "Không đọc được ngày: ghi ngày/tháng/năm (ví dụ 05/02/1960), tháng/năm hoặc chỉ năm."]

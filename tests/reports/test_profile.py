"""Phiếu đảng viên (mẫu 2-HSĐV) printed from the database: what a clerk reads on the paper."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.enums import (
    AcademicTitle,
    DatePrecision,
    Gender,
    MemberEventKind,
    OrgKind,
    PoliticalTheory,
    ProfessionalDegree,
)
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.models.problems import ProblemCode
from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
from desktop.reports.labels import report_label
from desktop.services import clock
from desktop.services.document_issuer import issuer_for
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.members import create_member, get_member
from tests.builders import add_org, member_draft
from tests.conftest import TODAY
from tests.reports.pdf_text import page_texts

BLANK = re.compile("…{3,}")


@pytest.fixture(autouse=True)
def issued_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sheet is issued on the tests' fixed day (the header's date, and "as at" that day)."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _profile(database: Database, org_id: int, member_id: int | None, path: Path,
             as_of: dt.date = TODAY) -> int:
    outcome = generate_report(database, ReportRequest(ReportKind.PROFILE, org_id, as_of, member_id), path)
    assert outcome.path == path
    return outcome.pages


def _text(path: Path) -> str:
    return "\n".join(page_texts(path))


def _flat(path: Path) -> str:
    """The text with line breaks as spaces (long values wrap)."""
    return re.sub(r"\s+", " ", _text(path))


def _top(database: Database) -> int:
    with database.reading() as session:
        return session.scalar(select(PartyOrganization.id).where(PartyOrganization.parent_id.is_(None)))


def _committee(database: Database) -> tuple[int, int]:
    top = add_org(database, "DB", "Đảng bộ Trường Đại học Mỏ", OrgKind.GRASSROOTS_COMMITTEE)
    cell = add_org(database, "DB.01", "Chi bộ Khoa Địa chất", OrgKind.SUBORDINATE_CELL, top)
    return top, cell


def test_a_demo_members_sheet_has_the_header_title_and_items(demo_database: Database, tmp_path: Path) -> None:
    top = _top(demo_database)
    with demo_database.reading() as session:
        member_id = session.scalar(
            select(Member.id).where(Member.dob_precision == DatePrecision.DAY,
                                    Member.official_date.is_not(None),
                                    Member.full_name.like("%ễ%"))
            .order_by(Member.id).limit(1)
        )
    record = get_member(demo_database, member_id)
    draft = record.draft
    path = tmp_path / "phieu.pdf"
    pages = _profile(demo_database, top, member_id, path)

    assert 1 <= pages <= 2
    first = re.sub(r"\s+", " ", page_texts(path)[0])
    issuer = issuer_for(demo_database, top)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first
    assert issuer.issuer_name.upper() in first
    assert "ngày 21 tháng 11 năm 2026" in first
    assert "Mẫu 2-HSĐV" in first
    assert "PHIẾU ĐẢNG VIÊN" in first
    assert "Tính đến" not in first  # as at the day it is issued: no note
    assert "Ảnh 3x4" in first

    text = _flat(path)
    name = draft.full_name.upper()
    assert name != draft.full_name and "Ễ" in name
    assert f"1. Họ và tên đang dùng: {name}" in text
    assert f"Sinh ngày: {draft.date_of_birth:%d/%m/%Y}" in text
    assert f"Giới tính: {'Nam' if draft.gender is Gender.MALE else 'Nữ'}" in text
    assert f"Ngày vào Đảng: {draft.admission_date:%d/%m/%Y}" in text
    assert f"Ngày chính thức: {draft.official_date:%d/%m/%Y}" in text
    assert f"Số định danh cá nhân: {draft.national_id}" in text
    assert record.cell_name in text
    assert f"Chi bộ đang sinh hoạt: {record.cell_name}" in text
    assert f"Dân tộc: {draft.ethnicity}" in text
    # The numbered items of the form, in their order, then the history.
    positions = [text.index(f"{number}. ") for number in range(1, 22)]
    assert positions == sorted(positions)
    assert "21. Quá trình sinh hoạt đảng:" in text
    assert "Kết nạp vào Đảng" in text and "Công nhận đảng viên chính thức" in text
    assert "None" not in text
    # Signed by the member and certified by the committee.
    assert "NGƯỜI KHAI" in text and "T/M ĐẢNG ỦY" in text and "BÍ THƯ" in text
    assert text.index("NGƯỜI KHAI") > text.index("Quá trình sinh hoạt đảng")
    assert draft.full_name in text


def test_demo_sheets_take_one_or_two_pages(demo_database: Database, tmp_path: Path) -> None:
    top = _top(demo_database)
    with demo_database.reading() as session:
        member_ids = session.scalars(select(Member.id).order_by(Member.id).limit(8)).all()
    for member_id in member_ids:
        assert 1 <= _profile(demo_database, top, member_id, tmp_path / f"{member_id}.pdf") <= 2


def test_a_member_with_only_the_required_fields_prints_blanks_to_fill_in(
    database: Database, tmp_path: Path
) -> None:
    top, cell = _committee(database)
    member = create_member(database, member_draft(
        cell, full_name="Đặng Thị Ánh", gender=Gender.FEMALE, date_of_birth=dt.date(1950, 1, 1),
        dob_precision=DatePrecision.YEAR), today=TODAY)
    path = tmp_path / "phieu.pdf"
    assert _profile(database, top, member.id, path) in (1, 2)
    text = _text(path)
    flat = _flat(path)
    assert "None" not in text
    assert "Họ và tên đang dùng: ĐẶNG THỊ ÁNH" in flat
    assert "Sinh năm: 1950" in flat
    assert "Giới tính: Nữ" in flat
    assert "Dân tộc: Kinh" in flat and "Tôn giáo: Không" in flat
    assert "Chi bộ đang sinh hoạt: Chi bộ Khoa Địa chất, Đảng bộ Trường Đại học Mỏ" in flat
    # Every empty item keeps its label and gets a dotted line to fill in by hand.
    for label in ("Họ và tên khai sinh", "Bí danh", "Nơi sinh", "Quê quán", "Nơi thường trú",
                  "Nơi ở hiện nay", "Nghề nghiệp hiện nay", "Giáo dục phổ thông", "Ngoại ngữ",
                  "Tin học", "Ngày vào Đoàn TNCS Hồ Chí Minh", "nơi kết nạp", "nơi công nhận",
                  "Số thẻ đảng viên", "ngày cấp", "Số định danh cá nhân", "Đơn vị công tác",
                  "Chức vụ chính quyền"):
        assert BLANK.match(flat.split(f"{label}: ", 1)[1]), label
    # A blank at the end of a line runs (nearly) to the right margin (beside the photo here).
    alias = next(line for line in text.splitlines() if line.strip().startswith("3. Bí danh"))
    assert alias.count("…") >= 18
    assert "Chuyên môn nghiệp vụ: Chưa qua đào tạo" in flat
    assert "Lý luận chính trị: Chưa học" in flat


def test_the_items_print_every_field_of_a_full_record(database: Database, tmp_path: Path) -> None:
    top, cell = _committee(database)
    member = create_member(database, member_draft(
        cell, full_name="Hoàng Thị Ngọc Diệp", gender=Gender.FEMALE, birth_name="Hoàng Thị Diệp",
        alias="Hai Diệp", date_of_birth=dt.date(1982, 3, 1), dob_precision=DatePrecision.MONTH,
        birth_place="Xã Tân Lập, Tỉnh Phú Thọ", home_town="Xã Đông Hưng, Tỉnh Hưng Yên",
        permanent_address="Số 12, ngách 35/8, ngõ 102 đường Trường Chinh, Phường Kim Liên, "
                          "Thành phố Hà Nội (tập thể Trường Đại học Mỏ - Địa chất, nhà C4)",
        current_address="Số 18 phố Viên, Phường Đông Ngạc, Thành phố Hà Nội",
        ethnicity="Tày", occupation="Viên chức", general_education="12/12",
        professional_degree=ProfessionalDegree.DOCTOR, professional_field="Địa chất học",
        academic_title=AcademicTitle.ASSOCIATE_PROFESSOR, political_theory=PoliticalTheory.ADVANCED,
        foreign_languages="Tiếng Anh C1", it_level="Cơ bản", youth_union_join_date=dt.date(1997, 3, 26),
        work_unit="Khoa Địa chất, Trường Đại học Mỏ - Địa chất", position_gov="Phó Trưởng khoa",
        admission_place="Chi bộ Khoa Địa chất", official_place="Chi bộ Khoa Địa chất",
        party_card_number="10234567", party_card_issue_date=dt.date(2006, 11, 7),
        national_id="001182012345",
    ), today=TODAY)
    path = tmp_path / "phieu.pdf"
    assert _profile(database, top, member.id, path) in (1, 2)
    flat = _flat(path)
    for expected in (
        "Họ và tên đang dùng: HOÀNG THỊ NGỌC DIỆP", "Họ và tên khai sinh: Hoàng Thị Diệp",
        "Bí danh: Hai Diệp", "Sinh tháng: 03/1982", "Nơi sinh: Xã Tân Lập, Tỉnh Phú Thọ",
        "Quê quán: Xã Đông Hưng, Tỉnh Hưng Yên", "(tập thể Trường Đại học Mỏ - Địa chất, nhà C4)",
        "Nơi ở hiện nay: Số 18 phố Viên", "Dân tộc: Tày", "Nghề nghiệp hiện nay: Viên chức",
        "Giáo dục phổ thông: 12/12", "Chuyên môn nghiệp vụ: Tiến sĩ, ngành Địa chất học",
        "Học hàm: Phó Giáo sư", "Lý luận chính trị: Cao cấp", "Ngoại ngữ: Tiếng Anh C1; Tin học: Cơ bản",
        "Ngày vào Đoàn TNCS Hồ Chí Minh: 26/03/1997",
        "Ngày vào Đảng: 15/04/2005; nơi kết nạp: Chi bộ Khoa Địa chất",
        "Ngày chính thức: 15/04/2006; nơi công nhận: Chi bộ Khoa Địa chất",
        "Số thẻ đảng viên: 10234567; ngày cấp: 07/11/2006", "Số định danh cá nhân: 001182012345",
        "Đơn vị công tác: Khoa Địa chất, Trường Đại học Mỏ - Địa chất",
        "Chức vụ chính quyền: Phó Trưởng khoa",
    ):
        assert expected in flat, expected
    assert "…" not in flat  # nothing left to fill in


def test_a_probationary_member_is_said_to_be_so(database: Database, tmp_path: Path) -> None:
    top, cell = _committee(database)
    member = create_member(database, member_draft(
        cell, full_name="Lò Văn Dũng", official_date=None, party_card_number=None,
        admission_date=dt.date(2026, 5, 19), admission_decision_date=dt.date(2026, 5, 2),
        date_of_birth=dt.date(1995, 3, 8)), today=TODAY)
    path = tmp_path / "phieu.pdf"
    _profile(database, top, member.id, path)
    flat = _flat(path)
    assert "Ngày chính thức: Đảng viên dự bị" in flat
    assert "Ngày vào Đảng: 19/05/2026" in flat
    assert "Công nhận đảng viên chính thức" not in flat


def test_the_sheet_is_as_at_its_date(database: Database, tmp_path: Path) -> None:
    top, cell = _committee(database)
    member = create_member(database, member_draft(
        cell, admission_date=dt.date(2025, 3, 1), admission_decision_date=dt.date(2025, 2, 20),
        official_date=dt.date(2026, 3, 1)), today=TODAY)
    path = tmp_path / "phieu.pdf"
    _profile(database, top, member.id, path, as_of=dt.date(2026, 1, 1))
    flat = _flat(path)
    assert "(Tính đến ngày 01/01/2026)" in flat
    assert "Ngày chính thức: Đảng viên dự bị" in flat
    assert "Kết nạp vào Đảng" in flat
    assert "Công nhận đảng viên chính thức" not in flat  # after the date

    _profile(database, top, member.id, path)
    flat = _flat(path)
    assert "Ngày chính thức: 01/03/2026" in flat
    assert "Công nhận đảng viên chính thức" in flat


def test_the_sheet_can_be_issued_by_the_members_cell(database: Database, tmp_path: Path) -> None:
    _, cell = _committee(database)
    member = create_member(database, member_draft(cell), today=TODAY)
    path = tmp_path / "phieu.pdf"
    _profile(database, cell, member.id, path)
    flat = _flat(path)
    assert "CHI BỘ KHOA ĐỊA CHẤT" in flat
    assert "T/M CHI BỘ" in flat


def test_a_member_outside_the_organisation_is_refused(database: Database, tmp_path: Path) -> None:
    top, cell = _committee(database)
    other = add_org(database, "DB.02", "Chi bộ Khoa Mỏ", OrgKind.SUBORDINATE_CELL, top)
    member = create_member(database, member_draft(cell), today=TODAY)
    path = tmp_path / "out" / "phieu.pdf"
    with pytest.raises(ValidationFailed) as refused:
        _profile(database, other, member.id, path)
    assert [problem.code for problem in refused.value.problems] == [
        ProblemCode.REPORT_MEMBER_OUTSIDE_ORGANIZATION
    ]
    assert not path.exists()


def test_a_sheet_needs_a_member_that_exists(database: Database, tmp_path: Path) -> None:
    top, _ = _committee(database)
    path = tmp_path / "phieu.pdf"
    with pytest.raises(ValidationFailed) as refused:
        _profile(database, top, None, path)
    assert [problem.code for problem in refused.value.problems] == [ProblemCode.REPORT_MEMBER_REQUIRED]
    with pytest.raises(RecordNotFound):
        _profile(database, top, 987_654, path)
    assert not path.exists()


def test_report_labels_are_the_words_of_the_application() -> None:
    from desktop.texts import label

    for kind in (Gender, ProfessionalDegree, AcademicTitle, PoliticalTheory, MemberEventKind):
        for value in kind:
            assert report_label(value) == label(value), value

"""Rules of an organisation record: each code, and the Vietnamese sentence the clerk reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from desktop.models.enums import OrgKind, OrgStatus
from desktop.models.organization_rules import (
    OrganizationDraft,
    allowed_child_kinds,
    check_kind_change,
    check_kind_under_parent,
    check_organization,
    check_parent,
)
from desktop.models.problems import Problem, ProblemCode
from desktop.texts import problem_message

TODAY = dt.date(2026, 11, 21)
VALID = OrganizationDraft(
    code="DBK.01.002", name="Chi bộ Vụ Tổng hợp", kind=OrgKind.SUBORDINATE_CELL,
    established_date=dt.date(2010, 3, 2), phone="024 3825 1234", email="chibo@example.vn",
)


def problems_of(draft: OrganizationDraft) -> list[tuple[str, ProblemCode]]:
    return [(p.field, p.code) for p in check_organization(draft, TODAY)]


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_a_complete_draft_passes() -> None:
    assert check_organization(VALID, TODAY) == []
    assert check_organization(replace(VALID, established_date=TODAY), TODAY) == []


def test_code_name_and_kind_are_required() -> None:
    problems = check_organization(replace(VALID, code="", name="", kind=None), TODAY)
    assert [(p.field, p.code) for p in problems] == [
        ("code", ProblemCode.REQUIRED), ("name", ProblemCode.REQUIRED), ("kind", ProblemCode.REQUIRED),
    ]
    assert problem_message(problems[0]) == "Không được để trống."


@pytest.mark.parametrize("code", ["DBK 01", "ĐBK.01", "DBK/01", "A" * 41])
def test_codes_are_unaccented_letters_digits_and_dot_dash_underscore(code: str) -> None:
    problem = only(check_organization(replace(VALID, code=code), TODAY))
    assert (problem.field, problem.code) == ("code", ProblemCode.ORG_CODE_FORMAT)
    assert problem_message(problem) == (
        "Mã chỉ gồm chữ cái không dấu, chữ số và các dấu . - _ (không có dấu cách), tối đa 40 ký tự."
    )


@pytest.mark.parametrize("code", ["DBK", "dbk.01-a_2", "A" * 40])
def test_well_formed_codes_pass(code: str) -> None:
    assert check_organization(replace(VALID, code=code), TODAY) == []


def test_a_name_is_two_to_two_hundred_characters() -> None:
    problem = only(check_organization(replace(VALID, name="X"), TODAY))
    assert (problem.field, problem.code) == ("name", ProblemCode.ORG_NAME_LENGTH)
    assert problem_message(problem) == "Tên tổ chức phải dài từ 2 đến 200 ký tự."
    assert problems_of(replace(VALID, name="C" * 201)) == [("name", ProblemCode.ORG_NAME_LENGTH)]
    assert problems_of(replace(VALID, name="C" * 200)) == []


def test_texts_longer_than_their_column_are_refused() -> None:
    problem = only(check_organization(replace(VALID, address="x" * 301), TODAY))
    assert (problem.field, problem.code) == ("address", ProblemCode.TEXT_TOO_LONG)
    assert problem_message(problem) == "Dài quá: tối đa 300 ký tự."


def test_the_establishment_date_is_not_in_the_future() -> None:
    problem = only(check_organization(replace(VALID, established_date=dt.date(2026, 11, 22)), TODAY))
    assert (problem.field, problem.code) == ("established_date", ProblemCode.DATE_IN_FUTURE)


def test_an_organisation_abroad_names_its_country() -> None:
    problem = only(check_organization(replace(VALID, is_overseas=True), TODAY))
    assert (problem.field, problem.code) == ("country", ProblemCode.ORG_COUNTRY_REQUIRED)
    assert problem_message(problem) == "Tổ chức ở nước ngoài phải ghi tên nước."
    assert check_organization(replace(VALID, is_overseas=True, country="Nhật Bản"), TODAY) == []


def test_email_and_phone_use_the_member_formats() -> None:
    problems = check_organization(replace(VALID, email="chibo@", phone="12ab"), TODAY)
    assert [(p.field, p.code) for p in problems] == [
        ("email", ProblemCode.EMAIL_FORMAT), ("phone", ProblemCode.PHONE_FORMAT),
    ]
    assert problem_message(problems[0]) == "Địa chỉ email không hợp lệ."


def test_a_cell_or_an_inactive_organisation_takes_no_new_children() -> None:
    problem = only(check_parent(OrgKind.GRASSROOTS_CELL, OrgStatus.ACTIVE))
    assert (problem.field, problem.code) == ("parent_id", ProblemCode.ORG_PARENT_IS_CELL)
    assert problem_message(problem) == "Chi bộ không có tổ chức đảng trực thuộc: hãy chọn một đảng bộ."
    problem = only(check_parent(OrgKind.GRASSROOTS_COMMITTEE, OrgStatus.DISSOLVED))
    assert problem.code is ProblemCode.ORG_PARENT_NOT_ACTIVE
    assert "đã giải thể" in problem_message(problem)
    assert check_parent(OrgKind.GRASSROOTS_COMMITTEE, OrgStatus.ACTIVE) == []


def test_the_kind_must_be_allowed_under_the_parent() -> None:
    assert allowed_child_kinds(OrgKind.GRASSROOTS_COMMITTEE) == (
        OrgKind.SECTION_COMMITTEE, OrgKind.SUBORDINATE_CELL,
    )
    problem = only(check_kind_under_parent(OrgKind.SUBORDINATE_CELL, OrgKind.SUPERIOR_COMMITTEE))
    assert (problem.field, problem.code) == ("kind", ProblemCode.ORG_KIND_NOT_ALLOWED)
    assert problem_message(problem) == (
        "Trực thuộc đảng bộ cấp trên cơ sở chỉ có thể là: "
        "đảng bộ cấp trên cơ sở, đảng bộ cơ sở, chi bộ cơ sở."
    )
    top = only(check_kind_under_parent(OrgKind.SECTION_COMMITTEE, None))
    assert problem_message(top).startswith("Tổ chức cấp cao nhất chỉ có thể là: ")
    assert check_kind_under_parent(OrgKind.SUBORDINATE_CELL, OrgKind.SECTION_COMMITTEE) == []


def test_a_new_kind_must_still_hold_the_children_and_the_members() -> None:
    cell = only(check_kind_change(OrgKind.GRASSROOTS_CELL, [OrgKind.SUBORDINATE_CELL] * 2, 0))
    assert cell.code is ProblemCode.ORG_CELL_WITH_CHILDREN
    assert "đang có 2 tổ chức đảng trực thuộc" in problem_message(cell)
    committee = only(check_kind_change(OrgKind.GRASSROOTS_COMMITTEE, [], 12))
    assert committee.code is ProblemCode.ORG_KIND_HAS_MEMBERS
    assert "chi bộ đang có 12 đảng viên" in problem_message(committee)
    section = only(check_kind_change(OrgKind.SECTION_COMMITTEE, [OrgKind.SECTION_COMMITTEE], 0))
    assert section.code is ProblemCode.ORG_KIND_CHILDREN_MISMATCH
    assert problem_message(section) == (
        "Không đổi thành đảng bộ bộ phận được: đang có tổ chức trực thuộc là đảng bộ bộ phận."
    )
    assert check_kind_change(OrgKind.SUBORDINATE_CELL, [], 12) == []  # a cell stays a cell
    assert check_kind_change(OrgKind.SUPERIOR_COMMITTEE, [OrgKind.GRASSROOTS_CELL], 0) == []

"""Every member rule: refused with its code, on its field, with a Vietnamese message."""

import datetime as dt
from dataclasses import replace

import pytest

from desktop.db.database import Database
from desktop.models.enums import DatePrecision, Gender
from desktop.models.member_rules import MemberDraft, check_member
from desktop.models.problems import ProblemCode
from desktop.models.rules import RuleBook, RuleCode
from desktop.texts import problem_message

TODAY = dt.date(2026, 11, 21)

VALID = MemberDraft(
    full_name="Nguyễn Thị Hồng",
    gender=Gender.FEMALE,
    date_of_birth=dt.date(1985, 3, 14),
    cell_id=7,
    admission_decision_date=dt.date(2010, 4, 20),
    admission_date=dt.date(2010, 5, 19),
    official_date=dt.date(2011, 5, 19),
    party_card_number="01234567",
    party_card_issue_date=dt.date(2011, 9, 2),
    national_id="001185012345",
    phone="0912 345 678",
    email="hong@example.vn",
    general_education="12/12",
    youth_union_join_date=dt.date(2000, 3, 26),
)


@pytest.fixture
def rules(database: Database) -> RuleBook:
    with database.reading() as session:
        return RuleBook.load(session)


def problems_of(draft: MemberDraft, rules: RuleBook) -> dict[str, ProblemCode]:
    return {p.field: p.code for p in check_member(draft, rules, TODAY)}


def only_problem(draft: MemberDraft, rules: RuleBook):  # type: ignore[no-untyped-def]
    found = check_member(draft, rules, TODAY)
    assert len(found) == 1, found
    return found[0]


def test_a_complete_valid_record_has_no_problem(rules: RuleBook) -> None:
    assert check_member(VALID, rules, TODAY) == []


def test_required_fields(rules: RuleBook) -> None:
    found = problems_of(MemberDraft(), rules)
    assert found == {
        "full_name": ProblemCode.REQUIRED, "gender": ProblemCode.REQUIRED,
        "date_of_birth": ProblemCode.REQUIRED, "admission_date": ProblemCode.REQUIRED,
        "cell_id": ProblemCode.CELL_REQUIRED,
    }
    assert problem_message(check_member(MemberDraft(), rules, TODAY)[0]) == "Không được để trống."


@pytest.mark.parametrize("name", ["A", "x" * 101])
def test_name_length(rules: RuleBook, name: str) -> None:
    problem = only_problem(replace(VALID, full_name=name), rules)
    assert problem.code is ProblemCode.NAME_LENGTH
    assert "từ 2 đến 100 ký tự" in problem_message(problem)


@pytest.mark.parametrize("name", ["Nguyễn Văn 2", "Lê Văn A_B", "Trần @ Minh"])
def test_name_characters(rules: RuleBook, name: str) -> None:
    problem = only_problem(replace(VALID, full_name=name), rules)
    assert problem.code is ProblemCode.NAME_CHARACTERS
    assert "chữ cái" in problem_message(problem)


def test_ethnic_names_with_apostrophe_and_hyphen_are_accepted(rules: RuleBook) -> None:
    assert check_member(replace(VALID, full_name="Y-Moan Ê Đê"), rules, TODAY) == []
    assert check_member(replace(VALID, full_name="H'Hen Niê"), rules, TODAY) == []


def test_no_date_in_the_future(rules: RuleBook) -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    problem = only_problem(replace(VALID, party_card_issue_date=tomorrow), rules)
    assert (problem.field, problem.code) == ("party_card_issue_date", ProblemCode.DATE_IN_FUTURE)
    assert "tương lai" in problem_message(problem)


def test_admission_age_is_counted_in_months(rules: RuleBook) -> None:
    born = dt.date(1992, 5, 20)
    one_day_short = replace(
        VALID, date_of_birth=born, admission_decision_date=None, admission_date=dt.date(2010, 5, 19),
        official_date=dt.date(2011, 5, 19), national_id=None,
    )
    problem = only_problem(one_day_short, rules)
    assert (problem.field, problem.code) == ("admission_date", ProblemCode.ADMISSION_AGE)
    assert problem_message(problem) == (
        "Người vào Đảng phải đủ 18 tuổi (tính theo tháng) tại ngày kết nạp."
    )
    old_enough = replace(one_day_short, admission_date=dt.date(2010, 5, 20), official_date=dt.date(2011, 5, 20))
    assert check_member(old_enough, rules, TODAY) == []


def test_a_birth_year_alone_is_taken_at_its_first_day(rules: RuleBook) -> None:
    year_only = replace(VALID, date_of_birth=dt.date(1992, 1, 1), dob_precision=DatePrecision.YEAR,
                        admission_decision_date=None, admission_date=dt.date(2010, 1, 1),
                        official_date=dt.date(2011, 1, 1), national_id=None,
                        youth_union_join_date=None)
    assert check_member(year_only, rules, TODAY) == []


def test_admission_before_birth(rules: RuleBook) -> None:
    found = problems_of(replace(VALID, admission_date=dt.date(1980, 1, 1), admission_decision_date=None,
                                official_date=None, party_card_number=None, party_card_issue_date=None),
                        rules)
    assert found == {"admission_date": ProblemCode.ADMISSION_BEFORE_BIRTH}


def test_admission_decision_not_after_ceremony(rules: RuleBook) -> None:
    problem = only_problem(replace(VALID, admission_decision_date=dt.date(2010, 6, 1)), rules)
    assert problem.code is ProblemCode.DECISION_AFTER_CEREMONY
    assert "không được sau ngày lễ kết nạp" in problem_message(problem)


def test_official_date_only_after_twelve_months_of_probation(rules: RuleBook) -> None:
    problem = only_problem(replace(VALID, official_date=dt.date(2011, 5, 18),
                                   party_card_issue_date=dt.date(2011, 9, 2)), rules)
    assert (problem.field, problem.code) == ("official_date", ProblemCode.OFFICIAL_BEFORE_PROBATION_END)
    assert problem_message(problem) == (
        "Ngày chính thức phải sau khi hết 12 tháng dự bị, tức là từ ngày 19/05/2011 trở đi."
    )


def test_probation_length_comes_from_the_rule_table() -> None:
    shorter = RuleBook.from_rows([
        (RuleCode.PROBATION_MONTHS.value, dt.date(1930, 1, 1), None, "6"),
        (RuleCode.MIN_AGE_MONTHS.value, dt.date(1930, 1, 1), None, "216"),
        (RuleCode.PARTY_CARD_PATTERN.value, dt.date(1930, 1, 1), None, '"\\\\d{8}"'),
        (RuleCode.NATIONAL_ID_PATTERN.value, dt.date(1930, 1, 1), None, '"\\\\d{12}"'),
    ])
    assert check_member(replace(VALID, official_date=dt.date(2010, 11, 19)), shorter, TODAY) == []


def test_rules_are_read_as_of_the_event_date() -> None:
    book = RuleBook.from_rows([
        ("PROBATION_MONTHS", dt.date(1930, 1, 1), dt.date(2000, 1, 1), "6"),
        ("PROBATION_MONTHS", dt.date(2000, 1, 1), None, "12"),
    ])
    assert book.value(RuleCode.PROBATION_MONTHS, dt.date(1999, 12, 31)) == 6
    assert book.value(RuleCode.PROBATION_MONTHS, dt.date(2000, 1, 1)) == 12


def test_only_official_members_hold_a_card(rules: RuleBook) -> None:
    found = problems_of(replace(VALID, official_date=None, party_card_issue_date=None), rules)
    assert found == {"party_card_number": ProblemCode.CARD_WITHOUT_OFFICIAL}


@pytest.mark.parametrize("card", ["12a45678", "123", ".1234567", "1" * 21])
def test_card_number_format(rules: RuleBook, card: str) -> None:
    problem = only_problem(replace(VALID, party_card_number=card), rules)
    assert problem.code is ProblemCode.CARD_FORMAT
    assert "định dạng" in problem_message(problem)


def test_card_not_issued_before_official_date(rules: RuleBook) -> None:
    problem = only_problem(replace(VALID, party_card_issue_date=dt.date(2011, 1, 1)), rules)
    assert problem.code is ProblemCode.CARD_ISSUED_BEFORE_OFFICIAL


@pytest.mark.parametrize("number", ["00118501234", "0011850123456", "00118501234A"])
def test_national_id_has_exactly_twelve_digits(rules: RuleBook, number: str) -> None:
    problem = only_problem(replace(VALID, national_id=number), rules)
    assert problem.code is ProblemCode.NATIONAL_ID_FORMAT
    assert problem_message(problem) == "Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số."


@pytest.mark.parametrize("number", ["001085012345", "001184012345"])  # male code; born 1984
def test_national_id_must_match_gender_and_birth_year(rules: RuleBook, number: str) -> None:
    problem = only_problem(replace(VALID, national_id=number), rules)
    assert problem.code is ProblemCode.NATIONAL_ID_BIRTH_MISMATCH


def test_youth_union_after_birth(rules: RuleBook) -> None:
    problem = only_problem(replace(VALID, youth_union_join_date=dt.date(1980, 1, 1)), rules)
    assert problem.code is ProblemCode.YOUTH_UNION_BEFORE_BIRTH


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("email", "hong@", ProblemCode.EMAIL_FORMAT),
        ("phone", "09a", ProblemCode.PHONE_FORMAT),
        ("general_education", "13/12", ProblemCode.GENERAL_EDUCATION_FORMAT),
        ("general_education", "lớp 12", ProblemCode.GENERAL_EDUCATION_FORMAT),
        ("ethnicity", "Kinh tế", ProblemCode.UNKNOWN_ETHNICITY),
        ("religion", "Đạo lạ", ProblemCode.UNKNOWN_RELIGION),
    ],
)
def test_contact_formats_and_code_lists(rules: RuleBook, field: str, value: str, code: ProblemCode) -> None:
    problem = only_problem(replace(VALID, **{field: value}), rules)
    assert (problem.field, problem.code) == (field, code)
    assert problem_message(problem)


def test_every_problem_code_has_a_vietnamese_message() -> None:
    from desktop.models.enums import OrgKind
    from desktop.models.problems import Problem

    params = {
        "min": 2, "max": 100, "years": 18, "months": 12, "earliest": TODAY, "holder": "Lê Văn A",
        "count": 2, "kind": OrgKind.SECTION_COMMITTEE, "parent_kind": OrgKind.GRASSROOTS_COMMITTEE,
        "allowed": (OrgKind.SUBORDINATE_CELL,), "child_kinds": (OrgKind.GRASSROOTS_CELL,),
        "name": "Chi bộ 1", "row": 7, "within": "Đảng bộ Bộ A", "card_holder": "Lê Văn A",
        "id_holder": "Lê Văn B", "status": "Đã từ trần", "code": "K.A", "choices": ["Nam", "Nữ"],
        "columns": ["Họ và tên"], "reason": "DAMAGED", "partial": True, "founded": TODAY,
        "admitted": TODAY, "last": TODAY,
        # Transfers (desktop.transfer_texts).
        "letter": "07-GGT/ĐU", "date": TODAY, "latest": TODAY, "state": "RECEIVED",
        "letter_date": TODAY, "number": "07-GGT/ĐU",
        "reached": TODAY, "start": TODAY, "end": TODAY,
        # Admission pipeline.
        "step": "COURSE_PASSED", "expected": "APPLIED", "previous": TODAY, "eligible": TODAY,
        "issued": TODAY, "expired": TODAY, "on": TODAY, "members": 9, "share": "2/3", "needed": 6,
        "due": TODAY, "days": 30,
        # Discipline records.
        "form": "REPRIMAND",
        # Annual rating (desktop.evaluation_texts).
        "rating": "GOOD", "ceiling": "PASS", "organization": "Đảng bộ A", "excellent": 5,
        "good": 23, "limit": 4, "cast": 10, "votes_for": 5, "since": TODAY, "title": "Năm 2026",
        # Meetings (desktop.meeting_texts).
        "member_id": 3, "names": "Lê Văn A", "present": 4, "base": 8, "strict": True, "voters": 5,
        "minutes": 75, "minimum": 90, "max_kb": 20480, "size_kb": 30000,
        # Document library (desktop.library_texts).
        "symbol": "NQ", "extension": ".exe", "file_name": "05-NQ.pdf", "original": TODAY,
        # Inspection cases and letters (desktop.inspection_texts).
        "body": "CELL", "opened": TODAY,
    }
    for code in ProblemCode:
        assert problem_message(Problem("x", code, params)).strip()


def test_party_dates_cannot_come_before_the_founding_of_the_party(rules: RuleBook) -> None:
    draft = replace(VALID, date_of_birth=dt.date(1900, 1, 1), national_id=None,
                    admission_decision_date=dt.date(1929, 12, 1), admission_date=dt.date(1930, 1, 1),
                    official_date=dt.date(1931, 1, 1), party_card_issue_date=None)
    problems = check_member(draft, rules, TODAY)
    assert [(p.field, p.code) for p in problems] == [
        ("admission_decision_date", ProblemCode.DATE_BEFORE_PARTY_FOUNDED),
        ("admission_date", ProblemCode.DATE_BEFORE_PARTY_FOUNDED),
    ]
    assert problem_message(problems[0]) == "Ngày này trước ngày thành lập Đảng (03/02/1930): hãy kiểm tra lại."

"""Validation rules of a member record (domain spec §2.2, §2.4, R-ADM-1).

Pure functions over a draft: no database, no Qt. Rules that need the database (uniqueness,
the cell) are checked by desktop.services.members with the same Problem type.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from desktop.models.catalogues import ETHNICITIES, RELIGIONS
from desktop.models.contacts import check_contacts
from desktop.models.dates import add_months, full_months_between
from desktop.models.enums import (
    AcademicTitle,
    DatePrecision,
    Gender,
    PoliticalTheory,
    ProfessionalDegree,
)
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode

NAME_MIN_LENGTH = 2
NAME_MAX_LENGTH = 100  # the column's length
_NAME_CHARACTERS = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)*$")
_GENERAL_EDUCATION = re.compile(r"^(\d{1,2})/(10|12)$")


@dataclass
class MemberDraft:
    """The editable fields of a member record, as the form or an import delivers them."""

    full_name: str = ""
    gender: Gender | None = None
    date_of_birth: dt.date | None = None
    dob_precision: DatePrecision = DatePrecision.DAY
    cell_id: int | None = None
    admission_date: dt.date | None = None
    birth_name: str | None = None
    alias: str | None = None
    birth_place: str | None = None
    home_town: str | None = None
    permanent_address: str | None = None
    current_address: str | None = None
    national_id: str | None = None
    phone: str | None = None
    email: str | None = None
    ethnicity: str = "Kinh"
    religion: str = "Không"
    occupation: str | None = None
    general_education: str | None = None
    professional_degree: ProfessionalDegree = ProfessionalDegree.NONE
    professional_field: str | None = None
    academic_title: AcademicTitle = AcademicTitle.NONE
    political_theory: PoliticalTheory = PoliticalTheory.NONE
    foreign_languages: str | None = None
    it_level: str | None = None
    youth_union_join_date: dt.date | None = None
    work_unit: str | None = None
    position_gov: str | None = None
    works_in_political_system: bool = True
    admission_decision_date: dt.date | None = None
    admission_place: str | None = None
    official_date: dt.date | None = None
    official_place: str | None = None
    party_card_number: str | None = None
    party_card_issue_date: dt.date | None = None
    database_code: str | None = None
    notes: str | None = None


TEXT_FIELDS = (
    "full_name", "birth_name", "alias", "birth_place", "home_town", "permanent_address",
    "current_address", "national_id", "phone", "email", "ethnicity", "religion", "occupation",
    "general_education", "professional_field", "foreign_languages", "it_level", "work_unit",
    "position_gov", "admission_place", "official_place", "party_card_number", "database_code",
    "notes",
)
DATE_FIELDS = (
    "date_of_birth", "youth_union_join_date", "admission_decision_date", "admission_date",
    "official_date", "party_card_issue_date",
)


# The founding of the Party (3 February 1930): a historical fact, not a regulation. No party
# date can be earlier, and the rule table starts there.
PARTY_FOUNDED = dt.date(1930, 2, 3)
_PARTY_DATES = ("admission_decision_date", "admission_date", "official_date", "party_card_issue_date")


def check_member(draft: MemberDraft, rules: RuleBook, today: dt.date) -> list[Problem]:
    """Every rule a single record must satisfy on its own; empty when the draft is valid."""
    problems: list[Problem] = []
    problems += _check_required(draft)
    problems += _check_name(draft)
    problems += _check_dates_not_future(draft, today)
    too_early = _check_party_dates(draft)
    problems += too_early
    if not too_early:  # the rules of the time are read on these dates
        problems += _check_admission(draft, rules)
        problems += _check_card(draft, rules, today)
    problems += _check_national_id(draft, rules, today)
    problems += _check_contacts_and_lists(draft)
    broken = {problem.field for problem in problems}
    problems += [problem for problem in _check_lengths(draft) if problem.field not in broken]
    return problems


@functools.cache
def text_column_length(name: str) -> int | None:
    """The stored length of a member text field (None: unlimited, the notes)."""
    from desktop.models.member import Member

    length = getattr(Member.__table__.c[name].type, "length", None)
    return length if isinstance(length, int) else None


# Names have their own rule (NAME_LENGTH); the others must fit their columns.
_LENGTH_CHECKED = tuple(name for name in TEXT_FIELDS if name not in ("full_name", "birth_name"))


@functools.cache
def _length_limits() -> tuple[tuple[str, int], ...]:
    return tuple((name, limit) for name in _LENGTH_CHECKED if (limit := text_column_length(name)) is not None)


def _check_lengths(draft: MemberDraft) -> list[Problem]:
    values = vars(draft)
    return [Problem(name, ProblemCode.TEXT_TOO_LONG, {"max": limit})
            for name, limit in _length_limits() if (value := values[name]) and len(value) > limit]


def _check_required(draft: MemberDraft) -> list[Problem]:
    required = {
        "full_name": draft.full_name,
        "gender": draft.gender,
        "date_of_birth": draft.date_of_birth,
        "admission_date": draft.admission_date,
    }
    problems = [Problem(name, ProblemCode.REQUIRED) for name, value in required.items() if not value]
    if draft.cell_id is None:
        problems.append(Problem("cell_id", ProblemCode.CELL_REQUIRED))
    return problems


def _check_name(draft: MemberDraft) -> list[Problem]:
    problems: list[Problem] = []
    for name in ("full_name", "birth_name"):
        value = getattr(draft, name)
        if not value:
            continue
        if not NAME_MIN_LENGTH <= len(value) <= NAME_MAX_LENGTH:
            problems.append(
                Problem(name, ProblemCode.NAME_LENGTH, {"min": NAME_MIN_LENGTH, "max": NAME_MAX_LENGTH})
            )
        elif not _NAME_CHARACTERS.match(value):
            problems.append(Problem(name, ProblemCode.NAME_CHARACTERS))
    return problems


def _check_party_dates(draft: MemberDraft) -> list[Problem]:
    return [
        Problem(name, ProblemCode.DATE_BEFORE_PARTY_FOUNDED, {"founded": PARTY_FOUNDED})
        for name in _PARTY_DATES
        if (value := getattr(draft, name)) is not None and value < PARTY_FOUNDED
    ]


def _check_dates_not_future(draft: MemberDraft, today: dt.date) -> list[Problem]:
    return [
        Problem(name, ProblemCode.DATE_IN_FUTURE)
        for name in DATE_FIELDS
        if (value := getattr(draft, name)) is not None and value > today
    ]


def _check_admission(draft: MemberDraft, rules: RuleBook) -> list[Problem]:
    problems: list[Problem] = []
    born, admitted = draft.date_of_birth, draft.admission_date
    if born and admitted:
        if admitted <= born:
            problems.append(Problem("admission_date", ProblemCode.ADMISSION_BEFORE_BIRTH))
        else:
            # Partial birth dates are stored as their first day: the oldest the person can be.
            minimum = int(rules.value(RuleCode.MIN_AGE_MONTHS, admitted))
            if full_months_between(born, admitted) < minimum:
                problems.append(
                    Problem("admission_date", ProblemCode.ADMISSION_AGE, {"years": minimum // 12})
                )
    if born and draft.youth_union_join_date and draft.youth_union_join_date <= born:
        problems.append(Problem("youth_union_join_date", ProblemCode.YOUTH_UNION_BEFORE_BIRTH))
    decided = draft.admission_decision_date
    if decided and admitted and decided > admitted:
        problems.append(Problem("admission_decision_date", ProblemCode.DECISION_AFTER_CEREMONY))
    if draft.official_date and admitted:
        months = int(rules.value(RuleCode.PROBATION_MONTHS, admitted))
        earliest = add_months(admitted, months)
        if draft.official_date < earliest:
            problems.append(
                Problem(
                    "official_date",
                    ProblemCode.OFFICIAL_BEFORE_PROBATION_END,
                    {"months": months, "earliest": earliest},
                )
            )
    return problems


def _check_card(draft: MemberDraft, rules: RuleBook, today: dt.date) -> list[Problem]:
    card = draft.party_card_number
    if not card:
        return []
    problems: list[Problem] = []
    if draft.official_date is None:
        problems.append(Problem("party_card_number", ProblemCode.CARD_WITHOUT_OFFICIAL))
    on = draft.party_card_issue_date or draft.official_date or today
    if not re.fullmatch(rules.value(RuleCode.PARTY_CARD_PATTERN, on), card):
        problems.append(Problem("party_card_number", ProblemCode.CARD_FORMAT))
    issued = draft.party_card_issue_date
    if issued and draft.official_date and issued < draft.official_date:
        problems.append(Problem("party_card_issue_date", ProblemCode.CARD_ISSUED_BEFORE_OFFICIAL))
    return problems


def _check_national_id(draft: MemberDraft, rules: RuleBook, today: dt.date) -> list[Problem]:
    number = draft.national_id
    if not number:
        return []
    if not re.fullmatch(rules.value(RuleCode.NATIONAL_ID_PATTERN, today), number):
        return [Problem("national_id", ProblemCode.NATIONAL_ID_FORMAT)]
    # Digits 4-6 of the personal identification number encode gender, century and the last
    # two digits of the birth year (Thông tư 59/2021/TT-BCA, Art. 7).
    if draft.date_of_birth and draft.gender and number[3].isdigit():
        century_index = (draft.date_of_birth.year // 100) - 19
        expected = century_index * 2 + (1 if draft.gender is Gender.FEMALE else 0)
        if 0 <= century_index <= 4 and (
            int(number[3]) != expected or number[4:6] != f"{draft.date_of_birth.year % 100:02d}"
        ):
            return [Problem("national_id", ProblemCode.NATIONAL_ID_BIRTH_MISMATCH)]
    return []


def _check_contacts_and_lists(draft: MemberDraft) -> list[Problem]:
    problems = check_contacts(draft.email, draft.phone)
    if draft.general_education:
        match = _GENERAL_EDUCATION.match(draft.general_education)
        if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
            problems.append(Problem("general_education", ProblemCode.GENERAL_EDUCATION_FORMAT))
    if draft.ethnicity not in ETHNICITIES:
        problems.append(Problem("ethnicity", ProblemCode.UNKNOWN_ETHNICITY))
    if draft.religion not in RELIGIONS:
        problems.append(Problem("religion", ProblemCode.UNKNOWN_RELIGION))
    return problems

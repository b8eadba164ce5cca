"""Demo party members and their admission / recognition history.

Every record satisfies desktop.models.member_rules.check_member as of `today`: ages counted in
months against MIN_AGE_MONTHS, official date = ceremony + PROBATION_MONTHS, cards only for
official members, national ids encoding gender, century and birth year.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from desktop.models.catalogues import MAJORITY_ETHNICITY, NO_RELIGION
from desktop.models.dates import add_months, full_months_between
from desktop.models.enums import (
    AcademicTitle,
    DatePrecision,
    Gender,
    MemberEventKind,
    MemberStatus,
    PoliticalTheory,
    ProfessionalDegree,
)
from desktop.models.member import SEARCH_KEY_LENGTH
from desktop.models.rules import RuleBook, RuleCode
from desktop.models.text import fold, name_sort_key
from desktop.services.demo.names import person_name
from desktop.services.demo.places import Province, commune_address, hanoi_address, pick_province
from desktop.services.demo.structure import OrgNode
from desktop.services.demo.units import UnitKind
from desktop.services.demo.weighted import Weighted
from desktop.services.member_writer import member_search_key

EARLIEST_BIRTH = dt.date(1945, 1, 1)
PROBATIONARY_SHARE = 0.05
# The first members of every cell were admitted long ago: they hold the committee seats.
SENIOR_OFFICIAL_MONTHS = 36

_MINORITIES: tuple[tuple[str, float], ...] = (
    ("Tày", 2.2), ("Thái", 1.8), ("Mường", 1.6), ("Nùng", 1.0), ("Khmer", 0.8), ("Hoa", 0.8),
    ("Mông", 0.6), ("Dao", 0.7), ("Sán Dìu", 0.3), ("Sán Chay", 0.3), ("Ê Đê", 0.3),
    ("Gia Rai", 0.3), ("Chăm", 0.2), ("Ba Na", 0.2), ("Thổ", 0.2), ("Giáy", 0.1), ("Cơ Tu", 0.1),
    ("Xơ Đăng", 0.1), ("Hrê", 0.1), ("Mnông", 0.1), ("Bru-Vân Kiều", 0.1), ("Lào", 0.1),
)
_RELIGIONS: tuple[tuple[str, float], ...] = (
    ("Phật giáo", 5.0), ("Công giáo", 2.0), ("Tin lành", 0.4), ("Cao Đài", 0.3),
    ("Phật giáo Hòa Hảo", 0.2), ("Hồi giáo", 0.05),
)
_MALE_SHARE: dict[UnitKind, float] = {
    UnitKind.OFFICE: 0.55, UnitKind.HOSPITAL: 0.4, UnitKind.UNIVERSITY: 0.5,
    UnitKind.INSTITUTE: 0.52, UnitKind.PRESS: 0.5, UnitKind.ENTERPRISE: 0.66,
    UnitKind.MISSION: 0.62,
}
_OCCUPATIONS: dict[UnitKind, tuple[tuple[str, float], ...]] = {
    UnitKind.OFFICE: (("Công chức", 88), ("Viên chức", 8), ("Người lao động hợp đồng", 4)),
    UnitKind.HOSPITAL: (("Bác sĩ", 45), ("Điều dưỡng", 25), ("Dược sĩ", 5), ("Kỹ thuật viên y", 10),
                        ("Viên chức", 15)),
    UnitKind.UNIVERSITY: (("Giảng viên", 70), ("Viên chức", 30)),
    UnitKind.INSTITUTE: (("Nghiên cứu viên", 70), ("Viên chức", 30)),
    UnitKind.PRESS: (("Phóng viên", 40), ("Biên tập viên", 35), ("Kỹ thuật viên", 10),
                     ("Viên chức", 15)),
    UnitKind.ENTERPRISE: (("Kỹ sư", 30), ("Công nhân", 25), ("Nhân viên", 30),
                          ("Cán bộ quản lý doanh nghiệp", 15)),
    UnitKind.MISSION: (("Công chức ngoại giao", 75), ("Công chức", 15), ("Nhân viên", 10)),
}
_FIELDS: dict[UnitKind, tuple[str, ...]] = {
    UnitKind.OFFICE: ("Kinh tế", "Luật", "Tài chính - Ngân hàng", "Kế toán", "Quản lý nhà nước",
                      "Hành chính công", "Công nghệ thông tin", "Quan hệ quốc tế", "Ngôn ngữ Anh",
                      "Chính trị học", "Xã hội học", "Quản trị kinh doanh"),
    UnitKind.HOSPITAL: ("Y đa khoa", "Dược học", "Điều dưỡng", "Y học cổ truyền", "Răng Hàm Mặt",
                        "Kỹ thuật xét nghiệm y học", "Y tế công cộng"),
    UnitKind.UNIVERSITY: ("Toán học", "Vật lý", "Hóa học", "Ngữ văn", "Lịch sử", "Kinh tế", "Luật",
                          "Công nghệ thông tin", "Kỹ thuật điện", "Cơ khí", "Ngôn ngữ Anh",
                          "Triết học"),
    UnitKind.INSTITUTE: ("Kinh tế", "Xã hội học", "Triết học", "Sử học", "Sinh học", "Vật lý",
                         "Hóa học", "Địa chất", "Môi trường", "Công nghệ sinh học"),
    UnitKind.PRESS: ("Báo chí", "Truyền thông đa phương tiện", "Ngữ văn", "Quan hệ công chúng",
                     "Kỹ thuật điện tử - viễn thông", "Ngôn ngữ Anh"),
    UnitKind.ENTERPRISE: ("Kỹ thuật điện", "Cơ khí", "Kỹ thuật mỏ", "Hóa học", "Kế toán",
                          "Tài chính - Ngân hàng", "Quản trị kinh doanh", "Công nghệ thông tin",
                          "Kinh tế vận tải", "Xây dựng"),
    UnitKind.MISSION: ("Quan hệ quốc tế", "Ngôn ngữ Anh", "Ngôn ngữ Pháp", "Ngôn ngữ Nga",
                       "Kinh tế đối ngoại", "Luật quốc tế"),
}
_POSITIONS: dict[UnitKind, tuple[tuple[str, float], ...]] = {
    UnitKind.OFFICE: (("Chuyên viên chính", 30), ("Chuyên viên cao cấp", 6), ("Trưởng phòng", 14),
                      ("Phó Trưởng phòng", 22), ("Phó Vụ trưởng", 6), ("Vụ trưởng", 2),
                      ("Phó Cục trưởng", 3), ("Cục trưởng", 1), ("Thanh tra viên chính", 6)),
    UnitKind.HOSPITAL: (("Trưởng khoa", 14), ("Phó Trưởng khoa", 24), ("Điều dưỡng trưởng", 20),
                        ("Phó Giám đốc", 3), ("Giám đốc", 1), ("Trưởng phòng", 10)),
    UnitKind.UNIVERSITY: (("Trưởng bộ môn", 30), ("Trưởng khoa", 10), ("Phó Trưởng khoa", 20),
                          ("Phó Hiệu trưởng", 3), ("Hiệu trưởng", 1), ("Trưởng phòng", 10)),
    UnitKind.INSTITUTE: (("Trưởng phòng", 30), ("Phó Trưởng phòng", 30), ("Phó Viện trưởng", 5),
                         ("Viện trưởng", 1), ("Nghiên cứu viên chính", 30)),
    UnitKind.PRESS: (("Trưởng ban", 15), ("Phó Trưởng ban", 30), ("Phó Tổng Biên tập", 4),
                     ("Tổng Biên tập", 1), ("Trưởng văn phòng đại diện", 6)),
    UnitKind.ENTERPRISE: (("Trưởng ban", 15), ("Phó Trưởng ban", 25), ("Quản đốc", 15),
                          ("Phó Giám đốc", 10), ("Giám đốc", 4), ("Phó Tổng Giám đốc", 2),
                          ("Tổng Giám đốc", 1)),
    UnitKind.MISSION: (("Đại sứ", 3), ("Tham tán", 20), ("Bí thư thứ nhất", 30),
                       ("Tùy viên", 30), ("Tham tán thương mại", 10)),
}
_LANGUAGES_YOUNG = ("Tiếng Anh B1", "Tiếng Anh B2", "Tiếng Anh C1", "Tiếng Anh bậc 3/6",
                    "Tiếng Anh bậc 4/6", "Tiếng Pháp B1", "Tiếng Trung HSK 4", "Tiếng Nhật N3",
                    "Tiếng Hàn TOPIK 4")
_LANGUAGES_OLD = ("Tiếng Nga C", "Tiếng Nga B", "Tiếng Anh B", "Tiếng Anh C", "Tiếng Pháp B",
                  "Tiếng Trung C")
_IT_LEVELS = ("Chuẩn kỹ năng sử dụng CNTT cơ bản", "Chuẩn kỹ năng sử dụng CNTT nâng cao",
              "Tin học văn phòng", "Tin học trình độ B", "Kỹ sư Công nghệ thông tin")
_UNIVERSITIES = ("Trường Đại học Bách khoa Hà Nội", "Trường Đại học Sư phạm Hà Nội",
                 "Trường Đại học Kinh tế Quốc dân", "Trường Đại học Luật Hà Nội",
                 "Học viện Tài chính", "Trường Đại học Y Hà Nội", "Học viện Ngoại giao",
                 "Trường Đại học Khoa học Xã hội và Nhân văn", "Học viện Báo chí và Tuyên truyền",
                 "Trường Đại học Thủy lợi", "Trường Đại học Giao thông vận tải")


@dataclass(frozen=True)
class MemberFacts:
    """What committee seats need to know about a member once its row is gone."""

    id: int
    cell_id: int
    is_full: bool
    official_date: dt.date | None


_PHONE_PREFIXES = Weighted.of((("09", 80), ("03", 12), ("08", 8)))
_EDUCATION_OLD = Weighted.of((("12/12", 65), ("10/10", 28), ("9/12", 4), ("7/10", 3)))
_DEGREES = {
    group: Weighted(tuple(ProfessionalDegree), weights) for group, weights in (
        ("academic", (0, 0, 1, 1, 28, 40, 30)),
        ("enterprise", (3, 2, 10, 10, 60, 14, 1)),
        ("hospital", (0, 0, 12, 12, 40, 24, 12)),
        ("office", (1, 1, 2, 3, 58, 30, 5)),
        ("retired", (3, 3, 10, 8, 60, 12, 4)),
    )
}
_DEGREE_GROUP = {
    UnitKind.UNIVERSITY: "academic", UnitKind.INSTITUTE: "academic",
    UnitKind.ENTERPRISE: "enterprise", UnitKind.HOSPITAL: "hospital",
}
_THEORY_YOUNG = Weighted((PoliticalTheory.NONE, PoliticalTheory.ELEMENTARY), (40, 60))
_THEORY = Weighted(tuple(PoliticalTheory), (10, 40, 30, 17, 3))


class MemberFactory:
    """Makes member rows and their event rows, one cell at a time."""

    def __init__(self, rng: random.Random, today: dt.date, rules: RuleBook) -> None:
        self.rng = rng
        self.today = today
        self.rules = rules
        self.probation_now = int(rules.value(RuleCode.PROBATION_MONTHS, today))
        self.min_full = int(rules.value(RuleCode.CELL_MIN_FULL_MEMBERS, today))
        self._national_ids: set[str] = set()
        self._cards: set[int] = set()
        self._sort_keys: dict[str, str] = {}
        self._minorities = Weighted.of(_MINORITIES)
        self._religions = Weighted.of(_RELIGIONS)
        self._occupations = {kind: Weighted.of(table) for kind, table in _OCCUPATIONS.items()}
        self._positions = {kind: Weighted.of(table) for kind, table in _POSITIONS.items()}
        # Latest ceremony dates that leave an official date (and for seniors 3 years) by today.
        self._latest_admission = {
            senior: add_months(
                today, -(self.probation_now + (SENIOR_OFFICIAL_MONTHS if senior else 0))
            )
            for senior in (False, True)
        }
        self._name_keys: dict[str, str] = {}
        self._fast_search_keys = True
        self._checked_keys = 0
        self.next_event_id = 1

    # -- public ----------------------------------------------------------------------------

    def cell_members(
        self, cell: OrgNode, first_id: int
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[MemberFacts]]:
        """Rows for the members of one cell (cell.member_quota of them), their events, facts."""
        rng = self.rng
        members: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        facts: list[MemberFacts] = []
        committee = cell.committee
        authority = f"Đảng ủy {committee.unit}"
        context = f"{cell.name}, {committee.name}"[:200]
        work_unit = cell.work_unit()
        # Seats need officials admitted years ago; the rule needs min_full official members.
        seniors = max(self.min_full, 3)
        for index in range(cell.member_quota):
            senior = index < seniors
            probationary = not senior and rng.random() < PROBATIONARY_SHARE
            row = self._member(first_id + index, cell, senior, probationary, work_unit, context)
            members.append(row)
            events.extend(self._events(row, authority))
            facts.append(MemberFacts(row["id"], cell.id, not probationary, row["official_date"]))
        return members, events, facts

    # -- one member ------------------------------------------------------------------------

    def _member(
        self, member_id: int, cell: OrgNode, senior: bool, probationary: bool, work_unit: str,
        context: str,
    ) -> dict[str, Any]:
        rng = self.rng
        today = self.today
        kind = cell.unit_kind
        retired = not senior and not probationary and rng.random() < 0.03
        dates = self._dates(senior, probationary, retired)
        born, precision, decided, admitted, official = dates
        gender = Gender.MALE if rng.random() < _MALE_SHARE[kind] else Gender.FEMALE
        ethnicity = self._ethnicity()
        full_name = person_name(rng, gender, born.year, ethnicity)
        birth_province = pick_province(rng)
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if probationary:
            card, card_issued = None, None
        else:
            assert official is not None
            card = self._card()
            card_issued = min(today, official + dt.timedelta(days=rng.randint(15, 420)))
        national_id = self._national_id(birth_province, gender, born)
        home = birth_province if rng.random() < 0.7 else pick_province(rng)
        if rng.random() < 0.88:
            address = hanoi_address(rng)
        else:
            address = commune_address(rng, pick_province(rng))
        degree = self._degree(kind, retired)
        admission_place = self._admission_place(born, admitted, cell, context)
        return {
            "id": member_id,
            "full_name": full_name,
            "birth_name": None,
            "alias": None,
            "gender": gender,
            "date_of_birth": born,
            "dob_precision": precision,
            "birth_place": commune_address(rng, birth_province),
            "home_town": commune_address(rng, home),
            "permanent_address": address,
            "current_address": (
                f"Cơ quan đại diện tại {cell.country}" if cell.is_overseas and cell.country
                else address
            ),
            "national_id": national_id,
            "phone": self._phone() if rng.random() < 0.93 else None,
            "email": self._email(full_name, born) if rng.random() < 0.3 else None,
            "ethnicity": ethnicity,
            "religion": self._religion(),
            "occupation": "Hưu trí" if retired else self._occupations[kind].pick(rng),
            "general_education": self._general_education(born),
            "professional_degree": degree,
            "professional_field": (
                None if degree in (ProfessionalDegree.NONE, ProfessionalDegree.ELEMENTARY)
                else rng.choice(_FIELDS[kind])
            ),
            "academic_title": self._academic_title(degree, age),
            "political_theory": self._political_theory(age),
            "foreign_languages": self._language(born) if rng.random() < 0.75 else None,
            "it_level": rng.choice(_IT_LEVELS) if rng.random() < 0.7 else None,
            "youth_union_join_date": self._youth_union(born, decided),
            "work_unit": work_unit,
            "position_gov": (
                self._positions[kind].pick(rng)
                if not retired and age >= 30 and rng.random() < 0.1 + 0.25 * (age >= 40) else None
            ),
            "works_in_political_system": not retired and kind is not UnitKind.ENTERPRISE,
            "admission_decision_date": decided,
            "admission_date": admitted,
            "admission_place": admission_place,
            "official_date": official,
            "official_place": None if official is None else (
                admission_place if rng.random() < 0.8 else context
            ),
            "party_card_number": card,
            "party_card_issue_date": card_issued,
            "database_code": None,
            "cell_id": cell.id,
            "status": MemberStatus.PROBATIONARY if probationary else MemberStatus.FULL,
            "exempted_from_activities": False,
            "notes": None,
            "search_key": self._search_key(full_name, card, national_id),
            "name_sort_key": self._sort_key(full_name),
            "version": 1,
        }

    def _dates(
        self, senior: bool, probationary: bool, retired: bool
    ) -> tuple[dt.date, DatePrecision, dt.date, dt.date, dt.date | None]:
        """Birth (with precision), admission decision, ceremony and official date."""
        rng = self.rng
        today = self.today
        if probationary:
            admitted = today - dt.timedelta(days=rng.randint(7, 360))
            latest_birth = self._latest_birth(admitted)
            age = rng.triangular(18.5, 38.0, 24.0)
            born = today - dt.timedelta(days=int(age * 365.25))
            born = max(EARLIEST_BIRTH, min(latest_birth, born))
            return (born, DatePrecision.DAY, admitted - dt.timedelta(days=rng.randint(5, 45)),
                    admitted, None)
        latest = self._latest_admission[senior]
        if retired:
            oldest = (today - EARLIEST_BIRTH).days / 365.25
            age = rng.uniform(min(62.0, oldest - 1), min(80.0, oldest))
        elif senior:
            age = rng.triangular(27.0, 61.0, 45.0)
        else:
            age = rng.triangular(22.5, 61.0, 41.0)
        born = max(EARLIEST_BIRTH, today - dt.timedelta(days=int(age * 365.25)))
        precision = DatePrecision.DAY
        if born.year < 1975 and rng.random() < 0.38:
            if rng.random() < 0.67:
                born, precision = dt.date(born.year, 1, 1), DatePrecision.YEAR
            else:
                born, precision = dt.date(born.year, born.month, 1), DatePrecision.MONTH
        earliest = self._earliest_admission(born)
        if earliest > latest:  # too young for the dates asked: make the person older
            born = add_months(latest, -self._min_age(latest))
            born -= dt.timedelta(days=rng.randint(60, 3000))
            born = max(EARLIEST_BIRTH, born)
            precision = DatePrecision.DAY
            earliest = self._earliest_admission(born)
        admitted = earliest + dt.timedelta(days=int(rng.gammavariate(2.0, 1300.0)))
        if admitted > latest:
            admitted = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
        official = self._official(admitted)
        while official > today:  # only if the probation rule changed over time
            admitted -= dt.timedelta(days=31)
            official = self._official(admitted)
        decided = admitted - dt.timedelta(days=rng.randint(5, 45))
        return born, precision, decided, admitted, official

    def _official(self, admitted: dt.date) -> dt.date:
        """R-MEM-3: the official date is the day the probation of the rule in force ends."""
        return add_months(admitted, int(self.rules.value(RuleCode.PROBATION_MONTHS, admitted)))

    def _min_age(self, on: dt.date) -> int:
        return int(self.rules.value(RuleCode.MIN_AGE_MONTHS, on))

    def _earliest_admission(self, born: dt.date) -> dt.date:
        """First ceremony date whose decision (up to 45 days earlier) is already of age."""
        minimum = self._min_age(dt.date(born.year + 18, born.month, 1))
        earliest = add_months(born, minimum) + dt.timedelta(days=46)
        while (rule := self._min_age(earliest)) > minimum:  # the rule was raised meanwhile
            minimum = rule
            earliest = add_months(born, minimum) + dt.timedelta(days=46)
        return earliest

    def _latest_birth(self, admitted: dt.date) -> dt.date:
        """The youngest birth date that is of age on the decision, 45 days before `admitted`."""
        decided = admitted - dt.timedelta(days=46)
        born = add_months(decided, -self._min_age(admitted))
        while full_months_between(born, decided) < self._min_age(admitted):
            born -= dt.timedelta(days=1)
        return born

    # -- fields ----------------------------------------------------------------------------

    def _ethnicity(self) -> str:
        if self.rng.random() < 0.88:
            return MAJORITY_ETHNICITY
        return self._minorities.pick(self.rng)

    def _religion(self) -> str:
        if self.rng.random() < 0.92:
            return NO_RELIGION
        return self._religions.pick(self.rng)

    def _national_id(self, province: Province, gender: Gender, born: dt.date) -> str:
        """12 digits: province of birth registration, gender and century, year, serial."""
        century = (born.year // 100 - 19) * 2 + (1 if gender is Gender.FEMALE else 0)
        prefix = f"{self.rng.choice(province.id_codes)}{century}{born.year % 100:02d}"
        while True:
            number = f"{prefix}{self.rng.randint(0, 999_999):06d}"
            if number not in self._national_ids:
                self._national_ids.add(number)
                return number

    def _card(self) -> str:
        """Party card number: 8 digits, unique."""
        while True:
            number = self.rng.randint(10_000_000, 99_999_999)
            if number not in self._cards:
                self._cards.add(number)
                return f"{number:08d}"

    def _phone(self) -> str:
        prefix = _PHONE_PREFIXES.pick(self.rng)
        return f"{prefix}{self.rng.randint(0, 99_999_999):08d}"

    def _email(self, full_name: str, born: dt.date) -> str:
        words = fold(full_name).split()
        initials = "".join(word[0] for word in words[:-1])
        domain = self.rng.choice(("gmail.com", "gmail.com", "yahoo.com", "outlook.com"))
        return f"{words[-1]}{initials}{born.year % 100:02d}@{domain}"

    def _general_education(self, born: dt.date) -> str:
        if born.year >= 1975:
            return "12/12"
        return _EDUCATION_OLD.pick(self.rng)

    def _degree(self, kind: UnitKind, retired: bool) -> ProfessionalDegree:
        group = "retired" if retired else _DEGREE_GROUP.get(kind, "office")
        return _DEGREES[group].pick(self.rng)

    def _academic_title(self, degree: ProfessionalDegree, age: int) -> AcademicTitle:
        if degree is not ProfessionalDegree.DOCTOR or age < 38:
            return AcademicTitle.NONE
        draw = self.rng.random()
        if draw < 0.04 and age >= 45:
            return AcademicTitle.PROFESSOR
        return AcademicTitle.ASSOCIATE_PROFESSOR if draw < 0.22 else AcademicTitle.NONE

    def _political_theory(self, age: int) -> PoliticalTheory:
        return (_THEORY_YOUNG if age < 30 else _THEORY).pick(self.rng)

    def _language(self, born: dt.date) -> str:
        return self.rng.choice(_LANGUAGES_OLD if born.year < 1970 else _LANGUAGES_YOUNG)

    def _youth_union(self, born: dt.date, decided: dt.date) -> dt.date | None:
        """Joined the Youth Union between 14 and 30, before the admission decision."""
        if self.rng.random() < 0.08:
            return None
        start = add_months(born, 14 * 12) + dt.timedelta(days=1)
        end = min(add_months(born, 30 * 12), decided - dt.timedelta(days=30))
        span = (end - start).days
        if span <= 0:
            return None
        return start + dt.timedelta(days=int(self.rng.triangular(0, span, min(span, 900))))

    def _admission_place(
        self, born: dt.date, admitted: dt.date, cell: OrgNode, context: str
    ) -> str:
        """Where the ceremony was held: this cell for recent admissions, else somewhere earlier."""
        rng = self.rng
        if admitted >= cell.established or rng.random() < 0.35:
            return context
        if full_months_between(born, admitted) < 24 * 12 and rng.random() < 0.6:
            return f"Chi bộ Sinh viên, {rng.choice(_UNIVERSITIES)}"
        province = pick_province(rng)
        if rng.random() < 0.3:
            return f"Đảng bộ Quân sự {province.name}"
        return f"Đảng bộ {commune_address(rng, province)}"

    def _search_key(self, full_name: str, card: str | None, national_id: str) -> str:
        """member_search_key, with the name part computed once per distinct name.

        The helper puts the name's words first, then the identifiers' (plain digits here). The
        first keys are compared with the helper's own result; any difference switches the
        shortcut off.
        """
        if not self._fast_search_keys:
            return member_search_key(full_name, card, national_id)
        name_key = self._name_keys.get(full_name)
        if name_key is None:
            name_key = self._name_keys[full_name] = member_search_key(full_name)
        key = " ".join(part for part in (name_key, card, national_id) if part)[:SEARCH_KEY_LENGTH]
        if self._checked_keys < 50:
            self._checked_keys += 1
            expected = member_search_key(full_name, card, national_id)
            if key != expected:
                self._fast_search_keys = False
                return expected
        return key

    def _sort_key(self, full_name: str) -> str:
        key = self._sort_keys.get(full_name)
        if key is None:
            key = self._sort_keys[full_name] = name_sort_key(full_name)
        return key

    # -- history ---------------------------------------------------------------------------

    def _events(self, member: dict[str, Any], authority: str) -> list[dict[str, Any]]:
        rng = self.rng
        events = [self._event(
            member["id"], MemberEventKind.ADMITTED, member["admission_date"],
            f"{rng.randint(1, 480)}-QĐ/ĐU", member["admission_decision_date"], authority,
        )]
        official = member["official_date"]
        if official is not None:
            signed = min(self.today, official + dt.timedelta(days=rng.randint(3, 40)))
            events.append(self._event(
                member["id"], MemberEventKind.RECOGNISED_FULL, official,
                f"{rng.randint(1, 480)}-QĐ/ĐU", signed, authority,
            ))
        return events

    def _event(
        self, member_id: int, kind: MemberEventKind, effective: dt.date, number: str,
        decided: dt.date, authority: str,
    ) -> dict[str, Any]:
        event_id = self.next_event_id
        self.next_event_id += 1
        return {
            "id": event_id, "member_id": member_id, "kind": kind, "effective_date": effective,
            "decision_number": number, "decision_date": decided, "issuing_body": authority,
            "from_org_id": None, "to_org_id": None, "note": None,
        }

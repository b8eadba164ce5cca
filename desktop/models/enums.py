"""Code lists of the domain specification (names as in its glossary, values stored by name)."""

from __future__ import annotations

import enum


class OrgKind(enum.Enum):
    """Kinds of party organisation (domain spec §1.1)."""

    SUPERIOR_COMMITTEE = "SUPERIOR_COMMITTEE"  # đảng bộ cấp trên cơ sở
    GRASSROOTS_COMMITTEE = "GRASSROOTS_COMMITTEE"  # đảng bộ cơ sở
    SECTION_COMMITTEE = "SECTION_COMMITTEE"  # đảng bộ bộ phận
    GRASSROOTS_CELL = "GRASSROOTS_CELL"  # chi bộ cơ sở
    SUBORDINATE_CELL = "SUBORDINATE_CELL"  # chi bộ trực thuộc

    @property
    def is_cell(self) -> bool:
        return self in (OrgKind.GRASSROOTS_CELL, OrgKind.SUBORDINATE_CELL)


# Which kinds may sit directly under which: cells have no sub-organisations.
ALLOWED_CHILD_KINDS: dict[OrgKind | None, frozenset[OrgKind]] = {
    None: frozenset({OrgKind.SUPERIOR_COMMITTEE, OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL}),
    OrgKind.SUPERIOR_COMMITTEE: frozenset(
        {OrgKind.SUPERIOR_COMMITTEE, OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL}
    ),
    OrgKind.GRASSROOTS_COMMITTEE: frozenset({OrgKind.SECTION_COMMITTEE, OrgKind.SUBORDINATE_CELL}),
    OrgKind.SECTION_COMMITTEE: frozenset({OrgKind.SUBORDINATE_CELL}),
    OrgKind.GRASSROOTS_CELL: frozenset(),
    OrgKind.SUBORDINATE_CELL: frozenset(),
}


class OrgStatus(enum.Enum):
    ACTIVE = "ACTIVE"
    MERGED = "MERGED"
    SPLIT = "SPLIT"
    DISSOLVED = "DISSOLVED"


class Gender(enum.Enum):
    MALE = "MALE"
    FEMALE = "FEMALE"


class DatePrecision(enum.Enum):
    """How much of a date is known: older members often have only a birth year (§2.2)."""

    DAY = "DAY"
    MONTH = "MONTH"
    YEAR = "YEAR"


class MemberStatus(enum.Enum):
    """Member status (§2.3); changes only through member events."""

    PROBATIONARY = "PROBATIONARY"
    FULL = "FULL"
    REMOVED = "REMOVED"
    EXPELLED = "EXPELLED"
    LEFT = "LEFT"
    DECEASED = "DECEASED"
    TRANSFERRED_OUT = "TRANSFERRED_OUT"

    @property
    def is_active(self) -> bool:
        return self in (MemberStatus.PROBATIONARY, MemberStatus.FULL)


class ProfessionalDegree(enum.Enum):
    """Chuyên môn nghiệp vụ (§2.2, §8)."""

    NONE = "NONE"
    ELEMENTARY = "ELEMENTARY"  # sơ cấp
    VOCATIONAL = "VOCATIONAL"  # trung cấp
    COLLEGE = "COLLEGE"  # cao đẳng
    BACHELOR = "BACHELOR"  # đại học
    MASTER = "MASTER"  # thạc sĩ
    DOCTOR = "DOCTOR"  # tiến sĩ


class AcademicTitle(enum.Enum):
    NONE = "NONE"
    ASSOCIATE_PROFESSOR = "ASSOCIATE_PROFESSOR"  # PGS
    PROFESSOR = "PROFESSOR"  # GS


class PoliticalTheory(enum.Enum):
    """Lý luận chính trị (§2.2)."""

    NONE = "NONE"
    ELEMENTARY = "ELEMENTARY"  # sơ cấp
    INTERMEDIATE = "INTERMEDIATE"  # trung cấp
    ADVANCED = "ADVANCED"  # cao cấp
    BACHELOR = "BACHELOR"  # cử nhân


class CommitteeRole(enum.Enum):
    """Positions in a party committee (§1.2)."""

    SECRETARY = "SECRETARY"
    DEPUTY_SECRETARY = "DEPUTY_SECRETARY"
    STANDING_MEMBER = "STANDING_MEMBER"
    MEMBER = "MEMBER"
    IC_CHAIR = "IC_CHAIR"
    IC_VICE_CHAIR = "IC_VICE_CHAIR"
    IC_MEMBER = "IC_MEMBER"
    CELL_INSPECTOR = "CELL_INSPECTOR"


class SeatSource(enum.Enum):
    ELECTED = "ELECTED"
    APPOINTED = "APPOINTED"


class MemberEventKind(enum.Enum):
    """Kinds of member history events (§2.5)."""

    ADMITTED = "ADMITTED"
    RECOGNISED_FULL = "RECOGNISED_FULL"
    TRANSFER_OFFICIAL_OUT = "TRANSFER_OFFICIAL_OUT"
    TRANSFER_OFFICIAL_IN = "TRANSFER_OFFICIAL_IN"
    TRANSFER_TEMPORARY_OUT = "TRANSFER_TEMPORARY_OUT"
    TRANSFER_TEMPORARY_IN = "TRANSFER_TEMPORARY_IN"
    TRANSFER_INTERNAL = "TRANSFER_INTERNAL"
    EXEMPTED = "EXEMPTED"
    EXEMPTION_ENDED = "EXEMPTION_ENDED"
    REMOVED = "REMOVED"
    LEFT_ON_REQUEST = "LEFT_ON_REQUEST"
    EXPELLED = "EXPELLED"
    DECEASED = "DECEASED"
    NAME_CHANGED = "NAME_CHANGED"
    DOB_CORRECTED = "DOB_CORRECTED"
    CARD_ISSUED = "CARD_ISSUED"
    CARD_REPLACED = "CARD_REPLACED"
    BADGE_AWARDED = "BADGE_AWARDED"
    REINSTATED = "REINSTATED"
    # Discipline decisions short of expulsion (expulsion is EXPELLED): history only (§6.4).
    REPRIMANDED = "REPRIMANDED"  # khiển trách
    WARNED = "WARNED"  # cảnh cáo
    DISMISSED_FROM_POST = "DISMISSED_FROM_POST"  # cách chức

"""Vietnamese names of the code-list values the reports print, without Qt.

desktop/texts.py holds the same words for the UI inside QCoreApplication.translate; reports
must not import Qt, so the few lists they need are repeated here word for word (a test keeps
the two in step).
"""

from __future__ import annotations

import enum

from desktop.models.enums import (
    AcademicTitle,
    Gender,
    MemberEventKind,
    PoliticalTheory,
    ProfessionalDegree,
)

GENDERS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}

PROFESSIONAL_DEGREES = {
    ProfessionalDegree.NONE: "Chưa qua đào tạo",
    ProfessionalDegree.ELEMENTARY: "Sơ cấp",
    ProfessionalDegree.VOCATIONAL: "Trung cấp",
    ProfessionalDegree.COLLEGE: "Cao đẳng",
    ProfessionalDegree.BACHELOR: "Đại học",
    ProfessionalDegree.MASTER: "Thạc sĩ",
    ProfessionalDegree.DOCTOR: "Tiến sĩ",
}

ACADEMIC_TITLES = {
    AcademicTitle.NONE: "Không",
    AcademicTitle.ASSOCIATE_PROFESSOR: "Phó Giáo sư",
    AcademicTitle.PROFESSOR: "Giáo sư",
}

POLITICAL_THEORY = {
    PoliticalTheory.NONE: "Chưa học",
    PoliticalTheory.ELEMENTARY: "Sơ cấp",
    PoliticalTheory.INTERMEDIATE: "Trung cấp",
    PoliticalTheory.ADVANCED: "Cao cấp",
    PoliticalTheory.BACHELOR: "Cử nhân",
}

MEMBER_EVENTS = {
    MemberEventKind.ADMITTED: "Kết nạp vào Đảng",
    MemberEventKind.RECOGNISED_FULL: "Công nhận đảng viên chính thức",
    MemberEventKind.TRANSFER_OFFICIAL_OUT: "Chuyển sinh hoạt chính thức đi",
    MemberEventKind.TRANSFER_OFFICIAL_IN: "Chuyển sinh hoạt chính thức đến",
    MemberEventKind.TRANSFER_TEMPORARY_OUT: "Chuyển sinh hoạt tạm thời đi",
    MemberEventKind.TRANSFER_TEMPORARY_IN: "Đến sinh hoạt tạm thời",
    MemberEventKind.TRANSFER_INTERNAL: "Chuyển chi bộ trong đảng bộ",
    MemberEventKind.EXEMPTED: "Miễn công tác và sinh hoạt đảng",
    MemberEventKind.EXEMPTION_ENDED: "Trở lại sinh hoạt đảng",
    MemberEventKind.REMOVED: "Xóa tên",
    MemberEventKind.LEFT_ON_REQUEST: "Xin ra khỏi Đảng",
    MemberEventKind.EXPELLED: "Khai trừ",
    MemberEventKind.DECEASED: "Từ trần",
    MemberEventKind.NAME_CHANGED: "Thay đổi họ tên",
    MemberEventKind.DOB_CORRECTED: "Điều chỉnh ngày sinh",
    MemberEventKind.CARD_ISSUED: "Phát thẻ đảng viên",
    MemberEventKind.CARD_REPLACED: "Đổi thẻ đảng viên",
    MemberEventKind.BADGE_AWARDED: "Tặng Huy hiệu Đảng",
    MemberEventKind.REINSTATED: "Phục hồi",
    MemberEventKind.REPRIMANDED: "Kỷ luật khiển trách",
    MemberEventKind.WARNED: "Kỷ luật cảnh cáo",
    MemberEventKind.DISMISSED_FROM_POST: "Kỷ luật cách chức",
}

_LISTS: dict[type[enum.Enum], dict] = {  # type: ignore[type-arg]
    Gender: GENDERS,
    ProfessionalDegree: PROFESSIONAL_DEGREES,
    AcademicTitle: ACADEMIC_TITLES,
    PoliticalTheory: POLITICAL_THEORY,
    MemberEventKind: MEMBER_EVENTS,
}


def report_label(value: enum.Enum) -> str:
    """The Vietnamese name of `value`; KeyError for a list the reports do not print."""
    return _LISTS[type(value)][value]  # type: ignore[no-any-return]

"""The columns of a member list and of an organisation list, as offices' spreadsheets title them.

The first title of a column is what our exports write; the variants are what other offices'
files say (the 2-HSĐV profile, the national member database, hand-made lists). Titles are
compared folded (no case, no diacritics, no punctuation): "Họ và tên (*)" = "ho va ten".

The words of the code lists (Nam/Nữ, Đại học, Trung cấp, …) are the vocabulary of the file
format, kept here as data: the UI's labels (desktop.texts) may change, files must keep reading.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.models.enums import (
    AcademicTitle,
    Gender,
    MemberStatus,
    OrgKind,
    PoliticalTheory,
    ProfessionalDegree,
)
from desktop.models.text import fold

_WORDS = re.compile(r"[^\W_]+")


def title_key(title: object) -> str:
    """'Họ và tên (*)' → 'ho va ten': how titles and code-list words are compared."""
    return " ".join(_WORDS.findall(fold(str(title)))) if title is not None else ""


class ColumnKind(enum.Enum):
    TEXT = "TEXT"
    IDENTIFIER = "IDENTIFIER"  # digits that Excel may have turned into a number
    DATE = "DATE"
    PARTIAL_DATE = "PARTIAL_DATE"  # a date, month/year or the year alone
    CHOICE = "CHOICE"  # a code list (words below)
    YES_NO = "YES_NO"
    INFO = "INFO"  # written by exports for the reader, read only to be checked (STT, status)


@dataclass(frozen=True)
class Column:
    key: str  # the draft field it fills, or a key of its own (cell_code, cell_name, status)
    title: str
    variants: tuple[str, ...] = ()
    kind: ColumnKind = ColumnKind.TEXT
    width: int = 16  # in characters, for exports
    required: bool = False

    def keys(self) -> tuple[str, ...]:
        return tuple(title_key(title) for title in (self.title, *self.variants))


class Vocabulary(dict[str, enum.Enum]):
    """Folded word → value; `labels` are the words as exports write them (for messages)."""

    labels: tuple[str, ...] = ()


def labelled(labels: dict[enum.Enum, str], extra: dict[str, enum.Enum] | None = None) -> Vocabulary:
    """The labels first (the export's words), then the variants other files use."""
    words = Vocabulary({title_key(label): value for value, label in labels.items()})
    for word, value in (extra or {}).items():
        words.setdefault(title_key(word), value)
    words.labels = tuple(labels.values())
    return words


GENDER_LABELS: dict[enum.Enum, str] = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}
GENDER_WORDS = labelled(GENDER_LABELS, {"male": Gender.MALE, "female": Gender.FEMALE})
DEGREE_LABELS: dict[enum.Enum, str] = {
    ProfessionalDegree.NONE: "Chưa qua đào tạo", ProfessionalDegree.ELEMENTARY: "Sơ cấp",
    ProfessionalDegree.VOCATIONAL: "Trung cấp", ProfessionalDegree.COLLEGE: "Cao đẳng",
    ProfessionalDegree.BACHELOR: "Đại học", ProfessionalDegree.MASTER: "Thạc sĩ",
    ProfessionalDegree.DOCTOR: "Tiến sĩ",
}
DEGREE_WORDS = labelled(DEGREE_LABELS, {
    "Không": ProfessionalDegree.NONE, "Cử nhân": ProfessionalDegree.BACHELOR,
    "Kỹ sư": ProfessionalDegree.BACHELOR, "Bác sĩ": ProfessionalDegree.BACHELOR,
    "ThS": ProfessionalDegree.MASTER, "TS": ProfessionalDegree.DOCTOR,
})
TITLE_LABELS: dict[enum.Enum, str] = {
    AcademicTitle.NONE: "Không", AcademicTitle.ASSOCIATE_PROFESSOR: "Phó Giáo sư",
    AcademicTitle.PROFESSOR: "Giáo sư",
}
TITLE_WORDS = labelled(TITLE_LABELS, {
    "PGS": AcademicTitle.ASSOCIATE_PROFESSOR, "GS": AcademicTitle.PROFESSOR,
})
THEORY_LABELS: dict[enum.Enum, str] = {
    PoliticalTheory.NONE: "Chưa học", PoliticalTheory.ELEMENTARY: "Sơ cấp",
    PoliticalTheory.INTERMEDIATE: "Trung cấp", PoliticalTheory.ADVANCED: "Cao cấp",
    PoliticalTheory.BACHELOR: "Cử nhân",
}
THEORY_WORDS = labelled(THEORY_LABELS, {"Không": PoliticalTheory.NONE})
STATUS_LABELS: dict[enum.Enum, str] = {
    MemberStatus.FULL: "Chính thức", MemberStatus.PROBATIONARY: "Dự bị",
    MemberStatus.REMOVED: "Đã xóa tên", MemberStatus.EXPELLED: "Đã khai trừ",
    MemberStatus.LEFT: "Đã ra khỏi Đảng", MemberStatus.DECEASED: "Đã từ trần",
    MemberStatus.TRANSFERRED_OUT: "Đã chuyển đi",
}
STATUS_WORDS = labelled(STATUS_LABELS, {
    "Đảng viên chính thức": MemberStatus.FULL, "Đảng viên dự bị": MemberStatus.PROBATIONARY,
})
KIND_LABELS: dict[enum.Enum, str] = {
    OrgKind.SUPERIOR_COMMITTEE: "Đảng bộ cấp trên cơ sở",
    OrgKind.GRASSROOTS_COMMITTEE: "Đảng bộ cơ sở",
    OrgKind.SECTION_COMMITTEE: "Đảng bộ bộ phận",
    OrgKind.GRASSROOTS_CELL: "Chi bộ cơ sở",
    OrgKind.SUBORDINATE_CELL: "Chi bộ trực thuộc",
}
KIND_WORDS = labelled(KIND_LABELS)
# "Chi bộ" alone: a grassroots cell under a superior committee or at the top, else subordinate.
PLAIN_CELL_WORD = title_key("Chi bộ")

_T, _I, _D, _P, _C, _Y, _N = (
    ColumnKind.TEXT, ColumnKind.IDENTIFIER, ColumnKind.DATE, ColumnKind.PARTIAL_DATE,
    ColumnKind.CHOICE, ColumnKind.YES_NO, ColumnKind.INFO,
)

MEMBER_COLUMNS: tuple[Column, ...] = (
    Column("row_number", "STT", ("Số thứ tự", "TT"), _N, 6),
    Column("full_name", "Họ và tên", ("Họ tên", "Họ và tên đang dùng", "Họ tên đảng viên",
                                      "Họ và tên đảng viên", "Tên đảng viên"), _T, 26, True),
    Column("birth_name", "Họ và tên khai sinh", ("Tên khai sinh",), _T, 22),
    Column("alias", "Tên gọi khác", ("Bí danh",), _T, 14),
    Column("gender", "Giới tính", ("Giới", "Nam/Nữ", "Nam, nữ"), _C, 9, True),
    Column("date_of_birth", "Ngày sinh", ("Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày",
                                          "Năm sinh"), _P, 12, True),
    Column("birth_place", "Nơi sinh", (), _T, 24),
    Column("home_town", "Quê quán", ("Nguyên quán",), _T, 28),
    Column("permanent_address", "Nơi thường trú", ("Địa chỉ thường trú", "Hộ khẩu thường trú",
                                                   "Thường trú"), _T, 30),
    Column("current_address", "Nơi ở hiện nay", ("Chỗ ở hiện nay", "Địa chỉ hiện nay", "Nơi ở hiện tại",
                                                 "Địa chỉ liên hệ"), _T, 30),
    Column("national_id", "Số định danh cá nhân", ("Số CCCD", "Căn cước công dân", "Số căn cước công dân",
                                                   "Số căn cước", "CCCD", "CMND/CCCD", "Số CMND/CCCD",
                                                   "Số định danh"), _I, 16),
    Column("phone", "Điện thoại", ("Số điện thoại", "ĐT", "SĐT"), _T, 14),
    Column("email", "Email", ("Thư điện tử", "E-mail", "Địa chỉ email"), _T, 24),
    Column("ethnicity", "Dân tộc", (), _T, 10),
    Column("religion", "Tôn giáo", (), _T, 12),
    Column("occupation", "Nghề nghiệp", ("Nghề nghiệp hiện nay",), _T, 18),
    Column("general_education", "Giáo dục phổ thông", ("Trình độ văn hóa", "Văn hóa", "Học vấn",
                                                        "Trình độ giáo dục phổ thông"), _T, 10),
    Column("professional_degree", "Chuyên môn nghiệp vụ", ("Trình độ chuyên môn", "Chuyên môn",
                                                           "Trình độ chuyên môn nghiệp vụ"), _C, 16),
    Column("professional_field", "Chuyên ngành", ("Ngành đào tạo", "Chuyên ngành đào tạo"), _T, 20),
    Column("academic_title", "Học hàm", (), _C, 12),
    Column("political_theory", "Lý luận chính trị", ("Trình độ lý luận chính trị", "LLCT",
                                                     "Trình độ LLCT"), _C, 14),
    Column("foreign_languages", "Ngoại ngữ", ("Trình độ ngoại ngữ",), _T, 16),
    Column("it_level", "Tin học", ("Trình độ tin học",), _T, 14),
    Column("youth_union_join_date", "Ngày vào Đoàn", ("Ngày vào Đoàn TNCS Hồ Chí Minh",
                                                      "Ngày vào Đoàn TNCS HCM"), _D, 12),
    Column("work_unit", "Đơn vị công tác", ("Nơi công tác", "Cơ quan công tác", "Cơ quan, đơn vị công tác"),
           _T, 26),
    Column("position_gov", "Chức vụ chính quyền", ("Chức vụ", "Chức vụ chính quyền, đoàn thể",
                                                   "Chức vụ chính quyền đoàn thể"), _T, 20),
    Column("works_in_political_system", "Trong hệ thống chính trị", ("Làm việc trong hệ thống chính trị",),
           _Y, 10),
    Column("admission_decision_date", "Ngày quyết định kết nạp", ("Ngày ra quyết định kết nạp",), _D, 13),
    Column("admission_date", "Ngày vào Đảng", ("Ngày kết nạp", "Ngày kết nạp Đảng", "Ngày vào Đảng dự bị",
                                               "Ngày kết nạp vào Đảng"), _D, 13, True),
    Column("admission_place", "Nơi kết nạp", ("Chi bộ kết nạp", "Tại chi bộ"), _T, 24),
    Column("official_date", "Ngày chính thức", ("Ngày công nhận chính thức", "Ngày vào Đảng chính thức",
                                                "Ngày chuyển chính thức"), _D, 13),
    Column("official_place", "Nơi công nhận chính thức", ("Chi bộ công nhận chính thức",), _T, 24),
    Column("party_card_number", "Số thẻ đảng viên", ("Số thẻ", "Số thẻ Đảng", "Số thẻ ĐV"), _I, 14),
    Column("party_card_issue_date", "Ngày cấp thẻ", ("Ngày cấp thẻ đảng viên", "Ngày cấp thẻ Đảng"), _D, 12),
    Column("database_code", "Mã hồ sơ", ("Mã đảng viên", "Mã số đảng viên", "Mã CSDL", "Mã hồ sơ đảng viên"),
           _I, 14),
    Column("status", "Trạng thái", ("Tình trạng",), _N, 12),
    Column("cell_code", "Mã chi bộ", ("Mã tổ chức", "Mã chi bộ sinh hoạt"), _I, 16),
    Column("cell_name", "Chi bộ", ("Tên chi bộ", "Chi bộ sinh hoạt", "Chi bộ đang sinh hoạt", "Sinh hoạt tại chi bộ"),
           _T, 34, True),
    Column("notes", "Ghi chú", (), _T, 24),
)

ORGANIZATION_COLUMNS: tuple[Column, ...] = (
    Column("row_number", "STT", ("Số thứ tự", "TT"), _N, 6),
    Column("code", "Mã tổ chức", ("Mã", "Mã đơn vị", "Mã tổ chức đảng"), _I, 18, True),
    Column("name", "Tên tổ chức", ("Tên", "Tên tổ chức đảng", "Tên đảng bộ, chi bộ", "Tổ chức đảng"), _T, 44, True),
    Column("short_name", "Tên viết tắt", ("Tên gọi tắt",), _T, 16),
    Column("kind", "Loại tổ chức", ("Loại", "Loại hình tổ chức đảng", "Cấp tổ chức"), _C, 22, True),
    Column("parent_code", "Mã tổ chức cấp trên", ("Mã cấp trên", "Mã tổ chức trực thuộc"), _I, 18),
    Column("parent_name", "Tổ chức cấp trên", ("Trực thuộc", "Cấp trên"), _N, 36),
    Column("established_date", "Ngày thành lập", (), _D, 13),
    Column("established_decision_ref", "Quyết định thành lập", ("Số quyết định thành lập",), _T, 18),
    Column("area_type", "Loại hình đơn vị", ("Loại hình",), _T, 20),
    Column("address", "Địa chỉ", ("Trụ sở",), _T, 30),
    Column("phone", "Điện thoại", ("Số điện thoại",), _T, 14),
    Column("email", "Email", ("Thư điện tử",), _T, 24),
)


def by_key(columns: Iterable[Column]) -> dict[str, Column]:
    return {column.key: column for column in columns}

"""Generated party documents for the demo library and the search benchmark: a kind, a
number and symbol numbered per issuer, kind and year, an abstract on one of the themes
offices deal with, and pages of sentences built from the phrases such documents use.

Seeded: the same random source gives the same documents.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from desktop.models.library import DocumentKind
from desktop.models.library_rules import format_party_number
from desktop.models.library_titles import KIND_TITLES

ISSUERS = (
    ("Ban Chấp hành Trung ương", "TW", 0.06), ("Bộ Chính trị", "TW", 0.08), ("Ban Bí thư", "TW", 0.08),
    ("Ban Thường vụ Đảng ủy Khối", "ĐUK", 0.18), ("Đảng ủy Khối", "ĐUK", 0.10),
    ("Đảng ủy", "ĐU", 0.30), ("Ủy ban Kiểm tra Đảng ủy", "UBKTĐU", 0.08), ("Văn phòng Đảng ủy", "VPĐU", 0.12),
)
KINDS = (
    (DocumentKind.RESOLUTION, 0.18), (DocumentKind.DIRECTIVE, 0.07), (DocumentKind.CONCLUSION, 0.07),
    (DocumentKind.REGULATION, 0.06), (DocumentKind.STATUTE, 0.05), (DocumentKind.GUIDANCE, 0.12),
    (DocumentKind.NOTICE, 0.12), (DocumentKind.REPORT, 0.12), (DocumentKind.PLAN, 0.15),
    (DocumentKind.PROGRAMME, 0.03), (DocumentKind.DECISION, 0.03),
)
THEMES = (
    "tăng cường công tác xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    "nâng cao chất lượng sinh hoạt chi bộ",
    "công tác cán bộ và quy hoạch cán bộ nhiệm kỳ tới",
    "đẩy mạnh chuyển đổi số trong các cơ quan đảng",
    "phòng, chống tham nhũng, lãng phí, tiêu cực",
    "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "công tác phát triển đảng viên mới",
    "bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái",
    "công tác dân vận và quy chế dân chủ ở cơ sở",
    "thực hành tiết kiệm, chống lãng phí trong chi tiêu",
    "bảo vệ bí mật nhà nước và an ninh mạng",
    "xây dựng văn hóa công sở, kỷ luật, kỷ cương hành chính",
    "công tác thi đua, khen thưởng",
    "tổ chức đại hội chi bộ trực thuộc",
    "lãnh đạo thực hiện nhiệm vụ chính trị",
    "công tác thông tin, tuyên truyền",
    "đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên",
)
_SUBJECTS = (
    "Các cấp ủy, tổ chức đảng", "Ban Thường vụ Đảng ủy", "Các chi bộ trực thuộc", "Đội ngũ cán bộ, đảng viên",
    "Ủy ban Kiểm tra Đảng ủy", "Văn phòng Đảng ủy", "Người đứng đầu cơ quan, đơn vị", "Các đoàn thể chính trị - xã hội",
    "Chi ủy, bí thư chi bộ", "Mỗi cán bộ, đảng viên",
)
_VERBS = (
    "tập trung lãnh đạo, chỉ đạo", "quán triệt sâu sắc và tổ chức thực hiện nghiêm túc", "thường xuyên kiểm tra, đôn đốc",
    "xây dựng kế hoạch cụ thể để thực hiện", "nâng cao trách nhiệm trong", "phát huy vai trò tiên phong, gương mẫu trong",
    "chủ động rà soát, bổ sung", "đánh giá đúng thực chất kết quả", "kịp thời phát hiện, chấn chỉnh những hạn chế trong",
    "tăng cường phối hợp để triển khai",
)
_OBJECTS = (
    "công tác giáo dục chính trị, tư tưởng", "việc thực hiện nhiệm vụ chính trị của cơ quan", "công tác tổ chức, cán bộ",
    "việc học tập, quán triệt nghị quyết", "các quy định về những điều đảng viên không được làm", "kỷ luật, kỷ cương",
    "chất lượng sinh hoạt chi bộ thường kỳ và chuyên đề", "việc thu, nộp và quản lý đảng phí", "công tác bảo vệ chính trị nội bộ",
    "việc ứng dụng công nghệ thông tin", "quy chế làm việc của cấp ủy", "công tác kiểm tra, giám sát thường xuyên",
    "phong trào thi đua yêu nước", "việc giải quyết đơn thư, khiếu nại, tố cáo", "công tác quần chúng",
)
_TAILS = (
    "bảo đảm đúng nguyên tắc tập trung dân chủ", "gắn với trách nhiệm của người đứng đầu", "theo đúng quy định của Điều lệ Đảng",
    "trong năm và cả nhiệm kỳ", "phù hợp với đặc điểm, tình hình của từng đơn vị", "không để xảy ra vi phạm",
    "góp phần hoàn thành tốt nhiệm vụ được giao", "định kỳ báo cáo kết quả về Văn phòng Đảng ủy",
    "với những giải pháp thiết thực, hiệu quả", "tạo sự chuyển biến rõ nét về nhận thức và hành động",
)
_HEADINGS = ("Tình hình và kết quả thực hiện", "Mục tiêu, yêu cầu", "Nhiệm vụ và giải pháp chủ yếu",
             "Tổ chức thực hiện", "Những hạn chế, khuyết điểm và nguyên nhân", "Phương hướng thời gian tới")
SENTENCES_PER_PAGE = 14  # about 330 words: a page of a typed party document
_ROMAN = ("I", "II", "III", "IV", "V", "VI")


@dataclass(frozen=True)
class GeneratedDocument:
    kind: DocumentKind
    number: str
    issuer: str
    issue_date: dt.date
    abstract: str
    theme: int
    text: str


def _weighted(rng: random.Random, pairs: tuple[tuple[object, float], ...]) -> object:
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _sentence(rng: random.Random, theme: str) -> str:
    subject = rng.choice(_SUBJECTS)
    if rng.random() < 0.2:
        return f"{subject} {rng.choice(_VERBS)} {theme}, {rng.choice(_TAILS)}."
    roll = rng.random()
    if roll < 0.15:  # figures and dates, as reports and plans give them
        return (f"{subject} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}; kết quả đạt {rng.randint(60, 100)}% "
                f"kế hoạch, hoàn thành trước ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}.")
    if roll < 0.25:
        return (f"Trong quý {_ROMAN[rng.randrange(4)]}, đã tổ chức {rng.randint(2, 60)} cuộc, "
                f"với {rng.randint(20, 900)} lượt cán bộ, đảng viên tham gia.")
    return f"{subject} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}, {rng.choice(_TAILS)}."


def document_text(rng: random.Random, kind_name: str, abstract: str, theme: str, pages: int) -> str:
    lines = [kind_name.upper(), abstract, ""]
    sections = min(len(_HEADINGS), max(2, pages))
    per_section = max(1, pages * SENTENCES_PER_PAGE // sections)
    for index in range(sections):
        lines.append(f"{_ROMAN[index]}. {_HEADINGS[index].upper()}")
        paragraph: list[str] = []
        for count in range(per_section):
            paragraph.append(_sentence(rng, theme))
            if count % 4 == 3:
                lines.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            lines.append(" ".join(paragraph))
    return "\n".join(lines)


def generate_documents(rng: random.Random, count: int, first_year: int, last_day: dt.date,
                       pages: tuple[int, int]) -> Iterator[GeneratedDocument]:
    """`count` documents issued from 1 January of `first_year` to `last_day`, in date order."""
    start = dt.date(first_year, 1, 1)
    span = (last_day - start).days
    dates = sorted(start + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(count))
    sequences: dict[tuple[str, DocumentKind, int], int] = {}
    for issued in dates:
        issuer, code = _issuer(rng)
        kind = _weighted(rng, KINDS)
        assert isinstance(kind, DocumentKind)
        key = (code, kind, issued.year)
        sequences[key] = sequences.get(key, 0) + 1
        theme_index = rng.randrange(len(THEMES))
        theme = THEMES[theme_index]
        abstract = f"về {theme}" if kind is not DocumentKind.REPORT else f"kết quả {theme} năm {issued.year}"
        text = document_text(rng, KIND_TITLES[kind], abstract, theme, rng.randint(*pages))
        yield GeneratedDocument(kind, format_party_number(sequences[key], kind, code), issuer, issued, abstract,
                                theme_index, text)


def _issuer(rng: random.Random) -> tuple[str, str]:
    name, code, _ = rng.choices(ISSUERS, weights=[weight for *_, weight in ISSUERS])[0]
    return name, code

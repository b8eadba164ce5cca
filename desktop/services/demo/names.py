"""Vietnamese personal names with realistic frequencies, for demo members.

Family names follow the commonly cited national shares (Nguyễn about 38 %, Trần 11 %, Lê 9.5 %,
...); middle names depend on gender and generation ("Văn" and "Thị" are far more common among
older people); a few ethnic groups get family names of their own.
"""

from __future__ import annotations

import random

from desktop.models.enums import Gender
from desktop.services.demo.weighted import Weighted

# (family name, share in percent); the remainder is spread over OTHER_FAMILY_NAMES.
MAIN_FAMILY_NAMES: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 3.2),
    ("Huỳnh", 1.8), ("Phan", 4.5), ("Vũ", 2.4), ("Võ", 1.5), ("Đặng", 2.1), ("Bùi", 2.0),
    ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5),
)
OTHER_FAMILY_NAMES: tuple[str, ...] = (
    "Đào", "Đinh", "Trịnh", "Mai", "Cao", "Lương", "Lưu", "Đoàn", "Vương", "Tạ", "Hà", "Tô",
    "Triệu", "Chu", "Lại", "Quách", "Kiều", "Thái", "Hứa", "Khổng", "Âu", "Ông", "Khúc",
    "Mạc", "La", "Tăng", "Giang", "Từ", "Đàm", "Phùng", "Trương", "Tống", "Thân", "Nghiêm",
    "Văn", "Lã", "Ninh", "Lục", "Doãn", "Khương", "Ưng", "Ân",
)
_OTHER_SHARE = 100.0 - sum(share for _, share in MAIN_FAMILY_NAMES)
FAMILY_NAMES: tuple[str, ...] = tuple(
    [name for name, _ in MAIN_FAMILY_NAMES] + list(OTHER_FAMILY_NAMES)
)
FAMILY_WEIGHTS: tuple[float, ...] = tuple(
    [share for _, share in MAIN_FAMILY_NAMES]
    + [_OTHER_SHARE / len(OTHER_FAMILY_NAMES)] * len(OTHER_FAMILY_NAMES)
)

# Family names typical of some ethnic groups (used for most of their members).
ETHNIC_FAMILY_NAMES: dict[str, tuple[str, ...]] = {
    "Tày": ("Nông", "Hoàng", "Lương", "Lục", "Ma", "Hà", "Triệu", "Bế"),
    "Nùng": ("Nông", "Hoàng", "Lăng", "Chu", "Mã", "Lường"),
    "Thái": ("Lò", "Cầm", "Lường", "Quàng", "Tòng", "Vi", "Hà", "Lộc"),
    "Mường": ("Bùi", "Đinh", "Quách", "Hà", "Xa"),
    "Khmer": ("Thạch", "Sơn", "Danh", "Kim", "Lâm", "Chau"),
    "Hoa": ("Lâm", "Lý", "Trương", "Quách", "Diệp", "Hứa"),
    "Mông": ("Giàng", "Vàng", "Sùng", "Thào", "Mùa", "Lầu", "Hầu"),
    "Dao": ("Triệu", "Bàn", "Đặng", "Lý", "Chảo"),
}

# Middle names: (name, weight for people born before 1970, weight for people born from 1990).
MALE_MIDDLE_NAMES: tuple[tuple[str, float, float], ...] = (
    ("Văn", 60, 18), ("Đức", 6, 8), ("Hữu", 5, 5), ("Quang", 4, 7), ("Minh", 3, 10),
    ("Công", 4, 4), ("Xuân", 4, 3), ("Ngọc", 2, 3), ("Thanh", 2, 4), ("Mạnh", 1, 3),
    ("Tiến", 1, 3), ("Trọng", 2, 3), ("Đình", 4, 4), ("Duy", 1, 5), ("Thế", 2, 3),
    ("Bá", 2, 2), ("Anh", 0.5, 4), ("Hoàng", 1, 5), ("Quốc", 2, 5), ("Việt", 1, 4),
    ("Khắc", 2, 1), ("Sỹ", 2, 1), ("Trung", 1, 3), ("Hồng", 1, 1), ("Tất", 1, 0.5),
    ("Đăng", 1, 3), ("Phú", 0.5, 1), ("Tuấn", 0.5, 3), ("Nhật", 0.2, 2), ("Bảo", 0.2, 2),
)
FEMALE_MIDDLE_NAMES: tuple[tuple[str, float, float], ...] = (
    ("Thị", 75, 30), ("Ngọc", 3, 8), ("Thu", 4, 6), ("Thanh", 4, 6), ("Minh", 1, 6),
    ("Kim", 3, 3), ("Hồng", 3, 4), ("Thúy", 1, 3), ("Phương", 1, 5), ("Bích", 1, 2),
    ("Lan", 0.5, 2), ("Mai", 0.5, 3), ("Hải", 0.5, 3), ("Diệu", 0.3, 2), ("Khánh", 0.2, 3),
    ("Thùy", 0.5, 4), ("Quỳnh", 0.2, 3), ("Hoài", 0.5, 2), ("Tuyết", 0.5, 1), ("Ánh", 0.2, 1),
    ("Mỹ", 0.5, 2), ("Việt", 0.2, 2), ("Hương", 0.3, 1), ("Như", 0.2, 2), ("Bảo", 0.1, 2),
)
# A second middle name ("Nguyễn Thị Thu Hà", "Lê Hoàng Minh Đức").
SECOND_MIDDLE_NAMES: dict[Gender, tuple[str, ...]] = {
    Gender.MALE: ("Minh", "Anh", "Hoàng", "Quốc", "Hải", "Ngọc", "Thanh", "Đức", "Gia", "Bảo"),
    Gender.FEMALE: ("Thu", "Ngọc", "Minh", "Thanh", "Phương", "Hồng", "Kim", "Thúy", "Bích",
                    "Hải", "Diệu", "Khánh"),
}

MALE_GIVEN_NAMES: tuple[str, ...] = (
    "Hùng", "Dũng", "Tuấn", "Hải", "Minh", "Đức", "Thắng", "Long", "Nam", "Trung", "Hiếu",
    "Cường", "Quân", "Phong", "Sơn", "Hưng", "Thành", "Khoa", "Huy", "Hoàng", "Bình", "Tùng",
    "Việt", "Vinh", "Kiên", "Lâm", "Phúc", "Đạt", "Tâm", "Thịnh", "Tiến", "Toàn", "Tú",
    "Khánh", "Lợi", "Lực", "Mạnh", "Nghĩa", "Quang", "Quý", "Tài", "Thái", "Thuận", "Trí",
    "Trường", "Vũ", "Chiến", "Công", "Hậu", "Hòa", "Lộc", "Luân", "Ước", "Tường", "Đông",
    "Định", "Hợp", "Hưởng", "Thưởng", "Khải", "Khôi", "Bảo", "Kỳ", "Quyết", "Thiện",
    "Dương", "An", "Anh", "Duy", "Hào", "Hiệp", "Lượng", "Lĩnh", "Nhật", "Sáng", "Tín",
    "Triều", "Tuệ", "Đăng", "Đoàn", "Giang", "Hiển", "Kha", "Ngọc", "Phương", "Quyền",
    "Sỹ", "Thạch", "Thọ", "Tuyên", "Vượng", "Xuân", "Yên", "Điệp", "Ổn", "Ẩn",
)
FEMALE_GIVEN_NAMES: tuple[str, ...] = (
    "Hà", "Hằng", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Nhung", "Phương", "Thảo", "Thủy",
    "Trang", "Yến", "Anh", "Ánh", "Chi", "Dung", "Giang", "Hạnh", "Hiền", "Hoa", "Hồng",
    "Huyền", "Lệ", "Liên", "Loan", "Ly", "My", "Nga", "Ngân", "Nhàn", "Oanh", "Phượng",
    "Quyên", "Quỳnh", "Tâm", "Thanh", "Thơ", "Thu", "Thúy", "Trâm", "Tuyết", "Uyên", "Vân",
    "Xuân", "Duyên", "Hậu", "Ngà", "Sương", "Thắm", "Thoa", "Thư", "Trinh", "Vy", "Diệp",
    "Hảo", "Khuê", "Lụa", "Nguyệt", "Đào", "Huệ", "Lý", "Mơ", "Nhi", "Thương", "Ưng",
    "Vui", "Yên", "Bình", "Cúc", "Diễm", "Đông", "Gấm", "Hiên", "Kiều", "Lài", "Lương",
    "Mận", "Ngát", "Nụ", "Quế", "Sen", "Tươi", "Ước", "Xoan",
)


def _middle_weights(table: tuple[tuple[str, float, float], ...]) -> dict[int, Weighted[str]]:
    """Weights per generation: 0 = born before 1970, 1 = 1970-1989, 2 = from 1990."""
    names = [name for name, _, _ in table]
    old = [weight for _, weight, _ in table]
    young = [weight for _, _, weight in table]
    middle = [(a + b) / 2 for a, b in zip(old, young, strict=True)]
    return {0: Weighted(names, old), 1: Weighted(names, middle), 2: Weighted(names, young)}


_MIDDLE = {
    Gender.MALE: _middle_weights(MALE_MIDDLE_NAMES),
    Gender.FEMALE: _middle_weights(FEMALE_MIDDLE_NAMES),
}
_GIVEN = {Gender.MALE: MALE_GIVEN_NAMES, Gender.FEMALE: FEMALE_GIVEN_NAMES}
_FAMILY = Weighted(FAMILY_NAMES, FAMILY_WEIGHTS)


def _generation(birth_year: int) -> int:
    if birth_year < 1970:
        return 0
    return 1 if birth_year < 1990 else 2


def person_name(rng: random.Random, gender: Gender, birth_year: int, ethnicity: str) -> str:
    """'Nguyễn Thị Thu Hà', 'Trần Đức Thắng', 'Lò Văn Thưởng' ..."""
    ethnic = ETHNIC_FAMILY_NAMES.get(ethnicity)
    if ethnic and rng.random() < 0.8:
        family = rng.choice(ethnic)
    else:
        family = _FAMILY.pick(rng)
    generation = _generation(birth_year)
    parts = [family, _MIDDLE[gender][generation].pick(rng)]
    # Two-word middle names became common with younger generations.
    if rng.random() < (0.06, 0.14, 0.22)[generation]:
        second = rng.choice(SECOND_MIDDLE_NAMES[gender])
        if second != parts[-1]:
            parts.append(second)
    given = rng.choice(_GIVEN[gender])
    while given == parts[-1]:
        given = rng.choice(_GIVEN[gender])
    parts.append(given)
    return " ".join(parts)

"""Places for demo members: provinces (2025 two-level units), communes, addresses, countries.

Only data and small pure helpers; every choice goes through the caller's `random.Random`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from desktop.services.demo.weighted import Weighted


@dataclass(frozen=True)
class Province:
    """A province or city as written in records today, with the identity-card codes of the
    provinces it was merged from (the first three digits of a personal identification number
    are the code of the province where the birth was registered)."""

    name: str  # "Tỉnh Nghệ An", "Thành phố Hà Nội"
    id_codes: tuple[str, ...]
    weight: float  # share of members born there (central agencies: mostly the North)

    @property
    def short_name(self) -> str:
        return self.name.removeprefix("Thành phố ").removeprefix("Tỉnh ")

    @property
    def is_city(self) -> bool:
        return self.name.startswith("Thành phố ")


# The 34 provincial units in force since 1 July 2025 and the pre-merger codes they absorb.
PROVINCES: tuple[Province, ...] = (
    Province("Thành phố Hà Nội", ("001",), 16.0),
    Province("Tỉnh Tuyên Quang", ("008", "002"), 1.2),
    Province("Tỉnh Cao Bằng", ("004",), 0.6),
    Province("Tỉnh Lai Châu", ("012",), 0.3),
    Province("Tỉnh Lào Cai", ("010", "015"), 1.1),
    Province("Tỉnh Thái Nguyên", ("019", "006"), 1.8),
    Province("Tỉnh Điện Biên", ("011",), 0.4),
    Province("Tỉnh Lạng Sơn", ("020",), 0.8),
    Province("Tỉnh Sơn La", ("014",), 0.8),
    Province("Tỉnh Phú Thọ", ("025", "026", "017"), 4.0),
    Province("Tỉnh Bắc Ninh", ("027", "024"), 3.6),
    Province("Tỉnh Quảng Ninh", ("022",), 1.6),
    Province("Thành phố Hải Phòng", ("031", "030"), 4.2),
    Province("Tỉnh Hưng Yên", ("033", "034"), 4.6),
    Province("Tỉnh Ninh Bình", ("037", "035", "036"), 5.2),
    Province("Tỉnh Thanh Hóa", ("038",), 5.0),
    Province("Tỉnh Nghệ An", ("040",), 5.0),
    Province("Tỉnh Hà Tĩnh", ("042",), 3.0),
    Province("Tỉnh Quảng Trị", ("045", "044"), 1.8),
    Province("Thành phố Huế", ("046",), 1.5),
    Province("Thành phố Đà Nẵng", ("048", "049"), 1.8),
    Province("Tỉnh Quảng Ngãi", ("051", "062"), 1.2),
    Province("Tỉnh Gia Lai", ("064", "052"), 1.4),
    Province("Tỉnh Khánh Hòa", ("056", "058"), 0.8),
    Province("Tỉnh Lâm Đồng", ("068", "067", "060"), 0.9),
    Province("Tỉnh Đắk Lắk", ("066", "054"), 0.9),
    Province("Thành phố Hồ Chí Minh", ("079", "074", "077"), 3.5),
    Province("Tỉnh Đồng Nai", ("075", "070"), 0.8),
    Province("Tỉnh Tây Ninh", ("072", "080"), 0.6),
    Province("Thành phố Cần Thơ", ("092", "094", "093"), 0.7),
    Province("Tỉnh Vĩnh Long", ("086", "083", "084"), 0.7),
    Province("Tỉnh Đồng Tháp", ("087", "082"), 0.6),
    Province("Tỉnh Cà Mau", ("096", "095"), 0.4),
    Province("Tỉnh An Giang", ("089", "091"), 0.6),
)

# Commune and ward names that occur in many provinces (xã / phường after the 2025 mergers).
COMMUNE_NAMES: tuple[str, ...] = (
    "Tân Lập", "Yên Hòa", "Đông Hưng", "Quảng Phú", "Nghĩa Hưng", "Hòa Bình", "Thuận Thành",
    "Kim Sơn", "Đức Thọ", "Xuân Trường", "Hưng Nguyên", "Vĩnh Tường", "Lạc Thủy", "Thạch Hà",
    "Hải Lăng", "Diễn Châu", "Quỳnh Lưu", "Thọ Xuân", "Nông Cống", "Gia Lộc", "Tiên Lữ",
    "Vũ Thư", "Kiến Xương", "Thái Thụy", "Ý Yên", "Nam Trực", "Hải Hậu", "Lý Nhân",
    "Bình Lục", "Ứng Hòa", "Phú Xuyên", "Sóc Sơn", "Đông Anh", "Mê Linh", "Ba Vì",
    "Phúc Thọ", "Thạch Thất", "Quốc Oai", "Chương Mỹ", "Thanh Oai", "Mỹ Đức", "Yên Lạc",
    "Lập Thạch", "Tam Dương", "Cẩm Khê", "Thanh Sơn", "Đoan Hùng", "Yên Thế", "Lục Ngạn",
    "Hiệp Hòa", "Quế Võ", "Tiên Du", "Gia Bình", "Lương Tài", "Đồng Hỷ", "Phổ Yên",
    "Định Hóa", "Chợ Mới", "Bảo Lạc", "Hà Quảng", "Trùng Khánh", "Tràng Định", "Hữu Lũng",
    "Mộc Châu", "Thuận Châu", "Mường Thanh", "Tủa Chùa", "Văn Chấn", "Lục Yên", "Bảo Thắng",
    "Hàm Yên", "Chiêm Hóa", "Bắc Mê", "Tiên Yên", "Đầm Hà", "Vân Đồn", "Cẩm Giàng",
    "Kinh Môn", "Tiên Lãng", "Vĩnh Bảo", "An Lão", "Thủy Nguyên", "Triệu Phong", "Gio Linh",
    "Bố Trạch", "Quảng Điền", "Phú Vang", "Điện Bàn", "Duy Xuyên", "Tư Nghĩa", "Mộ Đức",
    "Hoài Nhơn", "Phù Cát", "Tuy An", "Ninh Hòa", "Cam Lâm", "Đức Trọng", "Bảo Lộc",
    "Cư M'gar", "Krông Pắc", "Củ Chi", "Hóc Môn", "Cần Giờ", "Long Thành", "Trảng Bom",
    "Gò Dầu", "Cần Giuộc", "Phong Điền", "Châu Thành", "Cái Nước", "Trần Văn Thời",
    "Chợ Gạo", "Cao Lãnh", "Tịnh Biên", "Hòn Đất", "Mỏ Cày", "Trà Cú", "Long Hồ",
)

# Streets and wards of Hà Nội, where nearly every central agency sits.
HANOI_STREETS: tuple[str, ...] = (
    "Kim Mã", "Nguyễn Chí Thanh", "Láng Hạ", "Trần Duy Hưng", "Hoàng Quốc Việt", "Xuân Thủy",
    "Giải Phóng", "Trường Chinh", "Nguyễn Trãi", "Lê Duẩn", "Đội Cấn", "Phạm Văn Đồng",
    "Tôn Đức Thắng", "Đê La Thành", "Lạc Long Quân", "Nguyễn Văn Cừ", "Minh Khai",
    "Trần Khát Chân", "Kim Ngưu", "Lĩnh Nam", "Nguyễn Xiển", "Khuất Duy Tiến", "Lê Văn Lương",
    "Tố Hữu", "Quang Trung", "Cầu Giấy", "Nguyễn Phong Sắc", "Trần Cung", "Phạm Hùng",
    "Hồ Tùng Mậu", "Văn Cao", "Thụy Khuê", "Âu Cơ", "Nghi Tàm", "Ngọc Lâm", "Nguyễn Sơn",
)
HANOI_WARDS: tuple[str, ...] = (
    "Ba Đình", "Ngọc Hà", "Giảng Võ", "Hoàn Kiếm", "Cửa Nam", "Đống Đa", "Kim Liên",
    "Văn Miếu - Quốc Tử Giám", "Láng", "Ô Chợ Dừa", "Hai Bà Trưng", "Bạch Mai", "Vĩnh Tuy",
    "Thanh Xuân", "Khương Đình", "Cầu Giấy", "Nghĩa Đô", "Yên Hòa", "Tây Hồ", "Phú Thượng",
    "Long Biên", "Bồ Đề", "Việt Hưng", "Hoàng Mai", "Định Công", "Lĩnh Nam", "Hà Đông",
    "Dương Nội", "Kiến Hưng", "Từ Liêm", "Xuân Đỉnh", "Tây Mỗ", "Đại Mỗ", "Phú Diễn",
)

# Countries of Vietnamese diplomatic and trade missions (country, capital or mission city).
MISSION_COUNTRIES: tuple[str, ...] = (
    "Lào", "Campuchia", "Trung Quốc", "Nhật Bản", "Hàn Quốc", "Thái Lan", "Singapore",
    "Malaysia", "Indonesia", "Philippines", "Myanmar", "Brunei", "Ấn Độ", "Bangladesh",
    "Mông Cổ", "Kazakhstan", "Liên bang Nga", "Belarus", "Ukraina", "Ba Lan", "Séc",
    "Hungary", "Bulgaria", "Romania", "Pháp", "Đức", "Vương quốc Anh", "Italia",
    "Tây Ban Nha", "Hà Lan", "Bỉ", "Áo", "Thụy Sĩ", "Thụy Điển", "Na Uy", "Đan Mạch",
    "Phần Lan", "Hoa Kỳ", "Canada", "Cuba", "Mexico", "Brazil", "Argentina", "Chile",
    "Venezuela", "Úc", "New Zealand", "Ai Cập", "Algeria", "Nam Phi", "Angola",
    "Mozambique", "Nigeria", "Thổ Nhĩ Kỳ", "Israel", "Ả-rập Xê-út", "Kuwait",
    "Các Tiểu vương quốc Ả-rập Thống nhất", "Iran", "Qatar",
)
CONSULATE_CITIES: tuple[tuple[str, str], ...] = (
    ("Trung Quốc", "Quảng Châu"), ("Trung Quốc", "Côn Minh"), ("Trung Quốc", "Nam Ninh"),
    ("Trung Quốc", "Thượng Hải"), ("Trung Quốc", "Hồng Kông"), ("Nhật Bản", "Osaka"),
    ("Nhật Bản", "Fukuoka"), ("Hàn Quốc", "Busan"), ("Lào", "Luông Pha-bang"),
    ("Lào", "Pắc-xế"), ("Campuchia", "Xiêm Riệp"), ("Thái Lan", "Khon Kaen"),
    ("Hoa Kỳ", "San Francisco"), ("Hoa Kỳ", "Houston"), ("Úc", "Sydney"),
    ("Liên bang Nga", "Vladivostok"), ("Đức", "Frankfurt"), ("Canada", "Vancouver"),
)
_PROVINCES = Weighted(PROVINCES, [province.weight for province in PROVINCES])


def pick_province(rng: random.Random) -> Province:
    return _PROVINCES.pick(rng)


def commune_address(rng: random.Random, province: Province) -> str:
    """'Xã Diễn Châu, Tỉnh Nghệ An' or 'Phường Hòa Bình, Thành phố Đà Nẵng'."""
    unit = "Phường" if province.is_city and rng.random() < 0.6 else "Xã"
    return f"{unit} {rng.choice(COMMUNE_NAMES)}, {province.name}"


def hanoi_address(rng: random.Random) -> str:
    """'Số 12, ngõ 34 phố Kim Mã, Phường Giảng Võ, Thành phố Hà Nội'."""
    number = rng.randint(1, 180)
    street = rng.choice(HANOI_STREETS)
    ward = rng.choice(HANOI_WARDS)
    if rng.random() < 0.55:
        lane = rng.randint(2, 320)
        return f"Số {number}, ngõ {lane} phố {street}, Phường {ward}, Thành phố Hà Nội"
    return f"Số {number} phố {street}, Phường {ward}, Thành phố Hà Nội"

"""Official code lists stored as text in member records (data, not UI labels)."""

from __future__ import annotations

# The 54 ethnic groups of Vietnam (Danh mục các dân tộc Việt Nam, Tổng cục Thống kê).
ETHNICITIES: tuple[str, ...] = (
    "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai",
    "Ngái", "Ê Đê", "Ba Na", "Xơ Đăng", "Sán Chay", "Cơ Ho", "Chăm", "Sán Dìu", "Hrê", "Mnông",
    "Raglay", "Xtiêng", "Bru-Vân Kiều", "Thổ", "Giáy", "Cơ Tu", "Gié Triêng", "Mạ", "Khơ Mú",
    "Co", "Tà Ôi", "Chơ Ro", "Kháng", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "La Ha",
    "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cơ Lao", "Cống", "Bố Y",
    "Si La", "Pu Péo", "Brâu", "Ơ Đu", "Rơ Măm",
)

MAJORITY_ETHNICITY = "Kinh"
NO_RELIGION = "Không"

# Religions recognised by the state, plus "Không" (none).
RELIGIONS: tuple[str, ...] = (
    NO_RELIGION, "Phật giáo", "Công giáo", "Tin lành", "Cao Đài", "Phật giáo Hòa Hảo", "Hồi giáo",
    "Tôn giáo Baha'i", "Tịnh độ Cư sĩ Phật hội Việt Nam", "Cơ đốc Phục lâm", "Phật giáo Tứ Ân Hiếu nghĩa",
    "Minh Sư đạo", "Minh Lý đạo", "Bửu Sơn Kỳ Hương", "Bà-la-môn", "Giáo hội Các Thánh hữu Ngày sau",
    "Phật giáo Hiếu Nghĩa Tà Lơn", "Giáo hội Phật đường Nam tông Minh Sư đạo", "Khác",
)

# Kinds of unit an organisation sits in (loại hình, §1.4), used by statistics. The list is open:
# the organisation form also offers every value already stored.
ORG_AREA_TYPES: tuple[str, ...] = (
    "Cơ quan hành chính", "Đơn vị sự nghiệp", "Doanh nghiệp", "Xã, phường, đặc khu", "Ngoài nước",
)

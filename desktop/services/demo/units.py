"""Names of the bodies, units and sub-units the demo organisations belong to.

A *body* is a ministry, agency, corporation, academy or mass organisation whose party
organisation sits directly under the root. Its *big units* (departments, institutes, hospitals,
companies) get a grassroots committee (đảng bộ cơ sở), its *small units* a grassroots cell
(chi bộ cơ sở). Templates "{province}" and "{region}" expand to one unit per province or
numbered region. Sub-units (the subordinate cells) are named from pools chosen by the kind of
unit, which is recognised from the first words of its name.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from desktop.services.demo.places import CONSULATE_CITIES, MISSION_COUNTRIES, PROVINCES


class UnitKind(enum.Enum):
    OFFICE = "OFFICE"
    HOSPITAL = "HOSPITAL"
    UNIVERSITY = "UNIVERSITY"
    INSTITUTE = "INSTITUTE"
    PRESS = "PRESS"
    ENTERPRISE = "ENTERPRISE"
    MISSION = "MISSION"


# Area types of the statistics (domain spec §8, ORG_COUNT).
AREA_TYPES: dict[UnitKind, str] = {
    UnitKind.OFFICE: "Cơ quan hành chính",
    UnitKind.HOSPITAL: "Đơn vị sự nghiệp",
    UnitKind.UNIVERSITY: "Đơn vị sự nghiệp",
    UnitKind.INSTITUTE: "Đơn vị sự nghiệp",
    UnitKind.PRESS: "Đơn vị sự nghiệp",
    UnitKind.ENTERPRISE: "Doanh nghiệp",
    UnitKind.MISSION: "Ngoài nước",
}

_PREFIX_KINDS: tuple[tuple[str, UnitKind], ...] = (
    ("Bệnh viện", UnitKind.HOSPITAL),
    ("Trường", UnitKind.UNIVERSITY),
    ("Học viện", UnitKind.UNIVERSITY),
    ("Đại học", UnitKind.UNIVERSITY),
    ("Viện", UnitKind.INSTITUTE),
    ("Phân viện", UnitKind.INSTITUTE),
    ("Phân hiệu", UnitKind.UNIVERSITY),
    ("Bảo tàng", UnitKind.INSTITUTE),
    ("Thư viện", UnitKind.INSTITUTE),
    ("Báo", UnitKind.PRESS),
    ("Tạp chí", UnitKind.PRESS),
    ("Đài", UnitKind.PRESS),
    ("Nhà xuất bản", UnitKind.PRESS),
    ("Thông tấn", UnitKind.PRESS),
    ("Truyền hình", UnitKind.PRESS),
    ("Tập đoàn", UnitKind.ENTERPRISE),
    ("Tổng công ty", UnitKind.ENTERPRISE),
    ("Công ty", UnitKind.ENTERPRISE),
    ("Ngân hàng", UnitKind.ENTERPRISE),
    ("Chi nhánh", UnitKind.ENTERPRISE),
    ("Liên doanh", UnitKind.ENTERPRISE),
    ("Các cơ quan đại diện", UnitKind.MISSION),
    ("Hệ thống Thương vụ", UnitKind.MISSION),
)


def unit_kind(unit: str, default: UnitKind = UnitKind.OFFICE) -> UnitKind:
    for prefix, kind in _PREFIX_KINDS:
        if unit.startswith(prefix):
            return kind
    return default


@dataclass(frozen=True)
class Body:
    name: str
    weight: float  # relative size (share of the grassroots organisations)
    kind: UnitKind = UnitKind.OFFICE  # default kind of its units
    big_units: tuple[str, ...] = ()
    small_units: tuple[str, ...] = ()


ROOT_NAME = "Đảng bộ Khối các cơ quan Trung ương"
ROOT_CODE = "DBK"
ROOT_UNIT = "Khối các cơ quan Trung ương"
# What the root's documents print (§7.2, §7.4, §7.5): its committee, symbol and place.
ROOT_ISSUER_NAME = "Đảng ủy Khối các cơ quan Trung ương"
ROOT_ISSUER_CODE = "ĐUK"
ROOT_PLACE = "Hà Nội"

_OFFICE_SMALL = (
    "Vụ Tổ chức cán bộ", "Vụ Pháp chế", "Vụ Hợp tác quốc tế", "Vụ Kế hoạch - Tài chính",
    "Vụ Thi đua - Khen thưởng", "Vụ Tổng hợp", "Vụ Khoa học và Công nghệ", "Thanh tra",
    "Vụ Truyền thông", "Vụ Quản lý doanh nghiệp", "Vụ Chính sách", "Vụ Kiểm tra",
    "Vụ Đào tạo", "Vụ Thông tin và Thống kê",
)
_OFFICE_BIG = (
    "Văn phòng", "Trung tâm Công nghệ thông tin", "Trung tâm Thông tin và Truyền thông",
    "Trung tâm Đào tạo, bồi dưỡng cán bộ", "Ban Quản lý dự án đầu tư xây dựng",
    "Trung tâm Lưu trữ và Thư viện", "Trung tâm Dịch vụ hành chính công",
)
_ENTERPRISE_SMALL = (
    "Ban Tổng hợp", "Ban Kiểm soát nội bộ", "Ban Kế hoạch", "Ban Tài chính - Kế toán",
    "Ban Tổ chức - Nhân sự", "Ban Pháp chế", "Ban Kiểm toán nội bộ", "Ban An toàn",
    "Ban Đầu tư", "Ban Truyền thông", "Ban Kỹ thuật", "Ban Quản lý vật tư",
)
_ENTERPRISE_BIG = ("Cơ quan điều hành", "Trung tâm Dịch vụ kỹ thuật", "Chi nhánh {province}")

# Bodies whose party organisation is a superior committee (đảng ủy cấp trên cơ sở).
SUPERIOR_BODIES: tuple[Body, ...] = (
    Body(
        "Bộ Tài chính", 3.4,
        big_units=(
            "Cục Thuế", "Cục Hải quan", "Kho bạc Nhà nước", "Cục Quản lý giá", "Cục Thống kê",
            "Ủy ban Chứng khoán Nhà nước", "Cục Dự trữ Nhà nước",
            "Cục Quản lý nợ và Kinh tế đối ngoại",
            "Viện Chiến lược và Chính sách kinh tế - tài chính", "Học viện Tài chính",
            "Trường Đại học Tài chính - Marketing", "Báo Tài chính - Đầu tư",
            "Cục Thuế khu vực {region}", "Chi cục Hải quan khu vực {region}",
        ),
        small_units=(
            "Vụ Ngân sách nhà nước", "Vụ Chính sách thuế", "Vụ Đầu tư",
            "Vụ Tài chính - Kinh tế ngành", "Vụ Tài chính hành chính, sự nghiệp",
            "Cục Quản lý công sản", "Tạp chí Tài chính",
        ),
    ),
    Body(
        "Bộ Y tế", 3.0,
        big_units=(
            "Bệnh viện Bạch Mai", "Bệnh viện Hữu nghị Việt Đức", "Bệnh viện Chợ Rẫy",
            "Bệnh viện Trung ương Huế", "Bệnh viện K", "Bệnh viện Nhi Trung ương",
            "Bệnh viện Phụ sản Trung ương", "Bệnh viện Mắt Trung ương",
            "Bệnh viện Nội tiết Trung ương", "Bệnh viện Lão khoa Trung ương", "Bệnh viện E",
            "Bệnh viện Thống Nhất", "Bệnh viện Răng Hàm Mặt Trung ương Hà Nội",
            "Bệnh viện Phổi Trung ương", "Bệnh viện Châm cứu Trung ương",
            "Bệnh viện Da liễu Trung ương", "Bệnh viện Hữu Nghị", "Trường Đại học Y Hà Nội",
            "Trường Đại học Dược Hà Nội", "Viện Vệ sinh dịch tễ Trung ương", "Viện Dinh dưỡng",
            "Viện Pasteur Nha Trang", "Cục Quản lý Khám, chữa bệnh",
        ),
        small_units=(
            "Cục Quản lý Dược", "Cục An toàn thực phẩm", "Cục Phòng bệnh", "Cục Bà mẹ và Trẻ em",
            "Vụ Bảo hiểm y tế", "Cục Khoa học công nghệ và Đào tạo", "Báo Sức khỏe và Đời sống",
            "Vụ Trang thiết bị và Công trình y tế",
        ),
    ),
    Body(
        "Bộ Giáo dục và Đào tạo", 2.6,
        big_units=(
            "Trường Đại học Bách khoa Hà Nội", "Trường Đại học Sư phạm Hà Nội",
            "Trường Đại học Kinh tế Quốc dân", "Trường Đại học Xây dựng Hà Nội",
            "Trường Đại học Mỏ - Địa chất", "Trường Đại học Thủy lợi",
            "Trường Đại học Ngoại thương", "Trường Đại học Giao thông vận tải",
            "Trường Đại học Thương mại", "Trường Đại học Luật Hà Nội", "Trường Đại học Mở Hà Nội",
            "Học viện Quản lý giáo dục", "Trường Đại học Sư phạm Kỹ thuật Hưng Yên",
            "Trường Đại học Nông Lâm Thái Nguyên", "Viện Khoa học Giáo dục Việt Nam",
            "Nhà xuất bản Giáo dục Việt Nam",
        ),
        small_units=(
            "Vụ Giáo dục Mầm non", "Vụ Giáo dục Phổ thông", "Vụ Giáo dục Đại học",
            "Cục Quản lý chất lượng", "Cục Nhà giáo và Cán bộ quản lý giáo dục",
            "Báo Giáo dục và Thời đại", "Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên",
        ),
    ),
    Body(
        "Bộ Công Thương", 2.2,
        big_units=(
            "Hệ thống Thương vụ Việt Nam ở nước ngoài",
            "Cục Quản lý và Phát triển thị trường trong nước", "Cục Điện lực", "Cục Hóa chất",
            "Viện Năng lượng", "Trường Đại học Điện lực", "Trường Đại học Công nghiệp Hà Nội",
            "Báo Công Thương", "Cục Xuất nhập khẩu",
        ),
        small_units=(
            "Cục Phòng vệ thương mại", "Cục Thương mại điện tử và Kinh tế số",
            "Vụ Thị trường châu Âu - châu Mỹ", "Vụ Thị trường châu Á - châu Phi", "Cục Công nghiệp",
            "Vụ Chính sách thương mại đa biên", "Cục Cạnh tranh và Bảo vệ người tiêu dùng",
            "Tạp chí Công Thương",
        ),
    ),
    Body(
        "Bộ Ngoại giao", 1.6,
        big_units=(
            "Các cơ quan đại diện Việt Nam ở nước ngoài", "Cục Lãnh sự", "Cục Lễ tân Nhà nước",
            "Học viện Ngoại giao", "Cục Phục vụ ngoại giao đoàn",
        ),
        small_units=(
            "Ủy ban Biên giới quốc gia", "Vụ ASEAN", "Vụ Luật pháp và Điều ước quốc tế",
            "Vụ Thông tin Báo chí", "Ủy ban Nhà nước về người Việt Nam ở nước ngoài",
            "Vụ Chính sách đối ngoại", "Vụ Đông Nam Á - Nam Á - Nam Thái Bình Dương", "Vụ Châu Âu",
            "Vụ Châu Mỹ",
        ),
    ),
    Body(
        "Bộ Tư pháp", 1.2,
        big_units=(
            "Cục Quản lý thi hành án dân sự", "Trường Đại học Luật Hà Nội", "Học viện Tư pháp",
            "Cục Đăng ký quốc gia giao dịch bảo đảm",
        ),
        small_units=(
            "Vụ Pháp luật hình sự - hành chính", "Vụ Pháp luật dân sự - kinh tế",
            "Cục Hộ tịch, quốc tịch, chứng thực", "Cục Bổ trợ tư pháp",
            "Cục Kiểm tra văn bản quy phạm pháp luật", "Cục Trợ giúp pháp lý",
            "Báo Pháp luật Việt Nam", "Tạp chí Dân chủ và Pháp luật",
        ),
    ),
    Body(
        "Bộ Nội vụ", 1.4,
        big_units=(
            "Cục Văn thư và Lưu trữ nhà nước", "Học viện Hành chính và Quản trị công",
            "Trường Đại học Nội vụ Hà Nội", "Cục Việc làm", "Bảo hiểm xã hội Việt Nam",
        ),
        small_units=(
            "Vụ Công chức - Viên chức", "Vụ Chính quyền địa phương", "Vụ Tổ chức - Biên chế",
            "Vụ Tiền lương", "Ban Thi đua - Khen thưởng Trung ương", "Cục Người có công",
            "Báo Dân trí",
        ),
    ),
    Body(
        "Bộ Xây dựng", 2.0,
        big_units=(
            "Cục Đường bộ Việt Nam", "Cục Hàng hải và Đường thủy Việt Nam",
            "Cục Đường sắt Việt Nam", "Cục Hàng không Việt Nam", "Viện Khoa học công nghệ xây dựng",
            "Trường Đại học Kiến trúc Hà Nội", "Viện Chiến lược và Phát triển giao thông vận tải",
            "Báo Xây dựng", "Khu Quản lý đường bộ {region}",
        ),
        small_units=(
            "Cục Quản lý hoạt động xây dựng", "Cục Kinh tế - Quản lý đầu tư xây dựng",
            "Cục Phát triển đô thị", "Cục Giám định nhà nước về chất lượng công trình xây dựng",
            "Vụ Vận tải và An toàn giao thông", "Tạp chí Xây dựng",
        ),
    ),
    Body(
        "Bộ Nông nghiệp và Môi trường", 2.4,
        big_units=(
            "Cục Trồng trọt và Bảo vệ thực vật", "Cục Chăn nuôi và Thú y",
            "Cục Thủy sản và Kiểm ngư", "Cục Lâm nghiệp và Kiểm lâm", "Cục Quản lý tài nguyên nước",
            "Cục Khí tượng Thủy văn", "Cục Quản lý đất đai", "Cục Địa chất và Khoáng sản Việt Nam",
            "Viện Khoa học Nông nghiệp Việt Nam", "Học viện Nông nghiệp Việt Nam",
            "Trường Đại học Tài nguyên và Môi trường Hà Nội",
            "Đài Khí tượng Thủy văn khu vực {region}", "Báo Nông nghiệp và Môi trường",
        ),
        small_units=(
            "Cục Biến đổi khí hậu", "Cục Môi trường",
            "Cục Đo đạc, Bản đồ và Thông tin địa lý Việt Nam",
            "Cục Kinh tế hợp tác và Phát triển nông thôn",
            "Cục Quản lý đê điều và Phòng, chống thiên tai", "Cục Biển và Hải đảo Việt Nam",
            "Tạp chí Nông nghiệp và Môi trường",
        ),
    ),
    Body(
        "Bộ Khoa học và Công nghệ", 1.6,
        big_units=(
            "Tổng công ty Bưu điện Việt Nam", "Cục Tần số vô tuyến điện",
            "Học viện Công nghệ Bưu chính Viễn thông", "Cục Sở hữu trí tuệ",
            "Ủy ban Tiêu chuẩn Đo lường Chất lượng quốc gia", "Viện Năng lượng nguyên tử Việt Nam",
        ),
        small_units=(
            "Cục An toàn bức xạ và hạt nhân", "Cục Viễn thông",
            "Cục Công nghiệp công nghệ thông tin", "Cục Chuyển đổi số quốc gia",
            "Cục Đổi mới sáng tạo", "Cục Khởi nghiệp và Doanh nghiệp công nghệ", "Báo VnExpress",
            "Tạp chí Khoa học và Công nghệ Việt Nam",
        ),
    ),
    Body(
        "Bộ Văn hóa, Thể thao và Du lịch", 1.6,
        big_units=(
            "Cục Thể dục thể thao Việt Nam", "Cục Du lịch Quốc gia Việt Nam",
            "Trường Đại học Văn hóa Hà Nội", "Học viện Âm nhạc Quốc gia Việt Nam",
            "Bảo tàng Lịch sử Quốc gia", "Nhà hát Lớn Hà Nội", "Đài Truyền hình Kỹ thuật số VTC",
        ),
        small_units=(
            "Cục Di sản văn hóa", "Cục Nghệ thuật biểu diễn", "Cục Điện ảnh",
            "Cục Mỹ thuật, Nhiếp ảnh và Triển lãm", "Cục Báo chí", "Cục Xuất bản, In và Phát hành",
            "Thư viện Quốc gia Việt Nam", "Báo Văn hóa",
        ),
    ),
    Body(
        "Bộ Dân tộc và Tôn giáo", 0.7,
        big_units=(
            "Học viện Dân tộc", "Báo Dân tộc và Phát triển",
        ),
        small_units=(
            "Ban Tôn giáo Chính phủ", "Vụ Chính sách dân tộc", "Vụ Địa phương I",
            "Vụ Địa phương II", "Vụ Dân tộc thiểu số", "Tạp chí Dân tộc",
        ),
    ),
    Body(
        "Ngân hàng Nhà nước Việt Nam", 1.8,
        big_units=(
            "Học viện Ngân hàng", "Cục Phát hành và Kho quỹ", "Cục Công nghệ thông tin",
            "Cơ quan Thanh tra, giám sát ngân hàng",
            "Ngân hàng Nhà nước Chi nhánh Khu vực {region}", "Nhà máy In tiền Quốc gia",
        ),
        small_units=(
            "Vụ Chính sách tiền tệ", "Vụ Quản lý ngoại hối", "Vụ Thanh toán",
            "Vụ Tín dụng các ngành kinh tế", "Vụ Ổn định tiền tệ - tài chính",
            "Vụ Dự báo, thống kê", "Thời báo Ngân hàng",
        ),
    ),
    Body(
        "Thanh tra Chính phủ", 0.7,
        small_units=(
            "Cục Giải quyết khiếu nại, tố cáo và Thanh tra khu vực 1",
            "Cục Phòng, chống tham nhũng", "Cục Thanh tra khối kinh tế",
            "Cục Thanh tra khối nội chính", "Cục Thanh tra khối văn hóa - xã hội",
            "Trường Cán bộ Thanh tra", "Báo Thanh tra",
        ),
    ),
    Body(
        "Văn phòng Chính phủ", 1.0,
        big_units=(
            "Cổng Thông tin điện tử Chính phủ", "Cục Quản trị - Tài vụ",
        ),
        small_units=(
            "Vụ Tổng hợp", "Vụ Kinh tế ngành", "Vụ Khoa giáo - Văn xã", "Vụ Nội chính",
            "Vụ Quan hệ quốc tế", "Vụ Đổi mới doanh nghiệp", "Cục Kiểm soát thủ tục hành chính",
            "Vụ Công nghiệp", "Vụ Nông nghiệp",
        ),
    ),
    Body(
        "Tòa án nhân dân tối cao", 1.2,
        big_units=(
            "Tòa án nhân dân cấp cao tại Hà Nội", "Tòa án nhân dân cấp cao tại Đà Nẵng",
            "Tòa án nhân dân cấp cao tại Thành phố Hồ Chí Minh", "Học viện Tòa án",
        ),
        small_units=(
            "Vụ Giám đốc kiểm tra I", "Vụ Giám đốc kiểm tra II", "Vụ Giám đốc kiểm tra III",
            "Vụ Pháp chế và Quản lý khoa học", "Báo Công lý", "Tạp chí Tòa án nhân dân",
        ),
    ),
    Body(
        "Viện kiểm sát nhân dân tối cao", 1.2,
        big_units=(
            "Viện kiểm sát nhân dân cấp cao tại Hà Nội",
            "Viện kiểm sát nhân dân cấp cao tại Đà Nẵng",
            "Viện kiểm sát nhân dân cấp cao tại Thành phố Hồ Chí Minh",
            "Trường Đại học Kiểm sát Hà Nội", "Cơ quan điều tra Viện kiểm sát nhân dân tối cao",
        ),
        small_units=(
            "Vụ Thực hành quyền công tố và kiểm sát xét xử án hình sự", "Vụ Kiểm sát án dân sự",
            "Vụ Kiểm sát án hành chính, kinh doanh, thương mại",
            "Vụ Hợp tác quốc tế và Tương trợ tư pháp", "Báo Bảo vệ pháp luật", "Tạp chí Kiểm sát",
        ),
    ),
    Body(
        "Kiểm toán nhà nước", 1.2,
        big_units=(
            "Kiểm toán nhà nước khu vực {region}", "Văn phòng Kiểm toán nhà nước",
        ),
        small_units=(
            "Kiểm toán nhà nước chuyên ngành I", "Kiểm toán nhà nước chuyên ngành II",
            "Kiểm toán nhà nước chuyên ngành III", "Kiểm toán nhà nước chuyên ngành IV",
            "Kiểm toán nhà nước chuyên ngành V", "Vụ Chế độ và Kiểm soát chất lượng kiểm toán",
            "Báo Kiểm toán",
        ),
    ),
    Body(
        "Văn phòng Quốc hội", 1.2,
        big_units=(
            "Viện Nghiên cứu lập pháp", "Truyền hình Quốc hội Việt Nam", "Báo Đại biểu Nhân dân",
            "Cục Quản trị",
        ),
        small_units=(
            "Vụ Pháp luật và Tư pháp", "Vụ Kinh tế và Tài chính",
            "Vụ Quốc phòng, An ninh và Đối ngoại", "Vụ Văn hóa và Xã hội",
            "Vụ Khoa học, Công nghệ và Môi trường", "Vụ Dân nguyện và Giám sát",
            "Vụ Công tác đại biểu", "Vụ Dân tộc",
        ),
    ),
    Body(
        "Ban Tổ chức Trung ương", 0.8,
        small_units=(
            "Vụ Tổ chức - Điều lệ", "Vụ Cán bộ", "Vụ Bảo vệ chính trị nội bộ",
            "Vụ Chính sách cán bộ", "Cục Quản lý cán bộ, đảng viên", "Tạp chí Xây dựng Đảng",
            "Vụ Địa phương",
        ),
    ),
    Body(
        "Ban Tuyên giáo và Dân vận Trung ương", 0.9,
        small_units=(
            "Vụ Lý luận chính trị", "Vụ Báo chí - Xuất bản", "Vụ Văn hóa - Văn nghệ",
            "Vụ Khoa giáo", "Vụ Dân vận các cơ quan nhà nước", "Vụ Tôn giáo", "Vụ Dân tộc",
            "Vụ Tuyên truyền", "Báo Điện tử Tuyên giáo",
        ),
    ),
    Body(
        "Văn phòng Trung ương Đảng", 1.0,
        big_units=(
            "Cục Quản trị T.78", "Cục Quản trị T.26", "Nhà khách Trung ương",
        ),
        small_units=(
            "Vụ Tổng hợp", "Vụ Hành chính - Lưu trữ", "Vụ Tài chính - Kế toán",
            "Cục Lưu trữ Văn phòng Trung ương Đảng", "Vụ Cơ yếu", "Vụ Công nghệ thông tin",
            "Cục Tài chính Đảng",
        ),
    ),
    Body(
        "Ủy ban Kiểm tra Trung ương", 0.7,
        small_units=(
            "Vụ Địa phương I", "Vụ Địa phương II", "Vụ Địa phương III", "Vụ Địa phương IV",
            "Vụ Địa phương V", "Vụ Nghiên cứu", "Tạp chí Kiểm tra", "Vụ Tài chính Đảng",
        ),
    ),
    Body(
        "Báo Nhân Dân", 1.0, kind=UnitKind.PRESS,
        big_units=(
            "Truyền hình Nhân Dân",
        ),
        small_units=(
            "Ban Thư ký tòa soạn", "Ban Chính trị", "Ban Kinh tế", "Ban Văn hóa - Văn nghệ",
            "Ban Quốc tế", "Ban Điện tử", "Ban Bạn đọc", "Ban Xây dựng Đảng",
        ),
    ),
    Body(
        "Học viện Chính trị quốc gia Hồ Chí Minh", 1.8, kind=UnitKind.UNIVERSITY,
        big_units=(
            "Học viện Báo chí và Tuyên truyền", "Học viện Chính trị khu vực I",
            "Học viện Chính trị khu vực II", "Học viện Chính trị khu vực III",
            "Học viện Chính trị khu vực IV", "Học viện Lý luận chính trị", "Viện Triết học",
            "Viện Kinh tế", "Viện Chính trị học", "Viện Xây dựng Đảng",
            "Viện Hồ Chí Minh và các lãnh tụ của Đảng", "Viện Lịch sử Đảng",
        ),
        small_units=(
            "Tạp chí Lý luận chính trị", "Vụ Quản lý đào tạo", "Vụ Quản lý khoa học", "Thư viện",
        ),
    ),
    Body(
        "Đài Truyền hình Việt Nam", 1.6, kind=UnitKind.PRESS,
        big_units=(
            "Ban Thời sự", "Trung tâm Sản xuất và Phát triển nội dung số",
            "Trung tâm Kỹ thuật truyền hình",
            "Trung tâm Truyền hình Việt Nam tại Thành phố Hồ Chí Minh",
            "Trung tâm Truyền hình Việt Nam khu vực miền Trung - Tây Nguyên",
            "Ban Sản xuất các chương trình giải trí",
        ),
        small_units=(
            "Ban Khoa giáo", "Ban Văn nghệ", "Ban Thể thao", "Ban Truyền hình đối ngoại",
            "Ban Thư ký biên tập", "Ban Kế hoạch - Tài chính",
        ),
    ),
    Body(
        "Đài Tiếng nói Việt Nam", 1.4, kind=UnitKind.PRESS,
        big_units=(
            "Hệ Thời sự - Chính trị - Tổng hợp", "Hệ Phát thanh đối ngoại",
            "Trung tâm Kỹ thuật Phát thanh", "Cơ quan thường trú khu vực phía Nam",
            "Trường Cao đẳng Phát thanh - Truyền hình I",
        ),
        small_units=(
            "Hệ Văn hóa - Xã hội", "Hệ Phát thanh dân tộc", "Báo Điện tử VOV", "Hệ Giao thông",
            "Ban Thư ký biên tập", "Tạp chí Phát thanh và Truyền hình",
        ),
    ),
    Body(
        "Thông tấn xã Việt Nam", 1.4, kind=UnitKind.PRESS,
        big_units=(
            "Trung tâm Thông tin tư liệu", "Báo Tin tức và Dân tộc", "Truyền hình Thông tấn",
            "Cơ quan thường trú khu vực phía Nam", "Báo Việt Nam News", "Nhà xuất bản Thông tấn",
        ),
        small_units=(
            "Ban Biên tập Tin trong nước", "Ban Biên tập Tin Thế giới", "Ban Biên tập Ảnh",
            "Ban Biên tập Tin Kinh tế", "Ban Tin Đối ngoại", "Tạp chí Thông tấn",
        ),
    ),
    Body(
        "Viện Hàn lâm Khoa học xã hội Việt Nam", 1.4, kind=UnitKind.INSTITUTE,
        big_units=(
            "Học viện Khoa học xã hội", "Viện Triết học", "Viện Sử học", "Viện Văn học",
            "Viện Kinh tế Việt Nam và Thế giới", "Viện Xã hội học và Tâm lý học",
        ),
        small_units=(
            "Viện Ngôn ngữ học", "Viện Nghiên cứu Hán Nôm", "Viện Dân tộc học và Tôn giáo học",
            "Viện Nghiên cứu Trung Quốc", "Viện Nghiên cứu Đông Nam Á",
            "Viện Nhà nước và Pháp luật", "Viện Khảo cổ học", "Viện Nghiên cứu Con người",
            "Viện Địa lý nhân văn", "Viện Nghiên cứu Châu Âu", "Viện Nghiên cứu Châu Mỹ",
        ),
    ),
    Body(
        "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", 1.8, kind=UnitKind.INSTITUTE,
        big_units=(
            "Viện Toán học", "Viện Vật lý", "Viện Hóa học", "Viện Công nghệ sinh học",
            "Viện Cơ học", "Viện Khoa học vật liệu", "Viện Địa chất", "Viện Công nghệ thông tin",
            "Viện Hải dương học", "Trường Đại học Khoa học và Công nghệ Hà Nội",
            "Viện Khoa học và Công nghệ Vũ trụ Việt Nam",
        ),
        small_units=(
            "Bảo tàng Thiên nhiên Việt Nam", "Viện Sinh thái và Tài nguyên sinh vật", "Viện Địa lý",
            "Viện Vật lý địa cầu", "Viện Công nghệ môi trường", "Viện Hóa sinh biển",
            "Nhà xuất bản Khoa học tự nhiên và Công nghệ",
        ),
    ),
    Body(
        "Đại học Quốc gia Hà Nội", 2.0, kind=UnitKind.UNIVERSITY,
        big_units=(
            "Trường Đại học Khoa học Tự nhiên", "Trường Đại học Khoa học Xã hội và Nhân văn",
            "Trường Đại học Ngoại ngữ", "Trường Đại học Công nghệ", "Trường Đại học Kinh tế",
            "Trường Đại học Giáo dục", "Trường Đại học Y Dược", "Trường Đại học Luật",
            "Trường Đại học Việt Nhật", "Trường Quốc tế",
        ),
        small_units=(
            "Viện Trần Nhân Tông", "Viện Việt Nam học và Khoa học phát triển",
            "Trung tâm Thư viện và Tri thức số", "Nhà xuất bản Đại học Quốc gia Hà Nội",
            "Ban Đào tạo", "Ban Khoa học - Công nghệ",
        ),
    ),
    Body(
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", 1.0,
        big_units=(
            "Báo Đại đoàn kết",
        ),
        small_units=(
            "Ban Phong trào", "Ban Dân chủ - Pháp luật", "Ban Tuyên giáo",
            "Ban Đối ngoại và Kiều bào", "Ban Dân tộc - Tôn giáo", "Văn phòng", "Tạp chí Mặt trận",
        ),
    ),
    Body(
        "Tổng Liên đoàn Lao động Việt Nam", 1.4,
        big_units=(
            "Trường Đại học Công đoàn", "Báo Lao động", "Viện Công nhân và Công đoàn",
            "Trường Đại học Tôn Đức Thắng", "Công đoàn Viên chức Việt Nam",
        ),
        small_units=(
            "Ban Chính sách - Pháp luật", "Ban Quan hệ lao động", "Ban Tuyên giáo", "Ban Nữ công",
            "Ban Đối ngoại", "Ban Tài chính", "Nhà xuất bản Lao động",
            "Tạp chí Lao động và Công đoàn",
        ),
    ),
    Body(
        "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", 1.2,
        big_units=(
            "Học viện Thanh thiếu niên Việt Nam", "Báo Tiền Phong", "Báo Thanh Niên",
            "Nhà xuất bản Kim Đồng", "Trung tâm Hoạt động thanh thiếu nhi Trung ương",
        ),
        small_units=(
            "Ban Tuyên giáo", "Ban Thanh niên Trường học", "Ban Thanh niên Nông thôn",
            "Ban Thanh niên Công nhân và Đô thị", "Ban Quốc tế", "Hội đồng Đội Trung ương",
            "Nhà xuất bản Thanh Niên", "Báo Nhi Đồng",
        ),
    ),
    Body(
        "Trung ương Hội Liên hiệp Phụ nữ Việt Nam", 0.9,
        big_units=(
            "Học viện Phụ nữ Việt Nam", "Báo Phụ nữ Việt Nam",
        ),
        small_units=(
            "Ban Gia đình - Xã hội", "Ban Hỗ trợ phụ nữ phát triển kinh tế", "Ban Quốc tế",
            "Ban Tuyên giáo", "Bảo tàng Phụ nữ Việt Nam", "Nhà xuất bản Phụ nữ Việt Nam",
        ),
    ),
    Body(
        "Trung ương Hội Nông dân Việt Nam", 0.8,
        big_units=(
            "Báo Dân Việt",
        ),
        small_units=(
            "Ban Kinh tế", "Ban Xã hội", "Ban Tuyên giáo", "Ban Kiểm tra",
            "Trung tâm Hỗ trợ nông dân", "Tạp chí Nông thôn mới",
        ),
    ),
    Body(
        "Tập đoàn Điện lực Việt Nam", 2.6, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Tổng công ty Điện lực miền Bắc", "Tổng công ty Điện lực miền Trung",
            "Tổng công ty Điện lực miền Nam", "Tổng công ty Điện lực Thành phố Hà Nội",
            "Tổng công ty Điện lực Thành phố Hồ Chí Minh", "Tổng công ty Phát điện 1",
            "Tổng công ty Phát điện 2", "Tổng công ty Phát điện 3", "Công ty Thủy điện Hòa Bình",
            "Công ty Thủy điện Sơn La", "Công ty Nhiệt điện Phả Lại", "Công ty Điện lực {province}",
        ),
        small_units=(
            "Ban Kế hoạch", "Ban Kỹ thuật - Sản xuất", "Ban Kinh doanh", "Ban Tài chính - Kế toán",
            "Trung tâm Điều độ hệ thống điện quốc gia", "Ban Quản lý đầu tư",
        ),
    ),
    Body(
        "Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam", 2.2, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Tổng công ty Khí Việt Nam", "Tổng công ty Thăm dò Khai thác Dầu khí",
            "Tổng công ty Điện lực Dầu khí Việt Nam", "Tổng công ty Phân bón và Hóa chất Dầu khí",
            "Viện Dầu khí Việt Nam", "Trường Đại học Dầu khí Việt Nam",
            "Tổng công ty Dịch vụ Kỹ thuật Dầu khí Việt Nam", "Công ty Lọc hóa dầu Bình Sơn",
            "Tổng công ty Dầu Việt Nam",
        ),
        small_units=(
            "Ban Tìm kiếm Thăm dò", "Ban Khai thác Dầu khí", "Ban Chế biến Dầu khí",
            "Ban Thương mại - Dịch vụ", "Ban Quản trị rủi ro", "Tạp chí Năng lượng Quốc gia",
        ),
    ),
    Body(
        "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam", 2.0, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Công ty Than Hà Lầm", "Công ty Than Mạo Khê", "Công ty Than Vàng Danh",
            "Công ty Than Quang Hanh", "Công ty Than Hà Tu", "Công ty Than Núi Béo",
            "Công ty Than Dương Huy", "Công ty Than Thống Nhất", "Tổng công ty Khoáng sản",
            "Tổng công ty Điện lực - Vinacomin", "Công ty Tuyển than Cửa Ông",
            "Trường Cao đẳng Than - Khoáng sản Việt Nam", "Tổng công ty Công nghiệp Hóa chất mỏ",
        ),
        small_units=(
            "Ban Kỹ thuật công nghệ mỏ", "Ban An toàn", "Ban Tài nguyên", "Ban Kế hoạch",
            "Ban Môi trường", "Ban Thanh tra - Pháp chế",
        ),
    ),
    Body(
        "Tập đoàn Bưu chính Viễn thông Việt Nam", 1.8, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Tổng công ty Dịch vụ Viễn thông", "Tổng công ty Hạ tầng mạng",
            "Tổng công ty Truyền thông", "Công ty Công nghệ thông tin VNPT",
            "Viễn thông {province}",
        ),
        small_units=(
            "Ban Kỹ thuật - Công nghệ", "Ban Kinh doanh", "Ban Chiến lược", "Ban Nhân lực",
            "Ban Tài chính - Kế toán",
        ),
    ),
    Body(
        "Ngân hàng Thương mại cổ phần Ngoại thương Việt Nam", 1.6, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Hội sở chính", "Chi nhánh {province}", "Chi nhánh Thành Công", "Chi nhánh Ba Đình",
        ),
        small_units=(
            "Ban Kiểm toán nội bộ", "Văn phòng đại diện khu vực phía Nam", "Trung tâm Thẻ",
        ),
    ),
    Body(
        "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam", 2.0, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Trụ sở chính", "Chi nhánh {province}", "Chi nhánh Hà Nội II", "Chi nhánh Sài Gòn",
        ),
        small_units=(
            "Ban Kiểm tra, kiểm toán nội bộ", "Trung tâm Công nghệ thông tin",
            "Trung tâm Thanh toán",
        ),
    ),
    Body(
        "Ngân hàng Thương mại cổ phần Công thương Việt Nam", 1.4, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Trụ sở chính", "Chi nhánh {province}", "Chi nhánh Đống Đa", "Chi nhánh Hoàn Kiếm",
        ),
        small_units=(
            "Trung tâm Thẻ", "Trung tâm Quản lý tiền mặt",
            "Trường Đào tạo và Phát triển nguồn nhân lực",
        ),
    ),
    Body(
        "Ngân hàng Thương mại cổ phần Đầu tư và Phát triển Việt Nam", 1.4, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Trụ sở chính", "Chi nhánh {province}", "Chi nhánh Sở Giao dịch 1",
            "Chi nhánh Hà Thành",
        ),
        small_units=(
            "Trung tâm Công nghệ thông tin", "Ban Kiểm toán nội bộ", "Trung tâm Tác nghiệp",
        ),
    ),
    Body(
        "Tổng công ty Hàng không Việt Nam", 1.4, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Trung tâm Khai thác Nội Bài", "Trung tâm Khai thác Tân Sơn Nhất", "Đoàn Bay 919",
            "Đoàn Tiếp viên", "Công ty Kỹ thuật máy bay", "Văn phòng khu vực miền Nam",
            "Tổng công ty Cảng hàng không Việt Nam", "Tổng công ty Quản lý bay Việt Nam",
        ),
        small_units=(
            "Ban Kế hoạch phát triển", "Ban An toàn chất lượng", "Ban Tiếp thị bán sản phẩm",
        ),
    ),
    Body(
        "Tập đoàn Công nghiệp Cao su Việt Nam", 1.2, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Công ty Cao su Dầu Tiếng", "Công ty Cao su Phú Riềng", "Công ty Cao su Đồng Nai",
            "Công ty Cao su Bình Long", "Công ty Cao su Chư Păh", "Công ty Cao su Mang Yang",
            "Công ty Cao su Krông Búk", "Công ty Cao su Quảng Trị",
            "Viện Nghiên cứu Cao su Việt Nam",
        ),
        small_units=(
            "Ban Kỹ thuật nông nghiệp", "Ban Công nghiệp", "Ban Kế hoạch đầu tư",
            "Ban Quản lý đất đai",
        ),
    ),
    Body(
        "Tập đoàn Hóa chất Việt Nam", 1.0, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Công ty Phân đạm và Hóa chất Hà Bắc", "Công ty Supe phốt phát và Hóa chất Lâm Thao",
            "Công ty Apatit Việt Nam", "Công ty Pin Ắc quy miền Nam", "Công ty Phân lân Văn Điển",
            "Công ty Cao su Sao Vàng", "Viện Hóa học Công nghiệp Việt Nam",
        ),
        small_units=(
            "Ban Kỹ thuật - Đầu tư", "Ban Kinh doanh", "Ban Tài chính - Kế toán",
        ),
    ),
    Body(
        "Tổng công ty Đường sắt Việt Nam", 1.0, kind=UnitKind.ENTERPRISE,
        big_units=(
            "Công ty Vận tải hành khách đường sắt", "Công ty Vận tải hàng hóa đường sắt",
            "Công ty Thông tin tín hiệu đường sắt", "Công ty Quản lý đường sắt khu vực {region}",
            "Xí nghiệp Đầu máy Hà Nội", "Xí nghiệp Toa xe Sài Gòn",
        ),
        small_units=(
            "Ban Kỹ thuật", "Ban An toàn - Quốc phòng", "Ban Kế hoạch kinh doanh",
        ),
    ),
)

# Bodies whose party organisation is itself a grassroots committee under the root.
GRASSROOTS_BODIES: tuple[Body, ...] = (
    Body("Văn phòng Chủ tịch nước", 1.0),
    Body(
        "Ban Nội chính Trung ương", 0.6,
        small_units=(
            "Vụ Nội chính", "Vụ Phòng, chống tham nhũng", "Vụ Cải cách tư pháp", "Vụ Địa phương",
            "Vụ Theo dõi các vụ án, vụ việc",
        ),
    ),
    Body(
        "Ban Đối ngoại Trung ương", 0.6,
        small_units=(
            "Vụ Châu Á", "Vụ Châu Âu", "Vụ Châu Mỹ", "Vụ Tổng hợp", "Vụ Quan hệ quốc tế", "Vụ Đảng",
        ),
    ),
    Body(
        "Ban Chính sách, chiến lược Trung ương", 0.6,
        small_units=(
            "Vụ Kinh tế", "Vụ Văn hóa - Xã hội", "Vụ Chiến lược", "Vụ Khoa học - Công nghệ",
            "Vụ Tổng hợp", "Vụ Nông nghiệp và Nông thôn",
        ),
    ),
    Body(
        "Tạp chí Cộng sản", 0.6, kind=UnitKind.PRESS,
        small_units=(
            "Ban Thư ký tòa soạn", "Ban Xây dựng Đảng", "Ban Kinh tế", "Ban Văn hóa - Xã hội",
            "Ban Điện tử", "Ban Quốc tế", "Ban Lý luận",
        ),
    ),
    Body(
        "Nhà xuất bản Chính trị quốc gia Sự thật", 0.5, kind=UnitKind.PRESS,
        small_units=(
            "Ban Biên tập sách Lý luận - Chính trị", "Ban Biên tập sách Pháp luật",
            "Ban Biên tập sách Kinh tế", "Ban Biên tập sách Địa phương", "Ban Xuất bản điện tử",
            "Phòng Phát hành",
        ),
    ),
    Body("Báo Điện tử Đảng Cộng sản Việt Nam", 0.6, kind=UnitKind.PRESS),
    Body("Hội Nhà báo Việt Nam", 0.8),
    Body("Liên hiệp các Hội Văn học nghệ thuật Việt Nam", 0.8),
    Body("Trung ương Hội Cựu chiến binh Việt Nam", 0.8),
    Body("Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam", 0.8),
    Body("Liên minh Hợp tác xã Việt Nam", 0.9),
    Body("Phòng Thương mại và Công nghiệp Việt Nam", 0.9),
)

# Sub-units of each kind of unit: their cells are "Chi bộ " + one of these.
OFFICE_DEPARTMENTS: tuple[str, ...] = tuple(f"Phòng {name}" for name in (
    "Tổng hợp", "Hành chính - Quản trị", "Tổ chức cán bộ", "Kế hoạch - Tài chính", "Pháp chế",
    "Thanh tra", "Hợp tác quốc tế", "Công nghệ thông tin", "Thi đua - Khen thưởng",
    "Văn thư - Lưu trữ", "Truyền thông", "Kiểm tra", "Thống kê", "Chính sách", "Quản lý chất lượng",
    "Nghiệp vụ 1", "Nghiệp vụ 2", "Nghiệp vụ 3", "Nghiệp vụ 4", "Tài vụ", "Quản trị", "Đối ngoại",
    "Kế toán", "Khoa học - Công nghệ", "Đào tạo", "Giám sát", "Dự báo", "Phân tích",
    "Cải cách hành chính", "Lễ tân", "Phục vụ", "Quản lý xe", "Bảo vệ", "Tiếp công dân",
    "Xử lý đơn thư", "Kiểm soát thủ tục hành chính", "Quản lý dự án", "Thẩm định", "Điều hành",
    "Đầu tư", "Quản lý tài sản", "Hậu cần",
))
HOSPITAL_DEPARTMENTS: tuple[str, ...] = tuple(f"Khoa {name}" for name in (
    "Nội tổng hợp", "Ngoại tổng hợp", "Nhi", "Phụ sản", "Hồi sức tích cực", "Cấp cứu", "Tim mạch",
    "Thần kinh", "Tiêu hóa", "Hô hấp", "Thận - Tiết niệu", "Ung bướu", "Chẩn đoán hình ảnh",
    "Xét nghiệm", "Dược", "Gây mê hồi sức", "Chấn thương chỉnh hình", "Mắt", "Tai Mũi Họng",
    "Răng Hàm Mặt", "Da liễu", "Y học cổ truyền", "Phục hồi chức năng", "Dinh dưỡng",
    "Kiểm soát nhiễm khuẩn", "Truyền nhiễm", "Huyết học", "Nội tiết", "Lão khoa", "Khám bệnh",
    "Thăm dò chức năng", "Giải phẫu bệnh", "Ngoại thần kinh", "Nội thận", "Cơ xương khớp",
)) + tuple(f"Phòng {name}" for name in (
    "Kế hoạch tổng hợp", "Điều dưỡng", "Tài chính - Kế toán", "Vật tư - Thiết bị y tế",
    "Tổ chức cán bộ", "Hành chính quản trị", "Quản lý chất lượng", "Chỉ đạo tuyến",
))
UNIVERSITY_DEPARTMENTS: tuple[str, ...] = tuple(f"Khoa {name}" for name in (
    "Toán - Tin", "Vật lý", "Hóa học", "Sinh học", "Ngữ văn", "Lịch sử", "Địa lý", "Ngoại ngữ",
    "Kinh tế", "Quản trị kinh doanh", "Luật", "Kế toán - Kiểm toán", "Tài chính - Ngân hàng",
    "Công nghệ thông tin", "Điện - Điện tử", "Cơ khí", "Xây dựng", "Môi trường",
    "Lý luận chính trị", "Giáo dục thể chất", "Tâm lý - Giáo dục", "Quan hệ quốc tế",
    "Báo chí - Truyền thông", "Khoa học cơ bản", "Đào tạo sau đại học", "Tiếng Anh",
    "Tiếng Pháp", "Tiếng Nga", "Tiếng Trung", "Triết học", "Xã hội học",
)) + tuple(f"Phòng {name}" for name in (
    "Đào tạo", "Công tác sinh viên", "Quản lý khoa học", "Hợp tác quốc tế", "Tổ chức cán bộ",
    "Kế hoạch - Tài chính", "Quản trị thiết bị", "Khảo thí và Đảm bảo chất lượng",
)) + ("Thư viện", "Ký túc xá", "Trung tâm Ngoại ngữ - Tin học")
INSTITUTE_DEPARTMENTS: tuple[str, ...] = tuple(f"Phòng Nghiên cứu {name}" for name in (
    "Kinh tế vĩ mô", "Chính sách công", "Phát triển bền vững", "Môi trường", "Xã hội", "Luật học",
    "Công nghệ sinh học", "Vật liệu mới", "Năng lượng", "Tài nguyên nước", "Dự báo chiến lược",
    "Lịch sử", "Văn hóa", "Dân tộc học", "Ngôn ngữ", "Kinh tế quốc tế", "Lý thuyết", "Ứng dụng",
    "Đô thị", "Nông thôn", "Dân số", "Gia đình và Giới",
)) + tuple(f"Trung tâm {name}" for name in (
    "Thông tin tư liệu", "Đào tạo sau đại học", "Hợp tác quốc tế", "Chuyển giao công nghệ",
    "Phân tích thí nghiệm", "Tư vấn", "Dữ liệu",
)) + ("Phòng Quản lý khoa học", "Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Tài chính",
      "Tạp chí chuyên ngành")
PRESS_DEPARTMENTS: tuple[str, ...] = tuple(f"Ban {name}" for name in (
    "Thư ký tòa soạn", "Thời sự", "Kinh tế", "Văn hóa - Xã hội", "Quốc tế", "Điện tử", "Bạn đọc",
    "Chính trị", "Pháp luật", "Thể thao", "Ảnh", "Biên tập", "Phát hành", "Khoa giáo",
    "Đối ngoại", "Chuyên đề", "Nội dung số", "Video",
)) + tuple(f"Văn phòng đại diện tại {city}" for city in (
    "Thành phố Hồ Chí Minh", "Thành phố Đà Nẵng", "Thành phố Cần Thơ", "Thành phố Huế",
    "Thành phố Hải Phòng", "Tỉnh Nghệ An", "Tỉnh Đắk Lắk", "Tỉnh Khánh Hòa",
)) + ("Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Tài chính", "Phòng Kỹ thuật - Công nghệ")
ENTERPRISE_DEPARTMENTS: tuple[str, ...] = tuple(f"Ban {name}" for name in (
    "Kế hoạch", "Tài chính - Kế toán", "Kỹ thuật", "Đầu tư", "Kinh doanh", "Tổ chức - Nhân sự",
    "Pháp chế", "Kiểm toán nội bộ", "An toàn", "Vật tư", "Quản lý dự án", "Truyền thông",
    "Công nghệ thông tin", "Thị trường",
)) + tuple(f"Xí nghiệp {name}" for name in (
    "Cơ điện", "Vận tải", "Xây lắp", "Dịch vụ", "Sản xuất số 1", "Sản xuất số 2", "Sản xuất số 3",
    "Bảo dưỡng", "Cơ khí", "Khai thác",
)) + tuple(f"Phân xưởng {name}" for name in (
    "Cơ điện", "Vận tải", "Sửa chữa", "Chế biến", "Đóng gói", "Khai thác 1", "Khai thác 2",
)) + tuple(f"Chi nhánh {province.short_name}" for province in PROVINCES)

SUB_UNITS: dict[UnitKind, tuple[str, ...]] = {
    UnitKind.OFFICE: OFFICE_DEPARTMENTS,
    UnitKind.HOSPITAL: HOSPITAL_DEPARTMENTS,
    UnitKind.UNIVERSITY: UNIVERSITY_DEPARTMENTS,
    UnitKind.INSTITUTE: INSTITUTE_DEPARTMENTS,
    UnitKind.PRESS: PRESS_DEPARTMENTS,
    UnitKind.ENTERPRISE: ENTERPRISE_DEPARTMENTS,
    UnitKind.MISSION: (),  # named after countries, see mission_units()
}

GENERIC_UNITS: dict[UnitKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    UnitKind.OFFICE: (_OFFICE_BIG + ("Cơ quan đại diện khu vực {region}",), _OFFICE_SMALL),
    UnitKind.ENTERPRISE: (_ENTERPRISE_BIG, _ENTERPRISE_SMALL),
    UnitKind.PRESS: (("Trung tâm Kỹ thuật", "Trung tâm Nội dung số",
                      "Cơ quan thường trú khu vực {region}"),
                     PRESS_DEPARTMENTS[:18]),
    UnitKind.UNIVERSITY: (("Phân hiệu tại {province}",), (
        "Ban Đào tạo", "Ban Khoa học - Công nghệ", "Ban Tổ chức cán bộ",
        "Ban Hợp tác và Phát triển",
        "Ban Kế hoạch - Tài chính", "Ban Chính trị và Công tác học sinh sinh viên", "Thanh tra",
        "Văn phòng")),
    UnitKind.INSTITUTE: (("Phân viện khu vực {region}",), (
        "Ban Tổ chức - Cán bộ", "Ban Kế hoạch - Tài chính", "Ban Hợp tác quốc tế",
        "Ban Ứng dụng và Triển khai công nghệ", "Văn phòng", "Tạp chí Khoa học", "Thanh tra")),
    UnitKind.HOSPITAL: (("Bệnh viện cơ sở {region}",), _OFFICE_SMALL),
    UnitKind.MISSION: ((), _OFFICE_SMALL),
}


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def big_unit_names(body: Body) -> list[str]:
    """Units of a body that can hold a grassroots committee, specific ones first."""
    return _unique(expand(body.big_units) + expand(GENERIC_UNITS[body.kind][0]))


def small_unit_names(body: Body) -> list[str]:
    """Units of a body that can hold a grassroots cell, specific ones first."""
    return _unique(list(body.small_units) + list(GENERIC_UNITS[body.kind][1]))


# Đảng bộ bộ phận: groups of sub-units inside a grassroots committee.
SECTIONS: dict[UnitKind, tuple[str, ...]] = {
    UnitKind.OFFICE: ("Khối Tham mưu tổng hợp", "Khối Nghiệp vụ", "Khối Hành chính - Quản trị",
                      "Khối Đơn vị sự nghiệp"),
    UnitKind.HOSPITAL: ("Khối Nội", "Khối Ngoại", "Khối Cận lâm sàng", "Khối Phòng chức năng"),
    UnitKind.UNIVERSITY: ("Khối Khoa học tự nhiên", "Khối Khoa học xã hội",
                          "Khối Kỹ thuật - Công nghệ",
                          "Khối Phòng, Ban chức năng"),
    UnitKind.INSTITUTE: ("Khối Nghiên cứu", "Khối Ứng dụng và Chuyển giao", "Khối Quản lý"),
    UnitKind.PRESS: ("Khối Nội dung", "Khối Kỹ thuật - Sản xuất", "Khối Hành chính - Trị sự"),
    UnitKind.ENTERPRISE: ("Khối Cơ quan", "Khối Sản xuất", "Khối Kinh doanh", "Khối Chi nhánh"),
    UnitKind.MISSION: ("Khu vực châu Á - Thái Bình Dương", "Khu vực châu Âu", "Khu vực châu Mỹ",
                       "Khu vực châu Phi - Trung Đông"),
}

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")


def expand(templates: tuple[str, ...]) -> list[str]:
    """Unit names with '{province}' and '{region}' expanded, in a fixed order."""
    names: list[str] = []
    for template in templates:
        if "{province}" in template:
            names.extend(template.format(province=p.short_name) for p in PROVINCES)
        elif "{region}" in template:
            names.extend(template.format(region=numeral) for numeral in ROMAN[:12])
        else:
            names.append(template)
    return names


def mission_units(body_name: str) -> list[tuple[str, str]]:
    """(unit, country) of the missions abroad a body's overseas committee gathers."""
    if body_name == "Bộ Công Thương":
        return [(f"Thương vụ Việt Nam tại {country}", country) for country in MISSION_COUNTRIES]
    units = [(f"Đại sứ quán Việt Nam tại {country}", country) for country in MISSION_COUNTRIES]
    units += [
        (f"Tổng Lãnh sự quán Việt Nam tại {city}", country) for country, city in CONSULATE_CITIES
    ]
    return units

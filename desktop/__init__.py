"""Party Office Desktop (Văn phòng Đảng ủy)."""

__version__ = "0.1.0"
APP_NAME = "PartyOffice"
APP_AUTHOR = "PartyOffice"

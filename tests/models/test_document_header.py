"""Header, number, place-and-date and signature texts of printed party documents (§7)."""

import datetime as dt
import unicodedata

import pytest

from desktop.models.document_header import (
    SIGNER_TITLE,
    default_issuer_code,
    default_issuer_name,
    document_number,
    file_copy_recipient,
    place_and_date,
    report_recipient,
    signing_body,
)
from desktop.models.enums import OrgKind


@pytest.mark.parametrize(
    ("name", "kind", "issuer"),
    [
        ("Đảng bộ Khối các cơ quan Trung ương", OrgKind.SUPERIOR_COMMITTEE,
         "Đảng ủy Khối các cơ quan Trung ương"),
        ("Đảng bộ Bộ Tài chính", OrgKind.GRASSROOTS_COMMITTEE, "Đảng ủy Bộ Tài chính"),
        ("Đảng bộ bộ phận Cục Thuế", OrgKind.SECTION_COMMITTEE, "Đảng ủy bộ phận Cục Thuế"),
        ("Đảng bộ cơ sở Vụ Pháp chế", OrgKind.GRASSROOTS_COMMITTEE, "Đảng ủy cơ sở Vụ Pháp chế"),
        ("Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, "Chi bộ Vụ Tổng hợp"),
        ("Chi bộ Văn phòng", OrgKind.GRASSROOTS_CELL, "Chi bộ Văn phòng"),
        ("Đảng bộ Vụ Tổ chức", OrgKind.SUBORDINATE_CELL, "Đảng bộ Vụ Tổ chức"),  # a cell keeps it
        ("Cơ quan Đảng ủy Khối", OrgKind.SUPERIOR_COMMITTEE, "Cơ quan Đảng ủy Khối"),
        ("Đảng bộký", OrgKind.GRASSROOTS_COMMITTEE, "Đảng bộký"),  # not the word "Đảng bộ"
    ],
)
def test_the_issuing_body_is_the_committee_of_a_party_organisation(
    name: str, kind: OrgKind, issuer: str
) -> None:
    assert default_issuer_name(name, kind) == issuer


def test_a_name_typed_decomposed_gives_the_committee_in_nfc() -> None:
    typed = unicodedata.normalize("NFD", "Đảng bộ Bộ Ngoại giao")
    issuer = default_issuer_name(typed, OrgKind.GRASSROOTS_COMMITTEE)
    assert issuer == "Đảng ủy Bộ Ngoại giao"
    assert unicodedata.is_normalized("NFC", issuer)


def test_without_a_kind_a_party_organisation_name_still_gives_its_committee() -> None:
    assert default_issuer_name("Đảng bộ Bộ Y tế", None) == "Đảng ủy Bộ Y tế"


def test_issuer_codes_signing_bodies_and_file_copies_by_kind() -> None:
    expected = {
        OrgKind.SUPERIOR_COMMITTEE: ("ĐU", "T/M ĐẢNG ỦY", "Lưu Văn phòng Đảng ủy"),
        OrgKind.GRASSROOTS_COMMITTEE: ("ĐU", "T/M ĐẢNG ỦY", "Lưu Văn phòng Đảng ủy"),
        OrgKind.SECTION_COMMITTEE: ("ĐUBP", "T/M ĐẢNG ỦY BỘ PHẬN", "Lưu Đảng ủy bộ phận"),
        OrgKind.GRASSROOTS_CELL: ("CB", "T/M CHI BỘ", "Lưu Chi bộ"),
        OrgKind.SUBORDINATE_CELL: ("CB", "T/M CHI BỘ", "Lưu Chi bộ"),
    }
    for kind, (code, body, copy) in expected.items():
        assert (default_issuer_code(kind), signing_body(kind), file_copy_recipient(kind)) == (
            code, body, copy,
        )
    assert SIGNER_TITLE == "BÍ THƯ"


def test_a_committee_reports_to_the_standing_committee_a_cell_to_the_committee() -> None:
    superior = "Đảng ủy Khối các cơ quan Trung ương"
    assert report_recipient(OrgKind.GRASSROOTS_COMMITTEE, superior) == (
        "Ban Thường vụ Đảng ủy Khối các cơ quan Trung ương (b/c)"
    )
    assert report_recipient(OrgKind.SUBORDINATE_CELL, "Đảng ủy Bộ Tài chính") == (
        "Đảng ủy Bộ Tài chính (b/c)"
    )


@pytest.mark.parametrize(
    ("number", "kind_code", "issuer_code", "text"),
    [
        (7, "BC", "ĐU", "Số 07-BC/ĐU"),
        (1, "NQ", "CB", "Số 01-NQ/CB"),
        (12, "NQ", "ĐU", "Số 12-NQ/ĐU"),
        (127, "QĐ", "TW", "Số 127-QĐ/TW"),
        (3, "TB", "UBKTĐU", "Số 03-TB/UBKTĐU"),
        (None, "BC", "ĐU", "Số      -BC/ĐU"),
    ],
)
def test_number_and_sign_in_party_style(
    number: int | None, kind_code: str, issuer_code: str, text: str
) -> None:
    assert document_number(number, kind_code, issuer_code) == text


def test_a_document_without_a_number_leaves_room_to_write_it() -> None:
    blank = document_number(None, "BC", "ĐU")
    assert blank.startswith("Số ") and blank.endswith("-BC/ĐU")
    assert len(blank) - len("Số-BC/ĐU") >= 4  # a few spaces for two or three handwritten digits


def test_numbers_start_at_one() -> None:
    with pytest.raises(ValueError):
        document_number(0, "BC", "ĐU")


@pytest.mark.parametrize(
    ("place", "day", "text"),
    [
        ("Hà Nội", dt.date(2026, 2, 5), "Hà Nội, ngày 05 tháng 02 năm 2026"),
        ("Hà Nội", dt.date(2018, 4, 3), "Hà Nội, ngày 03 tháng 4 năm 2018"),
        ("Hà Nội", dt.date(2025, 1, 31), "Hà Nội, ngày 31 tháng 01 năm 2025"),
        ("TP. Hồ Chí Minh", dt.date(2026, 12, 10), "TP. Hồ Chí Minh, ngày 10 tháng 12 năm 2026"),
        ("Hà Nội", dt.date(2026, 3, 9), "Hà Nội, ngày 09 tháng 3 năm 2026"),
        (None, dt.date(2026, 2, 5), "Ngày 05 tháng 02 năm 2026"),
        ("  ", dt.date(2026, 11, 21), "Ngày 21 tháng 11 năm 2026"),
    ],
)
def test_place_and_date_line(place: str | None, day: dt.date, text: str) -> None:
    assert place_and_date(place, day) == text

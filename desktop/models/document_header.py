"""What the header, number and signature of a party document print (domain spec §7.2-§7.7).

Pure functions of an organisation's name and kind: the defaults an organisation record may
override (issuer name and code), the body it signs for, the number and the place-and-date line.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from desktop.models.enums import OrgKind

_COMMITTEE_PREFIX = "Đảng bộ"
_ISSUER_PREFIX = "Đảng ủy"

# §7.4: issuer part of the symbol ("Số 07-BC/ĐU"); an organisation may set its own.
_ISSUER_CODES = {
    OrgKind.SUPERIOR_COMMITTEE: "ĐU",
    OrgKind.GRASSROOTS_COMMITTEE: "ĐU",
    OrgKind.SECTION_COMMITTEE: "ĐUBP",
    OrgKind.GRASSROOTS_CELL: "CB",
    OrgKind.SUBORDINATE_CELL: "CB",
}
# R-DOC-5: committees and cells sign "T/M" (thay mặt) the body, the secretary's title below.
_SIGNING_BODIES = {
    OrgKind.SUPERIOR_COMMITTEE: "T/M ĐẢNG ỦY",
    OrgKind.GRASSROOTS_COMMITTEE: "T/M ĐẢNG ỦY",
    OrgKind.SECTION_COMMITTEE: "T/M ĐẢNG ỦY BỘ PHẬN",
    OrgKind.GRASSROOTS_CELL: "T/M CHI BỘ",
    OrgKind.SUBORDINATE_CELL: "T/M CHI BỘ",
}
# The title under the signing body: the secretary signs for committees and cells alike.
SIGNER_TITLE = "BÍ THƯ"
# §7.7: the last "Nơi nhận" line, the copy kept by the issuer.
_FILE_COPIES = {
    OrgKind.SUPERIOR_COMMITTEE: "Lưu Văn phòng Đảng ủy",
    OrgKind.GRASSROOTS_COMMITTEE: "Lưu Văn phòng Đảng ủy",
    OrgKind.SECTION_COMMITTEE: "Lưu Đảng ủy bộ phận",
    OrgKind.GRASSROOTS_CELL: "Lưu Chi bộ",
    OrgKind.SUBORDINATE_CELL: "Lưu Chi bộ",
}
# "Số" and the blank a clerk fills in by hand on a document printed without a number.
_NUMBER_BLANK = " " * 6


def default_issuer_name(name: str, kind: OrgKind | None) -> str:
    """The body that issues a committee's documents: 'Đảng bộ X' → 'Đảng ủy X' (§7.2).

    'Đảng bộ bộ phận X' and 'Đảng bộ cơ sở X' follow ('Đảng ủy bộ phận X'); a cell issues in
    its own name ('Chi bộ X'), and any other name is kept as it is.
    """
    text = unicodedata.normalize("NFC", name).strip()
    if kind is not None and kind.is_cell:
        return text
    head, rest = text[: len(_COMMITTEE_PREFIX)], text[len(_COMMITTEE_PREFIX):]
    if head.casefold() == _COMMITTEE_PREFIX.casefold() and (not rest or rest[0].isspace()):
        return _ISSUER_PREFIX + rest
    return text


def default_issuer_code(kind: OrgKind) -> str:
    """ĐU for a committee, ĐUBP for a section committee, CB for a cell (§7.4)."""
    return _ISSUER_CODES[kind]


def signing_body(kind: OrgKind) -> str:
    """'T/M ĐẢNG ỦY', 'T/M ĐẢNG ỦY BỘ PHẬN' or 'T/M CHI BỘ' (R-DOC-5)."""
    return _SIGNING_BODIES[kind]


def report_recipient(kind: OrgKind, superior_issuer: str) -> str:
    """The 'Nơi nhận' line reporting to the superior: its standing committee, for a cell the body."""
    addressee = superior_issuer if kind.is_cell else f"Ban Thường vụ {superior_issuer}"
    return f"{addressee} (b/c)"


def file_copy_recipient(kind: OrgKind) -> str:
    """'Lưu Văn phòng Đảng ủy', 'Lưu Chi bộ': the issuer's own copy, the last line."""
    return _FILE_COPIES[kind]


def document_number(number: int | None, kind_code: str, issuer_code: str) -> str:
    """'Số 07-BC/ĐU' (§7.4): below 10 with a leading zero; None leaves a blank to fill by hand."""
    if number is None:
        shown = _NUMBER_BLANK
    elif number < 1:
        raise ValueError(f"document numbers start at 1, not {number}")
    else:
        shown = f" {number:02d}"
    return f"Số{shown}-{kind_code}/{issuer_code}"


def place_and_date(place: str | None, date: dt.date) -> str:
    """'Hà Nội, ngày 05 tháng 02 năm 2026' (§7.5); without a place 'Ngày 05 tháng 02 năm 2026'.

    Days 1-9 and months 1-2 take a leading zero; months 3-12 do not ('tháng 4').
    """
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    text = f"ngày {date.day:02d} tháng {month} năm {date.year}"
    place = (place or "").strip()
    return f"{place}, {text}" if place else text[0].upper() + text[1:]

"""Text extraction of library files: real PDF (ReportLab) and DOCX (python-docx) files."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest

from desktop.services.document_text import UnreadableFile, decode_text, extract_text
from tests.library_files import docx_bytes, pdf_bytes


def test_pdf_text_of_every_page_in_order() -> None:
    content = pdf_bytes([["Nghị quyết về công tác xây dựng Đảng năm 2026."],
                         ["Đảng ủy khối quán triệt đến từng chi bộ."]])
    text = extract_text("05-NQ.pdf", content)
    assert "Nghị quyết về công tác xây dựng Đảng năm 2026." in text
    assert text.index("xây dựng Đảng") < text.index("quán triệt")
    assert "\x00" not in text


def test_docx_paragraphs_and_tables() -> None:
    content = docx_bytes(["Chỉ thị về tăng cường kỷ luật, kỷ cương.", "Các chi bộ thực hiện nghiêm."],
                         table=[["Chi bộ", "Thời hạn"], ["Chi bộ Văn phòng", "31/12/2026"]])
    text = extract_text("chi-thi.DOCX", content)
    lines = text.splitlines()
    assert lines[0] == "Chỉ thị về tăng cường kỷ luật, kỷ cương."
    assert "Chi bộ Văn phòng | 31/12/2026" in lines


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """As old Windows editors save Vietnamese: letters with ă â ê ô ơ ư composed, tones combining."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tones = "".join(mark for mark in decomposed if mark in _TONES)
            base = unicodedata.normalize("NFC", "".join(mark for mark in decomposed if mark not in _TONES))
            out += (base + tones).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_plain_text_in_the_encodings_offices_use(encoding: str) -> None:
    text = "Thông báo kết luận của Ban Thường vụ\r\nvề đợt học tập"
    content = windows_1258(text) if encoding == "cp1258" else text.encode(encoding)
    assert extract_text("thong-bao.txt", content) == "Thông báo kết luận của Ban Thường vụ\nvề đợt học tập"


def test_utf16_without_a_mark_is_recognised() -> None:
    assert decode_text("Quy định số 12".encode("utf-16-le")) == "Quy định số 12"


def test_a_damaged_pdf_is_unreadable_not_a_crash() -> None:
    with pytest.raises(UnreadableFile):
        extract_text("hong.pdf", b"%PDF-1.7\nthis is not a pdf at all")


def test_a_file_named_docx_that_is_not_one_is_unreadable() -> None:
    with pytest.raises(UnreadableFile):
        extract_text("gia.docx", b"MZ\x90\x00 an executable renamed")


def test_a_zip_that_unpacks_to_too_much_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (600 * 1024 * 1024))
    with pytest.raises(UnreadableFile):
        extract_text("bom.docx", buffer.getvalue())


def test_other_file_kinds_are_never_read() -> None:
    with pytest.raises(UnreadableFile):
        extract_text("macro.docm", docx_bytes(["x"]))

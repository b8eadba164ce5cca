"""The party document frame: header boxes, title, signature, page numbers, Vietnamese text,
and a file that appears only when the document is complete."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from desktop.reports.fonts import VIETNAMESE_LETTERS, register_fonts
from desktop.reports.frame import (
    Closing,
    DocumentHeader,
    DocumentInfo,
    Signature,
    balanced_lines,
    build_document,
    document_styles,
)
from desktop.reports.style import DocumentStyle
from desktop.reports.tables import Align, Column, RowKind, StreamedTable, TableRow
from tests.reports.pdf_text import page_lines, page_texts

STYLE = DocumentStyle.from_rule(
    {
        "page": "A4", "margin_top_mm": 25, "margin_bottom_mm": 25, "margin_left_mm": 35,
        "margin_right_mm": 15, "page_number_from_top_mm": 10, "motto_pt": 15, "superior_pt": 14,
        "issuer_pt": 14, "number_pt": 14, "place_date_pt": 14, "kind_pt": 15, "abstract_pt": 14,
        "body_pt": 14, "body_leading_pt": 18, "paragraph_after_pt": 6, "first_line_indent_mm": 10,
        "table_pt": 12, "signature_pt": 14, "recipients_label_pt": 14, "recipients_pt": 12,
        "page_number_pt": 14,
    }
)
HEADER = DocumentHeader(
    issuer_name="Đảng ủy Bộ Tài chính",
    superior_name="Đảng bộ Khối các cơ quan Trung ương",
    number="Số 07-BC/ĐU",
    date=dt.date(2026, 2, 5),
    place_and_date="Hà Nội, ngày 05 tháng 02 năm 2026",
)
INFO = DocumentInfo(kind_title="Báo cáo", abstract="tình hình đảng viên năm 2026", author="Đảng ủy Bộ Tài chính")
CLOSING = Closing(
    signature=Signature(authority="T/M Đảng ủy", title="Bí thư", name="Nguyễn Văn An"),
    recipients=("Ban Thường vụ Đảng ủy Khối (b/c)", "Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy"),
)


def _build(path: Path, body: list[Flowable], closing: Closing | None = CLOSING) -> int:
    styles = document_styles(STYLE)
    return build_document(path, styles, HEADER, INFO, body, closing).pages


def _paragraphs(count: int) -> list[Flowable]:
    styles = document_styles(STYLE)
    return [Paragraph(f"Đoạn văn số {number}: kiểm điểm, đánh giá, xếp loại chất lượng.", styles.body)
            for number in range(1, count + 1)]


def test_the_first_page_carries_the_header_boxes_title_and_closing(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    assert _build(path, _paragraphs(3)) == 1
    lines = page_lines(path, 0)
    text = "\n".join(lines)
    # Box 2: the superior body above the issuing body, then the star; box 1 beside them.
    assert lines[:4] == ["ĐẢNG BỘ KHỐI CÁC CƠ QUAN", "TRUNG ƯƠNG", "ĐẢNG ỦY BỘ TÀI CHÍNH", "*"]
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY BỘ TÀI CHÍNH", "*", "Số 07-BC/ĐU",
        "Hà Nội, ngày 05 tháng 02 năm 2026", "BÁO CÁO", "tình hình đảng viên năm 2026",
        "Nơi nhận:", "- Ban Thường vụ Đảng ủy Khối (b/c),", "- Các chi bộ trực thuộc,",
        "- Lưu Văn phòng Đảng ủy.", "T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn An",
    ):
        assert expected in text, expected


def test_pages_are_numbered_from_the_second_page_at_the_top(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    pages = _build(path, _paragraphs(120))
    assert pages >= 3
    texts = page_texts(path)
    assert not any(line.strip() == "1" for line in texts[0].splitlines())
    for number in range(2, pages + 1):
        assert page_lines(path, number - 1)[0] == str(number)


def test_every_vietnamese_letter_is_printed_as_text(tmp_path: Path) -> None:
    path = tmp_path / "letters.pdf"
    styles = document_styles(STYLE)
    letters = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper()
    _build(path, [Paragraph(letters, styles.label)])
    extracted = "".join(page_texts(path)[0].split())
    assert letters in extracted


def test_the_bundled_serif_is_used_when_asked(tmp_path: Path) -> None:
    family = register_fonts()
    assert family.source == "bundled"


def test_a_failed_build_leaves_the_previous_file_and_no_partial_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"previous")

    def rows():
        yield TableRow.data("1", "Nguyễn Văn An")
        raise RuntimeError("cancelled by the user")

    styles = document_styles(STYLE)
    table = StreamedTable(styles, [Column("STT", 20 * mm), Column("Họ và tên", 80 * mm)], rows())
    with pytest.raises(RuntimeError):
        build_document(path, styles, HEADER, INFO, [table], CLOSING)
    assert path.read_bytes() == b"previous"
    assert [item.name for item in tmp_path.iterdir()] == ["doc.pdf"]


def test_a_streamed_table_keeps_every_row_in_order_and_repeats_its_header(tmp_path: Path) -> None:
    path = tmp_path / "table.pdf"
    styles = document_styles(STYLE)
    columns = [Column("STT", 20 * mm, Align.CENTER), Column("Họ và tên", 90 * mm), Column("Ghi chú", 50 * mm)]

    def rows():
        for group in range(1, 11):
            yield TableRow.spanning(RowKind.GROUP, f"Chi bộ số {group}")
            for number in range(1, 41):
                note = "một ghi chú rất dài cần xuống dòng trong ô của bảng" if number % 7 == 0 else ""
                yield TableRow.data(f"{group}.{number}", f"Đảng viên {group}-{number}", note)
            yield TableRow.spanning(RowKind.SUBTOTAL, f"Cộng chi bộ số {group}: 40")

    pages = build_document(path, styles, HEADER, INFO, [StreamedTable(styles, columns, rows())], None).pages
    assert pages >= 10
    texts = page_texts(path)
    for page in texts:
        assert "Họ và tên" in page
    everything = "\n".join(texts)
    positions = [everything.index(f"Đảng viên {g}-{n}\n") if f"Đảng viên {g}-{n}\n" in everything
                 else everything.index(f"Đảng viên {g}-{n}")
                 for g in range(1, 11) for n in range(1, 41)]
    assert positions == sorted(positions)
    assert everything.count("Cộng chi bộ số") == 10
    # A group heading never sits alone at the bottom of a page.
    for page in texts:
        last_lines = [line for line in page.splitlines() if line.strip()]
        assert not last_lines[-1].startswith("Chi bộ số")


def test_a_long_header_name_leaves_no_syllable_alone_on_its_last_line() -> None:
    family = register_fonts()
    lines = balanced_lines("ĐẢNG ỦY TRƯỜNG ĐẠI HỌC MỎ", family.bold, 14, 72 * mm)
    assert lines == ["ĐẢNG ỦY TRƯỜNG", "ĐẠI HỌC MỎ"]
    assert balanced_lines("ĐẢNG ỦY CỤC THUẾ", family.bold, 14, 72 * mm) == ["ĐẢNG ỦY CỤC THUẾ"]

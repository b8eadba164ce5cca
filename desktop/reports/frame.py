"""The frame every report is printed in: the party document format of §7.

A report supplies its header facts, title, body flowables and closing; this module lays out
the header boxes (superior and issuing body, the star, number and symbol; the motto with its
underline; place and date), the title block, the signature and recipients, the page numbers,
and writes the file so that a cancelled or failed build leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.models.text import nfc
from desktop.reports.fonts import register_fonts
from desktop.reports.style import DocumentStyle, Styles

MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
PRODUCER = "Party Office Desktop (Văn phòng Đảng ủy)"

# Share of the text width taken by the left header column (issuing body), the rest is the
# motto's: the motto must fit on one line at 15 pt bold, the issuer may wrap.
_LEFT_COLUMN_SHARE = 0.45
_SIGNATURE_SPACE_MM = 28  # room for the signature and the seal (§7.6: 25–30 mm)


@dataclass(frozen=True)
class DocumentHeader:
    """Boxes 2, 3 and 4 of §7.2. Names as stored; the frame prints them in capitals."""

    issuer_name: str
    date: dt.date
    place_and_date: str  # e.g. "Hà Nội, ngày 05 tháng 02 năm 2026" (§7.5)
    superior_name: str | None = None
    number: str | None = None  # "Số 07-BC/ĐU"; None: the document carries no number


@dataclass(frozen=True)
class Signature:
    """Boxes 7a–7c: "T/M ĐẢNG ỦY" / "BÍ THƯ" / name (blank when not known: signed by hand)."""

    title: str
    authority: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Closing:
    signature: Signature
    recipients: tuple[str, ...] = ()  # without the leading "- " and trailing punctuation


@dataclass(frozen=True)
class DocumentInfo:
    """PDF metadata and the title block (box 5a)."""

    kind_title: str  # "DANH SÁCH ĐẢNG VIÊN" — printed in capitals
    abstract: str | None = None  # the trích yếu under the kind, bold
    abstract_note: str | None = None  # a further line in italics, e.g. "(Số liệu tính đến …)"
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)


def _upper(text: str) -> str:
    return nfc(text).upper()


def _para(text: str, style) -> Paragraph:  # type: ignore[no-untyped-def]
    return Paragraph(escape(nfc(text)), style)


class _CenteredRule(Flowable):
    """A solid line of a given length, centred: the underline of the motto (§7.2)."""

    def __init__(self, length: float, thickness: float = 0.6, space_before: float = 1.5) -> None:
        super().__init__()
        self.length = length
        self.thickness = thickness
        self.space_before = space_before

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.space_before + self.thickness

    def draw(self) -> None:
        self.canv.setLineWidth(self.thickness)
        left = (self.width - self.length) / 2
        self.canv.line(left, 0, left + self.length, 0)


def balanced_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` wrapped to `width`, without leaving one syllable alone on the last line.

    Vietnamese words are mostly two syllables ("ĐẠI HỌC", "CƠ QUAN"), so an orphan syllable
    takes the two before it along: "ĐẢNG ỦY TRƯỜNG / ĐẠI HỌC MỎ", not "… ĐẠI HỌC / MỎ".
    """
    words = text.split()
    lines: list[list[str]] = [[]]
    for word in words:
        candidate = " ".join([*lines[-1], word])
        if lines[-1] and stringWidth(candidate, font, size) > width:
            lines.append([word])
        else:
            lines[-1].append(word)
    if len(lines) > 1 and len(lines[-1]) == 1:
        for moved in (2, 1):
            if len(lines[-2]) > moved:
                tail = [*lines[-2][-moved:], *lines[-1]]
                if stringWidth(" ".join(tail), font, size) <= width:
                    lines[-2], lines[-1] = lines[-2][:-moved], tail
                    break
    return [" ".join(line) for line in lines]


def _header_name(text: str, style, width: float) -> Paragraph:  # type: ignore[no-untyped-def]
    lines = balanced_lines(_upper(text), style.fontName, style.fontSize, width)
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


def header_block(styles: Styles, header: DocumentHeader) -> Table:
    width = styles.document.text_width
    left_width = width * _LEFT_COLUMN_SHARE
    right_width = width - left_width
    left: list[Flowable] = []
    if header.superior_name:
        left.append(_header_name(header.superior_name, styles.superior, left_width))
    left.append(_header_name(header.issuer_name, styles.issuer, left_width))
    left.append(_para("*", styles.star))
    motto_width = stringWidth(MOTTO, styles.family.bold, styles.document.motto_pt)
    right: list[Flowable] = [_para(MOTTO, styles.motto), _CenteredRule(motto_width)]
    # The blank left for a hand-written number must stay visible: no space collapsing.
    number = Paragraph(escape(nfc(header.number or "")).replace(" ", "&nbsp;"), styles.number)
    rows = [[left, right], [number,
                            _para(header.place_and_date, styles.place_date)]]
    table = Table(rows, colWidths=[left_width, right_width], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 2),
            ]
        )
    )
    return table


def title_block(styles: Styles, info: DocumentInfo) -> list[Flowable]:
    flowables: list[Flowable] = [Spacer(1, 6 * mm), _para(_upper(info.kind_title), styles.kind)]
    if info.abstract:
        flowables.append(_para(info.abstract, styles.abstract))
    if info.abstract_note:
        flowables.append(_para(info.abstract_note, styles.abstract_note))
    # The short rule under the title ("-----" in the templates of 36-HD).
    flowables.append(_CenteredRule(22 * mm, thickness=0.5, space_before=7))
    flowables.append(Spacer(1, 6 * mm))
    return flowables


def closing_block(styles: Styles, closing: Closing) -> Flowable:
    """Recipients on the left, the signature on the right, kept on one page (§7.6, §7.7)."""
    width = styles.document.text_width
    left: list[Flowable] = []
    if closing.recipients:
        left.append(Paragraph("<u>Nơi nhận:</u>", styles.recipients_label))
        last = len(closing.recipients) - 1
        for index, recipient in enumerate(closing.recipients):
            ending = "." if index == last else ","
            left.append(_para(f"- {recipient.rstrip('.,')}{ending}", styles.recipient))
    signature = closing.signature
    right: list[Flowable] = []
    if signature.authority:
        right.append(_para(_upper(signature.authority), styles.signature))
    right.append(_para(_upper(signature.title), styles.signature))
    right.append(Spacer(1, _SIGNATURE_SPACE_MM * mm))
    right.append(_para(signature.name or "", styles.signature))
    table = Table([[left, right]], colWidths=[width * 0.5, width * 0.5])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([Spacer(1, 8 * mm), table])


def _draw_page_number(canvas: Canvas, document: BaseDocTemplate) -> None:
    # R-DOC-3: from page 2 on, Arabic numerals, 10 mm from the top edge, centred on the text.
    style: DocumentStyle = document.party_style
    page_width, page_height = style.page_size
    canvas.saveState()
    canvas.setFont(document.party_family.regular, style.page_number_pt)
    centre = style.margin_left_mm * mm + style.text_width / 2
    baseline = page_height - style.page_number_from_top_mm * mm - style.page_number_pt * 0.8
    canvas.drawCentredString(centre, baseline, str(canvas.getPageNumber()))
    canvas.restoreState()


class _Template(BaseDocTemplate):
    def __init__(self, path: str, style: DocumentStyle, family, info: DocumentInfo,  # type: ignore[no-untyped-def]
                 page_callback: Callable[[int], None] | None) -> None:
        width, height = style.page_size
        super().__init__(
            path, pagesize=style.page_size,
            leftMargin=style.margin_left_mm * mm, rightMargin=style.margin_right_mm * mm,
            topMargin=style.margin_top_mm * mm, bottomMargin=style.margin_bottom_mm * mm,
            title=nfc(" ".join(part for part in (info.kind_title, info.abstract or "") if part)),
            author=nfc(info.author), subject=nfc(info.subject), creator=PRODUCER,
            producer=PRODUCER, keywords=list(info.keywords), lang="vi-VN",
        )
        self.party_style = style
        self.party_family = family
        self._page_callback = page_callback
        frame = Frame(
            self.leftMargin, self.bottomMargin, width - self.leftMargin - self.rightMargin,
            height - self.topMargin - self.bottomMargin, id="body",
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate(id="first", frames=[frame], autoNextPageTemplate="later"),
                PageTemplate(id="later", frames=[frame], onPage=_draw_page_number),
            ]
        )

    def afterPage(self) -> None:
        if self._page_callback is not None:
            self._page_callback(self.page)


@dataclass
class BuiltDocument:
    path: Path
    pages: int


def build_document(
    out_path: Path,
    styles: Styles,
    header: DocumentHeader,
    info: DocumentInfo,
    body: Iterable[Flowable],
    closing: Closing | None,
    *,
    on_page: Callable[[int], None] | None = None,
) -> BuiltDocument:
    """Lay the document out into `out_path`, atomically: a temporary file in the same folder
    is renamed over the target only when the build completed. Any exception (a
    cancellation included) propagates after the temporary file is removed."""
    story: list[Flowable] = [header_block(styles, header), *title_block(styles, info), *body]
    if closing is not None:
        story.append(closing_block(styles, closing))
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # A fresh name in the target folder (same file system, so the rename is atomic); created
    # by ReportLab with the user's usual permissions, unlike mkstemp's private 0600 files.
    temporary = str(out_path.parent / f".partial-{uuid.uuid4().hex}.pdf")
    try:
        document = _Template(temporary, styles.document, styles.family, info, on_page)
        document.build(story)
        pages = document.page
        os.replace(temporary, out_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return BuiltDocument(out_path, pages)


def document_styles(style: DocumentStyle) -> Styles:
    """The paragraph styles of a document, for reports that build body flowables."""
    return Styles(style, register_fonts())

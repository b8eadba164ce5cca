"""Phiếu đảng viên (mẫu 2-HSĐV): one member's profile sheet in the party document format.

The header of the issuing committee, the form's mark at the top right, the title, then the
numbered items of the paper form (a 3×4 photo frame beside the first ones), the member's party
history as a small table, and two signatures: the member who declares, the committee that
certifies. An item the record leaves empty prints as a dotted line to fill in by hand.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.enums import DatePrecision
from desktop.models.organization import PartyOrganization
from desktop.models.problems import Problem, ProblemCode
from desktop.models.text import nfc
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import (
    BuiltDocument,
    DocumentInfo,
    Signature,
    build_document,
    document_styles,
)
from desktop.reports.issuing import issued_parts
from desktop.reports.labels import (
    ACADEMIC_TITLES,
    GENDERS,
    MEMBER_EVENTS,
    POLITICAL_THEORY,
    PROFESSIONAL_DEGREES,
)
from desktop.reports.style import DocumentStyle, Styles
from desktop.reports.tables import Align, Column, TableRow, fixed_table
from desktop.services.errors import OperationCancelled, ValidationFailed
from desktop.services.members import MemberRecord, get_member
from desktop.services.organizations import get_cell_choice, in_subtree, organization_path

FORM_MARK = "Mẫu 2-HSĐV"
TITLE = "Phiếu đảng viên"
PROBATIONARY_TEXT = "Đảng viên dự bị"
DOTS = "…"  # one dot leader unit; a blank is a run of them
MIN_BLANK = 4  # dot units of a blank inside a line (more when it ends the line)
PHOTO_TEXT = "Ảnh 3x4"

_PHOTO_WIDTH_MM = 30
_PHOTO_HEIGHT_MM = 40
_PHOTO_GAP_MM = 6  # between the photo frame and the items beside it
_NUMBER_INDENT_MM = 9  # the item numbers hang in this margin; labels line up after it
_SUB_INDENT_MM = 4  # the "-" of a sub-item, under the label
_ITEM_SPACE_PT = 1  # between two items
_PHOTO_BELOW_PT = 4  # between the photo frame and the item under it
_BLANK_SLACK_PT = 1  # a closing blank stops this short of the line's end
_SIGNATURE_SPACE_MM = 28  # room for a signature (and the seal on the right), §7.6
_HISTORY_START_MM = 60  # at most this much of the history table must fit below its heading
_MARK_FROM_TOP_MM = 12  # the form's mark, in the top margin of page 1
_EVENT_COLUMNS = (
    ("STT", 11, Align.CENTER),
    ("Ngày", 25, Align.CENTER),
    ("Nội dung", 84, Align.LEFT),
    ("Số quyết định", 40, Align.CENTER),
)


# ---------------------------------------------------------------------------------------------
# What the items say


@dataclass(frozen=True)
class Part:
    """`label: value` inside an item; value None prints as a dotted blank."""

    label: str
    value: str | None
    strong: bool = False  # the value in bold (the name)


@dataclass(frozen=True)
class Item:
    number: int | None  # None: a line under the item above, a sub-item or its continuation
    parts: tuple[Part, ...]
    dash: bool = False  # a sub-item ("- Ngoại ngữ: …") rather than a further line of the item


def _item(number: int, *parts: Part) -> Item:
    return Item(number, parts)


def _sub(*parts: Part) -> Item:
    return Item(None, parts, dash=True)


def _line(*parts: Part) -> Item:
    return Item(None, parts)


def _text(value: str | None) -> str | None:
    value = nfc(value).strip() if value else ""
    return value or None


def _date(value: dt.date | None, precision: DatePrecision = DatePrecision.DAY) -> str | None:
    return format_date(value, precision) if value is not None else None


def _birth_label(precision: DatePrecision) -> str:
    # "Sinh ngày 15/06/1980"; an older member's record often has only "Sinh năm 1950".
    if precision is DatePrecision.YEAR:
        return "Sinh năm"
    if precision is DatePrecision.MONTH:
        return "Sinh tháng"
    return "Sinh ngày"


def _degree(record: MemberRecord) -> str:
    draft = record.draft
    degree = PROFESSIONAL_DEGREES[draft.professional_degree]
    field = _text(draft.professional_field)
    return f"{degree}, ngành {field}" if field else degree


def is_probationary(record: MemberRecord, as_of: dt.date) -> bool:
    """Not yet recognised as an official member on `as_of`."""
    official = record.draft.official_date
    return official is None or official > as_of


def profile_items(record: MemberRecord, cell_text: str | None, as_of: dt.date) -> list[Item]:
    """Items 1–20 of the sheet, in the order of the paper form."""
    d = record.draft
    if is_probationary(record, as_of):
        official = (Part("Ngày chính thức", PROBATIONARY_TEXT),)
    else:
        official = (Part("Ngày chính thức", _date(d.official_date)),
                    Part("nơi công nhận", _text(d.official_place)))
    return [
        _item(1, Part("Họ và tên đang dùng", nfc(d.full_name).upper(), strong=True)),
        _item(2, Part("Họ và tên khai sinh", _text(d.birth_name))),
        _item(3, Part("Bí danh", _text(d.alias))),
        _item(4, Part("Giới tính", GENDERS[d.gender] if d.gender is not None else None)),
        _item(5, Part(_birth_label(d.dob_precision), _date(d.date_of_birth, d.dob_precision))),
        _item(6, Part("Nơi sinh", _text(d.birth_place))),
        _item(7, Part("Quê quán", _text(d.home_town))),
        _item(8, Part("Nơi thường trú", _text(d.permanent_address))),
        _item(9, Part("Nơi ở hiện nay", _text(d.current_address))),
        _item(10, Part("Dân tộc", _text(d.ethnicity))),
        _item(11, Part("Tôn giáo", _text(d.religion))),
        _item(12, Part("Nghề nghiệp hiện nay", _text(d.occupation))),
        _item(13, Part("Trình độ", "")),
        _sub(Part("Giáo dục phổ thông", _text(d.general_education))),
        _sub(Part("Chuyên môn nghiệp vụ", _degree(record))),
        _sub(Part("Học hàm", ACADEMIC_TITLES[d.academic_title])),
        _sub(Part("Lý luận chính trị", POLITICAL_THEORY[d.political_theory])),
        _sub(Part("Ngoại ngữ", _text(d.foreign_languages)),
             Part("Tin học", _text(d.it_level))),
        _item(14, Part("Ngày vào Đoàn TNCS Hồ Chí Minh", _date(d.youth_union_join_date))),
        _item(15, Part("Ngày vào Đảng", _date(d.admission_date)),
              Part("nơi kết nạp", _text(d.admission_place))),
        _item(16, *official),
        _item(17, Part("Số thẻ đảng viên", _text(d.party_card_number)),
              Part("ngày cấp", _date(d.party_card_issue_date))),
        _item(18, Part("Số định danh cá nhân", _text(d.national_id))),
        _item(19, Part("Đơn vị công tác", _text(d.work_unit))),
        _line(Part("Chức vụ chính quyền", _text(d.position_gov))),
        _item(20, Part("Chi bộ đang sinh hoạt", _text(cell_text))),
    ]


def event_rows(record: MemberRecord, as_of: dt.date) -> list[TableRow]:
    """The member's history up to `as_of`, oldest first (Quá trình sinh hoạt đảng)."""
    rows: list[TableRow] = []
    for event in record.events:
        if event.effective_date > as_of:
            continue
        content = MEMBER_EVENTS[event.kind]
        if event.from_name and event.to_name:
            content = f"{content}: {event.from_name} → {event.to_name}"
        elif event.to_name:
            content = f"{content}: đến {event.to_name}"
        elif event.from_name:
            content = f"{content}: từ {event.from_name}"
        note = _text(event.note)
        if note:
            content = f"{content} ({note})"
        rows.append(TableRow.data(str(len(rows) + 1), format_date(event.effective_date), content,
                                  _text(event.decision_number) or ""))
    return rows


# ---------------------------------------------------------------------------------------------
# How they are laid out


class _ItemStyles:
    def __init__(self, styles: Styles) -> None:
        document = styles.document
        self.family = styles.family
        self.size = document.body_pt
        number = _NUMBER_INDENT_MM * mm
        self.item = ParagraphStyle(
            "profile_item", parent=styles.label, leftIndent=number, bulletIndent=0,
            bulletFontName=styles.family.regular, bulletFontSize=document.body_pt,
            spaceAfter=_ITEM_SPACE_PT,
        )
        self.sub = ParagraphStyle(
            "profile_sub", parent=self.item, leftIndent=number + _SUB_INDENT_MM * mm,
            bulletIndent=number,
        )
        self.heading = ParagraphStyle(
            "profile_heading", parent=self.item, spaceBefore=document.paragraph_after_pt,
            spaceAfter=_ITEM_SPACE_PT + 1,
        )
        self.signature = styles.signature  # bold, centred
        self.signature_note = ParagraphStyle(
            "profile_signature_note", parent=styles.signature, fontName=styles.family.italic,
            fontSize=document.table_pt + 1, leading=(document.table_pt + 1) * 1.2,
        )
        self.photo_pt = document.table_pt


def _closing_blank(width: float, available: float, font: str, size: float) -> tuple[str, str]:
    """A dotted blank exactly `width` long (markup, text): whole dot units, their size
    nudged down a little so that the last dot ends flush with the line's end. When less
    than a short blank is left, the blank takes the whole next line."""
    unit = stringWidth(DOTS, font, size)
    if width < MIN_BLANK * unit:
        width = available
    count = max(MIN_BLANK, math.ceil(width / unit))
    fitted = size * width / (count * unit)
    return f'<font size="{fitted:.2f}">{DOTS * count}</font>', DOTS * count


def _item_paragraph(item: Item, width: float, styles: _ItemStyles) -> Paragraph:
    """One item; a blank at the end of the item runs to the end of its line."""
    style = styles.sub if item.dash else styles.item
    available = width - style.leftIndent
    regular, size = styles.family.regular, styles.size
    plain = ""  # the text so far, to know where on its line a closing blank starts
    markup = ""
    last = len(item.parts) - 1
    for index, part in enumerate(item.parts):
        head = f"{'; ' if index else ''}{part.label}:"
        if part.value == "":  # the heading of sub-items ("13. Trình độ:")
            plain, markup = plain + head, markup + escape(head)
            continue
        plain, markup = plain + head + " ", markup + escape(head) + " "
        if part.value is not None:
            value = escape(part.value)
            plain, markup = plain + part.value, markup + (f"<b>{value}</b>" if part.strong else value)
        elif index < last:
            blank = DOTS * (MIN_BLANK * 2)
            plain, markup = plain + blank, markup + blank
        else:
            line = (simpleSplit(plain, regular, size, available) or [""])[-1]
            # simpleSplit drops the space that ends the line; a little slack as well, for
            # the paragraph measures a hair differently.
            used = stringWidth(line + " ", regular, size) + _BLANK_SLACK_PT
            blank_markup, blank = _closing_blank(available - used, available, regular, size)
            plain, markup = plain + blank, markup + blank_markup
    if item.number is not None:
        return Paragraph(markup, style, bulletText=f"{item.number}.")
    return Paragraph(markup, style, bulletText="-" if item.dash else None)


class _PhotoFrame(Flowable):
    """The 3×4 cm frame for the photo, "Ảnh 3x4" in its middle."""

    def __init__(self, font: str, size: float) -> None:
        super().__init__()
        self.width = _PHOTO_WIDTH_MM * mm
        self.height = _PHOTO_HEIGHT_MM * mm
        self.font = font
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, self.width, self.height)
        canvas.setFont(self.font, self.size)
        canvas.drawCentredString(self.width / 2, self.height / 2 - self.size * 0.3, PHOTO_TEXT)
        canvas.restoreState()


class _FormMark(Flowable):
    """"Mẫu 2-HSĐV" in the top margin of the page, flush with the right margin.

    A zero-size flowable placed first in the body: it draws at a fixed place on the page,
    whatever comes before it (the header boxes of the frame)."""

    def __init__(self, style: DocumentStyle, font: str, size: float) -> None:
        super().__init__()
        self.style = style
        self.font = font
        self.size = size
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas, x, y, _sW=0):  # type: ignore[no-untyped-def]
        page_width, page_height = self.style.page_size
        right = page_width - self.style.margin_right_mm * mm
        baseline = page_height - _MARK_FROM_TOP_MM * mm - self.size * 0.8
        canvas.saveState()
        canvas.setFont(self.font, self.size)
        canvas.drawRightString(right, baseline, FORM_MARK)
        canvas.restoreState()

    def draw(self) -> None:  # pragma: no cover - drawOn is used instead
        pass


def _plain_table(rows: list[list[object]], widths: Sequence[float]) -> Table:
    table = Table(rows, colWidths=list(widths))
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _items_flowables(items: list[Item], styles: Styles, item_styles: _ItemStyles) -> list[Flowable]:
    """The photo frame on the left of the first items, as on the paper form; the others
    use the whole width. Items go beside the photo until they are as tall as it is."""
    width = styles.document.text_width
    beside = width - (_PHOTO_WIDTH_MM + _PHOTO_GAP_MM) * mm
    photo_height = _PHOTO_HEIGHT_MM * mm
    right: list[Flowable] = []
    used = 0.0
    index = 0
    while index < len(items) and used < photo_height:
        paragraph = _item_paragraph(items[index], beside, item_styles)
        _, height = paragraph.wrap(beside, 10_000)
        right.append(paragraph)
        used += height + paragraph.getSpaceAfter()
        index += 1
    photo = _PhotoFrame(styles.family.regular, item_styles.photo_pt)
    top = _plain_table([[photo, "", right]],
                       [_PHOTO_WIDTH_MM * mm, _PHOTO_GAP_MM * mm, beside])
    flowables: list[Flowable] = [top, Spacer(1, _PHOTO_BELOW_PT)]
    rest = items[index:]
    for position, item in enumerate(rest):
        paragraph = _item_paragraph(item, width, item_styles)
        # An item does not end a page while its further lines start the next one.
        if position + 1 < len(rest) and rest[position + 1].number is None:
            paragraph.keepWithNext = True
        flowables.append(paragraph)
    return flowables


def _signatures(member_name: str, signature: Signature, styles: Styles,
                item_styles: _ItemStyles) -> Flowable:
    """The member who declares on the left, the committee that certifies on the right."""
    width = styles.document.text_width

    def line(text: str, style: ParagraphStyle = item_styles.signature) -> Paragraph:
        return Paragraph(escape(nfc(text)), style)

    right_head = [line(signature.authority.upper())] if signature.authority else []
    left = [line("NGƯỜI KHAI"), line("(Ký, ghi rõ họ tên)", item_styles.signature_note)]
    right = [*right_head, line(signature.title.upper())]
    rows = [
        [left, right],
        [Spacer(1, _SIGNATURE_SPACE_MM * mm), ""],
        [line(member_name), line(signature.name or "")],
    ]
    return KeepTogether([Spacer(1, 8 * mm), _plain_table(rows, [width / 2, width / 2])])


def _history(record: MemberRecord, as_of: dt.date, items: Sequence[Item], styles: Styles,
             item_styles: _ItemStyles) -> list[Flowable]:
    """The numbered heading and the table of events; the heading never ends a page alone."""
    number = max(item.number or 0 for item in items) + 1
    heading = Paragraph("Quá trình sinh hoạt đảng:", item_styles.heading, bulletText=f"{number}.")
    rows = event_rows(record, as_of)
    columns = [Column(title, width * mm, align) for title, width, align in _EVENT_COLUMNS]
    # Nothing recorded up to the date: two empty rows to fill in by hand.
    table = fixed_table(styles, columns, rows or [TableRow.data("", "", "", "")] * 2)
    width = styles.document.text_width
    _, heading_height = heading.wrap(width, 10_000)
    _, table_height = table.wrap(width, 10_000)
    # A short table goes with its heading to the next page when both do not fit here; a long
    # one starts here when its header and a few rows do.
    needed = heading_height + heading.getSpaceBefore() + min(table_height, _HISTORY_START_MM * mm)
    return [CondPageBreak(needed), heading, table]


def _cell_text(database: Database, cell_id: int | None) -> str | None:
    if cell_id is None:
        return None
    cell = get_cell_choice(database, cell_id)
    return f"{cell.name}, {cell.parent_name}" if cell.parent_name else cell.name


def _check_request(database: Database, organization_id: int, member_id: int | None) -> MemberRecord:
    if member_id is None:
        raise ValidationFailed([Problem("member_id", ProblemCode.REPORT_MEMBER_REQUIRED)])
    path = organization_path(database, organization_id)  # RecordNotFound for an unknown one
    record = get_member(database, member_id)  # RecordNotFound for an unknown member
    with database.reading() as session:
        inside = session.scalar(
            select(PartyOrganization.id)
            .where(PartyOrganization.id == record.draft.cell_id, in_subtree(path))
        )
    if inside is None:
        raise ValidationFailed([Problem("member_id", ProblemCode.REPORT_MEMBER_OUTSIDE_ORGANIZATION)])
    return record


def write_profile(
    database: Database,
    request: ReportRequest,
    out_path: Path,
    *,
    issue_date: dt.date,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> BuiltDocument:
    """The sheet of the request's member, issued by its organisation (the member must belong
    to that subtree); status and history as on the request's date."""
    organization_id, as_of = request.organization_id, request.as_of
    record = _check_request(database, organization_id, request.member_id)
    if progress is not None:
        progress(0, 1)
    parts = issued_parts(database, organization_id, issue_date, kind_code=None)
    styles = document_styles(parts.style)
    item_styles = _ItemStyles(styles)
    items = profile_items(record, _cell_text(database, record.draft.cell_id), as_of)

    body: list[Flowable] = [_FormMark(parts.style, styles.family.regular, styles.document.table_pt + 1)]
    body += _items_flowables(items, styles, item_styles)
    body += _history(record, as_of, items, styles, item_styles)
    body.append(_signatures(nfc(record.draft.full_name), parts.closing.signature, styles, item_styles))

    note = None if as_of == issue_date else f"(Tính đến ngày {format_date(as_of)})"
    info = DocumentInfo(
        kind_title=TITLE,
        abstract_note=note,
        author=parts.issuer.issuer_name,
        subject=f"Phiếu đảng viên {nfc(record.draft.full_name)}",
        keywords=(FORM_MARK,),
    )
    if is_cancelled is not None and is_cancelled():
        raise OperationCancelled()
    built = build_document(out_path, styles, parts.header, info, body, closing=None)
    if progress is not None:
        progress(1, 1)
    return built

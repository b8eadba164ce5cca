"""Sizes and margins of the party document format, and the paragraph styles built from them.

The numbers are not literals here: they come from the DOCUMENT_STYLE row of the rule table
(36-HD/VPTW today), read as of the document's date, so a new guide under Quy định 399-QĐ/TW
becomes a new row, not a code change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from desktop.reports.fonts import RegisteredFamily


@dataclass(frozen=True)
class DocumentStyle:
    """One DOCUMENT_STYLE rule value (§7.1–§7.3, §7.8); lengths in mm, sizes in pt."""

    page: str
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    page_number_from_top_mm: float
    motto_pt: float
    superior_pt: float
    issuer_pt: float
    number_pt: float
    place_date_pt: float
    kind_pt: float
    abstract_pt: float
    body_pt: float
    body_leading_pt: float
    paragraph_after_pt: float
    first_line_indent_mm: float
    table_pt: float
    signature_pt: float
    recipients_label_pt: float
    recipients_pt: float
    page_number_pt: float

    @classmethod
    def from_rule(cls, value: Mapping[str, Any]) -> DocumentStyle:
        known = {field.name for field in fields(cls)}
        missing = known - set(value)
        if missing:
            raise ValueError(f"DOCUMENT_STYLE lacks {sorted(missing)}")
        return cls(**{name: value[name] for name in known})

    @property
    def page_size(self) -> tuple[float, float]:
        if self.page != "A4":
            raise ValueError(f"unsupported page size {self.page}")
        return A4

    @property
    def text_width(self) -> float:
        return self.page_size[0] - (self.margin_left_mm + self.margin_right_mm) * mm


class Styles:
    """The named paragraph styles of a document, built once per document."""

    def __init__(self, style: DocumentStyle, family: RegisteredFamily) -> None:
        self.document = style
        self.family = family

        def make(name: str, size: float, *, font: str | None = None, align: int = TA_LEFT,
                 leading: float | None = None, **extra: Any) -> ParagraphStyle:
            return ParagraphStyle(
                name, fontName=font or family.regular, fontSize=size,
                leading=leading if leading is not None else size * 1.2, alignment=align, **extra
            )

        self.superior = make("superior", style.superior_pt, align=TA_CENTER)
        self.issuer = make("issuer", style.issuer_pt, font=family.bold, align=TA_CENTER)
        self.star = make("star", style.issuer_pt, align=TA_CENTER)
        self.number = make("number", style.number_pt, align=TA_CENTER)
        self.motto = make("motto", style.motto_pt, font=family.bold, align=TA_CENTER)
        self.place_date = make("place_date", style.place_date_pt, font=family.italic, align=TA_CENTER)
        self.kind = make("kind", style.kind_pt, font=family.bold, align=TA_CENTER,
                         spaceBefore=style.kind_pt)
        self.abstract = make("abstract", style.abstract_pt, font=family.bold, align=TA_CENTER)
        self.abstract_note = make("abstract_note", style.abstract_pt, font=family.italic,
                                  align=TA_CENTER)
        self.body = make(
            "body", style.body_pt, align=TA_JUSTIFY, leading=style.body_leading_pt,
            firstLineIndent=style.first_line_indent_mm * mm, spaceAfter=style.paragraph_after_pt,
        )
        self.heading = make(
            "heading", style.body_pt, font=family.bold, leading=style.body_leading_pt,
            spaceBefore=style.paragraph_after_pt, spaceAfter=style.paragraph_after_pt,
        )
        self.signature = make("signature", style.signature_pt, font=family.bold, align=TA_CENTER)
        # Printed underlined (<u>Nơi nhận:</u>), upright (§7.3).
        self.recipients_label = make("recipients_label", style.recipients_label_pt)
        self.recipient = make("recipient", style.recipients_pt)
        self.table = make("table", style.table_pt)
        self.table_center = make("table_center", style.table_pt, align=TA_CENTER)
        self.table_right = make("table_right", style.table_pt, align=TA_RIGHT)
        self.table_header = make("table_header", style.table_pt, font=family.bold, align=TA_CENTER)
        self.label = make("label", style.body_pt, leading=style.body_leading_pt)

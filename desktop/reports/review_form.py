"""Bản kiểm điểm, đánh giá, xếp loại cá nhân (domain spec §5.7), pre-filled from a member's
evaluation (record_id): identity, the self-review written so far, the score table with the
self-rating, the cell's proposal and the decided rating, the blanks the member fills by hand.

The header is the cell's (Đảng bộ …, Chi bộ …); the form code follows the member's group
(2A with a party post, 2B working in the political system, 2C outside it; split [M]).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.evaluations import RATINGS_BEST_FIRST, Rating
from desktop.models.text import nfc
from desktop.reports.catalogue import ReportRequest
from desktop.reports.evaluation_results import RATING_NAMES
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.issuing import issued_parts
from desktop.reports.style import Styles
from desktop.reports.tables import Align, Column, RowKind, TableRow, fixed_table
from desktop.services.evaluation_list import ReviewFormFacts, review_form_facts

TITLE = "Bản kiểm điểm, đánh giá, xếp loại cá nhân"
_DOTS = "…" * 60

_SECTIONS = (
    "I. Ưu điểm, kết quả đạt được",
    "II. Hạn chế, khuyết điểm và nguyên nhân",
    "III. Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận hoặc chỉ ra "
    "ở các kỳ kiểm điểm trước",
    "IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)",
    "V. Làm rõ trách nhiệm cá nhân đối với hạn chế, khuyết điểm của tập thể (nếu có)",
    "VI. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm",
)


def form_code(facts: ReviewFormFacts) -> str:
    group = "2A" if facts.party_post else ("2B" if facts.works_in_political_system else "2C")
    return f"Mẫu {group}-HD KĐ.ĐG {facts.year}"


def _p(text: str, styles: Styles, heading: bool = False) -> Paragraph:
    return Paragraph(escape(nfc(text)), styles.heading if heading else styles.body)


def _identity(facts: ReviewFormFacts, styles: Styles) -> list[Flowable]:
    lines = [
        ("Họ và tên", facts.full_name),
        ("Ngày sinh", format_date(facts.date_of_birth, facts.dob_precision)),
        ("Chức vụ Đảng", facts.party_post or _DOTS[:30]),
        ("Chức vụ chính quyền", facts.government_post or _DOTS[:30]),
        ("Đơn vị công tác", facts.work_unit or _DOTS[:30]),
        ("Sinh hoạt tại chi bộ", f"{facts.cell_name}, {facts.grassroots_name}" if facts.grassroots_name
         and facts.grassroots_name != facts.cell_name else facts.cell_name),
    ]
    return [_p(f"{label}: {value}", styles) for label, value in lines]


def _mark(rating: Rating, chosen: Rating | None) -> str:
    return "X" if chosen is rating else ""


def _rating_table(facts: ReviewFormFacts, styles: Styles) -> Flowable:
    labels = RATING_NAMES
    columns = [Column("Mức xếp loại", 70 * mm), Column("Tự xếp loại", 28 * mm, Align.CENTER),
               Column("Chi bộ đề xuất", 30 * mm, Align.CENTER), Column("Cấp có thẩm quyền", 32 * mm, Align.CENTER)]
    rows = [TableRow.data(labels[r], _mark(r, facts.self_rating), _mark(r, facts.proposed_rating),
                          _mark(r, facts.decided_rating)) for r in RATINGS_BEST_FIRST]
    score = lambda value: "" if value is None else str(value)  # noqa: E731
    rows.append(TableRow(RowKind.SUM, ("Tổng điểm (thang 100: A tối đa 30, B tối đa 70)", score(facts.self_score),
                                       score(facts.score), "")))
    return fixed_table(styles, columns, rows)


def _signature(facts: ReviewFormFacts, styles: Styles) -> Flowable:
    cell = [Paragraph("<b>NGƯỜI TỰ KIỂM ĐIỂM</b>", styles.place_date),
            Paragraph("(Ký, ghi rõ họ và tên)", styles.place_date), Spacer(1, 20 * mm),
            Paragraph(f"<b>{escape(nfc(facts.full_name))}</b>", styles.place_date)]
    table = Table([["", cell]], colWidths=[80 * mm, 80 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _cell_block(facts: ReviewFormFacts, styles: Styles) -> list[Flowable]:
    labels = RATING_NAMES
    proposed = labels[facts.proposed_rating] if facts.proposed_rating else _DOTS[:40]
    votes = (f" ({facts.votes_for}/{facts.votes_cast} phiếu tán thành)"
             if facts.votes_for is not None and facts.votes_cast is not None else "")
    decided = labels[facts.decided_rating] if facts.decided_rating else _DOTS[:40]
    decision = (f" theo Quyết định số {facts.decision_number} ngày {format_date(facts.decided_on)}"
                if facts.decision_number and facts.decided_rating else "")
    return [
        _p("Nhận xét, đánh giá của cấp ủy, chi bộ", styles, heading=True),
        _p(facts.cell_comment or _DOTS, styles),
        _p(f"Chi bộ đề xuất xếp loại: {proposed}{votes}.", styles),
        _p("Kết quả xếp loại của cấp có thẩm quyền", styles, heading=True),
        _p(f"Xếp loại: {decided}{decision}.", styles),
    ]


def review_form_story(facts: ReviewFormFacts, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [_p(form_code(facts), styles), *_identity(facts, styles)]
    for index, section in enumerate(_SECTIONS):
        story.append(_p(section, styles, heading=True))
        text = facts.self_review if index == 0 and facts.self_review else _DOTS
        story.extend(_p(line, styles) for line in text.splitlines() if line.strip())
    story += [_p("VII. Tự đánh giá, xếp loại", styles, heading=True), _rating_table(facts, styles),
              Spacer(1, 6 * mm), _signature(facts, styles), *_cell_block(facts, styles)]
    return story


def write_review_form(
    database: Database, request: ReportRequest, out_path: Path, *, issue_date: dt.date,
    progress: Callable[[int, int], None] | None = None, is_cancelled: Callable[[], bool] | None = None,
) -> BuiltDocument:
    assert request.record_id is not None
    facts = review_form_facts(database, request.record_id)
    parts = issued_parts(database, facts.organization_id, issue_date, kind_code=None)
    styles = document_styles(parts.style)
    info = DocumentInfo(kind_title=TITLE, abstract=f"Năm {facts.year}", author=facts.full_name,
                        subject=f"{TITLE} năm {facts.year} {facts.full_name}")
    return build_document(out_path, styles, parts.header, info, review_form_story(facts, styles), None)

"""The documents of an inspection case (§6.2, §7.9): the conclusion notice (thông báo kết
luận, "TB") and the discipline decision (quyết định thi hành kỷ luật, "QĐ"), in the party
document format. An inspection committee's documents are headed by the committee under its
party committee ("ỦY BAN KIỂM TRA" below "ĐẢNG ỦY …"), numbered "…/UBKT…" and signed
"T/M ỦY BAN KIỂM TRA / CHỦ NHIỆM"; a cell's or a committee's documents are its own.

The printed names of kinds and forms live here (reports never import Qt).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.discipline import DisciplineForm
from desktop.models.document_header import document_number
from desktop.models.inspection import CaseKind, DecidingBodyKind, Seriousness
from desktop.models.rules import RuleBook, RuleCode
from desktop.models.text import nfc
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import (
    BuiltDocument,
    Closing,
    DocumentInfo,
    Signature,
    build_document,
    document_styles,
)
from desktop.reports.issuing import IssuedParts, issued_parts
from desktop.services.errors import RecordNotFound
from desktop.services.inspection_detail import CaseDetail, case_of_decision, get_case

NOTICE_KIND_CODE = "TB"
DECISION_KIND_CODE = "QĐ"

CASE_KIND_NAMES = {
    CaseKind.SUPERVISION_REGULAR: "giám sát thường xuyên",
    CaseKind.SUPERVISION_THEMATIC: "giám sát chuyên đề",
    CaseKind.INSPECTION_COMPLIANCE: "kiểm tra việc chấp hành",
    CaseKind.INSPECTION_SIGNS_OF_VIOLATION: "kiểm tra khi có dấu hiệu vi phạm",
    CaseKind.INSPECTION_OF_IC_DUTY: "kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật",
    CaseKind.INSPECTION_FINANCE: "kiểm tra tài chính đảng",
    CaseKind.ASSETS_CHECK: "kiểm tra, kiểm soát việc kê khai tài sản, thu nhập",
    CaseKind.DENUNCIATION: "giải quyết tố cáo",
    CaseKind.DISCIPLINE_COMPLAINT: "giải quyết khiếu nại kỷ luật đảng",
    CaseKind.DISCIPLINE: "xem xét, thi hành kỷ luật",
    CaseKind.SUSPENSION: "đình chỉ sinh hoạt đảng",
}
FORM_NAMES = {
    DisciplineForm.REPRIMAND: "khiển trách", DisciplineForm.WARNING: "cảnh cáo",
    DisciplineForm.DISMISSAL: "cách chức", DisciplineForm.EXPULSION: "khai trừ ra khỏi Đảng",
    DisciplineForm.DISSOLUTION: "giải tán",
}
SERIOUSNESS_NAMES = {
    Seriousness.NO_VIOLATION: "Không vi phạm.",
    Seriousness.SHORTCOMING: "Có khuyết điểm, chưa đến mức vi phạm.",
    Seriousness.VIOLATION_NO_DISCIPLINE: "Có vi phạm nhưng chưa đến mức phải xử lý kỷ luật.",
    Seriousness.DISCIPLINE_WARRANTED: "Có vi phạm đến mức phải xem xét, xử lý kỷ luật.",
}
_BASIS = (
    "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
    "Căn cứ Quy định số 296-QĐ/TW ngày 30/5/2025 của Ban Chấp hành Trung ương về công tác kiểm tra, "
    "giám sát và kỷ luật của Đảng;",
    "Căn cứ Quy định số 69-QĐ/TW ngày 06/7/2022 của Bộ Chính trị về kỷ luật tổ chức đảng, đảng viên vi phạm;",
)


def _issuer(database: Database, organization_id: int, body_kind: DecidingBodyKind, body_name: str,
            on: dt.date, kind_code: str) -> IssuedParts:
    parts = issued_parts(database, organization_id, on, kind_code)
    issuer = parts.issuer
    if body_kind is DecidingBodyKind.GRASSROOTS_IC:
        code = f"UBKT{issuer.issuer_code}"
        header = replace(parts.header, superior_name=issuer.issuer_name, issuer_name="Ủy ban Kiểm tra",
                         number=document_number(None, kind_code, code))
        closing = Closing(Signature(title="CHỦ NHIỆM", authority="T/M ỦY BAN KIỂM TRA"),
                          (f"{issuer.issuer_name} (để báo cáo)", "Lưu Ủy ban Kiểm tra"))
        return replace(parts, header=header, closing=closing, issuer=replace(issuer, issuer_code=code))
    if body_kind in (DecidingBodyKind.SUPERIOR_IC, DecidingBodyKind.SUPERIOR_STANDING):
        # A superior body outside the database: the header names it as the case records it.
        header = replace(parts.header, superior_name=None, issuer_name=body_name)
        authority = "T/M ỦY BAN KIỂM TRA" if body_kind is DecidingBodyKind.SUPERIOR_IC else "T/M BAN THƯỜNG VỤ"
        title = "CHỦ NHIỆM" if body_kind is DecidingBodyKind.SUPERIOR_IC else "BÍ THƯ"
        return replace(parts, header=header, closing=Closing(Signature(title=title, authority=authority),
                                                             parts.closing.recipients))
    return parts


def _subjects_text(detail: CaseDetail) -> str:
    names = []
    for subject in detail.subjects:
        who = f"đồng chí {subject.name}" if subject.member_id is not None else subject.name
        names.append(f"{who} ({subject.unit})" if subject.unit else who)
    return "; ".join(names)


def notice_lines(detail: CaseDetail) -> list[str]:
    """The notice's paragraphs (markup)."""
    assert detail.concluded_on is not None
    lines = [escape(f"Thực hiện việc {CASE_KIND_NAMES[detail.kind]} đối với {_subjects_text(detail)}; "
                    f"ngày {format_date(detail.concluded_on)}, {nfc(detail.deciding_body)} đã họp, xem xét "
                    "báo cáo kết quả và kết luận như sau:"),
             "<b>1. Nội dung</b>", escape(nfc(detail.title) + (f". {nfc(detail.content)}" if detail.content else "."))]
    lines += ["<b>2. Kết luận</b>", escape(nfc(detail.conclusion_text or ""))]
    if detail.violations_found:
        lines.append(escape("Vi phạm: " + nfc(detail.violations_found)))
    if detail.seriousness is not None:
        lines.append(escape("Mức độ: " + SERIOUSNESS_NAMES[detail.seriousness]))
    if detail.seriousness is Seriousness.DISCIPLINE_WARRANTED:
        lines += ["<b>3. Xử lý</b>", escape("Đề nghị tổ chức đảng có thẩm quyền xem xét, thi hành kỷ luật "
                                           "theo quy định của Đảng.")]
    return lines


def write_conclusion_notice(database: Database, request: ReportRequest, out_path: Path, *,
                            issue_date: dt.date, progress=None,
                            is_cancelled=None) -> BuiltDocument:  # type: ignore[no-untyped-def]
    if request.record_id is None:
        raise RecordNotFound(0)
    detail = get_case(database, request.record_id)
    if detail.organization_id != request.organization_id or detail.concluded_on is None:
        raise RecordNotFound(request.record_id)
    parts = _issuer(database, detail.organization_id, detail.deciding_body_kind, detail.deciding_body,
                    detail.concluded_on, NOTICE_KIND_CODE)
    if detail.notice_sequence is not None:
        parts = replace(parts, header=replace(parts.header, number=document_number(
            detail.notice_sequence, NOTICE_KIND_CODE, parts.issuer.issuer_code)))
    styles = document_styles(parts.style)
    body: list[Flowable] = [Paragraph(line, styles.body) for line in notice_lines(detail)]
    abstract = f"Kết luận {CASE_KIND_NAMES[detail.kind]} đối với {_subjects_text(detail)}"
    info = DocumentInfo(kind_title="Thông báo", abstract=abstract, author=parts.issuer.issuer_name,
                        subject=f"Thông báo kết luận — hồ sơ {detail.number}", keywords=(NOTICE_KIND_CODE,))
    return build_document(Path(out_path), styles, parts.header, info, body, parts.closing)


def write_discipline_decision(database: Database, request: ReportRequest, out_path: Path, *,
                              issue_date: dt.date, progress=None,
                              is_cancelled=None) -> BuiltDocument:  # type: ignore[no-untyped-def]
    """record_id: the decision (inspection_case_decision.id)."""
    if request.record_id is None:
        raise RecordNotFound(0)
    detail = get_case(database, case_of_decision(database, request.record_id))
    decision = next(d for d in detail.decisions if d.id == request.record_id)
    if detail.organization_id != request.organization_id:
        raise RecordNotFound(request.record_id)
    subject = next(s for s in detail.subjects if s.id == decision.subject_id)
    # A cell decides on its own members: the decision is the cell's document.
    cell_decides = decision.deciding_body_kind in (DecidingBodyKind.CELL, DecidingBodyKind.GRASSROOTS_CELL)
    issuer_id = subject.unit_id if cell_decides and subject.member_id and subject.unit_id else detail.organization_id
    parts = _issuer(database, issuer_id, decision.deciding_body_kind, decision.deciding_body,
                    decision.decided_on, DECISION_KIND_CODE)
    number = nfc(decision.decision_number)
    header = replace(parts.header, number=number if number.startswith("Số") else f"Số {number}")
    styles = document_styles(parts.style)
    who = f"đồng chí {nfc(subject.name)}" if subject.member_id is not None else nfc(subject.name)
    form = FORM_NAMES[decision.form]
    with database.reading() as session:
        window = RuleBook.load(session).value(RuleCode.COMPLAINT_WINDOW_WD, decision.effective_on)
    lines = [escape(line) for line in _BASIS]
    lines.append(escape(f"Xét kết luận ngày {format_date(detail.concluded_on)} và đề nghị về việc thi hành "
                        f"kỷ luật đối với {who}," if detail.concluded_on else ""))
    lines.append("<b>QUYẾT ĐỊNH:</b>")
    lines.append("<b>Điều 1.</b> " + escape(f"Thi hành kỷ luật bằng hình thức {form.upper()} đối với {who}"
                                             + (f", {nfc(subject.unit)}" if subject.unit else "") + "."))
    lines.append(escape("Lý do: " + nfc(decision.reasons)))
    lines.append("<b>Điều 2.</b> " + escape(
        f"Quyết định có hiệu lực kể từ ngày {format_date(decision.effective_on)}. Nếu không đồng ý, {who} "
        f"có quyền khiếu nại lên cấp trên đến hết ngày {format_date(decision.appeal_deadline)} ({window} ngày làm việc "
        "kể từ ngày công bố quyết định); trong thời gian chờ giải quyết phải chấp hành quyết định."))
    lines.append("<b>Điều 3.</b> " + escape(f"Các tổ chức đảng có liên quan và {who} chịu trách nhiệm thi hành "
                                            "Quyết định này."))
    body: list[Flowable] = [Paragraph(line, styles.body) for line in lines if line]
    info = DocumentInfo(kind_title="Quyết định", abstract=f"về việc thi hành kỷ luật đối với {who}",
                        author=parts.issuer.issuer_name, subject=f"Quyết định kỷ luật — {who}",
                        keywords=(DECISION_KIND_CODE,))
    return build_document(Path(out_path), styles, header, info, body, parts.closing)

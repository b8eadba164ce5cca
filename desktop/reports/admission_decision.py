"""Quyết định kết nạp đảng viên (domain spec §3.2 state 10, §7.9): printed from an admission
case once the decision is recorded, by the committee above the cell, with its number and date."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer
from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.admission import AdmissionStep
from desktop.models.dates import format_date
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.issuing import issued_parts
from desktop.reports.labels import GENDERS
from desktop.services.access import require
from desktop.services.admission import get_case
from desktop.services.errors import ValidationFailed


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_admission_decision(database: Database, case_id: int, out_path: Path) -> BuiltDocument:
    """The decision of the case (PRINT_REPORTS, the case in scope); refused before it is recorded."""
    require(database, Permission.PRINT_REPORTS)
    record = get_case(database, case_id)
    steps = {row.step: row for row in record.steps}
    decision = steps.get(AdmissionStep.DECIDED)
    if decision is None:
        raise ValidationFailed([Problem("", ProblemCode.ADMISSION_STEP_OUT_OF_ORDER,
                                        {"step": AdmissionStep.CEREMONY_HELD, "expected": record.next_step})])
    with database.reading() as session:
        issuer_id = session.scalar(select(PartyOrganization.parent_id).where(
            PartyOrganization.id == record.draft.cell_id))
        months = int(RuleBook.load(session).value(RuleCode.PROBATION_MONTHS, decision.step_date))
    parts = issued_parts(database, issuer_id or record.draft.cell_id or 0, decision.step_date, kind_code="QĐ")
    header = parts.header
    if decision.document_number:
        header = replace(header, number=f"Số {decision.document_number}")
    styles = document_styles(parts.style)
    draft = record.draft
    name = _escape(draft.full_name)
    grounds = ["- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
               "- Căn cứ Quy định và Hướng dẫn thi hành Điều lệ Đảng;"]
    for step, who in ((AdmissionStep.CELL_RESOLVED, record.cell_name),
                      (AdmissionStep.SECTION_APPRAISED, None), (AdmissionStep.GRASSROOTS_RESOLVED, None)):
        row = steps.get(step)
        if row is None:
            continue
        body = _escape(row.issuing_body or who or "")
        kind = "báo cáo thẩm định" if step is AdmissionStep.SECTION_APPRAISED else "nghị quyết"
        grounds.append(f"- Xét {kind} của {body} số {_escape(row.document_number or '')} "
                       f"ngày {format_date(row.step_date)} đề nghị kết nạp đảng viên;")
    born = format_date(draft.date_of_birth, draft.dob_precision)
    identity = f"{GENDERS[draft.gender]}, sinh ngày {born}" if draft.gender else f"sinh ngày {born}"
    if draft.home_town:
        identity += f", quê quán {_escape(draft.home_town)}"
    if draft.work_unit:
        identity += f", đơn vị công tác {_escape(draft.work_unit)}"
    body: list[Flowable] = [Paragraph(text, styles.body) for text in grounds]
    body += [Spacer(1, 6), Paragraph("QUYẾT ĐỊNH", ParagraphStyle("decides", parent=styles.heading, alignment=TA_CENTER)), Spacer(1, 6)]
    body += [Paragraph(text, styles.body) for text in (
        f"<b>Điều 1.</b> Kết nạp quần chúng <b>{name}</b> ({identity}) vào Đảng Cộng sản Việt Nam.",
        f"<b>Điều 2.</b> Thời gian dự bị của đồng chí {name} là {months} tháng, kể từ ngày chi bộ tổ chức "
        "lễ kết nạp.",
        f"<b>Điều 3.</b> {_escape(record.cell_name)} và đồng chí {name} chịu trách nhiệm thi hành "
        "quyết định này.",
    )]
    info = DocumentInfo(kind_title="Quyết định", abstract=f"Về việc kết nạp đảng viên {draft.full_name}",
                        author=parts.issuer.issuer_name, subject=f"Quyết định kết nạp đảng viên {draft.full_name}")
    return build_document(out_path, styles, header, info, body, parts.closing)


def decision_file_name(full_name: str, on: dt.date) -> str:
    return f"Quyết định kết nạp - {full_name} - {on:%Y-%m-%d}.pdf"

"""Meeting documents: the minutes (Biên bản sinh hoạt chi bộ / họp cấp ủy, §4.4, §7.9), signed
by the chair and the secretary, and the meeting-compliance summary of an organisation subtree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.meeting_rules import attendance_totals, vote_results
from desktop.models.meetings import AttendanceStatus, MeetingKind, MeetingState
from desktop.models.rules import RuleBook
from desktop.models.text import nfc
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.issuing import issued_parts
from desktop.reports.tables import Align, Column, RowKind, StreamedTable, TableRow
from desktop.services.errors import RecordNotFound
from desktop.services.meeting_compliance import meeting_compliance
from desktop.services.meeting_records import MeetingRecord, load_meeting

MINUTES_KIND_CODE = "BB"
# As printed in the title (documents are printed in Vietnamese; no Qt in reports).
KIND_TITLES = {
    MeetingKind.CELL_REGULAR: "Sinh hoạt chi bộ thường kỳ",
    MeetingKind.CELL_THEMATIC: "Sinh hoạt chuyên đề",
    MeetingKind.CELL_EXTRAORDINARY: "Sinh hoạt chi bộ bất thường",
    MeetingKind.CELL_REVIEW: "Họp kiểm điểm, đánh giá, xếp loại cuối năm",
    MeetingKind.CELL_CONGRESS: "Đại hội chi bộ",
    MeetingKind.COMMITTEE_REGULAR: "Hội nghị cấp ủy",
    MeetingKind.ADMISSION_CEREMONY: "Lễ kết nạp đảng viên",
}


def _e(text: str | None) -> str:
    return escape(nfc(text) or "")


def _time(value: dt.time | None) -> str:
    return f"{value.hour} giờ {value.minute:02d}" if value else "…… giờ ……"


def _percent(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def minutes_title(record: MeetingRecord) -> str:
    draft = record.draft
    if draft.kind is MeetingKind.CELL_REGULAR:
        text = f"Sinh hoạt chi bộ thường kỳ tháng {draft.meeting_date.month} năm {draft.meeting_date.year}"
        return text + (" (kết hợp sinh hoạt chuyên đề)" if draft.includes_thematic else "")
    text = KIND_TITLES[draft.kind]
    return f"{text}: {draft.topic}" if draft.topic else f"{text} ngày {format_date(draft.meeting_date)}"


def minutes_lines(record: MeetingRecord, rules: RuleBook) -> list[tuple[str, str]]:
    """(style name, markup) paragraphs of the minutes' body, in the order of §4.4."""
    draft, names = record.draft, record.names
    totals = attendance_totals(draft.attendance, record.official)
    lines: list[tuple[str, str]] = [
        ("body", f"Thời gian: bắt đầu lúc {_time(draft.start_time)}, ngày {format_date(draft.meeting_date)}."),
        ("body", f"Địa điểm: {_e(draft.place) or '……………'}."),
        ("body", f"Chủ trì: đồng chí <b>{_e(names.get(draft.chair_member_id or 0))}</b>. "
                 f"Thư ký: đồng chí <b>{_e(names.get(draft.secretary_member_id or 0))}</b>."),
        ("body", f"Tổng số đảng viên: {totals.total} đồng chí (chính thức {totals.official}, dự bị "
                 f"{totals.probationary}); miễn sinh hoạt {totals.exempted}; sinh hoạt tạm thời nơi khác "
                 f"{totals.away}."),
        ("body", f"Có mặt: <b>{totals.present}/{totals.expected}</b> đồng chí (chính thức "
                 f"{totals.present_official}, dự bị {totals.present - totals.present_official})."),
    ]
    for status, label in ((AttendanceStatus.ABSENT_EXCUSED, "Vắng có lý do"),
                          (AttendanceStatus.ABSENT_UNEXCUSED, "Vắng không có lý do")):
        absent = [f"{_e(names.get(line.member_id))}" + (f" ({_e(line.reason)})" if line.reason else "")
                  for line in draft.attendance if line.status is status]
        lines.append(("body", f"{label}: {len(absent)} đồng chí" + (": " + "; ".join(absent) if absent else "") + "."))
    if draft.guests:
        guests = "; ".join(f"{_e(g.full_name)}" + (f", {_e(g.post)}" if g.post else "") for g in draft.guests)
        lines.append(("body", f"Khách mời: {guests}."))
    lines.append(("heading", "NỘI DUNG"))
    for number, item in enumerate(draft.agenda, start=1):
        lines.append(("body", f"<b>{number}. {_e(item.title)}</b>"))
        for speech in (item.discussion or "").splitlines():
            if speech.strip():
                lines.append(("body", _e(speech)))
        if item.conclusion:
            lines.append(("body", f"<i>Kết luận của chủ trì:</i> {_e(item.conclusion)}"))
    results = vote_results(draft, totals, rules)
    if results:
        lines.append(("heading", "BIỂU QUYẾT"))
    for result in results:
        vote = result.line
        verdict = "thông qua" if result.adopted else "không thông qua"
        lines.append(("body", f"{_e(vote.subject)}: {vote.votes_for}/{result.base} đồng chí tán thành, đạt "
                              f"{_percent(result.percent_of_base)}%; không tán thành {vote.votes_against}; "
                              f"ý kiến khác {vote.votes_abstain} ({verdict})."))
    if draft.resolution is not None:
        number = f" {_e(record.resolution_number)}" if record.resolution_number else ""
        lines.append(("body", f"Chi bộ ban hành nghị quyết{number}: {_e(draft.resolution.subject)}."))
        if draft.resolution.tasks:
            lines.append(("body", "Phân công thực hiện:"))
        for task in draft.resolution.tasks:
            owner = f": đồng chí {_e(names.get(task.owner_member_id))}" if task.owner_member_id else ""
            due = f", thời hạn {format_date(task.due_date)}" if task.due_date else ""
            lines.append(("body", f"- {_e(task.description)}{owner}{due}."))
    approved = draft.minutes_approved_for
    lines.append(("body", f"Cuộc họp kết thúc lúc {_time(draft.end_time)} cùng ngày. Biên bản đã được đọc "
                          "và thông qua trước chi bộ"
                          + (f", {approved}/{totals.official_base} đồng chí tán thành." if approved is not None
                             else ".")))
    return lines


def _signatures(styles, record: MeetingRecord) -> Flowable:  # type: ignore[no-untyped-def]
    """Chủ trì and thư ký side by side, no T/M (§7.9)."""
    width = styles.document.text_width
    columns = []
    for title, member_id in (("THƯ KÝ", record.draft.secretary_member_id),
                             ("CHỦ TRÌ", record.draft.chair_member_id)):
        columns.append([Paragraph(title, styles.signature), Spacer(1, 28 * mm),
                        Paragraph(_e(record.names.get(member_id or 0)), styles.signature)])
    table = Table([columns], colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def write_minutes(database: Database, request: ReportRequest, out_path: Path, *, issue_date: dt.date,
                  progress=None, is_cancelled=None) -> BuiltDocument:  # type: ignore[no-untyped-def]
    if request.record_id is None:
        raise RecordNotFound(0)
    record = load_meeting(database, request.record_id)
    if record.draft.organization_id != request.organization_id:
        raise RecordNotFound(request.record_id)
    parts = issued_parts(database, record.draft.organization_id, record.draft.meeting_date, MINUTES_KIND_CODE)
    styles = document_styles(parts.style)
    with database.reading() as session:
        rules = RuleBook.load(session)
    body: list[Flowable] = []
    for style, markup in minutes_lines(record, rules):
        if style == "heading":
            body.append(Paragraph(f"<b>{markup}</b>", styles.body))
        else:
            body.append(Paragraph(markup, styles.body))
    # The closing sentence stays on the page of the signatures.
    body.append(KeepTogether([body.pop(), Spacer(1, 8 * mm), _signatures(styles, record)]))
    # A draft's minutes are a preview: marked so, they cannot pass for the signed record.
    draft_note = "(Dự thảo, chưa hoàn tất)" if record.state is MeetingState.DRAFT else None
    info = DocumentInfo(kind_title="Biên bản", abstract=minutes_title(record), abstract_note=draft_note,
                        author=parts.issuer.issuer_name,
                        subject=f"Biên bản — {minutes_title(record)}", keywords=(MINUTES_KIND_CODE,))
    header = replace(parts.header, date=record.draft.meeting_date)
    return build_document(Path(out_path), styles, header, info, body, None)


def write_meeting_compliance(database: Database, request: ReportRequest, out_path: Path, *,
                             issue_date: dt.date, progress=None,
                             is_cancelled=None) -> BuiltDocument:  # type: ignore[no-untyped-def]
    first = request.period_start or request.as_of.replace(month=1, day=1)
    results = meeting_compliance(database, request.organization_id, first, request.as_of)
    parts = issued_parts(database, request.organization_id, issue_date, "BC")
    styles = document_styles(parts.style)
    short = [r for r in results if not r.compliant]
    rated = [r for r in results if r.expected]
    overall = (100.0 * sum(r.present for r in rated) / sum(r.expected for r in rated)) if rated else None
    body: list[Flowable] = [Paragraph(
        f"Số chi bộ: {len(results)}; sinh hoạt đủ: {len(results) - len(short)}; chưa đủ: {len(short)}. "
        + (f"Tỷ lệ đảng viên dự sinh hoạt: {_percent(overall)}%." if overall is not None else ""), styles.body)]
    width = styles.document.text_width
    columns = [Column("STT", width * 0.07, Align.CENTER), Column("Chi bộ", width * 0.38),
               Column("Tháng không sinh hoạt thường kỳ", width * 0.25),
               Column("Quý không sinh hoạt chuyên đề", width * 0.17), Column("Tỷ lệ dự họp", width * 0.13, Align.RIGHT)]

    def rows():  # type: ignore[no-untyped-def]
        if not short:
            yield TableRow.spanning(RowKind.TOTAL, "Mọi chi bộ đều sinh hoạt đủ trong kỳ.")
        for number, result in enumerate(short, start=1):
            months = ", ".join(f"{key % 100:02d}/{key // 100}" for key in result.months_missed)
            quarters = ", ".join(f"Quý {key % 10}/{key // 10}" for key in result.quarters_missed)
            rate = result.attendance_rate
            yield TableRow.data(str(number), nfc(result.cell_name) or "", months, quarters,
                                f"{_percent(rate)}%" if rate is not None else "—")

    body.append(StreamedTable(styles, columns, rows()))
    info = DocumentInfo(kind_title="Báo cáo", abstract="Tình hình sinh hoạt chi bộ",
                        abstract_note=f"(Từ ngày {format_date(first)} đến ngày {format_date(request.as_of)})",
                        author=parts.issuer.issuer_name, subject="Tình hình sinh hoạt chi bộ", keywords=("BC",))
    return build_document(Path(out_path), styles, parts.header, info, body, parts.closing)

"""The minutes of a meeting and the meeting-compliance summary, read back from the PDFs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.db.database import Database
from desktop.models.meeting_rules import ResolutionTaskLine
from desktop.models.meetings import AttendanceStatus
from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
from desktop.services.errors import RecordNotFound
from desktop.services.meetings import finalise_meeting, save_meeting
from tests.reports.pdf_text import page_texts
from tests.services.test_meetings import TODAY, _attendance, _draft, office  # noqa: F401  (fixture)


def test_the_minutes_print_chair_secretary_attendance_items_and_votes(
    database: Database, office: dict[str, int], tmp_path: Path  # noqa: F811
) -> None:
    draft = _draft(office)
    assert draft.resolution is not None
    tasks = (ResolutionTaskLine("Giới thiệu quần chúng ưu tú", office["m3"], dt.date(2026, 12, 31)),
             ResolutionTaskLine("Tuyên truyền nghị quyết"))
    saved = save_meeting(database, replace(draft, resolution=replace(draft.resolution, tasks=tasks)))
    finalise_meeting(database, saved.meeting_id, saved.version, today=TODAY)
    request = ReportRequest(ReportKind.MINUTES, office["a1"], TODAY, record_id=saved.meeting_id)
    outcome = generate_report(database, request, tmp_path / "bien-ban.pdf")
    text = " ".join(" ".join(page_texts(outcome.path)).split())
    assert "BIÊN BẢN" in text and "Sinh hoạt chi bộ thường kỳ tháng 10 năm 2026" in text
    assert "Chủ trì: đồng chí Nguyễn Văn An" in text and "Thư ký: đồng chí Trần Thị Bình" in text
    assert "Có mặt: 5/6 đồng chí (chính thức 4, dự bị 1)" in text
    assert "Vắng có lý do: 1 đồng chí: Hoàng Văn Em (Ốm)" in text
    assert "1. Đánh giá kết quả tháng 9" in text and "Đ/c Bình: cần đôn đốc." in text
    assert "Thông qua nghị quyết tháng 10: 4/5 đồng chí tán thành, đạt 80,00%" in text
    assert "Chi bộ ban hành nghị quyết Số 01-NQ/CB: Nghị quyết sinh hoạt chi bộ tháng 10" in text
    assert ("Phân công thực hiện: - Giới thiệu quần chúng ưu tú: đồng chí Lê Văn Cường, thời hạn 31/12/2026. "
            "- Tuyên truyền nghị quyết.") in text
    assert "CHỦ TRÌ" in text and "THƯ KÝ" in text
    assert "Dự thảo" not in text


def test_the_minutes_of_a_draft_are_marked_as_such(
    database: Database, office: dict[str, int], tmp_path: Path  # noqa: F811
) -> None:
    saved = save_meeting(database, _draft(office))
    request = ReportRequest(ReportKind.MINUTES, office["a1"], TODAY, record_id=saved.meeting_id)
    text = " ".join(page_texts(generate_report(database, request, tmp_path / "du-thao.pdf").path))
    assert "(Dự thảo, chưa hoàn tất)" in text
    # Another organisation's id with the meeting's: not found, nothing printed.
    with pytest.raises(RecordNotFound):
        generate_report(database, ReportRequest(ReportKind.MINUTES, office["a2"], TODAY,
                                                record_id=saved.meeting_id), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_the_compliance_summary_lists_the_cells_short_of_meetings(
    database: Database, office: dict[str, int], tmp_path: Path  # noqa: F811
) -> None:
    for day in (dt.date(2026, 7, 10), dt.date(2026, 8, 14), dt.date(2026, 9, 11)):
        saved = save_meeting(database, _draft(office, meeting_date=day,
                                              attendance=_attendance(office, {"m5": AttendanceStatus.ABSENT_UNEXCUSED})))
        finalise_meeting(database, saved.meeting_id, saved.version, today=TODAY)
    request = ReportRequest(ReportKind.MEETING_COMPLIANCE, office["a"], dt.date(2026, 9, 30),
                            period_start=dt.date(2026, 7, 1))
    outcome = generate_report(database, request, tmp_path / "sinh-hoat.pdf")
    text = " ".join(" ".join(page_texts(outcome.path)).split())
    assert "Số chi bộ: 2; sinh hoạt đủ: 0; chưa đủ: 2" in text
    # A1 met every month but held no thematic meeting; A2 never met.
    assert "Chi bộ Kỹ thuật Quý 3/2026 83,33%" in text
    assert "Chi bộ Kinh doanh 07/2026, 08/2026, 09/2026 Quý 3/2026 —" in text

"""The reports the office can print, and the one entry point that produces any of them.

Callers (the Reports screen, the CLI, benchmarks) describe what they want with a
`ReportRequest` and get a finished PDF file: it is written next to the target under a
temporary name and renamed only when complete, so a cancelled or failed run leaves nothing.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.db.database import Database

ProgressCallback = Callable[[int, int], None]  # (done, total); total 0 while unknown
CancelCheck = Callable[[], bool]


class ReportKind(enum.Enum):
    ROSTER = "ROSTER"  # Danh sách đảng viên
    PROFILE = "PROFILE"  # Phiếu đảng viên (mẫu 2-HSĐV)
    STATISTICS = "STATISTICS"  # Báo cáo thống kê số lượng, chất lượng đảng viên
    CHANGES = "CHANGES"  # Báo cáo biến động đảng viên (a period: period_start to as_of)
    PROBATION_DUE = "PROBATION_DUE"  # Đảng viên dự bị đến hạn (probation ending by as_of)
    BADGES_DUE = "BADGES_DUE"  # Đề nghị tặng Huy hiệu Đảng (as_of: the award occasion)
    CELL_FEES = "CELL_FEES"  # Danh sách thu đảng phí of a cell (as_of: a day of the month)
    FEE_REPORT = "FEE_REPORT"  # Báo cáo thu, nộp đảng phí (the months from period_start to as_of)
    # Annual rating (record_id: the evaluation period; REVIEW_FORM: a member's evaluation).
    EVALUATION_RESULTS = "EVALUATION_RESULTS"  # Báo cáo kết quả xếp loại of an organisation subtree
    EVALUATION_MEMBERS = "EVALUATION_MEMBERS"  # Danh sách đảng viên theo mức xếp loại
    REVIEW_FORM = "REVIEW_FORM"  # Bản kiểm điểm, đánh giá, xếp loại cá nhân (pre-filled)
    MINUTES = "MINUTES"  # Biên bản of one meeting (record_id: the meeting)
    MEETING_COMPLIANCE = "MEETING_COMPLIANCE"  # Tình hình sinh hoạt chi bộ (period_start to as_of)
    # Document library (issue 10).
    STUDY_COMPLETION = "STUDY_COMPLETION"  # Kết quả học tập, quán triệt (record_id: the document)
    LIBRARY_DOCUMENTS = "LIBRARY_DOCUMENTS"  # Danh mục văn bản (options: text, kind, issuer, year, status)
    # Inspection committee only (VIEW_INSPECTION), printed from the inspection windows.
    INSPECTION_NOTICE = "INSPECTION_NOTICE"  # Thông báo kết luận (record_id: the case)
    DISCIPLINE_DECISION = "DISCIPLINE_DECISION"  # Quyết định thi hành kỷ luật (record_id: the decision)
    INSPECTION_STATISTICS = "INSPECTION_STATISTICS"  # Thống kê kiểm tra, giám sát, kỷ luật (a period)

    @property
    def needs_member(self) -> bool:
        return self is ReportKind.PROFILE

    @property
    def needs_record(self) -> bool:
        """Printed about one record (record_id), from the window showing it."""
        return self in (ReportKind.EVALUATION_RESULTS, ReportKind.EVALUATION_MEMBERS, ReportKind.REVIEW_FORM,
                        ReportKind.MINUTES, ReportKind.STUDY_COMPLETION,
                        ReportKind.INSPECTION_NOTICE, ReportKind.DISCIPLINE_DECISION)

    @property
    def needs_period(self) -> bool:
        return self in (ReportKind.CHANGES, ReportKind.FEE_REPORT, ReportKind.MEETING_COMPLIANCE,
                        ReportKind.INSPECTION_STATISTICS)

    @property
    def needs_inspection(self) -> bool:
        """Only the inspection role prints it, and no other screen offers it (§10.3)."""
        return self in (ReportKind.INSPECTION_NOTICE, ReportKind.DISCIPLINE_DECISION,
                        ReportKind.INSPECTION_STATISTICS)


@dataclass(frozen=True)
class ReportRequest:
    kind: ReportKind
    organization_id: int
    as_of: dt.date
    member_id: int | None = None  # PROFILE only: the member, who must belong to the organisation
    period_start: dt.date | None = None  # CHANGES only: the first day (as_of is the last)
    # The one record a report is about, for kinds that print one (a meeting's minutes, a case's
    # notice, an evaluation period's results): its id in the kind's own table.
    record_id: int | None = None
    # Filters of a list report, as (name, value) pairs: LIBRARY_DOCUMENTS takes "text", "kind",
    # "issuer", "year" and "status" (enum names), as the library window's search box and filters.
    options: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ReportOutcome:
    path: Path
    pages: int


class ReportCancelled(Exception):
    """The user cancelled; no file was left behind."""


def generate_report(
    database: Database,
    request: ReportRequest,
    out_path: Path,
    *,
    progress: ProgressCallback | None = None,
    is_cancelled: CancelCheck | None = None,
) -> ReportOutcome:
    """Write the report to `out_path` (replacing it) and return where it is and its page count.

    Raises ReportCancelled when `is_cancelled` turns true, RecordNotFound for an unknown
    organisation or member, ValidationFailed when the request does not make sense (a profile
    without a member, a member outside the organisation), PermissionDenied when the signed-in
    user may not print reports or the organisation or member is outside their scope.
    """
    from desktop.models.permissions import Permission
    from desktop.services import clock
    from desktop.services.access import require, require_report_request
    from desktop.services.errors import OperationCancelled

    if request.kind.needs_inspection:
        require(database, Permission.VIEW_INSPECTION)
    require_report_request(database, request.organization_id, request.member_id)
    issue_date = clock.today()
    writer = _writer(request.kind)
    try:
        built = writer(
            database, request, Path(out_path),
            issue_date=issue_date, progress=progress, is_cancelled=is_cancelled,
        )
    except OperationCancelled as cancelled:
        raise ReportCancelled() from cancelled
    return ReportOutcome(built.path, built.pages)


# Module and function writing each report, imported on use: ReportLab stays out of the
# start-up path of the app. Every writer takes (database, request, out_path, *, issue_date,
# progress, is_cancelled) and returns a BuiltDocument.
_WRITERS = {
    ReportKind.ROSTER: ("desktop.reports.roster", "write_roster"),
    ReportKind.PROFILE: ("desktop.reports.profile", "write_profile"),
    ReportKind.STATISTICS: ("desktop.reports.statistics", "write_statistics"),
    ReportKind.CHANGES: ("desktop.reports.changes", "write_changes"),
    ReportKind.PROBATION_DUE: ("desktop.reports.probation_due", "write_probation_due"),
    ReportKind.BADGES_DUE: ("desktop.reports.badges_fees", "write_badges_due"),
    ReportKind.CELL_FEES: ("desktop.reports.badges_fees", "write_cell_fees"),
    ReportKind.FEE_REPORT: ("desktop.reports.badges_fees", "write_fee_report"),
    ReportKind.EVALUATION_RESULTS: ("desktop.reports.evaluation_results", "write_evaluation_results"),
    ReportKind.EVALUATION_MEMBERS: ("desktop.reports.evaluation_results", "write_members_by_rating"),
    ReportKind.REVIEW_FORM: ("desktop.reports.review_form", "write_review_form"),
    ReportKind.MINUTES: ("desktop.reports.meetings", "write_minutes"),
    ReportKind.MEETING_COMPLIANCE: ("desktop.reports.meetings", "write_meeting_compliance"),
    ReportKind.STUDY_COMPLETION: ("desktop.reports.library_study", "write_study_completion"),
    ReportKind.LIBRARY_DOCUMENTS: ("desktop.reports.library_documents", "write_library_documents"),
    ReportKind.INSPECTION_NOTICE: ("desktop.reports.inspection_documents", "write_conclusion_notice"),
    ReportKind.DISCIPLINE_DECISION: ("desktop.reports.inspection_documents", "write_discipline_decision"),
    ReportKind.INSPECTION_STATISTICS: ("desktop.reports.inspection_statistics", "write_inspection_statistics"),
}


def _writer(kind: ReportKind):  # type: ignore[no-untyped-def]
    module, function = _WRITERS[kind]
    return getattr(importlib.import_module(module), function)

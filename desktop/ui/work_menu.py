"""The "Nghiệp vụ" menu: the windows of the member lifecycle (admission, probation, transfers,
badges, fees, days off), one entry each, opened beside the register by the workspace.

Each window is a top-level QWidget built as `Window(database)`; the workspace keeps one of
each (desktop.ui.tool_windows). Imported before the first paint: Qt and light modules only.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkMenu", text)


@dataclass(frozen=True)
class WorkWindowEntry:
    name: str  # the key of the open window
    label: str
    tip: str
    module: str
    class_name: str
    edits: bool = False  # shown only to roles that may edit the register
    inspects: bool = False  # shown only to the inspection role (its cases are invisible to others)
    separator_before: bool = False

    def create(self, database: object) -> QWidget:
        window_class = getattr(importlib.import_module(self.module), self.class_name)
        window: QWidget = window_class(database)
        return window


def work_windows() -> tuple[WorkWindowEntry, ...]:
    return (
        # Admission pipeline (desktop.ui.admission_window).
        WorkWindowEntry("admission", _tr("Phát triển đảng viên…"),
                        _tr("Quần chúng ưu tú, các bước xét kết nạp, quyết định và lễ kết nạp"),
                        "desktop.ui.admission_window", "AdmissionWindow"),
        # Probation due list and recognition (desktop.ui.probation_window).
        WorkWindowEntry("probation", _tr("Đảng viên dự bị đến &hạn chính thức…"),
                        _tr("Đảng viên dự bị hết 12 tháng dự bị, hạn chi bộ xét; công nhận chính thức hoặc xóa tên"),
                        "desktop.ui.probation_window", "ProbationWindow"),
        # Transfers (desktop.ui.transfers_window).
        WorkWindowEntry("transfers", _tr("Chuyển sinh hoạt đảng…"),
                        _tr("Chuyển sinh hoạt đảng chính thức, tạm thời, giữa các chi bộ; giấy giới thiệu; "
                            "danh sách chưa tiếp nhận và quá hạn"),
                        "desktop.ui.transfers_window", "TransfersWindow"),
        # Annual review and rating (desktop.ui.evaluations_window).
        WorkWindowEntry("evaluations", _tr("Kiểm điểm, đánh giá, xếp loại…"),
                        _tr("Đợt kiểm điểm hằng năm: tiến độ theo tổ chức, đề xuất của chi bộ, quyết định của cấp ủy "
                            "trong tỷ lệ, in kết quả và bản kiểm điểm"),
                        "desktop.ui.evaluations_window", "EvaluationsWindow"),
        # Meetings and their minutes (desktop.ui.meetings_window).
        WorkWindowEntry("meetings", _tr("Sinh hoạt chi bộ, họp cấp ủy…"),
                        _tr("Biên bản sinh hoạt chi bộ và họp cấp ủy: điểm danh, nội dung, biểu quyết, nghị quyết; "
                            "hoàn tất, mở lại, in biên bản"),
                        "desktop.ui.meetings_window", "MeetingsWindow"),
        # Meeting compliance of the cells (desktop.ui.meeting_compliance_window).
        WorkWindowEntry("meeting_compliance", _tr("Tình hình sinh hoạt chi bộ…"),
                        _tr("Chi bộ thiếu buổi sinh hoạt thường kỳ hằng tháng hoặc chuyên đề hằng quý trong kỳ; "
                            "tỷ lệ đảng viên dự họp; in báo cáo"),
                        "desktop.ui.meeting_compliance_window", "MeetingComplianceWindow"),
        # Document library and study of resolutions (desktop.ui.library_window).
        WorkWindowEntry("library", _tr("Thư viện văn bản, học tập nghị quyết…"),
                        _tr("Tra cứu văn bản có dấu hoặc không dấu; thêm văn bản và tệp; ghi buổi học tập, quán triệt "
                            "và xem ai chưa học"),
                        "desktop.ui.library_window", "LibraryWindow"),
        # Party badges (desktop.ui.badges_window).
        WorkWindowEntry("badges", _tr("Huy hiệu Đảng…"),
                        _tr("Đảng viên đến hạn tặng Huy hiệu Đảng theo đợt; ghi quyết định tặng; in danh sách"),
                        "desktop.ui.badges_window", "BadgesWindow"),
        # Party fees (desktop.ui.fees_window).
        WorkWindowEntry("fees", _tr("Đảng phí…"),
                        _tr("Thu đảng phí của chi bộ theo tháng, nợ đảng phí, báo cáo đảng phí"),
                        "desktop.ui.fees_window", "FeesWindow"),
        # Inspection, supervision, discipline and letters (desktop.ui.inspection_window).
        WorkWindowEntry("inspection", _tr("Kiểm tra, giám sát, kỷ luật…"),
                        _tr("Hồ sơ kiểm tra, giám sát, thi hành kỷ luật; sổ đơn thư khiếu nại, tố cáo; "
                            "bước và đơn quá hạn (chỉ Ủy ban Kiểm tra)"),
                        "desktop.ui.inspection_window", "InspectionWindow", inspects=True),
        # Days off (desktop.ui.days_off_window).
        WorkWindowEntry("days_off", _tr("Ngày nghỉ lễ, &Tết…"),
                        _tr("Các ngày nghỉ không tính vào thời hạn ngày làm việc; thêm ngày nghỉ Tết, nghỉ bù"),
                        "desktop.ui.days_off_window", "DaysOffWindow", separator_before=True),
    )

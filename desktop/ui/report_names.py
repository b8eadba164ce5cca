"""What the reports window calls things: each kind of report, the report on show, its file.

The chooser, the generation's messages, the print job and the preview caption all name a
report; keeping the names here keeps them the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.models.dates import format_date
from desktop.reports.catalogue import ReportKind

# One context for all the reports window's texts, whichever module holds them (as the
# member form does): a catalogue keyed by context keeps its entries when code moves.
_CONTEXT = "ReportsPanel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def report_title(kind: ReportKind) -> str:
    return {
        ReportKind.ROSTER: _tr("Danh sách đảng viên"),
        ReportKind.PROFILE: _tr("Phiếu đảng viên"),
        ReportKind.STATISTICS: _tr("Báo cáo thống kê số lượng, chất lượng đảng viên"),
        ReportKind.CHANGES: _tr("Báo cáo biến động đảng viên"),
        ReportKind.PROBATION_DUE: _tr("Đảng viên dự bị đến hạn xét chính thức"),
        ReportKind.BADGES_DUE: _tr("Đề nghị tặng Huy hiệu Đảng"),
        ReportKind.CELL_FEES: _tr("Danh sách thu đảng phí của chi bộ"),
        ReportKind.FEE_REPORT: _tr("Báo cáo thu, nộp đảng phí"),
        ReportKind.EVALUATION_RESULTS: _tr("Kết quả đánh giá, xếp loại chất lượng"),
        ReportKind.EVALUATION_MEMBERS: _tr("Danh sách đảng viên theo mức xếp loại"),
        ReportKind.REVIEW_FORM: _tr("Bản kiểm điểm, đánh giá, xếp loại cá nhân"),
        ReportKind.MINUTES: _tr("Biên bản cuộc họp"),
        ReportKind.MEETING_COMPLIANCE: _tr("Tình hình sinh hoạt chi bộ"),
        ReportKind.STUDY_COMPLETION: _tr("Kết quả học tập, quán triệt văn bản"),
        ReportKind.LIBRARY_DOCUMENTS: _tr("Danh mục văn bản"),
        ReportKind.INSPECTION_NOTICE: _tr("Thông báo kết luận kiểm tra, giám sát"),
        ReportKind.DISCIPLINE_DECISION: _tr("Quyết định thi hành kỷ luật"),
        ReportKind.INSPECTION_STATISTICS: _tr("Thống kê kiểm tra, giám sát và thi hành kỷ luật"),
    }[kind]


def report_description(kind: ReportKind) -> str:
    return {
        ReportKind.ROSTER: _tr("Danh sách đảng viên của tổ chức đã chọn tại ngày số liệu."),
        ReportKind.PROFILE: _tr("Phiếu thông tin của một đảng viên (mẫu 2-HSĐV)."),
        ReportKind.STATISTICS: _tr(
            "Số lượng và chất lượng đảng viên của tổ chức đã chọn tại ngày số liệu."
        ),
        ReportKind.CHANGES: _tr(
            "Kết nạp, chuyển đến, công nhận chính thức, chuyển đi, từ trần, xóa tên, ra khỏi Đảng, khai trừ "
            "từ ngày bắt đầu đến ngày số liệu."
        ),
        ReportKind.PROBATION_DUE: _tr(
            "Đảng viên dự bị hết thời gian dự bị đến ngày số liệu, hạn chi bộ xét và số ngày còn lại."
        ),
        ReportKind.BADGES_DUE: _tr("Đảng viên đủ tuổi đảng nhận Huy hiệu Đảng vào đợt trao tặng là ngày số liệu."),
        ReportKind.CELL_FEES: _tr("Danh sách thu đảng phí của chi bộ đã chọn trong tháng của ngày số liệu."),
        ReportKind.FEE_REPORT: _tr("Đảng phí phải nộp, đã nộp, chưa nộp theo chi bộ và đối tượng, từ tháng của "
                                   "ngày bắt đầu đến tháng của ngày số liệu."),
        ReportKind.EVALUATION_RESULTS: _tr("Số lượng và tỷ lệ đảng viên, tổ chức đảng ở từng mức xếp loại của "
                                           "đợt kiểm điểm, theo tổ chức trực thuộc."),
        ReportKind.EVALUATION_MEMBERS: _tr("Đảng viên của tổ chức đã chọn, nhóm theo mức xếp loại của đợt."),
        ReportKind.REVIEW_FORM: _tr("Bản kiểm điểm của một đảng viên, điền sẵn phần đã ghi nhận."),
        ReportKind.MINUTES: _tr("Biên bản một cuộc họp: thành phần, nội dung, biểu quyết, chữ ký chủ trì và thư ký."),
        ReportKind.MEETING_COMPLIANCE: _tr("Các chi bộ thiếu buổi sinh hoạt thường kỳ hằng tháng hoặc chuyên đề hằng quý trong kỳ, và tỷ lệ dự họp."),
        ReportKind.STUDY_COMPLETION: _tr("Số đảng viên đã học tập, quán triệt một văn bản ở từng chi bộ, và danh sách người chưa học."),
        ReportKind.LIBRARY_DOCUMENTS: _tr("Các văn bản trong thư viện theo từ khóa và bộ lọc: số, ngày, cơ quan ban hành, trích yếu, trạng thái."),
        ReportKind.INSPECTION_NOTICE: _tr("Thông báo kết luận của một hồ sơ kiểm tra, giám sát."),
        ReportKind.DISCIPLINE_DECISION: _tr("Quyết định thi hành kỷ luật một đảng viên hoặc tổ chức đảng."),
        ReportKind.INSPECTION_STATISTICS: _tr("Số việc kiểm tra, giám sát, số kỷ luật theo hình thức và đơn thư "
                                              "theo loại, từ ngày bắt đầu đến ngày số liệu."),
    }[kind]


def ascii_file_part(text: str) -> str:
    """'Chi bộ Phòng Đào tạo' → 'Chi-bo-Phong-Dao-tao'.

    File names are written without diacritics: the PDF is mailed, zipped and copied to USB
    sticks, and older zip tools and mail gateways mangle Vietnamese names.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = "".join(ch if ch.isalnum() or ch in "._" else " " for ch in plain).split()
    return "-".join(words)


@dataclass(frozen=True)
class ShownReport:
    """What the preview shows: enough to name the saved file and describe it."""

    kind: ReportKind
    organization_name: str
    organization_code: str
    as_of: dt.date
    member_name: str
    pages: int
    path: Path

    def default_file_name(self) -> str:
        stem = {
            ReportKind.ROSTER: "Danh-sach-dang-vien",
            ReportKind.PROFILE: "Phieu-dang-vien",
            ReportKind.STATISTICS: "Bao-cao-thong-ke",
            ReportKind.CHANGES: "Bao-cao-bien-dong",
            ReportKind.PROBATION_DUE: "Dang-vien-du-bi-den-han",
            ReportKind.BADGES_DUE: "De-nghi-tang-Huy-hieu-Dang",
            ReportKind.CELL_FEES: "Danh-sach-thu-dang-phi",
            ReportKind.FEE_REPORT: "Bao-cao-dang-phi",
            ReportKind.EVALUATION_RESULTS: "Ket-qua-xep-loai",
            ReportKind.EVALUATION_MEMBERS: "Danh-sach-xep-loai",
            ReportKind.REVIEW_FORM: "Ban-kiem-diem",
            ReportKind.MINUTES: "Bien-ban",
            ReportKind.MEETING_COMPLIANCE: "Tinh-hinh-sinh-hoat-chi-bo",
            ReportKind.STUDY_COMPLETION: "Ket-qua-hoc-tap-quan-triet",
            ReportKind.LIBRARY_DOCUMENTS: "Danh-muc-van-ban",
            ReportKind.INSPECTION_NOTICE: "Thong-bao-ket-luan",
            ReportKind.DISCIPLINE_DECISION: "Quyet-dinh-ky-luat",
            ReportKind.INSPECTION_STATISTICS: "Thong-ke-kiem-tra-ky-luat",
        }[self.kind]
        subject = self.member_name if self.kind.needs_member else self.organization_code
        date = self.as_of.strftime("%d-%m-%Y")
        return "_".join(part for part in (stem, ascii_file_part(subject), date) if part) + ".pdf"

    def caption(self) -> str:
        subject = self.organization_name
        if self.kind.needs_member and self.member_name:
            subject = f"{self.member_name} — {self.organization_name}"
        return _tr("{title} · {subject} · số liệu đến ngày {date} · {pages} trang").format(
            title=report_title(self.kind),
            subject=subject,
            date=format_date(self.as_of),
            pages=self.pages,
        )

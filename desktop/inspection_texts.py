"""Vietnamese wording of inspection cases and letters: kinds, states, steps, documents, bodies,
handling statuses, and the problems of recording them.

Reached through desktop.texts.problem_message and desktop.texts.label; the windows, the CLI
and the reports use the labels.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication

from desktop.models.dates import format_date
from desktop.models.inspection import (
    AppealOutcome,
    CaseDocumentKind,
    CaseKind,
    CaseState,
    DecidingBodyKind,
    DecisionStatus,
    LimitationException,
    Seriousness,
    StepKind,
    TargetScope,
)
from desktop.models.letters import LetterChannel, LetterKind, LetterStatus
from desktop.models.problems import Problem, ProblemCode

_CONTEXT = "Inspection"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def inspection_label(value: enum.Enum) -> str:
    return inspection_labels()[value]


def inspection_labels() -> dict[enum.Enum, str]:
    return {
        CaseKind.SUPERVISION_REGULAR: _tr("Giám sát thường xuyên"),
        CaseKind.SUPERVISION_THEMATIC: _tr("Giám sát chuyên đề"),
        CaseKind.INSPECTION_COMPLIANCE: _tr("Kiểm tra chấp hành"),
        CaseKind.INSPECTION_SIGNS_OF_VIOLATION: _tr("Kiểm tra khi có dấu hiệu vi phạm"),
        CaseKind.INSPECTION_OF_IC_DUTY: _tr("Kiểm tra thực hiện nhiệm vụ kiểm tra, giám sát, thi hành kỷ luật"),
        CaseKind.INSPECTION_FINANCE: _tr("Kiểm tra tài chính đảng"),
        CaseKind.ASSETS_CHECK: _tr("Kiểm tra, kiểm soát kê khai tài sản, thu nhập"),
        CaseKind.DENUNCIATION: _tr("Giải quyết tố cáo"),
        CaseKind.DISCIPLINE_COMPLAINT: _tr("Giải quyết khiếu nại kỷ luật đảng"),
        CaseKind.DISCIPLINE: _tr("Thi hành kỷ luật"),
        CaseKind.SUSPENSION: _tr("Đình chỉ sinh hoạt đảng"),
        CaseState.DETECTED: _tr("Phát hiện dấu hiệu / tiếp nhận đơn"),
        CaseState.DECIDED: _tr("Đã ra quyết định"),
        CaseState.PLANNED: _tr("Đã có kế hoạch"),
        CaseState.ANNOUNCED: _tr("Đã công bố quyết định"),
        CaseState.EXPLANATION_RECEIVED: _tr("Đã nhận báo cáo giải trình"),
        CaseState.VERIFYING: _tr("Đang thẩm tra, xác minh"),
        CaseState.DRAFT_REPORT: _tr("Dự thảo báo cáo kết quả"),
        CaseState.REPORTED: _tr("Đã báo cáo kết quả"),
        CaseState.CONCLUDED: _tr("Đã kết luận"),
        CaseState.DISCIPLINE_OPENED: _tr("Đang xem xét kỷ luật"),
        CaseState.MONITORING: _tr("Theo dõi thực hiện kết luận"),
        CaseState.ARCHIVED: _tr("Đã lưu hồ sơ"),
        StepKind.DECISION: _tr("Quyết định kiểm tra, giám sát"),
        StepKind.PLAN: _tr("Kế hoạch"),
        StepKind.TEAM: _tr("Thành lập đoàn, công bố quyết định"),
        StepKind.EXPLANATION: _tr("Báo cáo giải trình của đối tượng"),
        StepKind.VERIFICATION: _tr("Thẩm tra, xác minh"),
        StepKind.CONCLUSION: _tr("Họp kết luận"),
        StepKind.NOTIFICATION: _tr("Thông báo kết luận"),
        CaseDocumentKind.DECISION: _tr("Quyết định kiểm tra, giám sát"),
        CaseDocumentKind.PLAN: _tr("Kế hoạch"),
        CaseDocumentKind.OUTLINE: _tr("Đề cương gợi ý báo cáo"),
        CaseDocumentKind.EXPLANATION_REPORT: _tr("Báo cáo giải trình, tự kiểm tra"),
        CaseDocumentKind.WORKING_MINUTES: _tr("Biên bản làm việc"),
        CaseDocumentKind.RESULT_REPORT: _tr("Báo cáo kết quả kiểm tra"),
        CaseDocumentKind.CONCLUSION_NOTICE: _tr("Thông báo kết luận"),
        CaseDocumentKind.DISCIPLINE_DECISION: _tr("Quyết định kỷ luật"),
        CaseDocumentKind.ANNOUNCEMENT_MINUTES: _tr("Biên bản công bố"),
        CaseDocumentKind.OTHER: _tr("Tài liệu khác"),
        DecidingBodyKind.CELL: _tr("Chi bộ"),
        DecidingBodyKind.GRASSROOTS_CELL: _tr("Chi bộ cơ sở"),
        DecidingBodyKind.PARTIAL_COMMITTEE: _tr("Đảng ủy bộ phận"),
        DecidingBodyKind.GRASSROOTS_STANDING: _tr("Ban Thường vụ Đảng ủy cơ sở"),
        DecidingBodyKind.GRASSROOTS_IC: _tr("Ủy ban Kiểm tra Đảng ủy cơ sở"),
        DecidingBodyKind.GRASSROOTS_COMMITTEE: _tr("Đảng ủy cơ sở"),
        DecidingBodyKind.SUPERIOR_STANDING: _tr("Ban Thường vụ cấp ủy cấp trên"),
        DecidingBodyKind.SUPERIOR_IC: _tr("Ủy ban Kiểm tra cấp trên"),
        TargetScope.MEMBER: _tr("Đảng viên"),
        TargetScope.COMMITTEE_MEMBER: _tr("Cấp ủy viên cùng cấp"),
        TargetScope.SUBORDINATE_COMMITTEE_MEMBER: _tr("Cấp ủy viên cấp dưới"),
        TargetScope.ORGANIZATION: _tr("Tổ chức đảng cấp dưới"),
        Seriousness.NO_VIOLATION: _tr("Không vi phạm"),
        Seriousness.SHORTCOMING: _tr("Có khuyết điểm"),
        Seriousness.VIOLATION_NO_DISCIPLINE: _tr("Vi phạm, chưa đến mức kỷ luật"),
        Seriousness.DISCIPLINE_WARRANTED: _tr("Vi phạm đến mức phải xem xét kỷ luật"),
        LimitationException.INTERNAL_POLITICAL_PROTECTION: _tr("Vi phạm về bảo vệ chính trị nội bộ"),
        LimitationException.NATIONAL_INTEREST: _tr("Vi phạm về quốc phòng, an ninh, đối ngoại"),
        LimitationException.ILLEGAL_DIPLOMA: _tr("Sử dụng văn bằng, chứng chỉ không hợp pháp"),
        DecisionStatus.DECIDED: _tr("Quyết định"),
        DecisionStatus.PROPOSED: _tr("Đề nghị cấp có thẩm quyền"),
        AppealOutcome.PENDING: _tr("Đang giải quyết"),
        AppealOutcome.NOT_ACCEPTED: _tr("Không thụ lý"),
        AppealOutcome.UPHELD: _tr("Giữ nguyên hình thức kỷ luật"),
        AppealOutcome.CHANGED: _tr("Thay đổi hình thức kỷ luật"),
        AppealOutcome.ANNULLED: _tr("Xóa quyết định kỷ luật"),
        LetterKind.DENUNCIATION: _tr("Tố cáo"),
        LetterKind.COMPLAINT: _tr("Khiếu nại"),
        LetterKind.PETITION: _tr("Kiến nghị, phản ánh"),
        LetterChannel.POST: _tr("Bưu điện"),
        LetterChannel.HAND: _tr("Trực tiếp"),
        LetterChannel.EMAIL: _tr("Thư điện tử"),
        LetterChannel.FORWARDED: _tr("Cơ quan khác chuyển đến"),
        LetterStatus.RECEIVED: _tr("Mới tiếp nhận"),
        LetterStatus.NOT_ELIGIBLE: _tr("Không đủ điều kiện giải quyết"),
        LetterStatus.FILED: _tr("Lưu đơn"),
        LetterStatus.FORWARDED: _tr("Đã chuyển cơ quan có thẩm quyền"),
        LetterStatus.CASE_OPENED: _tr("Đã thụ lý thành vụ việc"),
        LetterStatus.ANSWERED: _tr("Đã trả lời"),
    }


def problem_text(problem: Problem) -> str | None:
    p = problem.params
    code = problem.code
    texts = {
        ProblemCode.INSPECTION_NO_AUTHORITY: lambda: _tr(
            "{body} không có thẩm quyền quyết định hình thức “{form}” đối với đối tượng này: "
            "hãy ghi là đề nghị cấp có thẩm quyền.").format(
                body=_named(p["body"]), form=_form(p["form"])),
        ProblemCode.INSPECTION_TIME_BARRED: lambda: _tr(
            "Đã hết thời hiệu xử lý kỷ luật từ sau ngày {expired}: chỉ quyết định được khi hồ sơ ghi "
            "lý do không áp dụng thời hiệu.").format(expired=format_date(p["expired"])),
        ProblemCode.INSPECTION_SUBJECT_REQUIRED: lambda: _tr(
            "Hãy chọn ít nhất một đối tượng (đảng viên hoặc tổ chức đảng)."),
        ProblemCode.INSPECTION_NOT_CONCLUDED: lambda: _tr(
            "Vụ việc chưa có kết luận: hãy ghi kết luận trước."),
        ProblemCode.INSPECTION_CASE_CLOSED: lambda: _tr("Hồ sơ vụ việc đã lưu, không sửa được nữa."),
        ProblemCode.INSPECTION_DATE_BEFORE_OPENED: lambda: _tr(
            "Ngày này trước ngày mở vụ việc ({opened}).").format(opened=format_date(p["opened"])),
        ProblemCode.INSPECTION_DOCUMENT_TOO_LARGE: lambda: _tr(
            "Tệp dài {size_kb} KB, quá giới hạn {max_kb} KB cho một tài liệu của vụ việc.").format(**p),
        ProblemCode.INSPECTION_DOCUMENT_EMPTY: lambda: _tr("Tệp rỗng: không có gì để lưu."),
        ProblemCode.INSPECTION_SUBJECT_NOT_IN_CASE: lambda: _tr("Đối tượng này không thuộc vụ việc."),
        ProblemCode.INSPECTION_DECISION_EXISTS: lambda: _tr(
            "Đối tượng này đã có quyết định kỷ luật trong vụ việc."),
        ProblemCode.INSPECTION_APPEAL_RESOLVED: lambda: _tr("Đơn khiếu nại này đã được giải quyết."),
        ProblemCode.INSPECTION_VOTES_ABOVE_VOTERS: lambda: _tr(
            "Số phiếu tán thành phải từ 0 đến số người có quyền biểu quyết ({voters}).").format(**p),
        ProblemCode.INSPECTION_VOTE_NOT_REACHED: lambda: _tr(
            "{votes_for}/{voters} phiếu tán thành chưa đạt {threshold} {share} (cần {needed} phiếu): "
            "hình thức này chưa được thông qua.").format(
                threshold=_tr("hơn") if p["strict"] else _tr("ít nhất"), **p),
        ProblemCode.LETTER_REASON_REQUIRED: lambda: _tr(
            "Hãy ghi lý do không đủ điều kiện giải quyết (đơn nặc danh, mạo danh, nội dung không rõ …)."),
        ProblemCode.LETTER_ALREADY_EXTENDED: lambda: _tr("Thời hạn giải quyết chỉ được gia hạn một lần."),
        ProblemCode.LETTER_NOT_PENDING: lambda: _tr(
            "Đơn đang ở tình trạng “{status}”, không xử lý tiếp được.").format(
                status=_named(p["status"]).lower()),
        ProblemCode.LETTER_ANONYMOUS_WITH_SENDER: lambda: _tr(
            "Đơn nặc danh không ghi thông tin người gửi."),
    }
    text = texts.get(code)
    return text() if text else None


def _named(value: object) -> str:
    """An enum's label; a name given as text (the problem's params may be plain)."""
    if isinstance(value, enum.Enum):
        return inspection_label(value)
    for member_type in (DecidingBodyKind, LetterStatus):
        if value in member_type.__members__:
            return inspection_label(member_type[str(value)])
    return str(value)


def _form(value: object) -> str:
    from desktop.texts import label

    return label(value).lower() if isinstance(value, enum.Enum) else str(value)

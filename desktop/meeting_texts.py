"""Vietnamese wording of meetings: the problems and warnings of a meeting record and the
names of its kinds, states, attendance statuses, guests and votes.

Reached through desktop.texts.problem_message and desktop.texts.label; the window, the CLI
and the minutes use the labels.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication

from desktop.models.meetings import (
    AttendanceStatus,
    GuestKind,
    MeetingKind,
    MeetingState,
    VoteMethod,
    VoteThreshold,
)
from desktop.models.problems import Problem, ProblemCode

_CONTEXT = "Meetings"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _row(p: dict) -> str:  # type: ignore[type-arg]
    return _tr("Dòng {row}: ").format(row=p["row"]) if "row" in p else ""


def _share(p: dict) -> str:  # type: ignore[type-arg]
    template = _tr("hơn {share}") if p["strict"] else _tr("ít nhất {share}")
    return template.format(share=p["share"])


def problem_text(problem: Problem) -> str | None:
    p = problem.params
    code = problem.code
    texts = {
        ProblemCode.MEETING_KIND_NOT_FOR_ORGANIZATION: lambda: _tr(
            "Loại cuộc họp này chỉ dành cho chi bộ; đảng bộ chỉ ghi cuộc họp của cấp ủy."),
        ProblemCode.MEETING_THEMATIC_ONLY_WITH_REGULAR: lambda: _tr(
            "Chỉ buổi sinh hoạt thường kỳ mới kết hợp được sinh hoạt chuyên đề."),
        ProblemCode.MEETING_END_NOT_AFTER_START: lambda: _tr("Giờ kết thúc phải sau giờ bắt đầu."),
        ProblemCode.MEETING_PERSON_NOT_ON_LIST: lambda: _tr(
            "Người này không có trong danh sách dự họp vào ngày họp."),
        ProblemCode.MEETING_PERSON_NOT_PRESENT: lambda: _tr(
            "Đồng chí {name} được ghi là vắng mặt: chủ trì và thư ký phải có mặt.").format(**p),
        ProblemCode.MEETING_CHAIR_IS_SECRETARY: lambda: _tr(
            "Chủ trì và thư ký phải là hai đồng chí khác nhau."),
        ProblemCode.MEETING_ATTENDEE_NOT_ON_LIST: lambda: _tr(
            "Danh sách điểm danh có người không thuộc danh sách dự họp vào ngày họp (hoặc ghi hai lần): hãy lập lại danh sách."),
        ProblemCode.MEETING_ABSENCE_REASON_REQUIRED: lambda: _tr(
            "Đồng chí {name} vắng có lý do: hãy ghi lý do.").format(**p),
        ProblemCode.MEETING_ROW_TEXT_REQUIRED: lambda: _row(p) + _tr("không được để trống."),
        ProblemCode.MEETING_VOTE_NEGATIVE: lambda: _row(p) + _tr("số phiếu không được âm."),
        ProblemCode.MEETING_VOTES_ABOVE_VOTERS: lambda: _row(p) + _tr(
            "{cast} phiếu nhiều hơn số đảng viên chính thức có mặt có quyền biểu quyết ({voters}); "
            "đảng viên dự bị không biểu quyết.").format(cast=p["cast"], voters=p["voters"]),
        ProblemCode.MEETING_TWO_RESOLUTION_VOTES: lambda: _tr(
            "Chỉ một lần biểu quyết thông qua nghị quyết của cuộc họp."),
        ProblemCode.MEETING_ATTENDANCE_INCOMPLETE: lambda: _tr(
            "Còn {count} đảng viên chưa điểm danh: {names}.").format(**p),
        ProblemCode.MEETING_AGENDA_REQUIRED: lambda: _tr("Biên bản phải có ít nhất một nội dung."),
        ProblemCode.MEETING_QUORUM_NOT_REACHED: lambda: _tr(
            "Không đủ số lượng để tiến hành: có mặt {present}/{base} đảng viên chính thức, cần {share} "
            "(ít nhất {needed} đồng chí).").format(present=p["present"], base=p["base"], share=_share(p),
                                                 needed=p["needed"]),
        ProblemCode.MEETING_RESOLUTION_WITHOUT_VOTE: lambda: _tr(
            "Nghị quyết phải được biểu quyết: đánh dấu lần biểu quyết thông qua nghị quyết."),
        ProblemCode.MEETING_RESOLUTION_NOT_ADOPTED: lambda: _tr(
            "Nghị quyết chưa được thông qua: {votes_for}/{base} đồng chí tán thành, cần {share} "
            "số đảng viên chính thức (ít nhất {needed} đồng chí).").format(
                votes_for=p["votes_for"], base=p["base"], share=_share(p), needed=p["needed"]),
        ProblemCode.MEETING_SHORTER_THAN_MINIMUM: lambda: _tr(
            "Cuộc họp kéo dài {minutes} phút, ít hơn thời lượng tối thiểu {minimum} phút.").format(**p),
        ProblemCode.MEETING_DOCUMENTS_LATE: lambda: _tr(
            "Tài liệu sinh hoạt phải đăng trên Sổ tay đảng viên điện tử ít nhất {days} ngày trước buổi họp.").format(**p),
        ProblemCode.MEETING_FINALISED: lambda: _tr(
            "Biên bản đã hoàn tất nên không sửa được; muốn sửa, hãy mở lại biên bản và ghi lý do."),
        ProblemCode.MEETING_NOT_FINALISED: lambda: _tr("Biên bản chưa hoàn tất."),
        ProblemCode.MEETING_ATTACHMENT_TOO_LARGE: lambda: _tr(
            "Tệp nặng {size_kb} KB, vượt giới hạn {max_kb} KB của một tệp đính kèm.").format(**p),
        ProblemCode.MEETING_ATTACHMENT_EMPTY: lambda: _tr("Tệp rỗng: không có gì để đính kèm."),
        ProblemCode.MEETING_TASK_OWNER_NOT_LISTED: lambda: _tr("Phân công, dòng {row}: người phụ trách phải là "
                                                                "đảng viên trong danh sách dự họp.").format(**p),
        ProblemCode.MEETING_TASK_DUE_BEFORE_MEETING: lambda: _tr("Phân công, dòng {row}: thời hạn không được trước "
                                                                  "ngày họp.").format(**p),
        ProblemCode.MEETING_TASK_DONE_BEFORE_MEETING: lambda: _tr("Ngày hoàn thành không được trước ngày họp."),
        ProblemCode.MEETING_TASK_NEEDS_ADOPTED_RESOLUTION: lambda: _tr(
            "Biên bản chưa hoàn tất: nghị quyết chưa có hiệu lực nên chưa theo dõi thực hiện."),
    }
    text = texts.get(code)
    return text() if text is not None else None


def meeting_label(value: enum.Enum) -> str:
    return meeting_labels()[value]


def meeting_labels() -> dict[enum.Enum, str]:
    return {
        MeetingKind.CELL_REGULAR: _tr("Sinh hoạt chi bộ thường kỳ"),
        MeetingKind.CELL_THEMATIC: _tr("Sinh hoạt chuyên đề"),
        MeetingKind.CELL_EXTRAORDINARY: _tr("Sinh hoạt bất thường"),
        MeetingKind.CELL_REVIEW: _tr("Họp kiểm điểm, đánh giá cuối năm"),
        MeetingKind.CELL_CONGRESS: _tr("Đại hội chi bộ"),
        MeetingKind.COMMITTEE_REGULAR: _tr("Họp cấp ủy"),
        MeetingKind.ADMISSION_CEREMONY: _tr("Lễ kết nạp đảng viên"),
        MeetingState.DRAFT: _tr("Đang ghi"),
        MeetingState.FINALISED: _tr("Đã hoàn tất"),
        AttendanceStatus.PRESENT: _tr("Có mặt"),
        AttendanceStatus.ABSENT_EXCUSED: _tr("Vắng có lý do"),
        AttendanceStatus.ABSENT_UNEXCUSED: _tr("Vắng không lý do"),
        AttendanceStatus.EXEMPTED: _tr("Miễn sinh hoạt"),
        AttendanceStatus.AWAY_TEMPORARY: _tr("Sinh hoạt tạm thời nơi khác"),
        GuestKind.GUEST: _tr("Khách mời"),
        GuestKind.TEMPORARY_HERE: _tr("Đảng viên sinh hoạt tạm thời"),
        VoteMethod.SHOW_OF_HANDS: _tr("Giơ tay"),
        VoteMethod.SECRET_BALLOT: _tr("Bỏ phiếu kín"),
        VoteThreshold.MAJORITY: _tr("Quá nửa"),
        VoteThreshold.TWO_THIRDS: _tr("Hai phần ba"),
    }


def meeting_field_label(key: str) -> str | None:
    """The audit trail's names of the columns of a meeting."""
    return {
        "kind": _tr("Loại cuộc họp"),
        "state": _tr("Tình trạng"),
        "meeting_date": _tr("Ngày họp"),
        "start_time": _tr("Giờ bắt đầu"),
        "end_time": _tr("Giờ kết thúc"),
        "place": _tr("Địa điểm"),
        "topic": _tr("Chuyên đề, chủ đề"),
        "includes_thematic": _tr("Kết hợp sinh hoạt chuyên đề"),
        "chair_member_id": _tr("Chủ trì (mã đảng viên)"),
        "secretary_member_id": _tr("Thư ký (mã đảng viên)"),
        "invitation_sent_on": _tr("Ngày thông báo"),
        "documents_published_on": _tr("Ngày đăng tài liệu"),
        "minutes_approved_for": _tr("Số đồng chí tán thành biên bản"),
        "finalised_at": _tr("Thời điểm hoàn tất"),
        "finalised_by": _tr("Người hoàn tất"),
        "description": _tr("Nhiệm vụ"),
        "owner_member_id": _tr("Người phụ trách (mã đảng viên)"),
        "due_date": _tr("Thời hạn"),
        "done_on": _tr("Ngày hoàn thành"),
        "done_note": _tr("Kết quả thực hiện"),
    }.get(key)

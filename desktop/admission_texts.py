"""Vietnamese wording of the admission pipeline: its problems, states, steps and deadlines.

Problems are reached through desktop.texts.problem_message.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication

from desktop.models.admission import (
    AdmissionAction,
    AdmissionState,
    AdmissionStep,
    UnionIntroduction,
)
from desktop.models.admission_rules import Deadline
from desktop.models.dates import format_date
from desktop.models.problems import Problem, ProblemCode

_CONTEXT = "Admission"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def state_label(state: AdmissionState) -> str:
    return {
        AdmissionState.CANDIDATE: _tr("Quần chúng ưu tú"),
        AdmissionState.COURSE_PASSED: _tr("Đã học lớp nhận thức về Đảng"),
        AdmissionState.APPLIED: _tr("Đã có đơn và lý lịch"),
        AdmissionState.BACKGROUND_VERIFIED: _tr("Đã thẩm tra lý lịch"),
        AdmissionState.INTRODUCED: _tr("Đã có người giới thiệu"),
        AdmissionState.OPINIONS_COLLECTED: _tr("Đã lấy ý kiến nhận xét"),
        AdmissionState.CELL_RESOLVED: _tr("Chi bộ đã đề nghị kết nạp"),
        AdmissionState.SECTION_APPRAISED: _tr("Đảng ủy bộ phận đã thẩm định"),
        AdmissionState.GRASSROOTS_RESOLVED: _tr("Đảng ủy cơ sở đã xét"),
        AdmissionState.DECIDED: _tr("Đã có quyết định kết nạp"),
        AdmissionState.ADMITTED: _tr("Đã kết nạp"),
        AdmissionState.REJECTED: _tr("Không kết nạp"),
        AdmissionState.WITHDRAWN: _tr("Đã rút hồ sơ"),
        AdmissionState.EXPIRED: _tr("Hết hiệu lực"),
    }[state]


def step_label(step: AdmissionStep) -> str:
    return {
        AdmissionStep.COURSE_PASSED: _tr("Học lớp bồi dưỡng nhận thức về Đảng"),
        AdmissionStep.APPLIED: _tr("Đơn xin vào Đảng và lý lịch (1-KNĐ, 2-KNĐ)"),
        AdmissionStep.BACKGROUND_VERIFIED: _tr("Thẩm tra lý lịch"),
        AdmissionStep.INTRODUCED: _tr("Giới thiệu người vào Đảng (3-KNĐ)"),
        AdmissionStep.OPINIONS_COLLECTED: _tr("Lấy ý kiến đoàn thể và chi ủy nơi cư trú"),
        AdmissionStep.CELL_RESOLVED: _tr("Nghị quyết chi bộ đề nghị kết nạp"),
        AdmissionStep.SECTION_APPRAISED: _tr("Thẩm định của đảng ủy bộ phận"),
        AdmissionStep.GRASSROOTS_RESOLVED: _tr("Nghị quyết đảng ủy cơ sở"),
        AdmissionStep.DECIDED: _tr("Quyết định kết nạp"),
        AdmissionStep.CEREMONY_HELD: _tr("Lễ kết nạp"),
    }[step]


def document_label(step: AdmissionStep) -> str:
    """What the number of a step's document is called on the form."""
    return {
        AdmissionStep.COURSE_PASSED: _tr("Số giấy chứng nhận"),
        AdmissionStep.APPLIED: _tr("Số hồ sơ (nếu có)"),
        AdmissionStep.BACKGROUND_VERIFIED: _tr("Số văn bản thẩm tra"),
        AdmissionStep.INTRODUCED: _tr("Số giấy giới thiệu (nếu có)"),
        AdmissionStep.OPINIONS_COLLECTED: _tr("Số văn bản tổng hợp (nếu có)"),
        AdmissionStep.CELL_RESOLVED: _tr("Số nghị quyết chi bộ"),
        AdmissionStep.SECTION_APPRAISED: _tr("Số báo cáo thẩm định"),
        AdmissionStep.GRASSROOTS_RESOLVED: _tr("Số nghị quyết đảng ủy"),
        AdmissionStep.DECIDED: _tr("Số quyết định kết nạp"),
        AdmissionStep.CEREMONY_HELD: _tr("Số biên bản (nếu có)"),
    }[step]


def union_label(kind: UnionIntroduction) -> str:
    return {
        UnionIntroduction.YOUTH_UNION: _tr("Nghị quyết Đoàn TNCS Hồ Chí Minh"),
        UnionIntroduction.TRADE_UNION: _tr("Nghị quyết Công đoàn cơ sở"),
    }[kind]


def action_label(action: AdmissionAction) -> str:
    return {
        AdmissionAction.STEP_UNDONE: _tr("Trở lại bước trước"),
        AdmissionAction.REJECTED: _tr("Không kết nạp"),
        AdmissionAction.WITHDRAWN: _tr("Rút hồ sơ"),
        AdmissionAction.EXPIRED: _tr("Hết hiệu lực"),
    }[action]


def deadline_text(deadline: Deadline) -> str:
    """The date and its basis: “12/03/2027 (60 ngày làm việc kể từ nghị quyết chi bộ 05/12/2026)”."""
    after = _tr("nghị quyết chi bộ") if deadline.after is AdmissionStep.CELL_RESOLVED else _tr("quyết định kết nạp")
    return _tr("{due} (trong {days} ngày làm việc kể từ {after} {start})").format(
        due=format_date(deadline.due), days=deadline.working_days, after=after, start=format_date(deadline.start))


def _named(value: object) -> str:
    if isinstance(value, AdmissionStep):
        return step_label(value)
    if isinstance(value, AdmissionState):
        return state_label(value)
    if isinstance(value, enum.Enum):
        from desktop.texts import label

        return label(value)
    return str(value)


def problem_text(problem: Problem) -> str | None:
    p = problem.params
    code = problem.code
    if code is ProblemCode.ADMISSION_STEP_OUT_OF_ORDER:
        if p["expected"] is None:
            return _tr("Hồ sơ đã đi hết các bước.")
        return _tr("Chưa đến bước “{step}”: bước tiếp theo là “{expected}”.").format(
            step=_named(p["step"]), expected=_named(p["expected"]))
    if code is ProblemCode.ADMISSION_STEP_BEFORE_PREVIOUS:
        return _tr("Ngày này trước ngày của bước “{step}” ({previous}).").format(
            step=_named(p["step"]), previous=format_date(p["previous"]))
    if code is ProblemCode.ADMISSION_TOO_YOUNG:
        return _tr("Chưa đủ {years} tuổi (tính theo tháng) vào ngày chi bộ xét: đủ tuổi từ {eligible}.").format(
            years=p["years"], eligible=format_date(p["eligible"]))
    if code is ProblemCode.ADMISSION_TOO_OLD:
        return _tr("Quá {years} tuổi (tính theo tháng) vào ngày chi bộ xét: việc kết nạp do cấp ủy trực "
                   "thuộc Trung ương xem xét, quyết định.").format(years=p["years"])
    if code is ProblemCode.ADMISSION_CERTIFICATE_MISSING:
        return _tr("Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng.")
    if code is ProblemCode.ADMISSION_CERTIFICATE_EXPIRED:
        return _tr("Giấy chứng nhận cấp ngày {issued} đã hết hiệu lực từ {expired}: phải học lại lớp "
                   "bồi dưỡng nhận thức về Đảng.").format(
            issued=format_date(p["issued"]), expired=format_date(p["expired"]))
    if code is ProblemCode.ADMISSION_INTRODUCER_TWICE:
        return _tr("Một đảng viên chỉ được giới thiệu một lần cho một người.")
    if code is ProblemCode.ADMISSION_INTRODUCER_COUNT:
        return _tr("Cần hai đảng viên chính thức giới thiệu, hoặc một đảng viên chính thức và nghị quyết "
                   "giới thiệu của Đoàn TNCS Hồ Chí Minh hoặc Công đoàn cơ sở.")
    if code is ProblemCode.ADMISSION_INTRODUCER_IS_CANDIDATE:
        return _tr("Người vào Đảng không thể tự giới thiệu mình.")
    if code is ProblemCode.ADMISSION_INTRODUCER_NOT_FULL:
        return _tr("{name} chưa là đảng viên chính thức vào ngày giới thiệu ({on}).").format(
            name=p["name"], on=format_date(p["on"]))
    if code is ProblemCode.ADMISSION_INTRODUCER_TOO_SHORT:
        return _tr("{name} phải cùng công tác hoặc học tập với người vào Đảng ít nhất {months} tháng.").format(
            name=p["name"], months=p["months"])
    if code is ProblemCode.ADMISSION_VOTES_ABOVE_MEMBERS:
        return _tr("Số phiếu tán thành không thể vượt quá {members} người có quyền biểu quyết.").format(
            members=p["members"])
    if code is ProblemCode.ADMISSION_MAJORITY_NOT_REACHED:
        return _tr("Chưa đủ {share} của {members} người có quyền biểu quyết tán thành: cần ít nhất {needed} "
                   "phiếu.").format(share=p["share"], members=p["members"], needed=p["needed"])
    if code is ProblemCode.ADMISSION_CEREMONY_LATE:
        return _tr("Quá hạn tổ chức lễ kết nạp ({due}, {days} ngày làm việc kể từ ngày quyết định {start}): "
                   "ghi văn bản đồng ý của cấp ủy cấp trên.").format(
            due=format_date(p["due"]), days=p["days"], start=format_date(p["start"]))
    if code is ProblemCode.ADMISSION_MENTOR_REQUIRED:
        return _tr("Chọn đảng viên chính thức được phân công giúp đỡ đảng viên mới.")
    if code is ProblemCode.ADMISSION_MENTOR_NOT_FULL:
        return _tr("{name} không phải đảng viên chính thức.").format(name=p["name"])
    if code is ProblemCode.ADMISSION_DOCUMENT_NUMBER_REQUIRED:
        return _tr("Ghi số của văn bản.")
    if code is ProblemCode.ADMISSION_CASE_CLOSED:
        return _tr("Hồ sơ đã kết thúc (“{state}”).").format(state=_named(p["state"]))
    if code is ProblemCode.ADMISSION_NOTHING_TO_UNDO:
        return _tr("Hồ sơ chưa có bước nào để trở lại.")
    if code is ProblemCode.ADMISSION_ALREADY_MEMBER:
        return _tr("Số định danh này là của đảng viên {holder}.").format(holder=p["holder"])
    if code is ProblemCode.ADMISSION_CASE_OPEN_ELSEWHERE:
        return _tr("Số định danh này đã có trong hồ sơ phát triển đảng viên của {holder}.").format(
            holder=p["holder"])
    return None

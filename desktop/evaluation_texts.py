"""Vietnamese wording of the annual review and rating: ratings, steps, subjects and the
problems of recording a step.

Reached through desktop.texts.problem_message and desktop.texts.label.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication

from desktop.models.dates import format_date
from desktop.models.evaluation_rules import CeilingReason
from desktop.models.evaluations import (
    EvaluationState,
    EvaluationSubject,
    PeriodKind,
    PeriodState,
    Rating,
)
from desktop.models.problems import Problem, ProblemCode

_CONTEXT = "Evaluations"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def evaluation_labels() -> dict[enum.Enum, str]:
    return {
        Rating.EXCELLENT: _tr("Hoàn thành xuất sắc nhiệm vụ"),
        Rating.GOOD: _tr("Hoàn thành tốt nhiệm vụ"),
        Rating.PASS: _tr("Hoàn thành nhiệm vụ"),
        Rating.FAIL: _tr("Không hoàn thành nhiệm vụ"),
        EvaluationState.PLANNED: _tr("Chưa kiểm điểm"),
        EvaluationState.SELF_ASSESSED: _tr("Đã tự kiểm điểm"),
        EvaluationState.PROPOSED: _tr("Chi bộ đã đề xuất"),
        EvaluationState.DECIDED: _tr("Cấp ủy đã quyết định"),
        EvaluationState.NOTIFIED: _tr("Đã thông báo"),
        EvaluationSubject.MEMBER: _tr("Đảng viên"),
        EvaluationSubject.ORGANIZATION: _tr("Tổ chức đảng"),
        PeriodKind.YEAR: _tr("Năm"),
        PeriodKind.QUARTER: _tr("Quý"),
        PeriodKind.TERM: _tr("Nhiệm kỳ"),
        PeriodKind.AD_HOC: _tr("Đột xuất"),
        PeriodState.OPEN: _tr("Đang tiến hành"),
        PeriodState.CLOSED: _tr("Đã khóa"),
    }


def rating_short_labels() -> dict[Rating, str]:
    """Column titles of tables: the usual abbreviations of the ratings."""
    return {Rating.EXCELLENT: _tr("HTXSNV"), Rating.GOOD: _tr("HTTNV"), Rating.PASS: _tr("HTNV"),
            Rating.FAIL: _tr("KHTNV")}


def _label(value: object) -> str:
    if isinstance(value, enum.Enum):
        return evaluation_labels().get(value, value.name)
    return str(value)


def ceiling_reason_text(reason: str) -> str:
    return {
        CeilingReason.SCORE: _tr("theo số điểm"),
        CeilingReason.DISCIPLINED: _tr("bị kỷ luật trong năm"),
        CeilingReason.MEMBERS_RESULTS: _tr("theo kết quả xếp loại đảng viên"),
        CeilingReason.MEMBER_DISCIPLINED: _tr("có đảng viên bị kỷ luật trong năm"),
        CeilingReason.SUBORDINATES_DISCIPLINED: _tr("có quá nhiều tổ chức trực thuộc bị kỷ luật trong năm"),
    }.get(reason, "")


def _named(text: str, p: dict[str, object]) -> str:
    """A problem about one evaluation of a batch says whose it is."""
    name = p.get("name")
    return f"{name}: {text}" if name else text


def problem_text(problem: Problem) -> str | None:
    p = problem.params
    code = problem.code
    text: str | None = None
    if code is ProblemCode.EVALUATION_STEP_NOT_ALLOWED:
        text = _tr("Đang ở bước “{state}”, chưa thể ghi bước “{step}”: các bước lần lượt là tự kiểm điểm, "
                   "chi bộ đề xuất, cấp ủy quyết định, thông báo.").format(
            state=_label(p["state"]), step=_label(p["step"]))
    elif code is ProblemCode.EVALUATION_CANNOT_STEP_BACK:
        text = _tr("Không thể trở lại bước trước khi đang ở bước “{state}”: kết quả đã quyết định chỉ sửa "
                   "bằng một quyết định mới.").format(state=_label(p["state"]))
    elif code is ProblemCode.EVALUATION_ABOVE_CEILING:
        text = _tr("Không thể xếp loại “{rating}”: mức cao nhất được xếp là “{ceiling}” ({reason}).").format(
            rating=_label(p["rating"]), ceiling=_label(p["ceiling"]),
            reason=ceiling_reason_text(str(p["reason"])))
    elif code is ProblemCode.EVALUATION_QUOTA_EXCEEDED:
        text = _tr("{organization}: số “Hoàn thành xuất sắc nhiệm vụ” ({excellent}) vượt quá 20% số "
                   "“Hoàn thành tốt nhiệm vụ” ({good}); tối đa {limit}.").format(**p)
    elif code is ProblemCode.EVALUATION_VOTES_ABOVE_CAST:
        text = _tr("Số phiếu tán thành lớn hơn số phiếu biểu quyết ({cast}).").format(**p)
    elif code is ProblemCode.EVALUATION_VOTES_ABOVE_MEMBERS:
        text = _tr("Số phiếu biểu quyết lớn hơn số đảng viên của chi bộ ({members}).").format(**p)
    elif code is ProblemCode.EVALUATION_MAJORITY_NOT_REACHED:
        text = _tr("Đề xuất chưa được quá nửa số phiếu biểu quyết tán thành ({votes_for}/{cast}).").format(**p)
    elif code is ProblemCode.EVALUATION_OUTSIDE_COMMENT_REQUIRED:
        text = _tr("Đảng viên chuyển đến từ ngày {since}: cần ghi nhận xét của tổ chức đảng nơi sinh hoạt "
                   "trước ({previous}).").format(since=format_date(p["since"]), previous=p["previous"] or "…")
    elif code is ProblemCode.EVALUATION_STEP_BEFORE_PREVIOUS:
        text = _tr("Ngày này trước ngày của bước trước ({previous}).").format(previous=format_date(p["previous"]))
    elif code is ProblemCode.EVALUATION_MEMBERS_NOT_DECIDED:
        text = _tr("Còn {count} đảng viên của tổ chức chưa được quyết định xếp loại: xếp loại tổ chức căn cứ "
                   "kết quả của tất cả đảng viên.").format(**p)
    elif code is ProblemCode.EVALUATION_PERIOD_CLOSED:
        text = _tr("Đợt kiểm điểm đã khóa, không ghi thêm được.")
    elif code is ProblemCode.EVALUATION_PERIOD_EXISTS:
        text = _tr("Đã có đợt kiểm điểm “{title}” cho tổ chức này từ ngày đó.").format(**p)
    elif code is ProblemCode.EVALUATION_PERIOD_DATES:
        text = _tr("Ngày kết thúc đợt phải sau ngày bắt đầu.")
    elif code is ProblemCode.EVALUATION_NOT_ALL_NOTIFIED:
        text = _tr("Còn {count} trường hợp chưa thông báo kết quả: chưa khóa đợt được.").format(**p)
    elif code is ProblemCode.EVALUATION_NOTHING_TO_APPROVE:
        text = _tr("Không có đề xuất nào chờ quyết định.")
    return None if text is None else _named(text, p)

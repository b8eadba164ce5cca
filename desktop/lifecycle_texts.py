"""Vietnamese wording of the member lifecycle: the problems of history events, days off.

Reached through desktop.texts.problem_message.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication

from desktop.models.dates import format_date
from desktop.models.problems import Problem, ProblemCode

_CONTEXT = "Lifecycle"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _named(value: object) -> str:
    from desktop.texts import label

    return label(value) if isinstance(value, enum.Enum) else str(value)


def problem_text(problem: Problem) -> str | None:
    p = problem.params
    code = problem.code
    if code is ProblemCode.EVENT_NOT_ALLOWED:
        return _tr("Không ghi được “{kind}” cho đảng viên đang ở trạng thái “{status}”.").format(
            kind=_named(p["kind"]), status=_named(p["status"]).lower())
    if code is ProblemCode.EVENT_BEFORE_ADMISSION:
        return _tr("Ngày này trước ngày vào Đảng ({admitted}).").format(admitted=format_date(p["admitted"]))
    if code is ProblemCode.EVENT_BEFORE_LAST_CHANGE:
        return _tr("Ngày này trước lần thay đổi gần nhất trong quá trình của đảng viên ({last}).").format(
            last=format_date(p["last"]))
    if code is ProblemCode.EVENT_DECISION_REQUIRED:
        return _tr("Ghi số của quyết định hoặc nghị quyết.")
    if code is ProblemCode.EVENT_RESOLUTION_REQUIRED:
        return _tr("Ghi số và ngày nghị quyết của chi bộ.")
    if code is ProblemCode.EVENT_REASON_REQUIRED:
        return _tr("Ghi lý do.")
    if code is ProblemCode.EVENT_DESTINATION_REQUIRED:
        return _tr("Chọn nơi chuyển đến (một tổ chức trong danh sách hoặc ghi tên tổ chức ngoài đảng bộ).")
    if code is ProblemCode.EVENT_SAME_CELL:
        return _tr("Đảng viên đang sinh hoạt ở chi bộ này.")
    if code is ProblemCode.EVENT_ALREADY_EXEMPTED:
        return _tr("Đảng viên đang được miễn công tác và sinh hoạt đảng.")
    if code is ProblemCode.EVENT_NOT_EXEMPTED:
        return _tr("Đảng viên không ở diện miễn công tác và sinh hoạt đảng.")
    if code is ProblemCode.RECOGNITION_BEFORE_PROBATION_END:
        return _tr("Chưa hết {months} tháng dự bị: ngày công nhận chính thức sớm nhất là {earliest}.").format(
            months=p["months"], earliest=format_date(p["earliest"]))
    if code is ProblemCode.DECISION_DATE_AFTER_TODAY:
        return _tr("Ngày quyết định chưa đến.")
    if code is ProblemCode.DECISION_BEFORE_RESOLUTION:
        return _tr("Ngày quyết định không thể trước ngày nghị quyết của chi bộ.")
    if code is ProblemCode.RESOLUTION_BEFORE_PROBATION_END:
        return _tr("Chi bộ chỉ xét công nhận chính thức khi đã hết thời gian dự bị, tức là từ ngày {earliest}.").format(
            earliest=format_date(p["earliest"]))
    if code is ProblemCode.DAY_OFF_ON_WEEKEND:
        return _tr("Thứ Bảy và Chủ nhật đã là ngày nghỉ; chỉ cần ghi ngày nghỉ rơi vào ngày thường.")
    if code is ProblemCode.DAY_OFF_DUPLICATE:
        return _tr("Ngày này đã có trong danh sách ngày nghỉ.")
    return None

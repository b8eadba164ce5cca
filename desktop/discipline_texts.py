"""Vietnamese wording of discipline decisions: their forms and the problems of recording one.

Reached through desktop.texts.problem_message and desktop.texts.label.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication

from desktop.models.dates import format_date
from desktop.models.discipline import DisciplineForm
from desktop.models.problems import Problem, ProblemCode

_CONTEXT = "Discipline"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def discipline_labels() -> dict[enum.Enum, str]:
    return {
        DisciplineForm.REPRIMAND: _tr("Khiển trách"),
        DisciplineForm.WARNING: _tr("Cảnh cáo"),
        DisciplineForm.DISMISSAL: _tr("Cách chức"),
        DisciplineForm.EXPULSION: _tr("Khai trừ"),
        DisciplineForm.DISSOLUTION: _tr("Giải tán"),
    }


def _form(value: object) -> str:
    return discipline_labels()[value].lower() if isinstance(value, DisciplineForm) else str(value)


def problem_text(problem: Problem) -> str | None:
    p = problem.params
    code = problem.code
    if code is ProblemCode.DISCIPLINE_FORM_NOT_FOR_SUBJECT:
        return _tr("Hình thức kỷ luật “{form}” không áp dụng cho đối tượng này: tổ chức đảng bị khiển trách, "
                   "cảnh cáo hoặc giải tán; đảng viên bị khiển trách, cảnh cáo, cách chức hoặc khai trừ."
                   ).format(form=_form(p["form"]))
    if code is ProblemCode.DISCIPLINE_FORM_NOT_FOR_PROBATIONARY:
        return _tr("Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo, không “{form}”; "
                   "đảng viên dự bị không đủ tư cách thì xóa tên.").format(form=_form(p["form"]))
    if code is ProblemCode.DISCIPLINE_DISMISSAL_WITHOUT_POST:
        return _tr("Ngày {on} đảng viên không giữ chức vụ nào trong cấp ủy, nên không thể cách chức.").format(
            on=format_date(p["on"]))
    if code is ProblemCode.DISCIPLINE_EFFECTIVE_BEFORE_DECISION:
        return _tr("Ngày này trước ngày ký quyết định kỷ luật.")
    if code is ProblemCode.DISCIPLINE_VIOLATION_AFTER_DECISION:
        return _tr("Ngày vi phạm sau ngày ký quyết định kỷ luật.")
    if code is ProblemCode.DISCIPLINE_RATING_YEAR:
        return _tr("Năm tính vào xếp loại phải từ năm {earliest} đến năm {latest}.").format(**p)
    if code is ProblemCode.DISCIPLINE_MEMBER_NOT_ACTIVE:
        from desktop.texts import label

        status = p["status"]
        return _tr("Đảng viên đang ở trạng thái “{status}”, không ghi kỷ luật được.").format(
            status=label(status).lower() if isinstance(status, enum.Enum) else status)
    return None

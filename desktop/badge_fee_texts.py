"""Vietnamese wording of party badges and fees: their problems, categories and areas.

Reached through desktop.texts.problem_message.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication

from desktop.models.dates import format_date
from desktop.models.fees import FeeArea, FeeCategory, OverseasGroup
from desktop.models.problems import Problem, ProblemCode

_CONTEXT = "BadgesFees"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def category_label(category: FeeCategory) -> str:
    return {
        FeeCategory.SALARIED_STATE: _tr("Cán bộ, công chức, viên chức, lực lượng vũ trang"),
        FeeCategory.PENSIONER: _tr("Hưởng lương hưu"),
        FeeCategory.ENTERPRISE: _tr("Người lao động trong doanh nghiệp, đơn vị sự nghiệp"),
        FeeCategory.OTHER_DOMESTIC: _tr("Đối tượng khác ở trong nước (mức cố định)"),
        FeeCategory.OVERSEAS: _tr("Đảng viên ở ngoài nước"),
    }[category]


def area_label(area: FeeArea) -> str:
    return {
        FeeArea.INNER_CITY: _tr("Nội thành thành phố trực thuộc Trung ương"),
        FeeArea.URBAN: _tr("Đô thị loại I, II, III"),
        FeeArea.OTHER: _tr("Các nơi khác"),
        FeeArea.REMOTE: _tr("Vùng III miền núi, biên giới, hải đảo"),
    }[area]


def overseas_group_label(group: OverseasGroup) -> str:
    return {
        OverseasGroup.STUDENT: _tr("Du học"),
        OverseasGroup.WORKER: _tr("Lao động, làm việc"),
        OverseasGroup.BUSINESS: _tr("Kinh doanh"),
    }[group]


def _named(value: object) -> str:
    from desktop.texts import label

    return label(value) if isinstance(value, enum.Enum) else str(value)


def problem_text(problem: Problem) -> str | None:
    p = problem.params
    code = problem.code
    if code is ProblemCode.BADGE_ALREADY_AWARDED:
        return _tr("Đảng viên đã được tặng Huy hiệu {years} năm tuổi Đảng (hoặc huy hiệu cao hơn).").format(
            years=p["years"])
    if code is ProblemCode.BADGE_NOT_REACHED:
        return _tr("Đảng viên đủ {years} năm tuổi Đảng vào ngày {reached}, sau dịp trao tặng.").format(
            years=p["years"], reached=format_date(p["reached"]))
    if code is ProblemCode.BADGE_NOT_A_MILESTONE:
        return _tr("Không có Huy hiệu {years} năm tuổi Đảng.").format(years=p["years"])
    if code is ProblemCode.BADGE_MEMBER_NOT_ELIGIBLE:
        return _tr("Không tặng Huy hiệu Đảng cho đảng viên ở trạng thái “{status}”.").format(
            status=_named(p["status"]).lower())
    if code is ProblemCode.GAP_END_BEFORE_START:
        return _tr("Ngày kết thúc gián đoạn trước ngày bắt đầu.")
    if code is ProblemCode.GAP_BEFORE_ADMISSION:
        return _tr("Thời gian gián đoạn bắt đầu trước ngày vào Đảng ({admitted}).").format(
            admitted=format_date(p["admitted"]))
    if code is ProblemCode.GAP_OVERLAPS:
        return _tr("Trùng với thời gian gián đoạn đã ghi từ {start} đến {end}.").format(
            start=format_date(p["start"]), end=format_date(p["end"]))
    if code is ProblemCode.FEE_BASE_REQUIRED:
        return _tr("Ghi mức lương, phụ cấp (hoặc lương hưu, thu nhập) hằng tháng để tính đảng phí.")
    if code is ProblemCode.FEE_AREA_REQUIRED:
        return _tr("Chọn địa bàn để tính mức đảng phí cố định.")
    if code is ProblemCode.FEE_OVERSEAS_GROUP_REQUIRED:
        return _tr("Chọn nhóm đối tượng đảng viên ở ngoài nước.")
    if code is ProblemCode.FEE_AMOUNT_NEGATIVE:
        return _tr("Số tiền không được âm.")
    if code is ProblemCode.FEE_MEMBER_NOT_IN_CELL:
        return _tr("Đảng viên không sinh hoạt ở chi bộ này.")
    if code is ProblemCode.FEE_NO_PROFILE:
        return _tr("Đảng viên chưa có thông tin tính đảng phí (đối tượng, mức lương) cho tháng này.")
    if code is ProblemCode.FEE_PERIOD_REVERSED:
        return _tr("Tháng cuối của kỳ báo cáo trước tháng đầu.")
    return None

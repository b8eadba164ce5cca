"""Vietnamese wording of transfers of party activity: the problems of a transfer, the names of
its kinds, directions and states.

Reached through desktop.texts.problem_message; the labels are used by the window and the CLI.
"""

from __future__ import annotations

import datetime as dt
import enum

from PySide6.QtCore import QCoreApplication

from desktop.models.dates import format_date
from desktop.models.problems import Problem, ProblemCode
from desktop.models.transfers import TransferDirection, TransferKind, TransferState

_CONTEXT = "Transfers"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def problem_text(problem: Problem) -> str | None:
    p = problem.params
    code = problem.code
    if code is ProblemCode.TRANSFER_OPEN_EXISTS:
        letter = p.get("letter") or ""
        if letter:
            return _tr("Đảng viên đang có một lần chuyển sinh hoạt chưa kết thúc (giấy giới thiệu số {letter} ngày {date}): hãy xác nhận đã tiếp nhận, kết thúc hoặc hủy lần đó trước.").format(
                letter=letter, date=format_date(p["date"]))
        return _tr("Đảng viên đang có một lần chuyển sinh hoạt chưa kết thúc (ngày {date}): hãy xác nhận đã tiếp nhận, kết thúc hoặc hủy lần đó trước.").format(
            date=format_date(p["date"]))
    if code is ProblemCode.TRANSFER_TARGET_IN_DATABASE:
        return _tr("Nơi chuyển đến là một chi bộ trong đảng bộ: hãy dùng “Chuyển giữa các chi bộ”.")
    if code is ProblemCode.TRANSFER_SOURCE_REQUIRED:
        return _tr("Ghi tên tổ chức đảng nơi đảng viên chuyển đến từ đó.")
    if code is ProblemCode.TRANSFER_END_REQUIRED:
        return _tr("Ghi ngày dự kiến kết thúc sinh hoạt tạm thời.")
    if code is ProblemCode.TRANSFER_END_NOT_AFTER_START:
        return _tr("Ngày kết thúc phải sau ngày của giấy giới thiệu.")
    if code is ProblemCode.TRANSFER_TOO_LONG:
        return _tr("Sinh hoạt tạm thời không quá {months} tháng: ngày kết thúc muộn nhất là {latest}.").format(
            months=p["months"], latest=format_date(p["latest"]))
    if code is ProblemCode.TRANSFER_NOT_OPEN:
        return _tr("Lần chuyển sinh hoạt này đã kết thúc ({state}).").format(state=_named(p["state"]).lower())
    if code is ProblemCode.TRANSFER_ALREADY_RECEIVED:
        return _tr("Nơi đến đã xác nhận tiếp nhận đảng viên rồi.")
    if code is ProblemCode.TRANSFER_NOT_TEMPORARY:
        return _tr("Đây không phải lần chuyển sinh hoạt tạm thời.")
    if code is ProblemCode.TRANSFER_DATE_BEFORE_LETTER:
        return _tr("Ngày này trước ngày của giấy giới thiệu ({letter_date}).").format(
            letter_date=format_date(p["letter_date"]))
    if code is ProblemCode.TRANSFER_LETTER_NUMBER_TAKEN:
        return _tr("Số giấy giới thiệu {number} trong năm này đã cấp cho đảng viên {holder}.").format(
            number=p["number"], holder=p["holder"])
    if code is ProblemCode.TRANSFER_CANNOT_CANCEL:
        return _tr("Chỉ hủy được giấy giới thiệu nơi đến chưa tiếp nhận; việc đã xong thì lập một lần chuyển mới.")
    return None


def _named(value: object) -> str:
    if isinstance(value, enum.Enum):
        return transfer_label(value)
    if isinstance(value, str) and value in TransferState.__members__:
        return transfer_label(TransferState[value])
    return str(value)


def transfer_label(value: enum.Enum) -> str:
    """Vietnamese name of a transfer kind, direction or state."""
    return transfer_labels()[value]


def transfer_labels() -> dict[enum.Enum, str]:
    return {
        TransferKind.OFFICIAL: _tr("Chính thức"),
        TransferKind.TEMPORARY: _tr("Tạm thời"),
        TransferDirection.OUT: _tr("Chuyển đi ngoài đảng bộ"),
        TransferDirection.IN: _tr("Chuyển đến từ ngoài đảng bộ"),
        TransferDirection.INTERNAL: _tr("Giữa các chi bộ trong đảng bộ"),
        TransferState.ISSUED: _tr("Chưa tiếp nhận"),
        TransferState.RECEIVED: _tr("Đã tiếp nhận"),
        TransferState.RETURNED: _tr("Đã trở về"),
        TransferState.CANCELLED: _tr("Đã hủy"),
    }


def deadline_text(days_left: int | None) -> str:
    """'còn 5 ngày làm việc', 'hôm nay là hạn', 'quá hạn 3 ngày làm việc'."""
    if days_left is None:
        return ""
    if days_left > 0:
        return _tr("còn {days} ngày làm việc").format(days=days_left)
    if days_left == 0:
        return _tr("hôm nay là hạn")
    return _tr("quá hạn {days} ngày làm việc").format(days=-days_left)


def deadline_basis(days: int, letter_date: dt.date) -> str:
    """The basis of a reporting deadline (§10.2): '30 ngày làm việc kể từ 05/02/2026'."""
    return _tr("{days} ngày làm việc kể từ {date}").format(days=days, date=format_date(letter_date))


def transfer_field_label(key: str) -> str | None:
    """The audit trail's names of the columns of a transfer."""
    return {
        "direction": _tr("Loại chuyển"),
        "state": _tr("Tình trạng"),
        "from_org_text": _tr("Nơi đi (ngoài đảng bộ)"),
        "to_org_text": _tr("Nơi đến (ngoài đảng bộ)"),
        "reason": _tr("Lý do"),
        "letter_sequence": _tr("Số thứ tự giấy giới thiệu"),
        "letter_number": _tr("Số giấy giới thiệu"),
        "letter_date": _tr("Ngày cấp giấy giới thiệu"),
        "issuing_org_id": _tr("Cấp ủy cấp giấy (mã)"),
        "report_deadline": _tr("Hạn trình giấy giới thiệu"),
        "expected_end": _tr("Dự kiến kết thúc"),
        "received_date": _tr("Ngày tiếp nhận"),
        "returned_date": _tr("Ngày trở về"),
        "cancelled_date": _tr("Ngày hủy"),
        "cancel_reason": _tr("Lý do hủy"),
        "out_event_id": _tr("Sự kiện chuyển đi (mã)"),
        "in_event_id": _tr("Sự kiện chuyển đến (mã)"),
    }.get(key)

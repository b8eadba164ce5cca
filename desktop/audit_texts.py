"""Vietnamese wording of the audit trail: actions, record types, field names, check results.

Kept apart from desktop.texts, which the start-up path imports before SQLAlchemy is loaded;
this module is used by the audit window and the `party-office audit` commands only.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.library_texts import library_field_label
from desktop.meeting_texts import meeting_field_label
from desktop.models.audit import AuditAction
from desktop.models.dates import format_date
from desktop.models.enums import (
    AcademicTitle,
    CommitteeRole,
    Gender,
    MemberEventKind,
    MemberStatus,
    OrgKind,
    PoliticalTheory,
    ProfessionalDegree,
)
from desktop.models.library import Confidentiality, DocumentKind, DocumentStatus, StudyForm
from desktop.models.meetings import MeetingKind, MeetingState
from desktop.models.transfers import TransferDirection, TransferKind, TransferState
from desktop.services.audit import REDACTED, BreakReason, VerifyResult
from desktop.texts import field_label, label, organization_field_label
from desktop.transfer_texts import transfer_field_label

_CONTEXT = "Audit"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def action_label(action: AuditAction) -> str:
    return {
        AuditAction.CREATE: _tr("Thêm mới"),
        AuditAction.UPDATE: _tr("Sửa"),
        AuditAction.DELETE: _tr("Xóa"),
        AuditAction.READ: _tr("Xem hồ sơ"),
        AuditAction.LOGIN: _tr("Đăng nhập"),
        AuditAction.LOGIN_FAILED: _tr("Đăng nhập không thành công"),
        AuditAction.LOGOUT: _tr("Đăng xuất"),
        AuditAction.EXPORT: _tr("Xuất dữ liệu"),
        AuditAction.BULK: _tr("Ghi hàng loạt"),
    }[action]


# Tables whose rows the trail names, in the order the filter lists them.
RECORD_TYPES = (
    "member", "member_event", "committee_membership", "party_organization", "user_account",
    "rule_value", "app_meta", "audit_entry", "member_transfer", "meeting",
    "library_document", "library_file", "study_session", "study_attendance",
)


def record_type_label(record_type: str) -> str:
    labels = {
        "member": _tr("Hồ sơ đảng viên"),
        "member_event": _tr("Quá trình của đảng viên"),
        "committee_membership": _tr("Cấp ủy viên"),
        "party_organization": _tr("Tổ chức đảng"),
        "user_account": _tr("Tài khoản người dùng"),
        "rule_value": _tr("Quy định, tham số"),
        "app_meta": _tr("Thông tin hệ thống"),
        "audit_entry": _tr("Nhật ký hệ thống"),
        "member_transfer": _tr("Chuyển sinh hoạt đảng"),
        "meeting": _tr("Cuộc họp"),
        "meeting_resolution_task": _tr("Phân công thực hiện nghị quyết"),
        "library_document": _tr("Văn bản trong thư viện"),
        "library_file": _tr("Tệp văn bản"),
        "study_session": _tr("Buổi học tập, quán triệt"),
        "study_attendance": _tr("Dự học tập, quán triệt"),
        "inspection_case": _tr("Hồ sơ kiểm tra, kỷ luật"),
        "inspection_case_document": _tr("Tài liệu hồ sơ kiểm tra"),
        "complaint_letter": _tr("Đơn thư"),
        "": "",
    }
    return labels.get(record_type, record_type)


def record_text(record_type: str, record_id: int | None) -> str:
    """"Hồ sơ đảng viên #12": what the entry is about."""
    label = record_type_label(record_type)
    return f"{label} #{record_id}" if record_id is not None else label


# Code-list columns, shown by their Vietnamese label (the trail stores the enum name).
_ENUM_COLUMNS: dict[tuple[str, str], type[enum.Enum]] = {
    ("member", "gender"): Gender,
    ("member", "status"): MemberStatus,
    ("member", "professional_degree"): ProfessionalDegree,
    ("member", "academic_title"): AcademicTitle,
    ("member", "political_theory"): PoliticalTheory,
    ("member_event", "kind"): MemberEventKind,
    ("committee_membership", "role"): CommitteeRole,
    ("party_organization", "kind"): OrgKind,
    ("member_transfer", "kind"): TransferKind,
    ("member_transfer", "direction"): TransferDirection,
    ("member_transfer", "state"): TransferState,
    ("meeting", "kind"): MeetingKind,
    ("meeting", "state"): MeetingState,
    ("library_document", "kind"): DocumentKind,
    ("library_document", "status"): DocumentStatus,
    ("library_document", "confidentiality"): Confidentiality,
    ("study_session", "form"): StudyForm,
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


def _other_field_labels() -> dict[str, str]:
    """Columns that no form names (accounts, history, seats) and the keys of event details."""
    return {
        "id": _tr("Mã"),
        "status": _tr("Trạng thái"),
        "cell_id": _tr("Chi bộ (mã)"),
        "dob_precision": _tr("Ngày sinh ghi đến"),
        "exempted_from_activities": _tr("Miễn công tác và sinh hoạt"),
        "notes": _tr("Ghi chú"),
        "position": _tr("Thứ tự"),
        "dissolved_date": _tr("Ngày giải thể"),
        "dissolution_decision_ref": _tr("Quyết định giải thể"),
        "username": _tr("Tên đăng nhập"),
        "full_name": _tr("Họ và tên"),
        "role": _tr("Vai trò, chức vụ"),
        "scope_organization_id": _tr("Phạm vi (mã tổ chức)"),
        "password_hash": _tr("Mật khẩu"),
        "is_active": _tr("Đang hoạt động"),
        "locked_until": _tr("Khóa đến"),
        "password_changed_at": _tr("Lần đổi mật khẩu"),
        "member_id": _tr("Mã đảng viên"),
        "organization_id": _tr("Mã tổ chức"),
        "kind": _tr("Loại"),
        "effective_date": _tr("Ngày hiệu lực"),
        "decision_number": _tr("Số quyết định"),
        "decision_date": _tr("Ngày quyết định"),
        "decision_ref": _tr("Quyết định"),
        "issuing_body": _tr("Cơ quan quyết định"),
        "from_org_id": _tr("Từ tổ chức (mã)"),
        "to_org_id": _tr("Đến tổ chức (mã)"),
        "note": _tr("Ghi chú"),
        "recorded_at": _tr("Thời điểm ghi"),
        "is_standing": _tr("Ủy viên thường vụ"),
        "source": _tr("Nguồn"),
        "start_date": _tr("Ngày bắt đầu"),
        "end_date": _tr("Ngày kết thúc"),
        "code": _tr("Mã"),
        "effective_from": _tr("Áp dụng từ"),
        "effective_to": _tr("Áp dụng đến"),
        "value_json": _tr("Giá trị"),
        "value": _tr("Giá trị"),
        "key": _tr("Khóa"),
        "rows": _tr("Số dòng"),
        "file": _tr("Tệp"),
        "statement": _tr("Lệnh"),
    }


def change_field_label(record_type: str, key: str) -> str:
    """The form's name of a field when there is one, then the trail's own names, else the key."""
    try:
        if record_type == "member":
            return field_label(key)
        if record_type == "party_organization":
            return organization_field_label(key)
    except KeyError:
        pass
    if record_type == "member_transfer" and (transfer_field := transfer_field_label(key)) is not None:
        return transfer_field
    if record_type in ("meeting", "meeting_resolution_task") and (
            meeting_field := meeting_field_label(key)) is not None:
        return meeting_field
    if record_type in ("library_document", "study_session") and (library_field := library_field_label(key)):
        return library_field
    if key in RECORD_TYPES:
        return record_type_label(key)  # row counts of a bulk write, by table
    return _other_field_labels().get(key, key)


def value_text(value: Any, record_type: str = "", key: str = "") -> str:
    """A stored value as the user reads it: dd/mm/yyyy dates, code-list labels, Có/Không."""
    if value is None:
        return "—"
    if value == REDACTED:
        return _tr("(ẩn)")
    if value is True:
        return _tr("Có")
    if value is False:
        return _tr("Không")
    if isinstance(value, str):
        kind = _ENUM_COLUMNS.get((record_type, key))
        if kind is not None and value in kind.__members__:
            return label(kind[value])
        if _ISO_DATE.match(value):
            return format_date(dt.date.fromisoformat(value))
        if _ISO_TIME.match(value):
            return dt.datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M:%S")
    return str(value)


def changes_summary(action: AuditAction, record_type: str, changes: dict[str, Any], limit: int = 3) -> str:
    """One line for the table: the changed fields of an update, the details of an event."""
    if not changes:
        return ""

    def part(key: str, value: Any) -> str:
        return f"{change_field_label(record_type, key)}: {value_text(value, record_type, key)}"

    if action is AuditAction.UPDATE:
        parts = [
            f"{change_field_label(record_type, key)}: {value_text(pair[0], record_type, key)} → "
            f"{value_text(pair[1], record_type, key)}"
            for key, pair in sorted(changes.items())
            if isinstance(pair, list) and len(pair) == 2
        ]
    elif action in (AuditAction.CREATE, AuditAction.DELETE):
        names = [key for key in ("full_name", "name", "username", "code", "key", "kind") if key in changes]
        parts = [part(key, changes[key]) for key in names]
    else:
        limit = len(changes)  # events carry a few details: all of them
        parts = [part(key, value) for key, value in sorted(changes.items())]
    more = len(parts) - limit
    text = "; ".join(parts[:limit])
    return text + (_tr(" (và {count} mục khác)").format(count=more) if more > 0 else "")


def verify_message(result: VerifyResult) -> str:
    if result.ok:
        return _tr(
            "Nhật ký hệ thống toàn vẹn: đã kiểm tra {count} mục, không mục nào bị sửa, bị xóa hay bị "
            "chèn thêm.\nMã băm cuối chuỗi (ghi lại để đối chiếu về sau): {hash}"
        ).format(count=result.checked, hash=result.head_hash)
    reason = {
        BreakReason.ENTRY_ALTERED: _tr("nội dung của mục này đã bị sửa"),
        BreakReason.LINK_BROKEN: _tr("mục liền trước nó đã bị xóa hoặc có mục bị chèn vào"),
        BreakReason.HEAD_MISMATCH: _tr("mục này và các mục sau nó ở cuối nhật ký đã bị xóa"),
        BreakReason.UNCHAINED_ENTRY: _tr("mục này được ghi thêm từ bên ngoài phần mềm"),
    }[result.reason] if result.reason is not None else ""
    return _tr(
        "Nhật ký hệ thống đã bị can thiệp. Mắt xích hỏng đầu tiên: mục số {id} ({reason}). "
        "{count} mục trước đó vẫn nguyên vẹn."
    ).format(id=result.first_broken_id, reason=reason, count=result.checked)


def csv_header() -> list[str]:
    return [
        _tr("Số thứ tự"), _tr("Thời điểm"), _tr("Người thực hiện"), _tr("Mã người dùng"),
        _tr("Thao tác"), _tr("Loại bản ghi"), _tr("Mã bản ghi"), _tr("Nội dung thay đổi"),
        _tr("Mã băm mục trước"), _tr("Mã băm"),
    ]

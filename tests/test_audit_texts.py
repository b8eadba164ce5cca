"""How the audit window and the CSV export word what the trail stores."""

from desktop.audit_texts import change_field_label, changes_summary, value_text, verify_message
from desktop.models.audit import AuditAction
from desktop.services.audit import REDACTED, BreakReason, VerifyResult


def test_stored_values_read_as_the_forms_show_them() -> None:
    assert value_text("1980-06-15") == "15/06/1980"
    assert value_text("2026-11-21T08:05:09") == "21/11/2026 08:05:09"
    assert value_text("FEMALE", "member", "gender") == "Nữ"
    assert value_text("ADMITTED", "member_event", "kind") == "Kết nạp vào Đảng"
    assert value_text("FEMALE") == "FEMALE"  # not a code-list column: as stored
    assert value_text(None) == "—" and value_text(True) == "Có" and value_text(REDACTED) == "(ẩn)"
    assert change_field_label("member", "national_id") == "Số định danh cá nhân (CCCD)"
    assert change_field_label("user_account", "password_hash") == "Mật khẩu"
    assert change_field_label("", "member") == "Hồ sơ đảng viên"


def test_summaries() -> None:
    update = {"full_name": ["Trần Văn Ba", "Trần Văn Bảy"], "phone": [None, "0912"], "email": [None, "a@b.vn"],
              "notes": [None, "x"]}
    assert changes_summary(AuditAction.UPDATE, "member", update) == (
        "Email: — → a@b.vn; Họ và tên đang dùng: Trần Văn Ba → Trần Văn Bảy; Ghi chú: — → x (và 1 mục khác)"
    )
    assert changes_summary(AuditAction.CREATE, "party_organization", {"name": "Chi bộ 1", "code": "C1", "phone": None}) == (
        "Tên đầy đủ: Chi bộ 1; Mã tổ chức: C1"
    )
    bulk = {"source": "demo", "member": 320, "member_event": 627, "party_organization": 27, "committee_membership": 139}
    assert changes_summary(AuditAction.BULK, "", bulk).count(":") == 5  # every detail of an event


def test_verify_messages_name_the_entry_and_the_reason() -> None:
    assert "12 mục" in verify_message(VerifyResult(True, 12, None, None, "ab" * 32))
    broken = verify_message(VerifyResult(False, 4, 5, BreakReason.LINK_BROKEN))
    assert "mục số 5" in broken and "bị xóa" in broken and "4 mục trước đó" in broken


def test_transfers_read_in_vietnamese_in_the_trail() -> None:
    from desktop.audit_texts import record_text

    assert record_text("member_transfer", 3) == "Chuyển sinh hoạt đảng #3"
    assert change_field_label("member_transfer", "report_deadline") == "Hạn trình giấy giới thiệu"
    assert value_text("ISSUED", "member_transfer", "state") == "Chưa tiếp nhận"
    assert record_text("meeting", 5) == "Cuộc họp #5"
    assert change_field_label("meeting", "documents_published_on") == "Ngày đăng tài liệu"
    assert value_text("FINALISED", "meeting", "state") == "Đã hoàn tất"
    assert value_text("TEMPORARY", "member_transfer", "kind") == "Tạm thời"

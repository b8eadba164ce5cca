"""Vietnamese wording of the document library and study sessions: the problems, the names of
document kinds, statuses, secrecy marks and study forms.

Reached through desktop.texts.problem_message and desktop.texts.label; the window, the
reports and the CLI use the labels.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication

from desktop.models.dates import format_date
from desktop.models.library import Confidentiality, DocumentKind, DocumentStatus, StudyForm
from desktop.models.problems import Problem, ProblemCode

_CONTEXT = "Library"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def problem_text(problem: Problem) -> str | None:
    p = problem.params
    code = problem.code
    if code is ProblemCode.LIBRARY_NUMBER_KIND_MISMATCH:
        kind = p["kind"]
        named = library_label(kind) if isinstance(kind, DocumentKind) else str(kind)
        symbol = kind.symbol if isinstance(kind, DocumentKind) else ""
        return _tr("Ký hiệu “{symbol}” trong số văn bản không khớp với loại {kind} ({expected}).").format(
            symbol=p["symbol"], kind=named.lower(), expected=symbol)
    if code is ProblemCode.LIBRARY_REPLACEMENT_REQUIRED:
        return _tr("Văn bản đã bị thay thế: hãy chọn văn bản thay thế nó.")
    if code is ProblemCode.LIBRARY_REPLACEMENT_NOT_REPLACED:
        return _tr("Chỉ văn bản có trạng thái “Đã được thay thế” mới ghi văn bản thay thế.")
    if code is ProblemCode.LIBRARY_LINK_TO_ITSELF:
        return _tr("Một văn bản không thể thay thế hay sửa đổi chính nó.")
    if code is ProblemCode.LIBRARY_LINK_CYCLE:
        return _tr("Văn bản {number} đã bị văn bản này thay thế: không thể thay thế ngược lại.").format(
            number=p["number"])
    if code is ProblemCode.LIBRARY_LINK_OLDER:
        return _tr("Văn bản {number} ban hành ngày {date}, trước văn bản này: văn bản thay thế hay sửa đổi phải ban hành sau.").format(
            number=p["number"], date=format_date(p["date"]))
    if code is ProblemCode.LIBRARY_FILE_KIND:
        return _tr("Chỉ nhận tệp PDF, Word (.docx) hoặc văn bản thuần (.txt); không nhận tệp “{extension}”.").format(
            extension=p["extension"])
    if code is ProblemCode.LIBRARY_FILE_EMPTY:
        return _tr("Tệp rỗng, không có nội dung.")
    if code is ProblemCode.LIBRARY_FILE_TOO_LARGE:
        return _tr("Tệp lớn {size_kb} KB, vượt giới hạn {max_kb} KB của thư viện.").format(
            size_kb=f"{p['size_kb']:,}".replace(",", "."), max_kb=f"{p['max_kb']:,}".replace(",", "."))
    if code is ProblemCode.LIBRARY_FILE_DUPLICATE:
        return _tr("Tệp “{file_name}” đã có trong thư viện (văn bản số {number}): không lưu trùng.").format(
            file_name=p["file_name"], number=p["number"])
    if code is ProblemCode.LIBRARY_FILE_UNREADABLE:
        return _tr("Không đọc được nội dung tệp “{file_name}”: tệp bị hỏng, có mật khẩu hoặc không đúng định dạng.").format(
            file_name=p["file_name"])
    if code is ProblemCode.LIBRARY_FILE_SECRET:
        return _tr("Văn bản có độ mật: tệp chỉ được xem trong phần mềm, không mở ra ngoài hay sao chép.")
    if code is ProblemCode.STUDY_BEFORE_ISSUE:
        return _tr("Ngày học tập trước ngày ban hành văn bản ({issued}).").format(issued=format_date(p["issued"]))
    if code is ProblemCode.STUDY_MAKEUP_OTHER_DOCUMENT:
        return _tr("Buổi học bù phải học cùng văn bản với buổi đã vắng.")
    if code is ProblemCode.STUDY_MAKEUP_NOT_AFTER:
        return _tr("Buổi học bù phải sau buổi học tập ngày {original}.").format(original=format_date(p["original"]))
    if code is ProblemCode.STUDY_NO_ATTENDANCE:
        return _tr("Danh sách dự học tập đang trống: hãy ghi các đảng viên của tổ chức đảng.")
    if code is ProblemCode.STUDY_MEMBER_OUTSIDE:
        return _tr("Một người trong danh sách (mã {member_id}) không phải đảng viên đang sinh hoạt tại tổ chức đảng này.").format(
            member_id=p["member_id"])
    if code is ProblemCode.STUDY_MEMBER_TWICE:
        return _tr("Một đảng viên (mã {member_id}) được ghi hai lần trong danh sách.").format(member_id=p["member_id"])
    return None


def library_label(value: enum.Enum) -> str:
    return library_labels()[value]


def kind_with_symbol(kind: DocumentKind) -> str:
    """'Nghị quyết (NQ)' for pickers; 'Khác' for documents outside the party list."""
    return f"{library_label(kind)} ({kind.symbol})" if kind.symbol else library_label(kind)


def library_labels() -> dict[enum.Enum, str]:
    return {
        DocumentKind.RESOLUTION: _tr("Nghị quyết"),
        DocumentKind.DECISION: _tr("Quyết định"),
        DocumentKind.DIRECTIVE: _tr("Chỉ thị"),
        DocumentKind.CONCLUSION: _tr("Kết luận"),
        DocumentKind.STATUTE: _tr("Quy chế"),
        DocumentKind.REGULATION: _tr("Quy định"),
        DocumentKind.CIRCULAR: _tr("Thông tri"),
        DocumentKind.GUIDANCE: _tr("Hướng dẫn"),
        DocumentKind.NOTICE: _tr("Thông báo"),
        DocumentKind.COMMUNIQUE: _tr("Thông cáo"),
        DocumentKind.DECLARATION: _tr("Tuyên bố"),
        DocumentKind.APPEAL: _tr("Lời kêu gọi"),
        DocumentKind.REPORT: _tr("Báo cáo"),
        DocumentKind.PLAN: _tr("Kế hoạch"),
        DocumentKind.MASTER_PLAN: _tr("Quy hoạch"),
        DocumentKind.PROGRAMME: _tr("Chương trình"),
        DocumentKind.SCHEME: _tr("Đề án"),
        DocumentKind.OPTION: _tr("Phương án"),
        DocumentKind.PROJECT: _tr("Dự án"),
        DocumentKind.SUBMISSION: _tr("Tờ trình"),
        DocumentKind.OFFICIAL_LETTER: _tr("Công văn"),
        DocumentKind.MINUTES: _tr("Biên bản"),
        DocumentKind.OTHER: _tr("Văn bản khác"),
        DocumentStatus.IN_FORCE: _tr("Còn hiệu lực"),
        DocumentStatus.AMENDED: _tr("Đã được sửa đổi, bổ sung"),
        DocumentStatus.REPLACED: _tr("Đã được thay thế"),
        DocumentStatus.EXPIRED: _tr("Hết hiệu lực"),
        Confidentiality.NONE: _tr("Thường"),
        Confidentiality.CONFIDENTIAL: _tr("Mật"),
        Confidentiality.SECRET: _tr("Tối mật"),
        Confidentiality.TOP_SECRET: _tr("Tuyệt mật"),
        StudyForm.IN_PERSON: _tr("Trực tiếp"),
        StudyForm.ONLINE: _tr("Trực tuyến"),
    }


def library_field_label(name: str) -> str:
    """Name of a document or study-session field, for messages shown away from the form."""
    return {
        "kind": _tr("Loại văn bản"), "number": _tr("Số và ký hiệu"), "issuer": _tr("Cơ quan ban hành"),
        "issue_date": _tr("Ngày ban hành"), "abstract": _tr("Trích yếu"), "status": _tr("Trạng thái"),
        "confidentiality": _tr("Độ mật"), "tags": _tr("Từ khóa"), "replaced_by_id": _tr("Văn bản thay thế"),
        "amended_by_id": _tr("Văn bản sửa đổi, bổ sung"), "file": _tr("Tệp đính kèm"),
        "session_date": _tr("Ngày học tập"), "presenter": _tr("Người quán triệt"), "attendance": _tr("Danh sách dự"),
        "makeup_of_id": _tr("Buổi học bù cho"), "form": _tr("Hình thức"),
    }.get(name, "")

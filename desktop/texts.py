"""Vietnamese wording of codes: rule problems, refusals, enum labels and field names.

Services and models speak in codes; the UI and the CLI show these texts. Every text is
written inside QCoreApplication.translate with a fixed context so a catalogue can be
extracted later (pyside6-lupdate). Only QtCore is imported: the CLI can use this too.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib

from PySide6.QtCore import QCoreApplication

from desktop.db.errors import DatabaseRefused, RefusalReason
from desktop.db.passphrase import MIN_PASSPHRASE_LENGTH, PassphraseReason, PassphraseRequest
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
from desktop.models.problems import Problem, ProblemCode

_tr = QCoreApplication.translate


def problem_message(problem: Problem) -> str:
    """The sentence shown next to the field that breaks the rule."""
    p = problem.params
    code = problem.code
    if code is ProblemCode.REQUIRED:
        return _tr("Validation", "Không được để trống.")
    if code is ProblemCode.NAME_LENGTH:
        return _tr("Validation", "Họ tên phải dài từ {min} đến {max} ký tự.").format(**p)
    if code is ProblemCode.NAME_CHARACTERS:
        return _tr("Validation", "Họ tên chỉ gồm chữ cái và dấu cách, không có chữ số hay ký hiệu.")
    if code is ProblemCode.DATE_IN_FUTURE:
        return _tr("Validation", "Ngày này chưa tới: không được ghi ngày trong tương lai.")
    if code is ProblemCode.DATE_BEFORE_PARTY_FOUNDED:
        return _tr("Validation", "Ngày này trước ngày thành lập Đảng ({founded}): hãy kiểm tra lại.").format(
            founded=format_date(p["founded"]))
    if code is ProblemCode.ADMISSION_AGE:
        return _tr("Validation", "Người vào Đảng phải đủ {years} tuổi (tính theo tháng) tại ngày kết nạp.").format(**p)
    if code is ProblemCode.ADMISSION_BEFORE_BIRTH:
        return _tr("Validation", "Ngày vào Đảng phải sau ngày sinh.")
    if code is ProblemCode.DECISION_AFTER_CEREMONY:
        return _tr("Validation", "Ngày quyết định kết nạp không được sau ngày lễ kết nạp (ngày vào Đảng).")
    if code is ProblemCode.OFFICIAL_BEFORE_PROBATION_END:
        return _tr(
            "Validation",
            "Ngày chính thức phải sau khi hết {months} tháng dự bị, tức là từ ngày {earliest} trở đi.",
        ).format(months=p["months"], earliest=format_date(p["earliest"]))
    if code is ProblemCode.CARD_WITHOUT_OFFICIAL:
        return _tr("Validation", "Chỉ đảng viên chính thức mới có thẻ đảng viên: hãy nhập ngày chính thức.")
    if code is ProblemCode.CARD_FORMAT:
        return _tr("Validation", "Số thẻ đảng viên không đúng định dạng (chữ số, có thể có dấu chấm, gạch ngang; 6–20 ký tự).")
    if code is ProblemCode.CARD_ISSUED_BEFORE_OFFICIAL:
        return _tr("Validation", "Ngày cấp thẻ không được trước ngày chính thức.")
    if code is ProblemCode.CARD_DUPLICATE:
        return _tr("Validation", "Số thẻ này đã được dùng cho đảng viên {holder}.").format(**p)
    if code is ProblemCode.NATIONAL_ID_FORMAT:
        return _tr("Validation", "Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.")
    if code is ProblemCode.NATIONAL_ID_BIRTH_MISMATCH:
        return _tr("Validation", "Số định danh cá nhân không khớp với giới tính hoặc năm sinh (chữ số thứ 4 đến 6).")
    if code is ProblemCode.NATIONAL_ID_DUPLICATE:
        return _tr("Validation", "Số định danh cá nhân này đã có ở đảng viên {holder}.").format(**p)
    if code is ProblemCode.DATABASE_CODE_DUPLICATE:
        return _tr("Validation", "Mã đảng viên này đã có ở đảng viên {holder}.").format(**p)
    if code is ProblemCode.YOUTH_UNION_BEFORE_BIRTH:
        return _tr("Validation", "Ngày vào Đoàn phải sau ngày sinh.")
    if code is ProblemCode.EMAIL_FORMAT:
        return _tr("Validation", "Địa chỉ email không hợp lệ.")
    if code is ProblemCode.PHONE_FORMAT:
        return _tr("Validation", "Số điện thoại chỉ gồm chữ số (8–20 ký tự, có thể bắt đầu bằng +).")
    if code is ProblemCode.GENERAL_EDUCATION_FORMAT:
        return _tr("Validation", "Giáo dục phổ thông ghi dạng lớp/hệ, ví dụ 12/12 hoặc 10/10.")
    if code is ProblemCode.UNKNOWN_ETHNICITY:
        return _tr("Validation", "Chọn dân tộc trong danh mục 54 dân tộc.")
    if code is ProblemCode.UNKNOWN_RELIGION:
        return _tr("Validation", "Chọn tôn giáo trong danh mục.")
    if code is ProblemCode.CELL_REQUIRED:
        return _tr("Validation", "Đảng viên phải sinh hoạt tại một chi bộ.")
    if code is ProblemCode.CELL_NOT_A_CELL:
        return _tr("Validation", "Chỉ chọn được chi bộ (chi bộ cơ sở hoặc chi bộ trực thuộc), không chọn đảng bộ.")
    if code is ProblemCode.CELL_NOT_ACTIVE:
        return _tr("Validation", "Chi bộ này đã giải thể hoặc sáp nhập, không nhận đảng viên.")
    return _organization_problem_message(problem)


def _kind_list(kinds: tuple[OrgKind, ...]) -> str:
    return ", ".join(label(kind).lower() for kind in kinds)


def _organization_problem_message(problem: Problem) -> str:
    p = problem.params
    code = problem.code
    if code is ProblemCode.TEXT_TOO_LONG:
        return _tr("Validation", "Dài quá: tối đa {max} ký tự.").format(**p)
    if code is ProblemCode.ORG_CODE_FORMAT:
        return _tr(
            "Validation",
            "Mã chỉ gồm chữ cái không dấu, chữ số và các dấu . - _ (không có dấu cách), tối đa {max} ký tự.",
        ).format(**p)
    if code is ProblemCode.ORG_CODE_DUPLICATE:
        return _tr("Validation", "Mã này đã được dùng cho {holder}.").format(**p)
    if code is ProblemCode.ORG_NAME_LENGTH:
        return _tr("Validation", "Tên tổ chức phải dài từ {min} đến {max} ký tự.").format(**p)
    if code is ProblemCode.ORG_KIND_NOT_ALLOWED:
        allowed = _kind_list(p["allowed"])
        if p["parent_kind"] is None:
            return _tr("Validation", "Tổ chức cấp cao nhất chỉ có thể là: {allowed}.").format(
                allowed=allowed
            )
        return _tr("Validation", "Trực thuộc {parent} chỉ có thể là: {allowed}.").format(
            parent=label(p["parent_kind"]).lower(), allowed=allowed
        )
    if code is ProblemCode.ORG_PARENT_IS_CELL:
        return _tr("Validation", "Chi bộ không có tổ chức đảng trực thuộc: hãy chọn một đảng bộ.")
    if code is ProblemCode.ORG_PARENT_NOT_ACTIVE:
        return _tr(
            "Validation",
            "Tổ chức này đã giải thể, sáp nhập hoặc chia tách, không lập thêm tổ chức trực thuộc.",
        )
    if code is ProblemCode.ORG_KIND_CHILDREN_MISMATCH:
        return _tr(
            "Validation", "Không đổi thành {kind} được: đang có tổ chức trực thuộc là {children}."
        ).format(kind=label(p["kind"]).lower(), children=_kind_list(p["child_kinds"]))
    if code is ProblemCode.ORG_CELL_WITH_CHILDREN:
        return _tr(
            "Validation",
            "Không đổi thành chi bộ được: đang có {count} tổ chức đảng trực thuộc (chi bộ không có tổ chức trực thuộc).",
        ).format(**p)
    if code is ProblemCode.ORG_KIND_HAS_MEMBERS:
        return _tr(
            "Validation",
            "Không đổi thành đảng bộ được: chi bộ đang có {count} đảng viên sinh hoạt "
            "(đảng viên chỉ sinh hoạt ở chi bộ).",
        ).format(**p)
    if code is ProblemCode.ORG_COUNTRY_REQUIRED:
        return _tr("Validation", "Tổ chức ở nước ngoài phải ghi tên nước.")
    if code is ProblemCode.ORG_ISSUER_CODE_FORMAT:
        return _tr(
            "Validation",
            "Ký hiệu chỉ gồm chữ cái và chữ số, không có dấu cách hay các dấu - / . (ví dụ ĐUK, CB).",
        )
    if code is ProblemCode.REPORT_MEMBER_REQUIRED:
        return _tr("Validation", "Chọn đảng viên cần in phiếu đảng viên.")
    if code is ProblemCode.REPORT_MEMBER_OUTSIDE_ORGANIZATION:
        return _tr(
            "Validation",
            "Đảng viên này không sinh hoạt trong tổ chức đảng đã chọn; hãy chọn tổ chức đảng "
            "quản lý đảng viên.",
        )
    return _account_problem_message(problem)


def _account_problem_message(problem: Problem) -> str:
    p = problem.params
    code = problem.code
    if code is ProblemCode.PASSWORD_TOO_SHORT:
        return _tr("Validation", "Mật khẩu phải dài ít nhất {min} ký tự.").format(**p)
    if code is ProblemCode.PASSWORD_IS_USERNAME:
        return _tr("Validation", "Mật khẩu không được trùng với tên đăng nhập.")
    if code is ProblemCode.PASSWORD_WRONG:
        return _tr("Validation", "Mật khẩu hiện tại không đúng.")
    if code is ProblemCode.USERNAME_FORMAT:
        return _tr(
            "Validation",
            "Tên đăng nhập chỉ gồm chữ cái, chữ số và các dấu . _ -, không có dấu cách, tối đa {max} ký tự.",
        ).format(**p)
    if code is ProblemCode.USERNAME_TAKEN:
        return _tr("Validation", "Tên đăng nhập này đã có người dùng.")
    if code is ProblemCode.LAST_ADMINISTRATOR:
        return _tr(
            "Validation",
            "Đây là quản trị viên duy nhất còn hoạt động: không thể khóa tài khoản hay đổi vai trò.",
        )
    if code is ProblemCode.NUMBER_OUT_OF_RANGE:
        return _tr("Validation", "Nhập một số từ {min} đến {max}.").format(**p)
    for module_name in _FAMILY_TEXTS:
        text = importlib.import_module(module_name).problem_text(problem)
        if text is not None:
            return text
    raise ValueError(code)


# The problem codes of each part of the app are worded in its own module, imported when needed.
_FAMILY_TEXTS = (
    "desktop.import_texts",
    "desktop.lifecycle_texts",
    "desktop.transfer_texts",
    "desktop.badge_fee_texts",
    "desktop.admission_texts",
    "desktop.discipline_texts",
    "desktop.meeting_texts",
    "desktop.evaluation_texts",
    "desktop.library_texts",
    "desktop.inspection_texts",
)


def concurrent_edit_message() -> str:
    return _tr(
        "Validation",
        "Hồ sơ này vừa được người khác sửa và lưu sau khi bạn mở. Thay đổi của bạn chưa được lưu. "
        "Hãy tải lại hồ sơ để xem bản mới nhất rồi sửa lại.",
    )


def permission_denied_message() -> str:
    """A PermissionDenied of the services: the role or the organisation scope does not allow it."""
    return _tr(
        "Access",
        "Tài khoản của bạn không có quyền làm việc này, hoặc bản ghi nằm ngoài phạm vi tổ chức "
        "được giao. Nếu cần, hãy nhờ quản trị viên cấp quyền.",
    )


def role_label(role: enum.Enum) -> str:
    """Vietnamese name of an account role (desktop.models.accounts.Role, by name: that module
    loads SQLAlchemy, which the first window must not wait for)."""
    return {
        "ADMIN": _tr("Labels", "Quản trị hệ thống"),
        "OFFICE_CLERK": _tr("Labels", "Văn phòng, ban tổ chức"),
        "INSPECTION": _tr("Labels", "Ủy ban kiểm tra"),
        "LEADER": _tr("Labels", "Lãnh đạo"),
    }[role.name]


def login_refusal_message(reason: enum.Enum | str, until: dt.datetime | None = None) -> str:
    """Why a sign-in was refused (desktop.services.auth.LoginRefusal or its name); a wrong
    user name and a wrong password get the same answer."""
    name = reason if isinstance(reason, str) else reason.name
    if name == "LOCKED":
        if until is None:
            return _tr("SignIn", "Tài khoản đang tạm bị khóa vì nhập sai mật khẩu nhiều lần.")
        return _tr(
            "SignIn",
            "Tài khoản tạm bị khóa vì nhập sai mật khẩu nhiều lần, đến {time}. Hãy thử lại sau "
            "thời điểm đó, hoặc nhờ quản trị viên mở khóa.",
        ).format(time=until.strftime("%H:%M %d/%m/%Y"))
    if name == "DISABLED":
        return _tr("SignIn", "Tài khoản này đã bị ngừng sử dụng. Hãy liên hệ quản trị viên.")
    return _tr("SignIn", "Tên đăng nhập hoặc mật khẩu không đúng.")


def refusal_message(refused: DatabaseRefused) -> str:
    where = refused.location
    reason = refused.reason
    if reason is RefusalReason.NOT_A_DATABASE:
        text = _tr("Database", "Tệp {where} không phải là cơ sở dữ liệu. Tệp được giữ nguyên, không bị thay đổi.")
    elif reason is RefusalReason.CORRUPT:
        text = _tr(
            "Database",
            "Cơ sở dữ liệu {where} bị hỏng nên không mở được. Tệp được giữ nguyên; hãy khôi phục từ bản sao lưu.",
        )
    elif reason is RefusalReason.FOREIGN:
        text = _tr(
            "Database",
            "Tệp {where} là cơ sở dữ liệu của một phần mềm khác, không phải của Văn phòng Đảng ủy. "
            "Tệp được giữ nguyên, không bị thay đổi.",
        )
    elif reason is RefusalReason.NEWER_SCHEMA:
        text = _tr(
            "Database",
            "Cơ sở dữ liệu {where} được tạo bởi phiên bản mới hơn của phần mềm. "
            "Hãy cài phiên bản mới nhất để mở; tệp được giữ nguyên.",
        )
    elif reason is RefusalReason.KEYSTORE_UNAVAILABLE:
        text = _tr(
            "Database",
            "Kho lưu khóa của hệ điều hành hiện không dùng được (chưa có, đang khóa hoặc từ chối truy cập) "
            "và chưa có mật khẩu cơ sở dữ liệu nào được nhập, nên không mở được cơ sở dữ liệu {where}. "
            "Đây không phải do sai mật khẩu. Tệp được giữ nguyên, không bị thay đổi.",
        )
    elif reason is RefusalReason.KEY_MISSING:
        text = _tr(
            "Database",
            "Máy này không có khóa để mở tệp {where}: tệp có thể là cơ sở dữ liệu đã mã hóa trên máy khác "
            "hoặc được bảo vệ bằng mật khẩu cơ sở dữ liệu, hoặc không phải là cơ sở dữ liệu. "
            "Tệp được giữ nguyên, không bị thay đổi.",
        )
    elif reason is RefusalReason.WRONG_PASSPHRASE:
        text = _tr(
            "Database",
            "Mật khẩu cơ sở dữ liệu không đúng nên không mở được {where}. Tệp được giữ nguyên, không bị thay đổi.",
        )
    elif reason is RefusalReason.IN_USE:
        text = _tr(
            "Database",
            "Cơ sở dữ liệu {where} đang được mở trong một chương trình khác nên chưa mã hóa hay đổi khóa được. "
            "Hãy đóng chương trình đó rồi thử lại. Tệp được giữ nguyên.",
        )
    else:
        text = _tr("Database", "Không mở được cơ sở dữ liệu {where}. Hãy kiểm tra đường dẫn và quyền truy cập.")
    return text.format(where=where)


def passphrase_request_message(request: PassphraseRequest) -> str:
    """Why a database passphrase is asked for (the credential store is never called a wrong passphrase)."""
    where = request.location
    reason = request.reason
    if reason is PassphraseReason.TOO_SHORT:
        text = _tr("Database", "Mật khẩu cơ sở dữ liệu phải dài ít nhất {min} ký tự.")
    elif reason is PassphraseReason.WRONG_PASSPHRASE:
        text = _tr("Database", "Mật khẩu cơ sở dữ liệu không đúng. Hãy nhập lại.")
    elif request.new:
        text = _tr(
            "Database",
            "Kho lưu khóa của hệ điều hành hiện không dùng được (chưa có, đang khóa hoặc từ chối truy cập), "
            "nên không cất được khóa mã hóa của cơ sở dữ liệu {where}. Hãy đặt một mật khẩu cơ sở dữ liệu "
            "(ít nhất {min} ký tự): dữ liệu được mã hóa bằng mật khẩu này và phải nhập lại mỗi lần mở. "
            "Quên mật khẩu là mất dữ liệu.",
        )
    elif reason is PassphraseReason.KEYSTORE_UNAVAILABLE:
        text = _tr(
            "Database",
            "Kho lưu khóa của hệ điều hành hiện không dùng được (chưa có, đang khóa hoặc từ chối truy cập), "
            "nên không lấy được khóa của cơ sở dữ liệu {where}. Nếu cơ sở dữ liệu có mật khẩu, hãy nhập "
            "mật khẩu đó; nếu không, hãy mở khóa kho lưu khóa rồi mở lại.",
        )
    else:
        text = _tr(
            "Database",
            "Máy này không có khóa của cơ sở dữ liệu {where} (tệp được mã hóa trên máy khác, được bảo vệ "
            "bằng mật khẩu, hoặc khóa đã bị xóa). Nếu cơ sở dữ liệu có mật khẩu, hãy nhập mật khẩu đó.",
        )
    return text.format(where=where, min=MIN_PASSPHRASE_LENGTH)


def label(value: enum.Enum) -> str:
    """Vietnamese name of a code-list value."""
    texts = _LABELS.get(type(value))
    if texts is None:
        family = _FAMILY_LABELS.get(type(value).__module__)
        if family is None:
            raise KeyError(value)
        module_name, function = family.split(":")
        return getattr(importlib.import_module(module_name), function)()[value]
    return texts()[value]


def _org_kinds() -> dict[enum.Enum, str]:
    return {
        OrgKind.SUPERIOR_COMMITTEE: _tr("Labels", "Đảng bộ cấp trên cơ sở"),
        OrgKind.GRASSROOTS_COMMITTEE: _tr("Labels", "Đảng bộ cơ sở"),
        OrgKind.SECTION_COMMITTEE: _tr("Labels", "Đảng bộ bộ phận"),
        OrgKind.GRASSROOTS_CELL: _tr("Labels", "Chi bộ cơ sở"),
        OrgKind.SUBORDINATE_CELL: _tr("Labels", "Chi bộ trực thuộc"),
    }


def _statuses() -> dict[enum.Enum, str]:
    return {
        MemberStatus.PROBATIONARY: _tr("Labels", "Dự bị"),
        MemberStatus.FULL: _tr("Labels", "Chính thức"),
        MemberStatus.REMOVED: _tr("Labels", "Đã xóa tên"),
        MemberStatus.EXPELLED: _tr("Labels", "Đã khai trừ"),
        MemberStatus.LEFT: _tr("Labels", "Đã ra khỏi Đảng"),
        MemberStatus.DECEASED: _tr("Labels", "Đã từ trần"),
        MemberStatus.TRANSFERRED_OUT: _tr("Labels", "Đã chuyển đi"),
    }


def _genders() -> dict[enum.Enum, str]:
    return {Gender.MALE: _tr("Labels", "Nam"), Gender.FEMALE: _tr("Labels", "Nữ")}


def _degrees() -> dict[enum.Enum, str]:
    return {
        ProfessionalDegree.NONE: _tr("Labels", "Chưa qua đào tạo"),
        ProfessionalDegree.ELEMENTARY: _tr("Labels", "Sơ cấp"),
        ProfessionalDegree.VOCATIONAL: _tr("Labels", "Trung cấp"),
        ProfessionalDegree.COLLEGE: _tr("Labels", "Cao đẳng"),
        ProfessionalDegree.BACHELOR: _tr("Labels", "Đại học"),
        ProfessionalDegree.MASTER: _tr("Labels", "Thạc sĩ"),
        ProfessionalDegree.DOCTOR: _tr("Labels", "Tiến sĩ"),
    }


def _titles() -> dict[enum.Enum, str]:
    return {
        AcademicTitle.NONE: _tr("Labels", "Không"),
        AcademicTitle.ASSOCIATE_PROFESSOR: _tr("Labels", "Phó Giáo sư"),
        AcademicTitle.PROFESSOR: _tr("Labels", "Giáo sư"),
    }


def _theory() -> dict[enum.Enum, str]:
    return {
        PoliticalTheory.NONE: _tr("Labels", "Chưa học"),
        PoliticalTheory.ELEMENTARY: _tr("Labels", "Sơ cấp"),
        PoliticalTheory.INTERMEDIATE: _tr("Labels", "Trung cấp"),
        PoliticalTheory.ADVANCED: _tr("Labels", "Cao cấp"),
        PoliticalTheory.BACHELOR: _tr("Labels", "Cử nhân"),
    }


def _roles() -> dict[enum.Enum, str]:
    return {
        CommitteeRole.SECRETARY: _tr("Labels", "Bí thư"),
        CommitteeRole.DEPUTY_SECRETARY: _tr("Labels", "Phó Bí thư"),
        CommitteeRole.STANDING_MEMBER: _tr("Labels", "Ủy viên Ban Thường vụ"),
        CommitteeRole.MEMBER: _tr("Labels", "Cấp ủy viên"),
        CommitteeRole.IC_CHAIR: _tr("Labels", "Chủ nhiệm Ủy ban Kiểm tra"),
        CommitteeRole.IC_VICE_CHAIR: _tr("Labels", "Phó Chủ nhiệm Ủy ban Kiểm tra"),
        CommitteeRole.IC_MEMBER: _tr("Labels", "Ủy viên Ủy ban Kiểm tra"),
        CommitteeRole.CELL_INSPECTOR: _tr("Labels", "Ủy viên kiểm tra chi bộ"),
    }


def _events() -> dict[enum.Enum, str]:
    return {
        MemberEventKind.ADMITTED: _tr("Labels", "Kết nạp vào Đảng"),
        MemberEventKind.RECOGNISED_FULL: _tr("Labels", "Công nhận đảng viên chính thức"),
        MemberEventKind.TRANSFER_OFFICIAL_OUT: _tr("Labels", "Chuyển sinh hoạt chính thức đi"),
        MemberEventKind.TRANSFER_OFFICIAL_IN: _tr("Labels", "Chuyển sinh hoạt chính thức đến"),
        MemberEventKind.TRANSFER_TEMPORARY_OUT: _tr("Labels", "Chuyển sinh hoạt tạm thời đi"),
        MemberEventKind.TRANSFER_TEMPORARY_IN: _tr("Labels", "Đến sinh hoạt tạm thời"),
        MemberEventKind.TRANSFER_INTERNAL: _tr("Labels", "Chuyển chi bộ trong đảng bộ"),
        MemberEventKind.EXEMPTED: _tr("Labels", "Miễn công tác và sinh hoạt đảng"),
        MemberEventKind.EXEMPTION_ENDED: _tr("Labels", "Trở lại sinh hoạt đảng"),
        MemberEventKind.REMOVED: _tr("Labels", "Xóa tên"),
        MemberEventKind.LEFT_ON_REQUEST: _tr("Labels", "Xin ra khỏi Đảng"),
        MemberEventKind.EXPELLED: _tr("Labels", "Khai trừ"),
        MemberEventKind.DECEASED: _tr("Labels", "Từ trần"),
        MemberEventKind.NAME_CHANGED: _tr("Labels", "Thay đổi họ tên"),
        MemberEventKind.DOB_CORRECTED: _tr("Labels", "Điều chỉnh ngày sinh"),
        MemberEventKind.CARD_ISSUED: _tr("Labels", "Phát thẻ đảng viên"),
        MemberEventKind.CARD_REPLACED: _tr("Labels", "Đổi thẻ đảng viên"),
        MemberEventKind.BADGE_AWARDED: _tr("Labels", "Tặng Huy hiệu Đảng"),
        MemberEventKind.REINSTATED: _tr("Labels", "Phục hồi"),
        MemberEventKind.REPRIMANDED: _tr("Labels", "Kỷ luật khiển trách"),
        MemberEventKind.WARNED: _tr("Labels", "Kỷ luật cảnh cáo"),
        MemberEventKind.DISMISSED_FROM_POST: _tr("Labels", "Kỷ luật cách chức"),
    }


_LABELS = {
    OrgKind: _org_kinds,
    MemberStatus: _statuses,
    Gender: _genders,
    ProfessionalDegree: _degrees,
    AcademicTitle: _titles,
    PoliticalTheory: _theory,
    CommitteeRole: _roles,
    MemberEventKind: _events,
}
# Code lists of a part, worded in its own module (imported when needed, as the problem texts):
# the enum's module → "texts module:function returning {value: label}".
_FAMILY_LABELS = {
    "desktop.models.transfers": "desktop.transfer_texts:transfer_labels",
    "desktop.models.discipline": "desktop.discipline_texts:discipline_labels",
    "desktop.models.meetings": "desktop.meeting_texts:meeting_labels",
    "desktop.models.evaluations": "desktop.evaluation_texts:evaluation_labels",
    "desktop.models.library": "desktop.library_texts:library_labels",
    "desktop.models.inspection": "desktop.inspection_texts:inspection_labels",
    "desktop.models.letters": "desktop.inspection_texts:inspection_labels",
}


def field_label(name: str) -> str:
    """Name of a member field as the profile (lý lịch, phiếu đảng viên) calls it."""
    return _field_labels()[name]


def organization_field_label(name: str) -> str:
    """Name of an organisation field (§1.4)."""
    return {
        "parent_id": _tr("Fields", "Trực thuộc"),
        "code": _tr("Fields", "Mã tổ chức"),
        "name": _tr("Fields", "Tên đầy đủ"),
        "short_name": _tr("Fields", "Tên viết tắt"),
        "kind": _tr("Fields", "Loại tổ chức"),
        "established_date": _tr("Fields", "Ngày thành lập"),
        "established_decision_ref": _tr("Fields", "Quyết định thành lập"),
        "is_overseas": _tr("Fields", "Ở nước ngoài"),
        "country": _tr("Fields", "Nước"),
        "address": _tr("Fields", "Địa chỉ"),
        "phone": _tr("Fields", "Điện thoại"),
        "email": _tr("Fields", "Email"),
        "area_type": _tr("Fields", "Loại hình đơn vị"),
        "issuer_name": _tr("Fields", "Tên cơ quan ban hành"),
        "issuer_code": _tr("Fields", "Ký hiệu cơ quan ban hành"),
        "superior_name": _tr("Fields", "Tên cấp trên trực tiếp"),
        "place_name": _tr("Fields", "Địa danh"),
    }[name]


def _field_labels() -> dict[str, str]:
    return {
        "full_name": _tr("Fields", "Họ và tên đang dùng"),
        "birth_name": _tr("Fields", "Họ và tên khai sinh"),
        "alias": _tr("Fields", "Bí danh"),
        "gender": _tr("Fields", "Giới tính"),
        "date_of_birth": _tr("Fields", "Ngày sinh"),
        "birth_place": _tr("Fields", "Nơi sinh"),
        "home_town": _tr("Fields", "Quê quán"),
        "permanent_address": _tr("Fields", "Nơi thường trú"),
        "current_address": _tr("Fields", "Nơi ở hiện nay"),
        "national_id": _tr("Fields", "Số định danh cá nhân (CCCD)"),
        "phone": _tr("Fields", "Điện thoại"),
        "email": _tr("Fields", "Email"),
        "ethnicity": _tr("Fields", "Dân tộc"),
        "religion": _tr("Fields", "Tôn giáo"),
        "occupation": _tr("Fields", "Nghề nghiệp hiện nay"),
        "general_education": _tr("Fields", "Giáo dục phổ thông"),
        "professional_degree": _tr("Fields", "Chuyên môn nghiệp vụ"),
        "professional_field": _tr("Fields", "Chuyên ngành"),
        "academic_title": _tr("Fields", "Học hàm"),
        "political_theory": _tr("Fields", "Lý luận chính trị"),
        "foreign_languages": _tr("Fields", "Ngoại ngữ"),
        "it_level": _tr("Fields", "Tin học"),
        "youth_union_join_date": _tr("Fields", "Ngày vào Đoàn"),
        "work_unit": _tr("Fields", "Đơn vị công tác"),
        "position_gov": _tr("Fields", "Chức vụ chính quyền, đoàn thể"),
        "works_in_political_system": _tr("Fields", "Làm việc trong hệ thống chính trị"),
        "admission_decision_date": _tr("Fields", "Ngày quyết định kết nạp"),
        "admission_date": _tr("Fields", "Ngày vào Đảng"),
        "admission_place": _tr("Fields", "Nơi kết nạp"),
        "official_date": _tr("Fields", "Ngày chính thức"),
        "official_place": _tr("Fields", "Nơi công nhận chính thức"),
        "party_card_number": _tr("Fields", "Số thẻ đảng viên"),
        "party_card_issue_date": _tr("Fields", "Ngày cấp thẻ"),
        "database_code": _tr("Fields", "Mã đảng viên (CSDL)"),
        "cell_id": _tr("Fields", "Chi bộ đang sinh hoạt"),
        "notes": _tr("Fields", "Ghi chú"),
    }

"""Vietnamese wording of backups and restores: refusals, kinds of backup, sizes, outcomes.

Kept apart from desktop.texts (imported before the first paint); used by the backups window
and the `party-office backup|restore` commands only.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale

from desktop.services.backups import (
    BackupCheck,
    BackupKind,
    BackupProblem,
    BackupRefused,
)

_CONTEXT = "Backups"
# Explicit, not QLocale(): the command line never sets the application's default locale.
_LOCALE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def size_text(size: int) -> str:
    """1 536 → "1,5 KB"; sizes in the decimal units Windows Explorer's neighbours use."""
    for unit, factor in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= factor:
            return f"{_LOCALE.toString(size / factor, 'f', 1)} {unit}"
    return _tr("{size} byte").format(size=size)


def moment_text(at: dt.datetime) -> str:
    return at.strftime("%H:%M %d/%m/%Y")


def kind_label(kind: BackupKind) -> str:
    return {
        BackupKind.AUTOMATIC: _tr("Tự động hằng ngày"),
        BackupKind.BEFORE_UPGRADE: _tr("Trước khi nâng cấp phiên bản"),
        BackupKind.BEFORE_RESTORE: _tr("Trước khi phục hồi"),
    }[kind]


def check_summary(check: BackupCheck) -> str:
    """What a backup holds, before the user confirms a restore."""
    text = _tr(
        "Bản sao lưu {name}, lập lúc {moment} ({size}), có {organizations} tổ chức đảng và "
        "{members} đảng viên."
    ).format(
        name=check.path.name, moment=moment_text(check.taken_at), size=size_text(check.size),
        organizations=_LOCALE.toString(check.organizations), members=_LOCALE.toString(check.members),
    )
    if check.needs_upgrade:
        text += " " + _tr("Bản này do phiên bản trước của phần mềm lập: khi phục hồi sẽ được nâng cấp.")
    return text


def refusal_text(refused: BackupRefused) -> str:
    """Why a backup or a restore did not happen; the database itself is always untouched."""
    where = refused.location
    problem = refused.problem
    untouched = _tr("Cơ sở dữ liệu đang dùng được giữ nguyên.")
    if problem is BackupProblem.SERVER_DATABASE:
        return _tr(
            "Cơ sở dữ liệu trên máy chủ (PostgreSQL) được sao lưu bằng công cụ của máy chủ "
            "(pg_dump), do người quản trị máy chủ thực hiện; phần mềm chỉ sao lưu cơ sở dữ liệu "
            "dạng tệp trên máy này."
        )
    if problem is BackupProblem.PASSPHRASE_TOO_SHORT:
        return _tr("Mật khẩu bản sao lưu phải dài ít nhất {min} ký tự.").format(
            min=refused.params.get("min", 12))
    if problem is BackupProblem.PASSPHRASE_NEEDED:
        text = _tr("Bản sao lưu {where} được bảo vệ bằng mật khẩu: hãy nhập mật khẩu đã đặt khi sao lưu.")
    elif problem is BackupProblem.WRONG_PASSPHRASE:
        text = _tr(
            "Mật khẩu không mở được tệp {where}: mật khẩu không đúng, hoặc tệp không phải là bản "
            "sao lưu của phần mềm."
        )
    elif problem is BackupProblem.NOT_A_BACKUP:
        text = _tr("Tệp {where} không có, rỗng, hoặc không phải là bản sao lưu cơ sở dữ liệu.")
    elif problem is BackupProblem.CORRUPT:
        text = _tr(
            "Bản sao lưu {where} bị hỏng (dữ liệu trong tệp không còn nguyên vẹn) nên không phục "
            "hồi được. Hãy chọn một bản sao lưu khác."
        )
    elif problem is BackupProblem.FOREIGN:
        text = _tr("Tệp {where} là cơ sở dữ liệu của một phần mềm khác, không phải bản sao lưu của Văn phòng Đảng ủy.")
    elif problem is BackupProblem.NEWER_SCHEMA:
        text = _tr(
            "Bản sao lưu {where} do phiên bản mới hơn của phần mềm lập. Hãy cài phiên bản mới "
            "nhất rồi phục hồi."
        )
    elif problem is BackupProblem.SAME_FILE:
        text = _tr("Không thể dùng chính tệp cơ sở dữ liệu đang mở ({where}) làm bản sao lưu.")
    elif problem is BackupProblem.IN_USE:
        text = _tr(
            "Cơ sở dữ liệu {where} đang được mở trong một chương trình khác (hoặc trên máy khác "
            "qua mạng). Hãy đóng chương trình đó rồi phục hồi lại."
        )
    elif problem is BackupProblem.UNREADABLE:
        text = _tr("Không đọc được tệp {where}.")
    elif problem is BackupProblem.UNWRITABLE:
        text = _tr("Không ghi được vào {where}: thư mục không có, đầy hoặc không có quyền ghi.")
        if refused.detail:
            text += " " + _tr("Chi tiết: {detail}.").format(detail=refused.detail)
    else:  # COPY_FAILED
        text = _tr(
            "Bản sao vừa lập không khớp với dữ liệu gốc khi kiểm tra lại nên đã bị xóa; không có "
            "gì bị thay thế. Hãy thử lại."
        )
    return text.format(where=where) + " " + untouched

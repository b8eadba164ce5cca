"""`party-office backup|restore`: copies of the embedded database (administrators).

    party-office backup --out FILE [--db PATH] --user NAME
        An online copy (the app may be running), encrypted with a backup passphrase taken from
        PARTY_OFFICE_BACKUP_PASSPHRASE or a prompt asked twice; checked before it is reported.
    party-office restore FILE [--db PATH] [--yes] --user NAME
        Checks the backup (its passphrase, if the database's own key does not open it, from the
        same variable or a prompt), then replaces the database, keeping the current file aside
        in backups/. The app must be closed. On a terminal it asks for confirmation unless --yes.

Exit codes: 0 done, 2 refused (nothing written, the database untouched).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_accounts import add_user_argument

if TYPE_CHECKING:
    from desktop.db.database import Database

BACKUP_PASSPHRASE_VARIABLE = "PARTY_OFFICE_BACKUP_PASSPHRASE"


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def add_backup_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = commands.add_parser(
        "backup", help="write an encrypted, passphrase-protected copy of the database (online)"
    )
    backup.add_argument("--out", required=True, help="backup file to write")
    backup.add_argument("--db", dest="command_db", help="database file")
    add_user_argument(backup)
    restore = commands.add_parser(
        "restore", help="replace the database by a backup, keeping the current file aside (app closed)"
    )
    restore.add_argument("file", help="backup file")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.add_argument("--db", dest="command_db", help="database file")
    add_user_argument(restore)


def _new_passphrase() -> str | None:
    from desktop.db.passphrase import MIN_PASSPHRASE_LENGTH

    given = os.environ.get(BACKUP_PASSPHRASE_VARIABLE)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        _say(_tr("Chưa có mật khẩu cho bản sao lưu: hãy đặt biến môi trường {name} hoặc chạy lệnh "
                 "trong cửa sổ dòng lệnh.").format(name=BACKUP_PASSPHRASE_VARIABLE))
        return None
    _say(_tr("Đặt mật khẩu cho bản sao lưu (ít nhất {min} ký tự). Cần mật khẩu này để phục hồi; "
             "quên mật khẩu là không dùng được bản sao lưu.").format(min=MIN_PASSPHRASE_LENGTH))
    first = getpass.getpass(_tr("Mật khẩu bản sao lưu: "))
    if getpass.getpass(_tr("Nhập lại mật khẩu bản sao lưu: ")) != first:
        _say(_tr("Hai lần nhập mật khẩu không khớp nhau; chưa sao lưu."))
        return None
    return first


def _existing_passphrase() -> str | None:
    given = os.environ.get(BACKUP_PASSPHRASE_VARIABLE)
    if given is not None or not sys.stdin.isatty():
        return given
    return getpass.getpass(_tr("Mật khẩu bản sao lưu: ")) or None


def run_backup_command(database: Database, args: argparse.Namespace) -> int:
    from desktop.backup_texts import refusal_text
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.services import backups
    from desktop.services.access import PermissionDenied

    if not sign_in(database, args.user):
        return 2
    try:
        if args.command == "backup":
            return _backup(database, Path(args.out))
        return _restore(database, Path(args.file), args.yes)
    except PermissionDenied:
        return say_permission_denied(database)
    except backups.BackupRefused as refused:
        _say(refusal_text(refused))
        return 2


def _backup(database: Database, target: Path) -> int:
    from desktop.backup_texts import size_text
    from desktop.services import backups

    backups.require_backup_manager(database)  # refusals before the passphrase is asked
    passphrase = _new_passphrase()
    if passphrase is None:
        return 2
    outcome = backups.write_backup(database, target, passphrase)
    print(_tr("Đã sao lưu vào {path}: {members} đảng viên, {organizations} tổ chức đảng, {size}, "
              "trong {seconds:.1f} giây. Bản sao lưu đã được kiểm tra.").format(
        path=outcome.path, members=outcome.members, organizations=outcome.organizations,
        size=size_text(outcome.size), seconds=outcome.seconds))
    return 0


def _restore(database: Database, source: Path, confirmed: bool) -> int:
    from desktop.backup_texts import check_summary
    from desktop.services import backups

    passphrase = None
    try:
        check = backups.check_backup(database, source)
    except backups.BackupRefused as refused:
        if refused.problem is not backups.BackupProblem.PASSPHRASE_NEEDED:
            raise
        passphrase = _existing_passphrase()
        if passphrase is None:
            raise
        check = backups.check_backup(database, source, passphrase)
    print(check_summary(check))
    if not confirmed and sys.stdin.isatty():
        answer = input(_tr("Thay cơ sở dữ liệu hiện tại bằng bản sao lưu này? Bản hiện tại sẽ được "
                           "giữ lại trong thư mục backups. Gõ “có” để đồng ý: "))
        if answer.strip().lower() not in ("có", "co", "c", "yes", "y"):
            _say(_tr("Đã hủy: cơ sở dữ liệu được giữ nguyên."))
            return 2
    outcome = backups.restore_backup(database, source, passphrase)
    print(_tr("Đã phục hồi cơ sở dữ liệu từ {name} trong {seconds:.1f} giây. Bản trước khi phục hồi "
              "được giữ tại {aside}. Hãy đăng nhập lại.").format(
        name=source.name, seconds=outcome.seconds, aside=outcome.kept_aside))
    return 0

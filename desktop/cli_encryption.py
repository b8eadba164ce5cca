"""The database passphrase on the command line, and `party-office rekey`.

The key of an encrypted database normally comes from the credential store and nothing is
asked. Where the store does not work (or has no key for the file), the passphrase comes from the
environment variable PARTY_OFFICE_DB_PASSPHRASE or a prompt without echo; `rekey --passphrase`
takes the new one from PARTY_OFFICE_NEW_DB_PASSPHRASE or a prompt asked twice. A passphrase is
never an argument: it would stay in the shell history and the process list.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.db.passphrase import PassphraseRequest, PassphraseSource

PASSPHRASE_VARIABLE = "PARTY_OFFICE_DB_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "PARTY_OFFICE_NEW_DB_PASSPHRASE"
_PROMPT_ATTEMPTS = 3


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def passphrase_source() -> PassphraseSource:
    """Answers the database layer's passphrase questions from the environment or a prompt."""
    asked = 0

    def ask(request: PassphraseRequest) -> str | None:
        nonlocal asked
        from desktop.db.passphrase import PassphraseReason
        from desktop.texts import passphrase_request_message

        asked += 1
        given = os.environ.get(PASSPHRASE_VARIABLE)
        if given:
            # One answer only: asked again, it was wrong (or too short to be a new passphrase).
            if request.reason in (PassphraseReason.WRONG_PASSPHRASE, PassphraseReason.TOO_SHORT):
                _say(passphrase_request_message(request))
                return None
            return given
        if not sys.stdin.isatty() or asked > _PROMPT_ATTEMPTS:
            return None
        _say(passphrase_request_message(request))
        return _prompt(request.new)

    return ask


def _prompt(new: bool) -> str | None:
    first = getpass.getpass(_tr("Mật khẩu cơ sở dữ liệu: "))
    if not first:
        return None
    if new and getpass.getpass(_tr("Nhập lại mật khẩu cơ sở dữ liệu: ")) != first:
        _say(_tr("Hai lần nhập mật khẩu không khớp nhau."))
        return None
    return first


def add_rekey_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    rekey = commands.add_parser(
        "rekey", help="change the encryption key of the database file (close the app first)"
    )
    rekey.add_argument(
        "--passphrase", action="store_true",
        help="protect it with a new passphrase ($PARTY_OFFICE_NEW_DB_PASSPHRASE or a prompt) "
        "instead of a new random key kept in the credential store",
    )
    rekey.add_argument("--db", dest="command_db", help="database file")


def _new_passphrase() -> str | None:
    from desktop.db.passphrase import MIN_PASSPHRASE_LENGTH, passphrase_problem

    given = os.environ.get(NEW_PASSPHRASE_VARIABLE)
    if given is None and sys.stdin.isatty():
        _say(_tr("Đặt mật khẩu cơ sở dữ liệu mới (ít nhất {min} ký tự).").format(min=MIN_PASSPHRASE_LENGTH))
        given = _prompt(new=True)
    if given is None:
        _say(_tr("Chưa có mật khẩu mới: hãy đặt biến môi trường {name} hoặc chạy lệnh trong cửa sổ dòng lệnh.")
             .format(name=NEW_PASSPHRASE_VARIABLE))
        return None
    if passphrase_problem(given) is not None:
        _say(_tr("Mật khẩu cơ sở dữ liệu phải dài ít nhất {min} ký tự.").format(min=MIN_PASSPHRASE_LENGTH))
        return None
    return given


def run_rekey(target: str | None, args: argparse.Namespace) -> int:
    """Re-encrypt the database file with a new key; 0 when done, 2 when refused (file unchanged)."""
    from pathlib import Path

    from desktop.db.database import is_url
    from desktop.db.encryption import rekey
    from desktop.db.errors import DatabaseRefused, RefusalReason
    from desktop.paths import default_database_path
    from desktop.texts import refusal_message

    if target is not None and is_url(target):
        _say(_tr("Chỉ cơ sở dữ liệu dạng tệp mới được phần mềm mã hóa; cơ sở dữ liệu trên máy chủ "
                 "do máy chủ bảo vệ."))
        return 2
    path = Path(target) if target else default_database_path()
    new_passphrase = _new_passphrase() if args.passphrase else None
    if args.passphrase and new_passphrase is None:
        return 2
    try:
        rekey(path, passphrase_source(), new_passphrase)
    except DatabaseRefused as refused:
        _say(refusal_message(refused))
        if refused.reason is RefusalReason.KEYSTORE_UNAVAILABLE and not args.passphrase:
            _say(_tr("Không cất được khóa mới vào kho lưu khóa: có thể dùng “party-office rekey "
                     "--passphrase” để bảo vệ cơ sở dữ liệu bằng mật khẩu mới."))
        return 2
    if new_passphrase is not None:
        print(_tr("Đã đổi khóa mã hóa của {path}: từ nay mở bằng mật khẩu cơ sở dữ liệu mới.")
              .format(path=path))
    else:
        print(_tr("Đã đổi khóa mã hóa của {path}: khóa mới được cất trong kho lưu khóa của hệ điều hành.")
              .format(path=path))
    return 0

"""Signing in on the command line, and the `party-office user` commands.

The password is never an argument (it would stay in the shell history and the process list):
it comes from the environment variable PARTY_OFFICE_PASSWORD or a prompt without echo. A new
account's password comes from PARTY_OFFICE_NEW_PASSWORD or a prompt asked twice.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.db.database import Database

PASSWORD_VARIABLE = "PARTY_OFFICE_PASSWORD"
NEW_PASSWORD_VARIABLE = "PARTY_OFFICE_NEW_PASSWORD"
# Command-line names of the roles (desktop.models.accounts.Role values).
ROLE_NAMES = {"admin": "ADMIN", "clerk": "OFFICE_CLERK", "inspection": "INSPECTION", "leader": "LEADER"}


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def add_user_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", help="user name to sign in with (password: $PARTY_OFFICE_PASSWORD or a prompt)")


def add_user_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    user = commands.add_parser("user", help="manage user accounts")
    actions = user.add_subparsers(dest="user_command", required=True)
    first = actions.add_parser("create-admin", help="create the first administrator of a database")
    first.add_argument("name")
    first.add_argument("--full-name", dest="full_name", required=True)
    first.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add = actions.add_parser("add", help="add a user account (administrators only)")
    add.add_argument("name")
    add.add_argument("--role", choices=tuple(ROLE_NAMES), required=True)
    add.add_argument("--org", help="code of the organisation the account is limited to")
    add.add_argument("--full-name", dest="full_name", required=True)
    add.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(add)


def _password(username: str) -> str:
    value = os.environ.get(PASSWORD_VARIABLE)
    if value is not None:
        return value
    return getpass.getpass(_tr("Mật khẩu của {user}: ").format(user=username))


def _new_password(username: str) -> str | None:
    value = os.environ.get(NEW_PASSWORD_VARIABLE)
    if value is not None:
        return value
    first = getpass.getpass(_tr("Mật khẩu mới cho {user}: ").format(user=username))
    second = getpass.getpass(_tr("Nhập lại mật khẩu mới: "))
    if first != second:
        _say(_tr("Hai lần nhập mật khẩu không khớp nhau; chưa tạo tài khoản."))
        return None
    return first


def sign_in(database: Database, username: str | None, *, bootstrap: bool = False) -> bool:
    """Sign `username` in on `database`; False (and a message) when that cannot be done.

    `bootstrap`: the command may run on a database without accounts, with nobody signed in.
    """
    from desktop.services.auth import LoginRefusal, LoginRefused, authenticate, has_accounts

    if not has_accounts(database):
        if bootstrap:
            return True
        _say(_tr("Cơ sở dữ liệu chưa có tài khoản nào. Hãy tạo tài khoản quản trị trước: "
                 "party-office user create-admin TÊN --full-name \"Họ và tên\"."))
        return False
    if not username:
        _say(_tr("Hãy cho biết tên đăng nhập: --user TÊN (mật khẩu lấy từ biến môi trường "
                 "PARTY_OFFICE_PASSWORD hoặc được hỏi khi chạy)."))
        return False
    try:
        database.actor = authenticate(database, username, _password(username))
    except LoginRefused as refused:
        if refused.reason is LoginRefusal.LOCKED and refused.until is not None:
            _say(_tr("Tài khoản tạm bị khóa vì nhập sai mật khẩu nhiều lần; hãy thử lại sau "
                     "{time}.").format(time=refused.until.strftime("%H:%M %d/%m/%Y")))
        elif refused.reason is LoginRefusal.DISABLED:
            _say(_tr("Tài khoản này đã bị ngừng sử dụng; hãy liên hệ quản trị viên."))
        else:
            _say(_tr("Sai tên đăng nhập hoặc mật khẩu."))
        return False
    return True


def say_permission_denied(database: Database) -> int:
    actor = database.actor
    name = actor.username if actor is not None else ""
    _say(_tr("Tài khoản {user} không có quyền làm việc này, hoặc bản ghi nằm ngoài phạm vi "
             "tổ chức được giao.").format(user=name))
    return 2


def _say_problems(failed: Exception) -> int:
    from desktop.texts import problem_message

    for problem in getattr(failed, "problems", ()):
        _say(problem_message(problem))
    return 2


def run_user_command(database: Database, args: argparse.Namespace) -> int:
    if args.user_command == "create-admin":
        return _create_admin(database, args)
    return _add(database, args)


def _create_admin(database: Database, args: argparse.Namespace) -> int:
    from desktop.services.auth import AccountsAlreadyExist, create_first_administrator
    from desktop.services.errors import ValidationFailed

    password = _new_password(args.name)
    if password is None:
        return 2
    try:
        actor = create_first_administrator(database, args.name, args.full_name, password)
    except AccountsAlreadyExist:
        _say(_tr("Cơ sở dữ liệu này đã có tài khoản; tài khoản mới do quản trị viên tạo: "
                 "party-office user add … --user TÊN_QUẢN_TRỊ."))
        return 2
    except ValidationFailed as failed:
        return _say_problems(failed)
    print(_tr("Đã tạo tài khoản quản trị {user}.").format(user=actor.username))
    return 0


def _add(database: Database, args: argparse.Namespace) -> int:
    from desktop.models.accounts import Role
    from desktop.models.permissions import Permission
    from desktop.services.access import PermissionDenied, require
    from desktop.services.accounts import create_account
    from desktop.services.errors import ValidationFailed
    from desktop.services.lookup import organization_id_by_code

    if not sign_in(database, args.user):
        return 2
    try:
        require(database, Permission.MANAGE_USERS)  # before asking for the new password
        scope_id = None
        if args.org:
            scope_id = organization_id_by_code(database, args.org)
            if scope_id is None:
                _say(_tr("Không có tổ chức đảng nào mã “{code}”.").format(code=args.org))
                return 2
        password = _new_password(args.name)
        if password is None:
            return 2
        row = create_account(database, args.name, args.full_name, Role(ROLE_NAMES[args.role]),
                             scope_id, password)
    except PermissionDenied:
        return say_permission_denied(database)
    except ValidationFailed as failed:
        return _say_problems(failed)
    print(_tr("Đã tạo tài khoản {user}.").format(user=row.username))
    return 0

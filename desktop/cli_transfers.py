"""`party-office transfer`: transfers of party activity from the command line.

    party-office transfer list [--org CODE] [--overdue] [--all] [--db PATH|URL] --user NAME
        the transfers not yet received or still running (temporary stays), most urgent first,
        with the deadline in working days; --overdue only the late ones, --all every state.
    party-office transfer letter --id ID --out FILE.pdf [--db PATH|URL] --user NAME
        the giấy giới thiệu sinh hoạt đảng of a transfer, as a PDF.
    party-office transfer receive|return --id ID [--date DD/MM/YYYY] [--db PATH|URL] --user NAME
        the receiving organisation confirmed it (receive), a temporary stay ended (return).

Exit codes: 0 done, 1 refused by a rule (the messages are printed), 2 not signed in, not
allowed, or no such organisation or transfer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_accounts import add_user_argument

if TYPE_CHECKING:
    from desktop.db.database import Database
    from desktop.services.transfer_list import TransferRow

PAGE = 500


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def add_transfer_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    transfer = commands.add_parser("transfer", help="transfers of party activity (chuyển sinh hoạt đảng)")
    actions = transfer.add_subparsers(dest="transfer_command", required=True)
    listing = actions.add_parser("list", help="transfers not yet received or overdue")
    listing.add_argument("--org", help="code of the organisation (default: your scope)")
    listing.add_argument("--overdue", action="store_true", help="only the overdue ones")
    listing.add_argument("--all", dest="every_state", action="store_true", help="every state, closed ones too")
    letter = actions.add_parser("letter", help="write the introduction letter of a transfer as PDF")
    letter.add_argument("--id", dest="transfer_id", type=int, required=True)
    letter.add_argument("--out", required=True, help="PDF file to write")
    for name, text in (("receive", "the receiving organisation confirmed the transfer"),
                       ("return", "a temporary stay ended: the member is back")):
        action = actions.add_parser(name, help=text)
        action.add_argument("--id", dest="transfer_id", type=int, required=True)
        action.add_argument("--date", help="dd/mm/yyyy (default today)")
    for action in (listing, letter, *(actions.choices[name] for name in ("receive", "return"))):
        action.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
        add_user_argument(action)


def run_transfer_command(database: Database, args: argparse.Namespace) -> int:
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.services.access import PermissionDenied
    from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
    from desktop.texts import concurrent_edit_message, problem_message

    if not sign_in(database, args.user):
        return 2
    try:
        if args.transfer_command == "list":
            return _list(database, args)
        if args.transfer_command == "letter":
            return _letter(database, args)
        return _close(database, args)
    except PermissionDenied:
        return say_permission_denied(database)
    except RecordNotFound:
        _say(_tr("Không có lần chuyển sinh hoạt nào số {id}.").format(id=args.transfer_id))
        return 2
    except ValidationFailed as failed:
        for problem in failed.problems:
            _say(problem_message(problem))
        return 1
    except ConcurrentEdit:
        _say(concurrent_edit_message())
        return 1


def transfer_line(row: TransferRow) -> str:
    from desktop.models.dates import format_date
    from desktop.transfer_texts import deadline_text, transfer_label

    deadline = ""
    if row.due is not None:
        deadline = f"{format_date(row.due)} ({deadline_text(row.days_left)})"
    parts = [str(row.id), row.letter_number or "", format_date(row.letter_date), row.member_name,
             f"{row.from_name} → {row.to_name}", transfer_label(row.kind), transfer_label(row.state), deadline]
    return "\t".join(parts)


def _column_titles() -> list[str]:
    return [_tr("Mã"), _tr("Số giấy giới thiệu"), _tr("Ngày"), _tr("Họ và tên"), _tr("Nơi đi → nơi đến"),
            _tr("Hình thức"), _tr("Tình trạng"), _tr("Hạn")]


def _list(database: Database, args: argparse.Namespace) -> int:
    from desktop.models.transfers import TransferState
    from desktop.services.lookup import organization_id_by_code
    from desktop.services.transfer_list import TransferListQuery, fetch_transfer_rows

    organization_id = None
    if args.org:
        organization_id = organization_id_by_code(database, args.org)
        if organization_id is None:
            _say(_tr("Không có tổ chức đảng nào mã “{code}”.").format(code=args.org))
            return 2
    query = TransferListQuery(organization_id=organization_id, overdue_only=args.overdue,
                              states=tuple(TransferState) if args.every_state else None)
    offset = 0
    while True:
        rows = fetch_transfer_rows(database, query, offset, PAGE)
        if rows and offset == 0:
            print("\t".join(_column_titles()))
        for row in rows:
            print(transfer_line(row))
        offset += len(rows)
        if len(rows) < PAGE:
            break
    _say(_tr("{count} lần chuyển sinh hoạt.").format(count=offset))
    return 0


def _letter(database: Database, args: argparse.Namespace) -> int:
    from desktop.reports.transfer_letter import write_transfer_letter

    try:
        built = write_transfer_letter(database, args.transfer_id, Path(args.out))
    except ValueError:
        _say(_tr("Lần chuyển đến từ ngoài đảng bộ dùng giấy giới thiệu của nơi đi: không có giấy để in."))
        return 1
    except OSError as error:
        _say(_tr("Không ghi được tệp {path}: {reason}").format(path=args.out, reason=error.strerror))
        return 2
    print(_tr("Đã ghi giấy giới thiệu vào {path}.").format(path=built.path))
    return 0


def _close(database: Database, args: argparse.Namespace) -> int:
    from desktop.models.dates import parse_date
    from desktop.services import clock
    from desktop.services.transfers import confirm_receipt, end_temporary_stay

    try:
        day = parse_date(args.date) if args.date else clock.today()
    except ValueError:
        _say(_tr("Không đọc được ngày “{text}”: ghi dạng ngày/tháng/năm, ví dụ 05/02/2026.").format(text=args.date))
        return 1
    if args.transfer_command == "receive":
        confirm_receipt(database, args.transfer_id, day)
        print(_tr("Đã ghi nhận nơi đến tiếp nhận đảng viên."))
    else:
        end_temporary_stay(database, args.transfer_id, day)
        print(_tr("Đã ghi nhận đảng viên trở về sinh hoạt tại chi bộ."))
    return 0

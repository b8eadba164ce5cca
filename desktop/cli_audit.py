"""`party-office audit verify|export`: checking and exporting the audit trail (administrators).

    party-office audit verify [--db PATH|URL] --user NAME
        exit 0: every entry checked and intact; 1: the first broken link is printed; 2: error.
    party-office audit export --out FILE.csv [--from DD/MM/YYYY] [--to DD/MM/YYYY] [--by NAME]
                 [--action ACTION] [--db PATH|URL] --user NAME
        CSV in UTF-8 with a BOM (Excel reads the Vietnamese); --by keeps the entries of one user
        (--user is who signs in, as in every command).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.cli_accounts import add_user_argument

if TYPE_CHECKING:
    from desktop.db.database import Database

# Command-line names of the actions (desktop.models.audit.AuditAction values).
ACTION_NAMES = ("create", "update", "delete", "read", "login", "login_failed", "logout", "export", "bulk")


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def add_audit_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = commands.add_parser("audit", help="check or export the audit trail (administrators)")
    actions = audit.add_subparsers(dest="audit_command", required=True)
    verify = actions.add_parser("verify", help="check every hash link; print the first broken one")
    verify.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(verify)
    export = actions.add_parser("export", help="write the audit trail as CSV (UTF-8 with BOM)")
    export.add_argument("--out", required=True, help="CSV file to write")
    export.add_argument("--from", dest="date_from", help="first day, dd/mm/yyyy")
    export.add_argument("--to", dest="date_to", help="last day, dd/mm/yyyy")
    export.add_argument("--by", dest="by", help="only the entries of this user name")
    export.add_argument("--action", choices=ACTION_NAMES, help="only this action")
    export.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(export)


def run_audit_command(database: Database, args: argparse.Namespace) -> int:
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.services.access import PermissionDenied

    if not sign_in(database, args.user):
        return 2
    try:
        if args.audit_command == "verify":
            return _verify(database)
        return _export(database, args)
    except PermissionDenied:
        return say_permission_denied(database)


def _verify(database: Database) -> int:
    from desktop.audit_texts import verify_message
    from desktop.services.audit import verify_chain

    result = verify_chain(database)
    print(verify_message(result), file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def _export(database: Database, args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.audit_texts import action_label, csv_header, record_type_label
    from desktop.models.audit import AuditAction
    from desktop.models.dates import parse_date
    from desktop.services.audit import AuditQuery, export_audit_csv

    days = []
    for text in (args.date_from, args.date_to):
        try:
            days.append(parse_date(text) if text else None)
        except ValueError:
            print(_tr("Ngày “{text}” không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 31/12/2026.")
                  .format(text=text), file=sys.stderr)
            return 2
    query = AuditQuery(
        date_from=days[0], date_to=days[1], username=args.by,
        action=AuditAction(args.action.upper()) if args.action else None,
    )
    path = Path(args.out)
    try:
        written = export_audit_csv(database, query, path, csv_header(), action_label, record_type_label)
    except OSError as error:
        print(_tr("Không ghi được tệp {path}: {reason}").format(path=args.out, reason=error.strerror),
              file=sys.stderr)
        return 2
    print(_tr("Đã ghi {count} mục nhật ký vào {path}.").format(count=written, path=path))
    return 0

"""`party-office` command: the desktop app by default, plus commands for scripts and tests.

    party-office [--db PATH|URL]                              start the app
    party-office demo [--scale small|full] [--db PATH|URL]    create the demo organisation
    party-office search TEXT [--db PATH|URL] [--limit N]      print matching members
    party-office report roster|profile|stats --org CODE [--member CARD] [--as-of DD/MM/YYYY]
                 --out FILE.pdf [--db PATH|URL]               print an official report to PDF
    party-office user create-admin NAME --full-name "…"       the first administrator
    party-office user add NAME --role clerk|inspection|leader|admin [--org CODE] --full-name "…"
    party-office audit verify | export --out FILE.csv [--from D --to D --by NAME]   (desktop.cli_audit)
    party-office rekey [--passphrase] [--db PATH]             new encryption key (desktop.cli_encryption)
    party-office backup --out FILE | restore FILE [--yes]      copies of the database (desktop.cli_backup)
    party-office import members|orgs FILE [--org CODE] [--dry-run] [--update]   (desktop.cli_tabular)
    party-office export members|orgs --org CODE --out FILE.xlsx               (desktop.cli_tabular)
    party-office inspection cases|letters|dashboard      inspection role only (desktop.cli_inspection)

Every command that reads or writes the register takes --user NAME; the password comes from
PARTY_OFFICE_PASSWORD or a prompt (desktop.cli_accounts). On a database without accounts only
`demo` and `user create-admin` run, without --user.

Heavy modules (SQLAlchemy, services, Qt widgets) are imported inside each command, so that
starting the app shows its window before the database layer is even loaded.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop.cli_accounts import add_user_argument, add_user_commands
from desktop.cli_admission import add_admission_commands
from desktop.cli_audit import add_audit_commands
from desktop.cli_backup import add_backup_commands
from desktop.cli_docs import add_docs_commands
from desktop.cli_due import add_due_commands
from desktop.cli_encryption import add_rekey_command
from desktop.cli_evaluations import add_evaluation_commands
from desktop.cli_fees import add_fee_commands
from desktop.cli_inspection import add_inspection_commands
from desktop.cli_tabular import add_tabular_commands
from desktop.cli_transfers import add_transfer_commands


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="party-office", description="Văn phòng Đảng ủy — Party Office Desktop"
    )
    parser.add_argument("--db", help="database file or SQLAlchemy URL (default: per-user data folder)")
    commands = parser.add_subparsers(dest="command")

    demo = commands.add_parser("demo", help="create the demo organisation in an empty database")
    demo.add_argument("--scale", choices=("small", "full"), default="small")
    demo.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(demo)

    search = commands.add_parser("search", help="print members matching TEXT, one per line")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(search)

    report = commands.add_parser("report", help="write an official report as a PDF file")
    report.add_argument("kind", choices=tuple(REPORT_KINDS))
    report.add_argument("--org", help="code of the organisation (mã tổ chức); minutes: the meeting's")
    report.add_argument("--meeting", type=int, help="minutes only: the number (id) of the meeting")
    report.add_argument("--member", help="party card number or citizen ID (profile only)")
    report.add_argument("--as-of", "--to", dest="as_of",
                        help="date of the figures (changes: last day of the period), dd/mm/yyyy (default today)")
    report.add_argument("--from", dest="period_start",
                        help="changes only: first day of the period, dd/mm/yyyy (default 1 January)")
    report.add_argument("--year", type=int, help="evaluation reports: the year of the rating campaign")
    report.add_argument("--record", type=int,
                        help="inspection-notice: the case (id); discipline-decision: the decision (id)")
    report.add_argument("--out", required=True, help="PDF file to write")
    report.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(report)
    add_user_commands(commands)
    add_audit_commands(commands)
    add_rekey_command(commands)
    add_backup_commands(commands)
    add_tabular_commands(commands)
    add_due_commands(commands)
    add_transfer_commands(commands)
    add_fee_commands(commands)
    add_admission_commands(commands)
    add_evaluation_commands(commands)
    add_docs_commands(commands)
    add_inspection_commands(commands)
    return parser


# Command-line names of the reports (desktop.reports.catalogue.ReportKind values).
REPORT_KINDS = {"roster": "ROSTER", "profile": "PROFILE", "stats": "STATISTICS", "changes": "CHANGES",
                "probation": "PROBATION_DUE", "evaluation-results": "EVALUATION_RESULTS",
                "evaluation-members": "EVALUATION_MEMBERS", "review-form": "REVIEW_FORM",
                "minutes": "MINUTES", "meetings": "MEETING_COMPLIANCE",
                "inspection-notice": "INSPECTION_NOTICE", "discipline-decision": "DISCIPLINE_DECISION",
                "inspection-stats": "INSPECTION_STATISTICS"}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    target = getattr(args, "command_db", None) or args.db
    if args.command is None:
        from desktop.ui.app import run

        return run(target)
    _use_utf8_output()
    if args.command == "demo":
        return _demo(target, args.scale, args.user)
    if args.command == "report":
        return _report(target, args)
    if args.command == "audit":
        return _on_database(target, args, "desktop.cli_audit", "run_audit_command")
    if args.command == "user":
        return _on_database(target, args, "desktop.cli_accounts", "run_user_command")
    if args.command in ("backup", "restore"):
        return _on_database(target, args, "desktop.cli_backup", "run_backup_command")
    if args.command in ("import", "export"):
        return _on_database(target, args, "desktop.cli_tabular", "run_tabular_command")
    if args.command == "due":
        return _on_database(target, args, "desktop.cli_due", "run_due_command")
    if args.command == "transfer":
        return _on_database(target, args, "desktop.cli_transfers", "run_transfer_command")
    if args.command in ("fees", "badges"):
        return _on_database(target, args, "desktop.cli_fees", "run_fees_command")
    if args.command == "admission":
        return _on_database(target, args, "desktop.cli_admission", "run_admission_command")
    if args.command == "evaluation":
        return _on_database(target, args, "desktop.cli_evaluations", "run_evaluation_command")
    if args.command == "docs":
        return _on_database(target, args, "desktop.cli_docs", "run_docs_command")
    if args.command == "inspection":
        return _on_database(target, args, "desktop.cli_inspection", "run_inspection_command")
    if args.command == "rekey":
        from desktop.cli_encryption import run_rekey

        return run_rekey(target, args)
    return _search(target, args.text, args.limit, args.user)


def _use_utf8_output() -> None:
    # A redirected stdout on Windows defaults to the ANSI code page, which has no Vietnamese.
    for stream in (sys.stdout, sys.stderr):
        if not stream.isatty() and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def _open(target: str | None):  # type: ignore[no-untyped-def]
    from desktop.cli_encryption import passphrase_source
    from desktop.db.database import open_database
    from desktop.db.errors import DatabaseRefused
    from desktop.texts import refusal_message

    try:
        return open_database(target, passphrase_source())
    except DatabaseRefused as refused:
        print(refusal_message(refused), file=sys.stderr)
        return None


def _on_database(target: str | None, args: argparse.Namespace, module: str, function: str) -> int:
    """Open the database, run `module.function(database, args)` (a command of its own
    module, imported only now), close it; 2 when the database is refused."""
    import importlib

    run = getattr(importlib.import_module(module), function)
    database = _open(target)
    if database is None:
        return 2
    try:
        return int(run(database, args))
    finally:
        database.close()  # after a restore it is closed already: closing again does nothing


def _demo(target: str | None, scale: str, user: str | None) -> int:
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.services.access import PermissionDenied
    from desktop.services.demo import DemoNotEmpty, DemoScale, create_demo

    database = _open(target)
    if database is None:
        return 2
    try:
        # A database without accounts: the demo comes before the first administrator.
        if not sign_in(database, user, bootstrap=True):
            return 2
        summary = create_demo(database, DemoScale(scale))
    except PermissionDenied:
        return say_permission_denied(database)
    except DemoNotEmpty:
        print(_tr("Cơ sở dữ liệu này đã có dữ liệu; chỉ tạo được tổ chức mẫu trong cơ sở dữ liệu trống."),
              file=sys.stderr)
        return 2
    finally:
        database.close()
    print(
        _tr("Đã tạo tổ chức mẫu: {organizations} tổ chức đảng, {cells} chi bộ, {members} đảng viên "
            "({probationary} dự bị) trong {seconds:.1f} giây.").format(
            organizations=summary.organizations, cells=summary.cells, members=summary.members,
            probationary=summary.probationary, seconds=summary.seconds,
        )
    )
    return 0


def _search(target: str | None, text: str, limit: int, user: str | None) -> int:
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.services.access import PermissionDenied
    from desktop.services.search import search_members

    database = _open(target)
    if database is None:
        return 2
    try:
        if not sign_in(database, user):
            return 2
        hits = search_members(database, text, limit=limit)
    except PermissionDenied:
        return say_permission_denied(database)
    finally:
        database.close()
    for hit in hits:
        print("\t".join((hit.full_name, hit.birth_text, hit.cell_name, hit.party_card_number or "")))
    return 0 if hits else 1


def _report(target: str | None, args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.models.dates import format_date, parse_date
    from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
    from desktop.services import clock
    from desktop.services.access import PermissionDenied
    from desktop.services.errors import RecordNotFound, ValidationFailed
    from desktop.services.lookup import member_id_by_identifier, organization_id_by_code
    from desktop.texts import problem_message

    try:
        as_of = parse_date(args.as_of) if args.as_of else clock.today()
    except ValueError:
        print(_tr("Ngày số liệu “{text}” không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, "
                  "ví dụ 31/12/2026.").format(text=args.as_of), file=sys.stderr)
        return 2
    try:
        period_start = parse_date(args.period_start) if args.period_start else as_of.replace(month=1, day=1)
    except ValueError:
        print(_tr("Ngày đầu kỳ “{text}” không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, "
                  "ví dụ 01/01/2026.").format(text=args.period_start), file=sys.stderr)
        return 2
    if period_start > as_of:
        print(_tr("Ngày đầu kỳ phải trước ngày cuối kỳ."), file=sys.stderr)
        return 2
    database = _open(target)
    if database is None:
        return 2
    try:
        if not sign_in(database, args.user):
            return 2
        kind = ReportKind(REPORT_KINDS[args.kind])
        if kind is ReportKind.MINUTES:
            from desktop.cli_meetings import minutes_request

            found = minutes_request(database, args.meeting, as_of)
            if found is None:
                return 2
            outcome = generate_report(database, found, Path(args.out))
            print(_tr("Đã ghi {path} ({pages} trang).").format(path=outcome.path, pages=outcome.pages))
            return 0
        if not args.org:
            print(_tr("Hãy ghi mã tổ chức đảng (--org)."), file=sys.stderr)
            return 2
        organization_id = organization_id_by_code(database, args.org)
        if organization_id is None:
            print(_tr("Không có tổ chức đảng nào mã “{code}”.").format(code=args.org), file=sys.stderr)
            return 2
        member_id = None
        if args.member:
            member_id = member_id_by_identifier(database, args.member)
            if member_id is None:
                print(_tr("Không có đảng viên nào có số thẻ hoặc số định danh “{number}”.").format(
                    number=args.member), file=sys.stderr)
                return 2
        request = ReportRequest(kind, organization_id, as_of, member_id,
                                period_start if kind.needs_period else None)
        if kind.needs_record and kind.needs_inspection:
            from desktop.cli_inspection import inspection_request

            found = inspection_request(request, args.record)
            if found is None:
                return 2
            request = found
        elif kind.needs_record:
            from desktop.cli_evaluations import evaluation_request

            found = evaluation_request(database, request, args.year)
            if found is None:
                return 2
            request = found
        outcome = generate_report(database, request, Path(args.out))
    except ValidationFailed as failed:
        for problem in failed.problems:
            print(problem_message(problem), file=sys.stderr)
        return 2
    except RecordNotFound:
        print(_tr("Bản ghi cần in không còn trong cơ sở dữ liệu."), file=sys.stderr)
        return 2
    except PermissionDenied:
        return say_permission_denied(database)
    except OSError as error:
        print(_tr("Không ghi được tệp {path}: {reason}").format(path=args.out, reason=error.strerror),
              file=sys.stderr)
        return 2
    finally:
        database.close()
    print(_tr("Đã ghi {path} ({pages} trang, số liệu tính đến ngày {date}).").format(
        path=outcome.path, pages=outcome.pages, date=format_date(as_of)))
    return 0

"""`party-office inspection`: the inspection committee's cases and letters from the command line.
Every command signs in and needs the inspection role; anyone else is refused (exit code 2).

    party-office inspection cases [--org CODE] [--overdue] [--all] [--db PATH|URL] --user NAME
        open cases (all with --all), the most urgent next step first; --overdue only late ones.
    party-office inspection letters [--org CODE] [--overdue] [--all] [--db PATH|URL] --user NAME
        letters waiting for a result, by deadline (all with --all); never the sender's identity.
    party-office inspection dashboard [--db PATH|URL] --user NAME
        open cases, overdue steps, letters due soon and overdue.

The case documents print through `party-office report`: inspection-notice --record CASE,
discipline-decision --record DECISION, inspection-stats --from … --to … (same role).

Exit codes: 0 done, 2 not signed in, not allowed, or no such organisation.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.cli_accounts import add_user_argument

if TYPE_CHECKING:
    from desktop.db.database import Database
    from desktop.reports.catalogue import ReportRequest

PAGE = 500


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def add_inspection_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    inspection = commands.add_parser("inspection", help="inspection cases and letters (inspection role only)")
    actions = inspection.add_subparsers(dest="inspection_command", required=True)
    cases = actions.add_parser("cases", help="open inspection, supervision and discipline cases")
    letters = actions.add_parser("letters", help="complaint and denunciation letters waiting for a result")
    for listing in (cases, letters):
        listing.add_argument("--org", help="code of the organisation (default: your scope)")
        listing.add_argument("--overdue", action="store_true", help="only the overdue ones")
        listing.add_argument("--all", dest="every_state", action="store_true", help="closed ones too")
    dashboard = actions.add_parser("dashboard", help="counts of open cases, overdue steps, letters due")
    for action in (cases, letters, dashboard):
        action.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
        add_user_argument(action)


def run_inspection_command(database: Database, args: argparse.Namespace) -> int:
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.services.access import PermissionDenied

    if not sign_in(database, args.user):
        return 2
    try:
        if args.inspection_command == "dashboard":
            return _dashboard(database)
        organization_id = None
        if args.org:
            from desktop.services.lookup import organization_id_by_code

            organization_id = organization_id_by_code(database, args.org)
            if organization_id is None:
                _say(_tr("Không có tổ chức đảng nào mã “{code}”.").format(code=args.org))
                return 2
        if args.inspection_command == "cases":
            return _cases(database, args, organization_id)
        return _letters(database, args, organization_id)
    except PermissionDenied:
        return say_permission_denied(database)


def _cases(database: Database, args: argparse.Namespace, organization_id: int | None) -> int:
    from desktop.inspection_texts import inspection_label
    from desktop.models.dates import format_date
    from desktop.services.inspection_list import CaseListQuery, fetch_case_rows

    query = CaseListQuery(organization_id=organization_id, open_only=not args.every_state,
                          overdue_only=args.overdue)
    offset = 0
    while True:
        rows = fetch_case_rows(database, query, offset, PAGE)
        if rows and offset == 0:
            print("\t".join([_tr("Mã"), _tr("Số hồ sơ"), _tr("Ngày mở"), _tr("Loại việc"), _tr("Đối tượng"),
                             _tr("Nội dung"), _tr("Tình trạng"), _tr("Hạn bước tiếp theo")]))
        for row in rows:
            due = format_date(row.next_due) if row.next_due else ""
            subject = row.subject + (f" (+{row.subject_count - 1})" if row.subject_count > 1 else "")
            print("\t".join([str(row.id), row.number, format_date(row.opened_on), inspection_label(row.kind),
                             subject, row.title, inspection_label(row.state),
                             due + (" " + _tr("(quá hạn)") if row.overdue else "")]))
        offset += len(rows)
        if len(rows) < PAGE:
            break
    _say(_tr("{count} hồ sơ.").format(count=offset))
    return 0


def _letters(database: Database, args: argparse.Namespace, organization_id: int | None) -> int:
    from desktop.inspection_texts import inspection_label
    from desktop.models.dates import format_date
    from desktop.services.inspection_list import LetterListQuery, fetch_letter_rows

    query = LetterListQuery(organization_id=organization_id, pending_only=not args.every_state,
                            overdue_only=args.overdue)
    offset = 0
    while True:
        rows = fetch_letter_rows(database, query, offset, PAGE)
        if rows and offset == 0:
            print("\t".join([_tr("Mã"), _tr("Số đơn"), _tr("Ngày nhận"), _tr("Loại đơn"), _tr("Người bị phản ánh"),
                             _tr("Tình trạng"), _tr("Hạn giải quyết")]))
        for row in rows:
            due = format_date(row.deadline) if row.deadline else ""
            kind = inspection_label(row.kind) + (" " + _tr("(nặc danh)") if row.is_anonymous else "")
            print("\t".join([str(row.id), row.number, format_date(row.received_on), kind, row.concerned,
                             inspection_label(row.status), due + (" " + _tr("(quá hạn)") if row.overdue else "")]))
        offset += len(rows)
        if len(rows) < PAGE:
            break
    _say(_tr("{count} đơn thư.").format(count=offset))
    return 0


def _dashboard(database: Database) -> int:
    from desktop.services.inspection_list import dashboard_counts

    counts = dashboard_counts(database)
    print(_tr("Hồ sơ đang giải quyết: {count}").format(count=counts.open_cases))
    print(_tr("Hồ sơ có bước quá hạn: {cases} ({steps} bước)").format(
        cases=counts.cases_with_overdue_steps, steps=counts.overdue_steps))
    print(_tr("Đơn thư chờ giải quyết: {count}").format(count=counts.letters_pending))
    print(_tr("Đơn thư sắp đến hạn: {count}").format(count=counts.letters_due_soon))
    print(_tr("Đơn thư quá hạn: {count}").format(count=counts.letters_overdue))
    return 0


def inspection_request(request: ReportRequest, record_id: int | None) -> ReportRequest | None:
    """The notice of a case or the text of a decision: `--record` names it."""
    from dataclasses import replace

    if record_id is None:
        _say(_tr("Hãy ghi số (mã) hồ sơ hoặc quyết định cần in (--record)."))
        return None
    return replace(request, record_id=record_id)

"""`party-office due probation|badges`: the due lists of an organisation, one member a line.

    party-office due probation --org CODE [--within DAYS] [--db PATH|URL] --user NAME
        probationary members whose 12 months end within DAYS (default 30) or have ended: name,
        birth date, cell, admission date, end of probation, the cell's deadline, state.
    party-office due badges --org CODE [--within DAYS] [--db PATH|URL] --user NAME
        members reaching a party-badge milestone within DAYS (desktop.cli_due_badges).

Exit 0 with the list (possibly empty) on stdout and its count on stderr, 2 when refused.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from desktop.cli_accounts import add_user_argument

if TYPE_CHECKING:
    from desktop.db.database import Database

DEFAULT_WITHIN_DAYS = 30


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def add_due_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    due = commands.add_parser("due", help="print a due list: probation ending, party badges")
    due.add_argument("kind", choices=("probation", "badges"))
    due.add_argument("--org", help="code of the organisation (default: your scope or the top)")
    due.add_argument("--within", type=int, default=DEFAULT_WITHIN_DAYS,
                     help=f"days from today (default {DEFAULT_WITHIN_DAYS})")
    due.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(due)


def run_due_command(database: Database, args: argparse.Namespace) -> int:
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.services.access import PermissionDenied
    from desktop.services.lookup import organization_id_by_code
    from desktop.services.organizations import root_organizations

    if not sign_in(database, args.user):
        return 2
    if args.within < 0:
        print(_tr("Số ngày (--within) phải từ 0 trở lên."), file=sys.stderr)
        return 2
    try:
        if args.org:
            organization_id = organization_id_by_code(database, args.org)
            if organization_id is None:
                print(_tr("Không có tổ chức đảng nào mã “{code}”.").format(code=args.org), file=sys.stderr)
                return 2
        else:
            roots = root_organizations(database)
            if len(roots) != 1:
                print(_tr("Ghi mã tổ chức đảng cần xem (--org)."), file=sys.stderr)
                return 2
            organization_id = roots[0].id
        if args.kind == "probation":
            count = print_probation_due(database, organization_id, args.within, sys.stdout)
        else:
            from desktop.cli_due_badges import print_badges_due

            count = print_badges_due(database, organization_id, args.within, sys.stdout)
    except PermissionDenied:
        return say_permission_denied(database)
    print(_tr("{count} đảng viên.").format(count=count), file=sys.stderr)
    return 0


def print_probation_due(database: Database, organization_id: int, within_days: int, out: TextIO) -> int:
    from desktop.models.dates import format_date
    from desktop.services.probation import ProbationState, probation_due

    rows = probation_due(database, organization_id, within_days)
    for row in rows:
        if row.state is ProbationState.UPCOMING:
            state = _tr("còn {days} ngày đến hết dự bị").format(days=row.days_to_end)
        elif row.state is ProbationState.DUE:
            state = _tr("đến hạn xét, còn {left} ngày làm việc").format(left=row.working_days_left)
        else:
            state = _tr("quá hạn xét {late} ngày làm việc").format(late=-row.working_days_left)
        print("\t".join((
            row.full_name, format_date(row.date_of_birth, row.dob_precision), row.cell_name,
            _tr("vào Đảng {date}").format(date=format_date(row.admission_date)),
            _tr("hết dự bị {date}").format(date=format_date(row.probation_end)),
            _tr("hạn chi bộ xét {date}").format(date=format_date(row.cell_deadline)), state,
        )), file=out)
    return len(rows)

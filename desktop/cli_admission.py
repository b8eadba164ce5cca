"""`party-office admission list`: the candidates of an organisation with their step and deadline.

    party-office admission list --org CODE [--state STATE] [--overdue] [--db PATH] --user NAME
        One line per open case (or per case in STATE, e.g. DECIDED): name, date of birth, cell,
        where the case stands, the next deadline with its basis; "--overdue" keeps the cases
        whose deadline has passed.

Exit codes: 0 done, 2 refused (unknown organisation, no permission, wrong password).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.cli_accounts import add_user_argument

if TYPE_CHECKING:
    from desktop.db.database import Database

_PAGE = 500


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def add_admission_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from desktop.models.admission import AdmissionState

    admission = commands.add_parser("admission", help="the admission pipeline (phát triển đảng viên)")
    actions = admission.add_subparsers(dest="admission_command", required=True)
    listing = actions.add_parser("list", help="candidates of an organisation with their step and deadline")
    listing.add_argument("--org", required=True, help="code of the organisation (mã tổ chức)")
    listing.add_argument("--state", choices=[state.name for state in AdmissionState])
    listing.add_argument("--overdue", action="store_true", help="only cases past their deadline")
    listing.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(listing)


def run_admission_command(database: Database, args: argparse.Namespace) -> int:
    from desktop.admission_texts import state_label
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.models.admission import AdmissionState
    from desktop.models.dates import format_date
    from desktop.services import clock
    from desktop.services.access import PermissionDenied
    from desktop.services.admission import AdmissionListQuery, count_cases, fetch_cases
    from desktop.services.lookup import organization_id_by_code

    if not sign_in(database, args.user):
        return 2
    try:
        organization_id = organization_id_by_code(database, args.org)
        if organization_id is None:
            print(_tr("Không có tổ chức đảng mã {code} trong phạm vi của bạn.").format(code=args.org),
                  file=sys.stderr)
            return 2
        query = AdmissionListQuery(organization_id, state=AdmissionState[args.state] if args.state else None,
                                   overdue_on=clock.today() if args.overdue else None)
        total = count_cases(database, query)
        for offset in range(0, total, _PAGE):
            for row in fetch_cases(database, query, offset, _PAGE):
                print("\t".join((row.full_name, format_date(row.date_of_birth, row.dob_precision), row.cell_name,
                                 state_label(row.state), format_date(row.next_deadline))))
        print(_tr("{count} hồ sơ phát triển đảng viên.").format(count=total), file=sys.stderr)
        return 0
    except PermissionDenied:
        return say_permission_denied(database)

"""`party-office evaluation`: the annual rating campaign from the command line.

    party-office evaluation progress --org CODE --year YYYY [--db PATH|URL] --user NAME
        members and organisations at each step, per subordinate organisation (tab-separated).
    party-office evaluation approve --org CODE --year YYYY --decision NUMBER [--date DD/MM/YYYY]
        decide every proposal of the organisation's members as the cells proposed them, with
        every rule checked (nothing is written if one is refused).

The reports are `party-office report evaluation-results|evaluation-members --org CODE --year
YYYY` and `party-office report review-form --org CODE --member CARD --year YYYY`.

Exit codes: 0 done, 1 refused by a rule (the messages are printed), 2 not signed in, not
allowed, or no such organisation or period.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from desktop.cli_accounts import add_user_argument

if TYPE_CHECKING:
    from desktop.db.database import Database
    from desktop.reports.catalogue import ReportRequest


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def add_evaluation_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    evaluation = commands.add_parser("evaluation", help="annual review and rating (kiểm điểm, xếp loại)")
    actions = evaluation.add_subparsers(dest="evaluation_command", required=True)
    progress = actions.add_parser("progress", help="members and organisations at each step")
    approve = actions.add_parser("approve", help="decide the proposals of an organisation as proposed")
    approve.add_argument("--decision", required=True, help="number of the committee's decision")
    approve.add_argument("--date", help="date of the decision, dd/mm/yyyy (default today)")
    for action in (progress, approve):
        action.add_argument("--org", required=True, help="code of the organisation")
        action.add_argument("--year", type=int, required=True, help="year of the campaign")
        action.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
        add_user_argument(action)


def _period_id(database: Database, organization_id: int, year: int | None) -> int | None:
    from desktop.services.evaluation_campaign import find_period

    if year is None:
        _say(_tr("Ghi năm của đợt kiểm điểm (--year)."))
        return None
    period = find_period(database, organization_id, year)
    if period is None:
        _say(_tr("Không có đợt kiểm điểm năm {year} của tổ chức này.").format(year=year))
        return None
    return period.id


def evaluation_request(database: Database, request: ReportRequest, year: int | None) -> ReportRequest | None:
    """`party-office report` of an evaluation kind: the period of the year (and the member's
    evaluation for the review form) as the request's record."""
    from desktop.reports.catalogue import ReportKind
    from desktop.services.evaluation_list import member_evaluation

    period_id = _period_id(database, request.organization_id, year)
    if period_id is None:
        return None
    if request.kind is not ReportKind.REVIEW_FORM:
        return replace(request, record_id=period_id)
    if request.member_id is None:
        _say(_tr("Ghi số thẻ hoặc số định danh của đảng viên (--member)."))
        return None
    found = member_evaluation(database, period_id, request.member_id)
    if found is None:
        _say(_tr("Đảng viên này không có trong đợt kiểm điểm năm {year}.").format(year=year))
        return None
    evaluation_id, cell_id = found
    return replace(request, organization_id=cell_id, member_id=None, record_id=evaluation_id)


def run_evaluation_command(database: Database, args: argparse.Namespace) -> int:
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.services.access import PermissionDenied
    from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
    from desktop.services.lookup import organization_id_by_code
    from desktop.texts import concurrent_edit_message, problem_message

    if not sign_in(database, args.user):
        return 2
    try:
        organization_id = organization_id_by_code(database, args.org)
        if organization_id is None:
            _say(_tr("Không có tổ chức đảng nào mã “{code}”.").format(code=args.org))
            return 2
        period_id = _period_id(database, organization_id, args.year)
        if period_id is None:
            return 2
        if args.evaluation_command == "progress":
            return _progress(database, period_id, organization_id)
        return _approve(database, period_id, organization_id, args)
    except PermissionDenied:
        return say_permission_denied(database)
    except RecordNotFound:
        _say(_tr("Bản ghi không còn trong cơ sở dữ liệu."))
        return 2
    except ValidationFailed as failed:
        for problem in failed.problems[:50]:
            _say(problem_message(problem))
        if len(failed.problems) > 50:
            _say(_tr("… và {count} lỗi khác.").format(count=len(failed.problems) - 50))
        return 1
    except ConcurrentEdit:
        _say(concurrent_edit_message())
        return 1


def _progress(database: Database, period_id: int, organization_id: int) -> int:
    from desktop.evaluation_texts import evaluation_labels
    from desktop.models.evaluations import EvaluationState
    from desktop.services.evaluation_campaign import campaign_progress

    labels = evaluation_labels()
    progress = campaign_progress(database, period_id, organization_id)
    print("\t".join([_tr("Tổ chức"), _tr("Đảng viên"), *(labels[s] for s in EvaluationState),
                     _tr("Tổ chức đảng đã quyết định")]))
    for row in [*progress.rows, progress.total]:
        decided = row.organizations.get(EvaluationState.DECIDED, 0) + row.organizations.get(
            EvaluationState.NOTIFIED, 0)
        name = _tr("Tổng cộng") if row is progress.total else row.name
        print("\t".join([name, str(row.member_total), *(str(row.members.get(s, 0)) for s in EvaluationState),
                         f"{decided}/{row.organization_total}"]))
    return 0


def _approve(database: Database, period_id: int, organization_id: int, args: argparse.Namespace) -> int:
    from desktop.models.dates import parse_date
    from desktop.services import clock
    from desktop.services.evaluations import approve_as_proposed

    try:
        day = parse_date(args.date) if args.date else clock.today()
    except ValueError:
        _say(_tr("Không đọc được ngày “{text}”: ghi dạng ngày/tháng/năm, ví dụ 15/12/2026.").format(text=args.date))
        return 1
    count = approve_as_proposed(database, period_id, organization_id, args.decision, day)
    print(_tr("Đã quyết định xếp loại {count} đảng viên theo đề xuất của chi bộ.").format(count=count))
    return 0

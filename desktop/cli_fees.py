"""`party-office fees report|cell|arrears` and `party-office badges`: party fees and badges.

    party-office fees report --org CODE --from MM/YYYY --to MM/YYYY --out FILE.pdf
        the committee's fee report of the subtree for the months (totals by cell and category)
    party-office fees cell --org CELL --month MM/YYYY --out FILE.pdf
        the cell's fee list of the month (who paid, amounts, receipts)
    party-office fees arrears --org CODE [--year YYYY]
        members with unpaid months in the year, those at the removal threshold marked
    party-office badges --org CODE [--occasion DD/MM/YYYY] [--out FILE.pdf]
        the members due a party badge on the occasion (default: the next one); a PDF with --out

Exit codes: 0 done, 2 refused (bad arguments, unknown organisation, no permission).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_accounts import add_user_argument

if TYPE_CHECKING:
    from desktop.db.database import Database


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def add_fee_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fees = commands.add_parser("fees", help="party fees: the committee's report, a cell's list, arrears")
    fees.add_argument("action", choices=("report", "cell", "arrears"))
    fees.add_argument("--org", required=True, help="code of the organisation (a cell for `cell`)")
    fees.add_argument("--from", dest="first", help="report: first month, MM/YYYY")
    fees.add_argument("--to", dest="last", help="report: last month, MM/YYYY")
    fees.add_argument("--month", help="cell: the month, MM/YYYY")
    fees.add_argument("--year", type=int, help="arrears: the year (default this year)")
    fees.add_argument("--out", help="PDF file to write (report, cell)")
    fees.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(fees)
    badges = commands.add_parser("badges", help="members due a party badge on an award occasion")
    badges.add_argument("--org", required=True, help="code of the organisation")
    badges.add_argument("--occasion", help="award day, dd/mm/yyyy (default: the next occasion)")
    badges.add_argument("--out", help="write the list as a PDF instead of printing it")
    badges.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(badges)


def parse_month(text: str | None) -> dt.date | None:
    """'MM/YYYY' → the first day of the month; None when it is not one."""
    if not text:
        return None
    try:
        month, year = (int(part) for part in text.strip().split("/"))
        return dt.date(year, month, 1)
    except ValueError:
        return None


def run_fees_command(database: Database, args: argparse.Namespace) -> int:
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.services.access import PermissionDenied
    from desktop.services.errors import RecordNotFound, ValidationFailed
    from desktop.services.lookup import organization_id_by_code
    from desktop.texts import problem_message

    if not sign_in(database, args.user):
        return 2
    try:
        organization_id = organization_id_by_code(database, args.org)
        if organization_id is None:
            _say(_tr("Không có tổ chức đảng nào mã “{code}”.").format(code=args.org))
            return 2
        if args.command == "badges":
            return _badges(database, args, organization_id)
        if args.action == "arrears":
            return _arrears(database, args, organization_id)
        return _fee_pdf(database, args, organization_id)
    except ValidationFailed as failed:
        for problem in failed.problems:
            _say(problem_message(problem))
        return 2
    except RecordNotFound:
        _say(_tr("Bản ghi cần in không còn trong cơ sở dữ liệu."))
        return 2
    except PermissionDenied:
        return say_permission_denied(database)
    except OSError as error:
        _say(_tr("Không ghi được tệp {path}: {reason}").format(path=args.out, reason=error.strerror))
        return 2


def _fee_pdf(database: Database, args: argparse.Namespace, organization_id: int) -> int:
    from desktop.reports.badges_fees import write_cell_fee_list_pdf, write_fee_report_pdf

    if not args.out:
        _say(_tr("Ghi tên tệp PDF cần tạo bằng --out."))
        return 2
    if args.action == "cell":
        month = parse_month(args.month)
        if month is None:
            _say(_tr("Tháng “{text}” không hợp lệ: hãy ghi theo dạng tháng/năm, ví dụ 11/2026.").format(
                text=args.month or ""))
            return 2
        built = write_cell_fee_list_pdf(database, organization_id, month, Path(args.out))
    else:
        first, last = parse_month(args.first), parse_month(args.last)
        if first is None or last is None:
            bad = args.first if first is None else args.last
            _say(_tr("Tháng “{text}” không hợp lệ: hãy ghi theo dạng tháng/năm, ví dụ 11/2026.").format(
                text=bad or ""))
            return 2
        built = write_fee_report_pdf(database, organization_id, first, last, Path(args.out))
    print(_tr("Đã ghi {path} ({pages} trang).").format(path=built.path, pages=built.pages))
    return 0


def _arrears(database: Database, args: argparse.Namespace, organization_id: int) -> int:
    from desktop.services import clock
    from desktop.services.fees import member_arrears

    year = args.year or clock.today().year
    rows = member_arrears(database, organization_id, year)
    for row in rows:
        months = ", ".join(f"{m.month:02d}" for m in row.unpaid_months)
        warning = _tr("đủ căn cứ xem xét xóa tên") if row.removal_warning else ""
        print("\t".join((row.full_name, row.cell_name, _tr("chưa nộp tháng {months}").format(months=months),
                         warning)).rstrip("\t"))
    print(_tr("{count} đảng viên còn nợ đảng phí năm {year}.").format(count=len(rows), year=year), file=sys.stderr)
    return 0


def _badges(database: Database, args: argparse.Namespace, organization_id: int) -> int:
    from desktop.models.dates import format_date, parse_date
    from desktop.reports.badges_fees import badge_note, write_badges_due_pdf
    from desktop.services.badges import badge_occasions, badges_due

    if args.occasion:
        try:
            occasion = parse_date(args.occasion)
        except ValueError:
            _say(_tr("Ngày “{text}” không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 02/09/2027.").format(
                text=args.occasion))
            return 2
    else:
        occasion = badge_occasions(database, count=1)[0]
    if args.out:
        built = write_badges_due_pdf(database, organization_id, occasion, Path(args.out))
        print(_tr("Đã ghi {path} ({pages} trang).").format(path=built.path, pages=built.pages))
        return 0
    rows = badges_due(database, organization_id, occasion)
    for row in rows:
        print("\t".join((row.full_name, format_date(row.date_of_birth, row.dob_precision), row.cell_name,
                         f"{row.party_age.years} năm {row.party_age.months} tháng", f"huy hiệu {row.milestone} năm",
                         format_date(row.reached_on), badge_note(row))).rstrip("\t"))
    _say(_tr("{count} đảng viên đến hạn tặng Huy hiệu Đảng đợt {date}.").format(
        count=len(rows), date=format_date(occasion)))
    return 0

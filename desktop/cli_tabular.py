"""`party-office import|export`: member and organisation lists as spreadsheets.

    party-office import members|orgs FILE [--org CODE] [--dry-run] [--update] [--create-cells]
                 [--errors FILE.xlsx] [--db PATH|URL] --user NAME
        .xlsx, .xls, .ods or .csv (UTF-8 or Windows-1258). All or nothing: exit 0 when every
        row was written (or, with --dry-run, would be), 1 when the file has problems (each is
        printed; nothing was written; --errors also writes them to an .xlsx), 2 when refused.
    party-office export members|orgs --org CODE --out FILE.xlsx [--status active|all|official|
                 probationary|gone] [--db PATH|URL] --user NAME
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_accounts import add_user_argument

if TYPE_CHECKING:
    from desktop.db.database import Database
    from desktop.services.tabular.outcome import ImportOutcome

STATUS_CHOICES = ("active", "all", "official", "probationary", "gone")


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def add_tabular_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    imports = commands.add_parser("import", help="import members or organisations from a spreadsheet")
    imports.add_argument("kind", choices=("members", "orgs"))
    imports.add_argument("file", help=".xlsx, .xls, .ods or .csv file")
    imports.add_argument("--org", help="code of the organisation the rows belong to (default: your scope)")
    imports.add_argument("--dry-run", dest="dry_run", action="store_true", help="check every row, write nothing")
    imports.add_argument("--update", action="store_true",
                         help="update existing records (same card number / citizen ID, same code) instead of skipping them")
    imports.add_argument("--create-cells", dest="create_cells", action="store_true",
                         help="members: create the cells a row names that do not exist, under --org")
    imports.add_argument("--errors", help="also write the problems to this .xlsx file")
    imports.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(imports)
    exports = commands.add_parser("export", help="export members or organisations to an .xlsx file")
    exports.add_argument("kind", choices=("members", "orgs"))
    exports.add_argument("--org", help="code of the organisation (default: your scope)")
    exports.add_argument("--out", required=True, help=".xlsx file to write")
    exports.add_argument("--status", choices=STATUS_CHOICES, default="active",
                         help="members: which ones (default: active, i.e. official and probationary)")
    exports.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
    add_user_argument(exports)


def run_tabular_command(database: Database, args: argparse.Namespace) -> int:
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.services.access import PermissionDenied
    from desktop.services.lookup import organization_id_by_code

    if not sign_in(database, args.user):
        return 2
    organization_id = None
    try:
        if args.org:
            organization_id = organization_id_by_code(database, args.org)
            if organization_id is None:
                _say(_tr("Không có tổ chức đảng nào mã “{code}”.").format(code=args.org))
                return 2
        if args.command == "import":
            return _import(database, args, organization_id)
        return _export(database, args, organization_id)
    except PermissionDenied:
        return say_permission_denied(database)


def _import(database: Database, args: argparse.Namespace, organization_id: int | None) -> int:
    from desktop.services.tabular.member_import import import_members
    from desktop.services.tabular.org_import import import_organizations
    from desktop.services.tabular.outcome import ExistingPolicy, ImportOptions

    options = ImportOptions(
        organization_id=organization_id,
        existing=ExistingPolicy.UPDATE if args.update else ExistingPolicy.SKIP,
        create_missing_cells=args.create_cells, dry_run=args.dry_run,
    )
    path = Path(args.file)
    if args.kind == "members":
        outcome = import_members(database, path, options)
    else:
        outcome = import_organizations(database, path, options)
    if outcome.problems:
        _report_problems(outcome, path, args.errors)
        return 1
    print(summary(outcome, args.kind, dry_run=args.dry_run))
    return 0


def summary(outcome: ImportOutcome, kind: str, dry_run: bool) -> str:
    """One sentence of what an import did (or, dry, would do)."""
    what = _tr("đảng viên") if kind == "members" else _tr("tổ chức đảng")
    counts = _tr("{created} {what} mới, {updated} cập nhật, {skipped} đã có nên bỏ qua").format(
        created=outcome.created, what=what, updated=outcome.updated, skipped=outcome.skipped)
    if outcome.organizations_created:
        counts += _tr(", {count} chi bộ mới").format(count=outcome.organizations_created)
    if dry_run:
        return _tr("Kiểm tra {rows} dòng: không có lỗi. Nếu nhập sẽ có {counts}. Chưa ghi gì.").format(
            rows=outcome.rows, counts=counts)
    return _tr("Đã nhập {rows} dòng trong {seconds:.1f} giây: {counts}.").format(
        rows=outcome.rows, seconds=outcome.seconds, counts=counts)


def problem_line(row: int, column: str, value: str, message: str) -> str:
    if row == 0:
        return message
    where = _tr("Dòng {row}").format(row=row)
    if column:
        where += _tr(", cột “{column}”").format(column=column)
    if value:
        where += _tr(" (“{value}”)").format(value=value)
    return f"{where}: {message}"


def _report_problems(outcome: ImportOutcome, path: Path, errors: str | None) -> None:
    from desktop.services.tabular.problem_list import write_problem_list
    from desktop.texts import problem_message

    for problem in outcome.problems:
        _say(problem_line(problem.row, problem.column, problem.value, problem_message(problem.problem)))
    total = len(outcome.problems) + outcome.more_problems
    if outcome.more_problems:
        _say(_tr("… và {count} lỗi nữa.").format(count=outcome.more_problems))
    _say(_tr("Tệp {name} có {count} lỗi: chưa có dữ liệu nào được ghi. Hãy sửa rồi nhập lại.").format(
        name=path.name, count=total))
    if errors:
        try:
            write_problem_list(Path(errors), outcome, path.name, problem_message)
        except OSError as error:
            _say(_tr("Không ghi được tệp {path}: {reason}").format(path=errors, reason=error.strerror))
        else:
            _say(_tr("Danh sách lỗi đã được ghi vào {path}.").format(path=errors))


def _export(database: Database, args: argparse.Namespace, organization_id: int | None) -> int:
    from desktop.models.enums import MemberStatus
    from desktop.services.members import MemberListQuery
    from desktop.services.tabular.exports import export_members, export_organizations

    statuses = {
        "active": (MemberStatus.FULL, MemberStatus.PROBATIONARY), "all": (),
        "official": (MemberStatus.FULL,), "probationary": (MemberStatus.PROBATIONARY,),
        "gone": (MemberStatus.REMOVED, MemberStatus.EXPELLED, MemberStatus.LEFT, MemberStatus.DECEASED,
                 MemberStatus.TRANSFERRED_OUT),
    }[args.status]
    try:
        if args.kind == "members":
            outcome = export_members(database, MemberListQuery(organization_id=organization_id, statuses=statuses),
                                     Path(args.out))
        else:
            outcome = export_organizations(database, organization_id, Path(args.out))
    except OSError as error:
        _say(_tr("Không ghi được tệp {path}: {reason}").format(path=args.out, reason=error.strerror))
        return 2
    print(_tr("Đã ghi {count} dòng vào {path}.").format(count=outcome.rows, path=outcome.path))
    return 0

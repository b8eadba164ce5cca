"""`party-office docs`: the document library from the command line.

    party-office docs add FILE [FILE …] --kind KIND --number NUMBER --issuer ISSUER --date DD/MM/YYYY
                          [--abstract TEXT] [--status STATUS] [--secret MARK] [--tags "a, b"] [--user NAME]
        add a document with its files (PDF, DOCX, TXT); KIND is the symbol of the number (NQ, CT,
        KL, QĐi, HD, TB, BC, KH, …) or KHAC; without --abstract the first line of the text is used.
    party-office docs search TEXT [--kind KIND] [--issuer ISSUER] [--year YYYY] [--status STATUS] [--limit N]
        ranked documents, diacritics and case ignored, each with its snippet (matches in «»).
    party-office docs list --out FILE.pdf [same filters, --text TEXT]
        the Danh mục văn bản report of the documents found.
    party-office docs completion --document ID --org CODE [--out FILE.pdf]
        how many members of each cell studied the document; --out: the report with the names.

Exit codes: 0 done, 1 refused by a rule (the messages are printed), 2 not signed in, not
allowed, or no such document, organisation or file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_accounts import add_user_argument

if TYPE_CHECKING:
    from desktop.db.database import Database
    from desktop.models.library_index import SnippetPart

STATUS_NAMES = ("IN_FORCE", "AMENDED", "REPLACED", "EXPIRED")
MARK_NAMES = ("NONE", "CONFIDENTIAL", "SECRET", "TOP_SECRET")


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Cli", text)


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kind", help="symbol of the kind (NQ, CT, KL, HD, …) or KHAC")
    parser.add_argument("--issuer", help="issuing body, as written (diacritics and case ignored)")
    parser.add_argument("--year", type=int, help="year of issue")
    parser.add_argument("--status", choices=STATUS_NAMES)


def add_docs_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    docs = commands.add_parser("docs", help="the document library (thư viện văn bản)")
    actions = docs.add_subparsers(dest="docs_command", required=True)
    add = actions.add_parser("add", help="add a document with its files")
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--kind", required=True, help="symbol of the kind (NQ, CT, KL, QĐi, HD, …) or KHAC")
    add.add_argument("--number", required=True, help="number and symbol, e.g. 05-NQ/ĐUK")
    add.add_argument("--issuer", required=True, help="issuing body, e.g. Đảng ủy Khối")
    add.add_argument("--date", required=True, help="issue date dd/mm/yyyy")
    add.add_argument("--abstract", help="trích yếu (default: the first line of the text)")
    add.add_argument("--status", choices=STATUS_NAMES, default="IN_FORCE")
    add.add_argument("--secret", choices=MARK_NAMES, default="NONE", help="secrecy mark")
    add.add_argument("--tags", help="comma-separated keywords")
    search = actions.add_parser("search", help="ranked search with snippets")
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=20)
    _filters(search)
    listing = actions.add_parser("list", help="write the list of documents found as a PDF")
    listing.add_argument("--text", default="")
    listing.add_argument("--out", required=True, help="PDF file to write")
    _filters(listing)
    completion = actions.add_parser("completion", help="study completion of a document in an organisation")
    completion.add_argument("--document", type=int, required=True, help="the document's number (id) in the library")
    completion.add_argument("--org", required=True, help="code of the organisation")
    completion.add_argument("--out", help="PDF report to write")
    for action in (add, search, listing, completion):
        action.add_argument("--db", dest="command_db", help="database file or SQLAlchemy URL")
        add_user_argument(action)


def run_docs_command(database: Database, args: argparse.Namespace) -> int:
    from desktop.cli_accounts import say_permission_denied, sign_in
    from desktop.library_texts import library_field_label
    from desktop.services.access import PermissionDenied
    from desktop.services.errors import RecordNotFound, ValidationFailed
    from desktop.texts import problem_message

    if not sign_in(database, args.user):
        return 2
    try:
        if args.docs_command == "add":
            return _add(database, args)
        if args.docs_command == "search":
            return _search(database, args)
        if args.docs_command == "list":
            return _list(database, args)
        return _completion(database, args)
    except PermissionDenied:
        return say_permission_denied(database)
    except RecordNotFound as missing:
        _say(_tr("Không có văn bản nào số {id} trong thư viện.").format(id=missing.record_id))
        return 2
    except ValidationFailed as failed:
        for problem in failed.problems:
            label = library_field_label(problem.field)
            _say(f"{label}: {problem_message(problem)}" if label else problem_message(problem))
        return 1


def parse_kind(text: str):  # type: ignore[no-untyped-def]
    """'NQ', 'nq', 'RESOLUTION', 'khac' → the DocumentKind; None when unknown."""
    from desktop.models.library import DocumentKind
    from desktop.models.text import fold

    wanted = fold(text.strip())
    for kind in DocumentKind:
        if wanted in (fold(kind.value), fold(kind.name)):
            return kind
    return None


def _query(args: argparse.Namespace, text: str):  # type: ignore[no-untyped-def]
    from desktop.models.library import DocumentStatus
    from desktop.services.library_search import LibraryQuery

    kind = None
    if args.kind:
        kind = parse_kind(args.kind)
        if kind is None:
            _say(_tr("Không có loại văn bản “{kind}”: hãy ghi ký hiệu như NQ, CT, KL, HD, TB, BC, KH.").format(
                kind=args.kind))
            return None
    return LibraryQuery(text, kind, args.issuer, args.year, DocumentStatus[args.status] if args.status else None)


def _add(database: Database, args: argparse.Namespace) -> int:
    from desktop.models.dates import parse_date
    from desktop.models.library import Confidentiality, DocumentStatus
    from desktop.models.library_rules import DocumentDraft
    from desktop.services.document_text import UnreadableFile, extract_text
    from desktop.services.library import IncomingFile, add_document

    kind = parse_kind(args.kind)
    if kind is None:
        _say(_tr("Không có loại văn bản “{kind}”: hãy ghi ký hiệu như NQ, CT, KL, HD, TB, BC, KH.").format(kind=args.kind))
        return 2
    try:
        issued = parse_date(args.date)
    except ValueError:
        _say(_tr("Ngày ban hành “{text}” không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/02/2026.").format(
            text=args.date))
        return 2
    files = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            _say(_tr("Không có tệp “{path}”.").format(path=name))
            return 2
        files.append(IncomingFile(path.name, path.read_bytes()))
    abstract = args.abstract
    if not abstract:
        try:
            text = extract_text(files[0].file_name, files[0].content)
        except UnreadableFile:
            text = ""
        abstract = next((line for line in text.splitlines() if line.strip()), "")[:300]
    draft = DocumentDraft(kind=kind, number=args.number, issuer=args.issuer, issue_date=issued, abstract=abstract,
                          status=DocumentStatus[args.status], confidentiality=Confidentiality[args.secret],
                          tags=args.tags)
    document_id = add_document(database, draft, files)
    print(_tr("Đã thêm văn bản số {number} (mã {id}) với {count} tệp.").format(
        number=args.number, id=document_id, count=len(files)))
    return 0


def marked_text(parts: tuple[SnippetPart, ...], bold: bool) -> str:
    """The parts with matches «marked» (or in bold on a terminal)."""
    start, end = ("\x1b[1m", "\x1b[0m") if bold else ("«", "»")
    return "".join(f"{start}{part.text}{end}" if part.matched else part.text for part in parts)


def _search(database: Database, args: argparse.Namespace) -> int:
    from desktop.library_texts import library_label
    from desktop.models.dates import format_date
    from desktop.services.library_search import search_library

    query = _query(args, args.text)
    if query is None:
        return 2
    results = search_library(database, query, 0, args.limit)
    bold = sys.stdout.isatty()
    for hit in results.hits:
        print("\t".join((str(hit.document_id), marked_text(hit.number_parts, bold), format_date(hit.issue_date),
                         library_label(hit.kind), hit.issuer, marked_text(hit.abstract_parts, bold),
                         library_label(hit.status))))
        if hit.snippet:
            print("\t" + marked_text(hit.snippet, bold))
    _say(_tr("{count} văn bản.").format(count=results.total))
    return 0


def _list(database: Database, args: argparse.Namespace) -> int:
    from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
    from desktop.services import clock
    from desktop.services.library_search import query_options
    from desktop.services.organizations import root_organizations

    query = _query(args, args.text)
    if query is None:
        return 2
    roots = root_organizations(database)
    if not roots:
        _say(_tr("Cơ sở dữ liệu chưa có tổ chức đảng nào."))
        return 2
    request = ReportRequest(ReportKind.LIBRARY_DOCUMENTS, roots[0].id, clock.today(), options=query_options(query))
    outcome = generate_report(database, request, Path(args.out))
    print(_tr("Đã ghi {path} ({pages} trang).").format(path=outcome.path, pages=outcome.pages))
    return 0


def _completion(database: Database, args: argparse.Namespace) -> int:
    from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
    from desktop.services import clock
    from desktop.services.lookup import organization_id_by_code
    from desktop.services.study_completion import study_completion

    organization_id = organization_id_by_code(database, args.org)
    if organization_id is None:
        _say(_tr("Không có tổ chức đảng nào mã “{code}”.").format(code=args.org))
        return 2
    summary = study_completion(database, args.document, organization_id)
    print("\t".join((_tr("Chi bộ"), _tr("Số đảng viên"), _tr("Đã học"), _tr("Chưa học"), _tr("Tỷ lệ"))))
    for cell in summary.cells:
        print("\t".join((cell.name, str(cell.expected), str(cell.studied), str(cell.missing), f"{cell.percent}%")))
    print("\t".join((_tr("Tổng cộng"), str(summary.expected), str(summary.studied),
                     str(summary.expected - summary.studied), f"{summary.percent}%")))
    if args.out:
        request = ReportRequest(ReportKind.STUDY_COMPLETION, organization_id, clock.today(), record_id=args.document)
        outcome = generate_report(database, request, Path(args.out))
        print(_tr("Đã ghi {path} ({pages} trang).").format(path=outcome.path, pages=outcome.pages))
    return 0

"""Rules of the document library and of study sessions: the number and symbol (§7.4), what a
document and its files must have, replacement links, sessions and make-up sessions.

Pure functions over drafts: the services load the facts (dates, limits) and call these.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.models.library import Confidentiality, DocumentKind, DocumentStatus, StudyForm
from desktop.models.member_rules import PARTY_FOUNDED
from desktop.models.problems import Problem, ProblemCode

# File kinds whose text the library extracts; anything else is refused (never run, never parsed).
ALLOWED_EXTENSIONS = {".pdf": "application/pdf",
                      ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      ".txt": "text/plain"}

# "Số 05-NQ/ĐUK", "05-NQ/ĐUK", "127-QĐ/TW": number, kind symbol, issuer symbol.
_PARTY_NUMBER = re.compile(r"^(?:số\s*)?(\d{1,5})\s*-\s*([^\W\d_]{1,5})\s*/\s*([^\s/]{1,20})$",
                           re.IGNORECASE)
_KIND_BY_SYMBOL = {kind.symbol.casefold(): kind for kind in DocumentKind if kind.symbol}


@dataclass(frozen=True)
class PartyNumber:
    sequence: int
    symbol: str  # as written: "NQ"
    issuer_code: str  # "ĐUK"

    @property
    def kind(self) -> DocumentKind | None:
        return _KIND_BY_SYMBOL.get(self.symbol.casefold())


def parse_party_number(text: str) -> PartyNumber | None:
    """'Số 05-NQ/ĐUK' → (5, 'NQ', 'ĐUK'); None for other numberings (state documents …)."""
    match = _PARTY_NUMBER.match(" ".join(text.split()))
    if not match:
        return None
    return PartyNumber(int(match.group(1)), match.group(2), match.group(3))


def format_party_number(sequence: int, kind: DocumentKind, issuer_code: str) -> str:
    """(5, RESOLUTION, 'ĐUK') → '05-NQ/ĐUK': numbers below 10 with a leading zero (§7.4)."""
    if kind.symbol is None:
        raise ValueError(kind)
    return f"{sequence:02d}-{kind.symbol}/{issuer_code}"


@dataclass(frozen=True)
class DocumentDraft:
    kind: DocumentKind
    number: str
    issuer: str
    issue_date: dt.date | None
    abstract: str
    status: DocumentStatus = DocumentStatus.IN_FORCE
    confidentiality: Confidentiality = Confidentiality.NONE
    tags: str | None = None
    replaced_by_id: int | None = None
    amended_by_id: int | None = None


@dataclass(frozen=True)
class LinkedDocument:
    """What the checks need of a document another one links to."""

    id: int
    number: str
    issue_date: dt.date


@dataclass(frozen=True)
class DocumentContext:
    today: dt.date
    document_id: int | None = None  # None: a new document
    replaced_by: LinkedDocument | None = None
    amended_by: LinkedDocument | None = None
    # Documents this one (transitively) replaces: none of them may be its replacement.
    replaces_ids: frozenset[int] = field(default_factory=frozenset)


def check_document(draft: DocumentDraft, context: DocumentContext) -> list[Problem]:
    problems: list[Problem] = []
    for name in ("number", "issuer", "abstract"):
        if not getattr(draft, name):
            problems.append(Problem(name, ProblemCode.REQUIRED))
    if draft.issue_date is None:
        problems.append(Problem("issue_date", ProblemCode.REQUIRED))
    elif draft.issue_date > context.today:
        problems.append(Problem("issue_date", ProblemCode.DATE_IN_FUTURE))
    elif draft.issue_date < PARTY_FOUNDED and draft.kind is not DocumentKind.OTHER:
        problems.append(Problem("issue_date", ProblemCode.DATE_BEFORE_PARTY_FOUNDED, {"founded": PARTY_FOUNDED}))
    if draft.number:
        parsed = parse_party_number(draft.number)
        if parsed is not None and draft.kind.symbol is not None and parsed.kind is not draft.kind:
            problems.append(Problem("number", ProblemCode.LIBRARY_NUMBER_KIND_MISMATCH,
                                    {"symbol": parsed.symbol, "kind": draft.kind}))
    problems.extend(_link_problems(draft, context))
    return problems


def _link_problems(draft: DocumentDraft, context: DocumentContext) -> Iterable[Problem]:
    if draft.status is DocumentStatus.REPLACED and draft.replaced_by_id is None:
        yield Problem("replaced_by_id", ProblemCode.LIBRARY_REPLACEMENT_REQUIRED)
    if draft.status is not DocumentStatus.REPLACED and draft.replaced_by_id is not None:
        yield Problem("replaced_by_id", ProblemCode.LIBRARY_REPLACEMENT_NOT_REPLACED)
    for name, linked in (("replaced_by_id", context.replaced_by), ("amended_by_id", context.amended_by)):
        if linked is None:
            continue
        if context.document_id is not None and linked.id == context.document_id:
            yield Problem(name, ProblemCode.LIBRARY_LINK_TO_ITSELF)
        elif linked.id in context.replaces_ids:
            yield Problem(name, ProblemCode.LIBRARY_LINK_CYCLE, {"number": linked.number})
        elif draft.issue_date is not None and linked.issue_date < draft.issue_date:
            yield Problem(name, ProblemCode.LIBRARY_LINK_OLDER,
                          {"number": linked.number, "date": linked.issue_date})


def check_file(file_name: str, size_bytes: int, limit_kb: int) -> list[Problem]:
    """A file may join the library: a known kind, not empty, within the size limit."""
    extension = file_extension(file_name)
    if extension not in ALLOWED_EXTENSIONS:
        return [Problem("file", ProblemCode.LIBRARY_FILE_KIND, {"extension": extension or file_name})]
    if size_bytes == 0:
        return [Problem("file", ProblemCode.LIBRARY_FILE_EMPTY)]
    if size_bytes > limit_kb * 1024:
        return [Problem("file", ProblemCode.LIBRARY_FILE_TOO_LARGE,
                        {"max_kb": limit_kb, "size_kb": -(-size_bytes // 1024)})]
    return []


def file_extension(file_name: str) -> str:
    dot = file_name.rfind(".")
    return file_name[dot:].lower() if dot > 0 else ""


# -- study sessions ---------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceMark:
    member_id: int
    present: bool
    absence_reason: str | None = None


@dataclass(frozen=True)
class StudySessionDraft:
    document_id: int
    organization_id: int
    session_date: dt.date | None
    form: StudyForm
    presenter: str
    attendance: tuple[AttendanceMark, ...]
    makeup_of_id: int | None = None
    notes: str | None = None


@dataclass(frozen=True)
class StudyContext:
    today: dt.date
    document_issue_date: dt.date
    expected_member_ids: frozenset[int]  # members the organisation's attendance may list
    original_date: dt.date | None = None  # the missed session of a make-up session
    original_document_id: int | None = None


def check_study_session(draft: StudySessionDraft, context: StudyContext) -> list[Problem]:
    problems: list[Problem] = []
    if not draft.presenter:
        problems.append(Problem("presenter", ProblemCode.REQUIRED))
    if draft.session_date is None:
        problems.append(Problem("session_date", ProblemCode.REQUIRED))
    elif draft.session_date > context.today:
        problems.append(Problem("session_date", ProblemCode.DATE_IN_FUTURE))
    elif draft.session_date < context.document_issue_date:
        problems.append(Problem("session_date", ProblemCode.STUDY_BEFORE_ISSUE,
                                {"issued": context.document_issue_date}))
    if draft.makeup_of_id is not None:
        if context.original_document_id != draft.document_id:
            problems.append(Problem("makeup_of_id", ProblemCode.STUDY_MAKEUP_OTHER_DOCUMENT))
        elif (draft.session_date is not None and context.original_date is not None
              and draft.session_date <= context.original_date):
            problems.append(Problem("session_date", ProblemCode.STUDY_MAKEUP_NOT_AFTER,
                                    {"original": context.original_date}))
    if not draft.attendance:
        problems.append(Problem("attendance", ProblemCode.STUDY_NO_ATTENDANCE))
    seen: set[int] = set()
    for mark in draft.attendance:
        if mark.member_id not in context.expected_member_ids:
            problems.append(Problem("attendance", ProblemCode.STUDY_MEMBER_OUTSIDE, {"member_id": mark.member_id}))
        if mark.member_id in seen:
            problems.append(Problem("attendance", ProblemCode.STUDY_MEMBER_TWICE, {"member_id": mark.member_id}))
        seen.add(mark.member_id)
    return problems


def completion_percent(studied: int, expected: int) -> int:
    """Whole percent of the expected members who studied (rounded down: 99.6 % is not 100 %)."""
    return 100 if expected == 0 else studied * 100 // expected

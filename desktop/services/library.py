"""The document library's use cases, one transaction each (domain spec §9).

- `add_document`: a document with its files; every file checked (kind, size, same file
  already kept, readable) and its text extracted before anything is written; indexed.
- `update_document`: the document's own fields (status and links included); re-indexed.
- `add_file`, `remove_file`: a document's files; the text and index follow.
- `mark_replaced`: the document is replaced by a newer one (the link and the status).
- `document_details`, `file_content`: reading; a marked document's file is logged when read
  and never handed out for opening outside the application.

Permission: VIEW_REGISTER to read, EDIT_REGISTER to write. The library belongs to the whole
committee: it is not restricted to the actor's organisation subtree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.library import (
    FILE_NAME_LENGTH,
    DocumentStatus,
    LibraryDocument,
    LibraryDocumentText,
    LibraryFile,
)
from desktop.models.library_rules import (
    ALLOWED_EXTENSIONS,
    DocumentContext,
    DocumentDraft,
    LinkedDocument,
    check_document,
    check_file,
    file_extension,
)
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode
from desktop.models.text import fold, nfc
from desktop.services import clock
from desktop.services.access import require
from desktop.services.audit import record_read
from desktop.services.document_text import UnreadableFile, extract_text
from desktop.services.editing import load_for_edit, refused_if_changed
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.library_index import IndexedDocument, index_documents

_FILE_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class IncomingFile:
    file_name: str
    content: bytes


@dataclass(frozen=True)
class _ReadFile:
    file_name: str
    media_type: str
    content: bytes
    sha256: str
    text: str


def normalised_document(draft: DocumentDraft) -> DocumentDraft:
    return replace(draft, number=nfc(draft.number) or "", issuer=nfc(draft.issuer) or "",
                   abstract=nfc(draft.abstract) or "", tags=_normalised_tags(draft.tags))


def _normalised_tags(tags: str | None) -> str | None:
    words = [nfc(tag) or "" for tag in (tags or "").replace(";", ",").split(",")]
    unique = list(dict.fromkeys(tag for tag in words if tag))
    return ", ".join(unique) or None


def add_document(database: Database, draft: DocumentDraft, files: Sequence[IncomingFile] = ()) -> int:
    actor = require(database, Permission.EDIT_REGISTER)
    draft = normalised_document(draft)
    with database.transaction() as session:
        problems = check_document(draft, _context(session, draft, None))
        rules = RuleBook.load(session)
        today = clock.today()
        try:
            read = _read_files(session, files, int(rules.value(RuleCode.LIBRARY_FILE_MAX_KB, today)), draft.number)
        except ValidationFailed as failed:
            raise ValidationFailed([*problems, *failed.problems]) from None
        if problems:
            raise ValidationFailed(problems)
        document = LibraryDocument(added_at=clock.now(), added_by=actor.username)
        _apply(document, draft)
        session.add(document)
        session.flush()
        for item in read:
            session.add(_file_row(document.id, item, actor.username))
        text = _joined(item.text for item in read)[: int(rules.value(RuleCode.LIBRARY_INDEXED_CHARS, today))]
        session.add(LibraryDocumentText(document_id=document.id, text=text))
        session.flush()
        _index(session, document, text, replace_old=False)
        return document.id


def update_document(database: Database, document_id: int, expected_version: int, draft: DocumentDraft) -> int:
    """The document's fields; returns the new version."""
    require(database, Permission.EDIT_REGISTER)
    draft = normalised_document(draft)
    with refused_if_changed(document_id), database.transaction() as session:
        document = load_for_edit(session, LibraryDocument, document_id, expected_version)
        problems = check_document(draft, _context(session, draft, document_id))
        if problems:
            raise ValidationFailed(problems)
        _apply(document, draft)
        session.flush()
        _index(session, document, _text_of(session, document_id))
        return document.version


def mark_replaced(database: Database, document_id: int, replaced_by_id: int) -> None:
    """`document_id` is replaced by `replaced_by_id` (a newer document of the library)."""
    require(database, Permission.EDIT_REGISTER)
    with database.transaction() as session:
        document = session.get(LibraryDocument, document_id)
        if document is None:
            raise RecordNotFound(document_id)
        draft = replace(_draft_of(document), status=DocumentStatus.REPLACED, replaced_by_id=replaced_by_id)
        problems = check_document(draft, _context(session, draft, document_id))
        if problems:
            raise ValidationFailed(problems)
        document.status = draft.status
        document.replaced_by_id = replaced_by_id


def add_file(database: Database, document_id: int, incoming: IncomingFile) -> int:
    actor = require(database, Permission.EDIT_REGISTER)
    with database.transaction() as session:
        document = session.get(LibraryDocument, document_id)
        if document is None:
            raise RecordNotFound(document_id)
        rules = RuleBook.load(session)
        today = clock.today()
        (item,) = _read_files(session, [incoming], int(rules.value(RuleCode.LIBRARY_FILE_MAX_KB, today)),
                              document.number)
        row = _file_row(document_id, item, actor.username)
        session.add(row)
        stored = session.get(LibraryDocumentText, document_id)
        limit = int(rules.value(RuleCode.LIBRARY_INDEXED_CHARS, today))
        text = _joined([stored.text if stored else "", item.text])[:limit]
        if stored is None:
            session.add(LibraryDocumentText(document_id=document_id, text=text))
        else:
            stored.text = text
        session.flush()
        _index(session, document, text)
        return row.id


def remove_file(database: Database, file_id: int) -> None:
    require(database, Permission.EDIT_REGISTER)
    with database.transaction() as session:
        row = session.get(LibraryFile, file_id)
        if row is None:
            raise RecordNotFound(file_id)
        document = session.get(LibraryDocument, row.document_id)
        assert document is not None
        session.delete(row)
        session.flush()
        # The remaining files' text, extracted again: the stored text has no per-file bounds.
        remaining = session.scalars(select(LibraryFile).where(LibraryFile.document_id == document.id)
                                    .order_by(LibraryFile.id)).all()
        limit = int(RuleBook.load(session).value(RuleCode.LIBRARY_INDEXED_CHARS, clock.today()))
        text = _joined(extract_text(item.file_name, item.content) for item in remaining)[:limit]
        stored = session.get(LibraryDocumentText, document.id)
        if stored is not None:
            stored.text = text
        session.flush()
        _index(session, document, text)


# -- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FileRow:
    id: int
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    text_chars: int
    added_at: dt.datetime
    added_by: str


@dataclass(frozen=True)
class LinkRow:
    id: int
    number: str
    issue_date: dt.date
    abstract: str


@dataclass(frozen=True)
class DocumentDetails:
    id: int
    version: int
    draft: DocumentDraft
    added_at: dt.datetime
    added_by: str
    files: tuple[FileRow, ...]
    replaced_by: LinkRow | None
    amended_by: LinkRow | None
    replaces: tuple[LinkRow, ...]  # the documents this one replaced
    amends: tuple[LinkRow, ...]


def document_details(database: Database, document_id: int) -> DocumentDetails:
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        document = session.get(LibraryDocument, document_id)
        if document is None:
            raise RecordNotFound(document_id)
        files = tuple(FileRow(*row) for row in session.execute(
            select(LibraryFile.id, LibraryFile.file_name, LibraryFile.media_type, LibraryFile.size_bytes,
                   LibraryFile.sha256, LibraryFile.text_chars, LibraryFile.added_at, LibraryFile.added_by)
            .where(LibraryFile.document_id == document_id).order_by(LibraryFile.id)))
        return DocumentDetails(
            id=document.id, version=document.version, draft=_draft_of(document), added_at=document.added_at,
            added_by=document.added_by, files=files,
            replaced_by=_link(session, document.replaced_by_id), amended_by=_link(session, document.amended_by_id),
            replaces=_links(session, LibraryDocument.replaced_by_id == document_id),
            amends=_links(session, LibraryDocument.amended_by_id == document_id))


def file_content(database: Database, file_id: int, *, to_open_outside: bool = False) -> tuple[str, bytes]:
    """(file name, bytes). A marked document's file is logged as read, and refused when it
    would leave the application as a plain copy (§10.3)."""
    require(database, Permission.VIEW_REGISTER)
    with database.transaction() as session:
        row = session.get(LibraryFile, file_id)
        if row is None:
            raise RecordNotFound(file_id)
        document = session.get(LibraryDocument, row.document_id)
        assert document is not None
        if document.confidentiality.is_marked:
            if to_open_outside:
                raise ValidationFailed([Problem("file", ProblemCode.LIBRARY_FILE_SECRET)])
            record_read(session, LibraryFile.__tablename__, file_id)
        return row.file_name, row.content


def document_text(database: Database, document_id: int) -> str:
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        return _text_of(session, document_id)


# -- helpers ----------------------------------------------------------------------------


def _apply(document: LibraryDocument, draft: DocumentDraft) -> None:
    assert draft.issue_date is not None
    document.kind = draft.kind
    document.number = draft.number
    document.number_key = fold(draft.number)
    document.issuer = draft.issuer
    document.issuer_key = fold(draft.issuer)
    document.issue_date = draft.issue_date
    document.abstract = draft.abstract
    document.status = draft.status
    document.confidentiality = draft.confidentiality
    document.tags = draft.tags
    document.replaced_by_id = draft.replaced_by_id
    document.amended_by_id = draft.amended_by_id


def _draft_of(document: LibraryDocument) -> DocumentDraft:
    return DocumentDraft(kind=document.kind, number=document.number, issuer=document.issuer,
                         issue_date=document.issue_date, abstract=document.abstract, status=document.status,
                         confidentiality=document.confidentiality, tags=document.tags,
                         replaced_by_id=document.replaced_by_id, amended_by_id=document.amended_by_id)


def _context(session: Session, draft: DocumentDraft, document_id: int | None) -> DocumentContext:
    return DocumentContext(
        today=clock.today(), document_id=document_id,
        replaced_by=_linked(session, draft.replaced_by_id), amended_by=_linked(session, draft.amended_by_id),
        replaces_ids=_replaced_chain(session, document_id) if document_id is not None else frozenset())


def _linked(session: Session, document_id: int | None) -> LinkedDocument | None:
    if document_id is None:
        return None
    row = session.execute(select(LibraryDocument.id, LibraryDocument.number, LibraryDocument.issue_date)
                          .where(LibraryDocument.id == document_id)).one_or_none()
    if row is None:
        raise RecordNotFound(document_id)
    return LinkedDocument(*row)


def _replaced_chain(session: Session, document_id: int) -> frozenset[int]:
    """Every document `document_id` replaced, directly or through others (a short chain)."""
    found: set[int] = set()
    frontier = {document_id}
    while frontier:
        frontier = set(session.scalars(select(LibraryDocument.id).where(
            LibraryDocument.replaced_by_id.in_(frontier)))) - found - {document_id}
        found |= frontier
    return frozenset(found)


def _link(session: Session, document_id: int | None) -> LinkRow | None:
    if document_id is None:
        return None
    links = _links(session, LibraryDocument.id == document_id)
    return links[0] if links else None


def _links(session: Session, condition: object) -> tuple[LinkRow, ...]:
    return tuple(LinkRow(*row) for row in session.execute(
        select(LibraryDocument.id, LibraryDocument.number, LibraryDocument.issue_date, LibraryDocument.abstract)
        .where(condition).order_by(LibraryDocument.issue_date, LibraryDocument.id)))  # type: ignore[arg-type]


def _read_files(session: Session, files: Sequence[IncomingFile], limit_kb: int, number: str) -> list[_ReadFile]:
    """Every file checked and read, or ValidationFailed with all their problems."""
    problems: list[Problem] = []
    read: list[_ReadFile] = []
    seen: set[str] = set()
    for incoming in files:
        name = (nfc(incoming.file_name) or "")[-FILE_NAME_LENGTH:]
        file_problems = check_file(name, len(incoming.content), limit_kb)
        if file_problems:
            problems.extend(file_problems)
            continue
        digest = hashlib.sha256(incoming.content).hexdigest()
        if digest in seen:  # the same file twice in one addition
            problems.append(Problem("file", ProblemCode.LIBRARY_FILE_DUPLICATE, {"file_name": name, "number": number}))
            continue
        kept = session.execute(select(LibraryFile.file_name, LibraryDocument.number)
                               .join(LibraryDocument, LibraryDocument.id == LibraryFile.document_id)
                               .where(LibraryFile.sha256 == digest)).first()
        if kept is not None:
            problems.append(Problem("file", ProblemCode.LIBRARY_FILE_DUPLICATE, {"file_name": name, "number": kept[1]}))
            continue
        try:
            text = extract_text(name, incoming.content)
        except UnreadableFile:
            problems.append(Problem("file", ProblemCode.LIBRARY_FILE_UNREADABLE, {"file_name": name}))
            continue
        seen.add(digest)
        read.append(_ReadFile(name, ALLOWED_EXTENSIONS[file_extension(name)], incoming.content, digest, text))
    if problems:
        raise ValidationFailed(problems)
    return read


def _file_row(document_id: int, item: _ReadFile, username: str) -> LibraryFile:
    return LibraryFile(document_id=document_id, file_name=item.file_name, media_type=item.media_type,
                       size_bytes=len(item.content), sha256=item.sha256, content=item.content,
                       text_chars=len(item.text), added_at=clock.now(), added_by=username)


def _joined(texts: object) -> str:
    return _FILE_SEPARATOR.join(text for text in texts if text)  # type: ignore[attr-defined]


def _text_of(session: Session, document_id: int) -> str:
    return session.scalar(select(LibraryDocumentText.text).where(LibraryDocumentText.document_id == document_id)) or ""


def _index(session: Session, document: LibraryDocument, text: str, *, replace_old: bool = True) -> None:
    index_documents(session.connection(), [IndexedDocument(document.id, document.number, document.abstract,
                                                           document.issuer, document.tags, text)],
                    replace=replace_old)

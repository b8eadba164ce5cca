"""Searching the document library: ranked, case- and diacritic-insensitive, with snippets.

A query's words are folded as the index folds them (desktop.models.library_index); a word
that is not a term of the index matches the terms it begins ("quyet" finds "quyet", "nghi"
finds "nghi" and "nghiem"). Every word must match (AND). A document's score is the sum over
the words of idf × saturated weight (BM25 without length normalisation), computed by the
database in one grouped query over the postings of those terms only; the page's snippets
are cut from the stored text around the first place of the rarest word.

Without words, the filtered list is ordered by issue date, newest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, case, func, literal, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.library import (
    Confidentiality,
    DocumentKind,
    DocumentStatus,
    LibraryDocument,
    LibraryDocumentText,
    LibraryPosting,
    LibraryTerm,
)
from desktop.models.library_index import (
    SATURATION,
    SNIPPET_LENGTH,
    SnippetPart,
    highlighted,
    inverse_frequency,
    query_terms,
    snippet,
    snippet_window_start,
)
from desktop.models.permissions import Permission
from desktop.models.text import fold
from desktop.services.access import require

PREFIX_EXPANSION = 40  # terms a word may stand for when it is only the start of words


@dataclass(frozen=True)
class LibraryQuery:
    text: str = ""
    kind: DocumentKind | None = None
    issuer: str | None = None  # the issuing body, matched folded and whole
    year: int | None = None
    status: DocumentStatus | None = None


@dataclass(frozen=True)
class LibraryHit:
    document_id: int
    kind: DocumentKind
    number: str
    issuer: str
    issue_date: dt.date
    abstract: str
    status: DocumentStatus
    confidentiality: Confidentiality
    score: float
    abstract_parts: tuple[SnippetPart, ...]
    number_parts: tuple[SnippetPart, ...]
    snippet: tuple[SnippetPart, ...]  # from the files' text; () when the words are only in the abstract


@dataclass(frozen=True)
class LibraryResults:
    hits: tuple[LibraryHit, ...]
    total: int
    terms: tuple[str, ...] = field(default_factory=tuple)  # the folded terms matched


def search_library(database: Database, query: LibraryQuery, offset: int = 0, limit: int = 20) -> LibraryResults:
    require(database, Permission.VIEW_REGISTER)
    words = query_terms(query.text)
    with database.reading() as session:
        if not words:
            return _listed(session, query, offset, limit)
        groups = _term_groups(session, words)
        if groups is None:
            return LibraryResults((), 0, ())
        return _ranked(session, query, groups, offset, limit)


def _filters(query: LibraryQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.kind is not None:
        conditions.append(LibraryDocument.kind == query.kind)
    if query.issuer:
        conditions.append(LibraryDocument.issuer_key == fold(" ".join(query.issuer.split())))
    if query.year is not None:
        conditions.append(and_(LibraryDocument.issue_date >= dt.date(query.year, 1, 1),
                               LibraryDocument.issue_date <= dt.date(query.year, 12, 31)))
    if query.status is not None:
        conditions.append(LibraryDocument.status == query.status)
    return conditions


def _listed(session: Session, query: LibraryQuery, offset: int, limit: int) -> LibraryResults:
    conditions = _filters(query)
    total = session.scalar(select(func.count()).select_from(LibraryDocument).where(*conditions)) or 0
    documents = session.scalars(
        select(LibraryDocument).where(*conditions)
        .order_by(LibraryDocument.issue_date.desc(), LibraryDocument.id.desc()).offset(offset).limit(limit)).all()
    hits = tuple(_hit(document, 0.0, (), ()) for document in documents)
    return LibraryResults(hits, total, ())


def _term_groups(session: Session, words: list[str]) -> list[dict[int, str]] | None:
    """For each word, the index terms it stands for ({term id: term}); None if a word has none."""
    exact = dict(session.execute(select(LibraryTerm.term, LibraryTerm.id).where(LibraryTerm.term.in_(words))).all())
    groups: list[dict[int, str]] = []
    for word in words:
        if word in exact:
            groups.append({exact[word]: word})
            continue
        upper = word[:-1] + chr(ord(word[-1]) + 1)
        rows = session.execute(
            select(LibraryTerm.id, LibraryTerm.term).where(LibraryTerm.term >= word, LibraryTerm.term < upper)
            .order_by(LibraryTerm.term).limit(PREFIX_EXPANSION)).all()
        if not rows:
            return None
        groups.append(dict(rows))
    return groups


def _ranked(session: Session, query: LibraryQuery, groups: list[dict[int, str]], offset: int,
            limit: int) -> LibraryResults:
    all_ids = [term_id for group in groups for term_id in group]
    documents = session.scalar(select(func.count()).select_from(LibraryDocument)) or 0
    frequency = dict(session.execute(
        select(LibraryPosting.term_id, func.count()).where(LibraryPosting.term_id.in_(all_ids))
        .group_by(LibraryPosting.term_id)).all())
    idf = {term_id: inverse_frequency(documents, frequency.get(term_id, 0)) for term_id in all_ids}
    group_of = {term_id: index for index, group in enumerate(groups) for term_id in group}
    term_weight = case({term_id: literal(round(value, 6)) for term_id, value in idf.items()},
                       value=LibraryPosting.term_id, else_=literal(0.0))
    term_group = case({term_id: literal(index) for term_id, index in group_of.items()},
                      value=LibraryPosting.term_id, else_=literal(-1))
    saturated = LibraryPosting.weight * (SATURATION + 1.0) / (LibraryPosting.weight + SATURATION)
    score = func.sum(term_weight * saturated).label("score")
    statement = select(LibraryPosting.document_id, score)
    filters = _filters(query)
    if filters:  # joined only when needed: the postings alone answer an unfiltered search
        statement = statement.join(LibraryDocument, LibraryDocument.id == LibraryPosting.document_id)
    statement = (
        statement.where(LibraryPosting.term_id.in_(all_ids), *filters)
        .group_by(LibraryPosting.document_id)
        .having(func.count(term_group.distinct()) == len(groups))
        .order_by(score.desc(), LibraryPosting.document_id.desc())
    )
    ranked = session.execute(statement).all()
    page = ranked[offset:offset + limit]
    terms = tuple(sorted({term for group in groups for term in group.values()}))
    if not page:
        return LibraryResults((), len(ranked), terms)
    page_ids = [document_id for document_id, _ in page]
    loaded = {document.id: document for document in session.scalars(
        select(LibraryDocument).where(LibraryDocument.id.in_(page_ids)))}
    snippets = _snippets(session, page_ids, all_ids, idf, terms)
    hits = tuple(_hit(loaded[document_id], float(value), terms, snippets.get(document_id, ()))
                 for document_id, value in page)
    return LibraryResults(hits, len(ranked), terms)


def _snippets(session: Session, document_ids: list[int], term_ids: list[int], idf: dict[int, float],
              terms: tuple[str, ...]) -> dict[int, tuple[SnippetPart, ...]]:
    """Around the first place of the rarest matched term in each document's text."""
    best: dict[int, tuple[float, int]] = {}
    for document_id, term_id, offset in session.execute(
            select(LibraryPosting.document_id, LibraryPosting.term_id, LibraryPosting.first_offset)
            .where(LibraryPosting.document_id.in_(document_ids), LibraryPosting.term_id.in_(term_ids),
                   LibraryPosting.first_offset.is_not(None))):
        key = (-idf[term_id], offset)
        if document_id not in best or key < best[document_id]:
            best[document_id] = key
    if not best:
        return {}
    starts = {document_id: snippet_window_start(offset) for document_id, (_, offset) in best.items()}
    # One statement for the page: each document's window read from its own start.
    start_of = case({document_id: literal(start + 1) for document_id, start in starts.items()},
                    value=LibraryDocumentText.document_id)
    windows = session.execute(
        select(LibraryDocumentText.document_id, func.substr(LibraryDocumentText.text, start_of, SNIPPET_LENGTH))
        .where(LibraryDocumentText.document_id.in_(list(starts)))).all()
    return {document_id: snippet(window or "", starts[document_id], terms) for document_id, window in windows}


def _hit(document: LibraryDocument, score: float, terms: tuple[str, ...],
         text_snippet: tuple[SnippetPart, ...]) -> LibraryHit:
    return LibraryHit(
        document_id=document.id, kind=document.kind, number=document.number, issuer=document.issuer,
        issue_date=document.issue_date, abstract=document.abstract, status=document.status,
        confidentiality=document.confidentiality, score=score,
        abstract_parts=highlighted(document.abstract, terms), number_parts=highlighted(document.number, terms),
        snippet=text_snippet)


def library_issuers(database: Database) -> list[str]:
    """The issuing bodies of the library, for the filter (a few dozen distinct names)."""
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        return list(session.scalars(select(LibraryDocument.issuer).distinct().order_by(LibraryDocument.issuer)))


def library_years(database: Database) -> list[int]:
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        first, last = session.execute(select(func.min(LibraryDocument.issue_date),
                                             func.max(LibraryDocument.issue_date))).one()
    if first is None:
        return []
    return list(range(last.year, first.year - 1, -1))


def query_from_options(options: dict[str, str]) -> LibraryQuery:
    """A query from report options or command-line words: text, kind, issuer, year, status
    (kind and status by their enum names). Unknown names raise KeyError, a bad year ValueError."""
    return LibraryQuery(
        text=options.get("text", ""),
        kind=DocumentKind[options["kind"]] if options.get("kind") else None,
        issuer=options.get("issuer") or None,
        year=int(options["year"]) if options.get("year") else None,
        status=DocumentStatus[options["status"]] if options.get("status") else None,
    )


def query_options(query: LibraryQuery) -> tuple[tuple[str, str], ...]:
    """The inverse of query_from_options, for a ReportRequest."""
    pairs = (("text", query.text), ("kind", query.kind.name if query.kind else ""), ("issuer", query.issuer or ""),
             ("year", str(query.year) if query.year else ""), ("status", query.status.name if query.status else ""))
    return tuple((name, value) for name, value in pairs if value)


@dataclass(frozen=True)
class NumberMatch:
    document_id: int
    number: str
    issue_date: dt.date
    abstract: str


def documents_by_number(database: Database, number: str) -> list[NumberMatch]:
    """The documents bearing this number and symbol (written with or without marks), newest
    first: numbers start again from 01 in each term, so one number may name several."""
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        return [NumberMatch(*row) for row in session.execute(
            select(LibraryDocument.id, LibraryDocument.number, LibraryDocument.issue_date, LibraryDocument.abstract)
            .where(LibraryDocument.number_key == fold(" ".join(number.split())))
            .order_by(LibraryDocument.issue_date.desc(), LibraryDocument.id.desc()))]

"""Writing the library's search index: a document's folded terms as postings.

The postings are written with Core on the session's connection (thousands per document; the
audit trail records the document, its files and text, not each posting). The same writer
serves one document saved from the window and the demo's hundreds at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select

from desktop.db.bulk import bulk_insert
from desktop.models.library import LibraryPosting, LibraryTerm
from desktop.models.library_index import document_terms

_posting = LibraryPosting.__table__
_term = LibraryTerm.__table__
_CHUNK = 500  # parameters per IN list: far below every backend's limit


@dataclass(frozen=True)
class IndexedDocument:
    document_id: int
    number: str
    abstract: str
    issuer: str
    tags: str | None
    text: str


def index_documents(connection: Connection, documents: Sequence[IndexedDocument], *, replace: bool = True) -> None:
    """(Re)write the postings of `documents` (replace=False: new documents, nothing to delete)."""
    if replace:
        ids = [document.document_id for document in documents]
        for start in range(0, len(ids), _CHUNK):
            connection.execute(delete(_posting).where(_posting.c.document_id.in_(ids[start:start + _CHUNK])))
    terms_of = [(document.document_id,
                 document_terms(document.number, document.abstract, document.issuer, document.tags, document.text))
                for document in documents]
    ids_by_term = term_ids(connection, {term for _, stats in terms_of for term in stats})
    rows = [{"term_id": ids_by_term[term], "document_id": document_id, "weight": entry.weight,
             "first_offset": entry.first_offset}
            for document_id, stats in terms_of for term, entry in stats.items()]
    for start in range(0, len(rows), 20000):
        bulk_insert(connection, _posting, rows[start:start + 20000])


def term_ids(connection: Connection, terms: Iterable[str]) -> dict[str, int]:
    """The id of every term, inserting the new ones."""
    wanted = sorted(set(terms))
    found = _existing(connection, wanted)
    missing = [term for term in wanted if term not in found]
    if missing:
        _insert_new_terms(connection, missing)
        found.update(_existing(connection, missing))
    return found


def _existing(connection: Connection, terms: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(terms), _CHUNK):
        chunk = terms[start:start + _CHUNK]
        found.update((term, term_id) for term_id, term in connection.execute(
            select(_term.c.id, _term.c.term).where(_term.c.term.in_(chunk))))
    return found


def _insert_new_terms(connection: Connection, terms: Sequence[str]) -> None:
    """Dialect adapter: INSERT … ON CONFLICT DO NOTHING, so that two offices' clerks adding
    documents with the same new word at once on PostgreSQL do not fail (SQLite has one
    writer at a time; both dialects spell the clause the same way)."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif connection.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # another backend: a plain insert (one writer assumed)
        connection.execute(insert(_term), [{"term": term} for term in terms])
        return
    statement = dialect_insert(_term).on_conflict_do_nothing(index_elements=["term"])
    for start in range(0, len(terms), _CHUNK):
        connection.execute(statement, [{"term": term} for term in terms[start:start + _CHUNK]])


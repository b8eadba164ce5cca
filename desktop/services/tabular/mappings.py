"""Column mappings saved by users: the next file with the same titles maps itself.

An office receives the same spreadsheet layout month after month (the district's list, the
national database's export); the mapping fixed once in the dialog is kept per kind of import
and per set of titles (their folded text, in order). Shared by everyone using the database.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.imports import ImportMapping
from desktop.models.permissions import Permission
from desktop.services import clock
from desktop.services.access import require
from desktop.services.tabular.columns import MEMBER_COLUMNS, ORGANIZATION_COLUMNS

MEMBERS = "members"
ORGANIZATIONS = "organizations"
_KEYS = {
    MEMBERS: {column.key for column in MEMBER_COLUMNS},
    ORGANIZATIONS: {column.key for column in ORGANIZATION_COLUMNS},
}


def saved_mapping(database: Database, kind: str, signature: str) -> dict[str, int] | None:
    """The mapping saved for these titles, or None."""
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        text = session.scalar(
            select(ImportMapping.mapping).where(
                ImportMapping.kind == kind, ImportMapping.signature == signature
            )
        )
    if text is None:
        return None
    try:
        loaded = json.loads(text)
    except ValueError:
        return None
    if not isinstance(loaded, dict):
        return None
    return {key: index for key, index in loaded.items()
            if key in _KEYS[kind] and isinstance(index, int) and index >= 0}


def save_mapping(
    database: Database, kind: str, signature: str, titles: Sequence[str], mapping: dict[str, int]
) -> None:
    """Keep (or replace) the mapping of files with these titles (clerks who may import)."""
    require(database, Permission.EDIT_REGISTER)
    cleaned = {key: int(index) for key, index in mapping.items() if key in _KEYS[kind]}
    with database.transaction() as session:
        row = session.scalars(
            select(ImportMapping).where(ImportMapping.kind == kind, ImportMapping.signature == signature)
        ).first()
        if row is None:
            row = ImportMapping(kind=kind, signature=signature)
            session.add(row)
        row.titles = json.dumps(list(titles), ensure_ascii=False)
        row.mapping = json.dumps(cleaned, sort_keys=True)
        row.saved_at = clock.now()

"""Finding members by part of a name typed without diacritics, by card number or citizen ID.

The query is folded exactly like the stored key (desktop.models.text), then every word must
start some word of the key: 'ng v an' finds 'Nguyễn Văn An'. The database adapter decides how
(FTS5 on SQLite, LIKE elsewhere).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, or_, select

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.enums import DatePrecision, MemberStatus
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.models.text import search_terms
from desktop.services.access import require, scope_condition


@dataclass(frozen=True)
class SearchHit:
    id: int
    full_name: str
    date_of_birth: dt.date
    dob_precision: DatePrecision
    cell_name: str
    party_card_number: str | None
    status: MemberStatus

    @property
    def birth_text(self) -> str:
        return format_date(self.date_of_birth, self.dob_precision)


def search_condition(database: Database, text: str) -> ColumnElement[bool] | None:
    """WHERE condition matching `text`, or None when it holds no searchable word."""
    terms = search_terms(text)
    if not terms:
        return None
    return database.adapter.search_condition(terms)


def search_members(database: Database, text: str, limit: int = 50) -> list[SearchHit]:
    """Best matches first: the whole name typed exactly, then by name in Vietnamese order.

    Only members of cells in the signed-in user's scope are found."""
    actor = require(database, Permission.VIEW_REGISTER)
    condition = search_condition(database, text)
    if condition is None:
        return []
    typed = " ".join(search_terms(text))
    exact_name = or_(Member.search_key == typed, Member.search_key.startswith(typed + " "))
    statement = (
        select(
            Member.id, Member.full_name, Member.date_of_birth, Member.dob_precision,
            PartyOrganization.name, Member.party_card_number, Member.status,
        )
        .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
        .where(condition)
        .where(scope_condition(actor))
        .order_by(case((exact_name, 0), else_=1), Member.name_sort_key, Member.id)
        .limit(limit)
    )
    with database.reading() as session:
        return [SearchHit(*row) for row in session.execute(statement)]

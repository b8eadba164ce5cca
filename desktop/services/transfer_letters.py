"""Who issues a giấy giới thiệu sinh hoạt đảng and under which number (§7.4, §7.9).

The đảng ủy cơ sở of the sending cell issues it (a chi bộ cơ sở's superior committee, when the
database has one); letters are numbered from 01 per issuing committee and year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.document_header import default_issuer_code, default_issuer_name
from desktop.models.enums import OrgKind
from desktop.models.member import Member
from desktop.models.organization import PATH_SEPARATOR, PartyOrganization
from desktop.models.permissions import Permission
from desktop.models.transfers import MemberTransfer
from desktop.services.access import require, require_member_in_scope
from desktop.services.errors import RecordNotFound

LETTER_KIND_CODE = "GGT"  # Giấy giới thiệu (§7.4)
_GRASSROOTS = (OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL)


@dataclass(frozen=True)
class LetterIssuer:
    """The committee that signs a letter leaving a cell, and the grassroots organisation of it."""

    organization_id: int
    name: str
    code: str
    grassroots_id: int


def _lineage(session: Session, org_id: int) -> list[PartyOrganization]:
    """The organisation and its ancestors, nearest first."""
    path = session.scalar(select(PartyOrganization.path).where(PartyOrganization.id == org_id))
    if path is None:
        raise RecordNotFound(org_id)
    ids = [int(part) for part in path.split(PATH_SEPARATOR) if part]
    found = {org.id: org for org in session.scalars(select(PartyOrganization).where(PartyOrganization.id.in_(ids)))}
    return [found[i] for i in reversed(ids) if i in found]


def issuer_of_cell(session: Session, cell_id: int) -> LetterIssuer:
    """The giấy giới thiệu is issued by the đảng ủy cơ sở of the cell (§7.9); a chi bộ cơ sở's
    by its superior committee when it has one in the database, else by itself."""
    lineage = _lineage(session, cell_id)
    grassroots = next((org for org in lineage if org.kind in _GRASSROOTS), lineage[-1])
    issuer = grassroots
    if grassroots.kind is OrgKind.GRASSROOTS_CELL and grassroots.parent_id is not None:
        issuer = next(org for org in lineage if org.id == grassroots.parent_id)
    return LetterIssuer(
        organization_id=issuer.id,
        name=issuer.issuer_name or default_issuer_name(issuer.name, issuer.kind),
        code=issuer.issuer_code or default_issuer_code(issuer.kind),
        grassroots_id=grassroots.id,
    )


def letter_number_text(sequence: int, issuer_code: str) -> str:
    """'07-GGT/ĐU' (§7.4): the number below 10 with a leading zero."""
    return f"{sequence:02d}-{LETTER_KIND_CODE}/{issuer_code}"


def year_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def letter_holder(session: Session, issuer_id: int, sequence: int, day: dt.date) -> str | None:
    first, last = year_bounds(day)
    return session.scalar(
        select(Member.full_name)
        .join(MemberTransfer, MemberTransfer.member_id == Member.id)
        .where(MemberTransfer.issuing_org_id == issuer_id, MemberTransfer.letter_sequence == sequence,
               MemberTransfer.letter_date.between(first, last))
        .limit(1)
    )


def suggested_letter_sequence(database: Database, member_id: int, letter_date: dt.date) -> int:
    """The next free number of the letters the member's committee issued in the letter's year
    (the office may type another one)."""
    actor = require(database, Permission.EDIT_REGISTER)
    with database.reading() as session:
        require_member_in_scope(session, actor, member_id)
        cell_id = session.scalar(select(Member.cell_id).where(Member.id == member_id))
        assert cell_id is not None
        issuer = issuer_of_cell(session, cell_id)
        first, last = year_bounds(letter_date)
        highest = session.scalar(
            select(func.max(MemberTransfer.letter_sequence))
            .where(MemberTransfer.issuing_org_id == issuer.organization_id,
                   MemberTransfer.letter_date.between(first, last))
        )
        return (highest or 0) + 1

"""Finding records by the identifiers people type: organisation codes, card numbers, IDs."""

from __future__ import annotations

from sqlalchemy import or_, select

from desktop.db.database import Database
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.models.text import nfc


def organization_id_by_code(database: Database, code: str) -> int | None:
    with database.reading() as session:
        return session.scalar(
            select(PartyOrganization.id).where(PartyOrganization.code == nfc(code).strip())
        )


def member_id_by_identifier(database: Database, identifier: str) -> int | None:
    """The member whose party card number or citizen ID is `identifier`."""
    value = nfc(identifier).strip()
    with database.reading() as session:
        return session.scalar(
            select(Member.id).where(
                or_(Member.party_card_number == value, Member.national_id == value)
            )
        )

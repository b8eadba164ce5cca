"""Finding records by the identifiers people type: organisation codes, card numbers, IDs.

Only records in the signed-in user's scope are found: anything else answers None.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from desktop.db.database import Database
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.models.text import nfc
from desktop.services.access import require, scope_condition


def organization_id_by_code(database: Database, code: str) -> int | None:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        return session.scalar(
            select(PartyOrganization.id)
            .where(PartyOrganization.code == nfc(code).strip())
            .where(scope_condition(actor))
        )


def member_id_by_identifier(database: Database, identifier: str) -> int | None:
    """The member whose party card number or citizen ID is `identifier`."""
    actor = require(database, Permission.VIEW_REGISTER)
    value = nfc(identifier).strip()
    with database.reading() as session:
        return session.scalar(
            select(Member.id)
            .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
            .where(or_(Member.party_card_number == value, Member.national_id == value))
            .where(scope_condition(actor))
        )

"""The one place that writes the derived columns of members and organisations.

Every code path that inserts or updates members (the form, the demo, imports) goes through
here so that the search key, the collation key and the search index never drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.member import SEARCH_KEY_LENGTH, Member
from desktop.models.organization import PartyOrganization
from desktop.models.text import name_sort_key, search_key


def member_search_key(
    full_name: str, party_card_number: str | None = None, national_id: str | None = None,
    birth_name: str | None = None, alias: str | None = None,
) -> str:
    """Name words first (ranking reads the start of the key), then the identifiers."""
    key = search_key(full_name, party_card_number, national_id, birth_name, alias)
    return key[:SEARCH_KEY_LENGTH]


class _Named(Protocol):
    full_name: str
    party_card_number: str | None
    national_id: str | None
    birth_name: str | None
    alias: str | None


def member_keys(member: _Named) -> tuple[str, str]:
    """(search key, name sort key) of a member or a draft."""
    search = member_search_key(
        member.full_name, member.party_card_number, member.national_id, member.birth_name,
        member.alias,
    )
    return search, name_sort_key(member.full_name)


def apply_member_keys(member: Member) -> None:
    member.search_key, member.name_sort_key = member_keys(member)


def organization_search_key(code: str, name: str, short_name: str | None = None) -> str:
    return search_key(name, short_name, code)[:300]


def apply_organization_keys(organization: PartyOrganization) -> None:
    organization.search_key = organization_search_key(
        organization.code, organization.name, organization.short_name
    )


def sync_search_index(database: Database, session: Session, members: Sequence[Member]) -> None:
    """Write the members' keys to the search index, in the caller's transaction."""
    session.flush()
    database.adapter.write_search_keys(
        session.connection(), [(member.id, member.search_key) for member in members]
    )


def rebuild_search_index(database: Database, session: Session) -> None:
    """After bulk inserts that bypassed sync_search_index (the demo generator)."""
    database.adapter.rebuild_search_index(session.connection())

"""Who issues an organisation's documents: header lines, symbol, place, signer, recipients (§7).

Reads the organisation, its ancestors (by the ids of its path) and its current secretary;
the texts come from desktop.models.document_header.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.document_header import (
    SIGNER_TITLE,
    default_issuer_code,
    default_issuer_name,
    file_copy_recipient,
    report_recipient,
    signing_body,
)
from desktop.models.enums import CommitteeRole
from desktop.models.member import CommitteeMembership, Member
from desktop.models.organization import PATH_SEPARATOR, PartyOrganization
from desktop.models.permissions import Permission
from desktop.services.access import require, require_organization_in_scope
from desktop.services.errors import RecordNotFound

__all__ = ["IssuerInfo", "issuer_for"]


@dataclass(frozen=True)
class IssuerInfo:
    """Texts as stored or derived; upper-casing and punctuation are the printer's."""

    organization_id: int
    superior_name: str | None  # header line 1 (the superior đảng bộ); None: no line
    issuer_name: str  # header line 2, the issuing body
    issuer_code: str  # ĐU, CB, ... in "Số 07-BC/ĐU"
    place_name: str | None  # of the organisation or its nearest ancestor that has one
    signing_body: str  # "T/M ĐẢNG ỦY"
    signer_title: str  # "BÍ THƯ"
    signer_name: str | None  # the current secretary, None while the seat is vacant
    recipients: tuple[str, ...]  # "Nơi nhận" lines without "- " and without "," or "."


def issuer_for(database: Database, organization_id: int) -> IssuerInfo:
    """What the documents of `organization_id` print about their issuer."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        require_organization_in_scope(session, actor, organization_id)
        org = session.get(PartyOrganization, organization_id)
        if org is None:
            raise RecordNotFound(organization_id)
        ancestor_ids = [int(part) for part in org.path.split(PATH_SEPARATOR) if part][:-1]
        ancestors = {
            ancestor.id: ancestor
            for ancestor in session.scalars(
                select(PartyOrganization).where(PartyOrganization.id.in_(ancestor_ids))
            )
        }
        nearest_first = [org, *(ancestors[i] for i in reversed(ancestor_ids) if i in ancestors)]
        parent = ancestors.get(org.parent_id) if org.parent_id is not None else None
        signer = session.scalars(
            select(Member.full_name)
            .join(CommitteeMembership, CommitteeMembership.member_id == Member.id)
            .where(CommitteeMembership.organization_id == org.id)
            .where(CommitteeMembership.role == CommitteeRole.SECRETARY)
            .where(CommitteeMembership.end_date.is_(None))
            .order_by(CommitteeMembership.start_date.desc(), CommitteeMembership.id.desc())
            .limit(1)
        ).first()

        # The superior: the parent when it is in the database, else the one the record names.
        if parent is not None:
            superior_issuer: str | None = _issuer_name(parent)
        elif org.superior_name:
            superior_issuer = default_issuer_name(org.superior_name, None)
        else:
            superior_issuer = None
        recipients = (
            () if superior_issuer is None else (report_recipient(org.kind, superior_issuer),)
        ) + (file_copy_recipient(org.kind),)
        return IssuerInfo(
            organization_id=org.id,
            superior_name=org.superior_name or (parent.name if parent is not None else None),
            issuer_name=_issuer_name(org),
            issuer_code=org.issuer_code or default_issuer_code(org.kind),
            place_name=next((o.place_name for o in nearest_first if o.place_name), None),
            signing_body=signing_body(org.kind),
            signer_title=SIGNER_TITLE,
            signer_name=signer,
            recipients=recipients,
        )


def _issuer_name(org: PartyOrganization) -> str:
    return org.issuer_name or default_issuer_name(org.name, org.kind)

"""What every report reads before printing: the document style in force and the issuer's
header, signature and recipients (one place, so no report assembles them on its own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.db.database import Database
from desktop.models.document_header import document_number, place_and_date
from desktop.models.rules import RuleBook, RuleCode
from desktop.reports.frame import Closing, DocumentHeader, Signature
from desktop.reports.style import DocumentStyle
from desktop.services.document_issuer import IssuerInfo, issuer_for


@dataclass(frozen=True)
class IssuedParts:
    style: DocumentStyle
    header: DocumentHeader
    closing: Closing
    issuer: IssuerInfo


def document_style_on(database: Database, on: dt.date) -> DocumentStyle:
    with database.reading() as session:
        return DocumentStyle.from_rule(RuleBook.load(session).value(RuleCode.DOCUMENT_STYLE, on))


def issued_parts(
    database: Database, organization_id: int, issue_date: dt.date, kind_code: str | None
) -> IssuedParts:
    """Header, signature and recipients for a document the organisation issues on `issue_date`.

    `kind_code` ("BC", "NQ", …) gives the number line with a blank for the number, which the
    office fills in by hand from its register; None prints no number line (lists, forms).
    """
    issuer = issuer_for(database, organization_id)
    number = document_number(None, kind_code, issuer.issuer_code) if kind_code else None
    header = DocumentHeader(
        issuer_name=issuer.issuer_name,
        superior_name=issuer.superior_name,
        number=number,
        date=issue_date,
        place_and_date=place_and_date(issuer.place_name, issue_date),
    )
    closing = Closing(
        signature=Signature(
            authority=issuer.signing_body, title=issuer.signer_title, name=issuer.signer_name
        ),
        recipients=issuer.recipients,
    )
    return IssuedParts(document_style_on(database, issue_date), header, closing, issuer)

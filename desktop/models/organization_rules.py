"""Validation rules of a party organisation record (domain spec §1.1, §1.4).

Pure functions over a draft and the facts the service reads (the parent's kind and status,
the kinds of the children, the number of members): no database, no Qt.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.models.contacts import check_contacts
from desktop.models.enums import ALLOWED_CHILD_KINDS, OrgKind, OrgStatus
from desktop.models.organization import PartyOrganization
from desktop.models.problems import Problem, ProblemCode


@dataclass
class OrganizationDraft:
    """The editable fields of an organisation record, as the form delivers them."""

    code: str = ""
    name: str = ""
    short_name: str | None = None
    kind: OrgKind | None = None
    established_date: dt.date | None = None
    established_decision_ref: str | None = None
    is_overseas: bool = False
    country: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    area_type: str | None = None
    # Thể thức văn bản (§7): None prints what desktop.models.document_header derives.
    issuer_name: str | None = None
    issuer_code: str | None = None
    superior_name: str | None = None
    place_name: str | None = None


DOCUMENT_FIELDS = ("issuer_name", "issuer_code", "superior_name", "place_name")
OPTIONAL_TEXT_FIELDS = (
    "short_name", "established_decision_ref", "country", "address", "phone", "email", "area_type",
    *DOCUMENT_FIELDS,
)
TEXT_FIELDS = ("code", "name", *OPTIONAL_TEXT_FIELDS)


def column_length(name: str) -> int:
    """The stored length of a text column: the longest value the database accepts."""
    length = PartyOrganization.__table__.c[name].type.length
    assert isinstance(length, int)
    return length


CODE_MAX_LENGTH = column_length("code")
NAME_MIN_LENGTH = 2
NAME_MAX_LENGTH = column_length("name")
# Codes follow the national member database: unaccented letters, digits and . - _ only.
_CODE = re.compile(r"^[A-Za-z0-9._\-]+$")
# The issuer part of "Số 07-BC/ĐUK": letters (Đ included) and digits, no - or / that would
# run into the rest of the symbol.
_ISSUER_CODE = re.compile(r"^[^\W_]+$")


def allowed_child_kinds(parent_kind: OrgKind | None) -> tuple[OrgKind, ...]:
    """Kinds that may sit directly under `parent_kind` (None: the top level), in enum order."""
    allowed = ALLOWED_CHILD_KINDS[parent_kind]
    return tuple(kind for kind in OrgKind if kind in allowed)


def check_organization(draft: OrganizationDraft, today: dt.date) -> list[Problem]:
    """Every rule the record must satisfy on its own; empty when the draft is valid."""
    problems: list[Problem] = []
    if not draft.code:
        problems.append(Problem("code", ProblemCode.REQUIRED))
    elif len(draft.code) > CODE_MAX_LENGTH or not _CODE.match(draft.code):
        problems.append(Problem("code", ProblemCode.ORG_CODE_FORMAT, {"max": CODE_MAX_LENGTH}))
    if not draft.name:
        problems.append(Problem("name", ProblemCode.REQUIRED))
    elif not NAME_MIN_LENGTH <= len(draft.name) <= NAME_MAX_LENGTH:
        problems.append(
            Problem("name", ProblemCode.ORG_NAME_LENGTH, {"min": NAME_MIN_LENGTH, "max": NAME_MAX_LENGTH})
        )
    if draft.kind is None:
        problems.append(Problem("kind", ProblemCode.REQUIRED))
    for name in OPTIONAL_TEXT_FIELDS:
        value = getattr(draft, name)
        if value and len(value) > column_length(name):
            problems.append(Problem(name, ProblemCode.TEXT_TOO_LONG, {"max": column_length(name)}))
    if draft.issuer_code and not _ISSUER_CODE.match(draft.issuer_code):
        problems.append(Problem("issuer_code", ProblemCode.ORG_ISSUER_CODE_FORMAT))
    if draft.established_date is not None and draft.established_date > today:
        problems.append(Problem("established_date", ProblemCode.DATE_IN_FUTURE))
    if draft.is_overseas and not draft.country:
        problems.append(Problem("country", ProblemCode.ORG_COUNTRY_REQUIRED))
    problems += check_contacts(draft.email, draft.phone)
    return problems


def check_parent(parent_kind: OrgKind, parent_status: OrgStatus) -> list[Problem]:
    """May anything be created under this parent? (A cell has no sub-organisations.)"""
    if parent_kind.is_cell:
        return [Problem("parent_id", ProblemCode.ORG_PARENT_IS_CELL)]
    if parent_status is not OrgStatus.ACTIVE:
        return [Problem("parent_id", ProblemCode.ORG_PARENT_NOT_ACTIVE)]
    return []


def check_kind_under_parent(kind: OrgKind | None, parent_kind: OrgKind | None) -> list[Problem]:
    """The kind must be one of those allowed directly under the parent (§1.1)."""
    allowed = allowed_child_kinds(parent_kind)
    if kind is None or kind in allowed:
        return []
    return [
        Problem(
            "kind",
            ProblemCode.ORG_KIND_NOT_ALLOWED,
            {"kind": kind, "parent_kind": parent_kind, "allowed": allowed},
        )
    ]


def check_kind_change(
    new_kind: OrgKind | None, child_kinds: Iterable[OrgKind], member_count: int
) -> list[Problem]:
    """A changed kind must still hold the organisation's children and members."""
    if new_kind is None:
        return []
    children = list(child_kinds)
    if new_kind.is_cell and children:
        return [Problem("kind", ProblemCode.ORG_CELL_WITH_CHILDREN, {"count": len(children)})]
    if not new_kind.is_cell and member_count:
        return [Problem("kind", ProblemCode.ORG_KIND_HAS_MEMBERS, {"count": member_count})]
    allowed = ALLOWED_CHILD_KINDS[new_kind]
    misfits = tuple(kind for kind in OrgKind if kind in set(children) and kind not in allowed)
    if misfits:
        return [
            Problem(
                "kind",
                ProblemCode.ORG_KIND_CHILDREN_MISMATCH,
                {"kind": new_kind, "child_kinds": misfits},
            )
        ]
    return []

"""Adding and editing party organisations (§1.4): one transaction per save, every rule checked.

Moving an organisation to another parent, merging, splitting and dissolving are
re-organisation events (§1.6) with their own use cases; the parent is fixed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.db.database import Database
from desktop.models.catalogues import ORG_AREA_TYPES
from desktop.models.enums import OrgKind
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization, child_path
from desktop.models.organization_rules import (
    TEXT_FIELDS,
    OrganizationDraft,
    allowed_child_kinds,
    check_kind_change,
    check_kind_under_parent,
    check_organization,
    check_parent,
)
from desktop.models.permissions import Actor, Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import PermissionDenied, require, require_organization_in_scope
from desktop.services.editing import load_for_edit
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.member_writer import apply_organization_keys

__all__ = [
    "KindChoices", "OrganizationDraft", "OrganizationRecord", "area_type_choices",
    "apply_edit", "create_organization", "edit_problems", "get_organization", "insert_organization",
    "kind_choices",
    "kind_choices_for_edit", "new_organization_problems", "normalised", "update_organization",
]


class OrganizationRecord(NamedTuple):
    """An organisation as the form edits it; `version` guards against overwriting a save."""

    draft: OrganizationDraft
    version: int
    parent_id: int | None


@dataclass(frozen=True)
class KindChoices:
    """What may be created under a parent: the kinds, or why nothing may (`problems`)."""

    parent_name: str | None
    kinds: tuple[OrgKind, ...]
    problems: tuple[Problem, ...]


def normalised(draft: OrganizationDraft) -> OrganizationDraft:
    """NFC, trimmed, inner spaces collapsed; a blank optional text becomes None."""
    changes: dict[str, object] = {}
    for name in TEXT_FIELDS:
        value = nfc(getattr(draft, name))
        changes[name] = value if value else ("" if name in ("code", "name") else None)
    return replace(draft, **changes)


def kind_choices(database: Database, parent_id: int | None) -> KindChoices:
    """The kinds a new organisation under `parent_id` may have (None: a top-level one)."""
    actor = require(database, Permission.EDIT_REGISTER)
    with database.reading() as session:
        _require_parent_in_scope(session, actor, parent_id)
        if parent_id is None:
            return KindChoices(None, allowed_child_kinds(None), ())
        parent = session.get(PartyOrganization, parent_id)
        if parent is None:
            raise RecordNotFound(parent_id)
        problems = tuple(check_parent(parent.kind, parent.status))
        kinds = () if problems else allowed_child_kinds(parent.kind)
        return KindChoices(parent.name, kinds, problems)


def area_type_choices(database: Database) -> list[str]:
    """The standard unit types, then every other value already stored."""
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        stored = session.scalars(
            select(PartyOrganization.area_type).where(PartyOrganization.area_type.is_not(None))
            .distinct()
        ).all()
    return [*ORG_AREA_TYPES, *sorted(value for value in stored if value not in ORG_AREA_TYPES)]


def get_organization(database: Database, org_id: int) -> OrganizationRecord:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        require_organization_in_scope(session, actor, org_id)
        org = session.get(PartyOrganization, org_id)
        if org is None:
            raise RecordNotFound(org_id)
        draft = OrganizationDraft(
            **{item.name: getattr(org, item.name) for item in fields(OrganizationDraft)}
        )
        return OrganizationRecord(draft, org.version, org.parent_id)


def create_organization(
    database: Database, parent_id: int | None, draft: OrganizationDraft, today: dt.date | None = None
) -> int:
    """Add an organisation as the last child of `parent_id` (None: a top-level organisation)."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    draft = normalised(draft)
    with database.transaction() as session:
        _require_parent_in_scope(session, actor, parent_id)
        parent = None
        if parent_id is not None:
            parent = session.get(PartyOrganization, parent_id)
            if parent is None:
                raise RecordNotFound(parent_id)
        problems = new_organization_problems(session, parent, draft, today)
        if problems:
            raise ValidationFailed(_field_order(problems))
        return insert_organization(session, parent, draft).id


def new_organization_problems(
    session: Session, parent: PartyOrganization | None, draft: OrganizationDraft, today: dt.date
) -> list[Problem]:
    """Every rule a new organisation under `parent` breaks (the form and imports)."""
    problems = check_organization(draft, today)
    parent_problems = check_parent(parent.kind, parent.status) if parent is not None else []
    problems += parent_problems or check_kind_under_parent(
        draft.kind, parent.kind if parent else None
    )
    problems += _check_code_unique(session, draft.code, None)
    return problems


def insert_organization(
    session: Session, parent: PartyOrganization | None, draft: OrganizationDraft
) -> PartyOrganization:
    """Write a valid, normalised organisation as the last child of `parent`."""
    parent_id = parent.id if parent is not None else None
    siblings = select(func.max(PartyOrganization.position)).where(
        PartyOrganization.parent_id.is_(None)
        if parent_id is None
        else PartyOrganization.parent_id == parent_id
    )
    last = session.scalar(siblings)
    org = PartyOrganization(
        parent_id=parent_id,
        path=f"#pending-{draft.code}",
        level=0 if parent is None else parent.level + 1,
        position=0 if last is None else last + 1,
        version=1,
    )
    _copy_draft(draft, org)
    session.add(org)
    session.flush()
    org.path = child_path(parent.path if parent else None, org.id)
    return org


def update_organization(
    database: Database,
    org_id: int,
    expected_version: int,
    draft: OrganizationDraft,
    today: dt.date | None = None,
) -> None:
    """Save an edited record, unless someone else saved it since it was opened."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    draft = normalised(draft)
    try:
        with database.transaction() as session:
            require_organization_in_scope(session, actor, org_id)
            org = load_for_edit(session, PartyOrganization, org_id, expected_version)
            problems = edit_problems(session, org, draft, today)
            if problems:
                raise ValidationFailed(_field_order(problems))
            apply_edit(org, draft)
    except StaleDataError as error:
        # Another writer committed between our read and our UPDATE ... WHERE version = :old.
        raise ConcurrentEdit(org_id) from error


def edit_problems(
    session: Session, org: PartyOrganization, draft: OrganizationDraft, today: dt.date
) -> list[Problem]:
    """Every rule an edit of `org` breaks (the form and imports); the parent stays."""
    problems = check_organization(draft, today)
    if draft.kind is not org.kind:
        parent_kind = None
        if org.parent_id is not None:
            parent_kind = session.scalar(
                select(PartyOrganization.kind).where(PartyOrganization.id == org.parent_id)
            )
        problems += check_kind_under_parent(draft.kind, parent_kind)
        child_kinds = session.scalars(
            select(PartyOrganization.kind).where(PartyOrganization.parent_id == org.id)
        ).all()
        members = session.scalar(
            select(func.count()).select_from(Member).where(Member.cell_id == org.id)
        )
        problems += check_kind_change(draft.kind, child_kinds, members or 0)
    problems += _check_code_unique(session, draft.code, org.id)
    return problems


def apply_edit(org: PartyOrganization, draft: OrganizationDraft) -> None:
    _copy_draft(draft, org)


def _require_parent_in_scope(session: Session, actor: Actor, parent_id: int | None) -> None:
    """Only users of the whole register add top-level organisations."""
    if parent_id is None:
        if actor.scope_path is not None:
            raise PermissionDenied(None, actor.username)
        return
    require_organization_in_scope(session, actor, parent_id)


def _check_code_unique(session: Session, code: str, org_id: int | None) -> list[Problem]:
    """Codes are unique ignoring case: 'k.a' and 'K.A' would name the same organisation."""
    if not code:
        return []
    statement = select(PartyOrganization.name).where(
        func.lower(PartyOrganization.code) == code.lower()
    )
    if org_id is not None:
        statement = statement.where(PartyOrganization.id != org_id)
    holder = session.scalar(statement.limit(1))
    if holder is None:
        return []
    return [Problem("code", ProblemCode.ORG_CODE_DUPLICATE, {"holder": holder})]


_ORDER = {item.name: index for index, item in enumerate(fields(OrganizationDraft))}


def _field_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: _ORDER.get(problem.field, -1))


def _copy_draft(draft: OrganizationDraft, org: PartyOrganization) -> None:
    for item in fields(OrganizationDraft):
        setattr(org, item.name, getattr(draft, item.name))
    apply_organization_keys(org)


def kind_choices_for_edit(database: Database, org_id: int) -> KindChoices:
    """Kinds an existing organisation may be given: those allowed under its parent, and its own."""
    actor = require(database, Permission.EDIT_REGISTER)
    with database.reading() as session:
        require_organization_in_scope(session, actor, org_id)
        org = session.get(PartyOrganization, org_id)
        if org is None:
            raise RecordNotFound(org_id)
        parent = session.get(PartyOrganization, org.parent_id) if org.parent_id else None
        allowed = set(allowed_child_kinds(parent.kind if parent else None)) | {org.kind}
        kinds = tuple(kind for kind in OrgKind if kind in allowed)
        return KindChoices(parent.name if parent else None, kinds, ())

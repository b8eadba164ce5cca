"""Small hand-built organisations for tests that must not depend on the demo generator."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select

from desktop.db.database import Database
from desktop.models.enums import Gender, OrgKind
from desktop.models.member_rules import MemberDraft
from desktop.models.organization import PartyOrganization, child_path
from desktop.services.member_writer import apply_organization_keys


def add_org(database: Database, code: str, name: str, kind: OrgKind, parent: int | None = None) -> int:
    with database.transaction() as session:
        parent_path = None
        level = 0
        if parent is not None:
            parent_path = session.scalar(select(PartyOrganization.path).where(PartyOrganization.id == parent))
            level = parent_path.count("/") - 1
        org = PartyOrganization(code=code, name=name, kind=kind, parent_id=parent,
                                path=f"#pending-{code}", level=level, position=0, version=1)
        apply_organization_keys(org)
        session.add(org)
        session.flush()
        org.path = child_path(parent_path, org.id)
        return org.id


def member_draft(cell_id: int, **changes: object) -> MemberDraft:
    base = MemberDraft(
        full_name="Nguyễn Văn An",
        gender=Gender.MALE,
        date_of_birth=dt.date(1980, 6, 15),
        cell_id=cell_id,
        admission_decision_date=dt.date(2005, 4, 1),
        admission_date=dt.date(2005, 4, 15),
        official_date=dt.date(2006, 4, 15),
    )
    return replace(base, **changes)  # type: ignore[arg-type]

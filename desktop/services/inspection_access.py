"""Who sees inspection cases and letters (domain spec §1.5, §6.9, §10.3): the inspection role
only, within its organisation subtree; a denouncer's identity only for the inspectors handling
the letter or assigned to the case opened from it. Everyone else is refused before any read.

Public API:
    require_inspection(database) -> Actor
    in_scope(actor, organization_column) -> SQL condition on the owning organisation's path
    require_case(session, actor, case_id) -> InspectionCase
    require_letter(session, actor, letter_id) -> ComplaintLetter
    may_see_sender(session, actor, letter) -> bool
    inspector_accounts(actor) -> SELECT of the active inspectors of the actor's subtree
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, exists, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop.db.database import Database
from desktop.models.accounts import Role, UserAccount
from desktop.models.inspection import CaseAssignee, InspectionCase
from desktop.models.letters import ComplaintLetter
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Actor, Permission
from desktop.services.access import require, require_organization_in_scope
from desktop.services.errors import RecordNotFound


def require_inspection(database: Database) -> Actor:
    return require(database, Permission.VIEW_INSPECTION)


def in_scope(actor: Actor, organization_column: InstrumentedAttribute[int]) -> ColumnElement[bool]:
    """The owning organisation lies in the actor's subtree (a subquery on the path index)."""
    if actor.scope_path is None:
        return true()
    inside = select(PartyOrganization.id).where(
        PartyOrganization.path >= actor.scope_path,
        PartyOrganization.path < subtree_upper_bound(actor.scope_path))
    return organization_column.in_(inside)


def require_case(session: Session, actor: Actor, case_id: int) -> InspectionCase:
    case = session.get(InspectionCase, case_id)
    if case is None:
        raise RecordNotFound(case_id)
    require_organization_in_scope(session, actor, case.organization_id)
    return case


def require_letter(session: Session, actor: Actor, letter_id: int) -> ComplaintLetter:
    letter = session.get(ComplaintLetter, letter_id)
    if letter is None:
        raise RecordNotFound(letter_id)
    require_organization_in_scope(session, actor, letter.organization_id)
    return letter


def may_see_sender(session: Session, actor: Actor, letter: ComplaintLetter) -> bool:
    """R-DEN-5: the inspector handling the letter, or one assigned to the case opened from it."""
    if not actor.may(Permission.VIEW_INSPECTION):
        return False
    if letter.handler_user_id == actor.user_id:
        return True
    return bool(session.scalar(select(exists().where(
        CaseAssignee.user_id == actor.user_id,
        CaseAssignee.case_id == InspectionCase.id,
        InspectionCase.letter_id == letter.id))))


def inspector_accounts(actor: Actor) -> Select:  # type: ignore[type-arg]
    """Active inspection accounts of the actor's subtree: who a letter or a case may go to."""
    return (select(UserAccount.id, UserAccount.full_name, UserAccount.username)
            .where(UserAccount.role == Role.INSPECTION, UserAccount.is_active.is_(True),
                   in_scope(actor, UserAccount.scope_organization_id) if actor.scope_path else true()))  # type: ignore[arg-type]

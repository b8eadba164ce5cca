"""Permission checks of every use case: the one place that says who may see and do what.

The signed-in user is `database.actor` (set by the login of the app or the CLI). A use case
calls `require(database, Permission.X)` before anything else, and restricts what it reads to
the actor's organisation subtree with `scope_condition` / `require_organization_in_scope`.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select, true
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Actor, Permission
from desktop.services.errors import RecordNotFound


class NotSignedIn(PermissionError):
    """No user is signed in on this database handle."""


class PermissionDenied(PermissionError):
    """The signed-in user's role or scope does not allow this."""

    def __init__(self, permission: Permission | None, username: str) -> None:
        what = permission.value if permission else "scope"
        super().__init__(f"{username} may not {what}")
        self.permission = permission


def current_actor(database: Database) -> Actor:
    if database.actor is None:
        raise NotSignedIn("no user is signed in")
    return database.actor


def require(database: Database, permission: Permission) -> Actor:
    actor = current_actor(database)
    if not actor.may(permission):
        raise PermissionDenied(permission, actor.username)
    return actor


def path_in_scope(actor: Actor, path: str) -> bool:
    return actor.scope_path is None or path.startswith(actor.scope_path)


def scope_condition(actor: Actor) -> ColumnElement[bool]:
    """Organisations the actor may see: a range scan of the path index, or everything."""
    if actor.scope_path is None:
        return true()
    return and_(
        PartyOrganization.path >= actor.scope_path,
        PartyOrganization.path < subtree_upper_bound(actor.scope_path),
    )


def require_path_in_scope(actor: Actor, path: str) -> None:
    if not path_in_scope(actor, path):
        raise PermissionDenied(None, actor.username)


def require_organization_in_scope(session: Session, actor: Actor, org_id: int) -> str:
    """The path of `org_id`: RecordNotFound when it does not exist, PermissionDenied outside."""
    path = session.scalar(select(PartyOrganization.path).where(PartyOrganization.id == org_id))
    if path is None:
        raise RecordNotFound(org_id)
    require_path_in_scope(actor, path)
    return path


def require_member_in_scope(session: Session, actor: Actor, member_id: int) -> None:
    """The member's current cell must be in scope (RecordNotFound for an unknown member)."""
    path = session.scalar(
        select(PartyOrganization.path)
        .join(Member, Member.cell_id == PartyOrganization.id)
        .where(Member.id == member_id)
    )
    if path is None:
        raise RecordNotFound(member_id)
    require_path_in_scope(actor, path)


def scope_root_id(actor: Actor) -> int | None:
    """The id of the actor's scope organisation (the last id of its path); None: everything."""
    if actor.scope_path is None:
        return None
    return int(actor.scope_path.strip("/").split("/")[-1])


def require_report_request(database: Database, organization_id: int, member_id: int | None) -> None:
    """Reports: PRINT_REPORTS, and the organisation (and member) in the actor's scope."""
    actor = require(database, Permission.PRINT_REPORTS)
    with database.reading() as session:
        require_organization_in_scope(session, actor, organization_id)
        if member_id is not None:
            require_member_in_scope(session, actor, member_id)

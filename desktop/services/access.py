"""Permission checks of every use case: the one place that says who may see and do what.

The signed-in user is `database.actor` (set by the login of the app or the CLI). A use case
calls `require(database, Permission.X)` before anything else, and restricts what it reads to
the actor's organisation subtree with `scope_condition` / `require_organization_in_scope`.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, true

from desktop.db.database import Database
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Actor, Permission


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

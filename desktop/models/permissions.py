"""Who may do what: the permissions of each role (domain spec §10.3) and the signed-in actor."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from desktop.models.accounts import Role


class Permission(enum.Enum):
    VIEW_REGISTER = "VIEW_REGISTER"  # organisations and members in scope
    EDIT_REGISTER = "EDIT_REGISTER"
    PRINT_REPORTS = "PRINT_REPORTS"
    VIEW_INSPECTION = "VIEW_INSPECTION"  # inspection and complaint cases (UBKT only)
    APPROVE = "APPROVE"  # sign-off steps (evaluation decisions, …)
    MANAGE_USERS = "MANAGE_USERS"
    VIEW_AUDIT = "VIEW_AUDIT"
    MANAGE_BACKUPS = "MANAGE_BACKUPS"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    # The administrator runs the system; inspection cases stay with the inspection committee.
    Role.ADMIN: frozenset(
        {
            Permission.VIEW_REGISTER, Permission.EDIT_REGISTER, Permission.PRINT_REPORTS,
            Permission.MANAGE_USERS, Permission.VIEW_AUDIT, Permission.MANAGE_BACKUPS,
        }
    ),
    Role.OFFICE_CLERK: frozenset(
        {Permission.VIEW_REGISTER, Permission.EDIT_REGISTER, Permission.PRINT_REPORTS}
    ),
    Role.INSPECTION: frozenset(
        {Permission.VIEW_REGISTER, Permission.PRINT_REPORTS, Permission.VIEW_INSPECTION}
    ),
    Role.LEADER: frozenset({Permission.VIEW_REGISTER, Permission.PRINT_REPORTS, Permission.APPROVE}),
}


@dataclass(frozen=True)
class Actor:
    """The signed-in user as every permission check sees it."""

    user_id: int
    username: str
    full_name: str
    role: Role
    # Materialised path of the scope organisation ("/1/23/"); None = the whole register.
    scope_path: str | None
    scope_organization_id: int | None = None

    def may(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

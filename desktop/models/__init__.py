"""ORM models and domain rules. No Qt, no services."""

from desktop.models.base import Base
from desktop.models.member import CommitteeMembership, Member, MemberEvent
from desktop.models.meta import AppMeta
from desktop.models.organization import PartyOrganization
from desktop.models.rules import RuleValue

__all__ = [
    "AppMeta",
    "Base",
    "CommitteeMembership",
    "Member",
    "MemberEvent",
    "PartyOrganization",
    "RuleValue",
]

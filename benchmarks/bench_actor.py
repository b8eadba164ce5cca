"""The signed-in user of the benchmarks: an administrator of the whole register, without an
account (benchmark databases are demos made without one), so use cases pass their checks."""

from __future__ import annotations

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.permissions import Actor


def act_as_administrator(database: Database) -> Database:
    database.actor = Actor(user_id=0, username="benchmark", full_name="Benchmark", role=Role.ADMIN,
                           scope_path=None)
    return database

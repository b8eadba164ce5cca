"""Alembic environment: always runs on the connection the application hands over."""

from __future__ import annotations

from alembic import context

# Every model module, so that the metadata is complete for autogenerate.
from desktop.models import (  # noqa: F401
    accounts,
    admission,
    audit,
    badges,
    discipline,
    evaluations,
    fees,
    holidays,
    imports,
    inspection,
    letters,
    library,
    meetings,
    member,
    meta,
    organization,
    party_age,
    rules,
    transfers,
)
from desktop.models.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run only through desktop.db.migrate with an open connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

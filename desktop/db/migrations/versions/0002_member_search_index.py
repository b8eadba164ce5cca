"""Member search index over the folded search key (FTS5 on SQLite).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

from desktop.db.adapters import adapter_for

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    adapter = adapter_for(bind.dialect.name)
    adapter.create_search_index(bind)
    adapter.rebuild_search_index(bind)


def downgrade() -> None:
    bind = op.get_bind()
    adapter_for(bind.dialect.name).drop_search_index(bind)

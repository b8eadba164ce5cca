"""Saved column mappings of spreadsheet imports; organisation codes indexed ignoring case.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("signature", sa.String(length=40), nullable=False),
        sa.Column("titles", sa.Text(), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mapping")),
        sa.UniqueConstraint("kind", "signature", name=op.f("uq_import_mapping_kind")),
    )
    # Imports look up thousands of codes the way they are compared: ignoring case.
    op.create_index("ix_party_organization_code_lower", "party_organization", [sa.text("lower(code)")])


def downgrade() -> None:
    op.drop_index("ix_party_organization_code_lower", table_name="party_organization")
    op.drop_table("import_mapping")

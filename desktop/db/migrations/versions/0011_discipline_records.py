"""Discipline decisions on members and organisations (domain spec §6.4), read by the annual
rating and written by the inspection cases or entered by themselves.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_FORMS = ("REPRIMAND", "WARNING", "DISMISSAL", "EXPULSION", "DISSOLUTION")


def upgrade() -> None:
    op.create_table(
        "discipline_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("form", sa.Enum(*_FORMS, name="disciplineform", native_enum=False, length=32), nullable=False),
        sa.Column("deciding_body", sa.String(length=200), nullable=False),
        sa.Column("decision_number", sa.String(length=60), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("effect_ends_on", sa.Date(), nullable=True),
        sa.Column("violation_on", sa.Date(), nullable=True),
        sa.Column("rating_year", sa.Integer(), nullable=False),
        sa.Column("self_remedied", sa.Boolean(), nullable=False),
        sa.Column("annulled_on", sa.Date(), nullable=True),
        sa.Column("annulment_reason", sa.String(length=300), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("violation_summary", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("(member_id IS NULL) <> (organization_id IS NULL)",
                           name=op.f("ck_discipline_record_one_subject")),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_discipline_record_member_id_member"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organization_id"], ["party_organization.id"],
                                name=op.f("fk_discipline_record_organization_id_party_organization")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discipline_record")),
    )
    op.create_index("ix_discipline_record_member", "discipline_record", ["member_id", "rating_year"])
    op.create_index("ix_discipline_record_organization", "discipline_record", ["organization_id", "rating_year"])
    op.create_index("ix_discipline_record_year", "discipline_record", ["rating_year"])
    op.create_index(op.f("ix_discipline_record_case_id"), "discipline_record", ["case_id"])


def downgrade() -> None:
    op.drop_table("discipline_record")

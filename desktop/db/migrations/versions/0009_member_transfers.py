"""Transfers of party activity: the giấy giới thiệu sinh hoạt đảng and its state
(domain spec §2.3, §2.5).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _enum(*names: str, name: str) -> sa.Enum:
    return sa.Enum(*names, name=name, native_enum=False, length=32)


def upgrade() -> None:
    op.create_table(
        "member_transfer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("OFFICIAL", "TEMPORARY", name="transferkind"), nullable=False),
        sa.Column("direction", _enum("OUT", "IN", "INTERNAL", name="transferdirection"), nullable=False),
        sa.Column("state", _enum("ISSUED", "RECEIVED", "RETURNED", "CANCELLED", name="transferstate"),
                  nullable=False),
        sa.Column("from_org_id", sa.Integer(), nullable=True),
        sa.Column("from_org_text", sa.String(length=300), nullable=True),
        sa.Column("to_org_id", sa.Integer(), nullable=True),
        sa.Column("to_org_text", sa.String(length=300), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("letter_sequence", sa.Integer(), nullable=True),
        sa.Column("letter_number", sa.String(length=60), nullable=True),
        sa.Column("letter_date", sa.Date(), nullable=False),
        sa.Column("issuing_org_id", sa.Integer(), nullable=True),
        sa.Column("issuing_body", sa.String(length=200), nullable=True),
        sa.Column("report_deadline", sa.Date(), nullable=False),
        sa.Column("expected_end", sa.Date(), nullable=True),
        sa.Column("received_date", sa.Date(), nullable=True),
        sa.Column("returned_date", sa.Date(), nullable=True),
        sa.Column("cancelled_date", sa.Date(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.Column("out_event_id", sa.Integer(), nullable=True),
        sa.Column("in_event_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_member_transfer_member_id_member"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["from_org_id"], ["party_organization.id"],
                                name=op.f("fk_member_transfer_from_org_id_party_organization")),
        sa.ForeignKeyConstraint(["to_org_id"], ["party_organization.id"],
                                name=op.f("fk_member_transfer_to_org_id_party_organization")),
        sa.ForeignKeyConstraint(["issuing_org_id"], ["party_organization.id"],
                                name=op.f("fk_member_transfer_issuing_org_id_party_organization")),
        sa.ForeignKeyConstraint(["out_event_id"], ["member_event.id"],
                                name=op.f("fk_member_transfer_out_event_id_member_event"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["in_event_id"], ["member_event.id"],
                                name=op.f("fk_member_transfer_in_event_id_member_event"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_transfer")),
    )
    op.create_index("ix_member_transfer_state_deadline", "member_transfer", ["state", "report_deadline", "id"])
    op.create_index("ix_member_transfer_member", "member_transfer", ["member_id", "state"])
    op.create_index("ix_member_transfer_issuer_letter", "member_transfer",
                    ["issuing_org_id", "letter_date", "letter_sequence"])


def downgrade() -> None:
    op.drop_table("member_transfer")

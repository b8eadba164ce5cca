"""The tasks a meeting's resolution assigns (phân công thực hiện, domain spec §4.5), followed
up after the meeting.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting_resolution_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("owner_member_id", sa.Integer(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_note", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(["resolution_id"], ["meeting_resolution.id"],
                                name=op.f("fk_meeting_resolution_task_resolution_id_meeting_resolution"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_member_id"], ["member.id"],
                                name=op.f("fk_meeting_resolution_task_owner_member_id_member"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_resolution_task")),
    )
    op.create_index(op.f("ix_meeting_resolution_task_resolution_id"), "meeting_resolution_task", ["resolution_id"])
    op.create_index("ix_meeting_resolution_task_open", "meeting_resolution_task", ["done_on", "due_date"])


def downgrade() -> None:
    op.drop_table("meeting_resolution_task")

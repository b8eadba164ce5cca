"""User accounts, the audit trail, and the rules of passwords and sign-in.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SEED_RULES = [
    ("PASSWORD_MIN_LENGTH", 12,
     "OWASP Authentication Cheat Sheet; NIST SP 800-63B (at least 8, longer encouraged)", "M"),
    ("LOGIN_MAX_FAILURES", 5, "OWASP Authentication Cheat Sheet: account lockout", "M"),
    ("LOGIN_LOCKOUT_MINUTES", 15, "OWASP Authentication Cheat Sheet: account lockout", "M"),
]


def upgrade() -> None:
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.Enum("ADMIN", "OFFICE_CLERK", "INSPECTION", "LEADER", name="role",
                                  native_enum=False, length=32), nullable=False),
        sa.Column("scope_organization_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("password_changed_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["scope_organization_id"], ["party_organization.id"],
                                name=op.f("fk_user_account_scope_organization_id_party_organization"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("username", name=op.f("uq_user_account_username")),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("action", sa.Enum("CREATE", "UPDATE", "DELETE", "READ", "LOGIN", "LOGIN_FAILED",
                                    "LOGOUT", "EXPORT", "BULK", name="auditaction",
                                    native_enum=False, length=32), nullable=False),
        sa.Column("record_type", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_record", ["record_type", "record_id"], unique=False)
        batch_op.create_index("ix_audit_entry_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_entry_username", ["username", "at"], unique=False)

    rule_value = sa.table(
        "rule_value",
        sa.column("code", sa.String),
        sa.column("effective_from", sa.Date),
        sa.column("effective_to", sa.Date),
        sa.column("value_json", sa.Text),
        sa.column("source_ref", sa.String),
        sa.column("confidence", sa.String),
    )
    founding = dt.date(1930, 2, 3)
    op.bulk_insert(
        rule_value,
        [
            {"code": code, "effective_from": founding, "effective_to": None,
             "value_json": json.dumps(value), "source_ref": source, "confidence": confidence}
            for code, value, source, confidence in SEED_RULES
        ],
    )


def downgrade() -> None:
    rule_value = sa.table("rule_value", sa.column("code", sa.String))
    op.execute(rule_value.delete().where(rule_value.c.code.in_([code for code, *_ in SEED_RULES])))
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_username")
        batch_op.drop_index("ix_audit_entry_at")
        batch_op.drop_index("ix_audit_entry_record")
    op.drop_table("audit_entry")
    op.drop_table("user_account")

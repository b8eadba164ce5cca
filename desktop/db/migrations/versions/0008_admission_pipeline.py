"""The admission pipeline: candidates, the steps of their admission with their documents, and
the actions that moved a case back or closed it (domain spec §3.1, §3.2).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_STATES = ('CANDIDATE', 'COURSE_PASSED', 'APPLIED', 'BACKGROUND_VERIFIED', 'INTRODUCED', 'OPINIONS_COLLECTED', 'CELL_RESOLVED', 'SECTION_APPRAISED', 'GRASSROOTS_RESOLVED', 'DECIDED', 'ADMITTED', 'REJECTED', 'WITHDRAWN', 'EXPIRED')
_STEPS = ('COURSE_PASSED', 'APPLIED', 'BACKGROUND_VERIFIED', 'INTRODUCED', 'OPINIONS_COLLECTED', 'CELL_RESOLVED', 'SECTION_APPRAISED', 'GRASSROOTS_RESOLVED', 'DECIDED', 'CEREMONY_HELD')


def _state() -> sa.Enum:
    return sa.Enum(*_STATES, name="admissionstate", native_enum=False, length=32)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "admission_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("gender", sa.Enum("MALE", "FEMALE", name="gender", native_enum=False, length=32), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("dob_precision", sa.Enum("DAY", "MONTH", "YEAR", name="dateprecision", native_enum=False,
                                           length=32), nullable=False),
        sa.Column("national_id", sa.String(length=12), nullable=True),
        sa.Column("cell_id", sa.Integer(), nullable=False),
        sa.Column("birth_place", sa.String(length=200), nullable=True),
        sa.Column("home_town", sa.String(length=200), nullable=True),
        sa.Column("current_address", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("ethnicity", sa.String(length=50), nullable=False),
        sa.Column("religion", sa.String(length=50), nullable=False),
        sa.Column("occupation", sa.String(length=100), nullable=True),
        sa.Column("general_education", sa.String(length=10), nullable=True),
        sa.Column("work_unit", sa.String(length=200), nullable=True),
        sa.Column("youth_union_join_date", sa.Date(), nullable=True),
        sa.Column("listed_date", sa.Date(), nullable=False),
        sa.Column("state", _state(), nullable=False),
        sa.Column("next_deadline", sa.Date(), nullable=True),
        sa.Column("certificate_number", sa.String(length=60), nullable=True),
        sa.Column("certificate_date", sa.Date(), nullable=True),
        sa.Column("certificate_issuer", sa.String(length=200), nullable=True),
        sa.Column("introducer1_id", sa.Integer(), nullable=True),
        sa.Column("introducer1_months", sa.Integer(), nullable=True),
        sa.Column("introducer2_id", sa.Integer(), nullable=True),
        sa.Column("introducer2_months", sa.Integer(), nullable=True),
        sa.Column("union_introduction", sa.Enum("YOUTH_UNION", "TRADE_UNION", name="unionintroduction",
                                                native_enum=False, length=32), nullable=True),
        sa.Column("union_resolution_number", sa.String(length=60), nullable=True),
        sa.Column("mentor_id", sa.Integer(), nullable=True),
        sa.Column("ceremony_late_consent", sa.String(length=200), nullable=True),
        sa.Column("closed_reason", sa.Text(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("name_sort_key", sa.String(length=300).with_variant(
            postgresql.VARCHAR(length=300, collation="C"), "postgresql"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        _fk("admission_case", "cell_id", "party_organization", "RESTRICT"),
        _fk("admission_case", "introducer1_id", "member", "SET NULL"),
        _fk("admission_case", "introducer2_id", "member", "SET NULL"),
        _fk("admission_case", "mentor_id", "member", "SET NULL"),
        _fk("admission_case", "member_id", "member", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admission_case")),
    )
    op.create_index("ix_admission_case_cell_state", "admission_case", ["cell_id", "state"])
    op.create_index("ix_admission_case_deadline", "admission_case", ["next_deadline"])
    op.create_table(
        "admission_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Enum(*_STEPS, name="admissionstep", native_enum=False, length=32), nullable=False),
        sa.Column("step_date", sa.Date(), nullable=False),
        sa.Column("document_number", sa.String(length=60), nullable=True),
        sa.Column("issuing_body", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_total", sa.Integer(), nullable=True),
        _fk("admission_step", "case_id", "admission_case", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admission_step")),
        sa.UniqueConstraint("case_id", "step", name=op.f("uq_admission_step_case_id")),
    )
    op.create_table(
        "admission_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.Enum("STEP_UNDONE", "REJECTED", "WITHDRAWN", "EXPIRED", name="admissionaction",
                                    native_enum=False, length=32), nullable=False),
        sa.Column("action_date", sa.Date(), nullable=False),
        sa.Column("state_before", _state(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        _fk("admission_action", "case_id", "admission_case", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admission_action")),
    )
    op.create_index("ix_admission_action_case_id", "admission_action", ["case_id"])


def downgrade() -> None:
    op.drop_table("admission_action")
    op.drop_table("admission_step")
    op.drop_index("ix_admission_case_deadline", table_name="admission_case")
    op.drop_index("ix_admission_case_cell_state", table_name="admission_case")
    op.drop_table("admission_case")

"""Party badges and fees: interruptions of party life, badges awarded, members certified
seriously ill, fee profiles and payments, and the fee rules (domain spec §2.4, §2.6, §2.7).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_FOUNDING = dt.date(1930, 2, 3)
_SOURCE_342 = "Quyết định 342-QĐ/TW (2010), Hướng dẫn 03-HD/VPTW (2016); domain spec §2.7"

SEED_RULES = [
    ("FEE_PERCENT_RATES", {"SALARIED_STATE": "1", "PENSIONER": "0.5", "ENTERPRISE": "1"}, _SOURCE_342, "M"),
    ("FEE_FLAT_AMOUNTS", {"INNER_CITY": 10000, "URBAN": 8000, "OTHER": 6000, "REMOTE": 4000}, _SOURCE_342, "M"),
    ("FEE_BEYOND_WORKING_AGE_PERCENT", 50, _SOURCE_342, "M"),
    ("FEE_OVERSEAS_AMOUNTS", {"STUDENT": 50000, "WORKER": 100000, "BUSINESS": 200000},
     "table of 342-QĐ/TW for members abroad not read; the office corrects the amounts", "L"),
    ("FEE_ROUNDING", "HALF_UP", "domain spec §2.7: whole đồng, mode configurable", "L"),
]


def working_age_rows() -> list[tuple[dt.date, dt.date | None, dict[str, int]]]:
    """Retirement ages of the Labour Code 2019, Điều 169: 60 and 55 years until 2020, then
    +3 months a year for men up to 62 (2028) and +4 months for women up to 60 (2035)."""
    rows: list[tuple[dt.date, dt.date | None, dict[str, int]]] = [
        (_FOUNDING, dt.date(2021, 1, 1), {"MALE": 720, "FEMALE": 660})]
    for year in range(2021, 2036):
        steps = year - 2020
        value = {"MALE": min(720 + 3 * steps, 744), "FEMALE": min(660 + 4 * steps, 720)}
        rows.append((dt.date(year, 1, 1), None if year == 2035 else dt.date(year + 1, 1, 1), value))
    return rows


def _versioned() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "membership_gap",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("gap_from", sa.Date(), nullable=False),
        sa.Column("gap_to", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("decision", sa.String(length=100), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_membership_gap_member_id_member"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership_gap")),
    )
    op.create_index("ix_membership_gap_member", "membership_gap", ["member_id", "gap_from"])
    op.create_table(
        "badge_award",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("milestone_years", sa.Integer(), nullable=False),
        sa.Column("occasion_date", sa.Date(), nullable=False),
        sa.Column("decision_number", sa.String(length=60), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=False),
        sa.Column("posthumous", sa.Boolean(), nullable=False),
        sa.Column("early", sa.Boolean(), nullable=False),
        sa.Column("early_reason", sa.String(length=200), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_badge_award_member_id_member"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_badge_award")),
        sa.UniqueConstraint("member_id", "milestone_years", name=op.f("uq_badge_award_member_id")),
    )
    op.create_table(
        "serious_illness",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("certified_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_serious_illness_member_id_member"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_serious_illness")),
        sa.UniqueConstraint("member_id", name=op.f("uq_serious_illness_member_id")),
    )
    categories = ("SALARIED_STATE", "PENSIONER", "ENTERPRISE", "OTHER_DOMESTIC", "OVERSEAS")
    op.create_table(
        "fee_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("category", sa.Enum(*categories, name="feecategory", native_enum=False, length=32),
                  nullable=False),
        sa.Column("base_amount", sa.BigInteger(), nullable=True),
        sa.Column("area", sa.Enum("INNER_CITY", "URBAN", "OTHER", "REMOTE", name="feearea", native_enum=False,
                                  length=32), nullable=True),
        sa.Column("overseas_group", sa.Enum("STUDENT", "WORKER", "BUSINESS", name="overseasgroup",
                                            native_enum=False, length=32), nullable=True),
        sa.Column("voluntary_amount", sa.BigInteger(), nullable=False),
        *_versioned(),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_fee_profile_member_id_member"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_profile")),
        sa.UniqueConstraint("member_id", "effective_from", name=op.f("uq_fee_profile_member_id")),
    )
    op.create_table(
        "fee_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("cell_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.Enum(*categories, name="feecategory", native_enum=False, length=32),
                  nullable=False),
        sa.Column("base_amount", sa.BigInteger(), nullable=True),
        sa.Column("rate", sa.String(length=12), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("voluntary_amount", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("receipt_no", sa.String(length=30), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_fee_payment_member_id_member"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cell_id"], ["party_organization.id"],
                                name=op.f("fk_fee_payment_cell_id_party_organization")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_payment")),
        sa.UniqueConstraint("member_id", "month", name=op.f("uq_fee_payment_member_id")),
    )
    op.create_index("ix_fee_payment_month_cell", "fee_payment", ["month", "cell_id"])
    rule_value = sa.table(
        "rule_value",
        sa.column("code", sa.String), sa.column("effective_from", sa.Date),
        sa.column("effective_to", sa.Date), sa.column("value_json", sa.Text),
        sa.column("source_ref", sa.String), sa.column("confidence", sa.String),
    )
    rows = [{"code": code, "effective_from": _FOUNDING, "effective_to": None, "value_json": json.dumps(value),
             "source_ref": source, "confidence": confidence} for code, value, source, confidence in SEED_RULES]
    rows += [{"code": "FEE_WORKING_AGE_MONTHS", "effective_from": start, "effective_to": end,
              "value_json": json.dumps(value), "source_ref": "Bộ luật Lao động 2019, Điều 169; domain spec §2.7",
              "confidence": "H"} for start, end, value in working_age_rows()]
    op.bulk_insert(rule_value, rows)


def downgrade() -> None:
    rule_value = sa.table("rule_value", sa.column("code", sa.String))
    codes = [code for code, *_ in SEED_RULES] + ["FEE_WORKING_AGE_MONTHS"]
    op.execute(rule_value.delete().where(rule_value.c.code.in_(codes)))
    op.drop_index("ix_fee_payment_month_cell", table_name="fee_payment")
    op.drop_table("fee_payment")
    op.drop_table("fee_profile")
    op.drop_table("serious_illness")
    op.drop_table("badge_award")
    op.drop_index("ix_membership_gap_member", table_name="membership_gap")
    op.drop_table("membership_gap")

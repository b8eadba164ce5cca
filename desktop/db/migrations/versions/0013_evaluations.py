"""Annual review and rating (domain spec §5): evaluation periods, the evaluations of members
and organisations with their steps, the recorded steps back, and the rating rules.

Revision ID: 0013
Revises: 0012 (re-chained by the lead at merge)
Create Date: 2026-12-03
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_FOUNDING = dt.date(1930, 2, 3)
_RATINGS = ("EXCELLENT", "GOOD", "PASS", "FAIL")
_STATES = ("PLANNED", "SELF_ASSESSED", "PROPOSED", "DECIDED", "NOTIFIED")
_366 = "Quy định 366-QĐ/TW (2025), Hướng dẫn 43-HD/BTCTW (2025); domain spec §5"

SEED_RULES = [
    ("RATING_BANDS", {"EXCELLENT": 90, "GOOD": 70, "PASS": 50}, _366 + " R-EVAL-1 (Điều 11)", "H"),
    ("EXCELLENT_QUOTA", {"ratio": "0.20", "base": "GOOD", "rounding": "FLOOR"},
     "21-HD/BTCTW (2019): không vượt quá 20% số Hoàn thành tốt nhiệm vụ trong từng tổ chức cơ sở đảng; "
     "domain spec R-EVAL-4", "M"),
    ("EVALUATION_VOTE_MAJORITY", [1, 2], "domain spec §5.5 step 4: the cell proposes by vote (majority)", "L"),
    ("EVALUATION_MIN_MEMBERSHIP_MONTHS", 6,
     "domain spec R-EVAL-8: members admitted during the year rated once members long enough (threshold "
     "configurable); the office corrects it", "L"),
    ("ORG_RATING_MEMBER_LIMITS",
     {"EXCELLENT": {"min_share_good_or_better": "0.8", "max_share_fail": "0"},
      "GOOD": {"min_share_good_or_better": "0.5", "max_share_fail": "0.2"},
      "PASS": {"max_share_fail": "0.2"}},
     "domain spec R-EVAL-5: the organisation's rating takes all its members into account; shares set by "
     "the superior committee, corrected by the office", "L"),
    ("ORG_SUBORDINATE_DISCIPLINE_FAIL_SHARE", "0.20",
     "domain spec R-EVAL-3: more than 20% of subordinate units disciplined in the year", "M"),
]


def _versioned() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    ]


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    op.create_table(
        "evaluation_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum(("YEAR", "QUARTER", "TERM", "AD_HOC"), "periodkind"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("self_review_due", sa.Date(), nullable=True),
        sa.Column("proposal_due", sa.Date(), nullable=True),
        sa.Column("decision_due", sa.Date(), nullable=True),
        sa.Column("state", _enum(("OPEN", "CLOSED"), "periodstate"), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("opened_by", sa.String(length=60), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_by", sa.String(length=60), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(["organization_id"], ["party_organization.id"],
                                name=op.f("fk_evaluation_period_organization_id_party_organization")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_period")),
        sa.UniqueConstraint("organization_id", "kind", "start_date", name=op.f("uq_evaluation_period_organization_id")),
    )
    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("subject", _enum(("MEMBER", "ORGANIZATION"), "evaluationsubject"), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("quota_scope_id", sa.Integer(), nullable=False),
        sa.Column("state", _enum(_STATES, "evaluationstate"), nullable=False),
        sa.Column("moved_in_on", sa.Date(), nullable=True),
        sa.Column("previous_organization", sa.String(length=300), nullable=True),
        sa.Column("outside_comment", sa.Text(), nullable=True),
        sa.Column("self_rating", _enum(_RATINGS, "rating"), nullable=True),
        sa.Column("self_score", sa.Integer(), nullable=True),
        sa.Column("self_review", sa.Text(), nullable=True),
        sa.Column("self_assessed_on", sa.Date(), nullable=True),
        sa.Column("self_assessed_by", sa.String(length=60), nullable=True),
        sa.Column("proposed_rating", _enum(_RATINGS, "rating"), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_cast", sa.Integer(), nullable=True),
        sa.Column("cell_comment", sa.Text(), nullable=True),
        sa.Column("proposed_on", sa.Date(), nullable=True),
        sa.Column("proposed_by", sa.String(length=60), nullable=True),
        sa.Column("decided_rating", _enum(_RATINGS, "rating"), nullable=True),
        sa.Column("decision_number", sa.String(length=60), nullable=True),
        sa.Column("quota_exempt_reason", sa.String(length=300), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(length=60), nullable=True),
        sa.Column("notified_on", sa.Date(), nullable=True),
        sa.Column("notified_by", sa.String(length=60), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(["period_id"], ["evaluation_period.id"],
                                name=op.f("fk_evaluation_period_id_evaluation_period"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_evaluation_member_id_member"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organization_id"], ["party_organization.id"],
                                name=op.f("fk_evaluation_organization_id_party_organization")),
        sa.ForeignKeyConstraint(["quota_scope_id"], ["party_organization.id"],
                                name=op.f("fk_evaluation_quota_scope_id_party_organization")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation")),
        sa.UniqueConstraint("period_id", "member_id", name=op.f("uq_evaluation_period_id")),
    )
    op.create_index("ix_evaluation_period_org_state", "evaluation",
                    ["period_id", "organization_id", "state", "subject"])
    op.create_index("ix_evaluation_period_quota", "evaluation",
                    ["period_id", "quota_scope_id", "subject", "decided_rating"])
    op.create_index("ix_evaluation_member", "evaluation", ["member_id"])
    op.create_table(
        "evaluation_step_back",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("from_state", _enum(_STATES, "evaluationstate"), nullable=False),
        sa.Column("to_state", _enum(_STATES, "evaluationstate"), nullable=False),
        sa.Column("cleared_rating", _enum(_RATINGS, "rating"), nullable=True),
        sa.Column("cleared_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("stepped_back_on", sa.Date(), nullable=False),
        sa.Column("stepped_back_by", sa.String(length=60), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["evaluation_id"], ["evaluation.id"],
                                name=op.f("fk_evaluation_step_back_evaluation_id_evaluation"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_step_back")),
    )
    op.create_index(op.f("ix_evaluation_step_back_evaluation_id"), "evaluation_step_back", ["evaluation_id"])
    rule_value = sa.table(
        "rule_value",
        sa.column("code", sa.String), sa.column("effective_from", sa.Date),
        sa.column("effective_to", sa.Date), sa.column("value_json", sa.Text),
        sa.column("source_ref", sa.String), sa.column("confidence", sa.String),
    )
    op.bulk_insert(rule_value, [
        {"code": code, "effective_from": _FOUNDING, "effective_to": None, "value_json": json.dumps(value),
         "source_ref": source, "confidence": confidence} for code, value, source, confidence in SEED_RULES])


def downgrade() -> None:
    rule_value = sa.table("rule_value", sa.column("code", sa.String))
    op.execute(rule_value.delete().where(rule_value.c.code.in_([code for code, *_ in SEED_RULES])))
    op.drop_table("evaluation_step_back")
    op.drop_index("ix_evaluation_member", table_name="evaluation")
    op.drop_index("ix_evaluation_period_quota", table_name="evaluation")
    op.drop_index("ix_evaluation_period_org_state", table_name="evaluation")
    op.drop_table("evaluation")
    op.drop_table("evaluation_period")

"""Inspection, supervision and discipline cases of the inspection committee, and the
registry of complaint and denunciation letters, with their rules (domain spec §6).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_FOUNDING = dt.date(1930, 2, 3)
_QD69 = "Quy định 69-QĐ/TW (2022) Điều 4; domain spec §6.7"
_QD296 = "Quy định 296-QĐ/TW (2025); domain spec §6.8-§6.9"
_AUTHORITY = "Quy định 22-QĐ/TW (2021), 296-QĐ/TW (2025); domain spec §6.5"
_OFFICE = "office setting (configurable); domain spec §6.2, §6.8 R-CPL-3 [L]"

_ALL_MEMBER = ["REPRIMAND", "WARNING", "DISMISSAL", "EXPULSION"]
_ALL_ORG = ["REPRIMAND", "WARNING", "DISSOLUTION"]
_CELL = [{"body": body, "scope": scope, "forms": ["REPRIMAND", "WARNING"]}
         for body in ("CELL", "GRASSROOTS_CELL") for scope in ("MEMBER", "COMMITTEE_MEMBER")]
DISCIPLINE_AUTHORITY = [
    *_CELL,
    {"body": "GRASSROOTS_COMMITTEE", "scope": "MEMBER", "forms": ["REPRIMAND", "WARNING"],
     "authorised_forms": ["EXPULSION"]},
    {"body": "GRASSROOTS_COMMITTEE", "scope": "COMMITTEE_MEMBER", "forms": ["REPRIMAND", "WARNING"],
     "authorised_forms": ["EXPULSION"]},
    {"body": "GRASSROOTS_COMMITTEE", "scope": "SUBORDINATE_COMMITTEE_MEMBER",
     "forms": ["REPRIMAND", "WARNING", "DISMISSAL"], "authorised_forms": ["EXPULSION"]},
    *({"body": "SUPERIOR_STANDING", "scope": scope, "forms": _ALL_MEMBER}
      for scope in ("MEMBER", "COMMITTEE_MEMBER", "SUBORDINATE_COMMITTEE_MEMBER")),
    {"body": "SUPERIOR_STANDING", "scope": "ORGANIZATION", "forms": _ALL_ORG},
    {"body": "SUPERIOR_IC", "scope": "MEMBER", "forms": ["EXPULSION"]},
    {"body": "SUPERIOR_IC", "scope": "SUBORDINATE_COMMITTEE_MEMBER",
     "forms": ["REPRIMAND", "WARNING", "DISMISSAL", "EXPULSION"]},
]

SEED_RULES = [
    # Expulsion and dissolution are missing on purpose: no limitation (§6.7).
    ("DISCIPLINE_LIMIT_YEARS", {"MEMBER": {"REPRIMAND": 5, "WARNING": 10, "DISMISSAL": 10},
                                "ORGANIZATION": {"REPRIMAND": 5, "WARNING": 10}}, _QD69, "H"),
    ("LIMITATION_WARNING_DAYS", 90, "domain spec §6.7 (product rule)", "M"),
    ("COMPLAINT_WINDOW_WD", 30, _QD296 + " R-CPL-1", "H"),
    ("COMPLAINT_RESOLUTION_WD", 90, _OFFICE, "L"),
    ("DENUNCIATION_DEADLINE_WD", 90, _QD296 + " R-DEN-2", "H"),
    ("DENUNCIATION_EXTENSION_WD", 30, _QD296 + " R-DEN-2", "H"),
    ("LETTER_DEADLINES_WD", {"COMPLAINT": 90, "PETITION": 30}, _OFFICE, "L"),
    ("LETTER_DUE_SOON_DAYS", 10, _OFFICE, "L"),
    ("INSPECTION_STEP_DEADLINES_WD", {"DECISION": 5, "PLAN": 10, "TEAM": 15, "EXPLANATION": 30,
                                      "VERIFICATION": 50, "CONCLUSION": 65, "NOTIFICATION": 75},
     _OFFICE, "L"),
    ("INSPECTION_DOCUMENT_MAX_KB", 20480, "office setting: largest file kept with a case", "L"),
    ("DISCIPLINE_EFFECT_MONTHS", 12, "domain spec §6.4 R-DISC-2", "M"),
    ("DISCIPLINE_AUTHORITY", DISCIPLINE_AUTHORITY, _AUTHORITY, "M"),
    # More than half for every form; expulsion at least two thirds (R-VOTE-2, R-VOTE-3); dissolution [L].
    ("DISCIPLINE_VOTE_THRESHOLDS", {"DEFAULT": {"share": [1, 2], "strict": True},
                                    "EXPULSION": {"share": [2, 3], "strict": False},
                                    "DISSOLUTION": {"share": [2, 3], "strict": False}},
     "Quy định 296-QĐ/TW, 69-QĐ/TW; domain spec §6.6", "H"),
]

_TABLES = ("inspection_case_appeal", "inspection_case_decision", "inspection_case_subject",
           "inspection_case_step", "inspection_case_document", "inspection_case_assignee",
           "inspection_case", "complaint_letter")


def upgrade() -> None:
    op.create_table("complaint_letter",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("organization_id", sa.Integer(), nullable=False),
    sa.Column("year", sa.Integer(), nullable=False),
    sa.Column("sequence", sa.Integer(), nullable=False),
    sa.Column("received_on", sa.Date(), nullable=False),
    sa.Column("postmark_on", sa.Date(), nullable=True),
    sa.Column("channel", sa.Enum("POST", "HAND", "EMAIL", "FORWARDED", name="letterchannel", native_enum=False, length=32), nullable=False),
    sa.Column("kind", sa.Enum("DENUNCIATION", "COMPLAINT", "PETITION", name="letterkind", native_enum=False, length=32), nullable=False),
    sa.Column("is_anonymous", sa.Boolean(), nullable=False),
    sa.Column("sender_name", sa.String(length=100), nullable=True),
    sa.Column("sender_address", sa.String(length=300), nullable=True),
    sa.Column("sender_contact", sa.String(length=100), nullable=True),
    sa.Column("concerned_member_id", sa.Integer(), nullable=True),
    sa.Column("concerned_organization_id", sa.Integer(), nullable=True),
    sa.Column("concerned_text", sa.String(length=300), nullable=True),
    sa.Column("summary", sa.Text(), nullable=False),
    sa.Column("status", sa.Enum("RECEIVED", "NOT_ELIGIBLE", "FILED", "FORWARDED", "CASE_OPENED", "ANSWERED", name="letterstatus", native_enum=False, length=32), nullable=False),
    sa.Column("not_eligible_reason", sa.String(length=300), nullable=True),
    sa.Column("handler_user_id", sa.Integer(), nullable=True),
    sa.Column("due_on", sa.Date(), nullable=True),
    sa.Column("extended_to", sa.Date(), nullable=True),
    sa.Column("forwarded_to", sa.String(length=300), nullable=True),
    sa.Column("result", sa.Text(), nullable=True),
    sa.Column("handled_on", sa.Date(), nullable=True),
    sa.Column("notified_on", sa.Date(), nullable=True),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.ForeignKeyConstraint(["concerned_member_id"], ["member.id"], name=op.f("fk_complaint_letter_concerned_member_id_member"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["concerned_organization_id"], ["party_organization.id"], name=op.f("fk_complaint_letter_concerned_organization_id_party_organization")),
    sa.ForeignKeyConstraint(["handler_user_id"], ["user_account.id"], name=op.f("fk_complaint_letter_handler_user_id_user_account"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["organization_id"], ["party_organization.id"], name=op.f("fk_complaint_letter_organization_id_party_organization")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_letter")),
    sa.UniqueConstraint("organization_id", "year", "sequence", name=op.f("uq_complaint_letter_organization_id"))
    )
    op.create_index(op.f("ix_complaint_letter_concerned_member_id"), "complaint_letter", ["concerned_member_id"])
    op.create_index("ix_complaint_letter_org_received", "complaint_letter", ["organization_id", "received_on", "id"])
    op.create_index("ix_complaint_letter_status_due", "complaint_letter", ["status", "due_on", "id"])
    op.create_table("inspection_case",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("organization_id", sa.Integer(), nullable=False),
    sa.Column("year", sa.Integer(), nullable=False),
    sa.Column("sequence", sa.Integer(), nullable=False),
    sa.Column("kind", sa.Enum("SUPERVISION_REGULAR", "SUPERVISION_THEMATIC", "INSPECTION_COMPLIANCE", "INSPECTION_SIGNS_OF_VIOLATION", "INSPECTION_OF_IC_DUTY", "INSPECTION_FINANCE", "ASSETS_CHECK", "DENUNCIATION", "DISCIPLINE_COMPLAINT", "DISCIPLINE", "SUSPENSION", name="casekind", native_enum=False, length=32), nullable=False),
    sa.Column("state", sa.Enum("DETECTED", "DECIDED", "PLANNED", "ANNOUNCED", "EXPLANATION_RECEIVED", "VERIFYING", "DRAFT_REPORT", "REPORTED", "CONCLUDED", "DISCIPLINE_OPENED", "MONITORING", "ARCHIVED", name="casestate", native_enum=False, length=32), nullable=False),
    sa.Column("title", sa.String(length=300), nullable=False),
    sa.Column("deciding_body_kind", sa.Enum("CELL", "GRASSROOTS_CELL", "PARTIAL_COMMITTEE", "GRASSROOTS_STANDING", "GRASSROOTS_IC", "GRASSROOTS_COMMITTEE", "SUPERIOR_STANDING", "SUPERIOR_IC", name="decidingbodykind", native_enum=False, length=32), nullable=False),
    sa.Column("deciding_body", sa.String(length=200), nullable=False),
    sa.Column("opened_on", sa.Date(), nullable=False),
    sa.Column("letter_id", sa.Integer(), nullable=True),
    sa.Column("content", sa.Text(), nullable=True),
    sa.Column("violation_on", sa.Date(), nullable=True),
    sa.Column("violation_ended_on", sa.Date(), nullable=True),
    sa.Column("violation_end_unknown", sa.Boolean(), nullable=False),
    sa.Column("discovered_on", sa.Date(), nullable=True),
    sa.Column("new_violation_on", sa.Date(), nullable=True),
    sa.Column("days_not_counted", sa.Integer(), nullable=False),
    sa.Column("limitation_exception", sa.Enum("INTERNAL_POLITICAL_PROTECTION", "NATIONAL_INTEREST", "ILLEGAL_DIPLOMA", name="limitationexception", native_enum=False, length=32), nullable=True),
    sa.Column("no_limitation_reason", sa.String(length=300), nullable=True),
    sa.Column("concluded_on", sa.Date(), nullable=True),
    sa.Column("seriousness", sa.Enum("NO_VIOLATION", "SHORTCOMING", "VIOLATION_NO_DISCIPLINE", "DISCIPLINE_WARRANTED", name="seriousness", native_enum=False, length=32), nullable=True),
    sa.Column("violations_found", sa.Text(), nullable=True),
    sa.Column("conclusion_text", sa.Text(), nullable=True),
    sa.Column("notice_sequence", sa.Integer(), nullable=True),
    sa.Column("closed_on", sa.Date(), nullable=True),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.Column("updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
    sa.ForeignKeyConstraint(["letter_id"], ["complaint_letter.id"], name=op.f("fk_inspection_case_letter_id_complaint_letter"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["organization_id"], ["party_organization.id"], name=op.f("fk_inspection_case_organization_id_party_organization")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_case")),
    sa.UniqueConstraint("organization_id", "year", "sequence", name=op.f("uq_inspection_case_organization_id"))
    )
    op.create_index("ix_inspection_case_opened", "inspection_case", ["opened_on", "id"])
    op.create_index("ix_inspection_case_org_state", "inspection_case", ["organization_id", "state", "opened_on", "id"])
    op.create_table("inspection_case_assignee",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("case_id", sa.Integer(), nullable=False),
    sa.Column("user_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["case_id"], ["inspection_case.id"], name=op.f("fk_inspection_case_assignee_case_id_inspection_case"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], name=op.f("fk_inspection_case_assignee_user_id_user_account"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_case_assignee")),
    sa.UniqueConstraint("case_id", "user_id", name=op.f("uq_inspection_case_assignee_case_id"))
    )
    op.create_index(op.f("ix_inspection_case_assignee_user_id"), "inspection_case_assignee", ["user_id"])
    op.create_table("inspection_case_document",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("case_id", sa.Integer(), nullable=False),
    sa.Column("step_kind", sa.Enum("DECISION", "PLAN", "TEAM", "EXPLANATION", "VERIFICATION", "CONCLUSION", "NOTIFICATION", name="stepkind", native_enum=False, length=32), nullable=True),
    sa.Column("kind", sa.Enum("DECISION", "PLAN", "OUTLINE", "EXPLANATION_REPORT", "WORKING_MINUTES", "RESULT_REPORT", "CONCLUSION_NOTICE", "DISCIPLINE_DECISION", "ANNOUNCEMENT_MINUTES", "OTHER", name="casedocumentkind", native_enum=False, length=32), nullable=False),
    sa.Column("title", sa.String(length=300), nullable=False),
    sa.Column("file_name", sa.String(length=255), nullable=False),
    sa.Column("media_type", sa.String(length=100), nullable=False),
    sa.Column("size_bytes", sa.Integer(), nullable=False),
    sa.Column("content", sa.LargeBinary(), nullable=False),
    sa.Column("added_at", sa.DateTime(), nullable=False),
    sa.Column("added_by", sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(["case_id"], ["inspection_case.id"], name=op.f("fk_inspection_case_document_case_id_inspection_case"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_case_document"))
    )
    op.create_index(op.f("ix_inspection_case_document_case_id"), "inspection_case_document", ["case_id"])
    op.create_table("inspection_case_step",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("case_id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.Enum("DECISION", "PLAN", "TEAM", "EXPLANATION", "VERIFICATION", "CONCLUSION", "NOTIFICATION", name="stepkind", native_enum=False, length=32), nullable=False),
    sa.Column("due_on", sa.Date(), nullable=False),
    sa.Column("done_on", sa.Date(), nullable=True),
    sa.Column("note", sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(["case_id"], ["inspection_case.id"], name=op.f("fk_inspection_case_step_case_id_inspection_case"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_case_step")),
    sa.UniqueConstraint("case_id", "kind", name=op.f("uq_inspection_case_step_case_id"))
    )
    op.create_index("ix_inspection_case_step_open", "inspection_case_step", ["done_on", "due_on", "case_id"])
    op.create_table("inspection_case_subject",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("case_id", sa.Integer(), nullable=False),
    sa.Column("member_id", sa.Integer(), nullable=True),
    sa.Column("organization_id", sa.Integer(), nullable=True),
    sa.Column("target_scope", sa.Enum("MEMBER", "COMMITTEE_MEMBER", "SUBORDINATE_COMMITTEE_MEMBER", "ORGANIZATION", name="targetscope", native_enum=False, length=32), nullable=False),
    sa.CheckConstraint("(member_id IS NULL) <> (organization_id IS NULL)", name=op.f("ck_inspection_case_subject_one_subject")),
    sa.ForeignKeyConstraint(["case_id"], ["inspection_case.id"], name=op.f("fk_inspection_case_subject_case_id_inspection_case"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_inspection_case_subject_member_id_member"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["organization_id"], ["party_organization.id"], name=op.f("fk_inspection_case_subject_organization_id_party_organization")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_case_subject"))
    )
    op.create_index(op.f("ix_inspection_case_subject_case_id"), "inspection_case_subject", ["case_id"])
    op.create_index(op.f("ix_inspection_case_subject_member_id"), "inspection_case_subject", ["member_id"])
    op.create_index(op.f("ix_inspection_case_subject_organization_id"), "inspection_case_subject", ["organization_id"])
    op.create_table("inspection_case_decision",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("case_id", sa.Integer(), nullable=False),
    sa.Column("subject_id", sa.Integer(), nullable=False),
    sa.Column("status", sa.Enum("DECIDED", "PROPOSED", name="decisionstatus", native_enum=False, length=32), nullable=False),
    sa.Column("form", sa.Enum("REPRIMAND", "WARNING", "DISMISSAL", "EXPULSION", "DISSOLUTION", name="disciplineform", native_enum=False, length=32), nullable=False),
    sa.Column("deciding_body_kind", sa.Enum("CELL", "GRASSROOTS_CELL", "PARTIAL_COMMITTEE", "GRASSROOTS_STANDING", "GRASSROOTS_IC", "GRASSROOTS_COMMITTEE", "SUPERIOR_STANDING", "SUPERIOR_IC", name="decidingbodykind", native_enum=False, length=32), nullable=False),
    sa.Column("deciding_body", sa.String(length=200), nullable=False),
    sa.Column("decision_number", sa.String(length=60), nullable=False),
    sa.Column("decided_on", sa.Date(), nullable=False),
    sa.Column("effective_on", sa.Date(), nullable=False),
    sa.Column("appeal_deadline", sa.Date(), nullable=False),
    sa.Column("voters", sa.Integer(), nullable=True),
    sa.Column("votes_for", sa.Integer(), nullable=True),
    sa.Column("reasons", sa.Text(), nullable=False),
    sa.Column("discipline_record_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["case_id"], ["inspection_case.id"], name=op.f("fk_inspection_case_decision_case_id_inspection_case"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["discipline_record_id"], ["discipline_record.id"], name=op.f("fk_inspection_case_decision_discipline_record_id_discipline_record"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["subject_id"], ["inspection_case_subject.id"], name=op.f("fk_inspection_case_decision_subject_id_inspection_case_subject"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_case_decision"))
    )
    op.create_index(op.f("ix_inspection_case_decision_case_id"), "inspection_case_decision", ["case_id"])
    op.create_table("inspection_case_appeal",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("decision_id", sa.Integer(), nullable=False),
    sa.Column("lodged_on", sa.Date(), nullable=False),
    sa.Column("resolver", sa.String(length=200), nullable=False),
    sa.Column("resolution_due_on", sa.Date(), nullable=True),
    sa.Column("outcome", sa.Enum("PENDING", "NOT_ACCEPTED", "UPHELD", "CHANGED", "ANNULLED", name="appealoutcome", native_enum=False, length=32), nullable=False),
    sa.Column("not_accepted_reason", sa.String(length=300), nullable=True),
    sa.Column("resolved_on", sa.Date(), nullable=True),
    sa.Column("result", sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(["decision_id"], ["inspection_case_decision.id"], name=op.f("fk_inspection_case_appeal_decision_id_inspection_case_decision"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_case_appeal"))
    )
    op.create_index(op.f("ix_inspection_case_appeal_decision_id"), "inspection_case_appeal", ["decision_id"])
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
    for table in _TABLES:
        op.drop_table(table)

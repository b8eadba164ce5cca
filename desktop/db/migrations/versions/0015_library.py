"""Document library and study of resolutions (issue 10; domain spec §7.4, §9): documents, their
files and extracted text, the search index (terms and postings), study sessions and their
attendance, and the library's limits in the rule table.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_FOUNDING = dt.date(1930, 2, 3)

SEED_RULES = [
    ("LIBRARY_FILE_MAX_KB", 51200, "office setting: largest file kept in the document library (50 MB)", "L"),
    ("LIBRARY_INDEXED_CHARS", 3000000,
     "office setting: characters of a document's text indexed for search (about 1,000 pages)", "L"),
]

_KINDS = ("RESOLUTION", "DECISION", "DIRECTIVE", "CONCLUSION", "STATUTE", "REGULATION", "CIRCULAR",
          "GUIDANCE", "NOTICE", "COMMUNIQUE", "DECLARATION", "APPEAL", "REPORT", "PLAN", "MASTER_PLAN",
          "PROGRAMME", "SCHEME", "OPTION", "PROJECT", "SUBMISSION", "OFFICIAL_LETTER", "MINUTES", "OTHER")
_STATUSES = ("IN_FORCE", "AMENDED", "REPLACED", "EXPIRED")
_MARKS = ("NONE", "CONFIDENTIAL", "SECRET", "TOP_SECRET")


def _enum(*names: str, name: str) -> sa.Enum:
    return sa.Enum(*names, name=name, native_enum=False, length=32)


def _binary(length: int) -> sa.types.TypeEngine:
    return sa.String(length=length).with_variant(sa.VARCHAR(length=length, collation="C"), "postgresql")


def _versioned() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "library_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum(*_KINDS, name="documentkind"), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("number_key", _binary(60), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("issuer_key", _binary(200), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("abstract", sa.String(length=1000), nullable=False),
        sa.Column("status", _enum(*_STATUSES, name="documentstatus"), nullable=False),
        sa.Column("replaced_by_id", sa.Integer(), nullable=True),
        sa.Column("amended_by_id", sa.Integer(), nullable=True),
        sa.Column("confidentiality", _enum(*_MARKS, name="confidentiality"), nullable=False),
        sa.Column("tags", sa.String(length=300), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        *_versioned(),
        sa.ForeignKeyConstraint(["replaced_by_id"], ["library_document.id"],
                                name=op.f("fk_library_document_replaced_by_id_library_document"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["amended_by_id"], ["library_document.id"],
                                name=op.f("fk_library_document_amended_by_id_library_document"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_document")),
    )
    op.create_index("ix_library_document_issue_date", "library_document", ["issue_date", "id"])
    op.create_index("ix_library_document_kind", "library_document", ["kind", "issue_date"])
    op.create_index("ix_library_document_number_key", "library_document", ["number_key"])
    op.create_index("ix_library_document_issuer_key", "library_document", ["issuer_key"])
    op.create_index("ix_library_document_replaced_by", "library_document", ["replaced_by_id"])

    op.create_table(
        "library_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("text_chars", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["library_document.id"],
                                name=op.f("fk_library_file_document_id_library_document"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_file")),
        sa.UniqueConstraint("sha256", name=op.f("uq_library_file_sha256")),
    )
    op.create_index(op.f("ix_library_file_document_id"), "library_file", ["document_id"])

    op.create_table(
        "library_document_text",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["library_document.id"],
                                name=op.f("fk_library_document_text_document_id_library_document"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_library_document_text")),
    )

    op.create_table(
        "library_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", _binary(60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_term")),
        sa.UniqueConstraint("term", name=op.f("uq_library_term_term")),
    )

    op.create_table(
        "library_posting",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("first_offset", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["term_id"], ["library_term.id"],
                                name=op.f("fk_library_posting_term_id_library_term")),
        sa.ForeignKeyConstraint(["document_id"], ["library_document.id"],
                                name=op.f("fk_library_posting_document_id_library_document"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "term_id", name=op.f("pk_library_posting")),
    )
    op.create_index("ix_library_posting_term", "library_posting", ["term_id", "document_id", "weight"])

    op.create_table(
        "study_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("session_date", sa.Date(), nullable=False),
        sa.Column("form", _enum("IN_PERSON", "ONLINE", name="studyform"), nullable=False),
        sa.Column("presenter", sa.String(length=200), nullable=False),
        sa.Column("makeup_of_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(["document_id"], ["library_document.id"],
                                name=op.f("fk_study_session_document_id_library_document"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["organization_id"], ["party_organization.id"],
                                name=op.f("fk_study_session_organization_id_party_organization")),
        sa.ForeignKeyConstraint(["makeup_of_id"], ["study_session.id"],
                                name=op.f("fk_study_session_makeup_of_id_study_session"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_session")),
    )
    op.create_index("ix_study_session_document", "study_session", ["document_id", "organization_id", "session_date"])
    op.create_index("ix_study_session_organization", "study_session", ["organization_id", "session_date"])

    op.create_table(
        "study_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("absence_reason", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["study_session.id"],
                                name=op.f("fk_study_attendance_session_id_study_session"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["library_document.id"],
                                name=op.f("fk_study_attendance_document_id_library_document"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"],
                                name=op.f("fk_study_attendance_member_id_member"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_attendance")),
        sa.UniqueConstraint("session_id", "member_id", name=op.f("uq_study_attendance_session_id")),
    )
    op.create_index("ix_study_attendance_document_member", "study_attendance", ["document_id", "member_id", "present"])
    op.create_index("ix_study_attendance_member", "study_attendance", ["member_id"])

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
    for table in ("study_attendance", "study_session", "library_posting", "library_term",
                  "library_document_text", "library_file", "library_document"):
        op.drop_table(table)

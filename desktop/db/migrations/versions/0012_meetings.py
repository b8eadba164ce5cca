"""Meetings of cells and committees: attendance, guests, agenda, votes, resolution,
attachments and reopenings, and the meeting rules (domain spec §4).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_FOUNDING = dt.date(1930, 2, 3)
_CT50 = "Chỉ thị 50-CT/TW (2025), Hướng dẫn 42-HD/BTCTW (2025); domain spec §4.2"
_STATUTE = "Điều lệ Đảng (nguyên tắc tập trung dân chủ); domain spec §4.3 R-MTG-5"

SEED_RULES = [
    ("MEETING_QUORUM", {"CELL": {"share": [1, 2], "strict": True},
                        "COMMITTEE": {"share": [2, 3], "strict": False},
                        "CONGRESS": {"share": [2, 3], "strict": False}},
     "domain spec §4.3 R-MTG-6 (configurable)", "L"),
    ("MEETING_VOTE_THRESHOLDS", {"MAJORITY": {"share": [1, 2], "strict": True},
                                 "TWO_THIRDS": {"share": [2, 3], "strict": False}}, _STATUTE, "M"),
    ("MEETING_MIN_MINUTES", 90, _CT50, "H"),
    ("MEETING_COMBINED_MIN_MINUTES", 120, _CT50, "H"),
    ("DOCS_PUBLISH_DAYS_BEFORE", 1, _CT50, "H"),
    ("REGULAR_MEETINGS_PER_MONTH", 1, "domain spec §4.1 (sinh hoạt chi bộ thường kỳ mỗi tháng một lần)", "H"),
    ("THEMATIC_PER_QUARTER", 1, "Hướng dẫn 12-HD/BTCTW (2018); domain spec §4.1", "M"),
    ("MEETING_ATTACHMENT_MAX_KB", 20480, "office setting: largest file kept with a meeting", "L"),
]

_KINDS = ("CELL_REGULAR", "CELL_THEMATIC", "CELL_EXTRAORDINARY", "CELL_REVIEW", "CELL_CONGRESS",
          "COMMITTEE_REGULAR", "ADMISSION_CEREMONY")
_ATTENDANCE = ("PRESENT", "ABSENT_EXCUSED", "ABSENT_UNEXCUSED", "EXEMPTED", "AWAY_TEMPORARY")


def _enum(*names: str, name: str) -> sa.Enum:
    return sa.Enum(*names, name=name, native_enum=False, length=32)





def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum(*_KINDS, name="meetingkind"), nullable=False),
        sa.Column("state", _enum("DRAFT", "FINALISED", name="meetingstate"), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("quarter_key", sa.Integer(), nullable=False),
        sa.Column("includes_thematic", sa.Boolean(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("topic", sa.String(length=300), nullable=True),
        sa.Column("chair_member_id", sa.Integer(), nullable=True),
        sa.Column("secretary_member_id", sa.Integer(), nullable=True),
        sa.Column("invitation_sent_on", sa.Date(), nullable=True),
        sa.Column("documents_published_on", sa.Date(), nullable=True),
        sa.Column("minutes_approved_for", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("expected_count", sa.Integer(), nullable=True),
        sa.Column("present_count", sa.Integer(), nullable=True),
        sa.Column("finalised_at", sa.DateTime(), nullable=True),
        sa.Column("finalised_by", sa.String(length=100), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["party_organization.id"],
                                name=op.f("fk_meeting_organization_id_party_organization")),
        sa.ForeignKeyConstraint(["chair_member_id"], ["member.id"],
                                name=op.f("fk_meeting_chair_member_id_member"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["secretary_member_id"], ["member.id"],
                                name=op.f("fk_meeting_secretary_member_id_member"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    op.create_index("ix_meeting_organization_date", "meeting", ["organization_id", "meeting_date", "id"])
    op.create_index("ix_meeting_compliance", "meeting", ["state", "month_key", "organization_id", "kind"])

    op.create_table(
        "meeting_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", _enum(*_ATTENDANCE, name="attendancestatus"), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.Column("official", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_meeting_attendance_meeting_id_meeting"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"],
                                name=op.f("fk_meeting_attendance_member_id_member"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendance")),
        sa.UniqueConstraint("meeting_id", "member_id", name=op.f("uq_meeting_attendance_meeting_id")),
    )
    op.create_index(op.f("ix_meeting_attendance_member_id"), "meeting_attendance", ["member_id"])

    op.create_table(
        "meeting_guest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("GUEST", "TEMPORARY_HERE", name="guestkind"), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("post", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_meeting_guest_meeting_id_meeting"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_guest")),
    )
    op.create_index(op.f("ix_meeting_guest_meeting_id"), "meeting_guest", ["meeting_id"])

    op.create_table(
        "meeting_agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("discussion", sa.Text(), nullable=True),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_meeting_agenda_item_meeting_id_meeting"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_agenda_item")),
    )
    op.create_index(op.f("ix_meeting_agenda_item_meeting_id"), "meeting_agenda_item", ["meeting_id"])

    op.create_table(
        "meeting_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("method", _enum("SHOW_OF_HANDS", "SECRET_BALLOT", name="votemethod"), nullable=False),
        sa.Column("threshold", _enum("MAJORITY", "TWO_THIRDS", name="votethreshold"), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=False),
        sa.Column("votes_against", sa.Integer(), nullable=False),
        sa.Column("votes_abstain", sa.Integer(), nullable=False),
        sa.Column("adopts_resolution", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_meeting_vote_meeting_id_meeting"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_vote")),
    )
    op.create_index(op.f("ix_meeting_vote_meeting_id"), "meeting_vote", ["meeting_id"])

    op.create_table(
        "meeting_resolution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_meeting_resolution_meeting_id_meeting"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organization_id"], ["party_organization.id"],
                                name=op.f("fk_meeting_resolution_organization_id_party_organization")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_resolution")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_meeting_resolution_meeting_id")),
        sa.UniqueConstraint("organization_id", "year", "sequence",
                            name=op.f("uq_meeting_resolution_organization_id")),
    )

    op.create_table(
        "meeting_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_meeting_attachment_meeting_id_meeting"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attachment")),
    )
    op.create_index(op.f("ix_meeting_attachment_meeting_id"), "meeting_attachment", ["meeting_id"])

    op.create_table(
        "meeting_reopening",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("reopened_at", sa.DateTime(), nullable=False),
        sa.Column("reopened_by", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_meeting_reopening_meeting_id_meeting"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_reopening")),
    )
    op.create_index(op.f("ix_meeting_reopening_meeting_id"), "meeting_reopening", ["meeting_id"])

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
    for table in ("meeting_reopening", "meeting_attachment", "meeting_resolution", "meeting_vote",
                  "meeting_agenda_item", "meeting_guest", "meeting_attendance", "meeting"):
        op.drop_table(table)

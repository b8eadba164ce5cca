"""Document settings of an organisation (header, number, place), the rules reports read, and
the member-history index their as-at queries use.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Domain spec §7.1-§7.3 and §7.8: sizes in points, distances in millimetres.
DOCUMENT_STYLE = {
    "page": "A4",
    "margin_top_mm": 25,
    "margin_bottom_mm": 25,
    "margin_left_mm": 35,
    "margin_right_mm": 15,
    "page_number_from_top_mm": 10,
    "motto_pt": 15,
    "superior_pt": 14,
    "issuer_pt": 14,
    "number_pt": 14,
    "place_date_pt": 14,
    "kind_pt": 15,
    "abstract_pt": 14,
    "body_pt": 14,
    "body_leading_pt": 18,
    "paragraph_after_pt": 6,
    "first_line_indent_mm": 10,
    "table_pt": 12,
    "signature_pt": 14,
    "recipients_label_pt": 14,
    "recipients_pt": 12,
    "page_number_pt": 14,
}

SEED_RULES = [
    ("DOCUMENT_STYLE", DOCUMENT_STYLE,
     "Hướng dẫn 36-HD/VPTW (03/4/2018), Phụ lục 3; domain spec §7.1–§7.3, §7.8", "M"),
    ("STAT_AGE_BANDS", [30, 40, 50, 60, 70],
     "Domain spec §8 MEMBER_QUANTITY_QUALITY (forms of Hướng dẫn 11-HD/BTCTW not read)", "M"),
    ("STAT_PARTY_AGE_BANDS", [10, 20, 30, 40, 50],
     "Domain spec §8 MEMBER_QUANTITY_QUALITY party-age bands (band limits of Hướng dẫn "
     "11-HD/BTCTW not read)", "L"),
    ("PARTY_AGE_ANCHOR", "DECISION_DATE",
     "Domain spec R-MEM-5: tuổi đảng from the admission decision date, else the ceremony date", "L"),
]

COLUMNS = (
    ("issuer_name", 200),
    ("issuer_code", 20),
    ("superior_name", 200),
    ("place_name", 100),
)


def upgrade() -> None:
    with op.batch_alter_table("party_organization", schema=None) as batch_op:
        for name, length in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))

    rule_value = sa.table(
        "rule_value",
        sa.column("code", sa.String),
        sa.column("effective_from", sa.Date),
        sa.column("effective_to", sa.Date),
        sa.column("value_json", sa.Text),
        sa.column("source_ref", sa.String),
        sa.column("confidence", sa.String),
    )
    # As in 0001: no earlier text was read, so the rows cover the whole history.
    founding = dt.date(1930, 2, 3)
    op.bulk_insert(
        rule_value,
        [
            {"code": code, "effective_from": founding, "effective_to": None,
             "value_json": json.dumps(value), "source_ref": source, "confidence": confidence}
            for code, value, source, confidence in SEED_RULES
        ],
    )

    # Reports ask each member's last entry/exit event up to a date: with the date and id in
    # the index that is one index step, not a sort of the member's events.
    op.create_index("ix_member_event_member_date", "member_event", ["member_id", "effective_date", "id"])
    op.drop_index("ix_member_event_member_id", table_name="member_event")


def downgrade() -> None:
    op.create_index("ix_member_event_member_id", "member_event", ["member_id"])
    op.drop_index("ix_member_event_member_date", table_name="member_event")
    rule_value = sa.table("rule_value", sa.column("code", sa.String))
    op.execute(rule_value.delete().where(rule_value.c.code.in_([code for code, *_ in SEED_RULES])))
    # SQLite 3.35+ drops these plain columns in place. Copying the table instead would drop
    # party_organization, which foreign keys from member and committee_membership forbid.
    with op.batch_alter_table("party_organization", schema=None, recreate="never") as batch_op:
        for name, _length in reversed(COLUMNS):
            batch_op.drop_column(name)

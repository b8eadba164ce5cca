"""Initial schema: organisations, members, their history, committee seats, the rule table.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

SEED_RULES = [
    ("PROBATION_MONTHS", 12, "Điều lệ Đảng (2011), Điều 5; domain spec R-MEM-1", "H"),
    ("MIN_AGE_MONTHS", 216, "Quy định 294-QĐ/TW (2025); domain spec R-ADM-1 (18 years, in months)", "H"),
    ("NATIONAL_ID_PATTERN", r"\d{12}", "Luật Căn cước 2023: số định danh cá nhân, 12 digits", "H"),
    ("PARTY_CARD_PATTERN", r"[0-9][0-9.\-]{4,18}[0-9]",
     "Chỉ thị 51-CT/TW (2025); format not confirmed: digits, dots, dashes, 6-20 chars", "L"),
    ("CELL_MIN_FULL_MEMBERS", 3, "Điều lệ Đảng, Điều 21; domain spec R-ORG-1", "H"),
    ("CHI_UY_THRESHOLD", 9, "Quy định 294-QĐ/TW (2025); domain spec R-COM-1 (cells with a chi ủy)", "H"),
    ("CHI_UY_MAX", 7, "Quy định 294-QĐ/TW (2025); domain spec R-COM-1 (seats of a chi ủy)", "H"),
]


def upgrade() -> None:
    op.create_table('app_meta',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_app_meta'))
    )
    op.create_table('party_organization',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('short_name', sa.String(length=100), nullable=True),
    sa.Column('kind', sa.Enum('SUPERIOR_COMMITTEE', 'GRASSROOTS_COMMITTEE', 'SECTION_COMMITTEE', 'GRASSROOTS_CELL', 'SUBORDINATE_CELL', name='orgkind', native_enum=False, length=32), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('path', sa.String(length=400).with_variant(sa.VARCHAR(length=400, collation='C'), 'postgresql'), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('established_date', sa.Date(), nullable=True),
    sa.Column('established_decision_ref', sa.String(length=100), nullable=True),
    sa.Column('dissolved_date', sa.Date(), nullable=True),
    sa.Column('dissolution_decision_ref', sa.String(length=100), nullable=True),
    sa.Column('is_overseas', sa.Boolean(), nullable=False),
    sa.Column('country', sa.String(length=100), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('area_type', sa.String(length=100), nullable=True),
    sa.Column('status', sa.Enum('ACTIVE', 'MERGED', 'SPLIT', 'DISSOLVED', name='orgstatus', native_enum=False, length=32), nullable=False),
    sa.Column('search_key', sa.String(length=300), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['party_organization.id'], name=op.f('fk_party_organization_parent_id_party_organization'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party_organization')),
    sa.UniqueConstraint('code', name=op.f('uq_party_organization_code')),
    sa.UniqueConstraint('path', name=op.f('uq_party_organization_path'))
    )
    with op.batch_alter_table('party_organization', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_party_organization_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index('ix_party_organization_parent_position', ['parent_id', 'position'], unique=False)

    op.create_table('rule_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('value_json', sa.Text(), nullable=False),
    sa.Column('source_ref', sa.String(length=300), nullable=False),
    sa.Column('confidence', sa.String(length=1), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rule_value')),
    sa.UniqueConstraint('code', 'effective_from', name=op.f('uq_rule_value_code'))
    )
    op.create_table('member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=False),
    sa.Column('birth_name', sa.String(length=100), nullable=True),
    sa.Column('alias', sa.String(length=100), nullable=True),
    sa.Column('gender', sa.Enum('MALE', 'FEMALE', name='gender', native_enum=False, length=32), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=False),
    sa.Column('dob_precision', sa.Enum('DAY', 'MONTH', 'YEAR', name='dateprecision', native_enum=False, length=32), nullable=False),
    sa.Column('birth_place', sa.String(length=200), nullable=True),
    sa.Column('home_town', sa.String(length=200), nullable=True),
    sa.Column('permanent_address', sa.String(length=300), nullable=True),
    sa.Column('current_address', sa.String(length=300), nullable=True),
    sa.Column('national_id', sa.String(length=12), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('ethnicity', sa.String(length=50), nullable=False),
    sa.Column('religion', sa.String(length=50), nullable=False),
    sa.Column('occupation', sa.String(length=100), nullable=True),
    sa.Column('general_education', sa.String(length=10), nullable=True),
    sa.Column('professional_degree', sa.Enum('NONE', 'ELEMENTARY', 'VOCATIONAL', 'COLLEGE', 'BACHELOR', 'MASTER', 'DOCTOR', name='professionaldegree', native_enum=False, length=32), nullable=False),
    sa.Column('professional_field', sa.String(length=150), nullable=True),
    sa.Column('academic_title', sa.Enum('NONE', 'ASSOCIATE_PROFESSOR', 'PROFESSOR', name='academictitle', native_enum=False, length=32), nullable=False),
    sa.Column('political_theory', sa.Enum('NONE', 'ELEMENTARY', 'INTERMEDIATE', 'ADVANCED', 'BACHELOR', name='politicaltheory', native_enum=False, length=32), nullable=False),
    sa.Column('foreign_languages', sa.String(length=150), nullable=True),
    sa.Column('it_level', sa.String(length=100), nullable=True),
    sa.Column('youth_union_join_date', sa.Date(), nullable=True),
    sa.Column('work_unit', sa.String(length=200), nullable=True),
    sa.Column('position_gov', sa.String(length=150), nullable=True),
    sa.Column('works_in_political_system', sa.Boolean(), nullable=False),
    sa.Column('admission_decision_date', sa.Date(), nullable=True),
    sa.Column('admission_date', sa.Date(), nullable=False),
    sa.Column('admission_place', sa.String(length=200), nullable=True),
    sa.Column('official_date', sa.Date(), nullable=True),
    sa.Column('official_place', sa.String(length=200), nullable=True),
    sa.Column('party_card_number', sa.String(length=20), nullable=True),
    sa.Column('party_card_issue_date', sa.Date(), nullable=True),
    sa.Column('database_code', sa.String(length=30), nullable=True),
    sa.Column('cell_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('PROBATIONARY', 'FULL', 'REMOVED', 'EXPELLED', 'LEFT', 'DECEASED', 'TRANSFERRED_OUT', name='memberstatus', native_enum=False, length=32), nullable=False),
    sa.Column('exempted_from_activities', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('search_key', sa.String(length=300), nullable=False),
    sa.Column('name_sort_key', sa.String(length=300).with_variant(sa.VARCHAR(length=300, collation='C'), 'postgresql'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['cell_id'], ['party_organization.id'], name=op.f('fk_member_cell_id_party_organization'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member')),
    sa.UniqueConstraint('database_code', name=op.f('uq_member_database_code')),
    sa.UniqueConstraint('national_id', name=op.f('uq_member_national_id')),
    sa.UniqueConstraint('party_card_number', name=op.f('uq_member_party_card_number'))
    )
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.create_index('ix_member_admission_date', ['admission_date', 'id', 'status', 'cell_id'], unique=False)
        batch_op.create_index('ix_member_cell_name', ['cell_id', 'name_sort_key'], unique=False)
        batch_op.create_index('ix_member_date_of_birth', ['date_of_birth', 'id', 'status', 'cell_id'], unique=False)
        batch_op.create_index('ix_member_name_sort_key', ['name_sort_key', 'id', 'status', 'cell_id'], unique=False)

    op.create_table('committee_membership',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('SECRETARY', 'DEPUTY_SECRETARY', 'STANDING_MEMBER', 'MEMBER', 'IC_CHAIR', 'IC_VICE_CHAIR', 'IC_MEMBER', 'CELL_INSPECTOR', name='committeerole', native_enum=False, length=32), nullable=False),
    sa.Column('is_standing', sa.Boolean(), nullable=False),
    sa.Column('source', sa.Enum('ELECTED', 'APPOINTED', name='seatsource', native_enum=False, length=32), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('decision_ref', sa.String(length=100), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_committee_membership_member_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['party_organization.id'], name=op.f('fk_committee_membership_organization_id_party_organization'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committee_membership'))
    )
    with op.batch_alter_table('committee_membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_committee_membership_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_committee_membership_organization_id'), ['organization_id'], unique=False)

    op.create_table('member_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('ADMITTED', 'RECOGNISED_FULL', 'TRANSFER_OFFICIAL_OUT', 'TRANSFER_OFFICIAL_IN', 'TRANSFER_TEMPORARY_OUT', 'TRANSFER_TEMPORARY_IN', 'TRANSFER_INTERNAL', 'EXEMPTED', 'EXEMPTION_ENDED', 'REMOVED', 'LEFT_ON_REQUEST', 'EXPELLED', 'DECEASED', 'NAME_CHANGED', 'DOB_CORRECTED', 'CARD_ISSUED', 'CARD_REPLACED', 'BADGE_AWARDED', 'REINSTATED', name='membereventkind', native_enum=False, length=32), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('decision_number', sa.String(length=60), nullable=True),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('issuing_body', sa.String(length=200), nullable=True),
    sa.Column('from_org_id', sa.Integer(), nullable=True),
    sa.Column('to_org_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['from_org_id'], ['party_organization.id'], name=op.f('fk_member_event_from_org_id_party_organization')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_member_event_member_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_org_id'], ['party_organization.id'], name=op.f('fk_member_event_to_org_id_party_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_event'))
    )
    with op.batch_alter_table('member_event', schema=None) as batch_op:
        batch_op.create_index('ix_member_event_kind_date', ['kind', 'effective_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_event_member_id'), ['member_id'], unique=False)

    app_meta = sa.table("app_meta", sa.column("key", sa.String), sa.column("value", sa.String))
    op.bulk_insert(app_meta, [{"key": "application", "value": "party-office"}])

    rule_value = sa.table(
        "rule_value",
        sa.column("code", sa.String),
        sa.column("effective_from", sa.Date),
        sa.column("effective_to", sa.Date),
        sa.column("value_json", sa.Text),
        sa.column("source_ref", sa.String),
        sa.column("confidence", sa.String),
    )
    # Earlier charters are assumed to have had the same values (none was read), hence the
    # rows start at the party's founding so historical records can be checked.
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
    with op.batch_alter_table('member_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_event_member_id'))
        batch_op.drop_index('ix_member_event_kind_date')

    op.drop_table('member_event')
    with op.batch_alter_table('committee_membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_committee_membership_organization_id'))
        batch_op.drop_index(batch_op.f('ix_committee_membership_member_id'))

    op.drop_table('committee_membership')
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_index('ix_member_name_sort_key')
        batch_op.drop_index('ix_member_date_of_birth')
        batch_op.drop_index('ix_member_cell_name')
        batch_op.drop_index('ix_member_admission_date')

    op.drop_table('member')
    op.drop_table('rule_value')
    with op.batch_alter_table('party_organization', schema=None) as batch_op:
        batch_op.drop_index('ix_party_organization_parent_position')
        batch_op.drop_index(batch_op.f('ix_party_organization_parent_id'))

    op.drop_table('party_organization')
    op.drop_table('app_meta')

"""initial schema for every area

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26 15:15:56.117785
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('activity_field',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_field'))
    )

    op.create_table('local_meta',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_local_meta'))
    )
    op.create_table('local_setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_local_setting'))
    )
    op.create_table('prefecture',
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('lg_code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=10), nullable=False),
    sa.Column('kana', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prefecture'))
    )
    with op.batch_alter_table('prefecture', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prefecture_code'), ['code'], unique=False)

    op.create_table('region_kind',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region_kind'))
    )

    op.create_table('training_event',
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('event_type', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('co_hosts', sa.String(length=200), nullable=False),
    sa.Column('program_notes', sa.Text(), nullable=False),
    sa.Column('organiser', sa.String(length=80), nullable=False),
    sa.Column('copied_from_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['copied_from_id'], ['training_event.id'], name=op.f('fk_training_event_copied_from_id_training_event')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_event'))
    )
    with op.batch_alter_table('training_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_event_fiscal_year'), ['fiscal_year'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_event_title'), ['title'], unique=False)

    op.create_table('event_audience',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['training_event.id'], name=op.f('fk_event_audience_event_id_training_event')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_audience'))
    )
    with op.batch_alter_table('event_audience', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_audience_event_id'), ['event_id'], unique=False)

    op.create_table('event_field',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('field_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['training_event.id'], name=op.f('fk_event_field_event_id_training_event')),
    sa.ForeignKeyConstraint(['field_id'], ['activity_field.id'], name=op.f('fk_event_field_field_id_activity_field')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_field'))
    )
    with op.batch_alter_table('event_field', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_field_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_field_field_id'), ['field_id'], unique=False)

    op.create_table('municipality',
    sa.Column('prefecture_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('kana', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('county', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('designated_city', sa.Boolean(), nullable=False),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('aging_rate', sa.Float(), nullable=True),
    sa.Column('daily_life_areas', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['municipality.id'], name=op.f('fk_municipality_parent_id_municipality')),
    sa.ForeignKeyConstraint(['prefecture_id'], ['prefecture.id'], name=op.f('fk_municipality_prefecture_id_prefecture')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality'))
    )
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_municipality_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_municipality_kana'), ['kana'], unique=False)
        batch_op.create_index(batch_op.f('ix_municipality_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_municipality_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_municipality_prefecture_id'), ['prefecture_id'], unique=False)

    op.create_table('region',
    sa.Column('kind_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['kind_id'], ['region_kind.id'], name=op.f('fk_region_kind_id_region_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region'))
    )
    with op.batch_alter_table('region', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_region_kind_id'), ['kind_id'], unique=False)

    op.create_table('survey_question',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['training_event.id'], name=op.f('fk_survey_question_event_id_training_event')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_question'))
    )
    with op.batch_alter_table('survey_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_question_event_id'), ['event_id'], unique=False)

    op.create_table('training_session',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('label', sa.String(length=40), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['training_event.id'], name=op.f('fk_training_session_event_id_training_event')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_session'))
    )
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_session_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_session_event_id'), ['event_id'], unique=False)

    op.create_table('dispatch',
    sa.Column('municipality_id', sa.String(length=36), nullable=False),
    sa.Column('requested_by', sa.String(length=12), nullable=False),
    sa.Column('request_date', sa.Date(), nullable=True),
    sa.Column('purpose_category', sa.String(length=40), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('payer', sa.String(length=10), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_dispatch_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch'))
    )
    with op.batch_alter_table('dispatch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispatch_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_request_date'), ['request_date'], unique=False)

    op.create_table('municipality_status',
    sa.Column('municipality_id', sa.String(length=36), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('transition_date', sa.Date(), nullable=True),
    sa.Column('transition_note', sa.String(length=200), nullable=False),
    sa.Column('sc1_placed', sa.Boolean(), nullable=True),
    sa.Column('sc1_entrusted_to', sa.String(length=200), nullable=False),
    sa.Column('sc1_since', sa.Date(), nullable=True),
    sa.Column('sc1_count', sa.Integer(), nullable=True),
    sa.Column('sc2_placed_areas', sa.Integer(), nullable=True),
    sa.Column('sc2_total_areas', sa.Integer(), nullable=True),
    sa.Column('sc2_note', sa.String(length=200), nullable=False),
    sa.Column('council1_established', sa.Boolean(), nullable=True),
    sa.Column('council1_since', sa.Date(), nullable=True),
    sa.Column('council1_meetings_per_year', sa.Integer(), nullable=True),
    sa.Column('council2_established_areas', sa.Integer(), nullable=True),
    sa.Column('council2_total_areas', sa.Integer(), nullable=True),
    sa.Column('council2_note', sa.String(length=200), nullable=False),
    sa.Column('houmon_a', sa.Boolean(), nullable=True),
    sa.Column('houmon_a_note', sa.String(length=200), nullable=False),
    sa.Column('houmon_b', sa.Boolean(), nullable=True),
    sa.Column('houmon_b_note', sa.String(length=200), nullable=False),
    sa.Column('houmon_c', sa.Boolean(), nullable=True),
    sa.Column('houmon_c_note', sa.String(length=200), nullable=False),
    sa.Column('houmon_d', sa.Boolean(), nullable=True),
    sa.Column('houmon_d_note', sa.String(length=200), nullable=False),
    sa.Column('tsusho_a', sa.Boolean(), nullable=True),
    sa.Column('tsusho_a_note', sa.String(length=200), nullable=False),
    sa.Column('tsusho_b', sa.Boolean(), nullable=True),
    sa.Column('tsusho_b_note', sa.String(length=200), nullable=False),
    sa.Column('tsusho_c', sa.Boolean(), nullable=True),
    sa.Column('tsusho_c_note', sa.String(length=200), nullable=False),
    sa.Column('ippan_yobo', sa.Boolean(), nullable=True),
    sa.Column('ippan_yobo_note', sa.String(length=200), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=True),
    sa.Column('strengths', sa.Text(), nullable=False),
    sa.Column('issues', sa.Text(), nullable=False),
    sa.Column('support_wanted', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_municipality_status_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality_status'))
    )
    with op.batch_alter_table('municipality_status', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_municipality_status_fiscal_year'), ['fiscal_year'], unique=False)
        batch_op.create_index(batch_op.f('ix_municipality_status_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('organisation',
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('kana', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('municipality_id', sa.String(length=36), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_organisation_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation'))
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_name'), ['name'], unique=False)

    op.create_table('region_membership',
    sa.Column('region_id', sa.String(length=36), nullable=False),
    sa.Column('municipality_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_region_membership_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_region_membership_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region_membership'))
    )
    with op.batch_alter_table('region_membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_region_membership_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_region_membership_region_id'), ['region_id'], unique=False)

    op.create_table('visit',
    sa.Column('municipality_id', sa.String(length=36), nullable=False),
    sa.Column('visit_date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('purpose_category', sa.String(length=40), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('observations', sa.Text(), nullable=False),
    sa.Column('issues', sa.Text(), nullable=False),
    sa.Column('advice', sa.Text(), nullable=False),
    sa.Column('next_visit_date', sa.Date(), nullable=True),
    sa.Column('next_visit_note', sa.String(length=200), nullable=False),
    sa.Column('is_draft', sa.Boolean(), nullable=False),
    sa.Column('recorded_by', sa.String(length=80), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_visit_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_visit_date'), ['visit_date'], unique=False)

    op.create_table('dispatch_date',
    sa.Column('dispatch_id', sa.String(length=36), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['dispatch_id'], ['dispatch.id'], name=op.f('fk_dispatch_date_dispatch_id_dispatch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_date'))
    )
    with op.batch_alter_table('dispatch_date', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispatch_date_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_date_dispatch_id'), ['dispatch_id'], unique=False)

    op.create_table('person',
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('kana', sa.String(length=160), nullable=False),
    sa.Column('name_key', sa.String(length=80), nullable=False),
    sa.Column('kana_key', sa.String(length=160), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('municipality_id', sa.String(length=36), nullable=True),
    sa.Column('organisation_id', sa.String(length=36), nullable=True),
    sa.Column('affiliation', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('merged_into_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['merged_into_id'], ['person.id'], name=op.f('fk_person_merged_into_id_person')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_person_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_person_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_kana_key'), ['kana_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_role'), ['role'], unique=False)

    op.create_table('advisor',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('affiliation', sa.String(length=200), nullable=False),
    sa.Column('activity_text', sa.Text(), nullable=False),
    sa.Column('publish_phone', sa.Boolean(), nullable=True),
    sa.Column('publish_email', sa.Boolean(), nullable=True),
    sa.Column('active_from_fy', sa.Integer(), nullable=True),
    sa.Column('active_to_fy', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_advisor_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advisor'))
    )
    with op.batch_alter_table('advisor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advisor_person_id'), ['person_id'], unique=False)

    op.create_table('registration',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('session_id', sa.String(length=36), nullable=True),
    sa.Column('registered_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('walk_in', sa.Boolean(), nullable=False),
    sa.Column('pre_assignment_received', sa.Boolean(), nullable=False),
    sa.Column('group_label', sa.String(length=20), nullable=False),
    sa.Column('row_order', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['training_event.id'], name=op.f('fk_registration_event_id_training_event')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_registration_person_id_person')),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_registration_session_id_training_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration'))
    )
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_session_id'), ['session_id'], unique=False)

    op.create_table('visit_participant',
    sa.Column('visit_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('side', sa.String(length=12), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_visit_participant_person_id_person')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_visit_participant_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_participant'))
    )
    with op.batch_alter_table('visit_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_participant_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_participant_visit_id'), ['visit_id'], unique=False)

    op.create_table('advisor_assignment',
    sa.Column('advisor_id', sa.String(length=36), nullable=False),
    sa.Column('municipality_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('from_fy', sa.Integer(), nullable=True),
    sa.Column('to_fy', sa.Integer(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['advisor_id'], ['advisor.id'], name=op.f('fk_advisor_assignment_advisor_id_advisor')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_advisor_assignment_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advisor_assignment'))
    )
    with op.batch_alter_table('advisor_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advisor_assignment_advisor_id'), ['advisor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_advisor_assignment_municipality_id'), ['municipality_id'], unique=False)

    op.create_table('advisor_field',
    sa.Column('advisor_id', sa.String(length=36), nullable=False),
    sa.Column('field_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['advisor_id'], ['advisor.id'], name=op.f('fk_advisor_field_advisor_id_advisor')),
    sa.ForeignKeyConstraint(['field_id'], ['activity_field.id'], name=op.f('fk_advisor_field_field_id_activity_field')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advisor_field'))
    )
    with op.batch_alter_table('advisor_field', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advisor_field_advisor_id'), ['advisor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_advisor_field_field_id'), ['field_id'], unique=False)

    op.create_table('attendance',
    sa.Column('registration_id', sa.String(length=36), nullable=False),
    sa.Column('session_id', sa.String(length=36), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_attendance_registration_id_registration')),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_attendance_session_id_training_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_session_id'), ['session_id'], unique=False)

    op.create_table('consultation',
    sa.Column('received_date', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('municipality_id', sa.String(length=36), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('from_name', sa.String(length=80), nullable=False),
    sa.Column('topics', sa.String(length=200), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('referred_advisor_id', sa.String(length=36), nullable=True),
    sa.Column('is_closed', sa.Boolean(), nullable=False),
    sa.Column('closed_date', sa.Date(), nullable=True),
    sa.Column('handled_by', sa.String(length=80), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_consultation_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_consultation_person_id_person')),
    sa.ForeignKeyConstraint(['referred_advisor_id'], ['advisor.id'], name=op.f('fk_consultation_referred_advisor_id_advisor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation'))
    )
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consultation_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consultation_received_date'), ['received_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_consultation_referred_advisor_id'), ['referred_advisor_id'], unique=False)

    op.create_table('dispatch_advisor',
    sa.Column('dispatch_id', sa.String(length=36), nullable=False),
    sa.Column('advisor_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['advisor_id'], ['advisor.id'], name=op.f('fk_dispatch_advisor_advisor_id_advisor')),
    sa.ForeignKeyConstraint(['dispatch_id'], ['dispatch.id'], name=op.f('fk_dispatch_advisor_dispatch_id_dispatch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_advisor'))
    )
    with op.batch_alter_table('dispatch_advisor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispatch_advisor_advisor_id'), ['advisor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_advisor_dispatch_id'), ['dispatch_id'], unique=False)

    op.create_table('event_staff',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('advisor_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['advisor_id'], ['advisor.id'], name=op.f('fk_event_staff_advisor_id_advisor')),
    sa.ForeignKeyConstraint(['event_id'], ['training_event.id'], name=op.f('fk_event_staff_event_id_training_event')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_event_staff_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_staff'))
    )
    with op.batch_alter_table('event_staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_staff_advisor_id'), ['advisor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_staff_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_staff_person_id'), ['person_id'], unique=False)

    op.create_table('survey_answer',
    sa.Column('registration_id', sa.String(length=36), nullable=True),
    sa.Column('question_id', sa.String(length=36), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['survey_question.id'], name=op.f('fk_survey_answer_question_id_survey_question')),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_survey_answer_registration_id_registration')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answer'))
    )
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_answer_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_answer_registration_id'), ['registration_id'], unique=False)

    op.create_table('follow_up_task',
    sa.Column('municipality_id', sa.String(length=36), nullable=True),
    sa.Column('visit_id', sa.String(length=36), nullable=True),
    sa.Column('consultation_id', sa.String(length=36), nullable=True),
    sa.Column('dispatch_id', sa.String(length=36), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('owner_person_id', sa.String(length=36), nullable=True),
    sa.Column('owner_name', sa.String(length=80), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('done_date', sa.Date(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_follow_up_task_consultation_id_consultation')),
    sa.ForeignKeyConstraint(['dispatch_id'], ['dispatch.id'], name=op.f('fk_follow_up_task_dispatch_id_dispatch')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_follow_up_task_municipality_id_municipality')),
    sa.ForeignKeyConstraint(['owner_person_id'], ['person.id'], name=op.f('fk_follow_up_task_owner_person_id_person')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_follow_up_task_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_task'))
    )
    with op.batch_alter_table('follow_up_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_task_consultation_id'), ['consultation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_task_dispatch_id'), ['dispatch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_task_done'), ['done'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_task_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_task_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_task_owner_person_id'), ['owner_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_task_visit_id'), ['visit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('follow_up_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_task_visit_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_task_owner_person_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_task_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_task_due_date'))
        batch_op.drop_index(batch_op.f('ix_follow_up_task_done'))
        batch_op.drop_index(batch_op.f('ix_follow_up_task_dispatch_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_task_consultation_id'))

    op.drop_table('follow_up_task')
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_answer_registration_id'))
        batch_op.drop_index(batch_op.f('ix_survey_answer_question_id'))

    op.drop_table('survey_answer')
    with op.batch_alter_table('event_staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_staff_person_id'))
        batch_op.drop_index(batch_op.f('ix_event_staff_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_staff_advisor_id'))

    op.drop_table('event_staff')
    with op.batch_alter_table('dispatch_advisor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispatch_advisor_dispatch_id'))
        batch_op.drop_index(batch_op.f('ix_dispatch_advisor_advisor_id'))

    op.drop_table('dispatch_advisor')
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_referred_advisor_id'))
        batch_op.drop_index(batch_op.f('ix_consultation_received_date'))
        batch_op.drop_index(batch_op.f('ix_consultation_person_id'))
        batch_op.drop_index(batch_op.f('ix_consultation_municipality_id'))

    op.drop_table('consultation')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_session_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_registration_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('advisor_field', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advisor_field_field_id'))
        batch_op.drop_index(batch_op.f('ix_advisor_field_advisor_id'))

    op.drop_table('advisor_field')
    with op.batch_alter_table('advisor_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advisor_assignment_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_advisor_assignment_advisor_id'))

    op.drop_table('advisor_assignment')
    with op.batch_alter_table('visit_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_participant_visit_id'))
        batch_op.drop_index(batch_op.f('ix_visit_participant_person_id'))

    op.drop_table('visit_participant')
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_session_id'))
        batch_op.drop_index(batch_op.f('ix_registration_person_id'))
        batch_op.drop_index(batch_op.f('ix_registration_event_id'))

    op.drop_table('registration')
    with op.batch_alter_table('advisor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advisor_person_id'))

    op.drop_table('advisor')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_role'))
        batch_op.drop_index(batch_op.f('ix_person_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_person_name_key'))
        batch_op.drop_index(batch_op.f('ix_person_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_person_merged_into_id'))
        batch_op.drop_index(batch_op.f('ix_person_kana_key'))

    op.drop_table('person')
    with op.batch_alter_table('dispatch_date', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispatch_date_dispatch_id'))
        batch_op.drop_index(batch_op.f('ix_dispatch_date_date'))

    op.drop_table('dispatch_date')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_visit_date'))
        batch_op.drop_index(batch_op.f('ix_visit_municipality_id'))

    op.drop_table('visit')
    with op.batch_alter_table('region_membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_region_membership_region_id'))
        batch_op.drop_index(batch_op.f('ix_region_membership_municipality_id'))

    op.drop_table('region_membership')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_name'))
        batch_op.drop_index(batch_op.f('ix_organisation_municipality_id'))

    op.drop_table('organisation')
    with op.batch_alter_table('municipality_status', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_municipality_status_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_municipality_status_fiscal_year'))

    op.drop_table('municipality_status')
    with op.batch_alter_table('dispatch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispatch_request_date'))
        batch_op.drop_index(batch_op.f('ix_dispatch_municipality_id'))

    op.drop_table('dispatch')
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_session_event_id'))
        batch_op.drop_index(batch_op.f('ix_training_session_date'))

    op.drop_table('training_session')
    with op.batch_alter_table('survey_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_question_event_id'))

    op.drop_table('survey_question')
    with op.batch_alter_table('region', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_region_kind_id'))

    op.drop_table('region')
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_municipality_prefecture_id'))
        batch_op.drop_index(batch_op.f('ix_municipality_parent_id'))
        batch_op.drop_index(batch_op.f('ix_municipality_name'))
        batch_op.drop_index(batch_op.f('ix_municipality_kana'))
        batch_op.drop_index(batch_op.f('ix_municipality_code'))

    op.drop_table('municipality')
    with op.batch_alter_table('event_field', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_field_field_id'))
        batch_op.drop_index(batch_op.f('ix_event_field_event_id'))

    op.drop_table('event_field')
    with op.batch_alter_table('event_audience', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_audience_event_id'))

    op.drop_table('event_audience')
    with op.batch_alter_table('training_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_event_title'))
        batch_op.drop_index(batch_op.f('ix_training_event_fiscal_year'))

    op.drop_table('training_event')

    op.drop_table('region_kind')
    with op.batch_alter_table('prefecture', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prefecture_code'))

    op.drop_table('prefecture')
    op.drop_table('local_setting')
    op.drop_table('local_meta')

    op.drop_table('activity_field')

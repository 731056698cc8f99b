"""Baseline schema: the first released database layout, with its reference data.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 00:30:02.074328
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tiepdan_desktop.db.seed import seed_reference_data

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("legal_basis", sa.String(length=300), nullable=True),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_day")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "subject_area",
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("parent_code", sa.String(length=20), nullable=True),
        sa.Column("applies_to", sa.String(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_code"],
            ["subject_area.code"],
            name=op.f("fk_subject_area_parent_code_subject_area"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_subject_area")),
    )
    op.create_table(
        "unit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=40), nullable=False),
        sa.Column("province_code", sa.Integer(), nullable=False),
        sa.Column("province_name", sa.String(length=120), nullable=False),
        sa.Column("ward_code", sa.Integer(), nullable=False),
        sa.Column("ward_name", sa.String(length=120), nullable=False),
        sa.Column("chairman_name", sa.String(length=120), nullable=False),
        sa.Column("remote_area", sa.Boolean(), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
    )
    op.create_table(
        "app_user",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("full_name_key", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("failed_login_count", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("password_changed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_app_user_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("name_key", sa.String(length=120), nullable=False),
        sa.Column("name_sort", sa.String(length=300), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("gender", sa.String(length=40), nullable=True),
        sa.Column("id_type", sa.String(length=40), nullable=True),
        sa.Column("id_number", sa.String(length=20), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("address_key", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_person_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_id_number"), ["id_number"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_person_name_key_birth_year"), ["name_key", "birth_year"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_person_name_sort"), ["name_sort"], unique=False)

    op.create_table(
        "reception_session",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("reception_type", sa.String(length=40), nullable=False),
        sa.Column("chair_in_person", sa.Boolean(), nullable=False),
        sa.Column("presided_by", sa.String(length=120), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_reception_session_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reception_session")),
    )
    with op.batch_alter_table("reception_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reception_session_unit_id_held_on"), ["unit_id", "held_on"], unique=False
        )

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=80), nullable=False),
        sa.Column("operation", sa.String(length=10), nullable=False),
        sa.Column("changes_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_audit_entry_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entry_entity_entity_id"), ["entity", "entity_id"], unique=False
        )

    op.create_table(
        "legal_case",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("case_type", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("area_code", sa.String(length=20), nullable=True),
        sa.Column("complexity", sa.String(length=40), nullable=False),
        sa.Column("remote_area", sa.Boolean(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("verdict", sa.String(length=40), nullable=True),
        sa.Column("officer_id", sa.Uuid(), nullable=True),
        sa.Column("external_code", sa.String(length=60), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["subject_area.code"], name=op.f("fk_legal_case_area_code_subject_area")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["app_user.id"], name=op.f("fk_legal_case_officer_id_app_user")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_legal_case_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_case")),
        sa.UniqueConstraint(
            "unit_id", "year", "number", name=op.f("uq_legal_case_unit_id_year_number")
        ),
    )
    with op.batch_alter_table("legal_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_legal_case_received_on"), ["received_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_legal_case_state_case_type"), ["state", "case_type"], unique=False
        )

    op.create_table(
        "visit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("visited_at", sa.DateTime(), nullable=False),
        sa.Column("reception_type", sa.String(length=40), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=True),
        sa.Column("chair_in_person", sa.Boolean(), nullable=True),
        sa.Column("officer_id", sa.Uuid(), nullable=True),
        sa.Column("officer_name", sa.String(length=120), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("letter_type", sa.String(length=40), nullable=True),
        sa.Column("area_code", sa.String(length=20), nullable=True),
        sa.Column("is_repeat", sa.Boolean(), nullable=False),
        sa.Column("prior_handling", sa.Text(), nullable=True),
        sa.Column("handling", sa.String(length=40), nullable=False),
        sa.Column("refusal_ground", sa.String(length=40), nullable=True),
        sa.Column("forwarded_to", sa.String(length=300), nullable=True),
        sa.Column("result_followup", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("is_group", sa.Boolean(), nullable=False),
        sa.Column("head_count", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("primary_name_sort", sa.String(length=300), nullable=False),
        sa.Column("search_text", sa.String(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["subject_area.code"], name=op.f("fk_visit_area_code_subject_area")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["legal_case.id"], name=op.f("fk_visit_case_id_legal_case")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_visit_created_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["app_user.id"], name=op.f("fk_visit_officer_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["reception_session.id"],
            name=op.f("fk_visit_session_id_reception_session"),
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_visit_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
        sa.UniqueConstraint("unit_id", "year", "number", name=op.f("uq_visit_unit_id_year_number")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_visit_primary_name_sort"), ["primary_name_sort"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_visit_visited_at"), ["visited_at"], unique=False)

    op.create_table(
        "letter",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("forwarded_by", sa.String(length=300), nullable=True),
        sa.Column("forward_doc_number", sa.String(length=60), nullable=True),
        sa.Column("forward_doc_date", sa.Date(), nullable=True),
        sa.Column("officer_id", sa.Uuid(), nullable=True),
        sa.Column("visit_id", sa.Uuid(), nullable=True),
        sa.Column("letter_type", sa.String(length=40), nullable=False),
        sa.Column("area_code", sa.String(length=20), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("requests", sa.Text(), nullable=True),
        sa.Column("filer_kind", sa.String(length=40), nullable=False),
        sa.Column("signer_count", sa.Integer(), nullable=False),
        sa.Column("is_anonymous", sa.Boolean(), nullable=False),
        sa.Column("subject_name", sa.String(length=200), nullable=True),
        sa.Column("subject_position", sa.String(length=200), nullable=True),
        sa.Column("subject_org", sa.String(length=300), nullable=True),
        sa.Column("eligible", sa.Boolean(), nullable=True),
        sa.Column("ineligible_reason", sa.Text(), nullable=True),
        sa.Column("competent", sa.Boolean(), nullable=True),
        sa.Column("competent_body", sa.String(length=300), nullable=True),
        sa.Column("status_elsewhere", sa.String(length=40), nullable=True),
        sa.Column("duplicate_of_id", sa.Uuid(), nullable=True),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("primary_name_sort", sa.String(length=300), nullable=False),
        sa.Column("search_text", sa.String(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["subject_area.code"], name=op.f("fk_letter_area_code_subject_area")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["legal_case.id"], name=op.f("fk_letter_case_id_legal_case")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_letter_created_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of_id"], ["letter.id"], name=op.f("fk_letter_duplicate_of_id_letter")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["app_user.id"], name=op.f("fk_letter_officer_id_app_user")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_letter_unit_id_unit")),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_letter_visit_id_visit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter")),
        sa.UniqueConstraint(
            "unit_id", "year", "number", name=op.f("uq_letter_unit_id_year_number")
        ),
    )
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_letter_primary_name_sort"), ["primary_name_sort"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_letter_received_on"), ["received_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_letter_state"), ["state"], unique=False)

    op.create_table(
        "visit_person",
        sa.Column("visit_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_visit_person_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visit.id"],
            name=op.f("fk_visit_person_visit_id_visit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visit_id", "person_id", name=op.f("pk_visit_person")),
    )
    with op.batch_alter_table("visit_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_person_person_id"), ["person_id"], unique=False)

    op.create_table(
        "attachment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("original_name", sa.String(length=260), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Uuid(), nullable=True),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("added_by", sa.Uuid(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by"], ["app_user.id"], name=op.f("fk_attachment_added_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["legal_case.id"], name=op.f("fk_attachment_case_id_legal_case")
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"], ["letter.id"], name=op.f("fk_attachment_letter_id_letter")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_letter_id"), ["letter_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_sha256"), ["sha256"], unique=False)

    op.create_table(
        "deadline",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("letter_id", sa.Uuid(), nullable=True),
        sa.Column("visit_id", sa.Uuid(), nullable=True),
        sa.Column("rule_id", sa.String(length=8), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        sa.Column("explanation_json", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["legal_case.id"],
            name=op.f("fk_deadline_case_id_legal_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letter.id"],
            name=op.f("fk_deadline_letter_id_letter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visit.id"], name=op.f("fk_deadline_visit_id_visit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline")),
    )
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deadline_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadline_letter_id"), ["letter_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_deadline_status_due_on"), ["status", "due_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_deadline_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "letter_person",
        sa.Column("letter_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letter.id"],
            name=op.f("fk_letter_person_letter_id_letter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_letter_person_person_id_person")
        ),
        sa.PrimaryKeyConstraint("letter_id", "person_id", name=op.f("pk_letter_person")),
    )
    with op.batch_alter_table("letter_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_person_person_id"), ["person_id"], unique=False)

    op.create_table(
        "issued_document",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("letter_id", sa.Uuid(), nullable=True),
        sa.Column("form_code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(length=40), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("signer_name", sa.String(length=120), nullable=False),
        sa.Column("attachment_id", sa.Uuid(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachment.id"],
            name=op.f("fk_issued_document_attachment_id_attachment"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["legal_case.id"], name=op.f("fk_issued_document_case_id_legal_case")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_issued_document_created_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"], ["letter.id"], name=op.f("fk_issued_document_letter_id_letter")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_issued_document_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_document")),
        sa.UniqueConstraint(
            "unit_id",
            "year",
            "symbol",
            "number",
            name=op.f("uq_issued_document_unit_id_year_symbol_number"),
        ),
    )
    with op.batch_alter_table("issued_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_issued_document_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_issued_document_letter_id"), ["letter_id"], unique=False
        )

    op.create_table(
        "case_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=40), nullable=True),
        sa.Column("to_state", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["legal_case.id"],
            name=op.f("fk_case_event_case_id_legal_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["issued_document.id"],
            name=op.f("fk_case_event_document_id_issued_document"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_case_event_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_event")),
    )
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_event_case_id_occurred_on"),
            ["case_id", "occurred_on"],
            unique=False,
        )
    seed_reference_data(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_event_case_id_occurred_on"))

    op.drop_table("case_event")
    with op.batch_alter_table("issued_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issued_document_letter_id"))
        batch_op.drop_index(batch_op.f("ix_issued_document_case_id"))

    op.drop_table("issued_document")
    with op.batch_alter_table("letter_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_person_person_id"))

    op.drop_table("letter_person")
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_visit_id"))
        batch_op.drop_index(batch_op.f("ix_deadline_status_due_on"))
        batch_op.drop_index(batch_op.f("ix_deadline_letter_id"))
        batch_op.drop_index(batch_op.f("ix_deadline_case_id"))

    op.drop_table("deadline")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_sha256"))
        batch_op.drop_index(batch_op.f("ix_attachment_letter_id"))
        batch_op.drop_index(batch_op.f("ix_attachment_case_id"))

    op.drop_table("attachment")
    with op.batch_alter_table("visit_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_person_person_id"))

    op.drop_table("visit_person")
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_state"))
        batch_op.drop_index(batch_op.f("ix_letter_received_on"))
        batch_op.drop_index(batch_op.f("ix_letter_primary_name_sort"))
        batch_op.drop_index(batch_op.f("ix_letter_case_id"))

    op.drop_table("letter")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_visited_at"))
        batch_op.drop_index(batch_op.f("ix_visit_primary_name_sort"))
        batch_op.drop_index(batch_op.f("ix_visit_case_id"))

    op.drop_table("visit")
    with op.batch_alter_table("legal_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_legal_case_state_case_type"))
        batch_op.drop_index(batch_op.f("ix_legal_case_received_on"))

    op.drop_table("legal_case")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_entity_entity_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))

    op.drop_table("audit_entry")
    with op.batch_alter_table("reception_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reception_session_unit_id_held_on"))

    op.drop_table("reception_session")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name_sort"))
        batch_op.drop_index(batch_op.f("ix_person_name_key_birth_year"))
        batch_op.drop_index(batch_op.f("ix_person_id_number"))

    op.drop_table("person")
    op.drop_table("app_user")
    op.drop_table("unit")
    op.drop_table("subject_area")
    op.drop_table("setting")
    op.drop_table("calendar_day")

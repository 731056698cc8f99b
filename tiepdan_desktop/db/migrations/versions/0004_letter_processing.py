"""Letter processing: the filer's identity (named, anonymous, pseudonymous) instead of
an anonymous flag, the authorisation document, the classification checklist and
flags, the duplicate check, the outcome's body, ground and note, the reply of
the body a letter went to, and issued documents' .docx and recipient.

The letter register's full-text index is built after every upgrade
(tiepdan_desktop.db.fulltext.install).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 04:13:51
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("issued_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("docx_attachment_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("recipient", sa.String(length=300), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_issued_document_docx_attachment_id_attachment"),
            "attachment",
            ["docx_attachment_id"],
            ["id"],
        )

    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "filer_identity", sa.String(length=40), server_default="ro_ten", nullable=False
            )
        )
        batch_op.add_column(sa.Column("filer_org", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("authorisation_doc", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("conditions_json", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("situations_json", sa.Text(), server_default="[]", nullable=False)
        )
        batch_op.add_column(sa.Column("classification_note", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("checked_new", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("outcome_body", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("outcome_ground", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("outcome_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("reply_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("reply_note", sa.String(length=300), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_letter_duplicate_of_id"), ["duplicate_of_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_letter_visit_id"), ["visit_id"], unique=False)
        # The register's orders, read from indexes: (date, number) and (name, date).
        batch_op.drop_index(batch_op.f("ix_letter_received_on"))
        batch_op.create_index(
            batch_op.f("ix_letter_received_on_number"), ["received_on", "number"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_letter_primary_name_sort"))
        batch_op.create_index(
            batch_op.f("ix_letter_primary_name_sort_received_on"),
            ["primary_name_sort", "received_on"],
            unique=False,
        )
    op.execute("UPDATE letter SET filer_identity = 'nac_danh' WHERE is_anonymous")
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_column("is_anonymous")


def downgrade() -> None:
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_anonymous", sa.Boolean(), server_default="0", nullable=False)
        )
    op.execute("UPDATE letter SET is_anonymous = 1 WHERE filer_identity != 'ro_ten'")
    for name in ("after_insert", "after_delete", "after_update"):
        op.execute(f"DROP TRIGGER IF EXISTS letter_fts_{name}")
    op.execute("DROP TABLE IF EXISTS letter_fts")
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_primary_name_sort_received_on"))
        batch_op.create_index(
            batch_op.f("ix_letter_primary_name_sort"), ["primary_name_sort"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_letter_received_on_number"))
        batch_op.create_index(batch_op.f("ix_letter_received_on"), ["received_on"], unique=False)
        batch_op.drop_index(batch_op.f("ix_letter_visit_id"))
        batch_op.drop_index(batch_op.f("ix_letter_duplicate_of_id"))
        for column in (
            "reply_note",
            "reply_on",
            "outcome_note",
            "outcome_ground",
            "outcome_body",
            "checked_new",
            "classification_note",
            "situations_json",
            "conditions_json",
            "authorisation_doc",
            "filer_org",
            "filer_identity",
        ):
            batch_op.drop_column(column)

    with op.batch_alter_table("issued_document", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_issued_document_docx_attachment_id_attachment"), type_="foreignkey"
        )
        batch_op.drop_column("recipient")
        batch_op.drop_column("docx_attachment_id")

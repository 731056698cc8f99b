"""Resolution of matters: each step's document and fields, the attachments of a
step, the outcome figures of the reports (01/KQGQ, 02/KQGQ), the state a
suspended matter resumes to, the extensions and complexity basis of a
denunciation, and a clock's pause.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 06:35:39.663819
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_event_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_attachment_case_event_id"), ["case_event_id"], unique=False
        )

    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("doc_number", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("doc_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("doc_signer", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("data_json", sa.Text(), server_default="{}", nullable=False))

    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paused_since", sa.Date(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_deadline_case_id_status_due_on"),
            ["case_id", "status", "due_on"],
            unique=False,
        )

    with op.batch_alter_table("legal_case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resume_state", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("next_due_on", sa.Date(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_legal_case_next_due_on"), ["next_due_on"], unique=False
        )
        batch_op.add_column(
            sa.Column("extensions", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("complexity_basis_json", sa.Text(), server_default="[]", nullable=False)
        )
        batch_op.add_column(sa.Column("verifier", sa.String(length=300), nullable=True))
        batch_op.add_column(
            sa.Column("partly_withdrawn", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("on_time", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("escalation_result", sa.String(length=40), nullable=True))
        batch_op.add_column(
            sa.Column("money_to_recover", sa.Float(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("land_to_recover", sa.Float(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("money_to_return", sa.Float(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("land_to_return", sa.Float(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("orgs_restored", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("persons_restored", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("sanction_persons", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("sanction_officials", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("police_cases", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("police_persons", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("money_recovered", sa.Float(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("land_recovered", sa.Float(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("money_returned", sa.Float(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("land_returned", sa.Float(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("sanctioned_persons", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("criminal_cases", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("fully_enforced", sa.Boolean(), server_default="0", nullable=False)
        )

    # Matters of earlier versions: their next due date from their running clocks.
    op.execute(
        "UPDATE legal_case SET next_due_on = (SELECT MIN(due_on) FROM deadline "
        "WHERE deadline.case_id = legal_case.id AND deadline.status = 'dang_chay')"
    )


def downgrade() -> None:
    with op.batch_alter_table("legal_case", schema=None) as batch_op:
        batch_op.drop_column("fully_enforced")
        batch_op.drop_column("criminal_cases")
        batch_op.drop_column("sanctioned_persons")
        batch_op.drop_column("land_returned")
        batch_op.drop_column("money_returned")
        batch_op.drop_column("land_recovered")
        batch_op.drop_column("money_recovered")
        batch_op.drop_column("police_persons")
        batch_op.drop_column("police_cases")
        batch_op.drop_column("sanction_officials")
        batch_op.drop_column("sanction_persons")
        batch_op.drop_column("persons_restored")
        batch_op.drop_column("orgs_restored")
        batch_op.drop_column("land_to_return")
        batch_op.drop_column("money_to_return")
        batch_op.drop_column("land_to_recover")
        batch_op.drop_column("money_to_recover")
        batch_op.drop_column("escalation_result")
        batch_op.drop_column("on_time")
        batch_op.drop_column("partly_withdrawn")
        batch_op.drop_column("verifier")
        batch_op.drop_column("complexity_basis_json")
        batch_op.drop_column("extensions")
        batch_op.drop_index(batch_op.f("ix_legal_case_next_due_on"))
        batch_op.drop_column("next_due_on")
        batch_op.drop_column("resume_state")

    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_case_id_status_due_on"))
        batch_op.drop_column("paused_since")

    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_column("data_json")
        batch_op.drop_column("doc_signer")
        batch_op.drop_column("doc_date")
        batch_op.drop_column("doc_number")

    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_case_event_id"))
        batch_op.drop_column("case_event_id")

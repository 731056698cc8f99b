"""Frozen reports (chốt số liệu): a form's figures for a period as sent, with
the records behind them, to show what changed since.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 11:44:28.182656
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_snapshot",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("form_code", sa.String(length=20), nullable=False),
        sa.Column("period_code", sa.String(length=30), nullable=False),
        sa.Column("period_first", sa.Date(), nullable=False),
        sa.Column("period_last", sa.Date(), nullable=False),
        sa.Column("frozen_at", sa.DateTime(), nullable=False),
        sa.Column("frozen_by", sa.Uuid(), nullable=True),
        sa.Column("frozen_by_name", sa.String(length=120), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("facts_blob", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["frozen_by"], ["app_user.id"], name=op.f("fk_report_snapshot_frozen_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_report_snapshot_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_snapshot")),
    )
    with op.batch_alter_table("report_snapshot", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_snapshot_form_code_period_first_period_last"),
            ["form_code", "period_first", "period_last"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("report_snapshot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_snapshot_form_code_period_first_period_last"))

    op.drop_table("report_snapshot")

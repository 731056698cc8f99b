"""The audit trail becomes append-only and hash-chained: each entry carries the
hash of the one before it (domain/audit_chain.py); existing entries are chained
in their order; SQLite triggers refuse to change or remove an entry.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 12:42:52.256736
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tiepdan_desktop.domain.audit_chain import GENESIS, HASHED_FIELDS, entry_hash

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = {
    "audit_entry_no_update": "BEFORE UPDATE ON audit_entry",
    "audit_entry_no_delete": "BEFORE DELETE ON audit_entry",
}


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))

    bind = op.get_bind()
    entries = sa.table(
        "audit_entry",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime),
        sa.column("user_id", sa.Uuid),
        *(sa.column(name, sa.Text) for name in HASHED_FIELDS if name not in ("at", "user_id")),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )
    previous = GENESIS
    rows = bind.execute(
        sa.select(entries.c.id, *(entries.c[name] for name in HASHED_FIELDS)).order_by(entries.c.id)
    ).all()
    for row in rows:
        current = entry_hash(previous, dict(row._mapping))
        bind.execute(
            entries.update().where(entries.c.id == row.id).values(prev_hash=previous, hash=current)
        )
        previous = current
    if bind.dialect.name == "sqlite":
        for name, when in TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} {when} "
                "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")

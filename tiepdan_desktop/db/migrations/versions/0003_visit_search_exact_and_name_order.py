"""Register search with diacritics (visit.search_exact), and indexes giving the
register's orders (date and number; name and date) without sorting.

The words with their diacritics are filled in for the visits already recorded,
under the rule of that time: a denunciation's or a mixed letter's visitors are
left out (Luật Tố cáo Đ8.3).  The full-text index over both columns is built
after every upgrade (tiepdan_desktop.db.fulltext.install).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 02:40:00
"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PROTECTED = ("to_cao", "nhieu_noi_dung")


def _fill_search_exact() -> None:
    connection = op.get_bind()
    people: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
    for visit_id, name, id_number, address in connection.execute(
        sa.text(
            "SELECT vp.visit_id, p.full_name, p.id_number, p.address FROM visit_person vp "
            "JOIN person p ON p.id = vp.person_id ORDER BY vp.visit_id, vp.position"
        )
    ):
        people[visit_id].append((name, id_number, address))
    updates = []
    for visit_id, letter_type, content in connection.execute(
        sa.text("SELECT id, letter_type, content FROM visit")
    ):
        parts = [content]
        named = people.get(visit_id, [])
        if letter_type not in _PROTECTED and named:
            parts += [name for name, _, _ in named]
            parts += [number for _, number, _ in named if number]
            parts.append(named[0][2] or "")
        exact = " ".join(part.lower() for part in parts if part)
        updates.append({"id": visit_id, "exact": exact})
    if updates:
        connection.execute(
            sa.text("UPDATE visit SET search_exact = :exact WHERE id = :id"), updates
        )


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("search_exact", sa.String(), server_default="", nullable=False)
        )
        batch_op.drop_index(batch_op.f("ix_visit_primary_name_sort"))
        batch_op.create_index(
            batch_op.f("ix_visit_primary_name_sort_visited_at"),
            ["primary_name_sort", "visited_at"],
            unique=False,
        )
        batch_op.drop_index(batch_op.f("ix_visit_visited_at"))
        batch_op.create_index(
            batch_op.f("ix_visit_visited_at_number"), ["visited_at", "number"], unique=False
        )
    _fill_search_exact()


def downgrade() -> None:
    for name in ("after_insert", "after_delete", "after_update"):
        op.execute(f"DROP TRIGGER IF EXISTS visit_fts_{name}")
    op.execute("DROP TABLE IF EXISTS visit_fts")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_visited_at_number"))
        batch_op.create_index(batch_op.f("ix_visit_visited_at"), ["visited_at"], unique=False)
        batch_op.drop_index(batch_op.f("ix_visit_primary_name_sort_visited_at"))
        batch_op.create_index(
            batch_op.f("ix_visit_primary_name_sort"), ["primary_name_sort"], unique=False
        )
        batch_op.drop_column("search_exact")

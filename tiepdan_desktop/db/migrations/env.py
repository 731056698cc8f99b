"""Alembic environment.  The application always hands Alembic its own open
connection (config.attributes["connection"]), inside one transaction, so a
migration either applies completely or not at all."""

from alembic import context

import tiepdan_desktop.db.models  # noqa: F401  (registers every table)
from tiepdan_desktop.db.base import Base
from tiepdan_desktop.db.fulltext import is_fulltext_table


def include_object(obj: object, name: str | None, type_: str, *_args: object) -> bool:
    """The full-text index is not described by the models (db/fulltext.py)."""
    return not (type_ == "table" and name is not None and is_fulltext_table(name))


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through tiepdan_desktop.db.migrate, not the alembic CLI.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only alter tables by copying them
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()

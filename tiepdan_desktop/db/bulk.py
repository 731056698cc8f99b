"""Fast inserts of many plain rows (demo data, imports).

The column types' own bind processors convert each value exactly as a normal
insert would (UUIDs, enums, dates, NFC text); only SQLAlchemy's per-row
bookkeeping is skipped, which is most of the cost for hundreds of thousands of
rows.  Portable: the statement is compiled for the connection's dialect.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, insert

from tiepdan_desktop.db.base import Base


def bulk_insert(
    connection: Connection, model: type[Base], rows: Sequence[Mapping[str, Any]]
) -> None:
    """Insert `rows` (each a dict with a value for every column) into `model`'s table."""
    if not rows:
        return
    table = cast(Table, model.__table__)
    dialect = connection.dialect
    names = [column.name for column in table.columns]
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    processors = {column.name: column.type.bind_processor(dialect) for column in table.columns}
    order = list(compiled.positiontup or []) if dialect.positional else names
    steps = [(name, processors[name]) for name in order]

    def converted(row: Mapping[str, Any]) -> list[Any]:
        return [
            value if process is None or value is None else process(value)
            for name, process in steps
            for value in (row[name],)
        ]

    if dialect.positional:
        params: list[Any] = [tuple(converted(row)) for row in rows]
    else:
        params = [dict(zip(order, converted(row), strict=True)) for row in rows]
    connection.exec_driver_sql(str(compiled), params)

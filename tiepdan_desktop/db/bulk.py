"""Fast inserts of many plain rows (demo data, imports).

The column types' own bind processors convert each value exactly as a normal
insert would (UUIDs, enums, dates, NFC text); only SQLAlchemy's per-row
bookkeeping is skipped, which is most of the cost for hundreds of thousands of
rows.  Portable: the statement is compiled for the connection's dialect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Dialect,
    Float,
    Table,
    insert,
)
from sqlalchemy.sql.schema import ScalarElementColumnDefault
from sqlalchemy.types import TypeEngine

from tiepdan_desktop.db.base import Base, VNMultiline, VNText
from tiepdan_desktop.db.engine import is_sqlite

BULK_CACHE_KIB = 256 * 1024


def _sqlite_datetime(value: dt.datetime) -> str:
    return value.isoformat(" ", "microseconds")


def _sqlite_date(value: dt.date) -> str:
    return value.isoformat()


def _processor(column_type: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The dialect's own conversion of a type, or the same value written faster:
    SQLite's DateTime and Date text formats are the ISO ones, which Python writes
    in C (a tenth of the time for the hundreds of thousands of demo rows); the
    sqlite3 module stores Python's bool and float as the ORM would (1/0, REAL)."""
    if dialect.name == "sqlite" and type(column_type) is DateTime:
        return _sqlite_datetime
    if dialect.name == "sqlite" and type(column_type) is Date:
        return _sqlite_date
    if dialect.name == "sqlite" and type(column_type) in (Boolean, Float):
        return None
    return column_type.dialect_impl(dialect).bind_processor(dialect)


def _default(column: Column[Any]) -> Any:
    """What an ORM insert writes in a column left out: its scalar default, else NULL."""
    default = column.default
    if isinstance(default, ScalarElementColumnDefault):
        return default.arg
    return None


def bulk_insert(
    connection: Connection,
    model: type[Base],
    rows: Sequence[Mapping[str, Any]],
    *,
    text_normalized: bool = False,
) -> None:
    """Insert `rows` into `model`'s table.  A column a row leaves out takes the
    model's own default value (or NULL where it has none), as an ORM insert would.
    `text_normalized`: the texts are already as the Vietnamese text columns store
    them (NFC, repaired; the demo generator's own words), so they are not
    normalised again — the most costly step for hundreds of thousands of rows."""
    if not rows:
        return
    table = cast(Table, model.__table__)
    dialect = connection.dialect
    names = [column.name for column in table.columns]
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    # The dialect's own form of each type: SQLite's DateTime writes its text
    # format here, exactly as the ORM does (the generic type has no processor).
    processors = {
        column.name: None
        if text_normalized and isinstance(column.type, VNText | VNMultiline)
        else _processor(column.type, dialect)
        for column in table.columns
    }
    order = list(compiled.positiontup or []) if dialect.positional else names
    steps = [(name, processors[name], _default(table.columns[name])) for name in order]

    def converted(row: Mapping[str, Any]) -> list[Any]:
        return [
            value if process is None or value is None else process(value)
            for name, process, default in steps
            for value in (row.get(name, default),)
        ]

    if dialect.positional:
        params: list[Any] = [tuple(converted(row)) for row in rows]
    else:
        params = [dict(zip(order, converted(row), strict=True)) for row in rows]
    connection.exec_driver_sql(str(compiled), params)


@contextmanager
def bulk_loading(connection: Connection) -> Iterator[None]:
    """Around many related bulk inserts in one transaction.  On SQLite: links
    between the new rows are checked once, at commit, and the growing indexes
    stay in a large page cache meanwhile.  Elsewhere nothing changes."""
    if not is_sqlite(connection):
        yield
        return
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")

"""The one place that creates engines and sets SQLite's connection pragmas.

SQLite is opened in WAL mode with synchronous=FULL: losing a record the user
was told is saved is not acceptable.  Transactions are begun by us, not by the
driver, so that writes can take the write lock up front (BEGIN IMMEDIATE) and
wait for it politely instead of failing half-way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from tiepdan_desktop.domain.errors import DomainError

BUSY_TIMEOUT_MS = 15_000
# Execution option a write transaction sets to take the write lock at BEGIN.
WRITE_LOCK_OPTION = "tiepdan_write_lock"


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(path))


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def sqlite_file(engine: Engine) -> Path | None:
    """The database file behind an SQLite engine, or None (memory, other backends)."""
    if not is_sqlite(engine):
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database)


class UnusableDatabaseUrlError(DomainError):
    pass


def make_engine(url: str | URL) -> Engine:
    try:
        return _make_engine(make_url(url))
    except (ArgumentError, ImportError) as error:
        raise UnusableDatabaseUrlError(
            f"Không dùng được địa chỉ cơ sở dữ liệu «{_shown(url)}» (database URL): {error}"
        ) from error


def _shown(url: str | URL) -> str:
    """A URL as it may be printed: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "?"


def _make_engine(parsed: URL) -> Engine:
    # hide_parameters: bound values (a password hash, a denouncer's name) never
    # appear in error messages, hence never in logs or error dialogs.
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, hide_parameters=True)
    engine = create_engine(parsed, connect_args={"check_same_thread": False}, hide_parameters=True)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN instead of the driver's guesswork.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Freed space is zeroed: a sealed identity leaves no plaintext behind it.
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(WRITE_LOCK_OPTION):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")

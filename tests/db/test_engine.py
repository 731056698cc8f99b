from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.storage import Storage


def test_sqlite_file_is_opened_safely(storage: Storage) -> None:
    with storage.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL: an acknowledged record survives a power cut
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000


def test_a_write_transaction_takes_the_write_lock_at_once(storage: Storage) -> None:
    sessions = storage.context().sessions
    with sessions.writing(Actor.command_line(), "thu_nghiem") as session:
        session.execute(text("SELECT 1"))
        other = sqlite3.connect(storage.paths.database, timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_a_reader_keeps_its_snapshot_while_a_writer_commits(storage: Storage) -> None:
    """WAL: an open read sees the data as it began, and does not stop the writer."""
    sessions = storage.context().sessions
    with sessions.reading() as session:
        before = session.execute(text("SELECT count(*) FROM setting")).scalar()
        writer = sqlite3.connect(storage.paths.database, timeout=0)
        try:
            writer.execute("INSERT INTO setting (key, value_json) VALUES ('k', '1')")
            writer.commit()
        finally:
            writer.close()
        assert session.execute(text("SELECT count(*) FROM setting")).scalar() == before
    with sessions.reading() as fresh:
        assert fresh.execute(text("SELECT count(*) FROM setting")).scalar() == before + 1

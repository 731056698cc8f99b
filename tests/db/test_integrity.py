from __future__ import annotations

import sqlite3

from sqlalchemy import text

from tiepdan_desktop.db.integrity import check_database
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.storage import Storage


def test_a_fresh_database_is_sound(storage: Storage) -> None:
    report = check_database(storage.engine)
    assert report.ok, report.problems
    assert "PRAGMA integrity_check" in report.checks
    assert "lược đồ khớp với mô hình dữ liệu" in report.checks


def test_a_broken_link_is_reported(storage: Storage, unit: UnitInfo) -> None:
    storage.engine.dispose()
    with sqlite3.connect(storage.paths.database) as raw:  # foreign keys off, as in a rogue tool
        raw.execute(
            "INSERT INTO visit_person (visit_id, person_id, role, position) "
            "VALUES ('00000000000000000000000000000001', '00000000000000000000000000000002', "
            "'cong_dan', 0)"
        )
    report = check_database(storage.engine)
    assert not report.ok
    assert any("visit_person" in problem for problem in report.problems)


def test_a_missing_index_is_reported_as_schema_drift(storage: Storage) -> None:
    with storage.engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_visit_visited_at_number"))
    report = check_database(storage.engine)
    assert any("ix_visit_visited_at_number" in problem for problem in report.problems)


def test_a_database_at_another_revision_is_reported(storage: Storage) -> None:
    with storage.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    report = check_database(storage.engine)
    assert any("0000" in problem for problem in report.problems)

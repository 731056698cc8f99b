"""The audit trail is append-only and hash-chained: SQLite refuses edits, and an
edit made after removing that lock — or a removed entry — is named by the check."""

from __future__ import annotations

import sqlite3
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import select

from tiepdan_desktop.cli import main
from tiepdan_desktop.db.audit import first_broken_entry
from tiepdan_desktop.db.models import AuditEntry
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.audit_chain import GENESIS, entry_hash
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.records import NewUser
from tiepdan_desktop.services import accounts, maintenance
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.storage import Storage


def _chain(services: ServiceContext) -> list[AuditEntry]:
    with services.sessions.reading() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def _database(storage: Storage) -> Path:
    return storage.paths.database


def test_every_entry_carries_the_hash_of_the_one_before(
    services: ServiceContext, admin: Actor
) -> None:
    for index in range(3):
        accounts.create_user(
            services, admin, NewUser(f"canbo{index}", "Lê Văn Mới", Role.OFFICER, "Mat-khau-2026")
        )
    entries = _chain(services)
    assert len(entries) > 5 and entries[0].prev_hash == GENESIS
    for before, entry in pairwise(entries):
        assert entry.prev_hash == before.hash
        fields = {name: getattr(entry, name) for name in ("at", "user_id", "username", "action")}
        fields |= {
            "entity": entry.entity,
            "entity_id": entry.entity_id,
            "operation": entry.operation,
            "changes_json": entry.changes_json,
            "reason": entry.reason,
        }
        assert entry.hash == entry_hash(before.hash or "", fields)


def test_sqlite_refuses_to_change_or_remove_an_entry(
    storage: Storage, services: ServiceContext, admin: Actor
) -> None:
    connection = sqlite3.connect(_database(storage))
    for statement in ("UPDATE audit_entry SET username = 'x'", "DELETE FROM audit_entry"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute(statement)
    connection.close()


@pytest.mark.parametrize(
    ("tamper", "named"),
    [
        ("UPDATE audit_entry SET changes_json = '{}' WHERE id = 3", 3),
        ("DELETE FROM audit_entry WHERE id = 3", 4),  # the next one no longer follows
        (
            "INSERT INTO audit_entry (at, username, action, entity, entity_id, operation, "
            "changes_json, prev_hash, hash) SELECT at, 'ke_gian', 'xoa', 'visit', '1', "
            "'delete', '{}', hash, hash FROM audit_entry ORDER BY id DESC LIMIT 1",
            0,  # the new, last one: its id is found below
        ),
    ],
)
def test_an_entry_edited_removed_or_slipped_in_by_hand_is_named(
    storage: Storage,
    services: ServiceContext,
    admin: Actor,
    capsys: pytest.CaptureFixture[str],
    tamper: str,
    named: int,
) -> None:
    accounts.create_user(services, admin, NewUser("canbo", "Lê Văn Mới", Role.OFFICER, "Mk-2026-x"))
    assert maintenance.check_integrity(services, admin).ok
    connection = sqlite3.connect(_database(storage))
    connection.executescript(
        "DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete;"
    )
    connection.execute(tamper)
    connection.commit()
    last = connection.execute("SELECT max(id) FROM audit_entry").fetchone()[0]
    connection.close()
    report = maintenance.check_integrity(services, admin)
    expected = named or last
    assert any(f"mục số {expected} (" in problem for problem in report.problems), report.problems
    assert any("thiếu audit_entry_no_update" in problem for problem in report.problems)
    with storage.engine.connect() as checked:
        assert (first_broken_entry(checked) or "").startswith(f"mục số {expected} (")
    storage.close()
    assert main(["--data-dir", str(storage.paths.root), "check"]) == 1
    assert f"mục số {expected} (" in capsys.readouterr().out

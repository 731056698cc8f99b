"""Starting the program: one instance per data folder, and a damaged database
that offers the newest good backup instead of a dead end."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tiepdan_desktop import app as app_module
from tiepdan_desktop.db.backup import record_counts
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.instance_lock import InstanceLock
from tiepdan_desktop.services import backups
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.demo_data import generate_demo_data
from tiepdan_desktop.storage import Storage


def test_a_second_instance_on_the_same_data_is_refused(
    gui: QApplication, tmp_path: Path, shown_messages: list[tuple[str, str]]
) -> None:
    from tiepdan_desktop.paths import DataPaths

    paths = DataPaths(tmp_path / "data").ensure()
    first = InstanceLock(paths.root)
    assert first.acquire()
    try:
        assert not InstanceLock(paths.root).acquire()
        assert app_module.run_gui(paths, None) == 1
        assert shown_messages[-1][0] == "Chương trình đang mở"
    finally:
        first.release()
    second = InstanceLock(paths.root)
    assert second.acquire()  # free again once the first let go
    second.release()


def _damage(storage: Storage) -> None:
    storage.close()
    for leftover in storage.paths.root.glob("tiepdan.sqlite-*"):
        leftover.unlink()
    storage.paths.database.write_bytes(b"SQLite format 3\x00" + b"\x00\xff" * 3000)


def test_a_damaged_database_offers_the_newest_good_backup(
    gui: QApplication,
    storage: Storage,
    services: ServiceContext,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[tuple[str, str]],
) -> None:
    generate_demo_data(services, admin, visits=120, letters=30, seed=5)
    good = backups.make_backup(storage.paths)
    expected = record_counts(storage.paths.database)
    _damage(storage)
    asked: list[str] = []
    monkeypatch.setattr(
        app_module, "confirm", lambda _parent, _title, text, yes: asked.append(text) or True
    )
    reopened = app_module._open_or_offer_restore(storage.paths, None)
    assert reopened is not None
    reopened.close()
    assert good.describe() in asked[0]
    assert record_counts(storage.paths.database) == expected
    kept = list(storage.paths.backups.glob("tiepdan-hong-*.sqlite"))
    assert len(kept) == 1  # the damaged file, for whoever wants to look at it


def test_without_a_backup_the_damage_is_told_plainly(
    gui: QApplication,
    storage: Storage,
    services: ServiceContext,
    admin: Actor,
    shown_messages: list[tuple[str, str]],
) -> None:
    _damage(storage)
    assert app_module._open_or_offer_restore(storage.paths, None) is None
    assert shown_messages[-1][0] == "Không mở được dữ liệu"

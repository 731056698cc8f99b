"""Backups and restore on the real SQLite file: the round trip (backup → database
gone → restore) keeps every record and every attachment byte for byte; damaged
backups, backups from a newer program and a damaged live database are handled;
automatic backups are rotated."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tiepdan_desktop.cli import main
from tiepdan_desktop.db.backup import record_counts, sha256_of
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.errors import ConflictError, ValidationError
from tiepdan_desktop.services import attachment_store, backups
from tiepdan_desktop.services.backups import ATTACHMENT_STORE, MANIFEST, BackupKind
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.demo_data import generate_demo_data
from tiepdan_desktop.storage import Storage

NOW = dt.datetime(2026, 12, 3, 17, 0)
SCAN = b"%PDF-1.4 trang quet cua don " * 50


@pytest.fixture
def filled(storage: Storage, services: ServiceContext, admin: Actor) -> Storage:
    generate_demo_data(services, admin, visits=300, letters=120, seed=3)
    with services.sessions.writing(admin, "them_tep") as session:
        from sqlalchemy import select

        from tiepdan_desktop.db.models import Letter

        letter_id = session.scalars(select(Letter.id).limit(1)).one()
        attachment_store.add_attachment(session, services, SCAN, "don.pdf", letter_id=letter_id)
    return storage


def _attachment_sums(root: Path) -> dict[str, str]:
    return {path.name: sha256_of(path) for path in root.rglob("*") if path.is_file()}


def test_backup_then_the_database_gone_then_restore_gives_everything_back(
    filled: Storage,
) -> None:
    paths = filled.paths
    before = record_counts(paths.database)
    scans = _attachment_sums(paths.attachments)
    assert before["visit"] == 300 and before["attachment"] == 1 and scans
    info = backups.make_backup(paths, now=NOW)
    assert info.ok and info.counts == before and info.kind == BackupKind.BY_HAND
    manifest = json.loads((info.folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["database_sha256"] == sha256_of(info.folder / "tiepdan.sqlite")
    filled.close()
    for leftover in paths.root.glob("tiepdan.sqlite*"):
        leftover.unlink()
    shutil.rmtree(paths.attachments)

    result = backups.restore_backup(paths, info.folder / MANIFEST, now=NOW)
    assert result.previous is None  # nothing to keep: the database was gone
    assert record_counts(paths.database) == before == result.counts
    assert _attachment_sums(paths.attachments) == scans


def test_restore_keeps_the_current_database_first_and_takes_no_old_journal(
    filled: Storage, services: ServiceContext, admin: Actor
) -> None:
    paths = filled.paths
    info = backups.make_backup(paths, now=NOW)
    generate_demo_data(services, admin, visits=50, letters=0, seed=4)
    filled.close()
    result = backups.restore_backup(paths, info.folder, now=NOW + dt.timedelta(minutes=1))
    assert result.previous is not None
    kept = backups.verify_backup(result.previous)
    assert kept.ok and kept.kind == BackupKind.BEFORE_RESTORE and kept.counts["visit"] == 350
    # 300, not 350: the old database's journal was not replayed into the restored one.
    assert record_counts(paths.database)["visit"] == 300


def test_a_damaged_backup_is_found_and_not_restored(filled: Storage) -> None:
    paths = filled.paths
    info = backups.make_backup(paths, now=NOW)
    scan = next((paths.backups / ATTACHMENT_STORE).rglob("*.pdf"))
    scan.write_bytes(b"sua doi")
    checked = backups.verify_backup(info.folder)
    assert [p for p in checked.problems if "đã bị thay đổi" in p] == [
        f"tệp đính kèm {scan.name} đã bị thay đổi"
    ]
    filled.close()
    with pytest.raises(ConflictError, match="Bản sao lưu bị lỗi"):
        backups.restore_backup(paths, info.folder)
    with pytest.raises(ValidationError):
        backups.restore_backup(paths, paths.root)  # not a backup at all


def test_a_backup_from_a_newer_program_is_refused(filled: Storage) -> None:
    paths = filled.paths
    info = backups.make_backup(paths, now=NOW)
    copy = info.folder / "tiepdan.sqlite"
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    manifest = json.loads((info.folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["database_sha256"] = sha256_of(copy)
    (info.folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    filled.close()
    with pytest.raises(ConflictError, match="phiên bản chương trình mới hơn"):
        backups.restore_backup(paths, info.folder)


def test_a_damaged_live_database_is_moved_aside_then_replaced(filled: Storage) -> None:
    paths = filled.paths
    info = backups.make_backup(paths, now=NOW)
    filled.close()
    for leftover in paths.root.glob("tiepdan.sqlite-*"):
        leftover.unlink()
    paths.database.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = backups.restore_backup(paths, info.folder, now=NOW)
    assert result.previous is not None and result.previous.name.startswith("tiepdan-hong-")
    assert record_counts(paths.database)["visit"] == 300


def test_automatic_backups_are_rotated_and_unused_scans_collected(filled: Storage) -> None:
    paths = filled.paths
    hand = backups.make_backup(paths, now=NOW - dt.timedelta(days=90))
    for days in range(40, -1, -1):
        backups.make_backup(paths, BackupKind.DAILY, now=NOW - dt.timedelta(days=days))
    automatic = [i for i in backups.list_backups(paths) if i.kind == BackupKind.DAILY]
    days_kept = sorted({i.taken_at.date() for i in automatic}, reverse=True)
    assert days_kept[:7] == [(NOW - dt.timedelta(days=d)).date() for d in range(7)]
    assert len(automatic) <= 7 + 4 + 12 and len(automatic) < 41
    assert hand.folder.exists()  # taken by hand: never rotated
    assert any((paths.backups / ATTACHMENT_STORE).rglob("*.pdf"))


def test_the_command_line_backs_up_to_a_second_folder_and_restores(
    filled: Storage, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(filled.paths.root)
    usb = tmp_path / "usb"
    filled.close()
    assert main(["--data-dir", root, "backup", "--to", str(usb)]) == 0
    printed = capsys.readouterr().out
    assert "Đã sao lưu và kiểm tra" in printed and "300 lượt tiếp" in printed
    (copy,) = [folder for folder in usb.iterdir() if folder.name.startswith("tiepdan-")]
    assert backups.verify_backup(copy).ok
    assert main(["--data-dir", root, "backup", "--list"]) == 0
    assert copy.name in capsys.readouterr().out
    assert main(["--data-dir", root, "restore", str(copy)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    assert main(["--data-dir", root, "restore", str(tmp_path)]) == 1
    assert "không phải một bản sao lưu" in capsys.readouterr().err


def test_the_daily_backup_is_taken_once_a_day_and_on_exit_always(filled: Storage) -> None:
    paths = filled.paths
    first = backups.automatic_backup(paths, BackupKind.DAILY, NOW)
    assert first is not None and first.ok
    assert backups.automatic_backup(paths, BackupKind.DAILY, NOW + dt.timedelta(hours=2)) is None
    on_exit = backups.automatic_backup(paths, BackupKind.ON_EXIT, NOW + dt.timedelta(hours=3))
    assert on_exit is not None and on_exit.kind == BackupKind.ON_EXIT
    # Rotation keeps the newest of the day: the one on exit.
    assert [info.kind for info in backups.list_backups(paths)] == [BackupKind.ON_EXIT]
    tomorrow = backups.automatic_backup(paths, BackupKind.DAILY, NOW + dt.timedelta(days=1))
    assert tomorrow is not None


def test_restore_waits_until_the_program_is_closed(
    filled: Storage, capsys: pytest.CaptureFixture[str]
) -> None:
    from tiepdan_desktop.instance_lock import InstanceLock

    info = backups.make_backup(filled.paths, now=NOW)
    filled.close()
    running = InstanceLock(filled.paths.root)
    assert running.acquire()
    try:
        assert main(["--data-dir", str(filled.paths.root), "restore", str(info.folder)]) == 1
        assert "hãy đóng chương trình" in capsys.readouterr().err
    finally:
        running.release()

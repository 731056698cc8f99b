"""Backups and restore.

A backup is a folder `backups/tiepdan-YYYYMMDD-HHMMSS-<kind>/` holding a copy of
the database (SQLite online backup API, so the program may keep running) and a
manifest: when, which schema, how many records of each register, and the
SHA-256 of the database copy and of every attachment it refers to.  The
attachments themselves go once into `backups/tep-dinh-kem/` (named by their
SHA-256, as in the live store), so a daily backup does not copy every scan
again.  Each backup is verified right after it is written.

Automatic backups (on exit, daily) are rotated: 7 daily, 4 weekly, 12 monthly.
Backups taken by hand, before an upgrade or before a restore are kept.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tiepdan_desktop import __version__
from tiepdan_desktop.db.backup import (
    COUNTED_TABLES,
    attachment_files,
    backup_sqlite_file,
    record_counts,
    schema_revision,
    sha256_of,
    sqlite_problems,
)
from tiepdan_desktop.db.migrate import known_revisions
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.backup_rotation import backups_to_keep
from tiepdan_desktop.domain.errors import ConflictError, DomainError, ValidationError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.paths import DATABASE_FILE, DataPaths
from tiepdan_desktop.services.access import public, requires
from tiepdan_desktop.services.context import ServiceContext

MANIFEST = "manifest.json"
ATTACHMENT_STORE = "tep-dinh-kem"
STAMP = "%Y%m%d-%H%M%S"


class BackupKind:
    """Why a backup was taken (part of its folder name)."""

    BY_HAND = "thu-cong"
    ON_EXIT = "khi-thoat"
    DAILY = "hang-ngay"
    BEFORE_RESTORE = "truoc-khoi-phuc"
    ROTATED = frozenset({ON_EXIT, DAILY})


class UnusableBackupError(DomainError):
    """A backup that cannot be used; the message says what is wrong with it."""


@dataclass(frozen=True)
class BackupInfo:
    folder: Path
    taken_at: dt.datetime
    kind: str
    schema: str | None
    counts: dict[str, int]
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        counts = ", ".join(
            f"{self.counts.get(table, 0)} {noun}" for table, noun in COUNTED_TABLES.items()
        )
        return f"{self.taken_at:%d/%m/%Y %H:%M} ({self.kind}): {counts}"


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    # The database as it was just before, kept as a backup (None: there was none).
    previous: Path | None
    counts: dict[str, int] = field(default_factory=dict)


def _attachment_path(store: Path, sha256: str, suffix: str) -> Path:
    return store / sha256[:2] / f"{sha256}{suffix}"


def _copy_attachments(
    database: Path, source_store: Path, target_store: Path
) -> tuple[dict[str, str], list[str]]:
    """Copies the attachments a database refers to that the target lacks;
    returns {relative path: sha256} and the ones missing at the source."""
    listed: dict[str, str] = {}
    missing: list[str] = []
    for sha256, suffix in attachment_files(database):
        source = _attachment_path(source_store, sha256, suffix)
        target = _attachment_path(target_store, sha256, suffix)
        listed[target.relative_to(target_store).as_posix()] = sha256
        if target.exists() and sha256_of(target) == sha256:
            continue
        if not source.exists():
            missing.append(source.name)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return listed, missing


def _write_manifest(folder: Path, manifest: dict[str, object]) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
    temporary = folder / (MANIFEST + ".tmp")
    with temporary.open("w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    temporary.replace(folder / MANIFEST)


def _attachments(manifest: dict[str, Any]) -> dict[str, str]:
    """{path in the attachment store: SHA-256} of a manifest."""
    return {str(path): str(sha) for path, sha in dict(manifest.get("attachments", {})).items()}


def _read(folder: Path) -> tuple[dict[str, Any], BackupInfo]:
    manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    counts = {str(k): int(v) for k, v in dict(manifest.get("counts", {})).items()}
    info = BackupInfo(
        folder=folder,
        taken_at=dt.datetime.fromisoformat(str(manifest["taken_at"])),
        kind=str(manifest.get("kind", "")),
        schema=str(manifest["schema"]) if manifest.get("schema") else None,
        counts=counts,
    )
    return manifest, info


@public
def verify_backup(folder: Path) -> BackupInfo:
    """The backup in `folder`, with what is wrong with it: the manifest, SQLite's
    integrity check of the copy, its checksum and every attachment's."""
    try:
        manifest, info = _read(folder)
    except (OSError, ValueError, KeyError) as error:
        return BackupInfo(
            folder, dt.datetime.min, "", None, {}, (f"không đọc được {MANIFEST}: {error}",)
        )
    problems: list[str] = []
    database = folder / DATABASE_FILE
    if not database.exists():
        problems.append("thiếu tệp cơ sở dữ liệu")
    else:
        problems += sqlite_problems(database)
        if sha256_of(database) != manifest.get("database_sha256"):
            problems.append("tệp cơ sở dữ liệu đã bị thay đổi (mã kiểm tra SHA-256 không khớp)")
    store = folder.parent / ATTACHMENT_STORE
    for relative, sha256 in _attachments(manifest).items():
        path = store / relative
        if not path.exists():
            problems.append(f"thiếu tệp đính kèm {path.name}")
        elif sha256_of(path) != sha256:
            problems.append(f"tệp đính kèm {path.name} đã bị thay đổi")
    return BackupInfo(
        info.folder, info.taken_at, info.kind, info.schema, info.counts, tuple(problems)
    )


def _copy_set(folder: Path, to: Path) -> Path:
    """The same backup in another folder (a USB drive), with its attachments."""
    target = to / folder.name
    target.mkdir(parents=True, exist_ok=True)
    for name in (DATABASE_FILE, MANIFEST):
        shutil.copy2(folder / name, target / name)
    manifest, _info = _read(folder)
    store, target_store = folder.parent / ATTACHMENT_STORE, to / ATTACHMENT_STORE
    for relative in _attachments(manifest):
        destination = target_store / relative
        if not destination.exists():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(store / relative, destination)
    return target


@public
def make_backup(
    paths: DataPaths,
    kind: str = BackupKind.BY_HAND,
    *,
    also_to: Path | None = None,
    now: dt.datetime | None = None,
) -> BackupInfo:
    """Back up the database and its attachments, verify the copy, and rotate the
    automatic ones.  ConflictError (nothing kept) when the copy does not verify."""
    if not paths.database.exists():
        raise ConflictError("Chưa có cơ sở dữ liệu để sao lưu.")
    taken_at = (now or dt.datetime.now()).replace(microsecond=0)
    folder = paths.backups / f"tiepdan-{taken_at.strftime(STAMP)}-{kind}"
    if folder.exists():
        raise ConflictError(f"Đã có bản sao lưu {folder.name}; hãy thử lại sau một giây.")
    folder.mkdir(parents=True)
    try:
        database = backup_sqlite_file(paths.database, folder / DATABASE_FILE)
        attachments, missing = _copy_attachments(
            database, paths.attachments, paths.backups / ATTACHMENT_STORE
        )
        _write_manifest(
            folder,
            {
                "format": 1,
                "program": __version__,
                "taken_at": taken_at.isoformat(),
                "kind": kind,
                "schema": schema_revision(database),
                "counts": record_counts(database),
                "database_sha256": sha256_of(database),
                "attachments": attachments,
                "missing_attachments": missing,
            },
        )
        checked = verify_backup(folder)
        if not checked.ok:
            raise ConflictError("Bản sao lưu không kiểm tra được: " + "; ".join(checked.problems))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if also_to is not None:
        copy = verify_backup(_copy_set(folder, also_to))
        if not copy.ok:
            raise ConflictError(
                f"Đã sao lưu vào {folder}, nhưng bản chép sang {also_to} bị lỗi: "
                + "; ".join(copy.problems)
            )
    if kind in BackupKind.ROTATED:
        rotate_backups(paths, taken_at)
    return checked


@public
def list_backups(paths: DataPaths) -> list[BackupInfo]:
    """Every backup of the data folder, newest first (without re-checking them)."""
    found = []
    for manifest in paths.backups.glob(f"*/{MANIFEST}"):
        try:
            found.append(_read(manifest.parent)[1])
        except (OSError, ValueError, KeyError):
            continue
    return sorted(found, key=lambda info: info.taken_at, reverse=True)


@public
def newest_good_backup(paths: DataPaths) -> BackupInfo | None:
    """The newest backup that passes its checks (to offer when the database is damaged)."""
    for info in list_backups(paths):
        checked = verify_backup(info.folder)
        if checked.ok:
            return checked
    return None


@public
def rotate_backups(paths: DataPaths, now: dt.datetime) -> list[Path]:
    """Removes the automatic backups the rotation no longer keeps, and the
    attachment copies no backup refers to any more; returns what went."""
    automatic = [info for info in list_backups(paths) if info.kind in BackupKind.ROTATED]
    keep = backups_to_keep([info.taken_at for info in automatic], now)
    removed = [info.folder for info in automatic if info.taken_at not in keep]
    for folder in removed:
        shutil.rmtree(folder, ignore_errors=True)
    if removed:
        _collect_attachments(paths)
    return removed


def _collect_attachments(paths: DataPaths) -> None:
    needed: set[str] = set()
    for info in list_backups(paths):
        manifest, _info = _read(info.folder)
        needed |= set(_attachments(manifest))
    store = paths.backups / ATTACHMENT_STORE
    for path in store.glob("*/*"):
        if path.relative_to(store).as_posix() not in needed:
            path.unlink(missing_ok=True)


def _backup_folder(chosen: Path) -> Path:
    """The backup folder for what the official pointed at: the folder, its
    manifest or its database file."""
    folder = chosen if chosen.is_dir() else chosen.parent
    if not (folder / MANIFEST).exists():
        raise ValidationError({"file": f"{chosen} không phải một bản sao lưu của chương trình."})
    return folder


@public
def restore_backup(paths: DataPaths, chosen: Path, now: dt.datetime | None = None) -> RestoreResult:
    """Put a backup in place of the database.  The program must not have the
    database open.  The current database is first kept as a backup (or, when it
    cannot be read, moved aside), so a restore can itself be undone."""
    folder = _backup_folder(chosen)
    backup = verify_backup(folder)
    if not backup.ok:
        raise ConflictError("Bản sao lưu bị lỗi, không khôi phục: " + "; ".join(backup.problems))
    schema = schema_revision(folder / DATABASE_FILE)
    if schema is not None and schema not in known_revisions():
        raise ConflictError(
            "Bản sao lưu được tạo bởi phiên bản chương trình mới hơn; hãy cập nhật chương trình "
            "trước khi khôi phục."
        )
    previous: Path | None = None
    if paths.database.exists():
        if sqlite_problems(paths.database):
            previous = paths.backups / f"tiepdan-hong-{(now or dt.datetime.now()):{STAMP}}.sqlite"
            previous.parent.mkdir(parents=True, exist_ok=True)
            paths.database.replace(previous)
        else:
            previous = make_backup(paths, BackupKind.BEFORE_RESTORE, now=now).folder
    staged = paths.root / (DATABASE_FILE + ".khoi-phuc")
    shutil.copy2(folder / DATABASE_FILE, staged)
    with staged.open("rb+") as stream:
        os.fsync(stream.fileno())
    # The old database's journal must not be replayed into the restored one.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{paths.database}{suffix}").unlink(missing_ok=True)
    staged.replace(paths.database)
    _copy_attachments(paths.database, folder.parent / ATTACHMENT_STORE, paths.attachments)
    problems = sqlite_problems(paths.database)
    if problems:
        raise ConflictError("Cơ sở dữ liệu sau khi khôi phục bị lỗi: " + "; ".join(problems))
    return RestoreResult(backup, previous, record_counts(paths.database))


@public
def automatic_backup(
    paths: DataPaths, kind: str, now: dt.datetime | None = None
) -> BackupInfo | None:
    """The program's own backups: the daily one (skipped when the day already has
    a backup) and the one on exit; rotated.  None when nothing was needed."""
    now = now or dt.datetime.now()
    if kind == BackupKind.DAILY and any(
        info.taken_at.date() == now.date() for info in list_backups(paths)
    ):
        return None
    return make_backup(paths, kind, now=now)


@requires(Permission.MAINTAIN)
def backups_of(context: ServiceContext, actor: Actor) -> list[BackupInfo]:
    """The backups of the data folder, for the restore window (newest first)."""
    if context.paths is None:
        return []
    return list_backups(context.paths)


@requires(Permission.MAINTAIN)
def backup_now(context: ServiceContext, actor: Actor, also_to: Path | None = None) -> BackupInfo:
    """Sao lưu ngay (Tệp › Sao lưu): a backup by hand, kept until removed by hand."""
    if context.paths is None:
        raise ConflictError(
            "Cơ sở dữ liệu này không nằm trong thư mục dữ liệu: không sao lưu được."
        )
    return make_backup(context.paths, BackupKind.BY_HAND, also_to=also_to)

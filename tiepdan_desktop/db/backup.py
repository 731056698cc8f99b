"""Consistent copies of the SQLite database, taken with SQLite's online backup API,
and what a backup is checked with: integrity, record counts, checksums."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path


def backup_sqlite_file(source: Path, destination: Path) -> Path:
    """Copy a live database (WAL included) page by page into `destination`."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    with (
        closing(sqlite3.connect(source)) as src,
        closing(sqlite3.connect(destination)) as dst,
    ):
        src.backup(dst)
    return destination


def timestamped_backup_path(backup_dir: Path, label: str, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return backup_dir / f"tiepdan-{label}-{stamp}.sqlite"


# The registers a backup's record counts are given for (and compared on restore).
COUNTED_TABLES = {
    "visit": "lượt tiếp",
    "letter": "đơn",
    "legal_case": "vụ việc",
    "person": "công dân",
    "attachment": "tệp đính kèm",
    "audit_entry": "mục nhật ký",
}


def sqlite_problems(path: Path) -> list[str]:
    """SQLite's own integrity check of a database file; empty when it is sound."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            results = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        return [f"không đọc được tệp cơ sở dữ liệu: {error}"]
    return [] if results == ["ok"] else results[:20]


def record_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return {
            table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in COUNTED_TABLES
        }


def schema_revision(path: Path) -> str | None:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            return None
    return None if row is None else str(row[0])


def attachment_files(path: Path) -> list[tuple[str, str]]:
    """(sha256, file suffix) of every attachment a database refers to."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        rows = connection.execute("SELECT DISTINCT sha256, original_name FROM attachment")
        return sorted({(sha, Path(name).suffix.lower()) for sha, name in rows})


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

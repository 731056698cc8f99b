"""Consistent copies of the SQLite database, taken with SQLite's online backup API."""

from __future__ import annotations

import datetime as dt
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

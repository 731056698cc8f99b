"""Where the program keeps its data: one folder holds the database, attachments,
backups, logs and window state, so copying the folder moves everything."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "TiepDan"
DATABASE_FILE = "tiepdan.sqlite"
# The portable build (a zip for a USB drive) carries this file next to its
# executable, and keeps its data in PORTABLE_DATA beside it.
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "DuLieu"


def portable_root(executable: Path | None = None) -> Path | None:
    """The data folder of a portable copy, or None for an installed one.  A copy
    whose DuLieu already holds a database stays portable even if its marker was
    lost: it must never start on another database (the PC's) unnoticed."""
    if executable is None:
        if not getattr(sys, "frozen", False):
            return None
        executable = Path(sys.executable)
    folder = executable.resolve().parent
    data = folder / PORTABLE_DATA
    if (folder / PORTABLE_MARKER).is_file() or (data / DATABASE_FILE).is_file():
        return data
    return None


def default_data_root() -> Path:
    """The user's own application-data folder (%LOCALAPPDATA%\\TiepDan on
    Windows), or for a portable copy the folder next to its executable."""
    portable = portable_root()
    if portable is not None:
        return portable
    return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False, roaming=False)


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_FILE

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def ui_state(self) -> Path:
        return self.root / "ui-state.ini"

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.attachments, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self

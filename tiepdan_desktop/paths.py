"""Where the program keeps its data: one folder holds the database, attachments,
backups, logs and window state, so copying the folder moves everything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "TiepDan"
DATABASE_FILE = "tiepdan.sqlite"


def default_data_root() -> Path:
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

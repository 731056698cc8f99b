"""Opening the data folder and the database, for the GUI and the command line alike."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from tiepdan_desktop.db.engine import make_engine, sqlite_file, sqlite_url
from tiepdan_desktop.db.migrate import MigrationResult, prepare_database
from tiepdan_desktop.paths import DataPaths, default_data_root
from tiepdan_desktop.services.context import ServiceContext


def resolve_paths(data_dir: str | Path | None) -> DataPaths:
    root = Path(data_dir).expanduser() if data_dir else default_data_root()
    return DataPaths(root.resolve())


@dataclass
class Storage:
    paths: DataPaths
    engine: Engine
    migration: MigrationResult | None

    def context(self) -> ServiceContext:
        return ServiceContext.for_engine(self.engine, self.paths)

    def describe(self) -> str:
        """Where the data lives, for the status bar and messages (no password)."""
        database = sqlite_file(self.engine)
        if database is not None:
            return str(database)
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


def open_storage(paths: DataPaths, db_url: str | None = None, migrate: bool = True) -> Storage:
    """Open (and unless told otherwise, create or upgrade) the database."""
    paths.ensure()
    engine = make_engine(db_url or sqlite_url(paths.database))
    try:
        migration = prepare_database(engine, paths.backups) if migrate else None
    except Exception:
        engine.dispose()
        raise
    return Storage(paths, engine, migration)

"""Bring a database to the schema this version of the program expects.

At every start-up:
- a new, empty database gets every table (create_all), its reference data and
  the head revision stamp, in one transaction;
- an older database is first copied (SQLite backup API), then upgraded over
  the same connection, in one transaction;
- a database written by a newer version of the program is refused untouched.

A database already at SCHEMA_HEAD (every start-up but the first after an
upgrade) is recognised from its version row alone: Alembic, a tenth of a
second to import, is loaded only to create or upgrade.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from tiepdan_desktop.db import fulltext
from tiepdan_desktop.db.backup import backup_sqlite_file, timestamped_backup_path
from tiepdan_desktop.db.base import Base
from tiepdan_desktop.db.engine import is_sqlite, sqlite_file
from tiepdan_desktop.db.seed import seed_reference_data
from tiepdan_desktop.domain.errors import DomainError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_VERSION_TABLE = "alembic_version"
# The newest migration of versions/ (tests keep it equal to Alembic's head).
SCHEMA_HEAD = "0008"


class DatabaseTooNewError(DomainError):
    pass


class ForeignDatabaseError(DomainError):
    pass


class MigrationFailedError(DomainError):
    pass


class MigrationOutcome(StrEnum):
    CREATED = "created"
    UP_TO_DATE = "up_to_date"
    UPGRADED = "upgraded"


@dataclass(frozen=True)
class MigrationResult:
    outcome: MigrationOutcome
    from_revision: str | None
    to_revision: str
    backup: Path | None = None


def schema_differences(connection: Connection) -> list[object]:
    """How the database differs from the models (the full-text index aside)."""

    def described(_obj: object, name: str | None, kind: str, *_args: object) -> bool:
        return not (kind == "table" and name is not None and fulltext.is_fulltext_table(name))

    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "include_object": described}
    )
    return list(compare_metadata(context, Base.metadata))


def alembic_config(script_location: Path = MIGRATIONS_DIR) -> Config:
    from alembic.config import Config

    config = Config()
    # The option goes through configparser: a "%" in the folder (the program
    # unzipped into «D:\\100% dữ liệu») would read as interpolation.
    config.set_main_option("script_location", str(script_location).replace("%", "%%"))
    return config


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    if head is None:
        raise MigrationFailedError("Không tìm thấy kịch bản nâng cấp cơ sở dữ liệu.")
    return head


def known_revisions(script_location: Path = MIGRATIONS_DIR) -> set[str]:
    """Every schema revision this program knows (an unknown one is from a newer program)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(script_location))
    return {revision.revision for revision in script.walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    """The revision in the version table, read without Alembic (None if none)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(f"SELECT version_num FROM {_VERSION_TABLE}")).all()
    except DBAPIError:  # no version table (new, or not ours), or unreadable: said below
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def prepare_database(
    engine: Engine, backup_dir: Path | None, script_location: Path = MIGRATIONS_DIR
) -> MigrationResult:
    if script_location == MIGRATIONS_DIR and _stored_revision(engine) == SCHEMA_HEAD:
        return MigrationResult(MigrationOutcome.UP_TO_DATE, SCHEMA_HEAD, SCHEMA_HEAD)
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    config = alembic_config(script_location)
    script = ScriptDirectory.from_config(config)
    head = head_revision(script_location)
    with engine.connect() as connection:
        current = current_revision(connection)
        tables = set(inspect(connection).get_table_names()) - {_VERSION_TABLE}
        connection.rollback()

    if current is None:
        if tables:
            raise ForeignDatabaseError(
                "Tệp dữ liệu này không phải của phần mềm Tiếp công dân (bảng lạ, không có phiên "
                "bản lược đồ). Hãy chọn đúng thư mục dữ liệu."
            )
        _create_new(engine, config)
        log.info("Created a new database at revision %s", head)
        return MigrationResult(MigrationOutcome.CREATED, None, head)

    if current == head:
        return MigrationResult(MigrationOutcome.UP_TO_DATE, current, head)

    try:
        script.get_revision(current)
    except CommandError:
        raise DatabaseTooNewError(
            f"Cơ sở dữ liệu được tạo bởi phiên bản phần mềm mới hơn (lược đồ {current}). "
            "Hãy cài phiên bản mới nhất của phần mềm; dữ liệu không bị thay đổi."
        ) from None

    backup = _backup_before_upgrade(engine, backup_dir, current)
    try:
        _upgrade(engine, config)
    except Exception as error:
        log.exception("Migration from %s failed", current)
        raise MigrationFailedError(
            "Nâng cấp cơ sở dữ liệu không thành công; dữ liệu được giữ nguyên như trước. "
            f"Bản sao an toàn: {backup or 'không có'}. Chi tiết: {error}"
        ) from error
    log.info("Upgraded the database from %s to %s (backup: %s)", current, head, backup)
    return MigrationResult(MigrationOutcome.UPGRADED, current, head, backup)


def _create_new(engine: Engine, config: Config) -> None:
    from alembic import command

    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        fulltext.install(connection)
        seed_reference_data(connection)
        config.attributes["connection"] = connection
        command.stamp(config, "head")


def _backup_before_upgrade(engine: Engine, backup_dir: Path | None, current: str) -> Path | None:
    database = sqlite_file(engine)
    if database is None or backup_dir is None:
        log.warning("No automatic backup before upgrading this database; back it up yourself.")
        return None
    destination = timestamped_backup_path(backup_dir, f"truoc-nang-cap-{current}")
    return backup_sqlite_file(database, destination)


def _upgrade(engine: Engine, config: Config) -> None:
    from alembic import command

    with engine.connect() as connection, _foreign_keys_deferred(connection), connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        # A migration may have rebuilt a table under the index: build it anew.
        fulltext.install(connection)
        if is_sqlite(connection):
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise MigrationFailedError(
                    f"Sau nâng cấp có {len(broken)} liên kết dữ liệu bị hỏng; đã hoàn tác."
                )


@contextmanager
def _foreign_keys_deferred(connection: Connection) -> Iterator[None]:
    """SQLite rebuilds tables to alter them; foreign keys must be off meanwhile,
    and can only be switched outside a transaction."""
    if not is_sqlite(connection):
        yield
        return
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys = ON")

"""Migrations: every revision from the baseline, golden files of released schemas,
and the start-up rules (create, upgrade with a backup first, refuse newer)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text

from tests.conftest import chairman_creates_vault
from tiepdan_desktop.db.engine import make_engine, sqlite_url
from tiepdan_desktop.db.integrity import check_database
from tiepdan_desktop.db.migrate import (
    MIGRATIONS_DIR,
    DatabaseTooNewError,
    ForeignDatabaseError,
    MigrationOutcome,
    alembic_config,
    head_revision,
    prepare_database,
    schema_differences,
)
from tiepdan_desktop.db.models import SubjectAreaRow, Visit
from tiepdan_desktop.domain.visit_records import RegisterFilter
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services import accounts, visits
from tiepdan_desktop.storage import open_storage

FIXTURES = Path(__file__).parent.parent / "fixtures" / "db"
GOLDEN_FILES = sorted(FIXTURES.glob("schema-*.sqlite"))


def _engine(path: Path) -> Engine:
    return make_engine(sqlite_url(path))


def _schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        return schema_differences(connection)


def _subject_areas(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(select(SubjectAreaRow.__table__))]


def test_every_revision_applies_in_order_and_ends_equal_to_the_models(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "migrated.sqlite")
    config = alembic_config()
    revisions = list(reversed(list(ScriptDirectory.from_config(config).walk_revisions())))
    assert revisions[0].down_revision is None
    for revision in revisions:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision.revision)
    assert _schema_differences(engine) == []

    created = _engine(tmp_path / "created.sqlite")
    prepare_database(created, None)
    assert _subject_areas(engine) == _subject_areas(created)  # same reference data both ways


def test_downgrade_to_nothing_and_back(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "roundtrip.sqlite")
    config = alembic_config()
    for target, method in (("head", command.upgrade), ("base", command.downgrade)):
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            method(config, target)
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert _schema_differences(engine) == []


@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=lambda path: path.name)
def test_released_databases_open_with_their_data_intact(golden: Path, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "office").ensure()
    shutil.copy(golden, paths.database)
    released = golden.stem.removeprefix("schema-")
    storage = open_storage(paths)
    try:
        assert storage.migration is not None
        assert storage.migration.from_revision == released
        expected = (
            MigrationOutcome.UP_TO_DATE
            if released == head_revision()
            else MigrationOutcome.UPGRADED
        )
        assert storage.migration.outcome is expected
        # Sound, but its denouncers were kept in clear until the vault exists.
        problems = check_database(storage.engine).problems
        assert len(problems) == 1 and "người tố cáo đang lưu không mã hóa" in problems[0]
        with storage.engine.connect() as connection:
            assert connection.execute(select(Visit.__table__.c.id)).all()
        # The office can still sign in with the password it chose then.
        actor = accounts.authenticate(storage.context(), "quantri", "Mat-khau-2026")
        assert actor.full_name == "Trần Thị Quản Trị"
        # The chairman's first sign-in creates the vault and seals them.
        assert chairman_creates_vault(storage.context(), actor)[1].sealed_now > 0
        assert check_database(storage.engine).ok
        # Its register can be searched, diacritics or not, exact matches first.
        found = visits.register_keys(
            storage.context(), actor, RegisterFilter(search="quy hoạch sử dụng đất")
        )
        folded = visits.register_keys(
            storage.context(), actor, RegisterFilter(search="quy hoach su dung dat")
        )
        assert found and sorted(found) == sorted(folded)
    finally:
        storage.close()


def test_a_new_database_is_created_stamped_and_seeded(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "new.sqlite")
    result = prepare_database(engine, tmp_path / "backups")
    assert result.outcome is MigrationOutcome.CREATED and result.backup is None
    assert _schema_differences(engine) == []
    assert len(_subject_areas(engine)) == 9
    assert prepare_database(engine, None).outcome is MigrationOutcome.UP_TO_DATE


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    engine = _engine(path)
    prepare_database(engine, None)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    engine.dispose()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="phiên bản phần mềm mới hơn"):
        prepare_database(_engine(path), None)
    assert path.read_bytes() == before


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "excel-export.sqlite"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE so_tiep_dan (stt INTEGER, ho_ten TEXT)")
    with pytest.raises(ForeignDatabaseError, match="không phải của phần mềm"):
        prepare_database(_engine(path), None)


# Applied after the real head, on the oldest released database.
SECOND_REVISION = '''
"""Test-only revision: a column added in batch mode."""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # recreate="always": SQLite copies the whole table, as most real changes need;
    # with foreign keys on, dropping the old "unit" would break every link to it.
    with op.batch_alter_table("unit", recreate="always") as batch:
        batch.add_column(sa.Column("test_note", sa.String(50), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("unit", recreate="always") as batch:
        batch.drop_column("test_note")
'''


def test_an_older_database_is_backed_up_then_upgraded_in_batch_mode(tmp_path: Path) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    extra = SECOND_REVISION.replace("{head}", head_revision())
    (scripts / "versions" / "9999_test_note.py").write_text(extra, encoding="utf-8")
    paths = DataPaths(tmp_path / "office").ensure()
    shutil.copy(GOLDEN_FILES[0], paths.database)
    engine = _engine(paths.database)
    with engine.connect() as connection:
        visits_before = connection.execute(text("SELECT count(*) FROM visit")).scalar()

    result = prepare_database(engine, paths.backups, script_location=scripts)

    assert result.outcome is MigrationOutcome.UPGRADED
    assert (result.from_revision, result.to_revision) == ("0001", "9999")
    assert result.backup is not None and result.backup.parent == paths.backups
    with sqlite3.connect(result.backup) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert backup.execute("SELECT count(*) FROM visit").fetchone() == (visits_before,)
    with engine.connect() as connection:
        assert "test_note" in {c["name"] for c in inspect(connection).get_columns("unit")}
        assert connection.execute(text("SELECT count(*) FROM visit")).scalar() == visits_before
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def test_the_migrations_run_from_a_folder_with_a_percent_sign(tmp_path: Path) -> None:
    """The program may be unzipped anywhere («D:\\100% dữ liệu»): Alembic's
    settings would read the "%" as interpolation."""
    scripts = tmp_path / "100% dữ liệu" / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    engine = _engine(tmp_path / "old.sqlite")
    shutil.copy2(GOLDEN_FILES[0], tmp_path / "old.sqlite")
    result = prepare_database(engine, tmp_path / "backups", script_location=scripts)
    assert result.outcome is MigrationOutcome.UPGRADED
    assert result.to_revision == head_revision(scripts) == head_revision()
    engine.dispose()

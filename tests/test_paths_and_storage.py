from __future__ import annotations

from pathlib import Path

import pytest

from tiepdan_desktop.paths import DATABASE_FILE, DataPaths, default_data_root
from tiepdan_desktop.resources import FONT_FILES, font_file, resource_path
from tiepdan_desktop.storage import open_storage, resolve_paths


def test_one_folder_holds_everything(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "du-lieu").ensure()
    assert paths.database == tmp_path / "du-lieu" / DATABASE_FILE
    for folder in (paths.attachments, paths.backups, paths.logs):
        assert folder.is_dir() and folder.parent == paths.root


def test_data_dir_option_wins_over_the_user_folder(tmp_path: Path) -> None:
    assert resolve_paths(str(tmp_path)).root == tmp_path.resolve()
    assert resolve_paths(None).root == default_data_root().resolve()


def test_storage_describes_the_file_not_a_url(tmp_path: Path) -> None:
    storage = open_storage(DataPaths(tmp_path))
    try:
        assert storage.describe() == str(tmp_path / DATABASE_FILE)
    finally:
        storage.close()


@pytest.mark.parametrize("style", sorted(FONT_FILES))
def test_bundled_fonts_and_licence_are_found(style: str) -> None:
    assert font_file(style).stat().st_size > 100_000
    assert "SIL Open Font License" in resource_path("fonts", "OFL.txt").read_text(encoding="utf-8")

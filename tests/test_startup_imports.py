"""Start-up loads only what the first screen needs (BENCHMARKS.md): the writers'
libraries, Alembic and the reference data packages load when first used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tiepdan_desktop.db.migrate import SCHEMA_HEAD, head_revision
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.storage import open_storage

LOADED_LATER = (
    "alembic",
    "openpyxl",
    "xlsxwriter",
    "reportlab",
    "docx",
    "jinja2",
    "pypdfium2",
    "holidays",
    "vietnam_provinces",
)

# The GUI's modules, the overview screen (the first one shown), and the
# database of an office opened as at every start.
_START = """
import json, sys
from pathlib import Path
import tiepdan_desktop.cli, tiepdan_desktop.app
import tiepdan_desktop.ui.pages.overview_page
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.storage import open_storage
open_storage(DataPaths(Path(sys.argv[1]))).close()
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _loaded_at_start(data: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _START, str(data)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(json.loads(result.stdout))


def test_start_up_leaves_the_heavy_libraries_for_later(tmp_path: Path) -> None:
    open_storage(DataPaths(tmp_path)).close()  # created (and stamped) beforehand
    loaded = _loaded_at_start(tmp_path)
    assert "sqlalchemy" in loaded and "PySide6" in loaded  # the check itself works
    assert loaded.isdisjoint(LOADED_LATER), sorted(loaded & set(LOADED_LATER))


def test_the_schema_head_known_without_alembic_is_alembics() -> None:
    assert head_revision() == SCHEMA_HEAD

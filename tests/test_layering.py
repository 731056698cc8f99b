"""The core layers import without Qt, and never import it themselves."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import tiepdan_desktop

PACKAGE = Path(tiepdan_desktop.__file__).parent
CORE_LAYERS = ("domain", "db", "services", "exports")


def test_core_layers_import_without_pyside6() -> None:
    modules = [
        path.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
        for layer in CORE_LAYERS
        for path in (PACKAGE / layer).rglob("*.py")
        if "migrations" not in path.parts
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "assert 'PySide6' not in sys.modules, sorted(m for m in sys.modules if 'PySide6' in m)\n"
        "print(len(sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(modules) > 20


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_layers_depend_in_one_direction_only() -> None:
    """domain ← db ← services; exports use domain only; nothing below ui imports Qt."""
    forbidden = {
        "domain": (
            "PySide6",
            "sqlalchemy",
            "tiepdan_desktop.db",
            "tiepdan_desktop.services",
            "tiepdan_desktop.ui",
            "tiepdan_desktop.exports",
        ),
        "db": ("PySide6", "tiepdan_desktop.services", "tiepdan_desktop.ui"),
        "services": ("PySide6", "tiepdan_desktop.ui"),
        "exports": (
            "PySide6",
            "sqlalchemy",
            "tiepdan_desktop.db",
            "tiepdan_desktop.services",
            "tiepdan_desktop.ui",
        ),
    }
    offences = []
    for layer, prefixes in forbidden.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for module in _imported_modules(path):
                if module.startswith(prefixes):
                    offences.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert offences == []


def test_ui_knows_nothing_of_the_database() -> None:
    """Screens call services; sessions, engines and their errors stay below."""
    offences = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in (PACKAGE / "ui").rglob("*.py")
        for module in _imported_modules(path)
        if module.startswith(("sqlalchemy", "tiepdan_desktop.db"))
    ]
    assert offences == []

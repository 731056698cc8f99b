"""Everything the program reads at run time besides its modules is listed in the
PyInstaller spec (installer/tiepdan.spec): no "works from source, crashes frozen".

The spec keeps its lists as plain literals; they are read here without running
PyInstaller and checked against the code: the resources it asks for, the files
of its own package it reads by path (the migrations), the data files of the
libraries it imports, and the imports of the migration scripts, which
PyInstaller never reads because they are data to it.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tiepdan_desktop.db.migrate import MIGRATIONS_DIR

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tiepdan_desktop"
SPEC = ROOT / "installer" / "tiepdan.spec"
RESOURCES = ROOT / "resources"
# What PyInstaller compiles into the bundle rather than copying as a file.
CODE_SUFFIXES = {".py", ".pyc", ".pyi", ".so", ".pyd", ".dll", ".dylib"}
# Helpers that call resource_path with a folder of their own.
RESOURCE_HELPERS = {"font_file": "fonts", "serif_font_file": "fonts"}


def _spec_lists() -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {}
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
            (target,) = node.targets
            if isinstance(target, ast.Name) and target.id.isupper():
                lists[target.id] = ast.literal_eval(node.value)
    return lists


SPEC_LISTS = _spec_lists()


def _application_sources() -> Iterator[tuple[Path, ast.Module]]:
    """The modules of the bundled program (the benchmark is not bundled)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if "bench" not in path.relative_to(PACKAGE).parts[:1]:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _call_name(call: ast.Call) -> str | None:
    function = call.func
    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else None


def test_the_spec_lists_are_read() -> None:
    assert {"RESOURCE_FOLDERS", "PACKAGE_FOLDERS", "DATA_PACKAGES", "HIDDEN_IMPORTS"} <= set(
        SPEC_LISTS
    )


def test_every_resource_the_code_asks_for_is_bundled() -> None:
    bundled = set(SPEC_LISTS["RESOURCE_FOLDERS"])
    asked: list[tuple[str, str]] = []
    for path, tree in _application_sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name in RESOURCE_HELPERS and path.name != "resources.py":
                asked.append((RESOURCE_HELPERS[name], where))
            elif name == "resource_path":
                first = node.args[0] if node.args else None
                # A folder computed at run time could not be checked here.
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), where
                parts = [a.value for a in node.args if isinstance(a, ast.Constant)]
                if len(parts) == len(node.args):  # a whole literal path: it exists
                    assert RESOURCES.joinpath(*parts).exists(), where
                asked.append((first.value, where))
            elif name == "resources_root" and path.name != "resources.py":
                pytest.fail(f"{where}: resources_root() used directly; use resource_path")
    assert {folder for folder, _where in asked} >= {"fonts", "icons", "reports", "templates"}
    missing = [f"{folder} ({where})" for folder, where in asked if folder not in bundled]
    assert not missing, f"resources/ folders read by the code but not in the spec: {missing}"
    for folder in bundled:
        assert any((RESOURCES / folder).iterdir()), folder


def test_files_of_the_package_read_by_path_are_bundled() -> None:
    folders = [PACKAGE / folder for folder in SPEC_LISTS["PACKAGE_FOLDERS"]]
    # Alembic runs the migration scripts from their files.
    assert MIGRATIONS_DIR.resolve() in [folder.resolve() for folder in folders]
    loose = [
        path.relative_to(PACKAGE)
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and path.suffix not in CODE_SUFFIXES
        and "__pycache__" not in path.parts
        and path.name != "py.typed"
    ]
    unlisted = [str(p) for p in loose if not any((PACKAGE / p).is_relative_to(f) for f in folders)]
    assert not unlisted, f"files of the package not in the spec's PACKAGE_FOLDERS: {unlisted}"


def _imported_libraries() -> set[str]:
    names: set[str] = set()
    for _path, tree in _application_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"tiepdan_desktop", "__future__"}


def _data_files(package: str) -> list[Path]:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []  # a single module, or typing-only (_typeshed)
    folder = Path(next(iter(spec.submodule_search_locations)))
    return [
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix not in CODE_SUFFIXES
        and "__pycache__" not in path.parts
        and path.name != "py.typed"
    ]


def test_the_data_files_of_every_library_the_program_imports_are_collected() -> None:
    collected = set(SPEC_LISTS["DATA_PACKAGES"]) | set(SPEC_LISTS["QT_PACKAGES"])
    libraries = _imported_libraries()
    assert {"holidays", "vietnam_provinces", "reportlab", "PySide6"} <= libraries
    with_data = {library for library in libraries if _data_files(library)}
    missing = with_data - collected
    assert not missing, f"libraries with data files not in the spec: {missing}"
    stale = set(SPEC_LISTS["DATA_PACKAGES"]) - with_data
    assert not stale, f"DATA_PACKAGES that ship no data file or are not imported: {stale}"


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # its parent is a module, not a package
        return False


def _imports_of(path: Path) -> Iterator[str]:
    """The modules a script imports (`from alembic import op`: alembic.op)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield submodule if _is_module(submodule) else node.module


def test_what_the_migration_scripts_import_is_bundled() -> None:
    hidden = set(SPEC_LISTS["HIDDEN_IMPORTS"])
    scripts = [MIGRATIONS_DIR / "env.py", *sorted((MIGRATIONS_DIR / "versions").glob("*.py"))]
    assert len(scripts) > 2
    # The standard library too: PyInstaller bundles only the parts the code uses.
    needed = {name for script in scripts for name in _imports_of(script)} - {"__future__"}
    assert {"alembic.op", "alembic.context", "collections"} <= needed
    assert not needed - hidden, (
        f"imports of the migrations not in HIDDEN_IMPORTS: {needed - hidden}"
    )

"""Measures of the application as a process of its own, launched as an official
launches it (`python -m tiepdan_desktop`), offscreen, signed in through the
test-only option: startup until the main window is painted and idle, and the
peak memory with the whole reception register scrolled end to end."""

from __future__ import annotations

import compileall
import sys
from pathlib import Path

import tiepdan_desktop
from tiepdan_desktop.bench import floors
from tiepdan_desktop.bench.database import CHAIRMAN, BenchDatabase
from tiepdan_desktop.db.engine import sqlite_url


def _command(database: BenchDatabase, probe: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tiepdan_desktop",
        "--data-dir",
        str(database.paths.root),
        # The database named outright: no daily backup, no backup on leaving,
        # which an office's own start-up does in the background (not timed).
        "--db",
        str(sqlite_url(database.paths.database)),
        "--sign-in",
        CHAIRMAN,
        "--bench-probe",
        probe,
    ]


def compile_application() -> None:
    """Compile the application's modules to bytecode, as an installed copy has
    them (pip compiles at install; the frozen build ships .pyc files).  Run from
    a source tree under PYTHONDONTWRITEBYTECODE, each launch would otherwise
    compile every module again, which no office's start does."""
    compileall.compile_dir(Path(tiepdan_desktop.__file__).parent, quiet=1)


def startup(database: BenchDatabase) -> float:
    environment = floors.offscreen_environment(TIEPDAN_PASSWORD=database.password)
    seconds, _rest = floors.time_until_ready(_command(database, "startup"), environment)
    return seconds


def peak_memory(database: BenchDatabase) -> tuple[float, int]:
    """Peak resident megabytes of the GUI process, and the rows it scrolled."""
    environment = floors.offscreen_environment(TIEPDAN_PASSWORD=database.password)
    _seconds, rest = floors.time_until_ready(_command(database, "memory"), environment)
    found = dict(line.split(" ", 1) for line in rest.splitlines() if " " in line)
    return float(found["PEAK_RSS"]), int(found["ROWS"])

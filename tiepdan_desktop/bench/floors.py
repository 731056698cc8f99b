"""The floors: the least each operation could cost on this machine, measured in
the same run as the product so that their ratio means the same on any PC.

- F_qt: a fresh Python that imports PySide6 and paints an empty QMainWindow;
- F_page: raw sqlite3, the register's row count and its first 100 rows in the
  register's order;
- F_xlsx: the faster of openpyxl (write-only) and XlsxWriter writing the same
  values, no formatting;
- F_pdf: a bare reportlab table of the same strings (in the same embedded font
  and size: Vietnamese cannot be printed in the PDF's built-in fonts), as one
  table or in tables of a page each, whichever is faster.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

CellValue = str | int | dt.date
QT_FLOOR = Path(__file__).with_name("qt_floor.py")
READY = "READY"
LAUNCH_TIMEOUT = 120.0


def offscreen_environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}


def time_until_ready(command: Sequence[str], environment: dict[str, str]) -> tuple[float, str]:
    """Seconds from launching `command` to its READY line, and what it printed
    after that (the process is left to finish on its own)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    seconds: float | None = None
    for line in process.stdout:
        if line.strip() == READY:
            seconds = time.perf_counter() - started
            break
    rest, errors = process.communicate(timeout=LAUNCH_TIMEOUT)
    if seconds is None or process.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command[:4])}… không báo sẵn sàng (mã {process.returncode}): "
            f"{errors.strip()[-2000:]}"
        )
    return seconds, rest


def qt_startup() -> float:
    seconds, _rest = time_until_ready([sys.executable, str(QT_FLOOR)], offscreen_environment())
    return seconds


class PageFloor:
    """COUNT plus the first 100 rows of the register's order, on one connection
    kept open (as the application keeps its own)."""

    def __init__(self, database: Path) -> None:
        self._connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)

    def __call__(self) -> None:
        self._connection.execute("SELECT count(*) FROM visit").fetchone()
        self._connection.execute(
            "SELECT * FROM visit ORDER BY visited_at DESC, number DESC LIMIT 100"
        ).fetchall()

    def close(self) -> None:
        self._connection.close()


def openpyxl_values(rows: Sequence[Sequence[CellValue]], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def xlsxwriter_values(
    rows: Sequence[Sequence[CellValue]], path: Path, constant_memory: bool = True
) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    sheet = workbook.add_worksheet()
    for index, row in enumerate(rows):
        sheet.write_row(index, 0, row)
    workbook.close()


def bare_pdf_table(
    rows: Sequence[Sequence[str]], widths: Sequence[float], path: Path, per_table: int = 0
) -> None:
    """The rows in one table, or in tables of `per_table` rows (reportlab lays a
    table out again at each page break: shorter ones cost less)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from tiepdan_desktop.exports.pdf_fonts import register_pdf_fonts
    from tiepdan_desktop.exports.visit_register_pdf import BODY_LEADING, BODY_SIZE, MARGIN, PAGE

    font = register_pdf_fonts()
    # The register's own page and margins.
    document = SimpleDocTemplate(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=12 * mm,
    )
    # The register's type size, so both print on as many lines.
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), BODY_SIZE),
            ("LEADING", (0, 0), (-1, -1), BODY_LEADING),
        ]
    )
    size = per_table or max(len(rows), 1)
    tables = [
        Table(
            [list(row) for row in rows[start : start + size]], colWidths=list(widths), style=style
        )
        for start in range(0, len(rows), size)
    ]
    document.build(tables)

"""What the benchmark watches inside the application's own process (started with
the test-only options `--sign-in USER --bench-probe startup|memory`, the
password in TIEPDAN_PASSWORD):

- startup: once the main window has painted and no work is pending, prints
  READY and leaves;
- memory: then opens the reception register, waits for all of its keys,
  scrolls it from the first row to the last a block at a time (each block read
  and painted), and prints the process's peak resident memory.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tiepdan_desktop.ui.main_window import MainWindow
from tiepdan_desktop.ui.models.visit_register_model import BLOCK
from tiepdan_desktop.ui.tasks import TaskRunner

PROBES = ("startup", "memory")


def peak_rss_megabytes() -> float:
    """The most memory the process has held, in MB (resident set / working set)."""
    status = Path("/proc/self/status")
    if status.is_file():
        # Linux: VmHWM is this program's own peak.  getrusage's would include the
        # launching process's, counted in the child between fork and exec.
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 2**10
    try:
        import resource
    except ImportError:  # Windows
        import psutil  # the `bench` extra

        return float(psutil.Process().memory_info().peak_wset) / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def when_idle(tasks: TaskRunner, then: Callable[[], None]) -> None:
    """Call `then` once no task is pending and the events they caused (repaints,
    the blocks of rows those ask for) are handled."""

    def check() -> None:
        QApplication.processEvents()
        if tasks.busy:
            tasks.busy_changed.connect(resume)
            return
        then()

    def resume(busy: bool) -> None:
        if not busy:
            tasks.busy_changed.disconnect(resume)
            QTimer.singleShot(0, check)

    QTimer.singleShot(0, check)


def attach(probe: str, window: MainWindow, tasks: TaskRunner) -> None:
    def ready() -> None:
        print("READY", flush=True)
        if probe == "memory":
            _scroll_register(window, tasks)
        else:
            QApplication.exit(0)

    _FirstPaint(window, lambda: when_idle(tasks, ready))


def _scroll_register(window: MainWindow, tasks: TaskRunner) -> None:
    window.show_screen("reception")
    page = window.reception_page
    assert page is not None
    table = page.table
    bar = table.verticalScrollBar()
    per_item = table.verticalScrollMode() == table.ScrollMode.ScrollPerItem
    # A block of rows per step: each is read, then painted.
    step_size = BLOCK if per_item else BLOCK * table.verticalHeader().defaultSectionSize()

    def step() -> None:
        if not page.model.complete:  # the rest of the keys are still on their way
            when_idle(tasks, step)
            return
        if bar.value() >= bar.maximum():
            print(f"PEAK_RSS {peak_rss_megabytes():.1f}", flush=True)
            print(f"ROWS {page.model.rowCount()}", flush=True)
            QApplication.exit(0)
            return
        bar.setValue(min(bar.value() + step_size, bar.maximum()))
        table.viewport().repaint()
        when_idle(tasks, step)

    when_idle(tasks, step)

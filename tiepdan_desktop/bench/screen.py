"""The reception register's screen, measured in this process (Qt offscreen) with
the real page, its model and its background reads:

- opening: the whole register asked for, until its first rows are painted;
- the screen itself built and shown with its first rows (issue 4's measure);
- search: each keystroke of a name typed with and without diacritics, until
  the results of that text are painted;
- sort by name (Vietnamese order) over the whole register, until painted.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tiepdan_desktop.bench.results import Budget, Result, sampled
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.visit_records import RegisterSort
from tiepdan_desktop.services.context import ServiceContext

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from tiepdan_desktop.ui.app_context import AppContext
    from tiepdan_desktop.ui.pages.reception_page import ReceptionPage

TYPED = ("nguyen van an", "nguyễn văn an")
WAIT_LIMIT = 30.0


class _Screen:
    def __init__(self, context: ServiceContext, actor: Actor) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from tiepdan_desktop.app import create_application
        from tiepdan_desktop.ui.app_context import AppContext
        from tiepdan_desktop.ui.tasks import TaskRunner
        from tiepdan_desktop.ui.ui_state import UiState

        self.application: QApplication = create_application()
        tasks = TaskRunner(lambda error: print(f"Lỗi: {error}"))
        # Column layouts of the benchmark's own, not an office's.
        state = UiState(Path(tempfile.mkdtemp(prefix="tiepdan-bench-")) / "ui-state.ini")
        self.app: AppContext = AppContext(context, actor, tasks, state, "benchmark")

    def wait(self, condition: Callable[[], bool]) -> None:
        """Handle events until `condition`, sleeping between them as the
        application's own event loop does: a busy loop here would take the
        interpreter from the worker threads it waits for."""
        from PySide6.QtCore import QEventLoop, QTimer

        deadline = time.perf_counter() + WAIT_LIMIT
        wake = QTimer()  # a check every 20 ms even when no event comes
        wake.start(20)
        try:
            while not condition():
                if time.perf_counter() > deadline:
                    raise RuntimeError("Màn hình sổ không hiện kết quả sau 30 giây.")
                self.application.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        finally:
            wake.stop()

    def page(self) -> ReceptionPage:
        from tiepdan_desktop.ui.pages.catalogue import SCREENS
        from tiepdan_desktop.ui.pages.reception_page import ReceptionPage

        screen = next(s for s in SCREENS if s.key == "reception")
        page = ReceptionPage(self.app, screen)
        page.resize(1300, 700)
        page.show()
        return page

    def shown(self, page: ReceptionPage, done: Callable[[], bool]) -> None:
        """Until the table has been painted with `done` true and its first rows
        in, whoever asked for that paint (the page itself, or Qt's next
        update)."""
        painted = _PaintWatch(
            page.table.viewport(),
            lambda: done() and (page.model.record(0) is not None or not page.model.rowCount()),
        )
        try:
            self.wait(lambda: painted.seen)
        finally:
            painted.stop()

    def idle(self) -> None:
        self.wait(lambda: not self.app.tasks.busy)
        self.application.processEvents()

    def close(self, page: ReceptionPage) -> None:
        self.idle()
        page.close()
        page.deleteLater()
        self.application.processEvents()


class _PaintWatch:
    """Notes a paint of `widget` that happens while `ready()` holds.  The wait
    returns once the event handling that included the paint has, so the time
    taken includes the painting."""

    def __init__(self, widget: QWidget, ready: Callable[[], bool]) -> None:
        from PySide6.QtCore import QEvent, QObject

        watch = self

        class Filter(QObject):
            def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # Qt's name
                if event.type() == QEvent.Type.Paint and not watch.seen:
                    watch.seen = ready()
                return False

        self.seen = False
        self._widget = widget
        self._filter = Filter()
        widget.installEventFilter(self._filter)

    def stop(self) -> None:
        self._widget.removeEventFilter(self._filter)


def screen_results(
    context: ServiceContext, actor: Actor, runs: int, page_floor: float
) -> list[Result]:
    from tiepdan_desktop.domain.visit_records import RegisterFilter

    screen = _Screen(context, actor)

    def build() -> float:
        started = time.perf_counter()
        page = screen.page()
        screen.shown(page, lambda: page.shown_filter is not None)
        seconds = time.perf_counter() - started
        screen.close(page)  # waits for the rest of the keys: not timed
        return seconds

    build()  # the first build loads Qt's styles and fonts: not what an official waits for
    built_samples = [build() for _ in range(runs)]
    built = sampled(built_samples)

    page = screen.page()
    screen.shown(page, lambda: page.shown_filter is not None)
    screen.idle()

    def reopen() -> None:
        page.shown_filter = None
        page.feed.load(RegisterFilter())
        screen.shown(page, lambda: page.shown_filter is not None)

    def opening() -> float:
        started = time.perf_counter()
        reopen()
        seconds = time.perf_counter() - started
        screen.idle()  # the rest of the keys, read after the first rows show: not timed
        return seconds

    opening()  # the statements prepared once, as after the first opening of a day
    opened_samples = [opening() for _ in range(runs)]
    opened = sampled(opened_samples)
    total = page.model.rowCount()

    keystrokes: list[float] = []
    for text in TYPED:
        for end in range(1, len(text) + 1):
            typed = text[:end]

            def answered(typed: str = typed) -> bool:
                return page.shown_filter is not None and page.shown_filter.search == typed

            started = time.perf_counter()
            page.filters.search.setText(typed)
            screen.shown(page, answered)
            keystrokes.append(time.perf_counter() - started)
            screen.idle()
        page.filters.search.clear()
        screen.shown(page, lambda: page.shown_filter is not None and not page.shown_filter.search)
        screen.idle()

    sorts = []
    for _ in range(runs):
        started = time.perf_counter()
        page.sort_by(RegisterSort.NAME, False)
        screen.shown(
            page,
            lambda: page.shown_filter is not None and page.shown_filter.sort is RegisterSort.NAME,
        )
        sorts.append(time.perf_counter() - started)
        screen.idle()
        page.sort_by(RegisterSort.DATE, True)
        screen.shown(
            page,
            lambda: page.shown_filter is not None and page.shown_filter.sort is RegisterSort.DATE,
        )
        screen.idle()
    screen.close(page)
    return [
        Result(
            "Mở sổ tiếp: cả sổ, đến khi vẽ dòng đầu",
            *opened,
            Budget(seconds=0.15, ratio=6),
            floor=page_floor,
            floor_name="F_page",
            detail=f"{total:,} lượt tiếp",
        ),
        Result("Màn hình sổ tiếp: dựng, đọc, vẽ dòng đầu", *built, Budget(seconds=0.3)),
        Result(
            "Tìm: một phím đến khi hiện kết quả",
            *sampled(keystrokes),
            Budget(seconds=0.05),
            detail=f"«{TYPED[0]}», «{TYPED[1]}» từng phím; "
            f"chậm nhất {max(keystrokes) * 1000:.0f} ms",
        ),
        Result(
            "Sắp xếp theo tên (kiểu Việt), cả sổ",
            *sampled(sorts),
            Budget(seconds=0.3),
        ),
    ]

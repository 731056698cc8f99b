"""Cycles are collected in the GUI thread only, when the counts say so."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import settle
from tiepdan_desktop.ui.garbage_collector import GuiThreadGarbageCollector
from tiepdan_desktop.ui.tasks import TaskRunner


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cycle collector frees it


def test_cycles_made_in_a_worker_are_collected_in_the_gui_thread(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner
) -> None:
    collectors = gui.findChildren(GuiThreadGarbageCollector)
    assert len(collectors) == 1 and collectors[0].timer.isActive()
    collecting_threads: list[str] = []

    def record(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collecting_threads.append(threading.current_thread().name)

    def make_garbage() -> int:
        for _ in range(50_000):  # far past the automatic threshold (2,000)
            _Node()
        return 0

    gc.callbacks.append(record)
    try:
        tasks.read(make_garbage, lambda _r: None)
        settle(qtbot, tasks)
        assert collecting_threads == []  # nothing collected in the worker
        collectors[0].collect_if_due()
    finally:
        gc.callbacks.remove(record)
    assert collecting_threads == [threading.main_thread().name]


def test_garbage_is_collected_once_the_threshold_is_passed(gui: QApplication) -> None:
    collector = gui.findChild(GuiThreadGarbageCollector)
    assert collector is not None
    gc.collect()
    node = _Node()
    alive = weakref.ref(node)
    del node
    original = collector.threshold
    try:
        collector.threshold = (10**9, 10, 10)
        collector.collect_if_due()
        assert alive() is not None  # below the threshold: left for later
        collector.threshold = (0, 10**9, 10**9)
        collector.collect_if_due()
        assert alive() is None
    finally:
        collector.threshold = original


def test_stopping_gives_collection_back_to_python(gui: QApplication) -> None:
    collector = GuiThreadGarbageCollector(gui)
    try:
        collector.stop()
        assert gc.isenabled() and not collector.timer.isActive()
    finally:
        gc.disable()
        collector.deleteLater()

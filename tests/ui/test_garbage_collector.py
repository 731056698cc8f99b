"""Cycles are collected in the GUI thread only, when the counts say so."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtWidgets import QApplication

from tiepdan_desktop.ui.garbage_collector import GuiThreadGarbageCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cycle collector frees it


def test_the_application_collects_in_its_own_thread(gui: QApplication) -> None:
    collectors = gui.findChildren(GuiThreadGarbageCollector)
    assert len(collectors) == 1 and collectors[0].timer.isActive()
    assert not gc.isenabled()  # no collection can start in a worker thread


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

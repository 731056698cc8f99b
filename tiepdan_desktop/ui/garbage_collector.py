"""Python's cycle collector, run only in the GUI thread.

Left automatic, the collector runs in whichever thread happens to allocate,
a background task's worker included; if it then frees a Qt object that lives
in the GUI thread, Qt crashes.  So automatic collection is switched off and a
timer in the GUI thread collects, generation by generation, as the automatic
collector would have (the pattern of pyqtgraph, GitFourchette and OpenCue).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 2_000


class GuiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_if_due)
        self.timer.start(INTERVAL_MS)

    def collect_if_due(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        counts = gc.get_count()
        if counts[0] > self.threshold[0]:
            generation = 0
            if counts[1] > self.threshold[1]:
                generation = 2 if counts[2] > self.threshold[2] else 1
            gc.collect(generation)

    def stop(self) -> None:
        """Give collection back to Python (the event loop is over)."""
        self.timer.stop()
        gc.enable()

"""Running a long export in the background with a progress window that can
stop it: the window never freezes, and a stopped export leaves no file."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from tiepdan_desktop.domain.errors import CancelledError
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_failure

STEPS = 1000


class _ProgressRelay(QObject):
    """Lives in the GUI thread; the worker emits, Qt delivers here."""

    moved = Signal(str, float)


class ExportRunner(QObject):
    def __init__(self, app: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._app = app
        self._parent = parent
        self._relay = _ProgressRelay(self)
        self._relay.moved.connect(self._moved)
        self._window: QProgressDialog | None = None
        self._stop = threading.Event()

    def run(
        self,
        title: str,
        work: Callable[[Callable[[str, float], None]], Any],
        on_done: Callable[[Any], None],
    ) -> None:
        """`work(progress)` runs in a worker; `progress(step, fraction)` reports and
        raises CancelledError once the official pressed Dừng."""
        self._stop.clear()
        window = QProgressDialog(title, self.tr("Dừng"), 0, STEPS, self._parent)
        window.setObjectName("exportProgress")
        window.setWindowTitle(title)
        window.setWindowModality(Qt.WindowModality.WindowModal)
        window.setMinimumDuration(400)
        window.setAutoClose(False)
        window.setAutoReset(False)
        window.canceled.connect(self._stop.set)
        self._window = window
        stop, relay = self._stop, self._relay

        def progress(step: str, fraction: float) -> None:
            if stop.is_set():
                raise CancelledError()
            relay.moved.emit(step, fraction)

        self._app.tasks.read(
            lambda: work(progress),
            lambda result: self._finished(on_done, result),
            self._failed,
            owner=self._parent,
        )

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def cancel(self) -> None:
        self._stop.set()

    def _moved(self, step: str, fraction: float) -> None:
        if self._window is not None:
            self._window.setLabelText(step)
            self._window.setValue(int(fraction * STEPS))

    def _close(self) -> None:
        if self._window is not None:
            self._window.close()
            self._window.deleteLater()
            self._window = None

    def _finished(self, on_done: Callable[[Any], None], result: Any) -> None:
        self._close()
        on_done(result)

    def _failed(self, error: BaseException) -> None:
        self._close()
        if not isinstance(error, CancelledError):
            show_failure(self._parent, error, self.tr("Không xuất được sổ"))

"""Run service calls off the GUI thread.

Reads go to a small pool; writes go to a single worker, because SQLite has one
writer and the order of an official's actions matters.  Results and errors come
back to the GUI thread as callbacks.  After a write, `changed` tells every page
which kinds of records changed so it can refresh itself.
Anchor: Anki's CollectionOp/QueryOp (qt/aqt/operations).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives in the GUI thread; a worker emits on it, Qt delivers in the GUI thread."""

    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the GUI thread, never swallowed
            self._relay.failed.emit(error)
        else:
            self._relay.finished.emit(result)


class TaskRunner(QObject):
    changed = Signal(frozenset)  # kinds of records a finished write changed
    busy_changed = Signal(bool)

    def __init__(self, on_unhandled_error: Failed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()
        self._on_unhandled_error = on_unhandled_error

    def read(self, work: Callable[[], Any], on_done: Done, on_error: Failed | None = None) -> None:
        self._start(self._readers, work, on_done, on_error, frozenset())

    def write(
        self,
        work: Callable[[], Any],
        on_done: Done,
        on_error: Failed | None = None,
        changes: Iterable[str] = (),
    ) -> None:
        self._start(self._writer, work, on_done, on_error, frozenset(changes))

    def notify_changed(self, kinds: Iterable[str]) -> None:
        """Tell the pages that records changed outside a write task (e.g. F5)."""
        self.changed.emit(frozenset(kinds))

    @property
    def busy(self) -> bool:
        return bool(self._relays)

    def wait_until_idle(self, milliseconds: int = 30_000) -> bool:
        """Block until queued work is done (shutdown, tests)."""
        readers = self._readers.waitForDone(milliseconds)
        writer = self._writer.waitForDone(milliseconds)
        return readers and writer

    def _start(
        self,
        pool: QThreadPool,
        work: Callable[[], Any],
        on_done: Done,
        on_error: Failed | None,
        changes: frozenset[str],
    ) -> None:
        relay = _Relay(self)
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)

        def finished(result: Any) -> None:
            self._release(relay)
            on_done(result)
            if changes:
                self.changed.emit(changes)

        def failed(error: BaseException) -> None:
            self._release(relay)
            (on_error or self._on_unhandled_error)(error)

        relay.finished.connect(finished)
        relay.failed.connect(failed)
        pool.start(_Job(work, relay))

    def _release(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
        if not self._relays:
            self.busy_changed.emit(False)

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
from dataclasses import dataclass
from itertools import count
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives in the GUI thread; a worker emits on it, Qt delivers in the GUI thread."""

    finished = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, number: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._number = number
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the GUI thread, never swallowed
            self._relay.failed.emit(self._number, error)
        else:
            self._relay.finished.emit(self._number, result)


@dataclass(frozen=True)
class _Pending:
    on_done: Done
    on_error: Failed | None
    changes: frozenset[str]
    # The widget the callbacks belong to: once it is gone (window closed, logged
    # out), the result is dropped instead of reaching a deleted widget.
    owner: QObject | None = None

    def owner_gone(self) -> bool:
        return self.owner is not None and not shiboken6.isValid(self.owner)


class TaskRunner(QObject):
    changed = Signal(frozenset)  # kinds of records a finished write changed
    busy_changed = Signal(bool)

    def __init__(self, on_unhandled_error: Failed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        # One relay for the runner's whole life: results are matched to their
        # callbacks by job number, so no QObject is made or destroyed per task.
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed)
        self._pending: dict[int, _Pending] = {}
        self._numbers = count(1)
        self._on_unhandled_error = on_unhandled_error

    def read(
        self,
        work: Callable[[], Any],
        on_done: Done,
        on_error: Failed | None = None,
        owner: QObject | None = None,
    ) -> None:
        self._start(self._readers, work, _Pending(on_done, on_error, frozenset(), owner))

    def write(
        self,
        work: Callable[[], Any],
        on_done: Done,
        on_error: Failed | None = None,
        changes: Iterable[str] = (),
        owner: QObject | None = None,
    ) -> None:
        """A write's `changes` are announced even when its owner is gone: the data did change."""
        self._start(self._writer, work, _Pending(on_done, on_error, frozenset(changes), owner))

    def notify_changed(self, kinds: Iterable[str]) -> None:
        """Tell the pages that records changed outside a write task (e.g. F5)."""
        self.changed.emit(frozenset(kinds))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait_until_idle(self, milliseconds: int = 30_000) -> bool:
        """Block until queued work is done (shutdown, tests)."""
        readers = self._readers.waitForDone(milliseconds)
        writer = self._writer.waitForDone(milliseconds)
        return readers and writer

    def _start(self, pool: QThreadPool, work: Callable[[], Any], pending: _Pending) -> None:
        number = next(self._numbers)
        self._pending[number] = pending
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        pool.start(_Job(number, work, self._relay))

    def _take(self, number: int) -> _Pending:
        pending = self._pending.pop(number)
        if not self._pending:
            self.busy_changed.emit(False)
        return pending

    def _finished(self, number: int, result: Any) -> None:
        pending = self._take(number)
        if not pending.owner_gone():
            pending.on_done(result)
        if pending.changes:
            self.changed.emit(pending.changes)

    def _failed(self, number: int, error: BaseException) -> None:
        pending = self._take(number)
        if pending.owner_gone():
            log.warning("A task failed after its window closed", exc_info=error)
            return
        (pending.on_error or self._on_unhandled_error)(error)

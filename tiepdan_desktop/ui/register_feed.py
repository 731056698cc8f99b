"""Filling a lazy register table (the reception and letter registers, the list of
matters) for the filter asked last: the exact count and the first keys at once,
every key next in the background, the rows of what is in view.

Each keystroke of a search asks at once (no pause to wait for): one question
is read at a time, and while it is, only the newest of those asked meanwhile
waits its turn, so typing fast never queues a read per key.  An answer to an
older question is dropped, and the full keys of an answer already replaced on
screen are not read at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QTableView, QWidget

from tiepdan_desktop.domain.visit_records import RegisterStart
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.models.visit_register_model import VisitRegisterModel
from tiepdan_desktop.ui.tasks import TaskRunner


class RegisterFeed[F]:
    def __init__(
        self,
        tasks: TaskRunner,
        owner: QWidget,
        table: QTableView,
        model: VisitRegisterModel,
        read_start: Callable[[F], RegisterStart],
        read_keys: Callable[[F], list[int]],
        failure_title: str,
    ) -> None:
        """`read_start` and `read_keys` run in a worker; the callbacks below in the
        GUI thread: `before_reset` just before the model shows new keys, `arrived`
        (filter, total) once it does, `completed` (total) when every key is in."""
        self._tasks, self._owner, self._table, self._model = tasks, owner, table, model
        self._read_start, self._read_keys = read_start, read_keys
        self._failure_title = failure_title
        self._number = 0
        self._shown = 0  # the question whose answer the model holds
        self._reading = False  # a first read is on its way
        self._waiting: tuple[int, F] | None = None  # the newest question asked meanwhile
        self.before_reset: Callable[[], None] = lambda: None
        self.arrived: Callable[[F, int], None] = lambda _wanted, _total: None
        self.completed: Callable[[int], None] = lambda _total: None
        table.verticalScrollBar().valueChanged.connect(lambda _value: self.prefetch())
        # The selected row's record stays read: the page's actions need it.
        table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: setattr(
                model, "pinned_row", current.row() if current.isValid() else None
            )
        )

    def load(self, wanted: F) -> None:
        self._number += 1
        if self._reading:
            self._waiting = (self._number, wanted)
            return
        self._ask(self._number, wanted)

    def _ask(self, number: int, wanted: F) -> None:
        self._reading = True
        read = self._read_start
        self._tasks.read(
            lambda: read(wanted),
            lambda start: self._start_arrived(number, wanted, start),
            self._start_failed,
            owner=self._owner,
        )

    def _next_waiting(self) -> bool:
        """Ask the question that waited, if any (True: one was asked)."""
        self._reading = False
        waiting, self._waiting = self._waiting, None
        if waiting is None:
            return False
        self._ask(*waiting)
        return True

    def _start_failed(self, error: BaseException) -> None:
        if not self._next_waiting():
            self._failed(error)

    def _failed(self, error: BaseException) -> None:
        show_failure(self._owner, error, self._failure_title)

    def _start_arrived(self, number: int, wanted: F, start: RegisterStart) -> None:
        if self._next_waiting() or number != self._number:
            return
        self.before_reset()
        self._shown = number
        self._model.set_keys(start.keys, start.total, start.first_rows)
        self.prefetch()
        self.arrived(wanted, start.total)
        if not self._model.complete:
            # The first rows are painted now, before the rest of the keys are
            # read: that read holds the interpreter for a tenth of a second and
            # would otherwise slow the very paint the official waits for.
            self._table.viewport().repaint()
            read: Any = self._read_keys

            def keys() -> list[int] | None:
                # Not read once another answer replaced this one (typing on).
                return read(wanted) if number == self._shown else None

            self._tasks.read(
                keys,
                lambda keys: self._keys_arrived(number, keys),
                self._failed,
                owner=self._owner,
            )

    def _keys_arrived(self, number: int, keys: list[int] | None) -> None:
        if number == self._shown and keys is not None:
            self._model.complete_keys(keys)
            self.prefetch()
            self.completed(len(keys))

    def prefetch(self) -> None:
        """Ask for the rows in view (and a few below)."""
        table = self._table
        first = max(table.rowAt(0), 0)
        last = table.rowAt(table.viewport().height() - 1)
        last = self._model.rowCount() - 1 if last < 0 else last
        self._model.prefetch(first, last + 20)

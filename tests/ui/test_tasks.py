from __future__ import annotations

import threading
import time

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import settle
from tiepdan_desktop.ui.tasks import TaskRunner


def test_work_runs_off_the_gui_thread_and_results_come_back_on_it(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner
) -> None:
    gui_thread = threading.get_ident()
    seen: list[tuple[int, int]] = []
    tasks.read(threading.get_ident, lambda worker: seen.append((worker, threading.get_ident())))
    settle(qtbot, tasks)
    assert len(seen) == 1
    worker, delivered_on = seen[0]
    assert worker != gui_thread and delivered_on == gui_thread


def test_writes_run_one_at_a_time_in_order(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner
) -> None:
    started: list[int] = []
    done: list[int] = []

    def write(number: int) -> int:
        started.append(number)
        time.sleep(0.01)
        return number

    for number in range(5):
        tasks.write(lambda n=number: write(n), done.append)  # type: ignore[misc]
    settle(qtbot, tasks)
    assert started == done == [0, 1, 2, 3, 4]


def test_errors_go_to_the_callers_handler_and_changes_are_announced(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner
) -> None:
    failures: list[BaseException] = []
    announced: list[frozenset[str]] = []
    tasks.changed.connect(announced.append)

    def broken() -> None:
        raise ValueError("hỏng")

    tasks.write(broken, lambda _r: None, failures.append, changes={"users"})
    tasks.write(lambda: 1, lambda _r: None, changes={"users", "unit"})
    settle(qtbot, tasks)
    assert [str(e) for e in failures] == ["hỏng"]
    assert announced == [frozenset({"users", "unit"})]  # only the write that succeeded


def test_unhandled_errors_reach_the_runners_handler(gui: QApplication, qtbot: QtBot) -> None:
    caught: list[BaseException] = []
    runner = TaskRunner(caught.append)
    runner.read(lambda: 1 / 0, lambda _r: None)
    qtbot.waitUntil(lambda: not runner.busy)
    assert isinstance(caught[0], ZeroDivisionError)


@pytest.mark.parametrize("method", ["read", "write"])
def test_busy_while_work_is_pending(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner, method: str
) -> None:
    states: list[bool] = []
    tasks.busy_changed.connect(states.append)
    getattr(tasks, method)(lambda: time.sleep(0.02), lambda _r: None)
    assert tasks.busy
    settle(qtbot, tasks)
    assert states == [True, False]


def test_a_result_for_a_closed_window_is_dropped_but_its_changes_announced(
    gui: QApplication, qtbot: QtBot, tasks: TaskRunner
) -> None:
    """Logging out during a long write: the data changed, the window is gone."""
    release = threading.Event()
    delivered: list[object] = []
    announced: list[frozenset[str]] = []
    tasks.changed.connect(announced.append)
    owner = QWidget()
    tasks.write(release.wait, delivered.append, delivered.append, {"calendar"}, owner=owner)
    tasks.read(lambda: 1 / 0, delivered.append, delivered.append, owner=owner)
    shiboken6.delete(owner)  # the C++ widget is gone; the Python name remains
    release.set()
    settle(qtbot, tasks)
    assert delivered == []
    assert announced == [frozenset({"calendar"})]
    kept = QWidget()
    tasks.read(lambda: 2, delivered.append, owner=kept)
    settle(qtbot, tasks)
    assert delivered == [2]

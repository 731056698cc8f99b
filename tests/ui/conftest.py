"""UI fixtures: the configured application, a task runner, a signed-in AppContext.

Message boxes are recorded instead of shown (a modal box would block the test).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tiepdan_desktop.app import create_application
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.tasks import TaskRunner
from tiepdan_desktop.ui.ui_state import UiState


@pytest.fixture
def gui(qapp: QApplication) -> Iterator[QApplication]:
    yield create_application()
    # What a test left behind is freed here, in the GUI thread, as the
    # application's own collector would (never in a task's worker thread).
    gc.collect()


@pytest.fixture(autouse=True)
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def record(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


@pytest.fixture
def task_errors() -> list[BaseException]:
    return []


@pytest.fixture
def tasks(gui: QApplication, task_errors: list[BaseException]) -> Iterator[TaskRunner]:
    runner = TaskRunner(task_errors.append)
    yield runner
    runner.wait_until_idle()
    gui.processEvents()
    assert task_errors == [], "a background task failed without anyone handling it"


@pytest.fixture
def app_context(
    services: ServiceContext, admin: Actor, tasks: TaskRunner, data_paths: DataPaths
) -> AppContext:
    return AppContext(
        services, admin, tasks, UiState(data_paths.ui_state), "du-lieu/tiepdan.sqlite"
    )


def settle(qtbot: QtBot, tasks: TaskRunner) -> None:
    """Wait until background work is done and its results are shown."""
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)

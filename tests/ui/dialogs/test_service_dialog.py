"""A dialog saving through a service cannot be cancelled halfway."""

from __future__ import annotations

import threading

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import settle
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.service_dialog import ServiceFormDialog


def test_escape_and_close_wait_for_the_save(
    gui: QApplication, qtbot: QtBot, app_context: AppContext
) -> None:
    dialog = ServiceFormDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.show()
    release = threading.Event()
    dialog.run_write(lambda: release.wait() and "đã lưu", changes={"calendar"})
    dialog.reject()  # Esc
    close = QCloseEvent()
    dialog.closeEvent(close)  # the window's close button
    assert dialog.isVisible() and not close.isAccepted() and dialog.saving
    release.set()
    settle(qtbot, app_context.tasks)
    assert dialog.result() == 1 and dialog.saved == "đã lưu" and not dialog.saving

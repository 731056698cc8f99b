"""A form dialog whose Save runs one service call as a write task.

The buttons wait while it runs, and Esc or the window's close button do too:
the save cannot be taken back, so the dialog must not look cancelled while it
goes through.  Input problems come back under their fields and anything else
as a message; on success the dialog closes with the service's answer in `saved`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_form_failure
from tiepdan_desktop.ui.widgets.form import ValidatedForm


class ServiceFormDialog(QDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.form = ValidatedForm()
        self.buttons = QDialogButtonBox()
        self.saved: Any = None
        self.saving = False

    def run_write(self, work: Callable[[], Any], changes: Iterable[str]) -> None:
        """`work` is called in the writer thread: take the form's values before."""
        self.form.clear_errors()
        self.saving = True
        self.buttons.setEnabled(False)
        self._app.tasks.write(work, self._done, self._failed, changes=changes, owner=self)

    def reject(self) -> None:
        if not self.saving:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.saving:
            event.ignore()
        else:
            super().closeEvent(event)

    def _done(self, result: Any) -> None:
        self.saving = False
        self.saved = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        show_form_failure(self, self.form, error)

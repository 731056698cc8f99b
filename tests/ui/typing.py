"""Typing Vietnamese in tests: QTest.keyClicks aborts on non-ASCII, so each
character goes in as a key event that carries the text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def replace_text(widget: QWidget, text: str) -> None:
    """Select everything in a line edit and type over it."""
    widget.setFocus()
    select_all = QKeyEvent(
        QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier, ""
    )
    QApplication.sendEvent(widget, select_all)
    type_text(widget, text)

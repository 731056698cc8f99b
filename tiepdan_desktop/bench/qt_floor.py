"""F_qt, the floor of startup: a fresh Python that imports PySide6, creates a
QApplication and shows an empty QMainWindow, until it is painted and idle.

Run as a script (not a module of the package), so nothing of the application
is imported; prints READY when the window is painted and the event loop idle.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, _ready)
        return False


def _ready() -> None:
    QApplication.processEvents()
    print("READY", flush=True)
    QApplication.exit(0)


if __name__ == "__main__":
    application = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 720)
    watcher = _FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    sys.exit(application.exec())

"""A titled white panel: the home page's tiles and blocks."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


def card(title: str, body: QWidget | None = None) -> QFrame:
    frame = QFrame()
    frame.setObjectName("card")
    column = QVBoxLayout(frame)
    column.setContentsMargins(18, 14, 18, 16)
    heading = QLabel(title)
    heading.setObjectName("cardTitle")
    column.addWidget(heading)
    if body is not None:
        column.addWidget(body)
    return frame

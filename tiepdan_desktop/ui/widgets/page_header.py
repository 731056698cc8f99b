"""Title and one-line explanation at the top of each page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def page_header(title: str, subtitle: str) -> QWidget:
    header = QWidget()
    column = QVBoxLayout(header)
    column.setContentsMargins(0, 0, 0, 8)
    title_label = QLabel(title)
    title_label.setObjectName("pageTitle")
    subtitle_label = QLabel(subtitle)
    subtitle_label.setObjectName("pageSubtitle")
    subtitle_label.setWordWrap(True)
    column.addWidget(title_label)
    column.addWidget(subtitle_label)
    return header

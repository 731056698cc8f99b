"""A screen not built yet: it says what it will hold, and shows no invented data."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from tiepdan_desktop.ui.widgets.page_header import page_header


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


def bullet_list(items: list[str]) -> QLabel:
    label = QLabel(
        "<ul style='margin-left:-20px'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    )
    label.setWordWrap(True)
    return label


class PlannedPage(QWidget):
    def __init__(self, object_name: str, title: str, subtitle: str, features: list[str]) -> None:
        super().__init__()
        self.setObjectName(object_name)
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 22, 28, 22)
        column.addWidget(page_header(title, subtitle))
        column.addWidget(card(self.tr("Màn hình này sẽ gồm"), bullet_list(features)))
        note = QLabel(
            self.tr(
                "Chức năng đang được xây dựng. Dữ liệu đã có trong cơ sở dữ liệu được giữ nguyên "
                "và sẽ hiện ở đây khi màn hình hoàn thành."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        column.addWidget(note)
        column.addStretch(1)

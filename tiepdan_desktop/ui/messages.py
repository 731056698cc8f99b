"""Message boxes with Vietnamese buttons.  Widgets call these instead of
QMessageBox directly, so tests can patch one place."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("messageBox")
    return box


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    box = _box(parent, QMessageBox.Icon.Critical, title, text)
    if details:
        box.setDetailedText(details)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "Đồng ý") -> bool:
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button

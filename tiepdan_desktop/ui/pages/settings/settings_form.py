"""The layout of a one-form settings tab: the form in a titled box, «Lưu cài
đặt» under it, both read-only for a role that may not change the office's
settings."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.widgets.form import ValidatedForm


def lay_out_settings_form(
    tab: QWidget, app: AppContext, title: str, form: ValidatedForm, save_button: QPushButton
) -> None:
    group = QGroupBox(title)
    group.setLayout(form)
    buttons = QHBoxLayout()
    buttons.addWidget(save_button)
    buttons.addStretch(1)
    column = QVBoxLayout(tab)
    column.addWidget(group)
    column.addLayout(buttons)
    column.addStretch(1)
    editable = app.can(Permission.MANAGE_UNIT)
    for widget in (group, save_button):
        widget.setEnabled(editable)

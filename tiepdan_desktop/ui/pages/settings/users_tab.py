"""User accounts: list, add, edit, reset password, lock."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.records import UserInfo
from tiepdan_desktop.services import accounts
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.reset_password import ResetPasswordDialog
from tiepdan_desktop.ui.dialogs.user_dialog import UserDialog
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.models.record_table import SORT_ROLE
from tiepdan_desktop.ui.models.users_model import UsersModel
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.tables import record_table

HEADER_STATE_KEY = "users_tab/header"


class UsersTab(QWidget):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.setObjectName("usersTab")
        self._app = app
        self.model = UsersModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = record_table("usersTable", self.tr("Danh sách tài khoản"), self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        for column, width in enumerate((220, 140, 120, 230)):
            self.table.setColumnWidth(column, width)
        if (state := app.ui_state.load_bytes(HEADER_STATE_KEY)) is not None:
            self.table.horizontalHeader().restoreState(state)

        self.add_button = action_button("addUserButton", self.tr("Thêm tài khoản"), self.add_user)
        self.edit_button = action_button(
            "editUserButton", self.tr("Sửa / khóa"), self.edit_selected
        )
        self.reset_button = action_button(
            "resetPasswordButton", self.tr("Đặt lại mật khẩu"), self.reset_selected
        )
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addLayout(buttons)
        column.addWidget(self.table)
        column.addLayout(self._idle_lock_row())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        app.tasks.changed.connect(self._on_changed)
        self._update_buttons()
        self.refresh()

    def _idle_lock_row(self) -> QHBoxLayout:
        """Tự khóa màn hình: after how long without use the program asks the
        password again (issue 8; 0 turns it off)."""
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleLockMinutes")
        self.idle_minutes.setAccessibleName(self.tr("Tự khóa màn hình sau (phút)"))
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setSuffix(self.tr(" phút"))
        self.idle_minutes.setSpecialValueText(self.tr("không tự khóa"))
        save = action_button("saveIdleLockButton", self.tr("Lưu"), self.save_idle_lock)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Tự khóa màn hình khi không dùng sau")))
        row.addWidget(self.idle_minutes)
        row.addWidget(save)
        row.addStretch(1)
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: accounts.idle_lock_minutes(services, actor),
            self.idle_minutes.setValue,
            owner=self,
        )
        return row

    def save_idle_lock(self) -> None:
        services, actor, minutes = self._app.services, self._app.actor, self.idle_minutes.value()
        self._app.tasks.write(
            lambda: accounts.set_idle_lock_minutes(services, actor, minutes),
            lambda _saved: show_info(
                self,
                self.tr("Đã lưu"),
                self.tr("Có hiệu lực từ lần đăng nhập sau."),
            ),
            lambda error: show_failure(self, error, self.tr("Không lưu được")),
            owner=self,
        )

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if "users" in kinds:
            self.refresh()

    def refresh(self) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: accounts.list_users(services, actor),
            self._show,
            lambda error: show_failure(self, error),
            owner=self,
        )

    def _show(self, users: list[UserInfo]) -> None:
        self.model.set_records(users)
        self._update_buttons()

    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.record(self.proxy.mapToSource(rows[0]).row())

    def _update_buttons(self) -> None:
        has_selection = self.selected_user() is not None
        self.edit_button.setEnabled(has_selection)
        self.reset_button.setEnabled(has_selection)

    def add_user(self) -> None:
        UserDialog(self._app, None, self).exec()

    def edit_selected(self) -> None:
        if (user := self.selected_user()) is not None:
            UserDialog(self._app, user, self).exec()

    def reset_selected(self) -> None:
        if (user := self.selected_user()) is not None:
            ResetPasswordDialog(self._app, user, self).exec()

    def save_state(self) -> None:
        self._app.ui_state.save_bytes(HEADER_STATE_KEY, self.table.horizontalHeader().saveState())
